// SPDX-License-Identifier: MIT
#include "mapreel/publish/handout.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/core/interrupt.hpp"
#include "mapreel/core/ui_text.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/render/frame.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::publish {

namespace {

/// Forwards drawing to another canvas shifted by (dx, dy): a frame drawn at the origin
/// lands where the page wants it. clear() fills only the frame's own rectangle.
class OffsetCanvas final : public render::Canvas {
public:
    OffsetCanvas(render::Canvas& target, Rect frame) : target_(target), frame_(frame) {}

    void clear(const Color& c) override {
        target_.fill({rectPath(frame_), c, scene::FillRule::NonZero, std::nullopt});
    }
    void fill(const scene::Fill& f) override { target_.fill(onPage(f)); }
    void stroke(const scene::Stroke& s) override { target_.stroke(onPage(s)); }
    void text(const scene::Text& t) override {
        auto g = t;
        g.at = shifted(g.at);
        target_.text(g);
    }
    void paragraph(const scene::Paragraph& p) override {
        auto g = p;
        g.box = shifted(g.box);
        target_.paragraph(g);
    }
    void panel(const scene::Panel& p) override {
        auto g = p;
        g.box = shifted(g.box);
        target_.panel(g);
    }
    void picture(const scene::Picture& p) override {
        auto g = p;
        g.box = shifted(g.box);
        target_.picture(g);
    }
    void clippedGroup(const scene::ClippedGroup& group) override {
        auto g = group;
        move(g.clip);
        for (auto& f : g.fills)
            f = onPage(f);
        for (auto& s : g.strokes)
            s = onPage(s);
        target_.clippedGroup(g);
    }

    [[nodiscard]] static scene::Path rectPath(const Rect& r) {
        return {{{{r.minX, r.minY}, {r.maxX, r.minY}, {r.maxX, r.maxY}, {r.minX, r.maxY}}}, {}};
    }

private:
    [[nodiscard]] Point shifted(Point p) const { return {p.x + frame_.minX, p.y + frame_.minY}; }
    [[nodiscard]] Rect shifted(const Rect& r) const {
        return {r.minX + frame_.minX, r.minY + frame_.minY, r.maxX + frame_.minX,
                r.maxY + frame_.minY};
    }
    /// A fill or stroke moved onto the page, its clip too.
    template <class Shape> [[nodiscard]] Shape onPage(Shape shape) const {
        move(shape.path);
        if (shape.clip)
            move(*shape.clip);
        return shape;
    }
    void move(scene::Path& p) const {
        for (auto& ring : p.rings)
            for (auto& pt : ring)
                pt = shifted(pt);
        for (auto& line : p.lines)
            for (auto& pt : line)
                pt = shifted(pt);
    }

    render::Canvas& target_;
    Rect frame_;
};

const Color kInk{0.13, 0.13, 0.13, 1};
const Color kGrey{0.42, 0.42, 0.42, 1};
const Color kPaper{1, 1, 1, 1};

scene::Font font(double size, bool bold = false, bool italic = false) {
    scene::Font f;
    f.family = "Noto Sans";
    f.size = size;
    f.bold = bold;
    f.italic = italic;
    return f;
}

scene::Font serif(double size) {
    scene::Font f = font(size);
    f.family = "Noto Serif";
    return f;
}

/// A text block at (x, y) of width `w`; returns its height.
double block(render::Surface& canvas, double x, double y, double w, const std::string& title,
             const std::string& text, const std::string& footnote, const scene::Font& titleFont,
             const scene::Font& textFont, const Color& colour = kInk) {
    scene::Paragraph p;
    p.title = title;
    p.text = text;
    p.footnote = footnote;
    p.titleFont = titleFont;
    p.font = textFont;
    p.footnoteFont = font(textFont.size * 0.85, false, true);
    p.color = colour;
    p.footnoteColor = kGrey;
    p.box = Rect{x, y, x + w, y + 1};
    const double h = canvas.paragraphHeight(p);
    p.box.maxY = y + h;
    canvas.paragraph(p);
    return h;
}

std::string stepDates(const story::Step& step, const std::string& lang) {
    return formatDateRange(step.dateFrom, step.dateTo, step.precision, lang);
}

/// One swatch and name per side, wrapped across the width; returns the height used.
double legend(render::Surface& canvas, const story::Story& story, const std::string& lang, Point at,
              double w) {
    const auto f = font(9.5);
    const double x = at.x;
    const double y = at.y;
    double cx = x;
    double cy = y;
    const double row = 15;
    for (const auto& side : story.sides) {
        const std::string name = side.name.get(lang).empty() ? side.id : side.name.get(lang);
        const double tw = canvas.measure(name, f).x;
        if (cx > x && cx + 16 + tw > x + w) {
            cx = x;
            cy += row;
        }
        scene::Panel swatch;
        swatch.box = Rect{cx, cy + 2, cx + 11, cy + 13};
        swatch.radius = 1.5;
        swatch.fill = Color{side.color.r, side.color.g, side.color.b, 0.75};
        swatch.stroke = side.color;
        swatch.strokeWidth = 0.8;
        canvas.panel(swatch);
        scene::Text t;
        t.text = name;
        t.at = Point{cx + 15, cy + 7.5};
        t.font = f;
        t.color = kInk;
        canvas.text(t);
        cx += 15 + tw + 16;
    }
    return story.sides.empty() ? 0 : cy - y + row;
}

void footer(render::Surface& canvas, const HandoutLayout& l, const std::string& left, int page) {
    scene::Text t;
    t.font = font(8);
    t.color = kGrey;
    t.text = left;
    t.at = Point{l.mapX, l.pageHeight - 28};
    canvas.text(t);
    t.text = std::to_string(page);
    t.at = Point{l.mapX + l.mapWidth, l.pageHeight - 28};
    t.align = scene::Align::End;
    canvas.text(t);
}

} // namespace

