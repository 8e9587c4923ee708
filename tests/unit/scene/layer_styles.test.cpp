// SPDX-License-Identifier: MIT
// Every documented key of a map layer shows in the picture: the colours and width of each
// bundled layer, a file of one's own (lines and areas), the order of the list and
// `above: sides`.
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

std::string layersStory(const std::string& layers) {
    return R"(mapreel: 1
id: layers
title: "Layers"
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
  focus: [AAA]
  layers: )" +
           layers + R"(
sides:
  - {id: red, name: "Red", color: "#c4302b"}
  - {id: blue, name: "Blue", color: "#2f6db5"}
regions:
  area: {polygon: [[10.1, 10.1], [12.9, 10.1], [12.9, 11.9], [10.1, 11.9]]}
fronts:
  - id: front
    region: area
    left: red
    right: blue
    keyframes:
      - {date: 1950-06-25, line: [[11.5, 10.0], [11.5, 12.0]]}
steps:
  - {id: one, title: "One", date: 1950-06-25, duration: 10, narration: "Text."}
)";
}

const Color kMagenta{1, 0, 1, 1};

/// Where the colour appears: in the base (under the sides) or the items (over them).
struct Seen {
    int base = 0;
    int items = 0;
    double widest = 0; ///< the widest stroke in that colour
};

void look(const std::vector<scene::Item>& list, Seen& seen, int& counter) {
    for (const auto& item : list) {
        if (const auto* fill = std::get_if<scene::Fill>(&item); fill && fill->color == kMagenta)
            ++counter;
        if (const auto* s = std::get_if<scene::Stroke>(&item); s && s->color == kMagenta) {
            ++counter;
            seen.widest = std::max(seen.widest, s->width);
        }
    }
}

Seen magentaIn(FakeGeo& geo, const std::string& layers) {
    const auto tl = geo.timeline(layersStory(layers));
    FixedTextMeasurer measurer;
    const auto frame =
        scene::evaluate(*tl, 5.0, scene::makeTheme("classic", {}), measurer, 1920, 1080);
    Seen seen;
    look(frame.base, seen, seen.base);
    look(frame.items, seen, seen.items);
    return seen;
}

class LayerStyles : public ::testing::Test {
protected:
    void SetUp() override { mapreel::testing::serveBaseData(geo); }
    FakeGeo geo;
};

} // namespace

TEST_F(LayerStyles, StrokeAndWidthColourEveryBundledLayer) {
    for (const char* name : {"bathymetry", "land", "countries", "lakes", "rivers", "borders",
                             "disputed", "graticule"}) {
        const auto plain = magentaIn(geo, std::string("[") + name + "]");
        EXPECT_EQ(plain.base + plain.items, 0) << name;
        const auto styled =
            magentaIn(geo, std::string("[{base: ") + name + ", stroke: \"#ff00ff\", width: 7}]");
        EXPECT_GT(styled.base, 0) << name << ": stroke changes nothing";
        EXPECT_NEAR(styled.widest, 7, 0.5) // rivers: the largest, at rank 1
            << name << ": width";
    }
}

TEST_F(LayerStyles, FillColoursEveryAreaLayer) {
    for (const char* name : {"bathymetry", "land", "countries", "lakes"}) {
        const auto styled =
            magentaIn(geo, std::string("[{base: ") + name + ", fill: \"#ff00ff\"}]");
        EXPECT_GT(styled.base, 0) << name << ": fill changes nothing";
    }
}

TEST_F(LayerStyles, AFileLayerDrawsItsLinesAndAreasInItsColours) {
    const auto dir = std::filesystem::temp_directory_path() / "mapreel-layer-styles";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "roads.geojson") << "{}"; // served by the fake source, by its name
    std::ofstream(dir / "fields.geojson") << "{}";
    geo::Feature road;
    road.lines = {{{10.2, 10.6}, {12.8, 10.7}}};
    geo.features.add("roads.geojson", road);
    geo::Feature field;
    field.polygons = {mapreel::testing::square(10.4, 10.4, 0.3)};
    geo.features.add("fields.geojson", field);
    const auto roads = magentaIn(geo, "[land, {file: " + (dir / "roads.geojson").string() +
                                          ", stroke: \"#ff00ff\", width: 3}]");
    EXPECT_GT(roads.base, 0) << "a file of lines is drawn in its stroke";
    EXPECT_NEAR(roads.widest, 3, 0.01);
    const auto fields = magentaIn(geo, "[land, {file: " + (dir / "fields.geojson").string() +
                                           ", fill: \"#ff00ff\"}]");
    EXPECT_GT(fields.base, 0) << "a file of areas is filled in its fill";
    std::filesystem::remove_all(dir);
}

