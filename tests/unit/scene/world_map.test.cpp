// SPDX-License-Identifier: MIT
// World maps: the globe's outline and what lies beyond it, the camera kept on the globe, the
// map's graticule, the names of oceans and continents, and geometry generalised to the scale
// with shared borders kept shared. On fake geo services: the fake projection is a plate carrée,
// a projection of the whole globe with its seam at the 180th meridian.
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

std::string worldStory(const std::string& view, const std::string& mapExtra = {}) {
    return R"(mapreel: 1
id: world
title: "World"
sources:
  - {id: book, title: "A book", author: "Author", year: "1999"}
map:
  projection: plate-carree
  view: )" +
           view + "\n" + mapExtra + R"(
  layers: [land]
sides:
  - {id: red, name: "Red", color: "#c4302b"}
steps:
  - {id: one, title: "One", date: 1950-06-25, duration: 10, cite: [book], narration: "Hello."}
)";
}

const scene::Stroke* strokeOf(const std::vector<scene::Item>& items, Color colour) {
    for (const auto& item : items)
        if (const auto* s = std::get_if<scene::Stroke>(&item); s && s->color == colour)
            return s;
    return nullptr;
}

Rect boundsOf(const scene::Path& p) {
    Rect r;
    for (const auto& ring : p.rings)
        for (const Point q : ring)
            r.expand(q);
    for (const auto& line : p.lines)
        for (const Point q : line)
            r.expand(q);
    return r;
}

scene::Scene frame(const timeline::Timeline& tl, const scene::Theme& th) {
    FixedTextMeasurer measurer;
    return scene::evaluate(tl, 5.0, th, measurer, 1920, 1080);
}

const std::string kWorldView = "{extent: [-175.0, -58.0, 40.0, 83.0]}";

} // namespace

TEST(WorldMap, DrawsTheGlobesOutlineWithTheSeaInsideAndThePageBeyond) {
    FakeGeo geo;
    const auto tl = geo.timeline(worldStory(kWorldView));
    const auto th = scene::makeTheme("classic", {});
    const auto s = frame(*tl, th);
    EXPECT_EQ(s.background, th.outsideColour);
    ASSERT_FALSE(s.base.empty());
    const auto* sea = std::get_if<scene::Fill>(&s.base.front());
    ASSERT_NE(sea, nullptr) << "the globe is filled with sea first";
    EXPECT_EQ(sea->color, th.sea);
    const auto* outline = strokeOf(s.base, th.outlineColour);
    ASSERT_NE(outline, nullptr) << "the outline is drawn";
    EXPECT_DOUBLE_EQ(outline->width, th.outlineWidth);
    // The plate carrée's globe is twice as wide as it is high.
    const Rect px = boundsOf(outline->path);
    EXPECT_NEAR(px.width() / px.height(), 2.0, 0.02);
}

TEST(WorldMap, TheCameraCentresAGlobeThatFitsWithEqualMarginsAboveAndBelow) {
    FakeGeo geo;
    const auto tl = geo.timeline(worldStory(kWorldView));
    const auto th = scene::makeTheme("classic", {});
    const auto s = frame(*tl, th);
    const auto* outline = strokeOf(s.base, th.outlineColour);
    ASSERT_NE(outline, nullptr);
    const Rect px = boundsOf(outline->path);
    // The view fits 215 degrees into the map area: the whole 180 degrees of latitude fit
    // in the frame's height, so nothing is cut at the top or the bottom ...
    EXPECT_GT(px.minY, 0);
    EXPECT_LT(px.maxY, 1080);
    // ... and the globe sits in the middle, not flush with the extent's top (83 N).
    EXPECT_NEAR(px.minY, 1080 - px.maxY, 1.0);
    // The view's own extent is still shown whole, left of the narration card.
    const auto layout = scene::makeLayout(1920, 1080);
    const auto view = scene::cameraAt(*tl, layout, 5.0);
    const double metres = mapreel::testing::FakeProjector::kMetresPerDegree;
    EXPECT_GE(view.apply({-175 * metres, 0}).x, layout.mapArea.minX - 1);
    EXPECT_LE(view.apply({40 * metres, 0}).x, layout.mapArea.maxX + 1);
}

