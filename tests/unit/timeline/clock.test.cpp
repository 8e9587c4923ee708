// SPDX-License-Identifier: MIT
#include "mapreel/timeline/clock.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;
using namespace mapreel::timeline;

namespace {

story::Step step(const char* from, const char* to, double seconds) {
    story::Step s;
    s.dateFrom = *parseDate(from);
    s.dateTo = *parseDate(to);
    s.duration = seconds;
    return s;
}

/// Three steps: a span of 100 days over 10 s, one day over 5 s, then a flashback.
story::Story threeSteps() {
    story::Story s;
    s.canvas.fps = 30;
    s.steps = {step("1950-01-01", "1950-04-11", 10), step("1950-06-25", "1950-06-25", 5),
               step("1949-01-01", "1949-12-31", 8)};
    return s;
}

HistTime day(const char* text) {
    return toHistTime(*parseDate(text));
}

} // namespace

TEST(Clock, StepsLieEndToEnd) {
    const auto story = threeSteps();
    const Clock clock(story, "en");
    ASSERT_EQ(clock.steps().size(), 3U);
    EXPECT_DOUBLE_EQ(clock.steps()[1].start, 10);
    EXPECT_DOUBLE_EQ(clock.steps()[2].start, 15);
    EXPECT_DOUBLE_EQ(clock.duration(), 23);
    EXPECT_EQ(clock.frameCount(), 690);
    EXPECT_EQ(clock.stepAt(9.99), 0);
    EXPECT_EQ(clock.stepAt(10), 1);
    EXPECT_EQ(clock.stepAt(99), 2);
    EXPECT_EQ(clock.steps()[0].source, &story.steps[0]);
}

TEST(Clock, TheDateRestsAtBothEndsOfItsWindow) {
    const auto story = threeSteps();
    const Clock clock(story, "en");
    const HistTime from = day("1950-01-01");
    const HistTime to = day("1950-04-11");
    EXPECT_DOUBLE_EQ(clock.dateAt(0), from);
    EXPECT_DOUBLE_EQ(clock.dateAt(10 * kDateWindow.start), from);
    EXPECT_GT(clock.dateAt(10 * kDateWindow.start + 0.1), from);
    EXPECT_DOUBLE_EQ(clock.dateAt(10 * kDateWindow.end), to);
    EXPECT_DOUBLE_EQ(clock.dateAt(9.99), to);
    EXPECT_DOUBLE_EQ(clock.settledTime(0), 10 * kDateWindow.end);
    // Half-way through the window, half-way through the dates (the easing is symmetric).
    EXPECT_NEAR(clock.dateAt(10 * (kDateWindow.start + kDateWindow.end) / 2), from + 50, 1e-9);
}

TEST(Clock, MomentOfInvertsDateAt) {
    const auto story = threeSteps();
    const Clock clock(story, "en");
    for (double d = 1; d <= 100; d += 3.5) {
        const auto m = clock.momentOf(day("1950-01-01") + d);
        EXPECT_EQ(m.step, 0);
        EXPECT_NEAR(clock.dateAt(m.t), day("1950-01-01") + d, 1e-6) << d;
    }
    EXPECT_LT(clock.momentOf(day("1949-06-01")).t, 0) << "before the story opens";
    EXPECT_DOUBLE_EQ(clock.momentOf(day("1950-06-25")).t, 10) << "a step's first date";
    EXPECT_TRUE(std::isinf(clock.momentOf(day("1951-01-01")).t)) << "never reached";
}

TEST(Clock, TimeOfFindsTheFrameShowingADate) {
    const auto story = threeSteps();
    const Clock clock(story, "en");
    // In a span: when the date on screen reaches it.
    const double t = clock.timeOf(day("1950-02-20"));
    EXPECT_NEAR(clock.dateAt(t), day("1950-02-20"), 1e-6);
    EXPECT_DOUBLE_EQ(clock.timeOf(day("1950-01-01")), 0) << "the span's first day: its start";
    EXPECT_DOUBLE_EQ(clock.timeOf(day("1950-06-25")), clock.settledTime(1)) << "one-day step";
    // The flashback covers 1949: the first step whose dates cover the date wins.
    EXPECT_EQ(clock.stepAt(clock.timeOf(day("1949-07-01"))), 2);
    // Between steps: the last listed step that starts before it (here the flashback), settled.
    EXPECT_DOUBLE_EQ(clock.timeOf(day("1950-05-01")), clock.settledTime(2));
    EXPECT_DOUBLE_EQ(clock.timeOf(day("1948-05-01")), clock.settledTime(0)) << "before all";
}

