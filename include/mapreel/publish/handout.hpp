// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/render/surface.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <string>

/// The printable handout: a page per step (the map at the end of the step, its date,
/// narration and legend), then the sources.
namespace mapreel::publish {

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

/// Draws the handout of `tl` in `lang` on `pages`, whose pages are `layout`'s size; one
/// page per step, then the sources. Throws Interrupted between pages.
void drawHandout(const timeline::Timeline& tl, const std::string& lang, const HandoutLayout& layout,
                 render::DocumentCanvas& pages);

} // namespace mapreel::publish