TEST(WorldMap, TheCameraStopsAtTheGlobesEdgeWhenTheGlobeIsTallerThanTheFrame) {
    FakeGeo geo;
    // A view over the north pole's edge: the frame would show space above the globe.
    const auto tl = geo.timeline(worldStory("{extent: [-30.0, 70.0, 30.0, 90.0]}"));
    const auto layout = scene::makeLayout(1920, 1080);
    const auto view = scene::cameraAt(*tl, layout, 5.0);
    const double metres = mapreel::testing::FakeProjector::kMetresPerDegree;
    EXPECT_NEAR(view.apply({0, 90 * metres}).y, 0, 1e-6) << "the frame's top is the pole";
}

TEST(WorldMap, AGraticuleEveryThirtyDegreesIsDrawnOverTheSea) {
    FakeGeo geo;
    mapreel::testing::serveBaseData(geo);
    const auto th = scene::makeTheme("classic", {});
    const Color colour = th.graticuleColour.withAlpha(th.graticuleOpacity);
    const auto without = geo.timeline(worldStory("{extent: [-180.0, -90.0, 180.0, 90.0]}"));
    EXPECT_EQ(strokeOf(frame(*without, th).base, colour), nullptr);
    const auto tl =
        geo.timeline(worldStory("{extent: [-180.0, -90.0, 180.0, 90.0]}", "  graticule: 30"));
    const auto s = frame(*tl, th);
    const auto* grid = strokeOf(s.base, colour);
    ASSERT_NE(grid, nullptr);
    // 11 meridians (not the seam's, which the outline draws) and 5 parallels.
    EXPECT_EQ(grid->path.lines.size(), 16U);
    // Over the sea, under the land: after the globe's fill, before the land.
    const auto at = [&](const scene::Item* item) { return item - s.base.data(); };
    const scene::Item* gridItem = nullptr;
    const scene::Item* landItem = nullptr;
    for (const auto& item : s.base) {
        if (const auto* st = std::get_if<scene::Stroke>(&item); st && st == grid)
            gridItem = &item;
        if (const auto* f = std::get_if<scene::Fill>(&item); f && f->color == th.land)
            landItem = landItem ? landItem : &item;
    }
    ASSERT_NE(gridItem, nullptr);
    ASSERT_NE(landItem, nullptr);
    EXPECT_GT(at(gridItem), 0);
    EXPECT_LT(at(gridItem), at(landItem));
    const auto wide = scene::makeTheme("classic", {{"graticule-width", "3"}});
    EXPECT_DOUBLE_EQ(strokeOf(frame(*tl, wide).base, colour)->width, 3.0);
}

