// SPDX-License-Identifier: MIT
#include "scene/symbols_p.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace mapreel::scene::detail {

Ring arrowOutline(const LineString& px, double w, bool& ok) {
    ok = false;
    double total = 0;
    std::vector<double> cum{0};
    for (std::size_t i = 1; i < px.size(); ++i) {
        total += std::hypot(px[i].x - px[i - 1].x, px[i].y - px[i - 1].y);
        cum.push_back(total);
    }
    if (total < 2)
        return {};
    double headLen = std::min(2.2 * w, total * 0.6);
    const double scale = headLen / (2.2 * w);
    const double headW = 2.3 * w * scale;
    const double bodyEnd = total - headLen;
    auto at = [&](double s) {
        std::size_t i = 1;
        while (i < cum.size() - 1 && cum[i] < s)
            ++i;
        const double seg = cum[i] - cum[i - 1];
        const double k = seg > 0 ? (s - cum[i - 1]) / seg : 0;
        const Point p = px[i - 1] + (px[i] - px[i - 1]) * k;
        Point d = px[i] - px[i - 1];
        const double len = std::hypot(d.x, d.y);
        d = len > 0 ? d * (1 / len) : Point{1, 0};
        return std::pair{p, Point{-d.y, d.x}};
    };
    LineString leftSide;
    LineString rightSide;
    const int n = std::max(2, static_cast<int>(bodyEnd / 4));
    for (int i = 0; i <= n; ++i) {
        const double s = bodyEnd * i / n;
        const double width = w * scale * (0.4 + 0.6 * (s / std::max(1.0, bodyEnd)));
        auto [p, nrm] = at(s);
        leftSide.push_back(p + nrm * (width / 2));
        rightSide.push_back(p - nrm * (width / 2));
    }
    auto [pb, nb] = at(bodyEnd);
    Ring ring = leftSide;
    ring.push_back(pb + nb * (headW / 2));
    ring.push_back(px.back());
    ring.push_back(pb - nb * (headW / 2));
    ring.insert(ring.end(), rightSide.rbegin(), rightSide.rend());
    ok = true;
    return ring;
}

Ring star(Point c, const StarShape& shape) {
    Ring ring;
    for (int i = 0; i < shape.points * 2; ++i) {
        const double r = i % 2 == 0 ? shape.outer : shape.inner;
        const double ang = shape.rotation + M_PI * i / shape.points;
        ring.push_back({c.x + r * std::sin(ang), c.y - r * std::cos(ang)});
    }
    return ring;
}

Ring circle(Point c, double r) {
    Ring ring;
    for (int i = 0; i < 32; ++i)
        ring.push_back(
            {c.x + r * std::cos(2 * M_PI * i / 32), c.y + r * std::sin(2 * M_PI * i / 32)});
    return ring;
}

} // namespace mapreel::scene::detail

