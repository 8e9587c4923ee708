// SPDX-License-Identifier: MIT
// Geodesic circles, arcs and great-circle lines and arrows in the story format.
#include "mapreel/core/seam.hpp"
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace mapreel;
using namespace mapreel::story;

namespace {

/// A story whose line 10 is `line` (under `lines:`), line 13 `region` (under `regions:`) and
/// line 21 the arrow.
std::string storyText(const std::string& line, const std::string& region,
                      const std::string& arrow = "{side: a, route: [havana, [-77.0, 38.9]]}") {
    std::string text = R"(mapreel: 1
id: t
title: T
map: {projection: equal-earth, view: {extent: [-130, 0, 0, 60]}}
sides:
  - {id: a, name: A, color: "#c4302b"}
places:
  - {id: havana, name: Havana, at: [-82.3661, 23.1339]}
lines:
  - LINE

regions:
  reach: REGION
steps:
  - id: one
    title: One
    date: 1962-10-22
    narration: Text.
    actions:
      - highlight: {region: reach}
      - arrow: ARROW
)";
    text.replace(text.find("LINE"), 4, line);
    text.replace(text.find("REGION"), 6, region);
    text.replace(text.find("ARROW"), 5, arrow);
    return text;
}

const std::string kLine = "{id: ring, circle: {center: [-83.0565, 22.7166], radius-km: 2000}}";
const std::string kRegion = "{circle: {centre: [-83.0565, 22.7166], radius-km: 4000}}";

/// Every error as "line:col: message", joined by newlines.
std::string errors(const std::string& text) {
    auto r = loadStoryFromText(text, "t.yaml");
    if (r)
        return "(loaded)";
    std::string out;
    for (const auto& d : r.error().items())
        if (d.severity == Severity::Error)
            out += std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " +
                   d.message + (d.hint.empty() ? "" : " [" + d.hint + "]") + "\n";
    return out;
}

} // namespace

TEST(StoryCircles, BadRadiusIsAnErrorWithItsPlace) {
    EXPECT_EQ(errors(storyText("{id: ring, circle: {center: [-83, 22], radius-km: 0}}", kRegion)),
              "10:55: 'radius-km' of 'circle' of line 'ring' is 0: a circle needs a radius above 0 "
              "[give the distance from the centre in kilometres, e.g. 2000]\n");
    EXPECT_EQ(errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: -5}}")),
              "13:47: 'radius-km' of 'circle' of region 'reach' is -5: a circle needs a radius "
              "above 0 [give the distance from the centre in kilometres, e.g. 2000]\n");
    EXPECT_EQ(errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: 25000}}")),
              "13:47: 'radius-km' of 'circle' of region 'reach' is 25000, more than half the "
              "Earth's circumference (20,015 km) [no two points on Earth are farther apart; "
              "20015 covers the globe]\n");
    EXPECT_EQ(errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: .nan}}")),
              "13:47: 'radius-km' of 'circle' of region 'reach' must be a number, not '.nan'\n");
    EXPECT_NE(
        errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: far}}")).find("13:47: "),
        std::string::npos);
    // The largest radius is allowed: the whole globe.
    EXPECT_EQ(errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: 20015}}")), "(loaded)");
}

