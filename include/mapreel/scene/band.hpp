// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <vector>

/// The shape of a flow band: a polyline drawn with a width that varies along it.
namespace mapreel::scene {

/// The area of a band along `centre` (pixels) whose full width at `centre[i]` is
/// `widths[i]` (pixels, 0 or more), as rings that together cover it when filled with the
/// non-zero rule: one quadrilateral per segment, whose ends take the widths of its two
/// points, and a round join (a pie slice) on both sides of every bend, so the band has no
/// gap on the outside of a turn and its width changes only as smoothly as `widths` does.
/// The ends are square. Every ring runs counter-clockwise (y up; clockwise on screen), so
/// overlapping pieces never cancel. Empty when there are fewer than two points, or when
/// `widths` does not have one width per point.
[[nodiscard]] std::vector<Ring> bandPieces(const LineString& centre,
                                           const std::vector<double>& widths);

/// Whether `p` is covered by `rings` filled with the non-zero rule (winding number not 0).
[[nodiscard]] bool coveredNonZero(const std::vector<Ring>& rings, Point p) noexcept;

} // namespace mapreel::scene
