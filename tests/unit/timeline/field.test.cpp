// SPDX-License-Identifier: MIT
#include "mapreel/timeline/field.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;
using namespace mapreel::timeline;

namespace {

double ringsArea(const std::vector<Ring>& rings) {
    // Even-odd area: nested rings alternate sign, so sum absolute areas by nesting depth.
    double total = 0;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        int depth = 0;
        for (std::size_t j = 0; j < rings.size(); ++j)
            if (i != j && contains(rings[j], rings[i][0]))
                ++depth;
        total += (depth % 2 == 0 ? 1 : -1) * std::abs(signedArea(rings[i]));
    }
    return total;
}

} // namespace

TEST(LeftOfLine, DegenerateLineGivesNothing) {
    EXPECT_TRUE(leftOfLine({{0, 0}}, Rect{-10, -10, 10, 10}).empty());
}

TEST(LeftOfLine, WestToEastLineKeepsTheNorth) {
    const Rect box{-10, -10, 10, 10};
    const Ring left = leftOfLine({{-5, 0}, {5, 0}}, box);
    EXPECT_TRUE(contains(left, {0, 5}));
    EXPECT_FALSE(contains(left, {0, -5}));
    EXPECT_NEAR(std::abs(signedArea(left)), 200, 1e-6);
}

TEST(LeftOfLine, LShapedLineKeepsTheWestAndNorth) {
    // Up from the south edge, then east: like the Pusan Perimeter.
    const Rect box{-10, -10, 10, 10};
    const Ring left = leftOfLine({{0, -9}, {0, 2}, {9, 2}}, box);
    EXPECT_TRUE(contains(left, {-5, -5}));
    EXPECT_TRUE(contains(left, {5, 5}));
    EXPECT_FALSE(contains(left, {5, -5}));
}

TEST(SignedField, NegativeInsidePositiveOutside) {
    const Ring square{{-5, -5}, {5, -5}, {5, 5}, {-5, 5}};
    const SignedField f({square}, Rect{-10, -10, 10, 10}, 0.5);
    EXPECT_LT(f.sample({0, 0}), 0);
    EXPECT_NEAR(f.sample({0, 0}), -5, 0.3);
    EXPECT_GT(f.sample({8, 8}), 0);
    EXPECT_GT(f.sample({100, 100}), 0);
}

TEST(SignedField, ContourReproducesTheShape) {
    const Ring square{{-5, -5}, {5, -5}, {5, 5}, {-5, 5}};
    const SignedField f({square}, Rect{-10, -10, 10, 10}, 0.25);
    const auto rings = f.contour();
    ASSERT_EQ(rings.size(), 1U);
    EXPECT_NEAR(ringsArea(rings), 100, 2.0);
}

TEST(SignedField, BlendMovesTheContourHalfway) {
    const Rect box{-10, -10, 10, 10};
    const Ring a = leftOfLine({{-20, 4}, {20, 4}}, box.inflated(20));
    const Ring b = leftOfLine({{-20, -4}, {20, -4}}, box.inflated(20));
    const SignedField fa({a}, box, 0.25);
    const SignedField fb({b}, box, 0.25);
    const auto mid = SignedField::blend(fa, fb, 0.5);
    EXPECT_GT(mid.sample({0, -1}), 0);
    EXPECT_LT(mid.sample({0, 1}), 0);
    EXPECT_NEAR(mid.sample({0, 0}), 0, 0.3);
}

TEST(SignedField, EnclaveAppearsAndVanishesSmoothly) {
    const Rect box{-10, -10, 10, 10};
    const Ring north = leftOfLine({{-20, 0}, {20, 0}}, box.inflated(20));
    const Ring pocket{{3, 4}, {6, 4}, {6, 7}, {3, 7}};
    const SignedField without({north}, box, 0.25);
    const SignedField with({north, pocket}, box, 0.25);
    double previous = ringsArea(without.contour());
    // A pocket nucleates at its centre and grows; over 1 % of the move it never gains more
    // than a sixth of its final area.
    for (int k = 1; k <= 100; ++k) {
        const double s = k / 100.0;
        const double a = ringsArea(SignedField::blend(without, with, s).contour());
        EXPECT_LE(a, previous + 1e-6) << "area must shrink monotonically as the pocket opens";
        EXPECT_LT(previous - a, 1.5) << "no jumps";
        previous = a;
    }
    EXPECT_NEAR(previous, ringsArea(with.contour()), 1e-6);
}
