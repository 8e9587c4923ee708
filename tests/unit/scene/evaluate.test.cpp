// SPDX-License-Identifier: MIT
// scene::evaluate on timelines compiled with fake geo services, drawn on a recording
// canvas: which labels win, how items fade, how territories cross-fade, when highlights show.
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;
using mapreel::testing::RecordingCanvas;

namespace {

// Two steps of ten seconds over a small area (about 330 km across: every place rank shows).
constexpr const char* kHeader = R"(mapreel: 1
id: test
title: "Test"
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
sides:
  - {id: red, name: "Red", color: "#c4302b"}
  - {id: blue, name: "Blue", color: "#2f6db5"}
)";

constexpr const char* kTwoSteps = R"(steps:
  - {id: one, title: "One", date: 1950-06-25, duration: 10, narration: "First."}
  - {id: two, title: "Two", date: 1950-07-25, duration: 10, narration: "Second."}
)";

/// The frame at `t`, drawn on a recording canvas.
RecordingCanvas drawAt(const timeline::Timeline& tl, double t) {
    FixedTextMeasurer measurer;
    const auto theme = scene::makeTheme("classic", {});
    const scene::Scene s = scene::evaluate(tl, t, theme, measurer, 1920, 1080);
    RecordingCanvas canvas;
    render::draw(s, canvas);
    return canvas;
}

bool sameRgb(const Color& a, const Color& b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/// Fills of map areas: wider than the legend's swatches (24 pixels).
bool isArea(const scene::Fill& f) {
    return !f.path.rings.empty() && bounds(f.path.rings.front()).width() > 50;
}

/// The alpha of the only area filled in colour `c` (ignoring alpha), or nullopt.
std::optional<double> fillAlpha(const RecordingCanvas& canvas, const Color& c) {
    std::optional<double> alpha;
    for (const auto& f : canvas.drawn<scene::Fill>())
        if (isArea(f) && sameRgb(f.color, c)) {
            EXPECT_FALSE(alpha) << "more than one fill in that colour";
            alpha = f.color.a;
        }
    return alpha;
}

Color hexColour(const char* s) {
    return parseColor(s).value();
}

} // namespace

TEST(LabelPriority, TheMoreImportantPlaceWinsACollision) {
    // Two places on the same spot: the town is listed first, but the capital outranks it
    // and takes the spot; the town's dot and name give way.
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(places:
  - {id: town, name: "Townsville", at: [11.5, 11.0], kind: city, rank: 4}
  - {id: capital, name: "Capital City", at: [11.5, 11.0], kind: capital}
)" + kTwoSteps);
    const auto canvas = drawAt(*tl, 5);
    ASSERT_EQ(canvas.textsSaying("Capital City").size(), 1U);
    EXPECT_TRUE(canvas.textsSaying("Capital City").front().font.bold);
    EXPECT_TRUE(canvas.textsSaying("Townsville").empty());
}

TEST(LabelPriority, APlaceApartFromOthersIsLabelled) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(places:
  - {id: town, name: "Townsville", at: [10.8, 10.6], kind: city, rank: 4}
  - {id: capital, name: "Capital City", at: [12.2, 11.4], kind: capital}
)" + kTwoSteps);
    const auto canvas = drawAt(*tl, 5);
    EXPECT_EQ(canvas.textsSaying("Capital City").size(), 1U);
    EXPECT_EQ(canvas.textsSaying("Townsville").size(), 1U);
}

TEST(LabelPriority, MapLabelsGiveWayToPlaces) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(places:
  - {id: capital, name: "Capital City", at: [11.5, 11.0], kind: capital, label: above}
labels:
  - {id: region, text: "Region", at: [11.5, 11.05], kind: region}
)" + kTwoSteps);
    const auto canvas = drawAt(*tl, 5);
    EXPECT_EQ(canvas.textsSaying("Capital City").size(), 1U);
    EXPECT_TRUE(canvas.textsSaying("Region").empty());
}

TEST(Fades, ALineShownFromAStepFadesInOverItsFadeWindow) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(lines:
  - id: border
    name: "The line"
    style: demarcation
    color: "#204060"
    coords: [[10.5, 11.0], [12.5, 11.0]]
    visible: {steps: two}
)" + kTwoSteps);
    const double start = tl->clock().steps()[1].start;
    ASSERT_NEAR(start, 10, 1e-9);
    const Color colour = hexColour("#204060");
    auto lineAlpha = [&](double t) -> std::optional<double> {
        for (const auto& s : drawAt(*tl, t).drawn<scene::Stroke>())
            if (sameRgb(s.color, colour))
                return s.color.a;
        return std::nullopt;
    };
    EXPECT_FALSE(lineAlpha(5)) << "hidden during the first step";
    EXPECT_FALSE(lineAlpha(start)) << "fully transparent lines are not drawn";
    EXPECT_NEAR(lineAlpha(start + timeline::kFadeSeconds / 4).value(), 0.25, 1e-9);
    EXPECT_NEAR(lineAlpha(start + timeline::kFadeSeconds / 2).value(), 0.5, 1e-9);
    EXPECT_NEAR(lineAlpha(start + timeline::kFadeSeconds).value(), 1.0, 1e-9);
    EXPECT_NEAR(lineAlpha(start + 5).value(), 1.0, 1e-9);
}

