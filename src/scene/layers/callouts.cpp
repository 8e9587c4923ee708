// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"

#include <cmath>

namespace mapreel::scene::detail {

using timeline::clamp01;
using timeline::progress;

namespace {

/// Where a callout of size `sz` wanted at `want` goes: there if it is free, else the
/// nearest free place on rings around it (up to a few of its heights away), else there
/// anyway, kept on screen and off the panels: a callout is always shown.
Point freeSpotNear(const Frame& f, Point want, Point sz) {
    auto boxAt = [&](Point p) {
        return Rect{p.x - sz.x / 2, p.y - sz.y / 2, p.x + sz.x / 2, p.y + sz.y / 2}.inflated(
            f.th.calloutClearance * f.u);
    };
    const Point first = keepOnScreen(f, want, sz);
    if (f.free(boxAt(first)))
        return first;
    const double step = sz.y * 0.75;
    for (int ring = 1; ring <= 6; ++ring) {
        const double r = step * ring;
        const int n = 8 * ring;
        for (int k = 0; k < n; ++k) {
            const double a = 2 * M_PI * k / n;
            // Flattened rings: a callout is wider than tall, so sideways moves go further.
            const Point p =
                keepOnScreen(f, {want.x + r * 2 * std::cos(a), want.y + r * std::sin(a)}, sz);
            if (f.free(boxAt(p)))
                return p;
        }
    }
    return first;
}

} // namespace

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
        // A hint puts the text beside its point instead of on it.
        Point want = f.view.apply(c.at);
        const double gap = f.th.calloutClearance * f.u + sz.y * 0.5;
        using story::LabelHint;
        switch (c.source->labelAt) {
        case LabelHint::Left:
            want.x -= sz.x / 2 + gap;
            break;
        case LabelHint::Right:
            want.x += sz.x / 2 + gap;
            break;
        case LabelHint::Above:
            want.y -= sz.y / 2 + gap;
            break;
        case LabelHint::Below:
            want.y += sz.y / 2 + gap;
            break;
        case LabelHint::Auto:
        case LabelHint::Along:
            break;
        }
        const Point at = freeSpotNear(f, want, sz);
        f.occupied.push_back(
            Rect{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2}.inflated(
                f.th.calloutClearance * f.u));
        f.scene.items.emplace_back(Text{text, at, font, f.th.text.withAlpha(a),
                                        f.th.halo.withAlpha(a), f.th.calloutHalo * f.u, 0,
                                        Align::Centre});
    }
}

} // namespace mapreel::scene::detail
