// SPDX-License-Identifier: MIT
// `mapreel preview`: plays a story in a window with the renderer that writes the video,
// and reloads it when the story or its data files change.
#include "preview.hpp"

#include "cairo/cairo_canvas.hpp"
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"
#if MAPREEL_HAVE_PREVIEW
#include "sdl/sdl_display.hpp"
#endif

#include "cli_common.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/core/error.hpp"
#include "mapreel/preview/cache.hpp"
#include "mapreel/preview/display.hpp"
#include "mapreel/preview/hud.hpp"
#include "mapreel/preview/player.hpp"
#include "mapreel/preview/reload.hpp"
#include "mapreel/preview/worker.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <span>
#include <sstream>
#include <utility>

namespace fs = std::filesystem;

namespace mapreel::cli {

namespace {

using preview::InputEvent;
using preview::InputKind;
using preview::Key;

/// Seconds between polls of the watched files' stamps.
constexpr double kPollInterval = 0.05;
/// Seconds a changed file must hold still before it is read (editors save in steps).
constexpr double kSettle = 0.05;
/// Seconds a reload runs before the window says so.
constexpr double kNoticeDelay = 0.3;

/// A story compiled for drawing. Made on the loader's thread, then handed to the window's
/// thread, which alone uses it from then on (the timeline's projector included).
struct Model {
    std::shared_ptr<const story::Story> story;
    std::unique_ptr<timeline::Timeline> timeline;
    scene::Theme theme;
    std::vector<std::string> files;
    /// Mixed into the canvas's cache keys, which name the camera and size but not the
    /// story: `baseSalt` changes when the base map or theme does, `salt` with every load.
    std::uint64_t baseSalt = 0;
    std::uint64_t salt = 0;
};

bool sameRivers(const std::vector<timeline::River>& a, const std::vector<timeline::River>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.rank == y.rank && x.line == y.line;
    });
}

/// True when two models draw the same cached base layer at the same camera: the same
/// projected base map and the same theme.
bool sameBase(const Model& a, const Model& b) {
    const auto& x = a.timeline->base();
    const auto& y = b.timeline->base();
    return a.story->canvas.theme == b.story->canvas.theme &&
           a.story->canvas.style == b.story->canvas.style && x.hasLand == y.hasLand &&
           x.depthBands == y.depthBands && x.land == y.land && x.focus == y.focus &&
           x.lakes == y.lakes && sameRivers(x.rivers, y.rivers) && x.borders == y.borders &&
           x.disputed == y.disputed && x.graticule == y.graticule;
}

std::uint64_t salted(std::uint64_t key, std::uint64_t salt) noexcept {
    return key ^ (salt * 0x9e3779b97f4a7c15ULL + (key << 6U) + (key >> 2U));
}

/// Makes the scene's cache keys name the model too: the base layer is kept across a
/// reload that left it unchanged, the overlay and the clip masks are drawn afresh.
void saltKeys(scene::Scene& sc, const Model& m) {
    sc.baseKey = salted(sc.baseKey, m.baseSalt);
    sc.overlayKey = salted(sc.overlayKey, m.salt);
    for (auto* items : {&sc.base, &sc.items, &sc.overlay, &sc.top})
        for (auto& item : *items)
            if (auto* g = std::get_if<scene::ClippedGroup>(&item))
                g->clipKey = salted(g->clipKey, m.salt);
}

