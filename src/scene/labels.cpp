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
