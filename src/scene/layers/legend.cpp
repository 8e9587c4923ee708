// SPDX-License-Identifier: MIT
// The legend: a row for each feature the map shows now, with a swatch drawn as the feature
// is drawn. Automatic (the sides, the arrow styles, the named zones) or the author's
// `legend:` rows in their order; either way a row shows only while its feature is on the map.
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"
#include "scene/symbols_p.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mapreel::scene::detail {

namespace {

using story::ArrowStyle;
using story::LegendEntry;
using story::MarkerKind;
using timeline::clamp01;
using timeline::progress;

/// A word for each arrow style and marker kind, in a few languages; English otherwise.
struct Words {
    std::string_view lang;
    std::array<std::string_view, 5> arrows;  ///< in the order of story::ArrowStyle
    std::array<std::string_view, 9> markers; ///< in the order of story::MarkerKind
};

constexpr std::array<Words, 5> kWords = {{
    {"en",
     {"Advance", "By sea", "By air", "Retreat", "Supply"},
     {"Battle", "Landing", "Capture", "Evacuation", "Treaty", "Site", "Fire", "Massacre",
      "Epidemic"}},
    {"fr",
     {"Offensive", "Par mer", "Par air", "Retraite", "Ravitaillement"},
     {"Bataille", "Débarquement", "Prise", "Évacuation", "Traité", "Site", "Incendie", "Massacre",
      "Épidémie"}},
    {"de",
     {"Vorstoß", "Über See", "Aus der Luft", "Rückzug", "Nachschub"},
     {"Schlacht", "Landung", "Eroberung", "Räumung", "Vertrag", "Ort", "Brand", "Massaker",
      "Seuche"}},
    {"ru",
     {"Наступление", "По морю", "По воздуху", "Отступление", "Снабжение"},
     {"Сражение", "Высадка", "Взятие", "Эвакуация", "Договор", "Место", "Пожар", "Резня",
      "Эпидемия"}},
    {"ko",
     {"진격", "해상", "공중", "후퇴", "보급"},
     {"전투", "상륙", "점령", "철수", "조약", "장소", "화재", "학살", "전염병"}},
}};

const Words& wordsFor(std::string_view lang) {
    const std::string_view base = lang.substr(0, lang.find('-'));
    for (const auto& w : kWords)
        if (w.lang == base)
            return w;
    return kWords.front();
}

/// One row: what its swatch draws, its text and how much it shows (0..1).
struct Row {
    LegendEntry::Kind kind = LegendEntry::Kind::Side;
    std::string text;
    double alpha = 0;
    Color colour;
    ArrowStyle arrow = ArrowStyle::Land;
    MarkerKind marker = MarkerKind::Battle;
    const story::Line* line = nullptr;
    const story::Zone* zone = nullptr;
    double key = 0; ///< tells rows apart in the overlay's cache key
};

/// How much the arrows of `style` (of side `side`, or any) show at `t`: growing in, fading out.
double arrowPresence(const Frame& f, ArrowStyle style, const std::string& side) {
    double a = 0;
    for (const auto& arrow : f.tl.arrows())
        if (arrow.source->style == style && (side.empty() || arrow.source->side == side) &&
            f.t >= arrow.start && f.t <= arrow.hideAt)
            a = std::max(a, clamp01(progress(f.t, arrow.start, arrow.start + 0.3)) *
                                (1 - progress(f.t, arrow.hideAt - 0.8, arrow.hideAt)));
    return a;
}

/// The same for markers of `kind` drawn with the kind's symbol (not a picture).
double markerPresence(const Frame& f, MarkerKind kind, const std::string& side) {
    double a = 0;
    for (const auto& m : f.tl.markers())
        if (m.source->kind == kind && m.source->image.empty() &&
            (side.empty() || m.source->side == side) && f.t >= m.start && f.t <= m.hideAt)
            a = std::max(a, clamp01(progress(f.t, m.start, m.start + 0.3)) *
                                (1 - progress(f.t, m.hideAt - 0.8, m.hideAt)));
    return a;
}

const story::Zone* zoneById(const story::Story& s, const std::string& id) {
    for (const auto& z : s.zones)
        if (z.id == id)
            return &z;
    return nullptr;
}

/// The row of one of the author's entries, or of an automatic one.
Row rowOf(const Frame& f, const LegendEntry& e, const std::vector<double>& presence) {
    const auto& s = f.tl.story();
    const std::string& lang = f.tl.lang();
    const Words& words = wordsFor(lang);
    Row row;
    row.kind = e.kind;
    row.text = e.label.get(lang);
    row.colour = e.side.empty() ? f.th.panelText : side(f.tl, e.side);
    switch (e.kind) {
    case LegendEntry::Kind::Side:
        for (std::size_t i = 0; i < s.sides.size(); ++i)
            if (s.sides[i].id == e.id) {
                row.alpha = presence[i];
                row.colour = s.sides[i].color;
                if (row.text.empty())
                    row.text = s.sides[i].name.get(lang);
                row.key = static_cast<double>(i) * 1000.0;
            }
        break;
    case LegendEntry::Kind::Arrow:
        row.arrow = e.arrow;
        row.alpha = arrowPresence(f, e.arrow, e.side);
        if (row.text.empty())
            row.text = words.arrows[static_cast<std::size_t>(e.arrow)];
        row.key = 1e6 + static_cast<double>(e.arrow) * 1000.0;
        break;
    case LegendEntry::Kind::Marker:
        row.marker = e.marker;
        row.alpha = markerPresence(f, e.marker, e.side);
        if (e.side.empty())
            row.colour = f.th.accent;
        if (row.text.empty())
            row.text = words.markers[static_cast<std::size_t>(e.marker)];
        row.key = 2e6 + static_cast<double>(e.marker) * 1000.0;
        break;
    case LegendEntry::Kind::Zone:
        if ((row.zone = zoneById(s, e.id)) != nullptr) {
            row.alpha = f.tl.visibility(e.id, row.zone->visible, f.t);
            row.colour = row.zone->color.value_or(f.th.zoneColour);
            if (row.text.empty())
                row.text = row.zone->name.get(lang);
        }
        row.key = 3e6 + static_cast<double>(std::hash<std::string>{}(e.id) % 1000) * 1000.0;
        break;
    case LegendEntry::Kind::Line:
        if ((row.line = s.line(e.id)) != nullptr) {
            row.alpha = f.tl.visibility(e.id, row.line->visible, f.t);
            row.colour = row.line->color.value_or(f.th.lineColour);
            if (row.text.empty())
                row.text = row.line->name.get(lang);
        }
        row.key = 4e6 + static_cast<double>(std::hash<std::string>{}(e.id) % 1000) * 1000.0;
        break;
    }
    return row;
}

/// The automatic legend's entries: every side; every arrow style, when the map shows any
/// arrow not of the plain advancing kind (an advance alone needs no key); every named zone.
std::vector<LegendEntry> automaticEntries(const Frame& f) {
    const auto& s = f.tl.story();
    std::vector<LegendEntry> out;
    for (const auto& sd : s.sides) {
        LegendEntry e;
        e.kind = LegendEntry::Kind::Side;
        e.id = sd.id;
        out.push_back(std::move(e));
    }
    constexpr std::array kStyles = {ArrowStyle::Land, ArrowStyle::Retreat, ArrowStyle::Sea,
                                    ArrowStyle::Air, ArrowStyle::Supply};
    const bool styled = std::any_of(kStyles.begin() + 1, kStyles.end(),
                                    [&](ArrowStyle st) { return arrowPresence(f, st, {}) > 0; });
    if (styled)
        for (const ArrowStyle st : kStyles) {
            LegendEntry e;
            e.kind = LegendEntry::Kind::Arrow;
            e.arrow = st;
            out.push_back(std::move(e));
        }
    for (const auto& z : s.zones)
        if (!z.name.empty()) {
            LegendEntry e;
            e.kind = LegendEntry::Kind::Zone;
            e.id = z.id;
            out.push_back(std::move(e));
        }
    return out;
}

/// Draws row `r`'s swatch with its top-left corner at `at`.
void drawSwatch(const Frame& f, const Row& r, Point at, std::vector<Item>& out) {
    const auto& th = f.th;
    const double u = f.u;
    const double w = th.legendSwatchWidth * u;
    const double h = th.legendSwatchHeight * u;
    const double a = r.alpha;
    const Point mid{at.x + w / 2, at.y + h / 2};
    Path box;
    box.rings.push_back({at, {at.x + w, at.y}, {at.x + w, at.y + h}, {at.x, at.y + h}});
    switch (r.kind) {
    case LegendEntry::Kind::Side:
        out.emplace_back(
            Fill{box, r.colour.withAlpha(th.legendSwatchOpacity * a), FillRule::NonZero});
        out.emplace_back(Stroke{std::move(box),
                                r.colour.darker(th.legendSwatchEdgeDarken).withAlpha(a),
                                th.legendSwatchEdgeWidth * u});
        break;
    case LegendEntry::Kind::Zone:
        out.emplace_back(Fill{box, r.colour.withAlpha(th.zoneOpacity * a), FillRule::NonZero});
        out.emplace_back(Stroke{std::move(box), r.colour.withAlpha(th.zoneEdgeOpacity * a),
                                th.zoneEdgeWidth * u});
        break;
    case LegendEntry::Kind::Arrow: {
        // The arrow at about half its size on the map, as long as the text's indent allows.
        const LineString px{{at.x - 2 * u, mid.y}, {at.x + th.legendTextOffset * u - 6 * u, mid.y}};
        for (auto& item : arrowItems(r.arrow, px, r.colour, a, th, u * 0.5))
            out.push_back(std::move(item));
        break;
    }
    case LegendEntry::Kind::Marker: {
        MarkerSymbol sym = markerSymbol(r.marker, mid, h * 0.55, r.colour, th);
        out.emplace_back(Fill{sym.path, sym.fill.withAlpha(a), FillRule::EvenOdd});
        out.emplace_back(
            Stroke{std::move(sym.path), sym.edge.withAlpha(a), th.markerEdgeWidth * u, {}, false});
        if (!sym.detail.empty())
            out.emplace_back(
                Fill{std::move(sym.detail), sym.detailColour.withAlpha(a), FillRule::NonZero});
        break;
    }
    case LegendEntry::Kind::Line: {
        Path p;
        p.lines.push_back({{at.x, mid.y}, {at.x + w, mid.y}});
        std::vector<double> dash;
        double width = th.lineWidth * u;
        if (r.line != nullptr)
            switch (r.line->style) {
            case story::LineStyle::Boundary:
                dash = {th.boundaryDash * u * 0.6, th.boundaryGap * u * 0.6};
                break;
            case story::LineStyle::Demarcation:
                width = th.demarcationWidth * u;
                break;
            case story::LineStyle::Front:
                width = th.frontLineWidth * u;
                break;
            case story::LineStyle::Route:
                dash = {th.routeDash * u, th.routeGap * u};
                break;
            }
        out.emplace_back(Stroke{std::move(p), r.colour.withAlpha(a), width, dash});
        break;
    }
    }
}

} // namespace

