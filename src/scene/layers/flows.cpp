// SPDX-License-Identifier: MIT
// Flow bands: a band along a route whose width is the flow's strength, growing with its
// `flow` actions, with the values written at its points and its scale in the legend.
#include "scene/layers/layers_p.hpp"

#include "mapreel/scene/band.hpp"
#include "mapreel/timeline/easing.hpp"
#include "scene/labels_p.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace mapreel::scene::detail {

using timeline::progress;

namespace {

/// Opacity of a band's fill: overlapping bands (an advance and a retreat) stay readable.
constexpr double kBandOpacity = 0.82;
/// Width in pixels (at 1080 lines) of the strongest band of a unit without a `scale`.
constexpr double kWidestBand = 40;
/// Length in pixels (at 1080 lines) of the sample band in the legend.
constexpr double kSampleLength = 44;

/// The band's opacity at `t`: fading in as it starts and out as it goes.
double bandAlpha(const timeline::CompiledFlow& cf, double t) {
    if (t < cf.start || t > cf.hideAt)
        return 0;
    return std::min(progress(t, cf.start, cf.start + 0.4),
                    1 - progress(t, cf.hideAt - timeline::kFadeSeconds, cf.hideAt));
}

/// The largest of 1, 2 and 5 times a power of ten that is at most `v` (v > 0).
double niceBelow(double v) {
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= v)
            return m * p;
    return p;
}

} // namespace

std::string groupedNumber(double v, const std::string& lang) {
    const bool whole = std::abs(v) >= 100 || std::abs(v - std::round(v)) < 1e-9;
    const double r = whole ? std::round(std::abs(v)) : std::round(std::abs(v) * 10) / 10;
    std::string digits = std::to_string(static_cast<long long>(std::floor(r)));
    const std::string_view primary = std::string_view(lang).substr(0, 2);
    const char* sep = ",";
    const char* point = ".";
    if (primary == "fr" || primary == "ru" || primary == "pl" || primary == "uk" ||
        primary == "cs" || primary == "sv" || primary == "fi" || primary == "nb") {
        sep = "\u202f";
        point = ",";
    } else if (primary == "de" || primary == "es" || primary == "it" || primary == "nl" ||
               primary == "pt" || primary == "da" || primary == "tr" || primary == "id") {
        sep = ".";
        point = ",";
    }
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if (n > 4 && i + 1 < n && (n - i - 1) % 3 == 0)
            out += sep;
    }
    if (!whole) {
        const auto tenths = static_cast<int>(std::lround((r - std::floor(r)) * 10));
        if (tenths != 0) {
            out.append(point);
            out.append(std::to_string(tenths));
        }
    }
    std::string result;
    if (v < 0 && out != "0")
        result = "\u2212"; // a true minus sign
    result.append(out);
    return result;
}

double flowPixelsPerUnit(const timeline::Timeline& tl, const story::Flow& flow) {
    if (flow.scale)
        return flow.scale->width / flow.scale->strength;
    // Flows of one unit without a scale share one: the strongest of them is kWidestBand wide.
    const std::string unit = flow.unit.get(tl.story().defaultLanguage());
    double strongest = 0;
    for (const auto& other : tl.story().flows)
        if (!other.scale && other.unit.get(tl.story().defaultLanguage()) == unit)
            for (const auto& p : other.points)
                strongest = std::max(strongest, p.strength);
    return strongest > 0 ? kWidestBand / strongest : 0;
}

void appendFlows(Frame& f) {
    for (const auto& cf : f.tl.flows()) {
        const double alpha = bandAlpha(cf, f.t);
        if (alpha <= 0 || cf.path.size() < 2)
            continue;
        const double length = timeline::flowLength(cf, f.t);
        if (length <= 0)
            continue;
        const double scale = flowPixelsPerUnit(f.tl, *cf.source) * f.u;
        // The drawn part of the centre line, in pixels, with the width at each point.
        LineString px;
        std::vector<double> widths;
        for (std::size_t i = 0; i < cf.path.size(); ++i) {
            if (cf.cumulative[i] <= length) {
                px.push_back(f.view.apply(cf.path[i]));
                widths.push_back(cf.strength[i] * scale);
                continue;
            }
            const double seg = cf.cumulative[i] - cf.cumulative[i - 1];
            const double k = seg > 0 ? (length - cf.cumulative[i - 1]) / seg : 0;
            px.push_back(f.view.apply(cf.path[i - 1] + (cf.path[i] - cf.path[i - 1]) * k));
            widths.push_back((cf.strength[i - 1] + (cf.strength[i] - cf.strength[i - 1]) * k) *
                             scale);
            break;
        }
        // Keep authored labels off the band, over its whole route, as for arrows.
        double widest = 0;
        for (double w : widths)
            widest = std::max(widest, w);
        const double half = std::max(widest / 2, f.th.arrowClearance * f.u);
        Point last{1e300, 1e300};
        for (const Point q : cf.path) {
            const Point p = f.view.apply(q);
            if (std::hypot(p.x - last.x, p.y - last.y) < half)
                continue;
            f.strokes.push_back(Rect{p.x - half, p.y - half, p.x + half, p.y + half});
            last = p;
        }
        Path band;
        band.rings = bandPieces(px, widths);
        if (band.rings.empty())
            continue;
        f.scene.items.emplace_back(
            Fill{std::move(band), cf.color.withAlpha(kBandOpacity * alpha), FillRule::NonZero});
        // Values (or texts) at the points the band has reached.
        const auto& points = cf.source->points;
        for (std::size_t k = 0; k < points.size() && k < cf.pointIndex.size(); ++k) {
            const auto& p = points[k];
            const std::size_t i = cf.pointIndex[k];
            if (cf.cumulative[i] > length + 1e-9)
                break;
            std::string text = p.label.get(f.tl.lang());
            if (text.empty() && p.showValue)
                text = groupedNumber(p.strength, f.tl.lang());
            if (text.empty())
                continue;
            Font font{f.th.fontSans, f.th.arrowLabelSize * f.u, true, false, 0};
            const Point at = f.view.apply(cf.path[i]);
            f.flowValues.push_back({std::move(text), at, cf.strength[i] * scale / 2 + 6 * f.u, font,
                                    cf.color.darker(f.th.arrowLabelDarken).withAlpha(alpha),
                                    f.th.halo.withAlpha(alpha)});
        }
    }
}

