// SPDX-License-Identifier: MIT
#include "mapreel/preview/reload.hpp"

#include "mapreel/core/paths.hpp"
#include "mapreel/publish/site.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace mapreel::preview {

namespace fs = std::filesystem;

std::vector<std::string> watchedFiles(const story::Story& story) {
    // The story path is kept as given (not resolved against its own folder).
    std::vector<std::string> out;
    if (!story.path.empty())
        out.push_back(fs::path(story.path).lexically_normal().string());
    for (const auto& file : publish::storyFiles(story)) {
        std::string path = file.path;
        if (path.empty())
            continue;
        // /vsigzip/some/file.gz and friends: GDAL reads the file after the prefix.
        if (path.rfind("/vsi", 0) == 0) {
            const auto slash = path.find('/', 1);
            if (slash == std::string::npos)
                continue;
            path = path.substr(slash);
            if (path == "/")
                continue;
        }
        auto full = fs::path(resolvePath(story.baseDir, path)).lexically_normal().string();
        if (std::find(out.begin(), out.end(), full) == out.end())
            out.push_back(std::move(full));
    }
    return out;
}

void ChangeDetector::watch(std::vector<std::string> files, std::vector<FileStamp> baseline) {
    files_ = std::move(files);
    baseline_ = std::move(baseline);
    baseline_.resize(files_.size());
    pending_.clear();
}

std::vector<FileStamp> ChangeDetector::stamps(const StatFn& stat) const {
    std::vector<FileStamp> out;
    out.reserve(files_.size());
    for (const auto& f : files_)
        out.push_back(stat(f));
    return out;
}

bool ChangeDetector::poll(const StatFn& stat, double now) {
    auto current = stamps(stat);
    if (current == baseline_) {
        pending_.clear(); // changed and changed back (an editor's backup dance)
        return false;
    }
    if (current != pending_) {
        pending_ = std::move(current);
        pendingSince_ = now;
    }
    if (now - pendingSince_ < settle_)
        return false;
    // Reported once: these stamps are what the reload reads, so they are the new baseline
    // until watch() sets the one the load really saw.
    baseline_ = std::exchange(pending_, {});
    return true;
}

void LoadStatus::failed(const Diagnostics& diags) {
    errors_.clear();
    for (const auto& d : diags.items())
        if (d.severity == Severity::Error)
            errors_.push_back(format(d));
    if (errors_.empty()) // a failure with no error reported is still a failure
        errors_.emplace_back("the story could not be loaded");
    ++generation_;
}

void LoadStatus::failed(const std::string& file, const std::string& message) {
    errors_ = {file + ": error: " + message};
    ++generation_;
}

} // namespace mapreel::preview