TEST(Fades, ACalloutFadesInOverHalfASecondAndOutAfterItsStep) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(steps:
  - id: one
    title: "One"
    date: 1950-06-25
    duration: 10
    actions:
      - callout: {at: [11.0, 11.0], text: "Note", window: [0.5, 1.0]}
  - {id: two, title: "Two", date: 1950-07-25, duration: 10}
)");
    auto alpha = [&](double t) -> std::optional<double> {
        const auto texts = drawAt(*tl, t).textsSaying("Note");
        if (texts.empty())
            return std::nullopt;
        return texts.front().color.a;
    };
    EXPECT_FALSE(alpha(4.9));
    EXPECT_NEAR(alpha(5.0).value(), 0.0, 1e-9);
    EXPECT_NEAR(alpha(5.25).value(), 0.5, 1e-9);
    EXPECT_NEAR(alpha(7.0).value(), 1.0, 1e-9);
    // It stays to the end of its step, then fades out over kFadeSeconds.
    EXPECT_NEAR(alpha(10.0).value(), 1.0, 1e-9);
    EXPECT_NEAR(alpha(10.0 + timeline::kFadeSeconds / 2).value(), 0.5, 1e-9);
    EXPECT_FALSE(alpha(10.0 + timeline::kFadeSeconds + 0.01));
}

TEST(TerritoryCrossFade, OldAreaFadesOutAsTheNewFadesIn) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(territories:
  - id: held
    side: red
    keyframes:
      - {date: 1950-06-25, region: {polygon: [[10.2, 10.2], [10.8, 10.2], [10.8, 10.8], [10.2, 10.8]]}}
      - {date: 1950-07-25, region: {polygon: [[12.2, 11.2], [12.8, 11.2], [12.8, 11.8], [12.2, 11.8]]}}
)" + kTwoSteps);
    const auto& k = tl->territories().front().keyframes[1];
    ASSERT_LT(k.fadeStart, k.fadeEnd);
    ASSERT_GE(k.fadeStart, 10.0) << "the change waits for its step";
    const double opacity = scene::makeTheme("classic", {}).sideOpacity;
    const Color red = hexColour("#c4302b");
    // The fills in red, told apart by where they lie on screen (old: left, new: right).
    auto alphas = [&](double t) {
        std::optional<double> oldA;
        std::optional<double> newA;
        for (const auto& f : drawAt(*tl, t).drawn<scene::Fill>()) {
            if (!isArea(f) || !sameRgb(f.color, red))
                continue;
            // The map's centre (11.5 degrees east) is 600 pixels from the left.
            (bounds(f.path.rings.front()).centre().x < 600 ? oldA : newA) = f.color.a;
        }
        return std::pair{oldA, newA};
    };
    {
        const auto [oldA, newA] = alphas(5);
        EXPECT_NEAR(oldA.value(), opacity, 1e-9);
        EXPECT_FALSE(newA);
    }
    {
        const double mid = (k.fadeStart + k.fadeEnd) / 2;
        const auto [oldA, newA] = alphas(mid);
        EXPECT_NEAR(oldA.value(), opacity / 2, 1e-9);
        EXPECT_NEAR(newA.value(), opacity / 2, 1e-9);
    }
    {
        const double quarter = k.fadeStart + (k.fadeEnd - k.fadeStart) / 4;
        const auto [oldA, newA] = alphas(quarter);
        EXPECT_NEAR(oldA.value(), opacity * 0.75, 1e-9);
        EXPECT_NEAR(newA.value(), opacity * 0.25, 1e-9);
    }
    {
        const auto [oldA, newA] = alphas(k.fadeEnd + 0.01);
        EXPECT_FALSE(oldA);
        EXPECT_NEAR(newA.value(), opacity, 1e-9);
    }
}