void appendFlowValues(Frame& f) {
    for (auto& v : f.flowValues) {
        const Point sz = f.measure.measure(v.text, v.font);
        // The first free place around the point, a little further out each time; a value
        // with no room is left out rather than written over another label.
        for (const double more : {0.0, 0.6, 1.2}) {
            bool placed = false;
            for (const auto& spot : spotsAround(v.at, sz, v.gap + more * sz.y)) {
                if (!f.free(spot.box))
                    continue;
                f.occupied.push_back(spot.box);
                f.scene.items.emplace_back(Text{std::move(v.text), spot.at, v.font, v.colour,
                                                v.halo, f.th.arrowLabelHalo * f.u, 0, spot.align});
                placed = true;
                break;
            }
            if (placed)
                break;
        }
    }
    f.flowValues.clear();
}

void appendFlowLegend(Frame& f, std::vector<Item>& panels) {
    // One row per unit and scale among the bands on screen: a sample band and its strength.
    struct Row {
        std::string unit;
        double perUnit = 0;
        double sample = 0;
        Color color;
        double alpha = 0;
    };
    std::vector<Row> rows;
    for (const auto& cf : f.tl.flows()) {
        const double alpha = bandAlpha(cf, f.t);
        if (alpha <= 0)
            continue;
        const auto& flow = *cf.source;
        const double perUnit = flowPixelsPerUnit(f.tl, flow);
        if (perUnit <= 0)
            continue;
        const std::string unit = flow.unit.get(f.tl.lang());
        auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
            return r.unit == unit && std::abs(r.perUnit - perUnit) < 1e-12 * perUnit;
        });
        double strongest = 0;
        for (const auto& p : flow.points)
            strongest = std::max(strongest, p.strength);
        const double sample = flow.scale ? flow.scale->strength : niceBelow(strongest / 2);
        if (it == rows.end())
            rows.push_back({unit, perUnit, sample, cf.color, alpha});
        else {
            it->alpha = std::max(it->alpha, alpha);
            it->sample = std::max(it->sample, sample);
        }
    }
    if (rows.empty())
        return;
    const auto& th = f.th;
    const double u = f.u;
    Font lf{th.fontSans, th.legendSize * u, false, false, 0};
    const double pad = th.legendPadding * u;
    double textW = 0;
    double rowsH = 0;
    std::vector<std::string> texts;
    for (const auto& r : rows) {
        texts.push_back("= " + groupedNumber(r.sample, f.tl.lang()) + " " + r.unit);
        textW = std::max(textW, f.measure.measure(texts.back(), lf).x);
        rowsH += std::max(th.legendRow * u, r.sample * r.perUnit * u + 10 * u);
    }
    const double w = 2 * pad + kSampleLength * u + 10 * u + textW;
    const double bottom =
        f.legendBox.empty() ? f.layout.legend.maxY : f.legendBox.minY - th.panelMargin * u * 2;
    Rect box{f.layout.legend.minX, bottom - rowsH - 2 * pad + 8 * u, f.layout.legend.minX + w,
             bottom};
    double a = 0;
    for (const auto& r : rows)
        a = std::max(a, r.alpha);
    panels.emplace_back(Panel{box, th.panelRadius * u, th.panel.withAlpha(th.panel.a * a),
                              th.border.withAlpha(th.panelEdgeOpacity * a), th.panelEdgeWidth * u,
                              th.panelShadow * u * a});
    double y = box.minY + pad - 4 * u;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const double h = std::max(th.legendRow * u, r.sample * r.perUnit * u + 10 * u);
        const double mid = y + h / 2;
        const double half = r.sample * r.perUnit * u / 2;
        Path sample;
        sample.rings.push_back({{box.minX + pad, mid - half},
                                {box.minX + pad + kSampleLength * u, mid - half},
                                {box.minX + pad + kSampleLength * u, mid + half},
                                {box.minX + pad, mid + half}});
        panels.emplace_back(
            Fill{std::move(sample), r.color.withAlpha(kBandOpacity * r.alpha), FillRule::NonZero});
        panels.emplace_back(Text{texts[i],
                                 {box.minX + pad + kSampleLength * u + 10 * u, mid},
                                 lf,
                                 th.panelText.withAlpha(r.alpha),
                                 {},
                                 0,
                                 0,
                                 Align::Start,
                                 Align::Centre});
        f.overlayKey = hashCombine(f.overlayKey, r.sample + r.alpha);
        y += h;
    }
    f.occupied.push_back(box.inflated(th.panelMargin * u));
    f.legendBox.expand(box);
}

} // namespace mapreel::scene::detail
