// SPDX-License-Identifier: MIT
#pragma once
// The shapes of map symbols, in pixels: arrow outlines, stars, circles. Private to src/scene.

#include "mapreel/core/geometry.hpp"

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

} // namespace mapreel::scene::detail
