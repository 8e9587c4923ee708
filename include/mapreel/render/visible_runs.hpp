// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/scene/scene.hpp"

#include <cstddef>
#include <vector>

namespace mapreel::render {

/// Consecutive points of one ring or line of a path: `count` points from `first`, indices
/// taken modulo the ring's size (a run of a ring may wrap past its last point).
struct PathRun {
    const std::vector<Point>* points = nullptr;
    std::size_t first = 0;
    std::size_t count = 0;
    bool closed = false; ///< the whole ring, closed as it was
    [[nodiscard]] Point at(std::size_t k) const { return (*points)[(first + k) % points->size()]; }
};

/// The parts of a path that a stroke reaching at most `reach` pixels from its centre line
/// can paint inside `frame`: each ring or line cut into runs of consecutive segments that
/// come within `reach` of the frame (their bounding boxes, to be quick), the rest left out.
/// A ring or line wholly within reach comes back whole (a ring still closed); runs start and
/// end only at points farther than `reach` from the frame, so caps there paint nothing that
/// the joins they replace would have painted inside it. A detailed coastline of a map drawn
/// close up runs far beyond the frame, and rasterisers stroke every segment they are given.
/// Not for dashed strokes: a run would start its dash pattern afresh.
[[nodiscard]] std::vector<PathRun> visibleRuns(const scene::Path& path, const Rect& frame,
                                               double reach);

} // namespace mapreel::render
