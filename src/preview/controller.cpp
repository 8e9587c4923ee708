// SPDX-License-Identifier: MIT
#include "mapreel/preview/controller.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/core/interrupt.hpp"
#include "mapreel/preview/hud.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/scene/evaluate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace fs = std::filesystem;

namespace mapreel::preview {

namespace {

/// Seconds between polls of the watched files' stamps.
constexpr double kPollInterval = 0.05;
/// Seconds a changed file must hold still before it is read (editors save in steps).
constexpr double kSettle = 0.05;
/// Seconds a reload runs before the window says so.
constexpr double kNoticeDelay = 0.3;

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

Controller::Controller(ControllerOptions options, Display& display, ScriptedDisplay* script,
                       render::CanvasFactory& canvases, ModelLoader& loader)
    : options_(std::move(options)), display_(display), script_(script), canvases_(canvases),
      detector_(kSettle), loader_(loader), worker_([&display] { display.wake(); }) {}

Controller::~Controller() = default;

bool Controller::run() {
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
    trace("exit frames_drawn=" + std::to_string(drawn_) + " dropped=" + std::to_string(dropped_) +
          " error=" + (status_.hasErrors() ? "1" : "0"));
    return script_ == nullptr || !status_.hasErrors();
}

void Controller::trace(const std::string& line) const {
    if (options_.trace)
        options_.traceLine(line);
}

/// Starts loading the story on the worker, superseding a load still running. A
/// scripted run waits for it: its simulated clock must not depend on the machine.
void Controller::requestLoad(bool fromChange) {
    LoadRequest request{options_.story, options_.lang, model_ ? model_->files : detector_.files(),
                        std::nullopt};
    if (model_)
        request.where = player_.position();
    loading_ = true;
    loadStarted_ = display_.now();
    fromChange_ = fromChange;
    dirty_ = dirty_ || !model_;
    worker_.submit([this, request = std::move(request)](const JobToken& token) {
        return loader_.load(request, token);
    });
    if (script_ != nullptr)
        if (auto done = worker_.wait())
            apply(std::move(*done));
}

/// Shows what a load produced: the new story, or its errors over the last good map.
void Controller::apply(LoadWorker::Done done) {
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
        options_.warnings(out.warnings);
    const bool hadModel = model_ != nullptr;
    auto& next = *out.model;
    next.salt = ++salts_;
    const bool keepBase = hadModel && sameBase(*model_, next);
    next.baseSalt = keepBase ? model_->baseSalt : next.salt;
    model_ = std::move(out.model);
    if (hadModel)
        player_.reload(model_->timeline->clock(), display_.now());
    else
        player_ = Player(model_->timeline->clock());
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

void Controller::traceErrors() {
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
            options_.errorLine(e);
}

std::string Controller::lang() const {
    if (!model_)
        return {};
    return model_->timeline->lang();
}

/// Returns false when the preview should close.
bool Controller::handle(const InputEvent& e) {
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
        } else if (auto c = commandFor(e.key)) {
            player_.handle(*c, now);
            dirty_ = true;
        }
        return true;
    case InputKind::MouseDown: {
        const auto size = display_.pixelSize();
        const Rect bar = scrubBar(size.width, size.height);
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

void Controller::seekTo(double x, double now) {
    const auto size = display_.pixelSize();
    const double duration = player_.clock().lastFrameTime();
    player_.seek(scrubTime(x, size.width, size.height, duration), now);
    dirty_ = true;
}

std::string Controller::dateText(double t, bool iso) const {
    if (!model_)
        return {};
    const auto& tl = *model_->timeline;
    const int i = tl.clock().stepAt(t);
    const DatePrecision p = i >= 0
                                ? tl.clock().steps()[static_cast<std::size_t>(i)].source->precision
                                : DatePrecision::Day;
    const Date d = fromHistTime(tl.clock().dateAt(t), iso ? DatePrecision::Day : p);
    return iso ? isoDate(d) : formatDate(d, p, lang());
}

std::vector<std::string> Controller::probeLines(int width, int height, double t) {
    std::vector<std::string> lines;
    const auto& tl = *model_->timeline;
    const auto view =
        scene::cameraAt(tl, scene::makeLayout(width, height, model_->theme.narrationCard), t);
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

void Controller::drawIfNeeded() {
    const auto size = display_.pixelSize();
    if (!canvas_ || canvas_->size() != size) {
        // A new size is a new layout, drawn sharp at the new size: never a scaled copy.
        if (drawnSize_.width > 0 && size != drawnSize_)
            trace("size " + std::to_string(size.width) + "x" + std::to_string(size.height));
        drawnSize_ = size;
        canvas_ = canvases_.raster(size);
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
    HudState hud;
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
            const int mapH = mapHeight(size.height, bar_);
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
            hud.errors.push_back(options_.story + ": error: cannot draw this frame: " + e.what());
        }
    } else {
        canvas.clear(Color{0.35, 0.35, 0.37, 1});
    }
    render::drawItems(hudItems(hud, canvas), canvas);
    display_.present(canvas.pixels(), size.width, size.height, canvas.stride());
    const double ms = millisecondsSince(start);
    drawMs_ = drawn_ == 0 ? ms : 0.8 * drawMs_ + 0.2 * ms;
    if (shownPending_) {
        // The first frame of a new load is on screen: how long since the save.
        shownPending_ = false;
        std::ostringstream line;
        line << std::fixed << std::setprecision(1) << "shown generation=" << status_.generation()
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
void Controller::traceState() {
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
      << " playing=" << (player_.playing() ? 1 : 0) << " error=" << (status_.hasErrors() ? 1 : 0)
      << " probe=" << (probe_ ? 1 : 0);
    trace(s.str());
}

} // namespace mapreel::preview
