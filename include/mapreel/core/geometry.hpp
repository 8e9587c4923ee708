// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

namespace mapreel {

/// A 2D point; lon/lat degrees, projected metres or pixels depending on the stage.
struct Point {
    double x = 0;
    double y = 0;
    bool operator==(const Point&) const = default;
};

inline Point operator+(Point a, Point b) noexcept {
    return {a.x + b.x, a.y + b.y};
}
inline Point operator-(Point a, Point b) noexcept {
    return {a.x - b.x, a.y - b.y};
}
inline Point operator*(Point a, double s) noexcept {
    return {a.x * s, a.y * s};
}

/// An axis-aligned box; empty when min > max.
struct Rect {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();
    bool operator==(const Rect&) const = default;

    [[nodiscard]] bool empty() const noexcept { return minX > maxX || minY > maxY; }
    [[nodiscard]] double width() const noexcept { return maxX - minX; }
    [[nodiscard]] double height() const noexcept { return maxY - minY; }
    [[nodiscard]] Point centre() const noexcept { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    void expand(Point p) noexcept {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    void expand(const Rect& r) noexcept {
        if (r.empty())
            return;
        expand(Point{r.minX, r.minY});
        expand(Point{r.maxX, r.maxY});
    }
    [[nodiscard]] Rect inflated(double d) const noexcept {
        return {minX - d, minY - d, maxX + d, maxY + d};
    }
    [[nodiscard]] bool intersects(const Rect& o) const noexcept {
        return !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY);
    }
    [[nodiscard]] bool contains(Point p) const noexcept {
        return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY;
    }
};

/// A closed ring; the last point is not repeated.
using Ring = std::vector<Point>;

/// An outer ring followed by its holes.
struct Polygon {
    std::vector<Ring> rings;
    bool operator==(const Polygon&) const = default;
};

using MultiPolygon = std::vector<Polygon>;
using LineString = std::vector<Point>;
using MultiLineString = std::vector<LineString>;

[[nodiscard]] Rect bounds(const Ring& r) noexcept;
[[nodiscard]] Rect bounds(const MultiPolygon& mp) noexcept;
[[nodiscard]] Rect bounds(const MultiLineString& ml) noexcept;

/// Signed area (counter-clockwise positive).
[[nodiscard]] double signedArea(const Ring& r) noexcept;
/// Area of the polygons, holes subtracted (rings assumed valid).
[[nodiscard]] double area(const MultiPolygon& mp) noexcept;

/// Even-odd point-in-polygon over all rings of all polygons.
[[nodiscard]] bool contains(const MultiPolygon& mp, Point p) noexcept;
[[nodiscard]] bool contains(const Ring& r, Point p) noexcept;
/// True when `p` is inside an odd number of `rings` (the even-odd rule, as such rings fill).
[[nodiscard]] bool containsEvenOdd(const std::vector<Ring>& rings, Point p) noexcept;
/// A point well inside the largest polygon of `mp`: the middle of the widest stretch of it
/// along one of several horizontal lines; the centre of its bounds when it has no area.
[[nodiscard]] Point interiorPoint(const MultiPolygon& mp);

/// Length of a polyline.
[[nodiscard]] double length(const LineString& l) noexcept;

/// Distance from `p` to the segment `a`-`b`.
[[nodiscard]] double segmentDistance(Point p, Point a, Point b) noexcept;

/// Distance from `p` to the polyline.
[[nodiscard]] double distance(const LineString& l, Point p) noexcept;

} // namespace mapreel
