// SPDX-License-Identifier: MIT
// Pockets that move on keyframes of their own: a beachhead grows out of nothing and merges
// with its side's area, an enclave shrinks to nothing; who holds a point is the same in the
// probe, the day-by-day holdings and the drawn area.
#include "story_timeline.hpp"

#include "mapreel/core/geometry.hpp"
#include "mapreel/timeline/facts.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace mapreel;

namespace {

const timeline::Timeline& pockets() {
    static const auto tl =
        integration::storyTimeline("tests/integration/stories/moving-pockets.yaml");
    return *tl;
}

HistTime day(const char* iso) {
    return toHistTime(*parseDate(iso));
}

constexpr Point kBeachhead{126.60, 37.47}; // inside the beachhead from its first shape
constexpr Point kInland{127.00, 36.70};    // reached only as the beachhead spreads
constexpr Point kEnclave{128.30, 35.45};   // inside the enclave of the north

/// Whether the drawn left (north) area of the front contains `lonLat` on `date`.
bool drawnNorth(const timeline::Timeline& tl, Point lonLat, const char* date) {
    const auto state = tl.frontAt(tl.fronts().front(), day(date));
    return containsEvenOdd(state.left, *tl.projector().forward(lonLat));
}

} // namespace

TEST(MovingPockets, ABeachheadGrowsOutOfNothingAndMerges) {
    const auto& tl = pockets();
    EXPECT_EQ(tl.probe(kBeachhead, day("1950-09-10")), "north");
    EXPECT_EQ(tl.probe(kBeachhead, day("1950-09-14")), "north") << "polygon: none";
    EXPECT_EQ(tl.probe(kBeachhead, day("1950-09-16")), "south");
    EXPECT_EQ(tl.probe(kBeachhead, day("1950-10-10")), "south") << "kept after its last keyframe";
    EXPECT_EQ(tl.probe(kInland, day("1950-09-16")), "north");
    EXPECT_EQ(tl.probe(kInland, day("1950-09-26")), "south");
    // Merged: the strip between the line (36.3) and the beachhead's first shape is south.
    EXPECT_EQ(tl.probe({127.0, 36.1}, day("1950-09-26")), "south");
    EXPECT_EQ(tl.probe({127.0, 36.5}, day("1950-09-26")), "south");
    EXPECT_EQ(tl.probe({128.5, 36.5}, day("1950-09-26")), "north") << "outside the pocket";
}

TEST(MovingPockets, AnEnclaveShrinksToNothing) {
    const auto& tl = pockets();
    EXPECT_EQ(tl.probe(kEnclave, day("1950-07-20")), "south") << "before its first keyframe";
    EXPECT_EQ(tl.probe(kEnclave, day("1950-08-01")), "north");
    EXPECT_EQ(tl.probe(kEnclave, day("1950-08-12")), "south") << "after polygon: none";
    EXPECT_EQ(tl.probe({128.55, 35.25}, day("1950-08-05")), "south")
        << "the corner is given up first";
}

TEST(MovingPockets, TheDrawnAreaAgreesWithTheProbe) {
    const auto& tl = pockets();
    for (const char* date : {"1950-08-01", "1950-08-04", "1950-09-10", "1950-09-16", "1950-09-20",
                             "1950-09-26", "1950-10-05"})
        for (const Point p : {kBeachhead, kInland, kEnclave, Point{127.0, 36.1}})
            EXPECT_EQ(drawnNorth(tl, p, date), tl.probe(p, day(date)) == "north")
                << p.x << "," << p.y << " on " << date;
}

TEST(MovingPockets, HoldingsAreTheProbeOnEveryDay) {
    const auto& tl = pockets();
    const HistTime from = day("1950-07-01");
    const HistTime to = day("1950-10-10");
    for (double lon = 126.45; lon <= 128.6; lon += 0.15)
        for (double lat = 35.25; lat <= 37.75; lat += 0.2) {
            const Point p{lon, lat};
            const auto runs = tl.holdings(p, from, to);
            ASSERT_FALSE(runs.empty());
            std::size_t r = 0;
            for (HistTime d = from; d <= to; d += 1) {
                while (d > runs[r].to)
                    ++r;
                ASSERT_EQ(runs[r].side, tl.probe(p, d))
                    << lon << "," << lat << " on " << isoDate(fromHistTime(d));
            }
        }
    const auto inland = timeline::chronology(tl, kInland);
    ASSERT_EQ(inland.size(), 2U);
    EXPECT_EQ(inland[1].side, "south");
}
