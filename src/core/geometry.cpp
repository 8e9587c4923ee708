// SPDX-License-Identifier: MIT
#include "mapreel/core/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mapreel {

Rect bounds(const Ring& r) noexcept {
    Rect b;
    for (auto p : r)
        b.expand(p);
    return b;
}

Rect bounds(const MultiPolygon& mp) noexcept {
    Rect b;
    for (const auto& poly : mp)
        if (!poly.rings.empty())
            b.expand(bounds(poly.rings.front()));
    return b;
}

Rect bounds(const MultiLineString& ml) noexcept {
    Rect b;
    for (const auto& l : ml)
        for (auto p : l)
            b.expand(p);
    return b;
}

double signedArea(const Ring& r) noexcept {
    double a = 0;
    const std::size_t n = r.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        a += (r[j].x * r[i].y) - (r[i].x * r[j].y);
    return a / 2;
}

double area(const MultiPolygon& mp) noexcept {
    double a = 0;
    for (const auto& poly : mp)
        for (std::size_t i = 0; i < poly.rings.size(); ++i)
            a += (i == 0 ? 1 : -1) * std::abs(signedArea(poly.rings[i]));
    return a;
}

bool contains(const Ring& r, Point p) noexcept {
    bool inside = false;
    const std::size_t n = r.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const Point a = r[i];
        const Point b = r[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

bool contains(const MultiPolygon& mp, Point p) noexcept {
    bool inside = false;
    for (const auto& poly : mp) {
        if (poly.rings.empty() || !bounds(poly.rings.front()).contains(p))
            continue;
        for (const auto& ring : poly.rings)
            if (contains(ring, p))
                inside = !inside;
    }
    return inside;
}

bool containsEvenOdd(const std::vector<Ring>& rings, Point p) noexcept {
    bool inside = false;
    for (const auto& ring : rings)
        if (contains(ring, p))
            inside = !inside;
    return inside;
}

Point interiorPoint(const MultiPolygon& mp) {
    const Polygon* largest = nullptr;
    double best = -1;
    for (const auto& poly : mp) {
        const double a = area(MultiPolygon{poly});
        if (!poly.rings.empty() && a > best) {
            best = a;
            largest = &poly;
        }
    }
    if (largest == nullptr)
        return {};
    const Rect box = bounds(largest->rings.front());
    Point found = box.centre();
    double widest = 0;
    constexpr int kLines = 15;
    for (int k = 1; k <= kLines; ++k) {
        const double y = box.minY + box.height() * k / (kLines + 1);
        std::vector<double> xs;
        for (const auto& ring : largest->rings)
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const Point a = ring[i];
                const Point b = ring[j];
                if ((a.y > y) != (b.y > y))
                    xs.push_back(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y));
            }
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2)
            if (xs[i + 1] - xs[i] > widest) {
                widest = xs[i + 1] - xs[i];
                found = {(xs[i] + xs[i + 1]) / 2, y};
            }
    }
    return found;
}

double length(const LineString& l) noexcept {
    double len = 0;
    for (std::size_t i = 1; i < l.size(); ++i)
        len += std::hypot(l[i].x - l[i - 1].x, l[i].y - l[i - 1].y);
    return len;
}

double segmentDistance(Point p, Point a, Point b) noexcept {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double distance(const LineString& l, Point p) noexcept {
    double best = std::numeric_limits<double>::infinity();
    if (l.size() == 1)
        return std::hypot(p.x - l[0].x, p.y - l[0].y);
    for (std::size_t i = 1; i < l.size(); ++i)
        best = std::min(best, segmentDistance(p, l[i - 1], l[i]));
    return best;
}

} // namespace mapreel
