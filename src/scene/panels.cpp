// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/core/ui_text.hpp"
#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

using timeline::progress;

void appendPanels(Frame& f, std::vector<Item>& panels) {
    const auto& s = f.tl.story();
    const auto& th = f.th;
    const double u = f.u;
    const auto& layout = f.layout;
    const std::string& lang = f.tl.lang();
    // Title block.
    {
        Font tf{th.fontSans, th.titleSize * u, true, false, 0};
        Font sf{th.fontSans, th.subtitleSize * u, false, false, 0};
        const std::string title = s.title.get(lang);
        const std::string sub = s.subtitle.get(lang);
        const Point ts = f.measure.measure(title, tf);
        const Point ss = sub.empty() ? Point{0, 0} : f.measure.measure(sub, sf);
        const double pad = th.titlePadding * u;
        Rect box{layout.title.minX, layout.title.minY,
                 layout.title.minX + std::max(ts.x, ss.x) + 2 * pad,
                 layout.title.minY + ts.y + (sub.empty() ? 0 : ss.y + th.subtitleGap * u) +
                     2 * pad};
        panels.emplace_back(Panel{box, th.panelRadius * u, th.panel,
                                  th.border.withAlpha(th.panelEdgeOpacity), th.panelEdgeWidth * u,
                                  th.panelShadow * u});
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
                                     {box.minX + pad, box.minY + pad + ts.y + th.subtitleGap * u},
                                     sf,
                                     th.muted,
                                     {},
                                     0,
                                     0,
                                     Align::Start,
                                     Align::Start});
        f.occupied.push_back(box.inflated(th.panelMargin * u));
        f.titleBox = box;
    }
    // Date: drawn every frame; its whole corner is reserved so labels do not move with it.
    const int si = f.tl.clock().stepAt(f.t);
    if (si >= 0) {
        const auto& st = f.tl.clock().steps()[static_cast<std::size_t>(si)];
        const Date d = fromHistTime(f.tl.clock().dateAt(f.t), st.source->precision);
        const CalendarText text = calendarText(d, st.source->precision, s.calendars, lang);
        Font df{th.fontSans, th.dateSize * u, true, false, 0};
        // The day in the story's second calendar, if it has one, on a line of its own.
        Font sf{th.fontSans, th.dateSecondSize * u, false, false, 0};
        const Point sz = f.measure.measure(text.main, df);
        const Point ssz = text.second.empty() ? Point{0, 0} : f.measure.measure(text.second, sf);
        const double pad = th.datePadding * u;
        Rect box{layout.date.maxX - std::max(sz.x, ssz.x) - 2 * pad, layout.date.minY,
                 layout.date.maxX, layout.date.minY + sz.y + ssz.y + 2 * pad};
        f.scene.top.emplace_back(Panel{box, th.panelRadius * u, th.panel,
                                       th.border.withAlpha(th.panelEdgeOpacity),
                                       th.panelEdgeWidth * u, th.panelShadow * u});
        const double mainY =
            text.second.empty() ? box.minY + box.height() / 2 : box.minY + pad + sz.y / 2;
        f.scene.top.emplace_back(Text{text.main,
                                      {box.maxX - pad, mainY},
                                      df,
                                      th.accent,
                                      {},
                                      0,
                                      0,
                                      Align::End,
                                      Align::Centre});
        if (!text.second.empty())
            f.scene.top.emplace_back(Text{text.second,
                                          {box.maxX - pad, box.minY + pad + sz.y + ssz.y / 2},
                                          sf,
                                          th.panelText,
                                          {},
                                          0,
                                          0,
                                          Align::End,
                                          Align::Centre});
        f.occupied.push_back(
            Rect{layout.date.minX, layout.date.minY, layout.date.maxX, box.maxY}.inflated(
                th.panelMargin * u));
    }
    // Legend of what the map shows now (an alliance not yet formed, or an army not yet in
    // the war, is not listed); a row fades in and out with what it stands for.
    appendLegend(f, panels);
    // Narration card, fading between steps: the card and its text share one opacity, so
    // no frame shows the card without its text. A step with neither title nor narration
    // has no card, and an output without the card (the web cut) leaves it to the page.
    if (si >= 0 && th.narrationCard) {
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
            para.footnote = uiText("sourcesList", lang, {{"list", cites}});
        para.titleFont =
            Font{th.fontSans, (th.narrationSize + th.narrationTitleIncrease) * u, true, false, 0};
        para.font = Font{th.fontSans, th.narrationSize * u, false, false, 0};
        para.footnoteFont = Font{th.fontSans, th.footnoteSize * u, false, true, 0};
        para.color = th.panelText.withAlpha(alpha);
        para.footnoteColor = th.muted.withAlpha(alpha);
        const double pad = th.narrationPadding * u;
        para.box = Rect{layout.narration.minX + pad, 0, layout.narration.maxX - pad, 0};
        const double h = f.measure.paragraphHeight(para);
        Rect box{layout.narration.minX, layout.narration.maxY - h - 2 * pad, layout.narration.maxX,
                 layout.narration.maxY};
        para.box = Rect{box.minX + pad, box.minY + pad, box.maxX - pad, box.maxY - pad};
        // The box is reserved from labels while the card is out of sight too, so labels do
        // not jump when it fades in.
        f.occupied.push_back(box.inflated(th.narrationMargin * u));
        if (alpha > 0 && (!para.title.empty() || !para.text.empty())) {
            panels.emplace_back(Panel{box, th.narrationRadius * u, th.panel,
                                      th.border.withAlpha(th.panelEdgeOpacity),
                                      th.panelEdgeWidth * u, th.narrationShadow * u, alpha});
            panels.emplace_back(std::move(para));
        }
    }
}

} // namespace mapreel::scene::detail