TEST(WorldMap, NamesOceansAndContinentsOnWorldViewsOnly) {
    FakeGeo geo;
    auto add = [&](const char* name, const char* kind, Point at, double minZoom, double maxZoom) {
        geo::Feature f;
        f.points = {at};
        f.attributes = {{"name", name},
                        {"kind", kind},
                        {"min_zoom", std::to_string(minZoom)},
                        {"max_zoom", std::to_string(maxZoom)}};
        if (std::string(name) == "Indian Ocean")
            f.attributes["name_fr"] = "Océan Indien";
        geo.features.add("geography-labels.geojson.gz", f);
    };
    add("Indian Ocean", "ocean", {-100, -20}, 1.5, 6.5);
    add("AFRICA", "continent", {-60, 20}, 0, 4);
    add("Baltic Sea", "sea", {-20, 20}, 5.5, 8.5);
    const auto th = scene::makeTheme("classic", {});
    auto texts = [&](const timeline::Timeline& tl) {
        std::set<std::string> out;
        for (const auto& item : frame(tl, th).overlay)
            if (const auto* t = std::get_if<scene::Text>(&item))
                out.insert(t->text);
        return out;
    };
    const auto world = texts(*geo.timeline(worldStory(kWorldView)));
    EXPECT_TRUE(world.contains("Indian Ocean"));
    EXPECT_TRUE(world.contains("AFRICA"));
    EXPECT_FALSE(world.contains("Baltic Sea")) << "a small sea waits for a closer view";
    // In French where the story is shown in French.
    EXPECT_TRUE(texts(*geo.timeline(worldStory(kWorldView), "fr")).contains("Océan Indien"));
    // Off when the story says so; off by default on a view of 200 km.
    const auto off = geo.timeline(worldStory(kWorldView, "  world-labels: false"));
    EXPECT_TRUE(off->geographyLabels().empty());
    EXPECT_FALSE(texts(*off).contains("Indian Ocean"));
    const auto close = geo.timeline(worldStory("{centre: [-100.0, -20.0], width-km: 200}"));
    EXPECT_TRUE(close->geographyLabels().empty());
    // On when asked for on a close view, but each name only at its own scales.
    const auto asked = geo.timeline(
        worldStory("{centre: [-100.0, -20.0], width-km: 200}", "  world-labels: true"));
    EXPECT_EQ(asked->geographyLabels().size(), 3U);
    EXPECT_FALSE(texts(*asked).contains("Indian Ocean"));
}

TEST(WorldMap, GeneralisedShapesKeepTheirSharedBorderAndLoseTheirDetail) {
    FakeGeo geo;
    const auto tl = geo.timeline(worldStory(kWorldView));
    // Two shapes either side of a wiggly border of 2,001 points, 100 m apart.
    LineString border;
    for (int i = 0; i <= 2000; ++i)
        border.push_back({i * 100.0, (i % 7) * 37.0});
    Ring a = border;
    a.push_back({200000, 500000});
    a.push_back({0, 500000});
    a.push_back(a.front());
    Ring b(border.rbegin(), border.rend());
    b.push_back({0, -500000});
    b.push_back({200000, -500000});
    b.push_back(b.front());
    const MultiPolygon left{Polygon{{a}}};
    const MultiPolygon right{Polygon{{b}}};
    const double cell = 4096;
    const auto& ga = tl->generalised(left, cell);
    const auto& gb = tl->generalised(right, cell);
    ASSERT_EQ(ga.size(), 1U);
    ASSERT_EQ(gb.size(), 1U);
    EXPECT_LT(ga.front().rings.front().size(), 100U) << "far fewer points";
    // The border's points in one shape are exactly those in the other.
    auto borderPoints = [](const Ring& r) {
        std::set<std::pair<double, double>> out;
        for (const Point p : r)
            if (std::abs(p.y) < 100000)
                out.insert({p.x, p.y});
        return out;
    };
    EXPECT_EQ(borderPoints(ga.front().rings.front()), borderPoints(gb.front().rings.front()));
    // Every point moved by at most half a cell diagonal.
    for (const Point p : ga.front().rings.front())
        EXPECT_EQ(std::fmod(p.x, cell), 0.0);
    // Kept: the same object for the same geometry and cell.
    EXPECT_EQ(&tl->generalised(left, cell), &ga);
    // A shape smaller than a cell goes.
    const MultiPolygon speck{mapreel::testing::square(0, 0, 0.001)};
    EXPECT_TRUE(tl->generalised(speck, cell).empty());
}

