// SPDX-License-Identifier: MIT
#include "mapreel/core/color.hpp"

#include <gtest/gtest.h>

using namespace mapreel;

TEST(Color, RejectsNonColours) {
    for (const char* bad : {"", "c4302b", "#c4302", "#ggg", "reddish", "#1234567"})
        EXPECT_FALSE(parseColor(bad).has_value()) << bad;
}

TEST(Color, ParsesHexAndNames) {
    auto c = parseColor("#c4302b");
    ASSERT_TRUE(c);
    EXPECT_NEAR(c->r, 0xc4 / 255.0, 1e-9);
    EXPECT_NEAR(c->a, 1.0, 1e-9);
    EXPECT_NEAR(parseColor("#00000080")->a, 128 / 255.0, 1e-9);
    EXPECT_EQ(parseColor("#fff"), (Color{1, 1, 1, 1}));
    EXPECT_EQ(parseColor("white"), (Color{1, 1, 1, 1}));
    EXPECT_EQ(toHex(*parseColor("#2f6db5")), "#2f6db5");
}

TEST(Color, DarkerAndLighterStayInRange) {
    const Color c{0.5, 0.2, 0.8, 1};
    EXPECT_NEAR(c.darker(1).r, 0, 1e-9);
    EXPECT_NEAR(c.lighter(1).g, 1, 1e-9);
    EXPECT_NEAR(c.withAlpha(0.5).a, 0.5, 1e-9);
}
