// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <chrono>
#include <cstddef>
#include <optional>

/// Planar algorithms of the GEOS adapter, for what GEOS cannot bound: they use no recursion
/// (no input can overflow the call stack) and bound their own work.
namespace mapreel::adapters::planar {

/// The CPU time of the calling thread: the clock of every geometry time budget. A budget in
/// wall-clock time would give up on sound data whenever the machine is busy (a build or
/// another render sharing the cores), as it did.
struct Clock {
    using duration = std::chrono::nanoseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<Clock>;
    static constexpr bool is_steady = true;
    [[nodiscard]] static time_point now() noexcept;
};

/// Douglas-Peucker simplification of every ring of `polygons` that keeps their topology: a
/// shortcut is taken only when no vertex it drops lies farther than `tolerance` from it and
/// it crosses no other edge, kept or new, of any ring; a ring keeps at least three points.
/// (The rules of GEOS's TopologyPreservingSimplifier, whose recursion can run for minutes on
/// a zig-zag of tens of thousands of points and overflow the stack on subnormal
/// coordinates.) Rings must be free of NaN and repeated points, not closed (first point not
/// repeated). nullopt when the work is not done by `until`.
[[nodiscard]] std::optional<MultiPolygon>
simplifyPreservingTopology(const MultiPolygon& polygons, double tolerance, Clock::time_point until);

/// How many pairs of edges of `polygons` have bounding boxes that meet (in O(n log n)).
/// GEOS's validity check and repair compare every such pair, so this is the work they would
/// do: Natural Earth coastlines have about one pair per point, a ring zig-zagging across
/// itself hundreds. Rings must hold finite coordinates.
[[nodiscard]] std::size_t overlappingEdgePairs(const MultiPolygon& polygons);

} // namespace mapreel::adapters::planar
