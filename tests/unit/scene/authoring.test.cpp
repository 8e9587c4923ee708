// SPDX-License-Identifier: MIT
// What authors can say and see drawn: arrow styles, the new marker kinds and image symbols,
// zone names, the author's legend and a second calendar in the date panel. Each is checked
// in the display list a canvas draws (colours, dashes, texts and where they are).
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

const Color kRed = parseColor("#c4302b").value_or(Color{});
const Color kBlue = parseColor("#2f6db5").value_or(Color{});

/// A story of two 10-second steps; `top` goes at the top level, `one` under the first step's
/// actions (the second step has none).
std::string storyWith(const std::string& one, const std::string& top = {}) {
    return R"(mapreel: 1
id: authoring
title: "Authoring"
sources:
  - {id: book, title: "A book"}
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
  layers: []
sides:
  - {id: red, name: "Red", color: "#c4302b"}
  - {id: blue, name: "Blue", color: "#2f6db5"}
lines:
  - {id: border, name: "Border line", coords: [[10.2, 11.8], [12.8, 11.8]]}
  - {id: axis, coords: [[10.2, 10.4], [12.8, 10.4]], color: transparent}
zones:
  - {id: buffer, name: "Buffer zone", along: axis, width-km: 4, visible: {steps: one}}
)" + top + R"(
steps:
  - id: one
    title: "One"
    date: 1950-06-25
    duration: 10
    narration: "One."
    actions:
)" + one + R"(
  - {id: two, title: "Two", date: 1950-07-25, duration: 10, narration: "Two."}
)";
}

scene::Scene frameAt(FakeGeo& geo, const std::string& yaml, double t,
                     const std::string& lang = {}) {
    const auto tl = geo.timeline(yaml, lang);
    FixedTextMeasurer measurer;
    return scene::evaluate(*tl, t, scene::makeTheme("classic", {}), measurer, 1920, 1080);
}

template <class T> std::vector<T> all(const std::vector<scene::Item>& items) {
    std::vector<T> out;
    for (const auto& item : items)
        if (const auto* x = std::get_if<T>(&item))
            out.push_back(*x);
    return out;
}

/// `items` without the zone of the story (drawn under everything else, in the zone colour).
std::vector<scene::Item> withoutZone(const std::vector<scene::Item>& items) {
    const Color zone = scene::makeTheme("classic", {}).zoneColour;
    std::vector<scene::Item> out;
    for (const auto& item : items) {
        const auto* f = std::get_if<scene::Fill>(&item);
        const auto* s = std::get_if<scene::Stroke>(&item);
        const Color* c = f != nullptr ? &f->color : s != nullptr ? &s->color : nullptr;
        if (c == nullptr || c->r != zone.r || c->g != zone.g || c->b != zone.b)
            out.push_back(item);
    }
    return out;
}

/// The texts of `items`, top to bottom.
std::vector<std::string> textsDown(const std::vector<scene::Item>& items) {
    auto texts = all<scene::Text>(items);
    std::stable_sort(texts.begin(), texts.end(),
                     [](const auto& a, const auto& b) { return a.at.y < b.at.y; });
    std::vector<std::string> out;
    for (const auto& t : texts)
        out.push_back(t.text);
    return out;
}

bool says(const std::vector<scene::Item>& items, const std::string& s) {
    const auto texts = textsDown(items);
    return std::find(texts.begin(), texts.end(), s) != texts.end();
}

Rect bounds(const scene::Path& p) {
    Rect r;
    for (const auto& ring : p.rings)
        for (const Point q : ring)
            r.expand(q);
    return r;
}

std::string arrow(const std::string& style, const std::string& side = "red") {
    return "      - arrow: {side: " + side +
           ", route: [[10.4, 11.0], [12.6, 11.0]], window: [0, 0.5], source: book, style: " +
           style + "}\n";
}

class Authoring : public ::testing::Test {
protected:
    void SetUp() override { serveBaseData(geo); }
    FakeGeo geo;
    const scene::Theme th = scene::makeTheme("classic", {});
};

} // namespace

