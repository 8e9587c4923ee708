// SPDX-License-Identifier: MIT
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace mapreel::cli {

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

/// Registers the `preview` subcommand on `app`, filling `options`; its help ends with the
/// keys and then `footer`.
CLI::App* addPreviewCommand(CLI::App& app, PreviewOptions& options, const std::string& footer);

/// Runs the live preview until the window closes; returns an exit code (cli::ExitCode).
/// Story errors never end it: they are shown over the last good map. With --headless,
/// returns InvalidStory when the story is still invalid at the end.
[[nodiscard]] int runPreview(const PreviewOptions& options);

} // namespace mapreel::cli
