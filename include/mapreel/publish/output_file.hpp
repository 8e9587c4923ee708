// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

/// Outputs written whole or not at all: each under a temporary name beside its final one,
/// renamed into place once complete. A run that fails or is interrupted leaves every
/// earlier output untouched and no temporary file behind.
namespace mapreel::publish {

/// An output written under a temporary name in its destination folder and renamed into
/// place by commit(); destroyed without commit, it removes the temporary and leaves any
/// earlier file untouched.
class OutputFile {
public:
    /// Throws IoError when the folder is missing or not writable.
    explicit OutputFile(const std::string& path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    OutputFile(OutputFile&&) = delete;
    OutputFile& operator=(OutputFile&&) = delete;

    [[nodiscard]] std::string temporaryPath() const { return temp_.string(); }
    /// Where commit() puts the file.
    [[nodiscard]] std::string finalPath() const { return final_.string(); }
    /// `message` with the temporary name replaced by the final one: the temporary name
    /// means nothing to the user (a full disk is met while writing it).
    [[nodiscard]] std::string named(std::string message) const;
    /// Writes `text` as the whole content; commit() is the caller's. Throws IoError.
    void write(const std::string& text);
    /// Moves the file into place; throws IoError.
    void commit();

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

/// Files written together and committed together once all are complete.
class OutputBatch {
public:
    /// A new output whose content the caller writes to its temporaryPath().
    OutputFile& add(const std::filesystem::path& path);
    /// A new output holding `content`.
    void text(const std::filesystem::path& path, const std::string& content);
    /// A new output holding a copy of `from`.
    void copy(const std::filesystem::path& from, const std::filesystem::path& to);
    /// Commits every output, in the order they were added.
    void commit();
    /// The outputs, in the order they were added.
    [[nodiscard]] const std::vector<std::unique_ptr<OutputFile>>& files() const noexcept {
        return files_;
    }

private:
    std::vector<std::unique_ptr<OutputFile>> files_;
};

/// Creates `dir` and its parents; throws IoError.
void makeFolder(const std::filesystem::path& dir);

/// Numbered PNG files: `dir/prefix` + the frame number zero-padded to `digits` + `.png`.
struct FramePattern {
    std::string dir;
    std::string prefix;
    int digits = 5;
    [[nodiscard]] std::string name(int frame) const;
};

/// The PNG sequence an output path asks for: a path ending in `/` or naming an existing
/// folder (files 00000.png, 00001.png, ...), or a file name with one `%d` or `%0Nd` and
/// the extension `.png` (frames/map-%04d.png). nullopt for anything else.
[[nodiscard]] std::optional<FramePattern> framePatternForPath(const std::string& path);

/// `path` with `.lang` before its extension (`map.mp4` -> `map.fr.mp4`); a folder gets
/// `.lang` after its name (`frames/` -> `frames.fr/`), and so does the folder of a PNG
/// pattern (`f/map-%04d.png` -> `f.fr/map-%04d.png`; no folder: `fr/map-%04d.png`).
[[nodiscard]] std::string withLanguage(const std::string& path, const std::string& lang);

/// A folder of PNG frames written under a hidden temporary folder beside them and moved
/// into place by commit(); without commit, nothing of it is left.
class FrameFolder {
public:
    /// Throws IoError when the folder cannot be made or written in.
    explicit FrameFolder(FramePattern pattern);
    ~FrameFolder();
    FrameFolder(const FrameFolder&) = delete;
    FrameFolder& operator=(const FrameFolder&) = delete;
    FrameFolder(FrameFolder&&) = delete;
    FrameFolder& operator=(FrameFolder&&) = delete;

    /// Where frame `i` is written before commit(); frames may be drawn on several threads.
    [[nodiscard]] std::string temporaryPath(int i);
    /// Moves every frame into place; throws IoError.
    void commit();

private:
    FramePattern pattern_;
    std::filesystem::path temp_;
    std::vector<std::string> names_;
    std::mutex mutex_;
};

} // namespace mapreel::publish
