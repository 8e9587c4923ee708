// SPDX-License-Identifier: MIT
#pragma once
// The state one frame's builders share, and the helpers they have in common. Private to
// src/scene.

#include "mapreel/scene/evaluate.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace mapreel::scene::detail {

/// Seconds the narration card takes to fade in.
constexpr double kTextFade = 0.5;
/// The finest grid (map units, metres) geometry is generalised to; closer views draw it as is.
constexpr double kFinestCell = 16;

// Swapped arguments do not compile: -Wconversion (an error here) rejects double <-> uint64_t.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
inline std::uint64_t hashCombine(std::uint64_t h, double v) {
    return (h ^ std::bit_cast<std::uint64_t>(v)) * 1099511628211ULL;
}

/// One frame being built: the inputs, the camera, the space labels and panels have taken,
/// and the display list so far.
struct Frame {
    const timeline::Timeline& tl;
    const Theme& th;
    TextMeasurer& measure;
    Layout layout;
    ViewTransform view;
    double t = 0;
    double u = 1; ///< pixel unit (height / 1080)
    Rect screen;
    std::vector<Rect> occupied; ///< label and panel boxes already taken
    std::vector<Rect> strokes;  ///< boxes along arrows: authored labels avoid them too
    Scene scene;
    std::uint64_t overlayKey = 1469598103934665603ULL;
    Rect titleBox;  ///< the title block; empty until the panels are laid out
    Rect legendBox; ///< the legend's cards (sides, flow scale); empty while there are none
    /// The values written at flow points, placed after the authored labels (they give way).
    struct FlowValue {
        std::string text;
        Point at;   ///< the point, on screen
        double gap; ///< from the point to the text: half the band and a little
        Font font;
        Color colour;
        Color halo;
    };
    std::vector<FlowValue> flowValues;

    /// The grid that the timeline's geometry is snapped to for this frame: the largest power
    /// of two (map units) within half a pixel, or 0 when the view is so close that the
    /// geometry is drawn as it is.
    [[nodiscard]] double cell() const {
        const double halfPixel = 0.5 / view.scale;
        if (!(halfPixel >= kFinestCell) || !std::isfinite(halfPixel))
            return 0;
        return std::exp2(std::floor(std::log2(halfPixel)));
    }
    /// Geometry held by the timeline (never a temporary: the timeline keeps its generalised
    /// copies by address), in pixels, generalised for this frame's scale.
    [[nodiscard]] Path toPath(const MultiPolygon& held) const {
        const double c = cell();
        const MultiPolygon& mp = c > 0 ? tl.generalised(held, c) : held;
        Path p;
        const Rect vis = screen.inflated(screen.width());
        for (const auto& poly : mp) {
            if (poly.rings.empty())
                continue;
            Rect b;
            for (auto q : poly.rings.front())
                b.expand(view.apply(q));
            if (!b.intersects(vis))
                continue;
            for (const auto& ring : poly.rings)
                p.rings.push_back(c > 0 ? transformAll(ring) : transform(ring));
        }
        return p;
    }
    /// Every point of `r` in pixels (generalised geometry has no sub-pixel steps to drop; keeping
    /// them all keeps shared borders shared).
    [[nodiscard]] Ring transformAll(const Ring& r) const {
        Ring out;
        out.reserve(r.size());
        for (auto q : r)
            out.push_back(view.apply(q));
        return out;
    }
    [[nodiscard]] Ring transform(const Ring& r) const {
        Ring out;
        out.reserve(r.size());
        Point last{1e300, 1e300};
        for (auto q : r) {
            Point px = view.apply(q);
            // Drop sub-pixel steps: 10m data has far more vertices than pixels.
            if (std::abs(px.x - last.x) + std::abs(px.y - last.y) < 0.6)
                continue;
            out.push_back(px);
            last = px;
        }
        return out;
    }
    [[nodiscard]] Path toPath(const MultiLineString& held) const {
        const double c = cell();
        const MultiLineString& ml = c > 0 ? tl.generalised(held, c) : held;
        Path p;
        const Rect vis = screen.inflated(8);
        for (const auto& l : ml) {
            Rect b;
            for (auto q : l)
                b.expand(view.apply(q));
            if (!b.intersects(vis))
                continue;
            auto px = c > 0 ? transformAll(l) : transform(l);
            if (px.size() >= 2)
                p.lines.push_back(std::move(px));
        }
        return p;
    }
    [[nodiscard]] Path rings(const std::vector<Ring>& rs) const {
        Path p;
        for (const auto& r : rs)
            p.rings.push_back(transform(r));
        return p;
    }

    /// Pixels of `r` already covered by taken boxes, or off the screen: 0 when free.
    [[nodiscard]] double overlap(const Rect& r) const {
        const Rect inner = screen.inflated(-4 * u);
        double area = r.width() * r.height();
        if (r.intersects(inner))
            area -= std::max(0.0, std::min(r.maxX, inner.maxX) - std::max(r.minX, inner.minX)) *
                    std::max(0.0, std::min(r.maxY, inner.maxY) - std::max(r.minY, inner.minY));
        double covered = area * 4; // off-screen text is worse than text over other text
        for (const auto* boxes : {&occupied, &strokes})
            for (const Rect& o : *boxes)
                if (o.intersects(r))
                    covered += (std::min(r.maxX, o.maxX) - std::max(r.minX, o.minX)) *
                               (std::min(r.maxY, o.maxY) - std::max(r.minY, o.minY));
        return covered;
    }

    [[nodiscard]] bool free(const Rect& r) const {
        if (r.minX < screen.minX + 4 * u || r.maxX > screen.maxX - 4 * u ||
            r.minY < screen.minY + 4 * u || r.maxY > screen.maxY - 4 * u)
            return false;
        return std::none_of(occupied.begin(), occupied.end(),
                            [&](const Rect& o) { return o.intersects(r); });
    }

    /// free(), and off the arrows too.
    [[nodiscard]] bool freeOfArrows(const Rect& r) const {
        return free(r) && std::none_of(strokes.begin(), strokes.end(),
                                       [&](const Rect& o) { return o.intersects(r); });
    }
};

/// The colour of side `id`, grey when the story has no such side.
[[nodiscard]] Color side(const timeline::Timeline& tl, const std::string& id);

} // namespace mapreel::scene::detail
