// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/scene/scene.hpp"

#include <string>
#include <vector>

/// The preview's overlays, as display-list items drawn over the map by the same canvas:
/// the scrub bar, the error panel and the probe panel. Pure, so tests can read them.
namespace mapreel::preview {

/// What the overlays show for one frame.
struct HudState {
    int width = 1280; ///< canvas pixels
    int height = 720;
    double time = 0;                ///< narrative seconds shown
    double duration = 0;            ///< narrative seconds of the whole story
    std::vector<double> stepStarts; ///< seconds, for the marks on the bar
    int step = -1;                  ///< shown step, from 0; -1 for none
    std::string stepTitle;
    std::string date; ///< the historical date shown, formatted
    bool playing = false;
    bool showBar = true;
    std::vector<std::string> errors; ///< diagnostics; the error panel shows when not empty
    std::vector<std::string> probe;  ///< lines of the `g` panel; shown when not empty
    Point cursor{-1, -1};            ///< pixels; the probe panel sits beside it
    std::string notice;              ///< a short status ("Reloading…") at the top centre
};

/// Scale of the overlays' type and spacing for a canvas `height` pixels high: 1 at 720,
/// never below 1 so small windows stay readable.
[[nodiscard]] double hudUnit(int height) noexcept;

/// Pixel rows left to the map above the bar: the bar never covers the narration card.
[[nodiscard]] int mapHeight(int height, bool showBar) noexcept;
/// The bar along the bottom edge, in pixels.
[[nodiscard]] Rect scrubBar(int width, int height) noexcept;
/// The track inside the bar: x maps linearly to narrative time.
[[nodiscard]] Rect scrubTrack(int width, int height) noexcept;
/// Narrative seconds under pixel column `x` of the track, clamped to [0, duration].
[[nodiscard]] double scrubTime(double x, int width, int height, double duration) noexcept;

/// Builds the overlay items; `measurer` sizes the panels to their text.
[[nodiscard]] std::vector<scene::Item> hudItems(const HudState& state,
                                                scene::TextMeasurer& measurer);

/// `m:ss.s` for a narrative time in seconds.
[[nodiscard]] std::string clockText(double seconds);

} // namespace mapreel::preview
