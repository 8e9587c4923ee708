// SPDX-License-Identifier: MIT
// Flow bands and charts show in the picture: the band's shape (no gaps at bends, smooth
// taper), its width at each point proportional to the strength, its growth with its
// actions, its values and its scale in the legend; a chart drawn up to the date on screen
// with the value of the day, in a corner clear of the panels.
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/scene/band.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

// ---- The band's geometry -------------------------------------------------------------

TEST(BandPieces, CoversExactlyItsWidthAlongAStraightLine) {
    const LineString line{{0, 0}, {100, 0}, {200, 0}};
    const auto rings = scene::bandPieces(line, {20, 20, 20});
    ASSERT_FALSE(rings.empty());
    for (double x : {5.0, 50.0, 150.0, 195.0}) {
        EXPECT_TRUE(scene::coveredNonZero(rings, {x, 9.5})) << x;
        EXPECT_TRUE(scene::coveredNonZero(rings, {x, -9.5})) << x;
        EXPECT_FALSE(scene::coveredNonZero(rings, {x, 10.5})) << x;
        EXPECT_FALSE(scene::coveredNonZero(rings, {x, -10.5})) << x;
    }
    EXPECT_FALSE(scene::coveredNonZero(rings, {-1, 0})); // square ends
    EXPECT_FALSE(scene::coveredNonZero(rings, {201, 0}));
}

TEST(BandPieces, LeavesNoGapOnTheOutsideOfABend) {
    // A right-angle bend at (100, 0): without a join, the wedge outside it stays empty.
    const LineString line{{0, 0}, {100, 0}, {100, 100}};
    const auto rings = scene::bandPieces(line, {30, 30, 30});
    const double h = 15;
    for (double a = 0; a <= 90; a += 5) {
        const double r = a * M_PI / 180;
        // The outer side of a left turn (y up) is below and to the right of the corner.
        const Point p{100 + 0.97 * h * std::sin(r), -0.97 * h * std::cos(r)};
        EXPECT_TRUE(scene::coveredNonZero(rings, p)) << a;
    }
    EXPECT_FALSE(scene::coveredNonZero(rings, {100 + 1.05 * h, -1.05 * h}));
}

TEST(BandPieces, TapersWithTheWidthsGiven) {
    const LineString line{{0, 0}, {100, 0}};
    const auto rings = scene::bandPieces(line, {40, 10});
    EXPECT_TRUE(scene::coveredNonZero(rings, {1, 19}));
    EXPECT_TRUE(scene::coveredNonZero(rings, {50, 12})); // halfway: 25 wide
    EXPECT_FALSE(scene::coveredNonZero(rings, {50, 13.5}));
    EXPECT_FALSE(scene::coveredNonZero(rings, {99, 6}));
}

TEST(BandPieces, NothingForTooFewPointsOrMismatchedWidths) {
    EXPECT_TRUE(scene::bandPieces({{0, 0}}, {10}).empty());
    EXPECT_TRUE(scene::bandPieces({{0, 0}, {10, 0}}, {10}).empty());
}

TEST(TaperedValues, ThroughEveryKnotSmoothlyAndWithoutOvershoot) {
    const std::vector<double> arc{0, 10, 30, 40, 70};
    const std::vector<double> value{422, 400, 175, 145, 100};
    std::vector<double> at;
    for (int i = 0; i <= 700; ++i)
        at.push_back(i / 10.0);
    const auto v = timeline::taperedValues(arc, value, at);
    ASSERT_EQ(v.size(), at.size());
    for (std::size_t k = 0; k < arc.size(); ++k)
        EXPECT_NEAR(v[static_cast<std::size_t>(arc[k] * 10)], value[k], 1e-9);
    for (std::size_t i = 1; i < v.size(); ++i) {
        EXPECT_LE(v[i], v[i - 1] + 1e-9) << at[i]; // falling knots: falling all along
        // No step anywhere: a tenth of a unit of arc changes the value by little.
        EXPECT_LT(v[i - 1] - v[i], 2.5) << at[i];
    }
    // Smooth through a knot: the slopes either side of 30 agree.
    const double before = v[300] - v[299];
    const double after = v[301] - v[300];
    EXPECT_NEAR(before, after, 0.05);
}