TEST_F(Authoring, EachArrowStyleHasItsOwnLook) {
    std::vector<std::vector<scene::Item>> looks;
    for (const char* style : {"land", "sea", "air", "retreat", "supply"})
        looks.push_back(withoutZone(frameAt(geo, storyWith(arrow(style)), 6).items));
    for (std::size_t i = 0; i < looks.size(); ++i)
        for (std::size_t j = i + 1; j < looks.size(); ++j)
            EXPECT_NE(looks[i], looks[j]) << "styles " << i << " and " << j << " look the same";
    EXPECT_EQ(withoutZone(frameAt(geo, storyWith(arrow("advance")), 6).items), looks[0]);
    EXPECT_EQ(withoutZone(frameAt(geo, storyWith(arrow("naval")), 6).items), looks[1]);

    const auto fills = [](const std::vector<scene::Item>& items) {
        return all<scene::Fill>(items);
    };
    const auto strokes = [](const std::vector<scene::Item>& items) {
        return all<scene::Stroke>(items);
    };
    // Advance: a solid arrow in the side's colour.
    ASSERT_FALSE(fills(looks[0]).empty());
    EXPECT_EQ(fills(looks[0])[0].color, kRed.withAlpha(th.arrowOpacity));
    const double landHead = bounds(fills(looks[0])[0].path).height();
    // Sea: a dashed outline.
    EXPECT_EQ(strokes(looks[1]).back().dash,
              (std::vector<double>{th.seaArrowDash, th.seaArrowGap}));
    // Air: narrower, with a dashed trail in the halo colour down its middle.
    EXPECT_LT(bounds(fills(looks[2])[0].path).height(), landHead * 0.6);
    const auto airStrokes = strokes(looks[2]);
    EXPECT_TRUE(std::any_of(airStrokes.begin(), airStrokes.end(), [&](const auto& s) {
        return s.color == th.halo && !s.dash.empty() && s.width == th.airTrailWidth;
    }));
    // Retreat: hollow (a pale inside) with a dashed outline in the side's own colour.
    EXPECT_EQ(fills(looks[3])[0].color, th.halo.withAlpha(th.retreatArrowOpacity));
    EXPECT_EQ(strokes(looks[3]).back().color, kRed);
    EXPECT_EQ(strokes(looks[3]).back().dash,
              (std::vector<double>{th.retreatArrowDash, th.retreatArrowGap}));
    // Supply: a dashed line in the side's colour ending in a small solid head.
    const auto supply = strokes(looks[4]);
    EXPECT_TRUE(std::any_of(supply.begin(), supply.end(), [&](const auto& s) {
        return s.color == kRed && s.width == th.supplyArrowWidth &&
               s.dash == std::vector<double>{th.supplyArrowDash, th.supplyArrowGap};
    }));
    ASSERT_EQ(fills(looks[4]).size(), 1U);
    EXPECT_EQ(fills(looks[4])[0].path.rings.front().size(), 3U);
    EXPECT_LE(bounds(fills(looks[4])[0].path).width(), th.supplyHead + 1e-9);
}

TEST_F(Authoring, TheLegendShowsEachArrowStyleWhileItsArrowIsOnTheMap) {
    const std::string yaml = storyWith(arrow("land") + arrow("retreat", "blue"));
    const auto during = frameAt(geo, yaml, 6);
    EXPECT_TRUE(says(during.overlay, "Advance"));
    EXPECT_TRUE(says(during.overlay, "Retreat"));
    EXPECT_FALSE(says(during.overlay, "By sea"));
    // The swatch is the style drawn small: the retreat's dashed outline is in the legend.
    const auto legendStrokes = all<scene::Stroke>(during.overlay);
    EXPECT_TRUE(std::any_of(legendStrokes.begin(), legendStrokes.end(),
                            [](const auto& s) { return s.dash.size() == 2; }));
    const auto after = frameAt(geo, yaml, 16);
    EXPECT_FALSE(says(after.overlay, "Retreat"));
    EXPECT_FALSE(says(after.overlay, "Advance"));
    // An advance alone is the plain arrow: the legend does not explain it.
    EXPECT_FALSE(says(frameAt(geo, storyWith(arrow("land")), 6).overlay, "Advance"));
    // The style's name in the language of the render.
    EXPECT_TRUE(says(frameAt(geo, yaml, 6, "ko").overlay, "후퇴"));
}

TEST_F(Authoring, FireMassacreAndEpidemicHaveSymbolsOfTheirOwn) {
    std::vector<scene::Path> shapes;
    for (const auto& [kind, colour] :
         {std::pair{"fire", th.fireFill}, std::pair{"massacre", th.massacreFill},
          std::pair{"epidemic", th.epidemicFill}}) {
        const auto f = frameAt(
            geo, storyWith(std::string("      - marker: {kind: ") + kind + ", at: [11.5, 11.0]}\n"),
            6);
        const auto fills = all<scene::Fill>(withoutZone(f.items));
        ASSERT_FALSE(fills.empty()) << kind;
        EXPECT_EQ(fills[0].color, colour) << kind;
        const Rect b = bounds(fills[0].path);
        EXPECT_GT(b.width(), th.markerRadius) << kind;
        EXPECT_LE(b.width(), 2 * th.markerRadius + 1e-9) << kind;
        shapes.push_back(fills[0].path);
    }
    EXPECT_NE(shapes[0], shapes[1]);
    EXPECT_NE(shapes[1], shapes[2]);
    EXPECT_NE(shapes[0], shapes[2]);
}

