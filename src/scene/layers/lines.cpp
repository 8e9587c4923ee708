// SPDX-License-Identifier: MIT
#include "scene/labels_p.hpp"
#include "scene/layers/layers_p.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace mapreel::scene::detail {

namespace {

/// Where a name goes along a line: the middle of a stretch, the angle that reads it left to
/// right (degrees, counter-clockwise) and the stretch's normal pointing up the screen.
struct Stretch {
    Point mid;
    double angle = 0;
    Point up;
};

/// The straight stretches of `px` inside the frame, best first: long ones (up to half as
/// long again as the text) and level ones, since a name read along a short or steep piece
/// of a line is hard to read. Empty when none is inside.
std::vector<Stretch> stretchesFor(const Frame& f, const Ring& px, double textWidth) {
    const Rect inside = f.screen.inflated(-f.th.lineNameMargin * f.u);
    std::vector<std::pair<double, Stretch>> scored;
    for (std::size_t i = 1; i < px.size(); ++i) {
        const Point a0 = px[i - 1];
        const Point a1 = px[i];
        const Point mid = a0 + (a1 - a0) * 0.5;
        if (!inside.contains(mid))
            continue;
        const double len = std::hypot(a1.x - a0.x, a1.y - a0.y);
        const double level = std::abs(a1.x - a0.x) / std::max(len, 1e-9);
        Stretch st;
        st.mid = mid;
        st.angle = std::atan2(-(a1.y - a0.y), a1.x - a0.x) * 180 / M_PI;
        if (st.angle > 90 || st.angle < -90)
            st.angle += 180;
        const double l = std::max(len, 1e-9);
        st.up = Point{(a1.y - a0.y) / l, -(a1.x - a0.x) / l};
        if (st.up.y > 0)
            st.up = st.up * -1.0;
        scored.emplace_back(std::min(len, textWidth * 1.5) * (0.3 + level), st);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    std::vector<Stretch> out;
    out.reserve(scored.size());
    for (const auto& [score, st] : scored)
        out.push_back(st);
    return out;
}

/// Whether every box is free of labels and panels (and of arrows, with `arrowsToo`).
bool allFree(const Frame& f, const std::vector<Rect>& boxes, bool arrowsToo) {
    return std::all_of(boxes.begin(), boxes.end(),
                       [&](const Rect& b) { return arrowsToo ? f.freeOfArrows(b) : f.free(b); });
}

/// A zone's name along its line: inside the band when the band is wide enough on screen
/// for the text, else beside it, below the line (whose own name goes above).
void nameZone(Frame& f, const timeline::CompiledZone& z, Color c, double a) {
    const std::string name = z.source->name.get(f.tl.lang());
    if (name.empty())
        return;
    const timeline::CompiledLine* axis = nullptr;
    for (const auto& l : f.tl.lines())
        if (l.source->id == z.source->along && l.line.size() >= 2 && (axis == nullptr || l.named))
            axis = &l;
    if (axis == nullptr)
        return;
    const Ring px = f.transform(axis->line);
    Font font{f.th.fontSans, f.th.lineNameSize * f.u, true, false, f.th.lineNameSpacing * f.u};
    const Point sz = f.measure.measure(name, font);
    const auto stretches = stretchesFor(f, px, sz.x);
    if (stretches.empty())
        return;
    const Stretch* stretch = &stretches.front();
    const double ang = stretch->angle;
    const Point normal = stretch->up * -1.0; // down the screen
    const double halfBand = z.source->widthKm * 500 * f.view.scale;
    const bool inside = 2 * halfBand >= sz.y * 1.3;
    const Point at = stretch->mid + normal * (inside ? 0.0 : halfBand + f.th.lineNameOffset * f.u);
    const Color ink = c.darker(0.45);
    Text t{name,
           at,
           font,
           ink.withAlpha(a),
           f.th.halo.withAlpha(a * (inside ? 0.6 : 1.0)),
           f.th.lineNameHalo * f.u,
           ang,
           Align::Centre,
           Align::Centre};
    const auto boxes = boxesAlong(at, ang, sz);
    if (allFree(f, boxes, true) || allFree(f, boxes, false)) {
        f.occupied.insert(f.occupied.end(), boxes.begin(), boxes.end());
        f.scene.items.emplace_back(std::move(t));
    }
}

} // namespace

void appendZones(Frame& f) {
    for (const auto& z : f.tl.zones()) {
        const double a = f.tl.visibility(z.source->id, z.source->visible, f.t);
        if (a <= 0)
            continue;
        const Color c = z.source->color.value_or(f.th.zoneColour);
        auto p = f.toPath(z.area);
        f.scene.items.emplace_back(Fill{p, c.withAlpha(f.th.zoneOpacity * a), FillRule::NonZero});
        f.scene.items.emplace_back(
            Stroke{std::move(p), c.withAlpha(f.th.zoneEdgeOpacity * a), f.th.zoneEdgeWidth * f.u});
    }
}

void appendZoneNames(Frame& f) {
    for (const auto& z : f.tl.zones()) {
        const double a = f.tl.visibility(z.source->id, z.source->visible, f.t);
        if (a > 0)
            nameZone(f, z, z.source->color.value_or(f.th.zoneColour), a);
    }
}

void appendLines(Frame& f) {
    for (const auto& l : f.tl.lines()) {
        const double a = f.tl.visibility(l.source->id, l.source->visible, f.t);
        if (a <= 0)
            continue;
        Path p;
        p.lines.push_back(f.transform(l.line));
        using story::LineStyle;
        Color c = l.source->color.value_or(f.th.lineColour);
        std::vector<double> dash;
        double w = f.th.lineWidth * f.u;
        switch (l.source->style) {
        case LineStyle::Boundary:
            dash = {f.th.boundaryDash * f.u, f.th.boundaryGap * f.u};
            break;
        case LineStyle::Demarcation:
            w = f.th.demarcationWidth * f.u;
            break;
        case LineStyle::Front:
            w = f.th.frontLineWidth * f.u;
            break;
        case LineStyle::Route:
            dash = {f.th.routeDash * f.u, f.th.routeGap * f.u};
            break;
        }
        // A transparent line (an invisible path that only carries its name) has no halo either.
        if (c.a > 0) {
            f.scene.items.emplace_back(Stroke{p, f.th.halo.withAlpha(f.th.lineHaloOpacity * a),
                                              w + f.th.lineHaloWidth * f.u});
            f.scene.items.emplace_back(Stroke{std::move(p), c.withAlpha(a), w, dash});
        }
    }
}

/// Line names go after arrows, markers and callouts have taken their places, so that a
/// name gives way to them and is left out where no stretch of its line has room.
void appendLineNames(Frame& f) {
    for (const auto& l : f.tl.lines()) {
        const double a = f.tl.visibility(l.source->id, l.source->visible, f.t);
        if (a <= 0)
            continue;
        const Color c = l.source->color.value_or(f.th.lineColour);
        const std::string name = l.source->name.get(f.tl.lang());
        if (!name.empty() && l.named && l.line.size() >= 2) {
            // On the longest straight stretch inside the frame, preferring level ones: a
            // name read along a short or steep piece of the line is hard to read.
            const Ring px = f.transform(l.line);
            Font font{f.th.fontSerif, f.th.lineNameSize * f.u, false, true,
                      f.th.lineNameSpacing * f.u};
            const Point sz = f.measure.measure(name, font);
            // The name on a stretch: where it goes and the boxes it covers.
            struct Placed {
                Point at;
                double angle;
                std::vector<Rect> boxes;
            };
            const auto stretches = stretchesFor(f, px, sz.x);
            // The best stretch clear of labels and arrows, else the best clear of labels
            // (a name may cross an arrow, never another label); none: the name is left out.
            std::optional<Placed> chosen;
            for (const bool avoidArrows : {true, false}) {
                for (const auto& st : stretches) {
                    const Point at = st.mid + st.up * (f.th.lineNameOffset * f.u);
                    auto boxes = boxesAlong(at, st.angle, sz);
                    if (allFree(f, boxes, avoidArrows)) {
                        chosen = Placed{at, st.angle, std::move(boxes)};
                        break;
                    }
                }
                if (chosen)
                    break;
            }
            if (chosen) {
                f.occupied.insert(f.occupied.end(), chosen->boxes.begin(), chosen->boxes.end());
                f.scene.items.emplace_back(Text{name, chosen->at, font, c.withAlpha(a),
                                                f.th.halo.withAlpha(a), f.th.lineNameHalo * f.u,
                                                chosen->angle, Align::Centre, Align::Centre});
            }
        }
    }
}

} // namespace mapreel::scene::detail