double handoutTime(const timeline::Timeline& tl, int step) {
    const auto& st = tl.clock().steps().at(static_cast<std::size_t>(step));
    return st.end() - std::min(0.35, st.duration / 2);
}

HandoutLayout handoutLayout(const std::string& paper, int w, int h) {
    HandoutLayout l;
    if (paper == "letter") {
        l.pageWidth = 612;
        l.pageHeight = 792;
    }
    l.mapWidth = 512;
    l.mapHeight = std::round(l.mapWidth * h / std::max(1, w));
    l.mapX = (l.pageWidth - l.mapWidth) / 2;
    l.mapY = 64;
    return l;
}

void drawHandout(const timeline::Timeline& tl, const std::string& lang, const HandoutLayout& layout,
                 render::DocumentCanvas& page) {
    const auto& story = tl.story();
    const PixelSize mapSize{static_cast<int>(layout.mapWidth), static_cast<int>(layout.mapHeight)};
    const auto theme = render::themeOf(story);
    const Rect frame{layout.mapX, layout.mapY, layout.mapX + layout.mapWidth,
                     layout.mapY + layout.mapHeight};
    const std::string title = story.title.get(lang);
    const auto& steps = tl.clock().steps();
    int pageNumber = static_cast<int>(steps.size()) + 1;
    const double x = layout.mapX;
    const double w = layout.mapWidth;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        checkInterrupted();
        const auto& st = steps[i];
        const auto& step = *st.source;
        // The end of the step: every action of it drawn, the date at the step's last day,
        // the narration card not yet fading out.
        const double t = handoutTime(tl, static_cast<int>(i));
        OffsetCanvas mapCanvas(page, frame);
        render::renderFrame(tl, theme, t, mapSize, mapCanvas, page);
        // Map items may reach past the frame (labels, land beyond the view): paper over them.
        // The masks reach past the paper so no anti-aliased sliver shows at its edges.
        const double pw = layout.pageWidth + 10;
        const double ph = layout.pageHeight + 10;
        for (const Rect& r : {Rect{-10, -10, pw, frame.minY}, Rect{-10, frame.maxY, pw, ph},
                              Rect{-10, frame.minY, frame.minX, frame.maxY},
                              Rect{frame.maxX, frame.minY, pw, frame.maxY}})
            page.fill({OffsetCanvas::rectPath(r), kPaper, scene::FillRule::NonZero, std::nullopt});
        page.stroke({OffsetCanvas::rectPath(frame), kGrey, 0.5, {}, false, std::nullopt});

        scene::Text head;
        head.font = font(9, true);
        head.color = kGrey;
        head.text = title;
        head.at = Point{x, 40};
        page.text(head);

        double y = frame.maxY + 16;
        std::string stepTitle = step.title.get(lang);
        if (stepTitle.empty())
            stepTitle = uiText("stepN", lang, {{"n", std::to_string(i + 1)}});
        y += block(page, x, y, w, std::to_string(i + 1) + ". " + stepTitle, stepDates(step, lang),
                   {}, font(15, true), font(12, false, true)) +
             4;
        y += block(page, x, y, w, {}, step.narration.get(lang), {}, font(11), serif(11.5)) + 8;
        y += legend(page, story, lang, Point{x, y}, w) + 8;
        if (!step.cite.empty()) {
            std::string cited;
            for (const auto& id : step.cite) {
                const auto it = std::find_if(story.sources.begin(), story.sources.end(),
                                             [&](const auto& s) { return s.id == id; });
                if (!cited.empty())
                    cited += "; ";
                cited += it == story.sources.end() ? id : publish::citation(*it);
            }
            static_cast<void>(block(page, x, y, w, {}, {},
                                    uiText("sourcesList", lang, {{"list", cited}}), font(9),
                                    font(9.5)));
        }
        footer(page, layout, title, static_cast<int>(i) + 1);
        page.showPage();
    }

    // The sources page: every source, the credits and the licence.
    double y = 64;
    y += block(page, x, y, w, uiText("sources", lang), {}, {}, font(18, true), font(11)) + 6;
    for (const auto& s : story.sources) {
        checkInterrupted();
        if (y > layout.pageHeight - 90) {
            footer(page, layout, title, pageNumber++);
            page.showPage();
            y = 64;
        }
        y += block(page, x, y, w, {}, publish::citation(s), s.note, font(10), font(10)) + 3;
    }
    const std::string credits = story.credits.get(lang);
    if (!credits.empty() || !story.licence.empty()) {
        y += 10;
        static_cast<void>(block(page, x, y, w, {}, credits,
                                story.licence.empty()
                                    ? std::string{}
                                    : uiText("licenceIs", lang, {{"licence", story.licence}}),
                                font(10), font(10)));
    }
    footer(page, layout, title, pageNumber);
}

} // namespace mapreel::publish
