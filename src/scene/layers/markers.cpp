// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"
#include "scene/symbols_p.hpp"

#include <cmath>
#include <filesystem>

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
        const Color sideColour = m.source->side.empty() ? f.th.accent : side(f.tl, m.source->side);
        MarkerSymbol sym = markerSymbol(m.source->kind, c, r, sideColour, f.th);
        if (!m.source->side.empty()) { // a side colours any symbol, battles and treaties too
            sym.fill = sideColour;
            sym.edge = sideColour.darker(f.th.markerEdgeDarken);
        }
        if (m.source->pulse || m.source->kind == MarkerKind::Battle) {
            const double phase = std::fmod(f.t - m.start, 1.6) / 1.6;
            Path ring;
            ring.rings.push_back(circle(c, r * (1 + phase * 1.2)));
            f.scene.items.emplace_back(Stroke{
                std::move(ring), sym.edge.withAlpha(alpha * (1 - phase) * f.th.markerPulseOpacity),
                f.th.markerPulseWidth * f.u});
        }
        if (!m.source->image.empty()) {
            // The author's picture instead of the kind's symbol, a little larger than one.
            const std::filesystem::path file(m.source->image);
            const std::string path =
                file.is_relative() ? (std::filesystem::path(f.tl.story().baseDir) / file).string()
                                   : file.string();
            f.scene.items.emplace_back(Picture{
                path, Rect{c.x - 1.3 * r, c.y - 1.3 * r, c.x + 1.3 * r, c.y + 1.3 * r}, alpha});
        } else {
            f.scene.items.emplace_back(
                Fill{sym.path, sym.fill.withAlpha(alpha), FillRule::EvenOdd});
            f.scene.items.emplace_back(Stroke{std::move(sym.path),
                                              sym.edge.withAlpha(alpha),
                                              f.th.markerEdgeWidth * f.u,
                                              {},
                                              false});
            if (!sym.detail.empty())
                f.scene.items.emplace_back(Fill{
                    std::move(sym.detail), sym.detailColour.withAlpha(alpha), FillRule::NonZero});
        }
        const Rect box{c.x - r, c.y - r, c.x + r, c.y + r};
        f.occupied.push_back(box);
        if (!m.label.empty() && alpha > 0.05) {
            Font font{f.th.fontSans, f.th.markerLabelSize * f.u, true, false, 0};
            const Point sz = f.measure.measure(m.label, font);
            const LabelSpot spot = bestSpot(
                f, preferring(spotsAround(c, sz, f.th.markerLabelGap * f.u), m.source->labelAt));
            f.occupied.push_back(spot.box);
            f.scene.items.emplace_back(Text{m.label, spot.at, font, f.th.text.withAlpha(alpha),
                                            f.th.halo.withAlpha(alpha), f.th.markerLabelHalo * f.u,
                                            0, spot.align, Align::Centre});
        }
    }
}

} // namespace mapreel::scene::detail
