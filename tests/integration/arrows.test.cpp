// SPDX-License-Identifier: MIT
// Arrows grow along their whole route and reach their heads exactly when their window ends.
#include "story_timeline.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;

namespace {

const timeline::Timeline& koreanWar() {
    static const auto tl = integration::storyTimeline("stories/cold-war/korean-war.yaml");
    return *tl;
}

} // namespace

TEST(KoreaArrows, ReachTheirHeadsExactlyAtTheEndOfTheirWindow) {
    const auto& arrows = koreanWar().arrows();
    ASSERT_GE(arrows.size(), 20U);
    for (const auto& a : arrows) {
        SCOPED_TRACE(a.id);
        ASSERT_GE(a.path.size(), 2U);
        const LineString atEnd = timeline::grownArrow(a, a.end);
        ASSERT_FALSE(atEnd.empty());
        EXPECT_EQ(atEnd.back(), a.path.back()); // exact, not approximately
        EXPECT_EQ(atEnd.front(), a.path.front());
        // A frame before the end the head is not there yet.
        const LineString before = timeline::grownArrow(a, a.end - 1.0 / 30);
        EXPECT_LT(length(before), length(a.path));
        EXPECT_TRUE(timeline::grownArrow(a, a.start).empty());
    }
}

TEST(KoreaArrows, GrowMonotonicallyWithoutJumps) {
    for (const auto& a : koreanWar().arrows()) {
        SCOPED_TRACE(a.id);
        const double full = length(a.path);
        double last = 0;
        const int frames = std::max(2, static_cast<int>((a.end - a.start) * 30));
        for (int i = 0; i <= frames; ++i) {
            const double t = a.start + (a.end - a.start) * i / frames;
            const double l = length(timeline::grownArrow(a, t));
            EXPECT_GE(l, last - 1e-9);
            // The cubic ease-out is steepest at its start, at three times the linear rate:
            // a larger step between frames would be a jump.
            EXPECT_LE(l - last, full / frames * 3 + 1e-6);
            last = l;
        }
        EXPECT_DOUBLE_EQ(last, full);
    }
}