TEST(StoryCircles, BadCentreOrKeysAreErrors) {
    const std::string swapped =
        errors(storyText(kLine, "{circle: {center: [22.7, -95.0], radius-km: 100}}"));
    EXPECT_EQ(swapped, "13:35: latitude -95.0 of the centre of 'circle' of region 'reach' is "
                       "outside -90..90 [coordinates are [lon, lat]: did you swap them?]\n");
    EXPECT_NE(errors(storyText(kLine, "{circle: {radius-km: 100}}"))
                  .find("missing required key 'center'"),
              std::string::npos);
    EXPECT_NE(errors(storyText(kLine, "{circle: {center: [0, 0], radius_km: 100}}"))
                  .find("unknown key 'radius_km' in 'circle' of region 'reach' (did you mean "
                        "'radius-km'?)"),
              std::string::npos);
    // An arc only makes sense as a line.
    EXPECT_NE(
        errors(storyText(kLine, "{circle: {center: [0, 0], radius-km: 9, bearings: [0, 90]}}"))
            .find("unknown key 'bearings' in 'circle' of region 'reach'"),
        std::string::npos);
    EXPECT_NE(errors(storyText("{id: ring, coords: [[0, 0], [1, 1]], circle: {center: [0, 0], "
                               "radius-km: 9}}",
                               kRegion))
                  .find("line 'ring' has both 'coords' and 'circle'"),
              std::string::npos);
    EXPECT_NE(errors(storyText("{id: arc, circle: {center: [0, 0], radius-km: 9, bearings: [-350, "
                               "10]}}",
                               kRegion))
                  .find("start and end at the same bearing"),
              std::string::npos);
    EXPECT_NE(errors(storyText("{id: l, coords: [[0, 10], [180, -10]], geodesic: true}", kRegion))
                  .find("10:31: points 1 and 2 of line 'l' are antipodal"),
              std::string::npos);
    EXPECT_NE(errors(storyText(kLine, kRegion,
                               "{side: a, route: [havana, [97.6339, -23.1339]], "
                               "geodesic: true}"))
                  .find("21:42: points 1 and 2 of the route of action 2 of step 'one' (arrow) are "
                        "antipodal"),
              std::string::npos);
}

TEST(StoryCircles, CirclesLinesAndArrowsLoad) {
    const std::string text =
        storyText(kLine, kRegion, "{side: a, route: [havana, [-77.0, 38.9]], geodesic: true}");
    auto loaded = loadStoryFromText(text, "t.yaml");
    ASSERT_TRUE(loaded) << errors(text);
    const Story& s = loaded->story;

    // The line keeps its circle; the timeline draws it on the ellipsoid (geo::geodesicCircle).
    ASSERT_EQ(s.lines.size(), 1U);
    ASSERT_TRUE(s.lines[0].circle);
    EXPECT_EQ(s.lines[0].circle->centre, (Point{-83.0565, 22.7166}));
    EXPECT_DOUBLE_EQ(s.lines[0].circle->radiusKm, 2000);
    EXPECT_FALSE(s.lines[0].circle->bearings);
    EXPECT_TRUE(s.lines[0].coords.empty());

    // The region keeps its centre and radius; the timeline cuts it for the projection.
    const Region& reach = s.regions.at("reach");
    EXPECT_EQ(reach.kind, Region::Kind::Circle);
    EXPECT_EQ(reach.circle.centre, (Point{-83.0565, 22.7166}));
    EXPECT_DOUBLE_EQ(reach.circle.radiusKm, 4000);

    const auto& arrow = std::get<ArrowAction>(s.steps[0].actions[1].what);
    EXPECT_TRUE(arrow.geodesic);
}

TEST(StoryCircles, ArcsAndGeodesicLines) {
    const std::string text =
        storyText("{id: q, circle: {center: [-74.1329, 20.2046], radius-km: 926, "
                  "bearings: [-35, 150]}}",
                  kRegion);
    auto loaded = loadStoryFromText(text, "t.yaml");
    ASSERT_TRUE(loaded) << errors(text);
    const auto& arc = loaded->story.lines[0].circle;
    ASSERT_TRUE(arc);
    ASSERT_TRUE(arc->bearings);
    EXPECT_DOUBLE_EQ(arc->bearings->x, -35); // 325: clockwise through north to 150
    EXPECT_DOUBLE_EQ(arc->bearings->y, 150);
    EXPECT_DOUBLE_EQ(arc->radiusKm, 926);

    const std::string flight =
        storyText("{id: f, coords: [[-77.04, 38.90], [13.40, 52.52]], geodesic: true}", kRegion);
    auto f = loadStoryFromText(flight, "t.yaml");
    ASSERT_TRUE(f) << errors(flight);
    // The points as written; the timeline joins them along the geodesic.
    EXPECT_TRUE(f->story.lines[0].geodesic);
    EXPECT_EQ(f->story.lines[0].coords, (LineString{{-77.04, 38.90}, {13.40, 52.52}}));
}
