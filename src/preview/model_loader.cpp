// SPDX-License-Identifier: MIT
#include "mapreel/preview/model_loader.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/story/loader.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;

namespace mapreel::preview {

namespace {

bool sameRivers(const std::vector<timeline::River>& a, const std::vector<timeline::River>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.rank == y.rank && x.line == y.line;
    });
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

std::uint64_t salted(std::uint64_t key, std::uint64_t salt) noexcept {
    return key ^ (salt * 0x9e3779b97f4a7c15ULL + (key << 6U) + (key >> 2U));
}

} // namespace

/// The same territories on both maps, in the same colours: a map without fronts draws its
/// settled territories with the cached base.
static bool sameTerritories(const Model& a, const Model& b) {
    const auto& s = a.story->sides;
    const auto& t = b.story->sides;
    if (s.size() != t.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i].id != t[i].id || s[i].color != t[i].color || s[i].hatch != t[i].hatch)
            return false;
    const auto& x = a.timeline->territories();
    const auto& y = b.timeline->territories();
    if (x.size() != y.size())
        return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].side != y[i].side || x[i].keyframes.size() != y[i].keyframes.size())
            return false;
        for (std::size_t k = 0; k < x[i].keyframes.size(); ++k)
            if (x[i].keyframes[k].date != y[i].keyframes[k].date ||
                x[i].keyframes[k].area != y[i].keyframes[k].area)
                return false;
    }
    return true;
}

bool sameBase(const Model& a, const Model& b) {
    if (!sameTerritories(a, b))
        return false;
    const auto& x = a.timeline->base();
    const auto& y = b.timeline->base();
    return a.story->canvas.theme == b.story->canvas.theme &&
           a.story->canvas.style == b.story->canvas.style && x.hasLand == y.hasLand &&
           x.depthBands == y.depthBands && x.land == y.land && x.focus == y.focus &&
           x.lakes == y.lakes && sameRivers(x.rivers, y.rivers) && x.borders == y.borders &&
           x.disputed == y.disputed && x.graticule == y.graticule && x.outline == y.outline &&
           x.mapGraticule == y.mapGraticule;
}

void saltKeys(scene::Scene& sc, const Model& m) {
    sc.baseKey = salted(sc.baseKey, m.baseSalt);
    sc.overlayKey = salted(sc.overlayKey, m.salt);
    for (auto* items : {&sc.base, &sc.items, &sc.overlay, &sc.top})
        for (auto& item : *items)
            if (auto* g = std::get_if<scene::ClippedGroup>(&item))
                g->clipKey = salted(g->clipKey, m.salt);
}

FileStamp statFile(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return {};
    const auto size = fs::file_size(path, ec);
    if (ec)
        return {};
    const auto mtime = fs::last_write_time(path, ec);
    if (ec)
        return {};
    return {
        static_cast<std::int64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count()),
        static_cast<std::int64_t>(size)};
}

/// Sets both caches' checkpoint for one load.
class ModelLoader::CheckpointScope {
public:
    CheckpointScope(ModelLoader& loader, const Checkpoint& checkpoint) : loader_(loader) {
        loader_.features_.setCheckpoint(checkpoint);
        loader_.ops_.setCheckpoint(checkpoint);
    }
    ~CheckpointScope() {
        loader_.features_.setCheckpoint({});
        loader_.ops_.setCheckpoint({});
    }
    CheckpointScope(const CheckpointScope&) = delete;
    CheckpointScope& operator=(const CheckpointScope&) = delete;

private:
    ModelLoader& loader_;
};

ModelLoader::ModelLoader(const geo::Services& services)
    : projectors_(services.projectors), geodesic_(services.geodesic), dataDir_(services.dataDir),
      features_(services.features, statFile), ops_(services.ops) {}

LoadOutcome ModelLoader::load(const LoadRequest& request, const JobToken& token) {
    LoadOutcome out;
    // Stamps as read: a save made while we compile is seen by the next poll.
    std::vector<FileStamp> before;
    before.reserve(request.files.size());
    for (const auto& f : request.files)
        before.push_back(statFile(f));
    const FileStamp storyStamp = statFile(request.path);
    auto stampOf = [&](const std::string& f) {
        if (f == request.path)
            return storyStamp;
        const auto it = std::find(request.files.begin(), request.files.end(), f);
        return it == request.files.end()
                   ? statFile(f)
                   : before[static_cast<std::size_t>(it - request.files.begin())];
    };
    auto watch = [&](const std::vector<std::string>& files) {
        std::vector<std::string> all;
        all.reserve(files.size() + 1);
        if (std::find(files.begin(), files.end(), request.path) == files.end())
            all.push_back(request.path);
        all.insert(all.end(), files.begin(), files.end());
        out.stamps.clear();
        for (const auto& f : all)
            out.stamps.push_back(stampOf(f));
        out.files = std::move(all);
    };
    const auto parseStart = std::chrono::steady_clock::now();
    auto loaded = story::loadStory(request.path);
    out.parseMs = millisecondsSince(parseStart);
    if (!loaded) {
        out.errors = loaded.error();
        watch(request.files);
        return out;
    }
    token.check();
    out.warnings = std::move(loaded->warnings);
    auto next = std::make_unique<Model>();
    const auto compileStart = std::chrono::steady_clock::now();
    features_.resetStats();
    ops_.resetStats();
    // Abandoned at the next read or operation once a newer edit or the exit wants it.
    const CheckpointScope scope(*this, [&token] { token.check(); });
    try {
        next->story = std::make_shared<const story::Story>(std::move(loaded->story));
        const auto& s = *next->story;
        const std::string lang = request.lang.empty() ? s.defaultLanguage() : request.lang;
        // Known before compiling, so a data file that fails to read is watched too:
        // repairing it reloads the story.
        next->files = watchedFiles(s);
        geo::Services services{features_, projectors_, ops_, geodesic_, dataDir_};
        next->timeline = std::make_unique<timeline::Timeline>(next->story, services, lang);
        next->theme = render::themeOf(s);
    } catch (const std::exception& e) {
        // Missing data files, a bad projection: the author's to fix, not a crash.
        out.failure = e.what();
        out.compileMs = millisecondsSince(compileStart);
        auto files = next->files;
        for (const auto& f : request.files)
            if (std::find(files.begin(), files.end(), f) == files.end())
                files.push_back(f);
        watch(files);
        return out;
    }
    out.compileMs = millisecondsSince(compileStart);
    out.reads = features_.stats();
    out.ops = ops_.stats();
    // Layers and shapes this story no longer uses are forgotten.
    features_.sweep();
    ops_.sweep();
    const auto warmStart = std::chrono::steady_clock::now();
    if (request.where)
        warm(*next->timeline, *request.where);
    out.warmMs = millisecondsSince(warmStart);
    watch(next->files);
    out.model = std::move(next);
    return out;
}

void ModelLoader::warm(const timeline::Timeline& tl, const StepPosition& where) {
    const auto& steps = tl.clock().steps();
    if (steps.empty())
        return;
    const auto i =
        static_cast<std::size_t>(std::clamp(where.step, 0, static_cast<int>(steps.size()) - 1));
    const double t = steps[i].start + where.fraction * steps[i].duration;
    const HistTime date = tl.clock().dateAt(t);
    for (const auto& f : tl.fronts())
        static_cast<void>(tl.frontAt(f, date));
}

} // namespace mapreel::preview
