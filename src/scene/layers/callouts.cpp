// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"

namespace mapreel::scene::detail {

using timeline::clamp01;
using timeline::progress;

/// Authored notes on the map: always shown, so places and map labels give way to them.
void appendCallouts(Frame& f) {
    for (const auto& c : f.tl.callouts()) {
        if (f.t < c.start || f.t > c.hideAt)
            continue;
        const double a = clamp01(progress(f.t, c.start, c.start + 0.5)) *
                         (1 - progress(f.t, c.hideAt - 0.8, c.hideAt));
        Font font{f.th.fontSans, f.th.calloutSize * f.u, true, false, 0};
        const std::string text = c.source->text.get(f.tl.lang());
        const Point sz = f.measure.measure(text, font);
        const Point at = keepOnScreen(f, f.view.apply(c.at), sz);
        f.occupied.push_back(
            Rect{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2}.inflated(
                f.th.calloutClearance * f.u));
        f.scene.items.emplace_back(Text{text, at, font, f.th.text.withAlpha(a),
                                        f.th.halo.withAlpha(a), f.th.calloutHalo * f.u, 0,
                                        Align::Centre});
    }
}

} // namespace mapreel::scene::detail