TEST(Clock, DateKnotsFollowTheCurveWithinTolerance) {
    const auto story = threeSteps();
    const Clock clock(story, "en");
    const auto knots = clock.dateKnots(0, 0.05);
    ASSERT_GE(knots.size(), 4U);
    EXPECT_LT(knots.size(), 80U) << "a straight piece where the curve is nearly straight";
    EXPECT_DOUBLE_EQ(knots.front().fraction, 0);
    EXPECT_DOUBLE_EQ(knots.back().fraction, 1);
    for (int k = 0; k < 1000; ++k) { // the step's end is the next step's start
        const double f = k / 1000.0;
        std::size_t i = 1;
        while (i + 1 < knots.size() && knots[i].fraction < f)
            ++i;
        const auto& a = knots[i - 1];
        const auto& b = knots[i];
        const double linear =
            a.date + (b.date - a.date) * (f - a.fraction) / (b.fraction - a.fraction);
        EXPECT_NEAR(linear, clock.dateAt(10 * f), 0.06) << f;
    }
    const auto single = clock.dateKnots(1);
    ASSERT_EQ(single.size(), 2U);
    EXPECT_DOUBLE_EQ(single[0].date, day("1950-06-25"));
}

TEST(Clock, FirstFrameOfAStepShowsThatStep) {
    std::vector<ClockStep> steps(2);
    steps[0].duration = 0.1 + 0.2 + 4.5; // a hair above 4.8 s, frame 144 at 30 fps
    steps[1].duration = 5.2;
    const Clock clock(std::move(steps), 30);
    EXPECT_DOUBLE_EQ(clock.steps()[1].start, 0.1 + 0.2 + 4.5);
    const double first = clock.firstFrameOf(1);
    EXPECT_EQ(clock.stepAt(first), 1);
    EXPECT_EQ(clock.stepAt(first - 1.0 / 30), 0);
    EXPECT_DOUBLE_EQ(clock.lastFrameTime(), 299.0 / 30);
}

TEST(Clock, ReadingTimeSetsDurationsInTheAskedLanguage) {
    story::Story s;
    story::Step st = step("1950-01-01", "1950-01-01", 0);
    st.duration.reset();
    st.narration.set("en", "one two three");
    std::string many;
    for (int i = 0; i < 300; ++i)
        many += "mot ";
    st.narration.set("fr", many);
    s.steps.push_back(st);
    s.languages = {"en", "fr"};
    EXPECT_DOUBLE_EQ(Clock(s, "").duration(), 4.0) << "the first language, at the floor";
    EXPECT_NEAR(Clock(s, "fr").duration(), 300.0 / 150 * 60 + 2, 1e-9);
    EXPECT_EQ(Clock(s, "").lang(), "en");
}

TEST(Clock, ReadingTimeWeighsScriptsWrittenWithoutSpaces) {
    // 150 words a minute: 0.4 s a word, plus the 2 s pause.
    EXPECT_NEAR(
        readingSeconds("one two three four five six seven eight nine ten eleven twelve", 150),
        12 * 0.4 + 2, 1e-9);
    // Twelve Chinese characters, no space: twelve words, not one.
    EXPECT_NEAR(readingSeconds("\u4e2d\u56fd\u519b\u961f\u4e8e\u5341\u6708\u6e21\u8fc7\u9e2d\u7eff"
                               "\u6c5f",
                               150),
                12 * 0.4 + 2, 1e-9);
    // Korean: half a word a syllable; 26 syllables in 8 words weigh 13 words (the digit of
    // "제8군" adds nothing).
    const std::string korean = "\uc911\uad6d\uad70\uc740 \uc555\ub85d\uac15\uc744 "
                               "\uac74\ub108 \uc628\uc815\uacfc \uc6b4\uc0b0\uc744 "
                               "\uae30\uc2b5\ud574 \uc81c8\uad70\uc744 \ubc00\uc5b4\ub0c8\ub2e4";
    EXPECT_NEAR(readingSeconds(korean, 150), 13 * 0.4 + 2, 1e-9);
}