TEST_F(Authoring, AnImageMarkerDrawsItsPicture) {
    const std::string png = std::string(MAPREEL_SOURCE_DIR) + "/tests/data/anchor.png";
    const auto f = frameAt(
        geo,
        storyWith("      - marker: {image: " + png + ", at: [11.5, 11.0], label: \"Fleet\"}\n"), 6);
    const auto pictures = all<scene::Picture>(f.items);
    ASSERT_EQ(pictures.size(), 1U);
    EXPECT_EQ(pictures[0].file, png);
    EXPECT_GT(pictures[0].box.width(), th.markerRadius);
    EXPECT_TRUE(all<scene::Fill>(withoutZone(f.items)).empty())
        << "the picture replaces the symbol";
    EXPECT_TRUE(says(f.items, "Fleet"));
    // A recording canvas receives it as a picture call.
    mapreel::testing::RecordingCanvas canvas;
    render::draw(f, canvas);
    EXPECT_EQ(canvas.count(mapreel::testing::RecordingCanvas::Call::Picture), 1U);
}

TEST_F(Authoring, ANamedZoneIsLabelledOnTheMapAndListedWhileItShows) {
    const std::string yaml = storyWith(arrow("land"));
    const auto during = frameAt(geo, yaml, 6);
    const auto names = all<scene::Text>(during.items);
    const auto it = std::find_if(names.begin(), names.end(),
                                 [](const auto& t) { return t.text == "Buffer zone"; });
    ASSERT_NE(it, names.end());
    EXPECT_EQ(it->color, th.zoneColour.darker(0.45));
    EXPECT_TRUE(says(during.overlay, "Buffer zone"));
    const auto after = frameAt(geo, yaml, 16); // the zone shows in step one only
    EXPECT_FALSE(says(after.items, "Buffer zone"));
    EXPECT_FALSE(says(after.overlay, "Buffer zone"));
}

TEST_F(Authoring, TheAuthorsLegendListsItsRowsInOrderWhileTheirFeaturesShow) {
    const std::string legend = R"(legend:
  - {marker: fire, label: "Towns burnt"}
  - {arrow: retreat, side: red, label: "Red retreat"}
  - {arrow: retreat, side: blue, label: "Blue retreat"}
  - side: blue
  - {zone: buffer, label: "No man's land"}
  - line: border
)";
    const std::string yaml = storyWith(
        "      - marker: {kind: fire, at: [11.0, 11.3]}\n" + arrow("retreat") +
            "      - arrow: {side: blue, route: [[10.4, 10.8], [12.0, 10.8]], source: book}\n",
        legend);
    const auto during = frameAt(geo, yaml, 6);
    EXPECT_EQ(textsDown(during.overlay),
              (std::vector<std::string>{"Authoring", "Towns burnt", "Red retreat", "Blue",
                                        "No man's land", "Border line"}))
        << "the title, then the rows as written; none for a blue retreat (there is none)";
    const auto after = frameAt(geo, yaml, 16);
    const auto rows = textsDown(after.overlay);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), "Border line"), 1);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), "Towns burnt"), 0);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), "No man's land"), 0);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), "Red"), 0) << "only the rows written";
    // The fire row's swatch is the fire symbol, in its colour.
    const auto fills = all<scene::Fill>(during.overlay);
    EXPECT_TRUE(std::any_of(fills.begin(), fills.end(),
                            [&](const auto& f) { return f.color == th.fireFill; }));
    // An empty legend hides it.
    const auto none = frameAt(geo, storyWith(arrow("land"), "legend: []\n"), 6);
    EXPECT_EQ(textsDown(none.overlay), (std::vector<std::string>{"Authoring"}));
}

TEST_F(Authoring, TheDatePanelShowsTheSecondCalendarBesideTheFirst) {
    auto dated = [](const std::string& calendar) {
        std::string s = storyWith("", calendar);
        const auto at = s.find("date: 1950-06-25");
        return s.replace(at, 16, "date: 1812-09-07");
    };
    // Without locale data (the pure core) the days are written in ISO form.
    const auto plain = frameAt(geo, dated(""), 6);
    const auto julian = frameAt(geo, dated("calendar: julian\n"), 6);
    EXPECT_EQ(textsDown(plain.top), (std::vector<std::string>{"1812-09-07"}));
    EXPECT_EQ(textsDown(julian.top), (std::vector<std::string>{"1812-09-07", "(1812-08-26 O.S.)"}));
    const auto second = all<scene::Text>(julian.top)[1];
    EXPECT_EQ(second.font.size, th.dateSecondSize);
    const auto panel = [](const scene::Scene& s) { return all<scene::Panel>(s.top).at(0).box; };
    EXPECT_GT(panel(julian).height(), panel(plain).height());
    EXPECT_EQ(textsDown(frameAt(geo, dated("calendar: [julian, gregorian]\n"), 6).top),
              (std::vector<std::string>{"1812-08-26", "(1812-09-07 N.S.)"}));
}
