// SPDX-License-Identifier: MIT
// Labels never collide: at the settled moment of every step of every story in stories/,
// no map label (place names, marker, arrow and line labels, callouts, map labels) overlaps
// another, and none runs under a panel (title, date, legend, narration). Boxes are
// measured with the same text shaping the video uses, and rotated with their labels.
#include "factories/cairo_factory.hpp"
#include "story_timeline.hpp"

#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace mapreel;

namespace {

/// A label's box on screen: four corners, in order around it.
struct Quad {
    std::array<Point, 4> p;
    std::string text;
};

Quad boxOf(const scene::Text& t, scene::TextMeasurer& measure) {
    const Point size = measure.measure(t.text, t.font);
    const double x0 = t.align == scene::Align::Start    ? 0
                      : t.align == scene::Align::Centre ? -size.x / 2
                                                        : -size.x;
    const double y0 = t.valign == scene::Align::Start    ? 0
                      : t.valign == scene::Align::Centre ? -size.y / 2
                                                         : -size.y;
    // Counter-clockwise on screen, where y grows downwards.
    const double a = -t.angle * M_PI / 180;
    const double c = std::cos(a), s = std::sin(a);
    Quad q;
    q.text = t.text;
    const std::array<Point, 4> local = {Point{x0, y0}, Point{x0 + size.x, y0},
                                        Point{x0 + size.x, y0 + size.y}, Point{x0, y0 + size.y}};
    for (std::size_t k = 0; k < 4; ++k)
        q.p[k] = {t.at.x + local[k].x * c - local[k].y * s,
                  t.at.y + local[k].x * s + local[k].y * c};
    return q;
}

Quad boxOf(const Rect& r) {
    return {{Point{r.minX, r.minY}, Point{r.maxX, r.minY}, Point{r.maxX, r.maxY},
             Point{r.minX, r.maxY}},
            "(panel)"};
}

/// Whether two convex quads overlap by more than `slack` pixels (separating axes).
bool overlap(const Quad& a, const Quad& b, double slack) {
    for (const Quad* q : {&a, &b}) {
        for (std::size_t k = 0; k < 4; ++k) {
            const Point e = q->p[(k + 1) % 4] - q->p[k];
            const double len = std::hypot(e.x, e.y);
            if (len <= 0)
                continue;
            const Point n{-e.y / len, e.x / len};
            double amin = 1e300, amax = -1e300, bmin = 1e300, bmax = -1e300;
            for (const auto& p : a.p) {
                amin = std::min(amin, p.x * n.x + p.y * n.y);
                amax = std::max(amax, p.x * n.x + p.y * n.y);
            }
            for (const auto& p : b.p) {
                bmin = std::min(bmin, p.x * n.x + p.y * n.y);
                bmax = std::max(bmax, p.x * n.x + p.y * n.y);
            }
            if (amax - slack <= bmin || bmax - slack <= amin)
                return false;
        }
    }
    return true;
}

bool inside(Point p, const Rect& r) {
    return p.x >= r.minX && p.x <= r.maxX && p.y >= r.minY && p.y <= r.maxY;
}

/// The collisions at one moment, described one per line.
std::vector<std::string> collisions(const scene::Scene& s, scene::TextMeasurer& measure) {
    std::vector<Rect> panels;
    for (const auto* list : {&s.items, &s.overlay, &s.top})
        for (const auto& item : *list)
            if (const auto* p = std::get_if<scene::Panel>(&item); p && p->fill.a > 0.5)
                panels.push_back(p->box);
    std::vector<Quad> labels;
    for (const auto* list : {&s.items, &s.overlay})
        for (const auto& item : *list) {
            const auto* t = std::get_if<scene::Text>(&item);
            if (!t || t->text.empty() || t->color.a < 0.5)
                continue; // fading in or out: not read
            bool inPanel = false;
            for (const auto& r : panels)
                inPanel = inPanel || inside(t->at, r);
            if (!inPanel)
                labels.push_back(boxOf(*t, measure));
        }
    std::vector<std::string> out;
    constexpr double kSlack = 1.0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            if (overlap(labels[i], labels[j], kSlack))
                out.push_back("'" + labels[i].text + "' overlaps '" + labels[j].text + "'");
        for (const auto& r : panels)
            if (overlap(labels[i], boxOf(r), kSlack))
                out.push_back("'" + labels[i].text + "' runs under a panel");
    }
    return out;
}

std::vector<std::string> storyFiles() {
    std::vector<std::string> out;
    const auto root = std::filesystem::path(MAPREEL_SOURCE_DIR) / "stories";
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.path().extension() == ".yaml" && e.path().filename() != "series.yaml")
            out.push_back(std::filesystem::relative(e.path(), MAPREEL_SOURCE_DIR).string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST(LabelCollisions, NoLabelOverlapsAnotherOrAPanelOnAnyStepOfAnyStory) {
    adapters::CairoCanvasFactory canvases;
    auto measurer = canvases.raster({1920, 1080});
    std::size_t total = 0;
    std::ostringstream report;
    for (const auto& file : storyFiles()) {
        const auto tl = integration::storyTimeline(file);
        const auto theme = scene::makeTheme(tl->story().canvas.theme, tl->story().canvas.style);
        for (std::size_t i = 0; i < tl->clock().steps().size(); ++i) {
            const auto scene = scene::evaluate(*tl, tl->clock().settledTime(static_cast<int>(i)),
                                               theme, *measurer, 1920, 1080);
            for (const auto& c : collisions(scene, *measurer)) {
                ++total;
                report << file << " step " << (i + 1) << ": " << c << "\n";
            }
        }
    }
    EXPECT_EQ(total, 0U) << report.str();
}
