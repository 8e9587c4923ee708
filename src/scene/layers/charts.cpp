// SPDX-License-Identifier: MIT
// Charts: small line or bar charts of dated values in a corner of the map, drawn up to the
// date on screen, with the value of the day marked and written.
#include "scene/layers/layers_p.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace mapreel::scene::detail {

namespace {

/// Size of a chart's card, in pixels at 1080 lines.
constexpr double kChartWidth = 330;
constexpr double kChartHeight = 196;

Ring circle(Point c, double r) {
    Ring ring;
    for (int k = 0; k < 24; ++k) {
        const double a = 2 * std::numbers::pi * k / 24;
        ring.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
    }
    return ring;
}

Ring box(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

} // namespace

Rect chartBox(const Frame& f, story::Corner corner) {
    const double u = f.u;
    const double w = kChartWidth * u;
    const double h = kChartHeight * u;
    const double gap = f.th.panelMargin * u * 2;
    const Layout& l = f.layout;
    switch (corner) {
    case story::Corner::TopLeft: {
        const double top = (f.titleBox.empty() ? l.title.minY : f.titleBox.maxY) + gap;
        return {l.title.minX, top, l.title.minX + w, top + h};
    }
    case story::Corner::TopRight: {
        double top = l.title.minY;
        const Rect r{l.mapArea.maxX - w, top, l.mapArea.maxX, top + h};
        // Under the title block when a long title reaches across.
        if (!f.titleBox.empty() && r.intersects(f.titleBox.inflated(gap)))
            top = f.titleBox.maxY + gap;
        return {l.mapArea.maxX - w, top, l.mapArea.maxX, top + h};
    }
    case story::Corner::BottomLeft: {
        const double bottom = f.legendBox.empty() ? l.legend.maxY : f.legendBox.minY - gap;
        return {l.legend.minX, bottom - h, l.legend.minX + w, bottom};
    }
    case story::Corner::BottomRight:
        break;
    }
    return {l.mapArea.maxX - w, l.legend.maxY - h, l.mapArea.maxX, l.legend.maxY};
}

void appendCharts(Frame& f) {
    const auto& th = f.th;
    const double u = f.u;
    const std::string& lang = f.tl.lang();
    const HistTime now = f.tl.clock().dateAt(f.t);
    for (const auto& chart : f.tl.story().charts) {
        const double alpha = f.tl.visibility(chart.id, chart.visible, f.t);
        if (alpha <= 0 || chart.values.empty())
            continue;
        const Color color = chart.color.value_or(th.accent);
        const Rect card = chartBox(f, chart.corner);
        auto& out = f.scene.top; // redrawn every frame: it moves with the date
        out.emplace_back(Panel{card, th.panelRadius * u, th.panel.withAlpha(th.panel.a * alpha),
                               th.border.withAlpha(th.panelEdgeOpacity * alpha),
                               th.panelEdgeWidth * u, th.panelShadow * u * alpha});
        const double pad = 12 * u;
        Font tf{th.fontSans, th.legendSize * u, true, false, 0};
        Font vf{th.fontSans, th.legendSize * u, true, false, 0};
        Font af{th.fontSans, th.legendSize * 0.72 * u, false, false, 0};
        const std::string title = chart.title.get(lang);
        const Point ts = f.measure.measure(title, tf);
        out.emplace_back(Text{title,
                              {card.minX + pad, card.minY + pad},
                              tf,
                              th.panelText.withAlpha(alpha),
                              {},
                              0,
                              0,
                              Align::Start,
                              Align::Start});
        // The value range; bars stand on zero.
        double lo = chart.values.front().value;
        double hi = lo;
        for (const auto& v : chart.values) {
            lo = std::min(lo, v.value);
            hi = std::max(hi, v.value);
        }
        if (chart.kind == story::ChartKind::Bars) {
            lo = std::min(lo, 0.0);
            hi = std::max(hi, 0.0);
        }
        if (hi - lo < 1e-12) {
            lo -= 1;
            hi += 1;
        }
        const std::string unit = chart.unit.get(lang);
        auto valueText = [&](double v) {
            return groupedNumber(v, lang) + (unit.empty() ? "" : "\u2009" + unit);
        };
        const double axisW = std::max(f.measure.measure(valueText(hi), af).x,
                                      f.measure.measure(valueText(lo), af).x);
        // The value of the day has a row of its own, under the title, right-aligned.
        const double valueTop = card.minY + pad + ts.y + 4 * u;
        const double valueH = f.measure.measure("0", vf).y;
        const Rect plot{card.minX + pad + axisW + 6 * u, valueTop + valueH + 6 * u,
                        card.maxX - pad - 4 * u, card.maxY - pad - af.size - 6 * u};
        const HistTime first = toHistTime(chart.values.front().date);
        const HistTime lastDate = toHistTime(chart.values.back().date);
        const double span = std::max(1.0, lastDate - first);
        const double inset = chart.kind == story::ChartKind::Bars
                                 ? plot.width() / static_cast<double>(chart.values.size()) / 2
                                 : 0;
        auto xOf = [&](HistTime d) {
            if (chart.values.size() == 1)
                return plot.centre().x;
            return plot.minX + inset + (d - first) / span * (plot.width() - 2 * inset);
        };
        auto yOf = [&](double v) { return plot.maxY - (v - lo) / (hi - lo) * plot.height(); };
        const Color axis = th.muted.withAlpha(alpha);
        // The axis: the highest and lowest values, zero when it lies between, the first and
        // last dates.
        for (double v : {hi, lo}) {
            out.emplace_back(Text{valueText(v),
                                  {plot.minX - 6 * u, yOf(v)},
                                  af,
                                  axis,
                                  {},
                                  0,
                                  0,
                                  Align::End,
                                  Align::Centre});
        }
        Path frame;
        frame.lines.push_back({{plot.minX, plot.minY}, {plot.minX, plot.maxY}});
        if (lo < 0 && hi > 0)
            frame.lines.push_back({{plot.minX, yOf(0)}, {plot.maxX, yOf(0)}});
        else
            frame.lines.push_back({{plot.minX, plot.maxY}, {plot.maxX, plot.maxY}});
        out.emplace_back(Stroke{std::move(frame), axis, 1 * u, {}, false});
        const DatePrecision dp = chart.values.front().date.precision;
        out.emplace_back(Text{formatDate(chart.values.front().date, dp, lang),
                              {plot.minX, plot.maxY + 4 * u},
                              af,
                              axis,
                              {},
                              0,
                              0,
                              Align::Start,
                              Align::Start});
        if (chart.values.size() > 1)
            out.emplace_back(Text{formatDate(chart.values.back().date, dp, lang),
                                  {plot.maxX, plot.maxY + 4 * u},
                                  af,
                                  axis,
                                  {},
                                  0,
                                  0,
                                  Align::End,
                                  Align::Start});
        // The values up to the date on screen, and the value of the day.
        std::optional<double> current;
        Point mark;
        if (chart.kind == story::ChartKind::Line) {
            LineString line;
            for (std::size_t i = 0; i < chart.values.size(); ++i) {
                const auto& v = chart.values[i];
                const HistTime d = toHistTime(v.date);
                if (d <= now) {
                    line.push_back({xOf(d), yOf(v.value)});
                    current = v.value;
                    continue;
                }
                if (i > 0) {
                    const auto& p = chart.values[i - 1];
                    const HistTime pd = toHistTime(p.date);
                    const double k = (now - pd) / (d - pd);
                    current = p.value + (v.value - p.value) * k;
                    line.push_back({xOf(now), yOf(*current)});
                }
                break;
            }
            if (line.size() >= 2) {
                Path p;
                p.lines.push_back(line);
                out.emplace_back(Stroke{std::move(p), color.withAlpha(alpha), 2.6 * u, {}, true});
            }
            if (!line.empty())
                mark = line.back();
        } else {
            const double barW = plot.width() / static_cast<double>(chart.values.size()) * 0.7;
            std::size_t today = chart.values.size();
            for (std::size_t i = 0; i < chart.values.size(); ++i)
                if (toHistTime(chart.values[i].date) <= now)
                    today = i;
            for (std::size_t i = 0; today < chart.values.size() && i <= today; ++i) {
                const auto& v = chart.values[i];
                const double x = xOf(toHistTime(v.date));
                Path bar;
                bar.rings.push_back(box(x - barW / 2, std::min(yOf(v.value), yOf(0)), x + barW / 2,
                                        std::max(yOf(v.value), yOf(0))));
                out.emplace_back(Fill{std::move(bar),
                                      color.withAlpha(alpha * (i == today ? 1.0 : 0.4)),
                                      FillRule::NonZero});
            }
            if (today < chart.values.size()) {
                current = chart.values[today].value;
                mark = {xOf(toHistTime(chart.values[today].date)), yOf(*current)};
            }
        }
        if (current) {
            if (chart.kind == story::ChartKind::Line) {
                Path dot;
                dot.rings.push_back(circle(mark, 5 * u));
                out.emplace_back(Fill{dot, color.withAlpha(alpha), FillRule::NonZero});
                out.emplace_back(
                    Stroke{std::move(dot), th.panel.withAlpha(alpha), 2 * u, {}, true});
            }
            out.emplace_back(Text{valueText(*current),
                                  {card.maxX - pad, valueTop},
                                  vf,
                                  color.darker(0.2).withAlpha(alpha),
                                  {},
                                  0,
                                  0,
                                  Align::End,
                                  Align::Start});
        }
        f.occupied.push_back(card.inflated(th.panelMargin * u));
        // Labels in the cached overlay make way for the card: a new card, a new overlay.
        f.overlayKey = hashCombine(f.overlayKey, card.minX * 7.0 + card.minY);
    }
}

} // namespace mapreel::scene::detail