namespace mapreel::scene::detail {

LineString withoutEnd(const LineString& px, double len) {
    double total = 0;
    for (std::size_t i = 1; i < px.size(); ++i)
        total += std::hypot(px[i].x - px[i - 1].x, px[i].y - px[i - 1].y);
    const double keep = std::max(0.0, total - len);
    LineString out;
    if (px.empty())
        return out;
    out.push_back(px.front());
    double run = 0;
    for (std::size_t i = 1; i < px.size(); ++i) {
        const double seg = std::hypot(px[i].x - px[i - 1].x, px[i].y - px[i - 1].y);
        if (run + seg >= keep) {
            const double k = seg > 0 ? (keep - run) / seg : 0;
            out.push_back(px[i - 1] + (px[i] - px[i - 1]) * k);
            return out;
        }
        out.push_back(px[i]);
        run += seg;
    }
    return out;
}

std::vector<Item> arrowItems(story::ArrowStyle style, const LineString& px, Color colour,
                             double alpha, const Theme& th, double u) {
    using story::ArrowStyle;
    std::vector<Item> out;
    if (style == ArrowStyle::Supply) {
        // A dashed line with a solid head: the route goods take, not an army.
        double total = 0;
        for (std::size_t i = 1; i < px.size(); ++i)
            total += std::hypot(px[i].x - px[i - 1].x, px[i].y - px[i - 1].y);
        if (total < 2)
            return out;
        const double head = std::min(th.supplyHead * u, total * 0.6);
        Path line;
        line.lines.push_back(withoutEnd(px, head * 0.8));
        const double w = th.supplyArrowWidth * u;
        out.emplace_back(Stroke{line, th.halo.withAlpha(0.8 * alpha), w + 3 * u});
        out.emplace_back(Stroke{std::move(line),
                                colour.withAlpha(alpha),
                                w,
                                {th.supplyArrowDash * u, th.supplyArrowGap * u},
                                false});
        const LineString stem = withoutEnd(px, head);
        const Point tip = px.back();
        Point d = tip - stem.back();
        const double len = std::max(std::hypot(d.x, d.y), 1e-9);
        d = d * (1 / len);
        const Point base = tip - d * head;
        const Point n{-d.y, d.x};
        Path h;
        h.rings.push_back({tip, base + n * (head * 0.45), base - n * (head * 0.45)});
        out.emplace_back(Fill{h, colour.withAlpha(alpha), FillRule::NonZero});
        out.emplace_back(
            Stroke{std::move(h), colour.darker(th.arrowEdgeDarken).withAlpha(alpha), u, {}, false});
        return out;
    }
    const double width = style == ArrowStyle::Sea       ? th.seaArrowWidth
                         : style == ArrowStyle::Air     ? th.airArrowWidth
                         : style == ArrowStyle::Retreat ? th.retreatArrowWidth
                                                        : th.arrowWidth;
    bool ok = false;
    Ring outline = arrowOutline(px, width * u, ok);
    if (!ok)
        return out;
    Path p;
    p.rings.push_back(std::move(outline));
    switch (style) {
    case ArrowStyle::Sea:
        out.emplace_back(
            Fill{p, colour.lighter(th.seaArrowLighten).withAlpha(th.seaArrowOpacity * alpha),
                 FillRule::NonZero});
        out.emplace_back(Stroke{std::move(p),
                                colour.darker(th.seaArrowEdgeDarken).withAlpha(alpha),
                                th.seaArrowEdgeWidth * u,
                                {th.seaArrowDash * u, th.seaArrowGap * u},
                                false});
        break;
    case ArrowStyle::Retreat:
        // Hollow: a pale inside and a dashed outline in the side's colour.
        out.emplace_back(
            Fill{p, th.halo.withAlpha(th.retreatArrowOpacity * alpha), FillRule::NonZero});
        out.emplace_back(Stroke{std::move(p),
                                colour.withAlpha(alpha),
                                th.retreatArrowEdgeWidth * u,
                                {th.retreatArrowDash * u, th.retreatArrowGap * u},
                                false});
        break;
    case ArrowStyle::Land:
    case ArrowStyle::Air:
    case ArrowStyle::Supply:
        out.emplace_back(Fill{p, colour.withAlpha(th.arrowOpacity * alpha), FillRule::NonZero});
        out.emplace_back(Stroke{std::move(p),
                                colour.darker(th.arrowEdgeDarken).withAlpha(alpha),
                                th.arrowEdgeWidth * u,
                                {},
                                false});
        if (style == ArrowStyle::Air) {
            // A narrow arrow with a dashed trail down its middle, stopping short of the head.
            Path trail;
            trail.lines.push_back(withoutEnd(px, 2.4 * width * u));
            if (trail.lines.front().size() >= 2)
                out.emplace_back(Stroke{std::move(trail),
                                        th.halo.withAlpha(alpha),
                                        th.airTrailWidth * u,
                                        {3 * th.airTrailWidth * u, 2 * th.airTrailWidth * u},
                                        false});
        }
        break;
    }
    return out;
}

namespace {

/// Points (x, y in units of the radius, y down) scaled to `r` around `c`.
Ring shape(Point c, double r, std::initializer_list<Point> pts) {
    Ring out;
    for (const Point q : pts)
        out.push_back({c.x + q.x * r, c.y + q.y * r});
    return out;
}

} // namespace

MarkerSymbol markerSymbol(story::MarkerKind kind, Point c, double r, Color sideColour,
                          const Theme& th) {
    using story::MarkerKind;
    MarkerSymbol m;
    m.fill = th.battleFill;
    m.edge = th.battleEdge;
    auto inSide = [&] {
        m.fill = sideColour;
        m.edge = sideColour.darker(th.markerEdgeDarken);
    };
    switch (kind) {
    case MarkerKind::Battle:
        m.path.rings.push_back(
            star(c, {.points = 8, .outer = r, .inner = r * 0.45, .rotation = 0.2}));
        break;
    case MarkerKind::Capture:
        m.path.rings.push_back(
            star(c, {.points = 5, .outer = r, .inner = r * 0.42, .rotation = 0}));
        inSide();
        break;
    case MarkerKind::Landing:
        m.path.rings.push_back({{c.x - r, c.y - r * 0.2},
                                {c.x, c.y + r * 0.9},
                                {c.x + r, c.y - r * 0.2},
                                {c.x + r * 0.45, c.y - r * 0.2},
                                {c.x, c.y + r * 0.25},
                                {c.x - r * 0.45, c.y - r * 0.2}});
        inSide();
        break;
    case MarkerKind::Evacuation:
        m.path.rings.push_back(circle(c, r * 0.85));
        m.path.rings.push_back(circle(c, r * 0.45));
        inSide();
        break;
    case MarkerKind::Treaty:
        m.path.rings.push_back({{c.x - r * 0.75, c.y - r * 0.9},
                                {c.x + r * 0.75, c.y - r * 0.9},
                                {c.x + r * 0.75, c.y + r * 0.9},
                                {c.x - r * 0.75, c.y + r * 0.9}});
        // A sheet with lines of text and a signature: a treaty signed.
        for (const double y : {-0.55, -0.25, 0.05})
            m.detail.rings.push_back(
                shape(c, r, {{-0.45, y}, {0.45, y}, {0.45, y + 0.13}, {-0.45, y + 0.13}}));
        m.detail.rings.push_back(shape(c, r, {{0.0, 0.45}, {0.5, 0.45}, {0.5, 0.58}, {0.0, 0.58}}));
        m.fill = th.treatyFill;
        m.edge = th.text;
        m.detailColour = th.text;
        break;
    case MarkerKind::Site:
        m.path.rings.push_back(circle(c, r * 0.7));
        inSide(); // the theme's accent when the marker names no side
        break;
    case MarkerKind::Fire:
        // A flame with a yellow heart.
        m.path.rings.push_back(shape(c, r,
                                     {{0.05, -1.0},
                                      {0.42, -0.48},
                                      {0.55, -0.62},
                                      {0.7, -0.05},
                                      {0.66, 0.42},
                                      {0.42, 0.78},
                                      {0.0, 0.95},
                                      {-0.42, 0.78},
                                      {-0.66, 0.42},
                                      {-0.62, -0.1},
                                      {-0.4, -0.42},
                                      {-0.3, -0.1}}));
        m.detail.rings.push_back(shape(
            c, r,
            {{0.0, -0.25}, {0.3, 0.2}, {0.32, 0.5}, {0.0, 0.72}, {-0.32, 0.5}, {-0.28, 0.2}}));
        m.fill = th.fireFill;
        m.edge = th.fireFill.darker(th.markerEdgeDarken);
        m.detailColour = th.battleFill;
        break;
    case MarkerKind::Massacre:
        // A dark cross, outlined in the halo colour to stand out on any ground.
        m.path.rings.push_back(shape(c, r,
                                     {{-0.17, -0.95},
                                      {0.17, -0.95},
                                      {0.17, -0.5},
                                      {0.62, -0.5},
                                      {0.62, -0.18},
                                      {0.17, -0.18},
                                      {0.17, 0.95},
                                      {-0.17, 0.95},
                                      {-0.17, -0.18},
                                      {-0.62, -0.18},
                                      {-0.62, -0.5},
                                      {-0.17, -0.5}}));
        m.fill = th.massacreFill;
        m.edge = th.halo;
        break;
    case MarkerKind::Epidemic: {
        // A round germ with eight knobs and three spots.
        Ring germ;
        constexpr int kSteps = 96;
        for (int i = 0; i < kSteps; ++i) {
            const double a = 2 * M_PI * i / kSteps;
            const double knob = std::pow(std::max(0.0, std::cos(8 * a)), 6);
            const double rr = r * (0.62 + 0.36 * knob);
            germ.push_back({c.x + rr * std::cos(a), c.y + rr * std::sin(a)});
        }
        m.path.rings.push_back(std::move(germ));
        for (const Point q : {Point{-0.22, -0.18}, Point{0.24, -0.06}, Point{-0.04, 0.28}})
            m.detail.rings.push_back(circle({c.x + q.x * r, c.y + q.y * r}, r * 0.12));
        m.fill = th.epidemicFill;
        m.edge = th.epidemicFill.darker(th.markerEdgeDarken);
        m.detailColour = m.edge;
        break;
    }
    }
    return m;
}

} // namespace mapreel::scene::detail