preview::FileStamp statFile(const std::string& path) {
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

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

/// What the window's thread needs to start a load.
struct LoadRequest {
    std::string path;
    std::string lang;
    std::vector<std::string> files;             ///< the files watched so far
    std::optional<preview::StepPosition> where; ///< the position to prepare for
};

/// What one load produced, for the window's thread to apply.
struct LoadOutcome {
    std::unique_ptr<Model> model;           ///< null when the load failed
    std::optional<Diagnostics> errors;      ///< the story's own problems
    std::string failure;                    ///< or an environment failure
    Diagnostics warnings;                   ///< of a story that loaded
    std::vector<std::string> files;         ///< to watch from now on
    std::vector<preview::FileStamp> stamps; ///< theirs, from before they were read
    double parseMs = 0;
    double compileMs = 0;
    double warmMs = 0;
    preview::CacheStats reads;
    preview::CacheStats ops;
};

/// Reads and compiles stories on the worker's thread, remembering data layers and
/// geometry results between loads. Everything in it (GDAL, the PROJ factory, the GEOS
/// context, the caches) is used by that thread only; the window's thread never touches it.
class Loader {
public:
    Loader() : features_(gdal_, statFile), ops_(geos_) {}

    LoadOutcome load(const LoadRequest& request, const preview::JobToken& token) {
        LoadOutcome out;
        // Stamps as read: a save made while we compile is seen by the next poll.
        std::vector<preview::FileStamp> before;
        before.reserve(request.files.size());
        for (const auto& f : request.files)
            before.push_back(statFile(f));
        const preview::FileStamp storyStamp = statFile(request.path);
        auto stampOf = [&](const std::string& f) {
            if (f == request.path)
                return storyStamp;
            const auto it = std::find(request.files.begin(), request.files.end(), f);
            return it == request.files.end()
                       ? statFile(f)
                       : before[static_cast<std::size_t>(it - request.files.begin())];
        };
        auto watch = [&](std::vector<std::string> files) {
            if (std::find(files.begin(), files.end(), request.path) == files.end())
                files.insert(files.begin(), request.path);
            out.stamps.clear();
            for (const auto& f : files)
                out.stamps.push_back(stampOf(f));
            out.files = std::move(files);
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
            const std::string lang = !request.lang.empty() ? request.lang
                                     : s.languages.empty() ? std::string{}
                                                           : s.languages.front();
            // Known before compiling, so a data file that fails to read is watched too:
            // repairing it reloads the story.
            next->files = preview::watchedFiles(s);
            geo::Services services{features_, projectors_, ops_, geodesic_, dataDir()};
            next->timeline = std::make_unique<timeline::Timeline>(next->story, services, lang);
            next->theme = scene::makeTheme(s.canvas.theme, s.canvas.style);
        } catch (const std::exception& e) {
            // Missing data files, a bad projection: the author's to fix, not a crash.
            out.failure = e.what();
            out.compileMs = millisecondsSince(compileStart);
            auto files = next->files;
            for (const auto& f : request.files)
                if (std::find(files.begin(), files.end(), f) == files.end())
                    files.push_back(f);
            watch(std::move(files));
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

private:
    /// Sets both caches' checkpoint for one load.
    class CheckpointScope {
    public:
        CheckpointScope(Loader& loader, const preview::Checkpoint& checkpoint) : loader_(loader) {
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
        Loader& loader_;
    };

    /// Computes what the first frame at `where` needs and the timeline computes lazily
    /// (the fronts' distance fields), so the window's thread does not pause for it.
    static void warm(const timeline::Timeline& tl, const preview::StepPosition& where) {
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

    adapters::GdalFeatureSource gdal_;
    adapters::ProjFactory projectors_;
    adapters::ProjGeodesic geodesic_;
    adapters::GeosOps geos_;
    preview::CachingFeatureSource features_;
    preview::CachingGeometryOps ops_;
};

const char* keyName(Key k) {
    switch (k) {
    case Key::Space:
        return "space";
    case Key::Left:
        return "left";
    case Key::Right:
        return "right";
    case Key::Comma:
        return "comma";
    case Key::Period:
        return "period";
    case Key::Home:
        return "home";
    case Key::End:
        return "end";
    case Key::G:
        return "g";
    case Key::H:
        return "h";
    case Key::Q:
        return "q";
    case Key::Escape:
        return "escape";
    case Key::Other:
        break;
    }
    return "other";
}

/// Parses all of `text` as a number.
template <class T> bool parseNumber(std::string_view text, T& value) {
    const auto* end =
        text.data() + text.size(); // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic):
                                   // from_chars takes a range
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc{} && ptr == end;
}

/// Parses `A<sep>B`, both numbers.
template <class T> std::optional<std::pair<T, T>> parsePair(std::string_view text, char sep) {
    const auto at = text.find(sep);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::pair<T, T> out{};
    if (!parseNumber(text.substr(0, at), out.first) ||
        !parseNumber(text.substr(at + 1), out.second))
        return std::nullopt;
    return out;
}

/// The display of --headless: a simulated clock that advances one frame per turn of the
/// loop and input read from a script, so a run is the same every time.
class ScriptedDisplay final : public preview::Display {
public:
    ScriptedDisplay(const std::string& script, preview::PixelSize size, int fps)
        : size_(size), tick_(1.0 / std::max(1, fps)) {
        std::istringstream in(script);
        std::string token;
        while (in >> token)
            tokens_.push_back(token);
    }

    [[nodiscard]] preview::PixelSize pixelSize() override { return size_; }
    [[nodiscard]] double now() override { return time_; }

    [[nodiscard]] std::vector<InputEvent> wait(double /*timeout*/) override {
        time_ += tick_;
        std::vector<InputEvent> out;
        if (idle_ > 0) {
            --idle_;
            return out;
        }
        while (next_ < tokens_.size()) {
            const std::string t = tokens_[next_++];
            const auto eq = t.find('=');
            const std::string name = t.substr(0, eq);
            const std::string arg = eq == std::string::npos ? "" : t.substr(eq + 1);
            if (name == "png") {
                writeShot(arg);
                continue;
            }
            if (name == "reload") {
                reload_ = true;
                continue;
            }
            if (name == "wait") {
                int n = 0;
                if (!parseNumber(arg, n) || n < 0)
                    throw std::invalid_argument("script: '" + t + "' needs a count of frames");
                idle_ = std::max(0, n - 1);
                return out;
            }
            if (name == "mouse" || name == "click") {
                const auto xy = parsePair<double>(arg, ':');
                if (!xy)
                    throw std::invalid_argument("script: '" + t + "' needs X:Y");
                const auto [x, y] = *xy;
                if (name == "mouse")
                    out.push_back({InputKind::MouseMove, Key::Other, x, y});
                else {
                    out.push_back({InputKind::MouseDown, Key::Other, x, y});
                    out.push_back({InputKind::MouseUp, Key::Other, x, y});
                }
                return out;
            }
            if (name == "resize") {
                const auto wh = parsePair<int>(arg, 'x');
                if (!wh || wh->first < 16 || wh->second < 16)
                    throw std::invalid_argument("script: '" + t + "' needs WIDTHxHEIGHT");
                size_ = {wh->first, wh->second};
                out.push_back({InputKind::Resize});
                return out;
            }
            for (Key k : {Key::Space, Key::Left, Key::Right, Key::Comma, Key::Period, Key::Home,
                          Key::End, Key::G, Key::H, Key::Q, Key::Escape})
                if (name == keyName(k)) {
                    out.push_back({InputKind::Key, k});
                    return out;
                }
            throw std::invalid_argument("script: unknown token '" + t + "'");
        }
        out.push_back({InputKind::Quit});
        return out;
    }

    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the signature is preview::Display's.
    void present(const std::uint8_t* bgra, int width, int height, int stride) override {
        last_.width = width;
        last_.height = height;
        const auto row = static_cast<std::size_t>(width) * 4;
        const auto rows = static_cast<std::size_t>(height);
        const auto pitch = static_cast<std::size_t>(stride);
        const std::span<const std::uint8_t> pixels(bgra, pitch * rows);
        last_.bgra.resize(row * rows);
        for (std::size_t y = 0; y < rows; ++y) {
            const auto line = pixels.subspan(y * pitch, row);
            std::copy(line.begin(), line.end(),
                      last_.bgra.begin() + static_cast<std::ptrdiff_t>(y * row));
        }
    }

    /// True once after the script asked for a reload.
    [[nodiscard]] bool takeReload() noexcept { return std::exchange(reload_, false); }

private:
    void writeShot(const std::string& path) {
        if (path.empty() || last_.width == 0)
            throw std::invalid_argument("script: png=PATH needs a path and a drawn frame");
        adapters::writePng(last_, path);
    }

    std::vector<std::string> tokens_;
    std::size_t next_ = 0;
    int idle_ = 0;
    bool reload_ = false;
    preview::PixelSize size_;
    double tick_;
    double time_ = 0;
    adapters::RasterImage last_;
};

using LoadWorker = preview::LatestJobWorker<LoadOutcome>;

/// The preview's state and its one loop. Loads run on a worker thread; the loop keeps
/// drawing the last good story and swaps in a new one when its load is done.
class Preview {
public:
    Preview(const PreviewOptions& options, preview::Display& display, ScriptedDisplay* script)
        : options_(options), display_(display), script_(script), detector_(kSettle),
          worker_([&display] { display.wake(); }) {}

    int run() {
        requestLoad(false);
        bool running = true;
        double lastPoll = display_.now();
        while (running) {
            checkInterrupted(); // Ctrl-C in the terminal closes the preview too
            const double now0 = display_.now();
            const double timeout =
                std::min(kPollInterval, player_.untilNextFrame(now0).value_or(kPollInterval));
            for (const auto& e : display_.wait(timeout))
                running = handle(e) && running;
            if (auto done = worker_.take())
                apply(std::move(*done));
            const double now = display_.now();
            player_.tick(now);
            const bool forced = script_ != nullptr && script_->takeReload();
            if (forced || now - lastPoll >= kPollInterval) {
                lastPoll = now;
                if (forced || detector_.poll(statFile, now)) {
                    trace("change seen");
                    requestLoad(!forced);
                }
            }
            // A load that takes long enough to notice gets a notice (a quick one would flash).
            if (loading_ && !noticeShown_ && now - loadStarted_ >= kNoticeDelay)
                dirty_ = true;
            drawIfNeeded();
            traceState();
            if (script_ != nullptr && ++turns_ >= options_.maxFrames)
                running = false;
        }
        trace("exit frames_drawn=" + std::to_string(drawn_) + " dropped=" +
              std::to_string(dropped_) + " error=" + (status_.hasErrors() ? "1" : "0"));
        return script_ != nullptr && status_.hasErrors() ? code(ExitCode::InvalidStory)
                                                         : code(ExitCode::Ok);
    }

private:
    void trace(const std::string& line) const {
        if (options_.trace)
            std::cout << line << std::endl; // flushed: tests read it while we run
    }

    /// Starts loading the story on the worker, superseding a load still running. A
    /// scripted run waits for it: its simulated clock must not depend on the machine.
    void requestLoad(bool fromChange) {
        LoadRequest request{options_.story, options_.lang,
                            model_ ? model_->files : detector_.files(), std::nullopt};
        if (model_)
            request.where = player_.position();
        loading_ = true;
        loadStarted_ = display_.now();
        fromChange_ = fromChange;
        dirty_ = dirty_ || !model_;
        worker_.submit([this, request = std::move(request)](const preview::JobToken& token) {
            return loader_.load(request, token);
        });
        if (script_ != nullptr)
            if (auto done = worker_.wait())
                apply(std::move(*done));
    }

    /// Shows what a load produced: the new story, or its errors over the last good map.
    void apply(LoadWorker::Done done) {
        loading_ = worker_.busy();
        if (done.error)
            std::rethrow_exception(done.error); // a bug, not the author's: main reports it
        if (!done.result)
            return;
        LoadOutcome& out = *done.result;
        detector_.watch(out.files, out.stamps);
        savedAt_.reset();
        if (fromChange_)
            for (const auto& st : out.stamps)
                if (st.size >= 0)
                    savedAt_ = std::max(savedAt_.value_or(st.mtimeNs), st.mtimeNs);
        const bool first = model_ == nullptr && status_.generation() == 0;
        shownPending_ = true;
        dirty_ = true;
        if (!out.model) {
            if (out.errors)
                status_.failed(*out.errors);
            else
                status_.failed(options_.story, out.failure);
            traceErrors();
            return;
        }
        if (!out.warnings.empty())
            printDiagnostics(out.warnings, options_.story);
        const bool hadModel = model_ != nullptr;
        auto& next = *out.model;
        next.salt = ++salts_;
        const bool keepBase = hadModel && sameBase(*model_, next);
        next.baseSalt = keepBase ? model_->baseSalt : next.salt;
        model_ = std::move(out.model);
        if (hadModel)
            player_.reload(model_->timeline->clock(), display_.now());
        else
            player_ = preview::Player(model_->timeline->clock());
        status_.succeeded();
        display_.setTitle("mapreel preview — " + model_->story->title.get(lang()));
        const auto& c = player_.clock();
        std::ostringstream timing;
        timing << std::fixed << std::setprecision(1) << " parse_ms=" << out.parseMs
               << " compile_ms=" << out.compileMs << " warm_ms=" << out.warmMs
               << " reads=" << out.reads.hits << "/" << out.reads.hits + out.reads.misses
               << " ops=" << out.ops.hits << "/" << out.ops.hits + out.ops.misses
               << " base=" << (keepBase ? "kept" : "new");
        trace(std::string(first ? "loaded" : "reloaded") +
              " steps=" + std::to_string(c.steps().size()) +
              " frames=" + std::to_string(c.frameCount()) + " fps=" + std::to_string(c.fps()) +
              " files=" + std::to_string(model_->files.size()) + timing.str());
    }

    void traceErrors() {
        dirty_ = true;
        display_.setTitle("mapreel preview — story has errors");
        trace("error count=" + std::to_string(status_.errors().size()));
        for (const auto& e : status_.errors()) {
            std::string first = e.substr(0, e.find('\n'));
            trace("diag " + first);
        }
        // Without --trace the author still sees what is wrong in the terminal.
        if (!options_.trace)
            for (const auto& e : status_.errors())
                std::cerr << e << '\n';
    }

    [[nodiscard]] std::string lang() const {
        if (!model_)
            return {};
        return model_->timeline->lang();
    }

    /// Returns false when the preview should close.
    bool handle(const InputEvent& e) {
        const double now = display_.now();
        switch (e.kind) {
        case InputKind::Quit:
            return false;
        case InputKind::Resize:
        case InputKind::Expose:
            dirty_ = true;
            return true;
        case InputKind::Key:
            trace(std::string("key ") + keyName(e.key));
            if (e.key == Key::Q || e.key == Key::Escape)
                return false;
            if (e.key == Key::G) {
                probe_ = !probe_;
                dirty_ = true;
            } else if (e.key == Key::H) {
                bar_ = !bar_;
                canvas_.reset(); // the map's layout changes with the bar: no cached base
                dirty_ = true;
            } else if (auto c = preview::commandFor(e.key)) {
                player_.handle(*c, now);
                dirty_ = true;
            }
            return true;
        case InputKind::MouseDown: {
            const auto size = display_.pixelSize();
            const Rect bar = preview::scrubBar(size.width, size.height);
            if (bar_ && e.y >= bar.minY) {
                scrubbing_ = true;
                seekTo(e.x, now);
            }
            return true;
        }
        case InputKind::MouseMove:
            cursor_ = {e.x, e.y};
            if (scrubbing_)
                seekTo(e.x, now);
            if (probe_)
                dirty_ = true;
            return true;
        case InputKind::MouseUp:
            scrubbing_ = false;
            return true;
        }
        return true;
    }

    void seekTo(double x, double now) {
        const auto size = display_.pixelSize();
        const double duration = player_.clock().lastFrameTime();
        player_.seek(preview::scrubTime(x, size.width, size.height, duration), now);
        dirty_ = true;
    }

    [[nodiscard]] std::string dateText(double t, bool iso) const {
        if (!model_)
            return {};
        const auto& tl = *model_->timeline;
        const int i = tl.clock().stepAt(t);
        const DatePrecision p =
            i >= 0 ? tl.clock().steps()[static_cast<std::size_t>(i)].source->precision
                   : DatePrecision::Day;
        const Date d = fromHistTime(tl.clock().dateAt(t), iso ? DatePrecision::Day : p);
        return iso ? isoDate(d) : formatDate(d, p, lang());
    }

    std::vector<std::string> probeLines(int width, int height, double t) {
        std::vector<std::string> lines;
        const auto& tl = *model_->timeline;
        const auto view = scene::cameraAt(tl, scene::makeLayout(width, height), t);
        const auto lonLat = tl.projector().inverse(view.invert(cursor_));
        std::ostringstream s;
        s << std::fixed << std::setprecision(3);
        if (lonLat) {
            s << std::abs(lonLat->x) << "° " << (lonLat->x < 0 ? 'W' : 'E') << ", "
              << std::abs(lonLat->y) << "° " << (lonLat->y < 0 ? 'S' : 'N');
            lines.push_back(s.str());
        } else
            lines.emplace_back("outside the projection");
        lines.push_back("Date: " + dateText(t, false) + " (" + dateText(t, true) + ")");
        if (lonLat) {
            std::string who;
            try {
                const std::string id = tl.probe(*lonLat, tl.clock().dateAt(t));
                const auto* side = tl.story().side(id);
                who = side ? side->name.get(lang()) + " (" + id + ")" : id;
            } catch (const std::exception& e) {
                who = std::string("unknown: ") + e.what();
            }
            lines.push_back("Held by: " + who);
        }
        std::ostringstream timing;
        timing << std::fixed << std::setprecision(1) << "Frame " << player_.frame() + 1 << "/"
               << player_.clock().frameCount() << " · draw " << drawMs_ << " ms (budget "
               << 1000.0 / player_.clock().fps() << ") · " << dropped_ << " dropped";
        lines.push_back(timing.str());
        return lines;
    }

    void drawIfNeeded() {
        const auto size = display_.pixelSize();
        if (!canvas_ || canvas_->width() != size.width || canvas_->height() != size.height) {
            // A new size is a new layout, drawn sharp at the new size: never a scaled copy.
            if (drawnSize_.width > 0 && size != drawnSize_)
                trace("size " + std::to_string(size.width) + "x" + std::to_string(size.height));
            drawnSize_ = size;
            canvas_ = std::make_unique<adapters::CairoCanvas>(size.width, size.height);
            dirty_ = true;
        }
        const int frame = player_.frame();
        if (!dirty_ && frame == lastFrame_)
            return;
        if (player_.playing() && lastFrame_ >= 0 && frame > lastFrame_ + 1)
            dropped_ += frame - lastFrame_ - 1;
        const auto start = std::chrono::steady_clock::now();
        const double t = player_.frameTime();
        auto& canvas = *canvas_;
        preview::HudState hud;
        hud.width = size.width;
        hud.height = size.height;
        hud.time = t;
        hud.playing = player_.playing();
        hud.showBar = bar_;
        hud.errors = status_.errors();
        if (loading_ && !model_ && hud.errors.empty())
            hud.notice = "Loading " + fs::path(options_.story).filename().string() + "…";
        else if (loading_ && display_.now() - loadStarted_ >= kNoticeDelay)
            hud.notice = "Reloading…";
        noticeShown_ = !hud.notice.empty();
        if (model_) {
            try {
                const auto& tl = *model_->timeline;
                // The map is laid out above the bar, at the window's own size.
                const int mapH = preview::mapHeight(size.height, bar_);
                auto sc = scene::evaluate(tl, t, model_->theme, canvas, size.width, mapH);
                saltKeys(sc, *model_);
                render::draw(sc, canvas);
                hud.duration = player_.clock().lastFrameTime();
                hud.stepStarts.clear();
                for (const auto& st : player_.clock().steps())
                    hud.stepStarts.push_back(st.start);
                hud.step = player_.step();
                if (hud.step >= 0)
                    hud.stepTitle =
                        tl.clock().steps()[static_cast<std::size_t>(hud.step)].source->title.get(
                            lang());
                hud.date = dateText(t, false);
                if (probe_ && cursor_.y >= 0 && cursor_.y < mapH)
                    hud.probe = probeLines(size.width, mapH, t);
                else if (probe_)
                    hud.probe = {"Move the pointer over the map"};
                hud.cursor = cursor_;
            } catch (const std::exception& e) {
                // A frame that cannot be drawn is reported, never fatal.
                canvas.clear(Color{0.35, 0.35, 0.37, 1});
                hud.errors.push_back(options_.story +
                                     ": error: cannot draw this frame: " + e.what());
            }
        } else {
            canvas.clear(Color{0.35, 0.35, 0.37, 1});
        }
        render::drawItems(preview::hudItems(hud, canvas), canvas);
        display_.present(canvas.pixels(), size.width, size.height, canvas.stride());
        const double ms = millisecondsSince(start);
        drawMs_ = drawn_ == 0 ? ms : 0.8 * drawMs_ + 0.2 * ms;
        if (shownPending_) {
            // The first frame of a new load is on screen: how long since the save.
            shownPending_ = false;
            std::ostringstream line;
            line << std::fixed << std::setprecision(1)
                 << "shown generation=" << status_.generation()
                 << " error=" << (status_.hasErrors() ? 1 : 0) << " draw_ms=" << ms;
            if (savedAt_) {
                // Stamps count from the file clock's epoch (not the Unix one): compare
                // with that clock.
                const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::file_clock::now().time_since_epoch())
                                     .count();
                line << " since_save_ms=" << static_cast<double>(now - *savedAt_) / 1e6;
            }
            trace(line.str());
        }
        ++drawn_;
        lastFrame_ = frame;
        dirty_ = false;
    }

    /// One line whenever what the author sees changes: step, play state, overlays, or the
    /// frame while paused (playback would print every frame).
    void traceState() {
        if (!options_.trace)
            return;
        const int frame = player_.frame();
        const std::string key = std::to_string(player_.step()) + (player_.playing() ? "p" : "s") +
                                (status_.hasErrors() ? "e" : "") + (probe_ ? "g" : "") +
                                (bar_ ? "" : "h") +
                                (player_.playing() ? "" : "@" + std::to_string(frame)) + "#" +
                                std::to_string(status_.generation());
        if (key == lastTrace_)
            return;
        lastTrace_ = key;
        std::ostringstream s;
        s << std::fixed << std::setprecision(3) << "state step=" << player_.step() + 1 << "/"
          << player_.clock().steps().size() << " frame=" << frame << " t=" << player_.frameTime()
          << " date=" << dateText(player_.frameTime(), true)
          << " playing=" << (player_.playing() ? 1 : 0)
          << " error=" << (status_.hasErrors() ? 1 : 0) << " probe=" << (probe_ ? 1 : 0);
        trace(s.str());
    }

    const PreviewOptions& options_;
    preview::Display& display_;
    ScriptedDisplay* script_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<adapters::CairoCanvas> canvas_;
    preview::Player player_;
    preview::ChangeDetector detector_;
    preview::LoadStatus status_;
    preview::PixelSize drawnSize_;
    Point cursor_{-1, -1};
    bool probe_ = false;
    bool bar_ = true;
    bool scrubbing_ = false;
    bool dirty_ = true;
    int lastFrame_ = -1;
    long dropped_ = 0;
    long drawn_ = 0;
    double drawMs_ = 0;
    int turns_ = 0;
    std::string lastTrace_;
    bool loading_ = false;                ///< a load is waiting or running on the worker
    double loadStarted_ = 0;              ///< display time it was asked for
    bool noticeShown_ = false;            ///< the last frame showed a loading notice
    bool fromChange_ = false;             ///< the running load was started by a saved change
    bool shownPending_ = false;           ///< the next frame is the first of a new load: trace it
    std::optional<std::int64_t> savedAt_; ///< newest stamp of its files, after a change
    std::uint64_t salts_ = 0;             ///< the last Model::salt given out
    Loader loader_;                       ///< before the worker: its jobs use it until it is joined
    LoadWorker worker_;
};

/// The window size: --size, or the story's canvas fitted into 1280x720.
bool windowSize(const PreviewOptions& o, int& w, int& h) {
    if (!o.sizeText.empty())
        return parseSize(o.sizeText, w, h);
    w = 1280;
    h = 720;
    auto loaded = story::loadStory(o.story);
    if (loaded) {
        const double cw = loaded->story.canvas.width;
        const double ch = loaded->story.canvas.height;
        const double s = std::min({1.0, 1280 / cw, 720 / ch});
        w = static_cast<int>(std::lround(cw * s));
        h = static_cast<int>(std::lround(ch * s));
    }
    return true;
}

} // namespace

CLI::App* addPreviewCommand(CLI::App& app, PreviewOptions& o, const std::string& footer) {
    auto* cmd = app.add_subcommand(
        "preview", "Play a story in a window and reload it whenever it or its data change.");
    cmd->add_option("story", o.story, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--size", o.sizeText,
                    "Window size WIDTHxHEIGHT (default: the canvas fitted into 1280x720)");
    cmd->add_option("--lang", o.lang, "The language to narrate in");
    cmd->add_flag("--trace", o.trace,
                  "Print a line on stdout for each change: loads, errors, keys, state");
    cmd->add_flag("--headless", o.headless,
                  "No window: run --script against a simulated display (for tests)");
    cmd->add_option("--script", o.script,
                    "Headless input, one token a frame: space left right comma period home end g "
                    "h q, wait=N, mouse=X:Y, click=X:Y, resize=WxH, reload, png=PATH");
    cmd->add_option("--max-frames", o.maxFrames, "Headless: stop after this many frames")
        ->check(CLI::PositiveNumber);
    cmd->footer(
        R"(Keys: space play/pause, left/right previous/next step, ',' '.' frame back/forward,
home/end, g point info (lon/lat, date, side, timing), h hide the bar, q or Esc quit.
Click or drag the bar to seek. Saving the story (or a data file it uses) reloads it at the
same step; while it has errors the last good map stays up with the problems over it.
Exit code 5: no window can be opened (no display, or a build without SDL2).

)" + footer);
    return cmd;
}

int runPreview(const PreviewOptions& o) {
    int w = 0;
    int h = 0;
    if (!windowSize(o, w, h)) {
        std::cerr << "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";
        return code(ExitCode::Usage);
    }
    if (o.headless) {
        int fps = 30;
        if (auto loaded = story::loadStory(o.story))
            fps = loaded->story.canvas.fps;
        ScriptedDisplay display(o.script, {w, h}, fps);
        try {
            return Preview(o, display, &display).run();
        } catch (const std::invalid_argument& e) {
            std::cerr << "mapreel: " << e.what() << '\n';
            return code(ExitCode::Usage);
        }
    }
#if MAPREEL_HAVE_PREVIEW
    std::unique_ptr<adapters::SdlDisplay> display;
    try {
        display = std::make_unique<adapters::SdlDisplay>("mapreel preview", w, h);
    } catch (const Error& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::OutputError);
    }
    return Preview(o, *display, nullptr).run();
#else
    std::cerr << "mapreel: this build has no preview window (it was configured without SDL2); "
                 "install libsdl2-dev and re-run cmake, or use --headless\n";
    return code(ExitCode::OutputError);
#endif
}

} // namespace mapreel::cli
