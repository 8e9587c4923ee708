// SPDX-License-Identifier: MIT
#include "mapreel/core/geometry.hpp"

#include <gtest/gtest.h>

using namespace mapreel;

TEST(Geometry, ContainsUsesEvenOdd) {
    const Ring outer{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    const Ring hole{{3, 3}, {7, 3}, {7, 7}, {3, 7}};
    const MultiPolygon mp{Polygon{{outer, hole}}};
    EXPECT_FALSE(contains(mp, {5, 5}));
    EXPECT_TRUE(contains(mp, {1, 1}));
    EXPECT_FALSE(contains(mp, {11, 1}));
    EXPECT_NEAR(area(mp), 100 - 16, 1e-9);
}

TEST(Geometry, DistancesAndLengths) {
    EXPECT_NEAR(segmentDistance({5, 5}, {0, 0}, {10, 0}), 5, 1e-9);
    EXPECT_NEAR(segmentDistance({-3, 4}, {0, 0}, {10, 0}), 5, 1e-9);
    EXPECT_NEAR(length(LineString{{0, 0}, {3, 4}, {3, 10}}), 11, 1e-9);
    EXPECT_NEAR(signedArea(Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}), 1, 1e-9);
}
