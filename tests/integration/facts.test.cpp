// SPDX-License-Identifier: MIT
// History that checks itself: the stories' facts hold on every day they cover, a point's
// chronology is the probe's day by day, and the Korean War map hands its towns over on the
// days the histories give.
#include "story_timeline.hpp"

#include "mapreel/timeline/facts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace mapreel;

namespace {

const timeline::Timeline& korea() {
    static const auto tl = integration::storyTimeline("stories/cold-war/korean-war.yaml");
    return *tl;
}

HistTime day(const char* iso) {
    return toHistTime(*parseDate(iso));
}

Point placeAt(const timeline::Timeline& tl, const char* id) {
    const auto* p = tl.story().place(id);
    if (p == nullptr)
        throw std::runtime_error(std::string("no place ") + id);
    return p->at;
}

} // namespace

TEST(Holdings, AreWhatTheProbeSaysOnEveryDay) {
    const auto& tl = korea();
    std::vector<Point> points;
    for (const char* id : {"seoul", "inchon", "kimpo", "suwon", "taejon", "wonsan", "hungnam",
                           "hagaru-ri", "koto-ri", "chunchon", "munsan", "pyongyang"})
        points.push_back(placeAt(tl, id));
    // And a grid over the peninsula, where the fronts pass anywhere.
    for (double lon = 125.5; lon <= 129.0; lon += 0.7)
        for (double lat = 34.8; lat <= 40.5; lat += 0.6)
            points.push_back({lon, lat});
    const HistTime from = day("1950-06-20");
    const HistTime to = day("1951-06-30");
    int changes = 0;
    for (const Point p : points) {
        const auto runs = tl.holdings(p, from, to);
        ASSERT_FALSE(runs.empty());
        EXPECT_EQ(runs.front().from, from);
        EXPECT_EQ(runs.back().to, to);
        changes += static_cast<int>(runs.size()) - 1;
        std::size_t r = 0;
        for (HistTime d = from; d <= to; d += 1) {
            while (d > runs[r].to)
                ++r;
            ASSERT_EQ(runs[r].side, tl.probe(p, d))
                << p.x << "," << p.y << " on " << isoDate(fromHistTime(d));
        }
    }
    EXPECT_GT(changes, 100) << "the points must really change hands in that year";
}

TEST(KoreanWar, EveryFactHoldsOnEveryDay) {
    const auto& tl = korea();
    const auto verdicts = timeline::checkFacts(tl);
    int stated = 0;
    for (const auto& v : verdicts) {
        if (v.fact->fact.marker == nullptr)
            ++stated;
        EXPECT_TRUE(v.holds()) << format(timeline::factDiagnostic(tl, v));
    }
    EXPECT_GE(stated, 80) << "the Korean War map states at least 80 facts";
}

TEST(KoreanWar, TownsChangeHandsWhenTheHistoriesSay) {
    // First day of each holder, as the histories give them (within two days):
    // Appleman (1961) for 1950; Mossman (1990) for November 1950 to July 1951.
    const std::map<std::string, std::vector<std::pair<std::string, std::string>>> expected = {
        // Seoul fell on 28 June 1950; retaken 27-28 September; abandoned 4 January 1951;
        // reoccupied by Operation Ripper on 14-15 March.
        {"seoul",
         {{"north", "1950-06-28"},
          {"south", "1950-09-28"},
          {"north", "1951-01-04"},
          {"south", "1951-03-15"}}},
        // Inchon held until 3 July; landing 15 September; given up 5 January; retaken
        // 10 February 1951.
        {"inchon",
         {{"north", "1950-07-04"},
          {"south", "1950-09-15"},
          {"north", "1951-01-05"},
          {"south", "1951-02-10"}}},
        // Pyongyang entered 19 October; abandoned 5 December, occupied on the 6th.
        {"pyongyang", {{"south", "1950-10-19"}, {"north", "1950-12-06"}}},
        // Wonsan taken by ROK I Corps on 10 October; evacuated by 10 December.
        {"wonsan", {{"south", "1950-10-10"}, {"north", "1950-12-10"}}},
        // Hungnam taken with Hamhung on 17 October; the evacuation ended on 24 December.
        {"hungnam", {{"south", "1950-10-17"}, {"north", "1950-12-25"}}},
        // Chunchon: fell on 28 June; the Chinese New Year offensive took it in early
        // January; retaken 19-21 March; lost in the April offensive and retaken in May
        // (its autumn 1950 recapture is dated by no source at hand: not held here).
        {"chunchon", {{"north", "1950-06-28"}, {"north", "1951-01-02"}, {"south", "1951-03-20"}}},
    };
    const auto& tl = korea();
    for (const auto& [id, changes] : expected) {
        const auto runs = timeline::chronology(tl, placeAt(tl, id.c_str()));
        for (const auto& [side, date] : changes) {
            const HistTime want = day(date.c_str());
            double best = 1e9;
            for (std::size_t i = 1; i < runs.size(); ++i)
                if (runs[i].side == side)
                    best = std::min(best, std::abs(runs[i].from - want));
            EXPECT_LE(best, 2) << id << " to '" << side << "' on " << date;
        }
    }
}

TEST(KoreanWar, AContradictedFactNamesTheKeyframesAndTheDateNeeded) {
    const auto& tl = korea();
    // Taejon fell on 20 July 1950: a fact saying the South still held it in August is
    // contradicted, and the diagnostic says so with the keyframes around the change.
    timeline::CompiledFact wrong;
    wrong.fact.loc = {"korean-war.yaml", 1, 1};
    wrong.fact.side = "south";
    wrong.fact.from = *parseDate("1950-07-15");
    wrong.fact.to = *parseDate("1950-08-10");
    wrong.lonLat = placeAt(tl, "taejon");
    wrong.name = "Taejon";
    timeline::FactVerdict v;
    v.fact = &wrong;
    v.shown = tl.holdings(wrong.lonLat, day("1950-07-15"), day("1950-08-10"));
    for (const auto& run : v.shown)
        if (run.side != "south")
            v.wrong.push_back(run);
    ASSERT_FALSE(v.holds());
    const auto d = timeline::factDiagnostic(tl, v);
    EXPECT_NE(d.message.find("Taejon held by 'south' from 1950-07-15 to 1950-08-10"),
              std::string::npos)
        << d.message;
    EXPECT_NE(d.message.find("but the map shows 'north'"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("keyframe"), std::string::npos) << d.hint;
}

// ---------------------------------------------------------------------------------------
// Every map of the series keeps its facts: at least 30 stated, each true on every day.

namespace {

std::vector<std::string> seriesMaps() {
    std::vector<std::string> out;
    const std::filesystem::path dir =
        std::filesystem::path(MAPREEL_SOURCE_DIR) / "stories/cold-war";
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".yaml" && e.path().stem() != "series")
            out.push_back("stories/cold-war/" + e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

class SeriesMap : public ::testing::TestWithParam<std::string> {};

} // namespace

TEST_P(SeriesMap, StatesAtLeastThirtyFactsAndEveryOneHolds) {
    const auto tl = integration::storyTimeline(GetParam());
    int stated = 0;
    for (const auto& v : timeline::checkFacts(*tl)) {
        if (v.fact->fact.marker == nullptr)
            ++stated;
        EXPECT_TRUE(v.holds()) << format(timeline::factDiagnostic(*tl, v));
    }
    EXPECT_GE(stated, 30) << GetParam() << " states at least 30 dated facts";
}

INSTANTIATE_TEST_SUITE_P(Series, SeriesMap, ::testing::ValuesIn(seriesMaps()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                             std::string name = std::filesystem::path(p.param).stem().string();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });
