// SPDX-License-Identifier: MIT
#include "mapreel/preview/reload.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace mapreel::preview {

namespace {

namespace fs = std::filesystem;

class FileList {
public:
    explicit FileList(const story::Story& story) : base_(story.baseDir) {}

    void add(const std::string& name) {
        if (name.empty())
            return;
        std::string path = name;
        // /vsigzip/some/file.gz and friends: GDAL reads the file after the prefix.
        if (path.rfind("/vsi", 0) == 0) {
            const auto slash = path.find('/', 1);
            if (slash == std::string::npos)
                return;
            path = path.substr(slash);
            if (path == "/")
                return;
        }
        fs::path p(path);
        if (p.is_relative())
            p = fs::path(base_) / p;
        const std::string s = p.lexically_normal().string();
        if (std::find(files_.begin(), files_.end(), s) == files_.end())
            files_.push_back(s);
    }

    void add(const story::Region& r) {
        if (r.kind == story::Region::Kind::File)
            add(r.file);
        for (const auto& o : r.operands)
            add(o);
    }

    std::vector<std::string> take() { return std::move(files_); }

private:
    std::string base_;
    std::vector<std::string> files_;
};

} // namespace

std::vector<std::string> watchedFiles(const story::Story& story) {
    FileList list(story);
    // The story path is kept as given (not resolved against its own folder).
    std::vector<std::string> out;
    if (!story.path.empty())
        out.push_back(fs::path(story.path).lexically_normal().string());
    for (const auto& layer : story.map.layers)
        list.add(layer.file);
    for (const auto& [id, region] : story.regions)
        list.add(region);
    for (const auto& t : story.territories)
        for (const auto& k : t.keyframes)
            if (k.region)
                list.add(*k.region);
    for (const auto& step : story.steps) {
        list.add(step.audio);
        for (const auto& a : step.actions) {
            if (const auto* h = std::get_if<story::HighlightAction>(&a.what); h && h->region)
                list.add(*h->region);
            else if (const auto* img = std::get_if<story::ImageAction>(&a.what))
                list.add(img->file);
        }
    }
    for (auto& f : list.take())
        if (std::find(out.begin(), out.end(), f) == out.end())
            out.push_back(std::move(f));
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
