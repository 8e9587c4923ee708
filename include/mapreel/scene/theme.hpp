// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"

#include <array>
#include <map>
#include <string>

namespace mapreel::scene {

/// Colours, fonts and widths of a named theme at 1080p; everything scales with height.
struct Theme {
    Color sea;
    std::array<Color, 4> seaBands;
    Color land, landForeign, river, lake, border, coast, text, halo;
    Color panel, panelText, accent, muted;
    std::string fontSerif = "Noto Serif";
    std::string fontSans = "Noto Sans";
    double borderWidth = 1.2;
    double riverWidth = 1.4;
    double sideOpacity = 0.55;
    double frontWidth = 2.5;
    double titleSize = 34;
    double narrationSize = 25;
    double dateSize = 50;
    double labelSize = 19;
};

/// The theme by name (classic, dark, print) with the story's overrides applied.
[[nodiscard]] Theme makeTheme(const std::string& name,
                              const std::map<std::string, std::string>& overrides);

} // namespace mapreel::scene
