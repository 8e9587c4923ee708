// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/story/story.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

/// Hot reload for the live preview: which files a story depends on, when a change to them
/// has settled enough to reload, and what to show while the edited story is invalid.
namespace mapreel::preview {

/// What a poll knows of a file: modification time and size, or that it is missing.
struct FileStamp {
    std::int64_t mtimeNs = -1; ///< nanoseconds since the file clock's epoch (may be negative)
    std::int64_t size = -1;    ///< bytes; -1 when missing (or not a regular file)
    bool operator==(const FileStamp&) const = default;
};

/// Reads a file's stamp (stat in production, a map in tests).
using StatFn = std::function<FileStamp(const std::string& path)>;

/// The files a story is read from: the story itself, then every data file, layer, audio
/// and image it names, resolved against its folder, without duplicates. GDAL virtual
/// paths (/vsigzip/...) are reduced to the file beneath them.
[[nodiscard]] std::vector<std::string> watchedFiles(const story::Story& story);

/// Decides when to reload from successive polls of file stamps. Editors often save in
/// several writes (truncate, write, rename), so a change must hold still for `settle`
/// seconds before it counts; a change made while the story was loading is still seen
/// because the baseline is the stamps taken before loading.
class ChangeDetector {
public:
    /// `settle`: seconds a changed set of stamps must stay the same before reloading.
    explicit ChangeDetector(double settle = 0.1) : settle_(settle) {}

    /// Watches `files`, whose stamps when their content was read are `baseline`
    /// (one per file, same order).
    void watch(std::vector<std::string> files, std::vector<FileStamp> baseline);
    /// Stamps of every watched file now.
    [[nodiscard]] std::vector<FileStamp> stamps(const StatFn& stat) const;
    /// Polls at time `now` (seconds); true once the files differ from the baseline and
    /// have not changed for `settle` seconds. Reports a change once: the changed stamps
    /// become the baseline. The caller then reloads and, when the load is done, calls
    /// watch() with the files it read and their stamps from before it read them.
    [[nodiscard]] bool poll(const StatFn& stat, double now);

    [[nodiscard]] const std::vector<std::string>& files() const noexcept { return files_; }

private:
    double settle_;
    std::vector<std::string> files_;
    std::vector<FileStamp> baseline_;
    std::vector<FileStamp> pending_; ///< last different stamps seen, empty when none
    double pendingSince_ = 0;
};

/// What the preview shows about the story's health: nothing, or the problems of the last
/// attempt to load it while the last good map stays on screen.
class LoadStatus {
public:
    /// A load succeeded: the error overlay goes away.
    void succeeded() noexcept {
        errors_.clear();
        ++generation_;
    }
    /// A load failed with these problems (errors first, then warnings are dropped).
    void failed(const Diagnostics& diags);
    /// A load failed for an environment reason (missing data file, bad projection).
    void failed(const std::string& file, const std::string& message);

    /// True while the overlay is up.
    [[nodiscard]] bool hasErrors() const noexcept { return !errors_.empty(); }
    /// One `file:line:col: error: message` line per problem, hints on their own lines.
    [[nodiscard]] const std::vector<std::string>& errors() const noexcept { return errors_; }
    /// Counts loads, so a caller can tell a new result from an old one.
    [[nodiscard]] int generation() const noexcept { return generation_; }

private:
    std::vector<std::string> errors_;
    int generation_ = 0;
};

} // namespace mapreel::preview