TEST_F(LayerStyles, AboveSidesDrawsTheLayerOverTheFronts) {
    const auto under = magentaIn(geo, "[land, {base: rivers, stroke: \"#ff00ff\"}]");
    EXPECT_GT(under.base, 0);
    EXPECT_EQ(under.items, 0);
    const auto over = magentaIn(geo, "[land, {base: rivers, stroke: \"#ff00ff\", above: sides}]");
    EXPECT_EQ(over.base, 0);
    EXPECT_GT(over.items, 0) << "above: sides puts the rivers over the sides' colours";
}

TEST_F(LayerStyles, LayersAreDrawnInTheOrderListed) {
    const auto tl = [&](const std::string& layers) { return geo.timeline(layersStory(layers)); };
    FixedTextMeasurer measurer;
    const auto theme = scene::makeTheme("classic", {});
    const auto a = scene::evaluate(*tl("[land, lakes]"), 5.0, theme, measurer, 1920, 1080);
    const auto b = scene::evaluate(*tl("[lakes, land]"), 5.0, theme, measurer, 1920, 1080);
    ASSERT_EQ(a.base.size(), b.base.size());
    EXPECT_NE(a.base, b.base) << "the list is bottom first";
    const auto once = scene::evaluate(*tl("[land, countries]"), 5.0, theme, measurer, 1920, 1080);
    const auto land = scene::evaluate(*tl("[land]"), 5.0, theme, measurer, 1920, 1080);
    EXPECT_EQ(once.base.size(), land.base.size()) << "land and countries draw the land once";
}

// Keys of lines and markers that the display list must show.
namespace {

scene::Scene frameOf(FakeGeo& geo, const std::string& lines, const std::string& actions) {
    std::string text = layersStory("[land]");
    text.replace(text.find("steps:\n"), 7, lines + "steps:\n");
    text.replace(text.find("narration: \"Text.\"}"), 19,
                 "narration: \"Text.\", actions: " + actions + "}");
    const auto tl = geo.timeline(text);
    FixedTextMeasurer measurer;
    return scene::evaluate(*tl, 5.0, scene::makeTheme("classic", {}), measurer, 1920, 1080);
}

int strokesIn(const std::vector<scene::Item>& items) {
    return static_cast<int>(std::count_if(items.begin(), items.end(), [](const scene::Item& i) {
        return std::holds_alternative<scene::Stroke>(i);
    }));
}

} // namespace

TEST_F(LayerStyles, ATransparentLineDrawsNothing) {
    const auto none = frameOf(geo, "", "[]");
    const auto seen =
        frameOf(geo, "lines:\n  - {id: l, coords: [[10.2, 11.3], [12.8, 11.3]]}\n", "[]");
    const auto clear = frameOf(
        geo, "lines:\n  - {id: l, coords: [[10.2, 11.3], [12.8, 11.3]], color: transparent}\n",
        "[]");
    EXPECT_EQ(strokesIn(seen.items), strokesIn(none.items) + 2) << "a line and its halo";
    EXPECT_EQ(strokesIn(clear.items), strokesIn(none.items)) << "no outline, no halo";
}

TEST_F(LayerStyles, ASiteMarkerTakesItsSidesColour) {
    const auto f = frameOf(geo, "", "[{marker: {kind: site, at: [11.0, 11.0], side: blue}}]");
    const Color blue = *parseColor("#2f6db5");
    const bool found = std::any_of(f.items.begin(), f.items.end(), [&](const scene::Item& i) {
        const auto* fill = std::get_if<scene::Fill>(&i);
        return fill != nullptr && fill->color.r == blue.r && fill->color.g == blue.g &&
               fill->color.b == blue.b;
    });
    EXPECT_TRUE(found) << "the site symbol is filled with the blue side's colour";
}
