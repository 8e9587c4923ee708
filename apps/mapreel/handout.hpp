// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace mapreel::cli {

/// Options of `mapreel handout STORY -o X.pdf`.
struct HandoutOptions {
    std::string story;
    std::string output;
    std::string paper = "a4"; ///< a4 or letter
    std::string lang;         ///< empty: the story's first language
    bool quiet = false;
};

/// Page geometry of a handout, in PDF points (1/72 inch), y down.
struct HandoutLayout {
    double pageWidth = 595; ///< A4: 595 x 842; Letter: 612 x 792
    double pageHeight = 842;
    double mapX = 41.5; ///< the map's top-left corner
    double mapY = 64;
    double mapWidth = 512;
    double mapHeight = 288; ///< mapWidth at the story canvas's aspect ratio
};

/// Where the map goes on a page of `paper` ("a4" or "letter") for a canvas of `w`x`h`:
/// 512 pt wide, centred, 64 pt from the top.
[[nodiscard]] HandoutLayout handoutLayout(const std::string& paper, int w, int h);

/// The moment a handout page shows for step `step`: 0.35 s before the step ends (half the
/// step if shorter), when its actions are drawn, the date shows the step's last day and
/// the narration card has not begun to fade out.
[[nodiscard]] double handoutTime(const timeline::Timeline& tl, int step);

/// Registers `mapreel handout` on `app`.
CLI::App* addHandoutCommand(CLI::App& app, HandoutOptions& options, const std::string& footer);

/// Writes the handout PDF; returns an exit code (cli::ExitCode).
[[nodiscard]] int runHandout(const HandoutOptions& options);

} // namespace mapreel::cli
