// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

void appendBase(Frame& f) {
    const auto& b = f.tl.base();
    const auto& th = f.th;
    auto& out = f.scene.base;
    for (std::size_t i = 0; i < b.depthBands.size() && i < 4; ++i)
        out.emplace_back(Fill{f.toPath(b.depthBands[i]), th.seaBands[i]});
    if (b.hasLand) {
        const bool focus = !b.focus.empty();
        auto land = f.toPath(b.land);
        out.emplace_back(Fill{land, focus ? th.landForeign : th.land, FillRule::NonZero});
        if (focus)
            out.emplace_back(Fill{f.toPath(b.focus), th.land, FillRule::NonZero});
        out.emplace_back(Stroke{std::move(land), th.coast, th.coastWidth * f.u});
    }
    if (!b.lakes.empty()) {
        auto lakes = f.toPath(b.lakes);
        out.emplace_back(Fill{lakes, th.lake, FillRule::NonZero});
        out.emplace_back(Stroke{std::move(lakes), th.river, th.lakeEdgeWidth * f.u});
    }
    // Rivers thin out with rank; minor ones disappear when zoomed out.
    const double kmPerPixel = 1 / (f.view.scale * 1000);
    for (const auto& r : b.rivers) {
        const int maxRank = kmPerPixel > 2 ? 6 : kmPerPixel > 0.8 ? 8 : 10;
        if (r.rank > maxRank)
            continue;
        const double w = th.riverWidth * f.u * std::clamp(1.6 - r.rank * 0.12, 0.5, 1.5);
        Path p;
        auto px = f.transform(r.line);
        if (px.size() < 2 || !bounds(px).intersects(f.screen))
            continue;
        p.lines.push_back(std::move(px));
        out.emplace_back(Stroke{std::move(p), th.river, w});
    }
    if (!b.graticule.empty())
        out.emplace_back(Stroke{f.toPath(b.graticule), th.coast.withAlpha(th.graticuleOpacity),
                                th.graticuleWidth * f.u});
    if (!b.borders.empty())
        out.emplace_back(Stroke{f.toPath(b.borders), th.border, th.borderWidth * f.u});
    if (!b.disputed.empty())
        out.emplace_back(Stroke{f.toPath(b.disputed),
                                th.border,
                                th.borderWidth * f.u,
                                {th.disputedDash * f.u, th.disputedGap * f.u}});
}

} // namespace mapreel::scene::detail
