// SPDX-License-Identifier: MIT
#include "scene/labels_p.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace mapreel::scene::detail {

std::vector<LabelSpot> spotsAround(Point c, Point sz, double gap) {
    const double hx = sz.x / 2;
    const double hy = sz.y / 2;
    auto start = [&](Point at) {
        return LabelSpot{at, Align::Start, Rect{at.x, at.y - hy, at.x + sz.x, at.y + hy}};
    };
    auto end = [&](Point at) {
        return LabelSpot{at, Align::End, Rect{at.x - sz.x, at.y - hy, at.x, at.y + hy}};
    };
    auto centre = [&](Point at) {
        return LabelSpot{at, Align::Centre, Rect{at.x - hx, at.y - hy, at.x + hx, at.y + hy}};
    };
    const double d = gap * 0.75;
    return {start({c.x + gap, c.y}),
            end({c.x - gap, c.y}),
            centre({c.x, c.y - gap * 0.6 - hy}),
            centre({c.x, c.y + gap * 0.6 + hy}),
            start({c.x + d, c.y - d - hy}),
            start({c.x + d, c.y + d + hy}),
            end({c.x - d, c.y - d - hy}),
            end({c.x - d, c.y + d + hy})};
}

/// The boxes a name of size `sz` turned by `angle` degrees about `at` covers: a row of small
/// upright boxes along it, since one upright box around a steep name would claim much more
/// of the map than the name covers.
std::vector<Rect> boxesAlong(Point at, double angle, Point sz) {
    const double rad = angle * M_PI / 180;
    const Point along{std::cos(rad), -std::sin(rad)};
    const int pieces = std::max(1, static_cast<int>(std::ceil(sz.x / sz.y)));
    const double piece = sz.x / pieces;
    const double hw = (std::abs(along.x) * piece + std::abs(along.y) * sz.y) / 2;
    const double hh = (std::abs(along.y) * piece + std::abs(along.x) * sz.y) / 2;
    std::vector<Rect> boxes;
    for (int k = 0; k < pieces; ++k) {
        const Point m = at + along * ((k + 0.5) * piece - sz.x / 2);
        boxes.push_back(Rect{m.x - hw, m.y - hh, m.x + hw, m.y + hh});
    }
    return boxes;
}

std::vector<LabelSpot> preferring(std::vector<LabelSpot> spots, story::LabelHint hint) {
    using story::LabelHint;
    // spotsAround's order: right, left, above, below, then the diagonals.
    const int first = hint == LabelHint::Right   ? 0
                      : hint == LabelHint::Left  ? 1
                      : hint == LabelHint::Above ? 2
                      : hint == LabelHint::Below ? 3
                                                 : -1;
    if (first > 0 && static_cast<std::size_t>(first) < spots.size())
        std::rotate(spots.begin(), spots.begin() + first, spots.begin() + first + 1);
    return spots;
}

LabelSpot bestSpot(const Frame& f, const std::vector<LabelSpot>& spots) {
    const LabelSpot* best = &spots.front();
    double bestCover = std::numeric_limits<double>::infinity();
    for (const auto& spot : spots) {
        const double cover = f.overlap(spot.box);
        if (cover <= 0)
            return spot;
        if (cover < bestCover) {
            bestCover = cover;
            best = &spot;
        }
    }
    return *best;
}

Point keepOnScreen(const Frame& f, Point at, Point sz) {
    const double m = f.th.calloutMargin * f.u;
    const double w = f.layout.width;
    const double h = f.layout.height;
    auto clampInside = [&](Point p) {
        p.x = std::clamp(p.x, std::min(m + sz.x / 2, w / 2), std::max(w - m - sz.x / 2, w / 2));
        p.y = std::clamp(p.y, std::min(m + sz.y / 2, h / 2), std::max(h - m - sz.y / 2, h / 2));
        return p;
    };
    at = clampInside(at);
    for (const Rect& panel : {f.layout.title, f.layout.date, f.layout.legend, f.layout.narration}) {
        const Rect box{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2};
        if (!box.intersects(panel.inflated(m / 2)))
            continue;
        // The smallest move that clears this panel, vertically or horizontally.
        const std::array<Point, 4> moves{
            Point{at.x, panel.minY - m / 2 - sz.y / 2}, Point{at.x, panel.maxY + m / 2 + sz.y / 2},
            Point{panel.minX - m / 2 - sz.x / 2, at.y}, Point{panel.maxX + m / 2 + sz.x / 2, at.y}};
        Point best = at;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (const Point& candidate : moves) {
            const Point inside = clampInside(candidate);
            const Rect moved{inside.x - sz.x / 2, inside.y - sz.y / 2, inside.x + sz.x / 2,
                             inside.y + sz.y / 2};
            const double d = std::hypot(inside.x - at.x, inside.y - at.y);
            if (!moved.intersects(panel) && d < bestDistance) {
                best = inside;
                bestDistance = d;
            }
        }
        at = best;
    }
    return at;
}

} // namespace mapreel::scene::detail
