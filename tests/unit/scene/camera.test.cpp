// SPDX-License-Identifier: MIT
#include "mapreel/scene/evaluate.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;
using namespace mapreel::scene;

TEST(ZoomPan, StartsAndEndsExactly) {
    const ZoomPan zp{{0, 0}, {100, 50}, 40, 10};
    Point c;
    double w = 0;
    zp.at(0, c, w);
    EXPECT_NEAR(c.x, 0, 1e-9);
    EXPECT_NEAR(w, 40, 1e-9);
    zp.at(1, c, w);
    EXPECT_NEAR(c.x, 100, 1e-9);
    EXPECT_NEAR(w, 10, 1e-9);
}

TEST(ZoomPan, MovesMonotonicallyAndZoomsOutOnLongPans) {
    const ZoomPan zp{{0, 0}, {1000, 0}, 50, 50};
    double lastX = -1;
    double widest = 0;
    for (int i = 0; i <= 20; ++i) {
        Point c;
        double w = 0;
        zp.at(i / 20.0, c, w);
        EXPECT_GE(c.x, lastX - 1e-9);
        lastX = c.x;
        widest = std::max(widest, w);
    }
    EXPECT_GT(widest, 50) << "a long pan zooms out to keep context";
}

TEST(ZoomPan, PureZoomIsGeometric) {
    const ZoomPan zp{{5, 5}, {5, 5}, 100, 25};
    Point c;
    double w = 0;
    zp.at(0.5, c, w);
    EXPECT_NEAR(w, 50, 1e-9);
    EXPECT_NEAR(c.x, 5, 1e-9);
}

TEST(Layout, ScalesWithTheCanvas) {
    const auto hd = makeLayout(1920, 1080);
    const auto uhd = makeLayout(3840, 2160);
    EXPECT_NEAR(uhd.narration.width(), 2 * hd.narration.width(), 1e-9);
    EXPECT_LT(hd.mapArea.maxX, hd.narration.minX);
}
