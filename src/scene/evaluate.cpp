// SPDX-License-Identifier: MIT
#include "mapreel/scene/evaluate.hpp"

#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>

namespace mapreel::scene {

using timeline::clamp01;
using timeline::easeInOut;
using timeline::easeOut;
using timeline::easeOutBack;
using timeline::progress;

namespace {

constexpr double kRho = 1.42;
constexpr double kCameraSeconds = 3.0;
constexpr double kTextFade = 0.5;

// Swapped arguments do not compile: -Wconversion (an error here) rejects double <-> uint64_t.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
std::uint64_t hashCombine(std::uint64_t h, double v) {
    return (h ^ std::bit_cast<std::uint64_t>(v)) * 1099511628211ULL;
}

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

    [[nodiscard]] Path toPath(const MultiPolygon& mp) const {
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
                p.rings.push_back(transform(ring));
        }
        return p;
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
    [[nodiscard]] Path toPath(const MultiLineString& ml) const {
        Path p;
        const Rect vis = screen.inflated(8);
        for (const auto& l : ml) {
            Rect b;
            for (auto q : l)
                b.expand(view.apply(q));
            if (!b.intersects(vis))
                continue;
            auto px = transform(l);
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
};

/// A label anchored beside a point: where its text starts, how it aligns, and its box.
struct LabelSpot {
    Point at;
    Align align = Align::Start;
    Rect box;
};

/// Candidate spots for a label of size `sz` around `c`, `gap` pixels away, in order of
/// preference: right, left, above, below, then the four diagonals.
std::vector<LabelSpot> spotsAround(Point c, Point sz, double gap) {
    const double hx = sz.x / 2;
    const double hy = sz.y / 2;
    auto start = [&](Point at) {
        return LabelSpot{at, Align::Start, Rect{at.x, at.y - hy, at.x + sz.x, at.y + hy}};
    };
    auto end = [&](Point at) {
        return LabelSpot{at, Align::End, Rect{at.x - sz.x, at.y - hy, at.x, at.y + hy}};
    };
    auto centre = [&](Point at) {
        return LabelSpot{at, Align::Centre, Rect{at.x - hx, at.y - hy, at.x + hx, at.y + hy}};
    };
    const double d = gap * 0.75;
    return {start({c.x + gap, c.y}),
            end({c.x - gap, c.y}),
            centre({c.x, c.y - gap * 0.6 - hy}),
            centre({c.x, c.y + gap * 0.6 + hy}),
            start({c.x + d, c.y - d - hy}),
            start({c.x + d, c.y + d + hy}),
            end({c.x - d, c.y - d - hy}),
            end({c.x - d, c.y + d + hy})};
}

/// The first free spot, else the one that covers the least of what is already placed:
/// authored labels (markers, arrows) are always shown, and places give way to them.
LabelSpot bestSpot(const Frame& f, const std::vector<LabelSpot>& spots) {
    const LabelSpot* best = &spots.front();
    double bestCover = std::numeric_limits<double>::infinity();
    for (const auto& spot : spots) {
        const double cover = f.overlap(spot.box);
        if (cover <= 0)
            return spot;
        if (cover < bestCover) {
            bestCover = cover;
            best = &spot;
        }
    }
    return *best;
}

Color side(const timeline::Timeline& tl, const std::string& id) {
    if (const auto* s = tl.story().side(id))
        return s->color;
    return Color{0.5, 0.5, 0.5, 1};
}

void drawBase(Frame& f) {
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
        out.emplace_back(Stroke{std::move(land), th.coast, 0.9 * f.u});
    }
    if (!b.lakes.empty()) {
        auto lakes = f.toPath(b.lakes);
        out.emplace_back(Fill{lakes, th.lake, FillRule::NonZero});
        out.emplace_back(Stroke{std::move(lakes), th.river, 0.6 * f.u});
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
        out.emplace_back(Stroke{f.toPath(b.graticule), th.coast.withAlpha(0.5), 0.6 * f.u});
    if (!b.borders.empty())
        out.emplace_back(Stroke{f.toPath(b.borders), th.border, th.borderWidth * f.u});
    if (!b.disputed.empty())
        out.emplace_back(
            Stroke{f.toPath(b.disputed), th.border, th.borderWidth * f.u, {4 * f.u, 3 * f.u}});
}

void drawFronts(Frame& f) {
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
        group.strokes.push_back(Stroke{std::move(left), lc.darker(0.35), f.th.frontWidth * f.u});
        f.scene.items.emplace_back(std::move(group));
    }
    for (const auto& terr : f.tl.territories()) {
        const timeline::CompiledTerritoryKeyframe* cur = nullptr;
        const timeline::CompiledTerritoryKeyframe* prev = nullptr;
        for (const auto& k : terr.keyframes)
            if (k.fadeStart <= f.t) {
                prev = cur;
                cur = &k;
            }
        if (!cur)
            continue;
        const Color c = side(f.tl, terr.side);
        // Territories cross-fade over a second of video from when the clock reaches them.
        const double fade = cur->fadeEnd > cur->fadeStart
                                ? clamp01((f.t - cur->fadeStart) / (cur->fadeEnd - cur->fadeStart))
                                : 1.0;
        if (prev && fade < 1 && !prev->area.empty())
            f.scene.items.emplace_back(Fill{f.toPath(prev->area),
                                            c.withAlpha(f.th.sideOpacity * (1 - fade)),
                                            FillRule::NonZero});
        if (!cur->area.empty()) {
            auto p = f.toPath(cur->area);
            f.scene.items.emplace_back(
                Fill{p, c.withAlpha(f.th.sideOpacity * (prev ? fade : 1)), FillRule::NonZero});
            f.scene.items.emplace_back(
                Stroke{std::move(p), c.darker(0.3).withAlpha(prev ? fade : 1), 1.2 * f.u});
        }
    }
}

void drawLinesAndZones(Frame& f) {
    for (const auto& z : f.tl.zones()) {
        const double a = f.tl.visibility(z.source->id, z.source->visible, f.t);
        if (a <= 0)
            continue;
        const Color c = z.source->color.value_or(Color{0.35, 0.33, 0.3, 1});
        auto p = f.toPath(z.area);
        f.scene.items.emplace_back(Fill{p, c.withAlpha(0.45 * a), FillRule::NonZero});
        f.scene.items.emplace_back(Stroke{std::move(p), c.withAlpha(0.8 * a), 1.0 * f.u});
    }
    for (const auto& l : f.tl.lines()) {
        const double a = f.tl.visibility(l.source->id, l.source->visible, f.t);
        if (a <= 0)
            continue;
        Path p;
        p.lines.push_back(f.transform(l.line));
        using story::LineStyle;
        Color c = l.source->color.value_or(Color{0.2, 0.18, 0.16, 1});
        std::vector<double> dash;
        double w = 2.2 * f.u;
        switch (l.source->style) {
        case LineStyle::Boundary:
            dash = {10 * f.u, 6 * f.u};
            break;
        case LineStyle::Demarcation:
            w = 3 * f.u;
            break;
        case LineStyle::Front:
            w = 3.5 * f.u;
            break;
        case LineStyle::Route:
            dash = {3 * f.u, 4 * f.u};
            break;
        }
        f.scene.items.emplace_back(Stroke{p, f.th.halo.withAlpha(0.8 * a), w + 3 * f.u});
        f.scene.items.emplace_back(Stroke{std::move(p), c.withAlpha(a), w, dash});
        const std::string name = l.source->name.get(f.tl.lang());
        if (!name.empty() && l.named && l.line.size() >= 2) {
            // On the longest straight stretch inside the frame, preferring level ones: a
            // name read along a short or steep piece of the line is hard to read.
            const Ring px = f.transform(l.line);
            Font font{f.th.fontSerif, 16 * f.u, false, true, 0.5 * f.u};
            const Point sz = f.measure.measure(name, font);
            const Rect inside = f.screen.inflated(-40 * f.u);
            double bestScore = -1;
            Point a0;
            Point a1;
            for (std::size_t i = 1; i < px.size(); ++i) {
                const Point p0 = px[i - 1];
                const Point p1 = px[i];
                const Point mid = p0 + (p1 - p0) * 0.5;
                if (!inside.contains(mid))
                    continue;
                const double len = std::hypot(p1.x - p0.x, p1.y - p0.y);
                const double level = std::abs(p1.x - p0.x) / std::max(len, 1e-9);
                const double score = std::min(len, sz.x * 1.5) * (0.3 + level);
                if (score > bestScore) {
                    bestScore = score;
                    a0 = p0;
                    a1 = p1;
                }
            }
            if (bestScore < 0)
                continue;
            double ang = std::atan2(-(a1.y - a0.y), a1.x - a0.x) * 180 / M_PI;
            if (ang > 90 || ang < -90)
                ang += 180;
            // Offset along the normal that points up the screen.
            const double len = std::max(std::hypot(a1.x - a0.x, a1.y - a0.y), 1e-9);
            Point normal{(a1.y - a0.y) / len, -(a1.x - a0.x) / len};
            if (normal.y > 0)
                normal = normal * -1.0;
            const Point at = a0 + (a1 - a0) * 0.5 + normal * (12 * f.u);
            Text t{name,    at,  font,          c.withAlpha(a), f.th.halo.withAlpha(a),
                   3 * f.u, ang, Align::Centre, Align::Centre};
            Rect box{t.at.x - sz.x / 2, t.at.y - sz.y / 2, t.at.x + sz.x / 2, t.at.y + sz.y / 2};
            if (f.free(box)) {
                f.occupied.push_back(box);
                f.scene.items.emplace_back(std::move(t));
            }
        }
    }
}

/// The outline of a tapered arrow along `px` (pixels), body `w` wide at the head.
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

void drawArrows(Frame& f) {
    for (const auto& a : f.tl.arrows()) {
        if (f.t < a.start || f.t > a.hideAt || a.path.size() < 2)
            continue;
        const double grow = easeOut(progress(f.t, a.start, a.end));
        const double alpha = 1 - progress(f.t, a.hideAt - 0.8, a.hideAt);
        const LineString part = timeline::grownArrow(a, f.t);
        if (part.size() < 2)
            continue;
        LineString px;
        for (auto p : part)
            px.push_back(f.view.apply(p));
        bool ok = false;
        const bool sea = a.source->style == story::ArrowStyle::Sea;
        Ring outline = arrowOutline(px, (sea ? 16 : 20) * f.u, ok);
        if (!ok)
            continue;
        Path p;
        p.rings.push_back(std::move(outline));
        if (sea) {
            f.scene.items.emplace_back(
                Fill{p, a.color.lighter(0.35).withAlpha(0.8 * alpha), FillRule::NonZero});
            f.scene.items.emplace_back(Stroke{std::move(p),
                                              a.color.darker(0.35).withAlpha(alpha),
                                              2.2 * f.u,
                                              {7 * f.u, 4 * f.u},
                                              false});
        } else {
            f.scene.items.emplace_back(Fill{p, a.color.withAlpha(0.92 * alpha), FillRule::NonZero});
            f.scene.items.emplace_back(
                Stroke{std::move(p), a.color.darker(0.45).withAlpha(alpha), 1.6 * f.u, {}, false});
        }
        const std::string label = a.source->label.get(f.tl.lang());
        if (!label.empty() && grow > 0.5) {
            // Anchored on the whole route, so the label stays put while the arrow grows; the
            // middle first, then a third or two thirds along, where routes that meet at
            // their heads are further apart.
            Font font{f.th.fontSans, 16 * f.u, true, false, 0};
            const Point sz = f.measure.measure(label, font);
            const double la = alpha * clamp01((grow - 0.5) * 4);
            std::vector<LabelSpot> spots;
            for (double along : {0.5, 0.33, 0.67}) {
                const auto i = static_cast<std::size_t>(
                    std::lround(along * static_cast<double>(a.path.size() - 1)));
                auto around = spotsAround(f.view.apply(a.path[i]), sz, 22 * f.u);
                spots.insert(spots.end(), around.begin(), around.begin() + 4);
            }
            const LabelSpot spot = bestSpot(f, spots);
            f.occupied.push_back(spot.box);
            f.scene.items.emplace_back(Text{label, spot.at, font, a.color.darker(0.5).withAlpha(la),
                                            f.th.halo.withAlpha(la), 3.5 * f.u, 0, spot.align});
        }
    }
}

/// A star: `points` tips at radius `outer`, notches between them at `inner`, turned by
/// `rotation` radians from pointing up.
struct StarShape {
    int points = 5;
    double outer = 1;
    double inner = 0.5;
    double rotation = 0;
};

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

/// Boxes along the route of every arrow on screen, so that arrow and marker labels sit
/// beside the arrows rather than on them. Places may still sit on arrows: routes run through towns.
void reserveArrows(Frame& f) {
    for (const auto& a : f.tl.arrows()) {
        if (f.t < a.start || f.t > a.hideAt || a.path.size() < 2)
            continue;
        const double half = 9 * f.u;
        Point last{1e300, 1e300};
        // The whole route from the moment the arrow starts, not the grown part: labels then
        // keep their places while the arrow grows instead of jumping as it passes them.
        for (const Point q : a.path) {
            const Point p = f.view.apply(q);
            if (std::hypot(p.x - last.x, p.y - last.y) < half)
                continue;
            f.strokes.push_back(Rect{p.x - half, p.y - half, p.x + half, p.y + half});
            last = p;
        }
    }
}

/// Marker symbols are small and must stay visible: arrow labels are placed around them.
void reserveMarkers(Frame& f) {
    for (const auto& m : f.tl.markers()) {
        if (f.t < m.start || f.t > m.hideAt)
            continue;
        const Point c = f.view.apply(m.at);
        const double r = 15 * f.u;
        f.occupied.push_back(Rect{c.x - r, c.y - r, c.x + r, c.y + r});
    }
}

void drawMarkers(Frame& f) {
    for (const auto& m : f.tl.markers()) {
        if (f.t < m.start || f.t > m.hideAt)
            continue;
        const double pop = easeOutBack(progress(f.t, m.start, m.start + 0.6));
        const double alpha = clamp01(progress(f.t, m.start, m.start + 0.3)) *
                             (1 - progress(f.t, m.hideAt - 0.8, m.hideAt));
        const Point c = f.view.apply(m.at);
        const double r = 15 * f.u * pop;
        if (r <= 0.5)
            continue;
        using story::MarkerKind;
        Path p;
        Color fill{0.91, 0.55, 0.12, 1};
        Color edge{0.55, 0.12, 0.08, 1};
        const Color sideColour = m.source->side.empty() ? f.th.accent : side(f.tl, m.source->side);
        switch (m.source->kind) {
        case MarkerKind::Battle:
            p.rings.push_back(
                star(c, {.points = 8, .outer = r, .inner = r * 0.45, .rotation = 0.2}));
            fill = Color{0.98, 0.72, 0.15, 1};
            break;
        case MarkerKind::Capture:
            p.rings.push_back(star(c, {.points = 5, .outer = r, .inner = r * 0.42, .rotation = 0}));
            fill = sideColour;
            edge = sideColour.darker(0.5);
            break;
        case MarkerKind::Landing:
            p.rings.push_back({{c.x - r, c.y - r * 0.2},
                               {c.x, c.y + r * 0.9},
                               {c.x + r, c.y - r * 0.2},
                               {c.x + r * 0.45, c.y - r * 0.2},
                               {c.x, c.y + r * 0.25},
                               {c.x - r * 0.45, c.y - r * 0.2}});
            fill = sideColour;
            edge = sideColour.darker(0.5);
            break;
        case MarkerKind::Evacuation:
            p.rings.push_back(circle(c, r * 0.85));
            p.rings.push_back(circle(c, r * 0.45));
            fill = sideColour;
            edge = sideColour.darker(0.5);
            break;
        case MarkerKind::Treaty:
            p.rings.push_back({{c.x - r * 0.75, c.y - r * 0.9},
                               {c.x + r * 0.75, c.y - r * 0.9},
                               {c.x + r * 0.75, c.y + r * 0.9},
                               {c.x - r * 0.75, c.y + r * 0.9}});
            fill = Color{0.98, 0.96, 0.9, 1};
            edge = f.th.text;
            break;
        case MarkerKind::Site:
            p.rings.push_back(circle(c, r * 0.7));
            fill = f.th.accent;
            edge = f.th.accent.darker(0.5);
            break;
        }
        if (m.source->pulse || m.source->kind == MarkerKind::Battle) {
            const double phase = std::fmod(f.t - m.start, 1.6) / 1.6;
            Path ring;
            ring.rings.push_back(circle(c, r * (1 + phase * 1.2)));
            f.scene.items.emplace_back(
                Stroke{std::move(ring), edge.withAlpha(alpha * (1 - phase) * 0.7), 2 * f.u});
        }
        f.scene.items.emplace_back(Fill{p, fill.withAlpha(alpha), FillRule::EvenOdd});
        f.scene.items.emplace_back(
            Stroke{std::move(p), edge.withAlpha(alpha), 1.6 * f.u, {}, false});
        const Rect box{c.x - r, c.y - r, c.x + r, c.y + r};
        f.occupied.push_back(box);
        if (!m.label.empty() && alpha > 0.05) {
            Font font{f.th.fontSans, 17 * f.u, true, false, 0};
            const Point sz = f.measure.measure(m.label, font);
            const LabelSpot spot = bestSpot(f, spotsAround(c, sz, 21 * f.u));
            f.occupied.push_back(spot.box);
            f.scene.items.emplace_back(Text{m.label, spot.at, font, f.th.text.withAlpha(alpha),
                                            f.th.halo.withAlpha(alpha), 4 * f.u, 0, spot.align,
                                            Align::Centre});
        }
    }
}

/// Authored notes on the map: always shown, so places and map labels give way to them.
/// Moves a centred text box of size `sz` at `at` the least needed to lie inside the frame's
/// margins and clear of the title, date, legend and narration panels (a callout is text
/// without a leader, so the shift does not mislead).
Point keepOnScreen(const Frame& f, Point at, Point sz) {
    const double m = 12 * f.u;
    const double w = f.layout.width;
    const double h = f.layout.height;
    auto clampInside = [&](Point p) {
        p.x = std::clamp(p.x, std::min(m + sz.x / 2, w / 2), std::max(w - m - sz.x / 2, w / 2));
        p.y = std::clamp(p.y, std::min(m + sz.y / 2, h / 2), std::max(h - m - sz.y / 2, h / 2));
        return p;
    };
    at = clampInside(at);
    for (const Rect& panel : {f.layout.title, f.layout.date, f.layout.legend, f.layout.narration}) {
        const Rect box{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2};
        if (!box.intersects(panel.inflated(m / 2)))
            continue;
        // The smallest move that clears this panel, vertically or horizontally.
        const std::array<Point, 4> moves{
            Point{at.x, panel.minY - m / 2 - sz.y / 2}, Point{at.x, panel.maxY + m / 2 + sz.y / 2},
            Point{panel.minX - m / 2 - sz.x / 2, at.y}, Point{panel.maxX + m / 2 + sz.x / 2, at.y}};
        Point best = at;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (const Point& candidate : moves) {
            const Point inside = clampInside(candidate);
            const Rect moved{inside.x - sz.x / 2, inside.y - sz.y / 2, inside.x + sz.x / 2,
                             inside.y + sz.y / 2};
            const double d = std::hypot(inside.x - at.x, inside.y - at.y);
            if (!moved.intersects(panel) && d < bestDistance) {
                best = inside;
                bestDistance = d;
            }
        }
        at = best;
    }
    return at;
}

void drawCallouts(Frame& f) {
    for (const auto& c : f.tl.callouts()) {
        if (f.t < c.start || f.t > c.hideAt)
            continue;
        const double a = clamp01(progress(f.t, c.start, c.start + 0.5)) *
                         (1 - progress(f.t, c.hideAt - 0.8, c.hideAt));
        Font font{f.th.fontSans, 18 * f.u, true, false, 0};
        const std::string text = c.source->text.get(f.tl.lang());
        const Point sz = f.measure.measure(text, font);
        const Point at = keepOnScreen(f, f.view.apply(c.at), sz);
        f.occupied.push_back(
            Rect{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2}.inflated(3 *
                                                                                              f.u));
        f.scene.items.emplace_back(Text{text, at, font, f.th.text.withAlpha(a),
                                        f.th.halo.withAlpha(a), 4 * f.u, 0, Align::Centre});
    }
}

void drawMapLabels(Frame& f) {
    for (const auto& l : f.tl.labels()) {
        const double a = f.tl.visibility(l.source->id, l.source->visible, f.t);
        if (a <= 0)
            continue;
        const std::string text = l.source->text.get(f.tl.lang());
        using story::LabelKind;
        Font font{f.th.fontSerif, f.th.labelSize * f.u, false, true, 0};
        Color colour = f.th.muted;
        std::string shown = text;
        switch (l.source->kind) {
        case LabelKind::Sea:
            font.size = 22 * f.u;
            font.letterSpacing = 3 * f.u;
            colour = Color{0.25, 0.42, 0.6, 1};
            break;
        case LabelKind::Country:
            font.italic = false;
            font.size = 21 * f.u;
            font.letterSpacing = 4 * f.u;
            colour = f.th.muted;
            for (auto& ch : shown)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            break;
        case LabelKind::River:
            font.size = 15 * f.u;
            colour = Color{0.2, 0.4, 0.62, 1};
            break;
        case LabelKind::Region:
            font.size = 18 * f.u;
            font.letterSpacing = 2 * f.u;
            break;
        }
        const Point at = f.view.apply(l.at);
        const Point sz = f.measure.measure(shown, font);
        const double rad = l.source->angle * M_PI / 180;
        const double hw = (std::abs(std::cos(rad)) * sz.x + std::abs(std::sin(rad)) * sz.y) / 2;
        const double hh = (std::abs(std::sin(rad)) * sz.x + std::abs(std::cos(rad)) * sz.y) / 2;
        const Rect box{at.x - hw, at.y - hh, at.x + hw, at.y + hh};
        if (!f.free(box))
            continue;
        if (l.source->kind != LabelKind::River)
            f.occupied.push_back(box);
        f.scene.overlay.emplace_back(Text{shown, at, font, colour.withAlpha(a),
                                          f.th.halo.withAlpha(0.7 * a), 2.5 * f.u, l.source->angle,
                                          Align::Centre, Align::Centre});
        f.overlayKey =
            hashCombine(f.overlayKey, a + 17 * static_cast<double>(&l - f.tl.labels().data()));
    }
}

void drawPlaces(Frame& f) {
    std::vector<const timeline::CompiledPlace*> order;
    for (const auto& p : f.tl.places())
        order.push_back(&p);
    std::stable_sort(order.begin(), order.end(),
                     [](auto* a, auto* b) { return a->source->rank < b->source->rank; });
    const double kmPerPixel = 1 / (f.view.scale * 1000);
    // Fewer, more important places when zoomed out.
    const int maxRank = kmPerPixel > 0.9 ? 2 : kmPerPixel > 0.45 ? 3 : kmPerPixel > 0.22 ? 4 : 5;
    for (const auto* p : order) {
        const auto& src = *p->source;
        if (src.rank > maxRank)
            continue;
        const double a = f.tl.visibility(src.id, src.visible, f.t);
        if (a <= 0)
            continue;
        const Point c = f.view.apply(p->at);
        if (!f.screen.contains(c))
            continue;
        const bool capital = src.kind == story::PlaceKind::Capital;
        const double r = (capital ? 6.5 : src.rank <= 2 ? 5 : 4) * f.u;
        const Rect dot{c.x - r, c.y - r, c.x + r, c.y + r};
        Font font{f.th.fontSerif,
                  (capital         ? 21
                   : src.rank <= 2 ? 19
                                   : 17) *
                      f.u,
                  capital, false, 0};
        const std::string name = src.name.get(f.tl.lang());
        const Point sz = f.measure.measure(name, font);
        const double gap = r + 5 * f.u;
        struct Candidate {
            story::LabelHint hint;
            Point at;
            Align align;
        };
        std::vector<Candidate> cands = {
            {story::LabelHint::Right, {c.x + gap, c.y}, Align::Start},
            {story::LabelHint::Left, {c.x - gap, c.y}, Align::End},
            {story::LabelHint::Above, {c.x, c.y - gap - sz.y / 2}, Align::Centre},
            {story::LabelHint::Below, {c.x, c.y + gap + sz.y / 2}, Align::Centre},
        };
        std::stable_partition(cands.begin(), cands.end(),
                              [&](const Candidate& k) { return k.hint == src.label; });
        bool placed = false;
        for (const auto& k : cands) {
            Rect box = k.align == Align::Start
                           ? Rect{k.at.x, k.at.y - sz.y / 2, k.at.x + sz.x, k.at.y + sz.y / 2}
                       : k.align == Align::End
                           ? Rect{k.at.x - sz.x, k.at.y - sz.y / 2, k.at.x, k.at.y + sz.y / 2}
                           : Rect{k.at.x - sz.x / 2, k.at.y - sz.y / 2, k.at.x + sz.x / 2,
                                  k.at.y + sz.y / 2};
            if (!f.free(box) || !f.free(dot))
                continue;
            f.occupied.push_back(box);
            f.occupied.push_back(dot);
            Path dp;
            dp.rings.push_back(circle(c, r));
            auto& out = f.scene.overlay;
            out.emplace_back(Fill{dp, f.th.halo.withAlpha(a), FillRule::NonZero});
            if (capital) {
                Path inner;
                inner.rings.push_back(circle(c, r * 0.45));
                out.emplace_back(Stroke{dp, f.th.text.withAlpha(a), 1.8 * f.u});
                out.emplace_back(Fill{inner, f.th.text.withAlpha(a), FillRule::NonZero});
            } else {
                out.emplace_back(Fill{dp, f.th.text.withAlpha(a), FillRule::NonZero});
            }
            out.emplace_back(Text{name, k.at, font, f.th.text.withAlpha(a),
                                  f.th.halo.withAlpha(0.9 * a), 3 * f.u, 0, k.align});
            f.overlayKey =
                hashCombine(f.overlayKey, a + 7 * static_cast<double>(&k - cands.data()) +
                                              13 * static_cast<double>(p - f.tl.places().data()));
            placed = true;
            break;
        }
        (void)placed;
    }
}

void drawOverlay(Frame& f, std::vector<Item>& panels) {
    const auto& s = f.tl.story();
    const auto& th = f.th;
    const double u = f.u;
    const auto& layout = f.layout;
    const std::string& lang = f.tl.lang();
    // Title block.
    {
        Font tf{th.fontSans, th.titleSize * u, true, false, 0};
        Font sf{th.fontSans, 19 * u, false, false, 0};
        const std::string title = s.title.get(lang);
        const std::string sub = s.subtitle.get(lang);
        const Point ts = f.measure.measure(title, tf);
        const Point ss = sub.empty() ? Point{0, 0} : f.measure.measure(sub, sf);
        const double pad = 16 * u;
        Rect box{layout.title.minX, layout.title.minY,
                 layout.title.minX + std::max(ts.x, ss.x) + 2 * pad,
                 layout.title.minY + ts.y + (sub.empty() ? 0 : ss.y + 4 * u) + 2 * pad};
        panels.emplace_back(Panel{box, 8 * u, th.panel, th.border.withAlpha(0.4), 1 * u, 6 * u});
        panels.emplace_back(Text{title,
                                 {box.minX + pad, box.minY + pad},
                                 tf,
                                 th.panelText,
                                 {},
                                 0,
                                 0,
                                 Align::Start,
                                 Align::Start});
        if (!sub.empty())
            panels.emplace_back(Text{sub,
                                     {box.minX + pad, box.minY + pad + ts.y + 4 * u},
                                     sf,
                                     th.muted,
                                     {},
                                     0,
                                     0,
                                     Align::Start,
                                     Align::Start});
        f.occupied.push_back(box.inflated(6 * u));
    }
    // Date: drawn every frame; its whole corner is reserved so labels do not move with it.
    const int si = f.tl.clock().stepAt(f.t);
    if (si >= 0) {
        const auto& st = f.tl.clock().steps()[static_cast<std::size_t>(si)];
        const Date d = fromHistTime(f.tl.clock().dateAt(f.t), st.source->precision);
        const std::string text = formatDate(d, st.source->precision, lang);
        Font df{th.fontSans, th.dateSize * u, true, false, 0};
        const Point sz = f.measure.measure(text, df);
        const double pad = 14 * u;
        Rect box{layout.date.maxX - sz.x - 2 * pad, layout.date.minY, layout.date.maxX,
                 layout.date.minY + sz.y + 2 * pad};
        f.scene.top.emplace_back(
            Panel{box, 8 * u, th.panel, th.border.withAlpha(0.4), 1 * u, 6 * u});
        f.scene.top.emplace_back(Text{text,
                                      {box.maxX - pad, box.minY + box.height() / 2},
                                      df,
                                      th.accent,
                                      {},
                                      0,
                                      0,
                                      Align::End,
                                      Align::Centre});
        f.occupied.push_back(
            Rect{layout.date.minX, layout.date.minY, layout.date.maxX, box.maxY}.inflated(6 * u));
    }
    // Legend of the sides.
    {
        Font lf{th.fontSans, 18 * u, false, false, 0};
        const double pad = 14 * u;
        const double row = 30 * u;
        double w = 0;
        for (const auto& sd : s.sides)
            w = std::max(w, f.measure.measure(sd.name.get(lang), lf).x);
        const double h = row * static_cast<double>(s.sides.size()) + 2 * pad - 8 * u;
        Rect box{layout.legend.minX, layout.legend.maxY - h,
                 layout.legend.minX + w + 2 * pad + 34 * u, layout.legend.maxY};
        panels.emplace_back(Panel{box, 8 * u, th.panel, th.border.withAlpha(0.4), 1 * u, 6 * u});
        double y = box.minY + pad;
        for (const auto& sd : s.sides) {
            Path sw;
            sw.rings.push_back({{box.minX + pad, y},
                                {box.minX + pad + 24 * u, y},
                                {box.minX + pad + 24 * u, y + 18 * u},
                                {box.minX + pad, y + 18 * u}});
            panels.emplace_back(Fill{sw, sd.color.withAlpha(0.75), FillRule::NonZero});
            panels.emplace_back(Stroke{sw, sd.color.darker(0.35), 1.5 * u});
            panels.emplace_back(Text{sd.name.get(lang),
                                     {box.minX + pad + 34 * u, y + 9 * u},
                                     lf,
                                     th.panelText,
                                     {},
                                     0,
                                     0,
                                     Align::Start,
                                     Align::Centre});
            y += row;
        }
        f.occupied.push_back(box.inflated(6 * u));
    }
    // Narration card, fading between steps.
    if (si >= 0) {
        const auto& st = f.tl.clock().steps()[static_cast<std::size_t>(si)];
        const bool last = si + 1 == static_cast<int>(f.tl.clock().steps().size());
        double alpha = std::min(progress(f.t, st.start, st.start + kTextFade),
                                last ? 1.0 : 1 - progress(f.t, st.end() - 0.3, st.end()));
        alpha = std::round(alpha * 32) / 32; // fades in 32 levels keep the overlay cacheable
        f.overlayKey = hashCombine(f.overlayKey, si * 1000.0 + alpha);
        Paragraph para;
        para.title = st.source->title.get(lang);
        para.text = st.source->narration.get(lang);
        std::string cites;
        for (const auto& c : st.source->cite) {
            for (const auto& src : s.sources)
                if (src.id == c) {
                    std::string shortName = src.author.empty() ? src.title : src.author;
                    if (!src.year.empty())
                        shortName += " (" + src.year + ")";
                    cites += (cites.empty() ? "" : "; ") + shortName;
                }
        }
        if (!cites.empty())
            para.footnote = "Sources: " + cites;
        para.titleFont = Font{th.fontSans, (th.narrationSize + 3) * u, true, false, 0};
        para.font = Font{th.fontSans, th.narrationSize * u, false, false, 0};
        para.footnoteFont = Font{th.fontSans, 15 * u, false, true, 0};
        para.color = th.panelText.withAlpha(alpha);
        para.footnoteColor = th.muted.withAlpha(alpha);
        const double pad = 22 * u;
        para.box = Rect{layout.narration.minX + pad, 0, layout.narration.maxX - pad, 0};
        const double h = f.measure.paragraphHeight(para);
        Rect box{layout.narration.minX, layout.narration.maxY - h - 2 * pad, layout.narration.maxX,
                 layout.narration.maxY};
        para.box = Rect{box.minX + pad, box.minY + pad, box.maxX - pad, box.maxY - pad};
        panels.emplace_back(Panel{box, 10 * u, th.panel, th.border.withAlpha(0.4), 1 * u, 8 * u});
        panels.emplace_back(std::move(para));
        f.occupied.push_back(box.inflated(8 * u));
    }
}

} // namespace

void ZoomPan::at(double s, Point& c, double& w) const {
    const double dx = c1.x - c0.x;
    const double dy = c1.y - c0.y;
    const double d = std::hypot(dx, dy);
    const double r2 = kRho * kRho;
    if (d < 1e-6 * std::max(w0, w1)) {
        // Pure zoom: constant perceived speed is exponential in the width.
        c = c0 + (c1 - c0) * s;
        w = w0 * std::pow(w1 / w0, s);
        return;
    }
    auto b = [&](int i) {
        const double wi = i == 0 ? w0 : w1;
        return (w1 * w1 - w0 * w0 + (i == 0 ? 1 : -1) * r2 * r2 * d * d) / (2 * wi * r2 * d);
    };
    auto r = [&](int i) {
        const double bi = b(i);
        return std::log(-bi + std::sqrt(bi * bi + 1));
    };
    const double r0 = r(0);
    const double r1 = r(1);
    const double pathLength = (r1 - r0) / kRho;
    const double sv = s * pathLength;
    const double uu = w0 / r2 * std::cosh(r0) * std::tanh(kRho * sv + r0) - w0 / r2 * std::sinh(r0);
    w = w0 * std::cosh(r0) / std::cosh(kRho * sv + r0);
    const double k = uu / d;
    c = {c0.x + dx * k, c0.y + dy * k};
    if (s >= 1) {
        c = c1;
        w = w1;
    }
}

Layout makeLayout(int width, int height) {
    Layout layout;
    layout.width = width;
    layout.height = height;
    layout.unit = height / 1080.0;
    const double u = layout.unit;
    const double m = 28 * u;
    const double narrationW = std::min(0.36 * width, 700 * u);
    layout.narration = Rect{width - m - narrationW, m + 110 * u, width - m, height - m};
    layout.title = Rect{m, m, m + 0.5 * width, m + 100 * u};
    layout.legend = Rect{m, height - m - 200 * u, m + 0.3 * width, height - m};
    layout.date = Rect{width - m - narrationW, m, width - m, m + 90 * u};
    // Fit camera extents left of the narration card, below the title.
    layout.mapArea = Rect{m, m + 40 * u, layout.narration.minX - m, height - m};
    return layout;
}

ViewTransform cameraAt(const timeline::Timeline& tl, const Layout& layout, double t) {
    const auto& steps = tl.clock().steps();
    ViewTransform v;
    v.screenCentre = layout.mapArea.centre();
    auto fit = [&](const Rect& r, Point& c, double& w) {
        c = r.centre();
        // Width of map shown across the map area so the whole extent fits.
        const double aspect = layout.mapArea.width() / layout.mapArea.height();
        w = std::max(r.width(), r.height() * aspect);
    };
    if (steps.empty())
        return v;
    const int i = std::max(0, tl.clock().stepAt(t));
    const auto& st = steps[static_cast<std::size_t>(i)];
    Point c1;
    double w1 = 1;
    fit(tl.camera(i), c1, w1);
    Point c = c1;
    double w = w1;
    if (i > 0) {
        Point c0;
        double w0 = 1;
        fit(tl.camera(i - 1), c0, w0);
        if (c0 != c1 || std::abs(w0 - w1) > 1e-9 * w1) {
            const double moveEnd = st.start + std::min(kCameraSeconds, st.duration * 0.4);
            ZoomPan zp{c0, c1, w0, w1};
            zp.at(easeInOut(progress(t, st.start, moveEnd)), c, w);
        }
    }
    v.centre = c;
    v.scale = layout.mapArea.width() / w;
    return v;
}

Scene evaluate(const timeline::Timeline& tl, double t, const Theme& theme, TextMeasurer& measurer,
               int width, int height) {
    Frame f{tl,
            theme,
            measurer,
            makeLayout(width, height),
            {},
            t,
            height / 1080.0,
            Rect{0, 0, static_cast<double>(width), static_cast<double>(height)},
            {},
            {}};
    f.view = cameraAt(tl, f.layout, t);
    f.scene.width = width;
    f.scene.height = height;
    f.scene.background = theme.sea;
    std::uint64_t key = 1469598103934665603ULL;
    for (double v : {f.view.centre.x, f.view.centre.y, f.view.scale, static_cast<double>(width),
                     static_cast<double>(height)})
        key = hashCombine(key, v);
    f.scene.baseKey = key;
    drawBase(f);
    std::vector<Item> panels;
    drawOverlay(f, panels); // panels first: they reserve their space from labels
    drawFronts(f);
    drawLinesAndZones(f);
    reserveArrows(f);
    reserveMarkers(f);
    drawArrows(f);
    drawMarkers(f);
    drawCallouts(f);
    drawPlaces(f);
    drawMapLabels(f);
    for (const auto& h : tl.highlights()) {
        if (t < h.start || t > h.end + 0.8)
            continue;
        const double a = std::sin(M_PI * clamp01((t - h.start) / (h.end - h.start + 0.8)));
        Path p;
        p.rings.push_back(circle(f.view.apply(h.at), 26 * f.u));
        f.scene.items.emplace_back(Stroke{std::move(p), h.color.withAlpha(a), 4 * f.u});
    }
    for (auto& item : panels)
        f.scene.overlay.push_back(std::move(item));
    f.scene.overlayKey = hashCombine(f.overlayKey, static_cast<double>(f.scene.baseKey % 1000003));
    return std::move(f.scene);
}

} // namespace mapreel::scene
