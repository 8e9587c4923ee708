// SPDX-License-Identifier: MIT
#pragma once
// The shapes of map symbols, in pixels: arrow outlines, stars, circles. Private to src/scene.

#include "mapreel/core/geometry.hpp"
#include "mapreel/scene/scene.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/story/story.hpp"

#include <vector>

namespace mapreel::scene::detail {

/// The outline of a tapered arrow along `px` (pixels), body `w` wide at the head.
/// `ok` is false when the path is too short to draw (under 2 pixels).
[[nodiscard]] Ring arrowOutline(const LineString& px, double w, bool& ok);

/// A star: `points` tips at radius `outer`, notches between them at `inner`, turned by
/// `rotation` radians from pointing up.
struct StarShape {
    int points = 5;
    double outer = 1;
    double inner = 0.5;
    double rotation = 0;
};

[[nodiscard]] Ring star(Point c, const StarShape& shape);

/// A circle of radius `r` around `c` as a 32-gon.
[[nodiscard]] Ring circle(Point c, double r);

/// `px` without its last `len` pixels (at least its first point twice when shorter).
[[nodiscard]] LineString withoutEnd(const LineString& px, double len);

/// The items that draw an arrow of `style` along `px` (pixels, tail to head) in `colour` at
/// opacity `alpha`, sizes scaled by `u`: the map's arrows and the legend's swatches alike.
/// Empty when the path is too short to draw.
[[nodiscard]] std::vector<Item> arrowItems(story::ArrowStyle style, const LineString& px,
                                           Color colour, double alpha, const Theme& th, double u);

/// A marker's symbol: its outline, filled and stroked, and an optional detail drawn over
/// it (a fire's inner flame, an epidemic's spots).
struct MarkerSymbol {
    Path path;
    Color fill;
    Color edge;
    Path detail;
    Color detailColour;
};

/// The symbol of a marker of `kind` at `c`, radius `r`; `sideColour` colours the kinds
/// drawn in their side's colour.
[[nodiscard]] MarkerSymbol markerSymbol(story::MarkerKind kind, Point c, double r, Color sideColour,
                                        const Theme& th);

} // namespace mapreel::scene::detail
