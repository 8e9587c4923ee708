// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"

namespace mapreel::scene::detail {

using timeline::clamp01;

void appendFronts(Frame& f) {
    const HistTime date = f.tl.clock().dateAt(f.t);
    for (const auto& front : f.tl.fronts()) {
        const auto state = f.tl.frontAt(front, date);
        const Path region = f.toPath(front.region);
        Path left = f.rings(state.left);
        // The right side is the grid box minus the left side, clipped to the region.
        Path right = left;
        const Rect gb = front.gridBox.inflated(front.gridBox.width());
        right.rings.push_back(f.transform(
            Ring{{gb.minX, gb.minY}, {gb.maxX, gb.minY}, {gb.maxX, gb.maxY}, {gb.minX, gb.maxY}}));
        const Color lc = side(f.tl, front.left);
        const Color rc = side(f.tl, front.right);
        ClippedGroup group{
            region,
            hashCombine(f.scene.baseKey, static_cast<double>(&front - f.tl.fronts().data())),
            {},
            {}};
        group.fills.push_back(
            Fill{std::move(right), rc.withAlpha(f.th.sideOpacity), FillRule::EvenOdd});
        group.fills.push_back(Fill{left, lc.withAlpha(f.th.sideOpacity), FillRule::EvenOdd});
        group.strokes.push_back(
            Stroke{std::move(left), lc.darker(f.th.frontEdgeDarken), f.th.frontWidth * f.u});
        f.scene.items.emplace_back(std::move(group));
    }
}

void appendTerritories(Frame& f) {
    for (const auto& terr : f.tl.territories()) {
        const timeline::CompiledTerritoryKeyframe* cur = nullptr;
        const timeline::CompiledTerritoryKeyframe* prev = nullptr;
        for (const auto& k : terr.keyframes)
            if (k.fadeStart <= f.t) {
                prev = cur;
                cur = &k;
            }
        if (!cur)
            continue;
        const Color c = side(f.tl, terr.side);
        // Territories cross-fade over a second of video from when the clock reaches them.
        const double fade = cur->fadeEnd > cur->fadeStart
                                ? clamp01((f.t - cur->fadeStart) / (cur->fadeEnd - cur->fadeStart))
                                : 1.0;
        if (prev && fade < 1 && !prev->area.empty())
            f.scene.items.emplace_back(Fill{f.toPath(prev->area),
                                            c.withAlpha(f.th.sideOpacity * (1 - fade)),
                                            FillRule::NonZero});
        if (!cur->area.empty()) {
            auto p = f.toPath(cur->area);
            f.scene.items.emplace_back(
                Fill{p, c.withAlpha(f.th.sideOpacity * (prev ? fade : 1)), FillRule::NonZero});
            f.scene.items.emplace_back(
                Stroke{std::move(p), c.darker(f.th.territoryEdgeDarken).withAlpha(prev ? fade : 1),
                       f.th.territoryEdgeWidth * f.u});
        }
    }
}

} // namespace mapreel::scene::detail
