// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/symbols_p.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

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

namespace {

/// The side's pattern (`hatch` of the side) over `area`, clipped to it: diagonal lines, crossed
/// lines or dots, `th.hatchSpacing` apart, in the side's edge colour.
void appendHatch(Frame& f, std::vector<Item>& out, const std::string& pattern,
                 const MultiPolygon& area, Color colour, std::uint64_t key) {
    Path clip = f.toPath(area);
    Rect box;
    for (const auto& ring : clip.rings)
        for (const Point& p : ring)
            box.expand(p);
    const Rect screen = f.screen.inflated(f.th.hatchSpacing * f.u);
    box = {std::max(box.minX, screen.minX), std::max(box.minY, screen.minY),
           std::min(box.maxX, screen.maxX), std::min(box.maxY, screen.maxY)};
    if (box.empty())
        return;
    const double step = std::max(2.0, f.th.hatchSpacing * f.u);
    ClippedGroup group{std::move(clip), key, {}, {}};
    Path lines;
    Path dots;
    // On a grid fixed to the screen, so that the pattern does not crawl as the area changes.
    if (pattern == "diagonal" || pattern == "cross")
        for (double c = std::floor((box.minX + box.minY) / step) * step; c <= box.maxX + box.maxY;
             c += step) // x + y = c
            lines.lines.push_back({{c - box.maxY, box.maxY}, {c - box.minY, box.minY}});
    if (pattern == "cross")
        for (double d = std::floor((box.minX - box.maxY) / step) * step; d <= box.maxX - box.minY;
             d += step) // x - y = d
            lines.lines.push_back({{d + box.minY, box.minY}, {d + box.maxY, box.maxY}});
    if (pattern == "dots")
        for (double y = std::floor(box.minY / step) * step; y <= box.maxY; y += step)
            for (double x = std::floor(box.minX / step) * step; x <= box.maxX; x += step)
                dots.rings.push_back(circle({x, y}, f.th.hatchWidth * f.u));
    if (!lines.lines.empty())
        group.strokes.push_back(Stroke{std::move(lines), colour, f.th.hatchWidth * f.u});
    if (!dots.rings.empty())
        group.fills.push_back(Fill{std::move(dots), colour, FillRule::NonZero});
    out.emplace_back(std::move(group));
}

} // namespace

bool territoriesSettled(const Frame& f, std::uint64_t& key) {
    if (!f.tl.fronts().empty() || f.tl.territories().empty())
        return false;
    std::uint64_t k = key;
    for (const auto& terr : f.tl.territories()) {
        const auto [cur, prev, fade] = timeline::territoryAt(terr, f.t);
        if (prev && fade < 1)
            return false;
        k = hashCombine(k, cur ? static_cast<double>(cur - terr.keyframes.data()) : -1.0);
    }
    key = k;
    return true;
}

void appendTerritories(Frame& f, std::vector<Item>& out) {
    for (const auto& terr : f.tl.territories()) {
        const auto [cur, prev, fade] = timeline::territoryAt(terr, f.t);
        if (!cur)
            continue;
        const Color c = side(f.tl, terr.side);
        if (prev && fade < 1 && !prev->area.empty())
            out.emplace_back(Fill{f.toPath(prev->area), c.withAlpha(f.th.sideOpacity * (1 - fade)),
                                  FillRule::NonZero});
        if (!cur->area.empty()) {
            auto p = f.toPath(cur->area);
            out.emplace_back(
                Fill{p, c.withAlpha(f.th.sideOpacity * (prev ? fade : 1)), FillRule::NonZero});
            out.emplace_back(Stroke{std::move(p),
                                    c.darker(f.th.territoryEdgeDarken).withAlpha(prev ? fade : 1),
                                    f.th.territoryEdgeWidth * f.u});
            if (const auto* s = f.tl.story().side(terr.side); s != nullptr && !s->hatch.empty())
                appendHatch(
                    f, out, s->hatch, cur->area,
                    c.darker(f.th.territoryEdgeDarken)
                        .withAlpha(f.th.hatchOpacity * (prev ? fade : 1)),
                    hashCombine(f.scene.baseKey,
                                7919.0 * static_cast<double>(&terr - f.tl.territories().data()) +
                                    static_cast<double>(cur - terr.keyframes.data())));
        }
    }
}

} // namespace mapreel::scene::detail