TEST(TerritoryCrossFade, AnAreaHandedToAnotherSideFadesFromOldToNewColour) {
    // The red territory vanishes on the day the blue one starts: the red fill fades out
    // under the blue, which is drawn at full opacity from the moment its keyframe is reached.
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(territories:
  - id: red-held
    side: red
    keyframes:
      - {date: 1950-06-25, region: {polygon: [[11.2, 10.6], [11.8, 10.6], [11.8, 11.4], [11.2, 11.4]]}}
      - {date: 1950-07-25, region: none}
  - id: blue-held
    side: blue
    keyframes:
      - {date: 1950-07-25, region: {polygon: [[11.2, 10.6], [11.8, 10.6], [11.8, 11.4], [11.2, 11.4]]}}
)" + kTwoSteps);
    const auto& k = tl->territories().front().keyframes[1];
    const double opacity = scene::makeTheme("classic", {}).sideOpacity;
    const Color red = hexColour("#c4302b");
    const Color blue = hexColour("#2f6db5");
    EXPECT_NEAR(fillAlpha(drawAt(*tl, 5), red).value(), opacity, 1e-9);
    EXPECT_FALSE(fillAlpha(drawAt(*tl, 5), blue));
    const auto mid = drawAt(*tl, (k.fadeStart + k.fadeEnd) / 2);
    EXPECT_NEAR(fillAlpha(mid, red).value(), opacity / 2, 1e-9);
    EXPECT_NEAR(fillAlpha(mid, blue).value(), opacity, 1e-9);
    const auto after = drawAt(*tl, k.fadeEnd + 0.01);
    EXPECT_FALSE(fillAlpha(after, red));
    EXPECT_NEAR(fillAlpha(after, blue).value(), opacity, 1e-9);
}

TEST(HighlightTiming, ARingSwellsAndFadesOverItsWindow) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + R"(places:
  - {id: spot, name: "Spot", at: [11.0, 11.0]}
steps:
  - id: one
    title: "One"
    date: 1950-06-25
    duration: 10
    actions:
      - highlight: {place: spot, color: "#ffcc00", window: [0.5, 1.0]}
  - {id: two, title: "Two", date: 1950-07-25, duration: 10}
)");
    ASSERT_EQ(tl->highlights().size(), 1U);
    const auto& h = tl->highlights().front();
    EXPECT_NEAR(h.start, 5.0, 1e-9);
    EXPECT_NEAR(h.end, 10.0, 1e-9);
    const Color yellow = hexColour("#ffcc00");
    auto ring = [&](double t) -> std::optional<double> {
        for (const auto& s : drawAt(*tl, t).drawn<scene::Stroke>())
            if (sameRgb(s.color, yellow))
                return s.color.a;
        return std::nullopt;
    };
    const double span = h.end - h.start + timeline::kFadeSeconds;
    EXPECT_FALSE(ring(4.99)) << "not before its window";
    EXPECT_NEAR(ring(5.0).value(), 0.0, 1e-9);
    EXPECT_NEAR(ring(5.0 + span / 2).value(), 1.0, 1e-9);
    EXPECT_NEAR(ring(5.0 + span / 6).value(), 0.5, 1e-9);
    EXPECT_TRUE(ring(h.end + timeline::kFadeSeconds - 0.01)) << "fading out after the window";
    EXPECT_FALSE(ring(h.end + timeline::kFadeSeconds + 0.01)) << "gone after its fade";
}

TEST(RecordingCanvas, RecordsTheSceneInDrawingOrder) {
    FakeGeo geo;
    const auto tl = geo.timeline(std::string(kHeader) + kTwoSteps);
    const auto canvas = drawAt(*tl, 5);
    ASSERT_FALSE(canvas.calls().empty());
    EXPECT_EQ(canvas.calls().front(), RecordingCanvas::Call::Clear);
    // The fake projection is a plate carree, a world map: cleared to the page beyond the
    // globe, then the globe filled with sea.
    EXPECT_EQ(canvas.background(), scene::makeTheme("classic", {}).outsideColour);
    EXPECT_EQ(canvas.textsSaying("Test").size(), 1U) << "the title";
    EXPECT_EQ(canvas.count(RecordingCanvas::Call::Paragraph), 1U) << "the narration card";
    EXPECT_FALSE(canvas.cacheKeys().empty());
}

TEST(FakeGeo, ServesTheBundledLandToTheBaseMap) {
    FakeGeo geo;
    geo::Feature island;
    island.polygons.push_back(
        Polygon{{Ring{{11.0, 10.5}, {12.0, 10.5}, {12.0, 11.5}, {11.0, 11.5}, {11.0, 10.5}}}});
    geo.features.add("ne_10m_land.geojson.gz", island);
    std::string story = std::string(kHeader) + kTwoSteps;
    story.replace(story.find("sides:"), 0, "  layers: [land]\n");
    const auto tl = geo.timeline(story);
    ASSERT_FALSE(geo.features.queries().empty());
    EXPECT_EQ(geo.projectors.definitions().front(), "+proj=eqc +datum=WGS84 +units=m");
    const auto theme = scene::makeTheme("classic", {});
    const auto canvas = drawAt(*tl, 5);
    EXPECT_TRUE(fillAlpha(canvas, theme.land)) << "the island, in the land colour";
}