void appendLegend(Frame& f, std::vector<Item>& panels) {
    const auto& th = f.th;
    const double u = f.u;
    const auto presence = f.tl.sidePresence(f.t);
    const auto& authored = f.tl.story().legend;
    const std::vector<LegendEntry> entries = authored ? *authored : automaticEntries(f);
    std::vector<Row> rows;
    for (const auto& e : entries) {
        Row r = rowOf(f, e, presence);
        if (r.alpha > 0 && !r.text.empty())
            rows.push_back(std::move(r));
    }
    Font lf{th.fontSans, th.legendSize * u, false, false, 0};
    const double pad = th.legendPadding * u;
    const double row = th.legendRow * u;
    double w = 0;
    for (const auto& r : rows)
        w = std::max(w, f.measure.measure(r.text, lf).x);
    const double h = row * static_cast<double>(rows.size()) + 2 * pad - 8 * u;
    const auto& layout = f.layout;
    Rect box{layout.legend.minX, layout.legend.maxY - h,
             layout.legend.minX + w + 2 * pad + th.legendTextOffset * u, layout.legend.maxY};
    if (rows.empty())
        return;
    panels.emplace_back(Panel{box, th.panelRadius * u, th.panel,
                              th.border.withAlpha(th.panelEdgeOpacity), th.panelEdgeWidth * u,
                              th.panelShadow * u});
    double y = box.minY + pad;
    for (const auto& r : rows) {
        drawSwatch(f, r, {box.minX + pad, y}, panels);
        panels.emplace_back(
            Text{r.text,
                 {box.minX + pad + th.legendTextOffset * u, y + th.legendSwatchHeight * u / 2},
                 lf,
                 th.panelText.withAlpha(r.alpha),
                 {},
                 0,
                 0,
                 Align::Start,
                 Align::Centre});
        f.overlayKey = hashCombine(f.overlayKey, r.key + r.alpha);
        if (r.kind != LegendEntry::Kind::Side) // two rows of one style may differ by side
            f.overlayKey = hashCombine(
                f.overlayKey, static_cast<double>(std::hash<std::string>{}(r.text) % 1000003));
        y += row;
    }
    f.occupied.push_back(box.inflated(th.panelMargin * u));
    f.legendBox = box;
}

} // namespace mapreel::scene::detail
