// SPDX-License-Identifier: MIT
#include "mapreel/geo/shared_borders.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace mapreel {
namespace {

/// An axis-aligned rectangle, counter-clockwise or clockwise, without its closing point.
Ring rect(double x0, double y0, double x1, double y1, bool clockwise = false) {
    Ring r{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    if (clockwise)
        std::reverse(r.begin(), r.end());
    return r;
}

MultiPolygon one(Ring outer, std::vector<Ring> holes = {}) {
    Polygon p{{std::move(outer)}};
    for (auto& h : holes)
        p.rings.push_back(std::move(h));
    return {p};
}

TEST(SharedBorders, NeighboursBecomeOneAreaWithoutTheirCommonBorder) {
    // Two squares sharing the edge x = 1 (the right one given clockwise: orientation is
    // the data's, not the union's concern).
    const auto united =
        geo::uniteSharedBorders({one(rect(0, 0, 1, 1)), one(rect(1, 0, 2, 1, true))});
    ASSERT_TRUE(united);
    ASSERT_EQ(united->size(), 1U);
    ASSERT_EQ(united->front().rings.size(), 1U);
    EXPECT_DOUBLE_EQ(area(*united), 2.0);
    // The shared edge is gone: no vertex of the ring lies strictly inside the union.
    for (const auto& p : united->front().rings.front())
        EXPECT_TRUE(p.y == 0 || p.y == 1 || p.x == 0 || p.x == 2) << p.x << "," << p.y;
}

TEST(SharedBorders, AreasTouchingAtACornerStayTwo) {
    const auto united = geo::uniteSharedBorders({one(rect(0, 0, 1, 1)), one(rect(1, 1, 2, 2))});
    ASSERT_TRUE(united);
    ASSERT_EQ(united->size(), 2U);
    for (const auto& poly : *united) {
        EXPECT_EQ(poly.rings.size(), 1U);
        EXPECT_DOUBLE_EQ(std::abs(signedArea(poly.rings.front())), 1.0);
    }
}

TEST(SharedBorders, AnEnclaveLeftOutIsAHoleAndFilledWhenAdded) {
    // A country with an enclave (as South Africa around Lesotho), then both.
    const auto outer = one(rect(0, 0, 4, 4), {rect(1, 1, 2, 2, true)});
    const auto enclave = one(rect(1, 1, 2, 2));
    const auto alone = geo::uniteSharedBorders({outer});
    ASSERT_TRUE(alone);
    ASSERT_EQ(alone->size(), 1U);
    EXPECT_EQ(alone->front().rings.size(), 2U);
    EXPECT_DOUBLE_EQ(area(*alone), 15.0);
    EXPECT_FALSE(contains(*alone, {1.5, 1.5}));
    const auto both = geo::uniteSharedBorders({outer, enclave});
    ASSERT_TRUE(both);
    ASSERT_EQ(both->size(), 1U);
    EXPECT_EQ(both->front().rings.size(), 1U);
    EXPECT_DOUBLE_EQ(area(*both), 16.0);
    EXPECT_TRUE(contains(*both, {1.5, 1.5}));
}

TEST(SharedBorders, APartGivenTwiceCountsOnce) {
    const auto a = one(rect(0, 0, 1, 1));
    const auto b = one(rect(1, 0, 2, 1));
    const auto united = geo::uniteSharedBorders({a, b, a});
    ASSERT_TRUE(united);
    ASSERT_EQ(united->size(), 1U);
    EXPECT_DOUBLE_EQ(area(*united), 2.0);
}

TEST(SharedBorders, ThreeAroundAPointCloseTheHoleTheyLeave) {
    // A ring of four squares around a fifth, without the fifth: one area with a hole; the
    // hole's corners are shared by two squares each.
    std::vector<MultiPolygon> ring{one(rect(0, 0, 3, 1)), one(rect(0, 2, 3, 3)),
                                   one(rect(0, 1, 1, 2)), one(rect(2, 1, 3, 2))};
    // The long squares must carry the vertices where the short ones meet them.
    ring[0] = one(Ring{{0, 0}, {3, 0}, {3, 1}, {2, 1}, {1, 1}, {0, 1}});
    ring[1] = one(Ring{{0, 2}, {1, 2}, {2, 2}, {3, 2}, {3, 3}, {0, 3}});
    const auto united = geo::uniteSharedBorders(ring);
    ASSERT_TRUE(united);
    ASSERT_EQ(united->size(), 1U);
    EXPECT_EQ(united->front().rings.size(), 2U);
    EXPECT_DOUBLE_EQ(area(*united), 8.0);
    EXPECT_FALSE(contains(*united, {1.5, 1.5}));
    EXPECT_TRUE(contains(*united, {0.5, 1.5}));
}

TEST(SharedBorders, OnlyBordersSharedVertexForVertexAreDropped) {
    // The right square meets the left along x = 1 without sharing its vertices (a vertex of
    // one on an edge of the other): nothing is taken for a shared border, both outlines stay
    // whole. This is why the caller uses the union only for data stored as a topology.
    const auto united =
        geo::uniteSharedBorders({one(rect(0, 0, 1, 1)), one(rect(1, -0.5, 2, 0.5))});
    ASSERT_TRUE(united);
    EXPECT_EQ(united->size(), 2U);
    EXPECT_DOUBLE_EQ(area(*united), 2.0);
}

TEST(SharedBorders, AnUnbalancedOutlineIsRefused) {
    // The second part overlaps the first and repeats one of its edges the same way: that
    // edge is skipped as given twice, the outlines left cannot close, and the union says so.
    const auto united =
        geo::uniteSharedBorders({one(rect(0, 0, 1, 1)), one(Ring{{0, 0}, {1, 0}, {0.5, 0.5}})});
    EXPECT_FALSE(united);
}

} // namespace
} // namespace mapreel
