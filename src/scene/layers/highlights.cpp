// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/symbols_p.hpp"

#include <cmath>

namespace mapreel::scene::detail {

using timeline::clamp01;

void appendHighlights(Frame& f) {
    for (const auto& h : f.tl.highlights()) {
        if (f.t < h.start || f.t > h.end + 0.8)
            continue;
        const double a = std::sin(M_PI * clamp01((f.t - h.start) / (h.end - h.start + 0.8)));
        if (!h.area.empty()) {
            // A region: tinted, with an opaque edge, rising and fading like a place's ring.
            Path p = f.toPath(h.area);
            f.scene.items.emplace_back(
                Fill{p, h.color.withAlpha(a * f.th.highlightFillOpacity), FillRule::NonZero});
            f.scene.items.emplace_back(
                Stroke{std::move(p), h.color.withAlpha(a), f.th.highlightWidth * f.u});
            continue;
        }
        Path p;
        p.rings.push_back(circle(f.view.apply(h.at), f.th.highlightRadius * f.u));
        f.scene.items.emplace_back(
            Stroke{std::move(p), h.color.withAlpha(a), f.th.highlightWidth * f.u});
    }
}

} // namespace mapreel::scene::detail
