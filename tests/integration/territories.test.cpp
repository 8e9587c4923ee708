// SPDX-License-Identifier: MIT
// Territory changes cross-fade over video seconds from the moment the historical clock
// reaches them, and are complete in the still of the step they belong to.
#include "story_timeline.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;

namespace {

const timeline::Timeline& europeDivided() {
    static const auto tl = integration::storyTimeline("stories/cold-war/europe-divided.yaml");
    return *tl;
}

} // namespace

TEST(DateMoment, IsTheFirstTimeTheClockShowsTheDate) {
    const auto& tl = europeDivided();
    for (const auto& st : tl.clock().steps()) {
        for (const double share : {0.0, 0.25, 0.5, 0.75, 1.0}) {
            const HistTime d = st.from + (st.to - st.from) * share;
            const auto m = tl.clock().momentOf(d);
            SCOPED_TRACE(st.source->id + " at " + std::to_string(share));
            if (m.t < 0) {
                EXPECT_LE(d, tl.clock().steps().front().from);
                continue;
            }
            EXPECT_GE(tl.clock().dateAt(m.t + 1e-6), d - 1e-3);
            if (m.t > 1e-3) {
                EXPECT_LT(tl.clock().dateAt(m.t - 1e-3), d);
            }
        }
    }
    EXPECT_TRUE(std::isinf(tl.clock().momentOf(tl.clock().steps().back().to + 400).t));
}

TEST(TerritoryFades, LastAboutASecondAndEndByTheStepsStill) {
    const auto& tl = europeDivided();
    int timed = 0;
    for (const auto& territory : tl.territories()) {
        for (const auto& k : territory.keyframes) {
            SCOPED_TRACE(territory.id);
            const auto m = tl.clock().momentOf(k.date);
            if (m.t < 0 || std::isinf(m.t)) {
                EXPECT_EQ(k.fadeStart, k.fadeEnd);
                continue;
            }
            ++timed;
            EXPECT_GE(k.fadeEnd - k.fadeStart, 0.6 - 1e-9);
            EXPECT_LE(k.fadeEnd - k.fadeStart, 1.0 + 0.6 + 1e-9);
            EXPECT_LE(k.fadeStart, m.t + 1e-9); // never later than the clock reaches it
            // Complete in the still of its step, unless the clock reaches it at that very
            // moment (then the fade runs up to it).
            EXPECT_LE(k.fadeEnd, std::max(m.t, tl.clock().settledTime(m.step)) + 1e-9);
        }
    }
    EXPECT_GT(timed, 5);
}
