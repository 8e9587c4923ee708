// SPDX-License-Identifier: MIT
#include "mapreel/render/visible_runs.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace mapreel;
using mapreel::render::PathRun;
using mapreel::render::visibleRuns;

namespace {

const Rect kFrame{0, 0, 100, 100};

std::vector<Point> pointsOf(const PathRun& run) {
    std::vector<Point> out;
    for (std::size_t k = 0; k < run.count; ++k)
        out.push_back(run.at(k));
    return out;
}

TEST(VisibleRuns, ARingWithinReachComesBackWholeAndClosed) {
    scene::Path p;
    p.rings.push_back({{10, 10}, {90, 10}, {90, 90}, {10, 90}});
    const auto runs = visibleRuns(p, kFrame, 2);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_TRUE(runs[0].closed);
    EXPECT_EQ(pointsOf(runs[0]), p.rings[0]);
}

TEST(VisibleRuns, PathsOutOfReachAreLeftOut) {
    scene::Path p;
    p.rings.push_back({{200, 200}, {300, 200}, {300, 300}});
    p.lines.push_back({{-50, -50}, {-50, 300}});
    EXPECT_TRUE(visibleRuns(p, kFrame, 10).empty());
    // ...but a stroke wide enough to reach the frame keeps the line.
    EXPECT_EQ(visibleRuns(p, kFrame, 60).size(), 1u);
}

TEST(VisibleRuns, ARingCrossingTheFrameBecomesTheRunInsideEndingOutOfReach) {
    // A square twice the frame: only its corner near the origin is in the frame. Its points
    // go round from that corner, so the run crosses the ring's first point.
    scene::Path p;
    p.rings.push_back({{50, 50}, {500, 50}, {500, 500}, {300, 500}, {50, 500}});
    const auto runs = visibleRuns(p, kFrame, 2);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_FALSE(runs[0].closed);
    EXPECT_EQ(pointsOf(runs[0]), (std::vector<Point>{{50, 500}, {50, 50}, {500, 50}}));
}

TEST(VisibleRuns, ALineLeavingAndComingBackIsTwoRuns) {
    scene::Path p;
    p.lines.push_back({{10, 10}, {50, 10}, {400, 10}, {400, 400}, {50, 400}, {50, 50}, {60, 60}});
    const auto runs = visibleRuns(p, kFrame, 2);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(pointsOf(runs[0]), (std::vector<Point>{{10, 10}, {50, 10}, {400, 10}}));
    EXPECT_EQ(pointsOf(runs[1]), (std::vector<Point>{{50, 400}, {50, 50}, {60, 60}}));
    for (const auto& r : runs)
        EXPECT_FALSE(r.closed);
}

TEST(VisibleRuns, EveryCutIsAPointOutOfReach) {
    // A zigzag ring in and out of the frame: every run starts and ends beyond the reach.
    scene::Path p;
    std::vector<Point> ring;
    for (int i = 0; i < 40; ++i)
        ring.push_back({i * 10.0 - 100, (i % 4 < 2) ? 50.0 : 300.0});
    ring.push_back({300, 400});
    ring.push_back({-100, 400});
    p.rings.push_back(ring);
    const double reach = 5;
    const Rect box = kFrame.inflated(reach);
    auto outside = [&](Point q) {
        return q.x < box.minX || q.x > box.maxX || q.y < box.minY || q.y > box.maxY;
    };
    const auto runs = visibleRuns(p, kFrame, reach);
    ASSERT_GT(runs.size(), 1u);
    std::size_t segments = 0;
    for (const auto& r : runs) {
        EXPECT_TRUE(outside(r.at(0)));
        EXPECT_TRUE(outside(r.at(r.count - 1)));
        segments += r.count - 1;
    }
    EXPECT_LT(segments, ring.size());
}

} // namespace