// ---- Flow bands in a frame -----------------------------------------------------------

std::string flowStory(const std::string& extra = {}) {
    return R"(mapreel: 1
id: flows
title: "Flows"
map:
  projection: plate-carree
  view: {extent: [10.0, 9.0, 14.0, 13.0]}
sides:
  - {id: red, name: "Red", color: "#c4302b"}
places:
  - {id: a, name: "A", at: [10.5, 11.0]}
  - {id: b, name: "B", at: [12.0, 11.0]}
  - {id: c, name: "C", at: [13.5, 11.0]}
flows:
  - id: army
    side: red
    color: "#00ff00"
    unit: men
    scale: {strength: 100000, width: 10}
    points:
      - {at: a, strength: 400000, label: true}
      - {at: b, strength: 200000}
      - {at: c, strength: 100000, label: "the remnant"}
)" + extra +
           R"(
steps:
  - id: one
    title: "One"
    date: 1812-06-24
    duration: 10
    narration: "Text."
    actions:
      - flow: {id: army, to: b, window: [0.0, 0.5], until: two}
  - id: two
    title: "Two"
    date: 1812-07-24
    duration: 10
    narration: "Text."
    actions:
      - flow: {id: army, window: [0.0, 0.5]}
)";
}

const Color kGreen{0, 1, 0, 1};

struct Drawn {
    std::vector<scene::Fill> bands; ///< fills in the flow's colour on the map
    std::vector<scene::Fill> legendSamples;
    std::vector<std::string> texts;
};

