// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"
#include "scene/symbols_p.hpp"

#include <cmath>

namespace mapreel::scene::detail {

using timeline::clamp01;
using timeline::easeOutBack;
using timeline::progress;

/// Marker symbols are small and must stay visible: arrow labels are placed around them.
void reserveMarkers(Frame& f) {
    for (const auto& m : f.tl.markers()) {
        if (f.t < m.start || f.t > m.hideAt)
            continue;
        const Point c = f.view.apply(m.at);
        const double r = f.th.markerRadius * f.u;
        f.occupied.push_back(Rect{c.x - r, c.y - r, c.x + r, c.y + r});
    }
}

void appendMarkers(Frame& f) {
    for (const auto& m : f.tl.markers()) {
        if (f.t < m.start || f.t > m.hideAt)
            continue;
        const double pop = easeOutBack(progress(f.t, m.start, m.start + 0.6));
        const double alpha = clamp01(progress(f.t, m.start, m.start + 0.3)) *
                             (1 - progress(f.t, m.hideAt - 0.8, m.hideAt));
        const Point c = f.view.apply(m.at);
        const double r = f.th.markerRadius * f.u * pop;
        if (r <= 0.5)
            continue;
        using story::MarkerKind;
        Path p;
        Color fill = f.th.battleFill;
        Color edge = f.th.battleEdge;
        const Color sideColour = m.source->side.empty() ? f.th.accent : side(f.tl, m.source->side);
        switch (m.source->kind) {
        case MarkerKind::Battle:
            p.rings.push_back(
                star(c, {.points = 8, .outer = r, .inner = r * 0.45, .rotation = 0.2}));
            break;
        case MarkerKind::Capture:
            p.rings.push_back(star(c, {.points = 5, .outer = r, .inner = r * 0.42, .rotation = 0}));
            fill = sideColour;
            edge = sideColour.darker(f.th.markerEdgeDarken);
            break;
        case MarkerKind::Landing:
            p.rings.push_back({{c.x - r, c.y - r * 0.2},
                               {c.x, c.y + r * 0.9},
                               {c.x + r, c.y - r * 0.2},
                               {c.x + r * 0.45, c.y - r * 0.2},
                               {c.x, c.y + r * 0.25},
                               {c.x - r * 0.45, c.y - r * 0.2}});
            fill = sideColour;
            edge = sideColour.darker(f.th.markerEdgeDarken);
            break;
        case MarkerKind::Evacuation:
            p.rings.push_back(circle(c, r * 0.85));
            p.rings.push_back(circle(c, r * 0.45));
            fill = sideColour;
            edge = sideColour.darker(f.th.markerEdgeDarken);
            break;
        case MarkerKind::Treaty:
            p.rings.push_back({{c.x - r * 0.75, c.y - r * 0.9},
                               {c.x + r * 0.75, c.y - r * 0.9},
                               {c.x + r * 0.75, c.y + r * 0.9},
                               {c.x - r * 0.75, c.y + r * 0.9}});
            fill = f.th.treatyFill;
            edge = f.th.text;
            break;
        case MarkerKind::Site:
            p.rings.push_back(circle(c, r * 0.7));
            fill = sideColour; // the theme's accent when the marker names no side
            edge = sideColour.darker(f.th.markerEdgeDarken);
            break;
        }
        if (!m.source->side.empty()) { // a side colours any symbol, battles and treaties too
            fill = sideColour;
            edge = sideColour.darker(f.th.markerEdgeDarken);
        }
        if (m.source->pulse || m.source->kind == MarkerKind::Battle) {
            const double phase = std::fmod(f.t - m.start, 1.6) / 1.6;
            Path ring;
            ring.rings.push_back(circle(c, r * (1 + phase * 1.2)));
            f.scene.items.emplace_back(Stroke{
                std::move(ring), edge.withAlpha(alpha * (1 - phase) * f.th.markerPulseOpacity),
                f.th.markerPulseWidth * f.u});
        }
        f.scene.items.emplace_back(Fill{p, fill.withAlpha(alpha), FillRule::EvenOdd});
        f.scene.items.emplace_back(
            Stroke{std::move(p), edge.withAlpha(alpha), f.th.markerEdgeWidth * f.u, {}, false});
        const Rect box{c.x - r, c.y - r, c.x + r, c.y + r};
        f.occupied.push_back(box);
        if (!m.label.empty() && alpha > 0.05) {
            Font font{f.th.fontSans, f.th.markerLabelSize * f.u, true, false, 0};
            const Point sz = f.measure.measure(m.label, font);
            const LabelSpot spot = bestSpot(f, spotsAround(c, sz, f.th.markerLabelGap * f.u));
            f.occupied.push_back(spot.box);
            f.scene.items.emplace_back(Text{m.label, spot.at, font, f.th.text.withAlpha(alpha),
                                            f.th.halo.withAlpha(alpha), f.th.markerLabelHalo * f.u,
                                            0, spot.align, Align::Centre});
        }
    }
}

} // namespace mapreel::scene::detail
