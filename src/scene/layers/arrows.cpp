// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"
#include "scene/symbols_p.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

using timeline::clamp01;
using timeline::easeOut;
using timeline::progress;

/// Boxes along the route of every arrow on screen, so that arrow and marker labels sit
/// beside the arrows rather than on them. Places may still sit on arrows: routes run through towns.
void reserveArrows(Frame& f) {
    for (const auto& a : f.tl.arrows()) {
        if (f.t < a.start || f.t > a.hideAt || a.path.size() < 2)
            continue;
        const double half = f.th.arrowClearance * f.u;
        Point last{1e300, 1e300};
        // The whole route from the moment the arrow starts, not the grown part: labels then
        // keep their places while the arrow grows instead of jumping as it passes them.
        for (const Point q : a.path) {
            const Point p = f.view.apply(q);
            if (std::hypot(p.x - last.x, p.y - last.y) < half)
                continue;
            f.strokes.push_back(Rect{p.x - half, p.y - half, p.x + half, p.y + half});
            last = p;
        }
    }
}

namespace {

/// An arrow's label written along the middle of its route, beside the body on the side up
/// the screen: true when it had room (free of other labels and of the arrows).
bool placeAlong(Frame& f, const timeline::CompiledArrow& a, const std::string& label,
                const Font& font, Point sz, Color ink, double alpha) {
    const std::size_t n = a.path.size();
    if (n < 2)
        return false;
    const std::size_t mid = n / 2;
    const Point p0 = f.view.apply(a.path[mid == 0 ? 0 : mid - 1]);
    const Point p1 = f.view.apply(a.path[std::min(n - 1, mid + 1)]);
    const double len = std::hypot(p1.x - p0.x, p1.y - p0.y);
    if (len <= 0)
        return false;
    double ang = std::atan2(-(p1.y - p0.y), p1.x - p0.x) * 180 / M_PI;
    if (ang > 90 || ang < -90)
        ang += 180;
    Point normal{(p1.y - p0.y) / len, -(p1.x - p0.x) / len};
    if (normal.y > 0)
        normal = normal * -1.0;
    const double off = f.th.arrowClearance * f.u + sz.y / 2 + f.th.arrowLabelGap * f.u * 0.5;
    const Point at = f.view.apply(a.path[mid]) + normal * off;
    const auto boxes = boxesAlong(at, ang, sz);
    if (!std::all_of(boxes.begin(), boxes.end(), [&](const Rect& b) { return f.free(b); }))
        return false;
    f.occupied.insert(f.occupied.end(), boxes.begin(), boxes.end());
    f.scene.items.emplace_back(Text{label, at, font, ink, f.th.halo.withAlpha(alpha),
                                    f.th.arrowLabelHalo * f.u, ang, Align::Centre, Align::Centre});
    return true;
}

} // namespace

void appendArrows(Frame& f) {
    for (const auto& a : f.tl.arrows()) {
        if (f.t < a.start || f.t > a.hideAt || a.path.size() < 2)
            continue;
        const double grow = easeOut(progress(f.t, a.start, a.end));
        const double alpha = 1 - progress(f.t, a.hideAt - 0.8, a.hideAt);
        const LineString part = timeline::grownArrow(a, f.t);
        if (part.size() < 2)
            continue;
        LineString px;
        for (auto p : part)
            px.push_back(f.view.apply(p));
        auto items = arrowItems(a.source->style, px, a.color, alpha, f.th, f.u);
        if (items.empty())
            continue;
        for (auto& item : items)
            f.scene.items.push_back(std::move(item));
        const std::string label = a.source->label.get(f.tl.lang());
        if (!label.empty() && grow > 0.5) {
            // Anchored on the whole route, so the label stays put while the arrow grows; the
            // middle first, then a third or two thirds along, where routes that meet at
            // their heads are further apart.
            Font font{f.th.fontSans, f.th.arrowLabelSize * f.u, true, false, 0};
            const Point sz = f.measure.measure(label, font);
            const double la = alpha * clamp01((grow - 0.5) * 4);
            const Color ink = a.color.darker(f.th.arrowLabelDarken).withAlpha(la);
            if (a.source->labelAt == story::LabelHint::Along &&
                placeAlong(f, a, label, font, sz, ink, la))
                continue;
            std::vector<LabelSpot> spots;
            for (double along : {0.5, 0.33, 0.67}) {
                const auto i = static_cast<std::size_t>(
                    std::lround(along * static_cast<double>(a.path.size() - 1)));
                auto around =
                    preferring(spotsAround(f.view.apply(a.path[i]), sz, f.th.arrowLabelGap * f.u),
                               a.source->labelAt);
                spots.insert(spots.end(), around.begin(), around.begin() + 4);
            }
            // Then the diagonal spots, and places further along, before any that is taken.
            for (double along : {0.5, 0.33, 0.67, 0.2, 0.8}) {
                const auto i = static_cast<std::size_t>(
                    std::lround(along * static_cast<double>(a.path.size() - 1)));
                auto around = spotsAround(f.view.apply(a.path[i]), sz, f.th.arrowLabelGap * f.u);
                spots.insert(spots.end(), around.begin() + (along == 0.2 || along == 0.8 ? 0 : 4),
                             around.end());
            }
            const LabelSpot spot = bestSpot(f, spots);
            f.occupied.push_back(spot.box);
            f.scene.items.emplace_back(Text{label, spot.at, font, ink, f.th.halo.withAlpha(la),
                                            f.th.arrowLabelHalo * f.u, 0, spot.align});
        }
    }
}

} // namespace mapreel::scene::detail