Drawn drawnAt(const timeline::Timeline& tl, double t) {
    FixedTextMeasurer measurer;
    const auto frame =
        scene::evaluate(tl, t, scene::makeTheme("classic", {}), measurer, 1920, 1080);
    Drawn d;
    auto same = [](const Color& a) {
        return std::abs(a.r - kGreen.r) < 1e-9 && std::abs(a.g - kGreen.g) < 1e-9 &&
               std::abs(a.b - kGreen.b) < 1e-9 && a.a > 0;
    };
    for (const auto& item : frame.items)
        if (const auto* f = std::get_if<scene::Fill>(&item); f && same(f->color))
            d.bands.push_back(*f);
    for (const auto& list : {&frame.items, &frame.overlay, &frame.top})
        for (const auto& item : *list)
            if (const auto* tx = std::get_if<scene::Text>(&item))
                d.texts.push_back(tx->text);
    for (const auto& item : frame.overlay)
        if (const auto* f = std::get_if<scene::Fill>(&item); f && same(f->color))
            d.legendSamples.push_back(*f);
    return d;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

class FlowBands : public ::testing::Test {
protected:
    void SetUp() override { mapreel::testing::serveBaseData(geo); }
    FakeGeo geo;

    /// The pixel position of `lonLat` at time `t`.
    static Point pixel(const timeline::Timeline& tl, Point lonLat, double t) {
        const auto view = scene::cameraAt(tl, scene::makeLayout(1920, 1080), t);
        return view.apply(tl.projection().point(lonLat));
    }
};

TEST_F(FlowBands, GrowWithTheirActionsAndStayUntilTheirLastStep) {
    const auto tl = geo.timeline(flowStory());
    ASSERT_EQ(tl->flows().size(), 1U);
    const auto& cf = tl->flows().front();
    const double full = cf.cumulative.back();
    // Step one grows the band from A to B over its first half; step two on to C.
    EXPECT_DOUBLE_EQ(timeline::flowLength(cf, 0.0), 0.0);
    const double atB = cf.cumulative[cf.pointIndex[1]];
    EXPECT_NEAR(timeline::flowLength(cf, 5.0), atB, 1e-9);
    EXPECT_NEAR(timeline::flowLength(cf, 9.0), atB, 1e-9);
    EXPECT_NEAR(timeline::flowLength(cf, 15.5), full, 1e-9);
    const auto& s1 = tl->clock().steps()[1];
    EXPECT_NEAR(cf.hideAt, s1.end() + timeline::kFadeSeconds, 1e-9);

    // In the picture: nothing before, the band up to B after step one, to C after two.
    const Point a = pixel(*tl, {10.5, 11.0}, 8.0);
    const Point b = pixel(*tl, {12.0, 11.0}, 8.0);
    const Point c = pixel(*tl, {13.5, 11.0}, 8.0);
    const auto covered = [](const Drawn& d, Point p) {
        return std::any_of(d.bands.begin(), d.bands.end(), [&](const scene::Fill& f) {
            return scene::coveredNonZero(f.path.rings, p);
        });
    };
    const Drawn before = drawnAt(*tl, 0.0);
    EXPECT_TRUE(before.bands.empty());
    const Drawn one = drawnAt(*tl, 8.0);
    ASSERT_EQ(one.bands.size(), 1U);
    EXPECT_EQ(one.bands.front().rule, scene::FillRule::NonZero);
    EXPECT_TRUE(covered(one, {(a.x + b.x) / 2, a.y}));
    EXPECT_FALSE(covered(one, {(b.x + c.x) / 2, a.y}));
    const Drawn two = drawnAt(*tl, 18.0);
    EXPECT_TRUE(covered(two, {(b.x + c.x) / 2, a.y}));
    EXPECT_TRUE(drawnAt(*tl, 21.0).bands.empty()); // gone once step two has faded
}

TEST_F(FlowBands, GrowToAPointGivenByItsNumber) {
    std::string story = flowStory();
    story.replace(story.find("to: b"), 5, "to: 2");
    const auto tl = geo.timeline(story);
    const auto& cf = tl->flows().front();
    EXPECT_NEAR(timeline::flowLength(cf, 9.0), cf.cumulative[cf.pointIndex[1]], 1e-9);
    EXPECT_LT(timeline::flowLength(cf, 9.0), cf.cumulative.back());
}

TEST_F(FlowBands, AreAsWideAsTheirStrengthAtEachPoint) {
    const auto tl = geo.timeline(flowStory());
    const double u = 1080 / 1080.0;
    const Drawn d = drawnAt(*tl, 18.0);
    ASSERT_EQ(d.bands.size(), 1U);
    const auto& rings = d.bands.front().path.rings;
    // 100,000 men are 10 pixels: 40 at A, 20 at B, 10 at C; measured across the band.
    const std::vector<std::pair<Point, double>> expected{
        {{10.5, 11.0}, 40 * u}, {{12.0, 11.0}, 20 * u}, {{13.5, 11.0}, 10 * u}};
    for (const auto& [lonLat, width] : expected) {
        const Point p = pixel(*tl, lonLat, 18.0);
        const double x = lonLat.x == 10.5 ? p.x + 0.5 : lonLat.x == 13.5 ? p.x - 0.5 : p.x;
        EXPECT_TRUE(scene::coveredNonZero(rings, {x, p.y - (width / 2 - 1)})) << lonLat.x;
        EXPECT_TRUE(scene::coveredNonZero(rings, {x, p.y + (width / 2 - 1)})) << lonLat.x;
        EXPECT_FALSE(scene::coveredNonZero(rings, {x, p.y - (width / 2 + 1)})) << lonLat.x;
        EXPECT_FALSE(scene::coveredNonZero(rings, {x, p.y + (width / 2 + 1)})) << lonLat.x;
    }
}

TEST_F(FlowBands, WriteTheirValuesAndTheirScaleInTheLegend) {
    const auto tl = geo.timeline(flowStory());
    const Drawn one = drawnAt(*tl, 8.0);
    EXPECT_TRUE(has(one.texts, "400,000"));
    EXPECT_FALSE(has(one.texts, "the remnant")); // C not reached yet
    EXPECT_TRUE(has(one.texts, "= 100,000 men"));
    ASSERT_EQ(one.legendSamples.size(), 1U);
    // The sample is as thick as 100,000 men: 10 pixels.
    Rect box;
    for (const Point p : one.legendSamples.front().path.rings.front())
        box.expand(p);
    EXPECT_NEAR(box.height(), 10.0, 1e-9);
    const Drawn two = drawnAt(*tl, 18.0);
    EXPECT_TRUE(has(two.texts, "the remnant"));
    EXPECT_FALSE(has(drawnAt(*tl, 0.0).texts, "= 100,000 men")); // no band, no scale
}

TEST_F(FlowBands, WithoutAScaleTheStrongestOfAUnitIsFortyPixels) {
    std::string story = flowStory();
    story.replace(story.find("    scale: {strength: 100000, width: 10}\n"),
                  std::string("    scale: {strength: 100000, width: 10}\n").size(), "");
    const auto tl = geo.timeline(story);
    const Drawn d = drawnAt(*tl, 18.0);
    // The sample is a round number near half the strongest point: 200,000 men, 20 pixels.
    EXPECT_TRUE(has(d.texts, "= 200,000 men"));
    ASSERT_EQ(d.legendSamples.size(), 1U);
    Rect box;
    for (const Point p : d.legendSamples.front().path.rings.front())
        box.expand(p);
    EXPECT_NEAR(box.height(), 20.0, 1e-9);
}

// ---- Charts --------------------------------------------------------------------------

std::string chartStory(const std::string& kind, const std::string& corner) {
    return R"(mapreel: 1
id: charts
title: "Charts"
map:
  projection: plate-carree
  view: {extent: [10.0, 9.0, 14.0, 13.0]}
sides:
  - {id: red, name: "Red", color: "#c4302b"}
territories:
  - id: t
    side: red
    keyframes:
      - {date: 1812-10-01, region: {polygon: [[10.5, 9.5], [11.5, 9.5], [11.5, 10.5], [10.5, 10.5]]}}
charts:
  - id: cold
    title: "Cold"
    unit: "°C"
    kind: )" +
           kind +
           R"(
    corner: )" +
           corner +
           R"(
    color: "#0000ff"
    values:
      - {date: 1812-10-18, value: 0}
      - {date: 1812-11-09, value: -10}
      - {date: 1812-11-29, value: -30}