TEST(WorldMap, StillTerritoriesGoWithTheCachedBaseAndAHeldBaseIsNotBuilt) {
    FakeGeo geo;
    mapreel::testing::serveBaseData(geo);
    const auto tl = geo.timeline(R"(mapreel: 1
id: held
title: "Held"
sources:
  - {id: book, title: "A book", author: "Author", year: "1999"}
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
  layers: [land]
sides:
  - {id: red, name: "Red", color: "#c4302b"}
territories:
  - id: held
    side: red
    keyframes:
      - {date: 1950-06-25, region: {polygon: [[10.5, 10.5], [11.5, 10.5], [11.5, 11.5], [10.5, 11.5]]}}
      - {date: 1950-07-10, region: {polygon: [[11.5, 10.5], [12.5, 10.5], [12.5, 11.5], [11.5, 11.5]]}}
steps:
  - {id: one, title: "One", date: 1950-06-25, duration: 10, cite: [book], narration: "Hello."}
  - {id: two, title: "Two", date: 1950-07-10, duration: 10, cite: [book], narration: "Later."}
)");
    const auto th = scene::makeTheme("classic", {});
    FixedTextMeasurer measurer;
    const Color red = Color{0xc4 / 255.0, 0x30 / 255.0, 0x2b / 255.0, 1}.withAlpha(th.sideOpacity);
    auto has = [&](const std::vector<scene::Item>& items) {
        return std::any_of(items.begin(), items.end(), [&](const scene::Item& i) {
            const auto* f = std::get_if<scene::Fill>(&i);
            return f != nullptr && f->color == red;
        });
    };
    // Still: with the base, whose key names the keyframe shown.
    const auto one = scene::evaluate(*tl, 5.0, th, measurer, 1920, 1080);
    EXPECT_TRUE(has(one.base));
    EXPECT_FALSE(has(one.items));
    const auto two = scene::evaluate(*tl, 18.0, th, measurer, 1920, 1080);
    EXPECT_TRUE(has(two.base));
    EXPECT_NE(one.baseKey, two.baseKey) << "the base is drawn again for the new keyframe";
    // Cross-fading at the start of step two: over the base, every frame.
    const auto fading = scene::evaluate(*tl, 10.2, th, measurer, 1920, 1080);
    EXPECT_FALSE(has(fading.base));
    // A canvas that holds the base under the frame's key gets no base to draw.
    const auto held = scene::evaluate(*tl, 5.0, th, measurer, 1920, 1080,
                                      [&](std::uint64_t key) { return key == one.baseKey; });
    EXPECT_TRUE(held.base.empty());
    EXPECT_EQ(held.baseKey, one.baseKey);
    EXPECT_EQ(held.items, one.items);
    EXPECT_EQ(held.overlay, one.overlay);
}

TEST(WorldMap, TheStorysOwnSeaNameStandsForTheLongerOneAndNamesStayInTheMapArea) {
    FakeGeo geo;
    auto add = [&](const char* name, Point at) {
        geo::Feature f;
        f.points = {at};
        f.attributes = {
            {"name", name}, {"kind", "ocean"}, {"min_zoom", "1.5"}, {"max_zoom", "6.5"}};
        geo.features.add("geography-labels.geojson.gz", f);
    };
    add("North Atlantic Ocean", {-40, 30});
    add("South Pacific Ocean", {-120, -30});
    // Centred 110 px from the frame's left edge: on the frame, but half out of the map area.
    add("Arctic Ocean", {-175 + (110 - 28) / (1164.0 / 215), 0});
    std::string yaml = worldStory(kWorldView);
    yaml.insert(yaml.find("steps:"),
                "labels:\n  - {text: \"Atlantic Ocean\", at: [-30.0, 20.0], kind: sea}\n");
    const auto tl = geo.timeline(yaml);
    const auto th = scene::makeTheme("classic", {});
    std::set<std::string> texts;
    for (const auto& item : frame(*tl, th).overlay)
        if (const auto* t = std::get_if<scene::Text>(&item))
            texts.insert(t->text);
    EXPECT_TRUE(texts.contains("Atlantic Ocean"));
    EXPECT_FALSE(texts.contains("North Atlantic Ocean"));
    EXPECT_TRUE(texts.contains("South Pacific Ocean"));
    EXPECT_FALSE(texts.contains("Arctic Ocean"));
}
