// SPDX-License-Identifier: MIT
#include "mapreel/publish/output_file.hpp"

#include "mapreel/core/error.hpp"

#include <charconv>
#include <fstream>
#include <string_view>
#include <unistd.h>

namespace mapreel::publish {

namespace fs = std::filesystem;

OutputFile::OutputFile(const std::string& path) : final_(path) {
    fs::path dir = final_.parent_path();
    if (dir.empty())
        dir = ".";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw IoError("output folder '" + dir.string() + "' does not exist");
    if (access(dir.c_str(), W_OK) != 0)
        throw IoError("output folder '" + dir.string() + "' is not writable");
    // Built by appending: GCC 12 misreads a chain of + here as overlapping copies.
    std::string name = ".";
    name += final_.stem().string();
    name += ".part-";
    name += std::to_string(getpid());
    name += final_.extension().string();
    temp_ = dir / name;
}

OutputFile::~OutputFile() {
    if (!committed_) {
        std::error_code ec;
        fs::remove(temp_, ec);
    }
}

std::string OutputFile::named(std::string message) const {
    const std::string temp = temp_.string();
    for (auto at = message.find(temp); at != std::string::npos; at = message.find(temp, at))
        message.replace(at, temp.size(), final_.string());
    return message;
}

void OutputFile::write(const std::string& text) {
    std::ofstream f(temp_, std::ios::binary);
    f << text;
    f.close();
    if (!f)
        throw IoError("cannot write '" + final_.string() + "'");
}

void OutputFile::commit() {
    std::error_code ec;
    fs::rename(temp_, final_, ec);
    if (ec)
        throw IoError("cannot move the finished file to '" + final_.string() +
                      "': " + ec.message());
    committed_ = true;
}

OutputFile& OutputBatch::add(const fs::path& path) {
    files_.push_back(std::make_unique<OutputFile>(path.string()));
    return *files_.back();
}

void OutputBatch::text(const fs::path& path, const std::string& content) {
    auto& f = add(path);
    std::ofstream o(f.temporaryPath(), std::ios::binary);
    o << content;
    o.close();
    if (!o)
        throw IoError("cannot write '" + path.string() + "'");
}

void OutputBatch::copy(const fs::path& from, const fs::path& to) {
    auto& f = add(to);
    std::error_code ec;
    fs::copy_file(from, f.temporaryPath(), fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw IoError("cannot copy '" + from.string() + "' to '" + to.string() +
                      "': " + ec.message());
}

void OutputBatch::commit() {
    for (auto& f : files_)
        f->commit();
}

void makeFolder(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw IoError("cannot create the folder '" + dir.string() + "': " + ec.message());
}

FrameFolder::FrameFolder(FramePattern pattern) : pattern_(std::move(pattern)) {
    std::error_code ec;
    fs::create_directories(pattern_.dir, ec);
    if (ec || !fs::is_directory(pattern_.dir))
        throw IoError("cannot create the folder '" + pattern_.dir + "'");
    temp_ = fs::path(pattern_.dir) / (".frames.part-" + std::to_string(getpid()));
    fs::create_directory(temp_, ec);
    if (ec)
        throw IoError("cannot write in '" + pattern_.dir + "': " + ec.message());
}

FrameFolder::~FrameFolder() {
    std::error_code ec;
    fs::remove_all(temp_, ec);
}

std::string FrameFolder::temporaryPath(int i) {
    std::string name = pattern_.name(i);
    auto path = (temp_ / fs::path(name).filename()).string();
    const std::scoped_lock lock(mutex_);
    names_.push_back(std::move(name));
    return path;
}

void FrameFolder::commit() {
    for (const auto& name : names_) {
        std::error_code ec;
        fs::rename(temp_ / fs::path(name).filename(), name, ec);
        if (ec)
            throw IoError("cannot move a frame to '" + name + "': " + ec.message());
    }
}

std::string FramePattern::name(int frame) const {
    std::string number = std::to_string(frame);
    if (number.size() < static_cast<std::size_t>(digits))
        number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
    return (fs::path(dir) / (prefix + number + ".png")).string();
}

std::optional<FramePattern> framePatternForPath(const std::string& path) {
    if (path.empty())
        return std::nullopt;
    std::error_code ec;
    if (path.back() == '/' || fs::is_directory(path, ec))
        return FramePattern{path, "", 5};
    const fs::path p(path);
    const std::string file = p.filename().string();
    const auto percent = file.find('%');
    if (percent == std::string::npos || p.extension() != ".png")
        return std::nullopt;
    // %d or %0Nd, once, followed directly by .png.
    std::string_view spec{file};
    spec.remove_prefix(percent + 1);
    int digits = 1;
    if (spec.starts_with('0')) {
        spec.remove_prefix(1);
        const auto [q, err] = std::from_chars(spec.data(), spec.data() + spec.size(), digits);
        if (err != std::errc{} || digits < 1 || digits > 9)
            return std::nullopt;
        spec.remove_prefix(static_cast<std::size_t>(q - spec.data()));
    }
    if (spec != "d.png")
        return std::nullopt;
    const std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
    return FramePattern{dir, file.substr(0, percent), digits};
}

std::string withLanguage(const std::string& path, const std::string& lang) {
    if (!path.empty() && path.back() == '/')
        return path.substr(0, path.size() - 1) + "." + lang + "/";
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return path + "." + lang;
    const fs::path p(path);
    if (p.filename().string().find('%') != std::string::npos) { // a numbered-PNG pattern
        const fs::path dir = p.parent_path();
        return ((dir.empty() ? fs::path(lang) : fs::path(dir.string() + "." + lang)) / p.filename())
            .string();
    }
    return (p.parent_path() / (p.stem().string() + "." + lang + p.extension().string())).string();
}

} // namespace mapreel::publish