steps:
  - id: one
    title: "One"
    dates: [1812-10-01, 1812-12-10]
    duration: 70
    narration: "A narration long enough to take a few lines in the card at the bottom right of the frame, as real ones do."
)";
}

const Color kBlue{0, 0, 1, 1};

struct ChartSeen {
    std::vector<std::string> texts;
    std::vector<scene::Fill> fills;     ///< in the chart's colour
    std::vector<scene::Stroke> strokes; ///< in the chart's colour
    Rect card;
    std::vector<Rect> otherPanels;
};

ChartSeen chartAt(const timeline::Timeline& tl, double t) {
    FixedTextMeasurer measurer;
    const auto frame =
        scene::evaluate(tl, t, scene::makeTheme("classic", {}), measurer, 1920, 1080);
    ChartSeen s;
    auto blue = [](const Color& c) { return c.r == 0 && c.g == 0 && c.b == 1; };
    std::vector<Rect> panels;
    Point titleAt{-1, -1};
    for (const auto& list : {&frame.overlay, &frame.top})
        for (const auto& item : *list) {
            if (const auto* tx = std::get_if<scene::Text>(&item)) {
                s.texts.push_back(tx->text);
                if (tx->text == "Cold")
                    titleAt = tx->at;
            }
            if (const auto* p = std::get_if<scene::Panel>(&item))
                panels.push_back(p->box);
            if (const auto* f = std::get_if<scene::Fill>(&item); f && blue(f->color))
                s.fills.push_back(*f);
            if (const auto* st = std::get_if<scene::Stroke>(&item); st && blue(st->color))
                s.strokes.push_back(*st);
        }
    for (const Rect& r : panels) {
        if (r.contains(titleAt))
            s.card = r;
        else
            s.otherPanels.push_back(r);
    }
    return s;
}

