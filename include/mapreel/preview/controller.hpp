// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/geometry.hpp"
#include "mapreel/preview/display.hpp"
#include "mapreel/preview/model_loader.hpp"
#include "mapreel/preview/player.hpp"
#include "mapreel/preview/reload.hpp"
#include "mapreel/preview/scripted_display.hpp"
#include "mapreel/preview/worker.hpp"
#include "mapreel/render/surface.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mapreel::preview {

/// What the preview shows and where it reports.
struct ControllerOptions {
    std::string story;      ///< the story file
    std::string lang;       ///< narration language; empty: the story's first
    bool trace = false;     ///< report every change of state through traceLine
    int maxFrames = 100000; ///< headless: stop after this many loop turns
    /// One line for every change of state, when tracing.
    std::function<void(const std::string&)> traceLine;
    /// One problem of the story, when not tracing (the author still sees what is wrong).
    std::function<void(const std::string&)> errorLine;
    /// The warnings of a story that loaded.
    std::function<void(const Diagnostics&)> warnings;
};

/// The live preview's state and its one loop: plays a story on a display with the renderer
/// that writes the video, and reloads it when the story or its data files change. Loads run
/// on a worker thread (through `loader`); the loop keeps drawing the last good story and
/// swaps in a new one when its load is done. Story errors never end it: they are shown
/// over the last good map.
class Controller {
public:
    /// `script` is the display when it is a headless one (it then waits for every load);
    /// the display, canvases and loader must outlive the controller.
    Controller(ControllerOptions options, Display& display, ScriptedDisplay* script,
               render::CanvasFactory& canvases, ModelLoader& loader);
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;
    Controller(Controller&&) = delete;
    Controller& operator=(Controller&&) = delete;

    /// Runs until the display closes (or a headless script ends); false when a headless
    /// run ends with the story still invalid. Throws Interrupted, and std::invalid_argument
    /// for a bad headless script.
    [[nodiscard]] bool run();

private:
    using LoadWorker = LatestJobWorker<LoadOutcome>;

    void trace(const std::string& line) const;
    /// Starts loading the story on the worker, superseding a load still running. A
    /// scripted run waits for it: its simulated clock must not depend on the machine.
    void requestLoad(bool fromChange);
    /// Shows what a load produced: the new story, or its errors over the last good map.
    void apply(LoadWorker::Done done);
    void traceErrors();
    [[nodiscard]] std::string lang() const;
    /// Returns false when the preview should close.
    bool handle(const InputEvent& e);
    void seekTo(double x, double now);
    [[nodiscard]] std::string dateText(double t, bool iso) const;
    std::vector<std::string> probeLines(int width, int height, double t);
    void drawIfNeeded();
    /// One line whenever what the author sees changes: step, play state, overlays, or the
    /// frame while paused (playback would print every frame).
    void traceState();

    ControllerOptions options_;
    Display& display_;
    ScriptedDisplay* script_;
    render::CanvasFactory& canvases_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<render::RasterCanvas> canvas_;
    Player player_;
    ChangeDetector detector_;
    LoadStatus status_;
    PixelSize drawnSize_;
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
    ModelLoader& loader_;                 ///< outlives the worker: its jobs use it until joined
    LoadWorker worker_;
};

} // namespace mapreel::preview
