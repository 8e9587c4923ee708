// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <optional>
#include <vector>

/// Unions of areas that share their borders vertex for vertex, as the countries of one
/// topological dataset do (Natural Earth's 10m shapes come from TopoJSON arcs, each border
/// stored once and used by both neighbours).
namespace mapreel::geo {

/// The union of `parts` by dropping every border that two parts share (an edge that one
/// part runs one way and another the other way) and joining the edges left into rings:
/// linear in the number of vertices, where a general polygon union is not. The parts must
/// not overlap and must meet only along shared vertices: parts that meet otherwise (a vertex
/// of one on an edge of the other) are returned side by side, not merged. A part given
/// twice counts once. Returns nullopt when the edges left do not close into rings (a part
/// repeating some of another's edges the same way), so that the caller can fall back to a
/// general union.
[[nodiscard]] std::optional<MultiPolygon>
uniteSharedBorders(const std::vector<MultiPolygon>& parts);

} // namespace mapreel::geo
