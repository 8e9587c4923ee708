// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"
#include "mapreel/timeline/easing.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;
using namespace mapreel::timeline;

TEST(ReadingTime, ShortNarrationHasAFloor) {
    EXPECT_DOUBLE_EQ(readingSeconds("", 150), 4.0);
    EXPECT_DOUBLE_EQ(readingSeconds("one two", 150), 4.0);
}

TEST(ReadingTime, GrowsWithWords) {
    std::string text;
    for (int i = 0; i < 150; ++i)
        text += "word ";
    EXPECT_NEAR(readingSeconds(text, 150), 62.0, 1e-9);
}

TEST(SmoothRoute, PassesThroughEveryControlPoint) {
    const LineString controls{{0, 0}, {10, 5}, {20, 0}, {30, 10}};
    const auto path = smoothRoute(controls, 16);
    EXPECT_EQ(path.front(), controls.front());
    EXPECT_EQ(path.back(), controls.back());
    for (const auto& c : controls) {
        double best = 1e9;
        for (const auto& p : path)
            best = std::min(best, std::hypot(p.x - c.x, p.y - c.y));
        EXPECT_LT(best, 1e-9);
    }
}

TEST(Easing, EndsAtRest) {
    EXPECT_DOUBLE_EQ(easeInOut(0), 0);
    EXPECT_DOUBLE_EQ(easeInOut(1), 1);
    EXPECT_NEAR(easeInOut(0.5), 0.5, 1e-12);
    EXPECT_DOUBLE_EQ(easeOut(2), 1);
    EXPECT_DOUBLE_EQ(progress(5, 0, 10), 0.5);
    EXPECT_DOUBLE_EQ(progress(-1, 0, 10), 0);
}