class Charts : public ::testing::Test {
protected:
    void SetUp() override { mapreel::testing::serveBaseData(geo); }
    FakeGeo geo;
    /// Narrative seconds at which the date on screen is `day` days after 1 October 1812.
    static double when(const timeline::Timeline& tl, double day) {
        const auto& st = tl.clock().steps().front();
        const double from = tl.clock().dateAt(st.start);
        double lo = st.start;
        double hi = st.end();
        for (int i = 0; i < 60; ++i) {
            const double mid = (lo + hi) / 2;
            (tl.clock().dateAt(mid) - from < day ? lo : hi) = mid;
        }
        return hi;
    }
};

TEST_F(Charts, ALineAdvancesWithTheDateAndMarksTheValueOfTheDay) {
    const auto tl = geo.timeline(chartStory("line", "bottom-right"));
    // 1 October: before the first value, an empty chart with its title.
    const auto early = chartAt(*tl, when(*tl, 1));
    EXPECT_TRUE(has(early.texts, "Cold"));
    EXPECT_TRUE(early.strokes.empty());
    // 20 November (day 50): 11 of the 20 days from -10 (9 November) to -30 (29 November).
    const auto mid = chartAt(*tl, when(*tl, 50));
    ASSERT_EQ(mid.strokes.size(), 1U);
    EXPECT_TRUE(has(mid.texts, "\u221221\u2009°C")) << ::testing::PrintToString(mid.texts);
    EXPECT_EQ(mid.fills.size(), 1U); // the dot
    const auto& line = mid.strokes.front().path.lines.front();
    // Later, the line is longer: it advances with the date.
    const auto late = chartAt(*tl, when(*tl, 68));
    ASSERT_EQ(late.strokes.size(), 1U);
    EXPECT_GT(late.strokes.front().path.lines.front().back().x, line.back().x);
    EXPECT_TRUE(has(late.texts, "\u221230\u2009°C"));
}

TEST_F(Charts, BarsHighlightTheBarOfTheDay) {
    const auto tl = geo.timeline(chartStory("bars", "bottom-right"));
    const auto s = chartAt(*tl, when(*tl, 50));
    ASSERT_EQ(s.fills.size(), 2U); // 18 October and 9 November
    EXPECT_LT(s.fills[0].color.a, 0.5);
    EXPECT_DOUBLE_EQ(s.fills[1].color.a, 1.0);
    EXPECT_TRUE(has(s.texts, "\u221210\u2009°C"));
}

TEST_F(Charts, SitInTheirCornerClearOfEveryPanel) {
    for (const std::string corner : {"top-left", "top-right", "bottom-left", "bottom-right"}) {
        SCOPED_TRACE(corner);
        const auto tl = geo.timeline(chartStory("line", corner));
        const auto s = chartAt(*tl, when(*tl, 50));
        ASSERT_FALSE(s.card.empty());
        ASSERT_GE(s.otherPanels.size(), 4U); // title, legend, narration, date
        for (const Rect& r : s.otherPanels)
            EXPECT_FALSE(r.intersects(s.card));
        EXPECT_GE(s.card.minX, 0);
        EXPECT_GE(s.card.minY, 0);
        EXPECT_LE(s.card.maxX, 1920);
        EXPECT_LE(s.card.maxY, 1080);
        const bool left = corner.ends_with("left");
        const bool top = corner.starts_with("top");
        EXPECT_EQ(s.card.centre().x < 960, left);
        EXPECT_EQ(s.card.centre().y < 540, top);
    }
}

} // namespace
