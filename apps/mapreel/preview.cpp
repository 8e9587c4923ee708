// SPDX-License-Identifier: MIT
// `mapreel preview`: plays a story in a window with the renderer that writes the video,
// and reloads it when the story or its data files change.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"
#if MAPREEL_HAVE_PREVIEW
#include "sdl/sdl_display.hpp"
#endif

#include "mapreel/core/error.hpp"
#include "mapreel/preview/controller.hpp"
#include "mapreel/render/frame_range.hpp"
#include "mapreel/story/loader.hpp"

#include <iostream>

namespace mapreel::cli {

namespace {

/// Options of `mapreel preview STORY`.
struct PreviewOptions {
    std::string story;
    std::string sizeText;   ///< window size WIDTHxHEIGHT; empty: the canvas fitted to 1280x720
    std::string lang;       ///< narration language; empty: the story's first
    bool trace = false;     ///< print a line on stdout for every change of state
    bool headless = false;  ///< no window: run `script` against a simulated display
    std::string script;     ///< headless input, e.g. "wait=30 right png=a.png space wait=10 q"
    int maxFrames = 100000; ///< headless: stop after this many loop turns
};

/// Runs the preview on `display`; `script` when it is the headless one.
int play(const PreviewOptions& o, preview::Display& display, preview::ScriptedDisplay* script,
         render::CanvasFactory& canvases) {
    adapters::GeoServices services(dataDir(), false);
    preview::ModelLoader loader(services.view());
    preview::ControllerOptions options{
        o.story, o.lang, o.trace, o.maxFrames,
        // Flushed: tests read the trace while we run.
        [](const std::string& line) { std::cout << line << std::endl; },
        [](const std::string& line) { std::cerr << line << '\n'; },
        [&o](const Diagnostics& d) { printDiagnostics(d, o.story); }};
    const bool healthy =
        preview::Controller(std::move(options), display, script, canvases, loader).run();
    return code(healthy ? ExitCode::Ok : ExitCode::InvalidStory);
}

int runPreview(const PreviewOptions& o) {
    // The window: --size, or the story's canvas fitted into 1280x720.
    const auto loaded = story::loadStory(o.story);
    auto size = sizeOption(o.sizeText, {1280, 720});
    if (!size)
        return code(ExitCode::Usage);
    if (o.sizeText.empty() && loaded)
        size = preview::fitWindow({loaded->story.canvas.width, loaded->story.canvas.height}, *size);
    adapters::CairoCanvasFactory canvases;
    if (o.headless) {
        const int fps = loaded ? loaded->story.canvas.fps : 30;
        preview::ScriptedDisplay display(o.script, *size, fps, canvases);
        try {
            return play(o, display, &display, canvases);
        } catch (const std::invalid_argument& e) {
            std::cerr << "mapreel: " << e.what() << '\n';
            return code(ExitCode::Usage);
        }
    }
#if MAPREEL_HAVE_PREVIEW
    std::unique_ptr<adapters::SdlDisplay> display;
    try {
        display =
            std::make_unique<adapters::SdlDisplay>("mapreel preview", size->width, size->height);
    } catch (const Error& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::OutputError);
    }
    return play(o, *display, nullptr, canvases);
#else
    std::cerr << "mapreel: this build has no preview window (it was configured without SDL2); "
                 "install libsdl2-dev and re-run cmake, or use --headless\n";
    return code(ExitCode::OutputError);
#endif
}

} // namespace

Command addPreview(CLI::App& app) {
    auto options = std::make_shared<PreviewOptions>();
    auto& o = *options;
    auto* cmd = app.add_subcommand(
        "preview", "Play a story in a window and reload it whenever it or its data change.");
    addStoryArgument(*cmd, o.story);
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

)" + std::string(kExitCodes));
    return {cmd, [options] { return runPreview(*options); }};
}

} // namespace mapreel::cli
