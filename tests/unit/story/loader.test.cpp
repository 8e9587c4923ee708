// SPDX-License-Identifier: MIT
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace mapreel;
using namespace mapreel::story;

namespace {

const char* const kMinimal = R"(mapreel: 1
id: test
title: "Test"
map:
  projection: "EPSG:3857"
  view: {extent: [120, 30, 130, 40]}
sides:
  - {id: north, name: North, color: "#c4302b"}
  - {id: south, name: South, color: "#2f6db5"}
places:
  - {id: seoul, name: Seoul, at: [126.98, 37.57], kind: capital}
steps:
  - id: one
    title: One
    date: 1950-06-25
    narration: "Text."
    actions:
      - arrow: {side: north, route: [seoul, [127, 36]], source: [], window: [0.1, 0.9]}
)";

std::string firstError(const std::string& text) {
    auto r = loadStoryFromText(text, "t.yaml");
    if (r)
        return "(loaded)";
    const auto& items = r.error().items();
    const auto d = *std::find_if(items.begin(), items.end(),
                                 [](const Diagnostic& x) { return x.severity == Severity::Error; });
    return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " + d.message;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto pos = s.find(from);
    if (pos != std::string::npos)
        s.replace(pos, from.size(), to);
    return s;
}

} // namespace

TEST(Loader, UnknownKeySuggestsTheRightOne) {
    const auto text = replace(kMinimal, "color: \"#c4302b\"", "colr: \"#c4302b\"");
    auto r = loadStoryFromText(text, "t.yaml");
    ASSERT_FALSE(r);
    bool found = false;
    for (const auto& d : r.error().items())
        if (d.message == "unknown key 'colr' in side 'north' (did you mean 'color'?)") {
            found = true;
            EXPECT_EQ(d.loc.line, 8);
            EXPECT_EQ(d.loc.file, "t.yaml");
        }
    EXPECT_TRUE(found);
}

TEST(Loader, ReportsEveryProblemNotOnlyTheFirst) {
    auto text = replace(kMinimal, "date: 1950-06-25", "date: 1950-13-01");
    text = replace(text, "route: [seoul,", "route: [seol,");
    auto r = loadStoryFromText(text, "t.yaml");
    ASSERT_FALSE(r);
    EXPECT_GE(r.error().errorCount(), 2U);
}

TEST(Loader, UnknownReferenceNamesTheNearestId) {
    const auto text = replace(kMinimal, "route: [seoul,", "route: [seol,");
    EXPECT_EQ(firstError(text), "18:38: unknown place 'seol' (did you mean 'seoul'?)");
}

TEST(Loader, InvalidYamlPointsAtTheLine) {
    EXPECT_EQ(firstError("mapreel: 1\nid: [unclosed\n").substr(0, 2), "3:");
}

TEST(Loader, AMisspelledKeyFindsTheKeyThreeEditsAway) {
    const auto text = replace(kMinimal, "narration: \"Text.\"", "narative: \"Text.\"");
    EXPECT_EQ(firstError(text), "16:5: unknown key 'narative' in step 'one' (did you mean "
                                "'narration'?)");
}

TEST(Loader, AnUnquotedColourInAFlowMappingIsNamed) {
    const auto text = replace(kMinimal, "color: \"#c4302b\"}", "color: #c4302b}");
    EXPECT_EQ(firstError(text),
              "8:37: this is not valid YAML: '#c4302b' is not quoted: in YAML '#' starts a "
              "comment, which hides the rest of the line and its closing bracket; write "
              "\"#c4302b\" (colours must be quoted)");
}

TEST(Loader, ABadDateGivesOneErrorAndNoWarningsAboutDatesItDoesNotHold) {
    std::string text = replace(kMinimal, "date: 1950-06-25", "date: 1950-13-45");
    text += R"(  - id: two
    title: Two
    date: 1950-07-01
    narration: "More text."
)";
    auto r = loadStoryFromText(text, "t.yaml");
    ASSERT_FALSE(r);
    for (const auto& d : r.error().items())
        EXPECT_EQ(d.message.find("1970"), std::string::npos) << d.message;
    EXPECT_EQ(r.error().errorCount(), 1U);
}

TEST(Loader, EmptyFileIsAnError) {
    EXPECT_EQ(firstError(""), "1:1: the story file is empty");
}

TEST(Loader, LoadsAValidStory) {
    auto r = loadStoryFromText(kMinimal, "dir/t.yaml");
    ASSERT_TRUE(r) << format(r.error().items().front());
    const Story& s = r->story;
    EXPECT_EQ(s.id, "test");
    EXPECT_EQ(s.baseDir, "dir");
    ASSERT_EQ(s.steps.size(), 1U);
    EXPECT_EQ(s.steps[0].dateFrom, (Date{1950, 6, 25, DatePrecision::Day}));
    ASSERT_EQ(s.steps[0].actions.size(), 1U);
    const auto& arrow = std::get<ArrowAction>(s.steps[0].actions[0].what);
    EXPECT_EQ(arrow.route.size(), 2U);
    EXPECT_DOUBLE_EQ(arrow.window.start, 0.1);
    EXPECT_EQ(s.side("south")->color, *parseColor("#2f6db5"));
    EXPECT_EQ(s.canvas.width, 1920);
}

TEST(Loader, DeepNestingIsRejectedBeforeParsing) {
    std::string bomb = "mapreel: 1\nid: " + std::string(10000, '[') + std::string(10000, ']');
    EXPECT_EQ(firstError(bomb).substr(0, 5), "2:53:");
}
