// SPDX-License-Identifier: MIT
#include "mapreel/scene/band.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mapreel::scene {

namespace {

/// Twice the signed area (positive: counter-clockwise with y up).
double signedArea2(const Ring& r) noexcept {
    double a = 0;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
        a += (r[j].x * r[i].y) - (r[i].x * r[j].y);
    return a;
}

void orient(Ring& r) {
    if (signedArea2(r) < 0)
        std::reverse(r.begin(), r.end());
}

/// The unit normal (left of the direction) of the segment a -> b; false when it is empty.
bool normalOf(Point a, Point b, Point& n) noexcept {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len = std::hypot(dx, dy);
    if (len < 1e-9)
        return false;
    n = {-dy / len, dx / len};
    return true;
}

/// A pie slice at `c` of radius `r` from direction `from` to direction `to` (unit vectors),
/// the shorter way round, with a point every pi/16 at most.
Ring pie(Point c, double r, Point from, Point to) {
    const double a0 = std::atan2(from.y, from.x);
    double sweep = std::atan2(to.y, to.x) - a0;
    while (sweep > std::numbers::pi)
        sweep -= 2 * std::numbers::pi;
    while (sweep < -std::numbers::pi)
        sweep += 2 * std::numbers::pi;
    const int steps =
        std::max(1, static_cast<int>(std::ceil(std::abs(sweep) / (std::numbers::pi / 16))));
    Ring ring{c};
    for (int k = 0; k <= steps; ++k) {
        const double a = a0 + sweep * k / steps;
        ring.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
    }
    return ring;
}

} // namespace

std::vector<Ring> bandPieces(const LineString& centre, const std::vector<double>& widths) {
    std::vector<Ring> out;
    if (centre.size() < 2 || widths.size() != centre.size())
        return out;
    // Drop repeated points: they have no direction.
    LineString pts;
    std::vector<double> half;
    for (std::size_t i = 0; i < centre.size(); ++i) {
        if (!pts.empty() &&
            std::hypot(centre[i].x - pts.back().x, centre[i].y - pts.back().y) < 1e-6) {
            half.back() = std::max(0.0, widths[i]) / 2;
            continue;
        }
        pts.push_back(centre[i]);
        half.push_back(std::max(0.0, widths[i]) / 2);
    }
    if (pts.size() < 2)
        return out;
    Point prevNormal{};
    bool havePrev = false;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        Point n;
        if (!normalOf(pts[i], pts[i + 1], n))
            continue;
        if (havePrev && half[i] > 0) {
            // The round join at pts[i], on both sides: the outer one fills the wedge between
            // the two segments' ends; the inner one lies inside them anyway.
            const double turn = (prevNormal.x * n.y) - (prevNormal.y * n.x);
            const double dot = (prevNormal.x * n.x) + (prevNormal.y * n.y);
            if (std::abs(turn) > 1e-9 || dot < 0) {
                Ring left = pie(pts[i], half[i], prevNormal, n);
                Ring right =
                    pie(pts[i], half[i], Point{-prevNormal.x, -prevNormal.y}, Point{-n.x, -n.y});
                orient(left);
                orient(right);
                out.push_back(std::move(left));
                out.push_back(std::move(right));
            }
        }
        if (half[i] > 0 || half[i + 1] > 0) {
            Ring quad{{pts[i].x + n.x * half[i], pts[i].y + n.y * half[i]},
                      {pts[i + 1].x + n.x * half[i + 1], pts[i + 1].y + n.y * half[i + 1]},
                      {pts[i + 1].x - n.x * half[i + 1], pts[i + 1].y - n.y * half[i + 1]},
                      {pts[i].x - n.x * half[i], pts[i].y - n.y * half[i]}};
            orient(quad);
            out.push_back(std::move(quad));
        }
        prevNormal = n;
        havePrev = true;
    }
    return out;
}

bool coveredNonZero(const std::vector<Ring>& rings, Point p) noexcept {
    int winding = 0;
    for (const auto& r : rings) {
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
            const Point a = r[j];
            const Point b = r[i];
            const double side = ((b.x - a.x) * (p.y - a.y)) - ((p.x - a.x) * (b.y - a.y));
            if (a.y <= p.y) {
                if (b.y > p.y && side > 0)
                    ++winding;
            } else if (b.y <= p.y && side < 0) {
                --winding;
            }
        }
    }
    return winding != 0;
}

} // namespace mapreel::scene
