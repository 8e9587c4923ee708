// SPDX-License-Identifier: MIT
#include "mapreel/preview/player.hpp"
#include "mapreel/preview/display.hpp"

#include <gtest/gtest.h>

using namespace mapreel::preview;
using mapreel::timeline::Clock;
using mapreel::timeline::ClockStep;

namespace {

/// Steps of the given durations laid end to end, at 30 frames per second.
Clock clockOf(const std::vector<double>& durations) {
    std::vector<ClockStep> steps;
    for (const double d : durations)
        steps.push_back({nullptr, 0, d, 0, 0});
    return Clock(std::move(steps), 30);
}

/// Three steps: [0, 4), [4, 10.01), [10.01, 15) at 30 fps; the second starts between frames.
Clock threeSteps() {
    return clockOf({4, 6.01, 4.99});
}

} // namespace

TEST(PreviewPlayer, EmptyStoryStaysOnFrameZero) {
    Player p(Clock{});
    p.handle(Command::NextStep, 0);
    p.handle(Command::TogglePlay, 0);
    p.tick(5);
    EXPECT_EQ(p.frame(), 0);
    EXPECT_EQ(p.step(), -1);
    EXPECT_FALSE(p.playing());
}

TEST(PreviewPlayer, FrameStepClampsAtBothEnds) {
    Player p(threeSteps());
    p.handle(Command::PreviousFrame, 0);
    EXPECT_EQ(p.frame(), 0);
    p.handle(Command::End, 0);
    EXPECT_EQ(p.frame(), 449);
    p.handle(Command::NextFrame, 0);
    EXPECT_EQ(p.frame(), 449);
    p.handle(Command::PreviousFrame, 0);
    EXPECT_EQ(p.frame(), 448);
}

TEST(PreviewPlayer, NextStepLandsOnTheFirstFrameInsideTheStep) {
    Player p(threeSteps());
    p.handle(Command::NextStep, 0);
    EXPECT_EQ(p.step(), 1);
    EXPECT_EQ(p.frame(), 120);
    p.handle(Command::NextStep, 0);
    EXPECT_EQ(p.step(), 2);
    // 10.01 s is frame 300.3: frame 300 still shows step 2, so the step starts at 301.
    EXPECT_EQ(p.frame(), 301);
    p.handle(Command::NextStep, 0);
    EXPECT_EQ(p.frame(), 449) << "past the last step: the last frame";
}

TEST(PreviewPlayer, PreviousStepRestartsTheStepThenGoesBack) {
    Player p(threeSteps());
    p.seek(7.0, 0);
    EXPECT_EQ(p.step(), 1);
    p.handle(Command::PreviousStep, 0);
    EXPECT_EQ(p.frame(), 120) << "well into a step: back to its start";
    p.handle(Command::PreviousStep, 0);
    EXPECT_EQ(p.frame(), 0) << "at a step's start: the step before";
    p.handle(Command::PreviousStep, 0);
    EXPECT_EQ(p.frame(), 0);
}

TEST(PreviewPlayer, PlaysAtWallClockSpeedDroppingLateFrames) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 100.0);
    ASSERT_TRUE(p.playing());
    p.tick(100.5);
    EXPECT_EQ(p.frame(), 15);
    // A slow frame: the next shown is where the clock is, not the one after.
    p.tick(101.9);
    EXPECT_EQ(p.frame(), 57);
    ASSERT_TRUE(p.untilNextFrame(101.9).has_value());
    EXPECT_NEAR(*p.untilNextFrame(101.9), 1.0 / 30 - (1.9 * 30 - 57) / 30, 1e-9);
}

TEST(PreviewPlayer, PausesOnTheLastFrameAndSpaceStartsOver) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 0);
    p.tick(60);
    EXPECT_FALSE(p.playing());
    EXPECT_EQ(p.frame(), 449);
    EXPECT_FALSE(p.untilNextFrame(60).has_value());
    p.handle(Command::TogglePlay, 61);
    EXPECT_TRUE(p.playing());
    EXPECT_EQ(p.frame(), 0);
}

TEST(PreviewPlayer, PauseSnapsToTheShownFrame) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 0);
    p.handle(Command::TogglePlay, 1.0 + 0.5 / 30);
    EXPECT_FALSE(p.playing());
    EXPECT_EQ(p.frame(), 30);
    EXPECT_DOUBLE_EQ(p.time(), 1.0);
}

TEST(PreviewPlayer, FrameStepPausesPlayback) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 0);
    p.handle(Command::NextFrame, 1.0);
    EXPECT_FALSE(p.playing());
    EXPECT_EQ(p.frame(), 31);
}

TEST(PreviewPlayer, StepNavigationKeepsPlaying) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 0);
    p.handle(Command::NextStep, 1);
    EXPECT_TRUE(p.playing());
    p.tick(2);
    EXPECT_EQ(p.frame(), 150);
}

TEST(PreviewPlayer, ReloadKeepsStepAndFraction) {
    Player p(threeSteps());
    p.seek(7.0, 0); // half-way through step 2 (4 + 3 of 6.01 s)
    const auto before = p.position();
    EXPECT_EQ(before.step, 1);
    p.reload(clockOf({8, 12, 5}), 1);
    EXPECT_EQ(p.step(), 1);
    EXPECT_NEAR(p.position().fraction, before.fraction, 1.0 / 30 / 12);
    EXPECT_NEAR(p.time(), 8 + 12 * before.fraction, 1.0 / 30);
}

TEST(PreviewPlayer, ReloadAtAStepStartStaysInThatStep) {
    Player p(threeSteps());
    p.handle(Command::NextStep, 0);
    p.handle(Command::NextStep, 0);
    p.reload(clockOf({4, 6.02, 4.98}), 0);
    EXPECT_EQ(p.step(), 2);
    EXPECT_EQ(p.frame(), 301);
}

TEST(PreviewPlayer, ReloadWithFewerStepsGoesToTheLast) {
    Player p(threeSteps());
    p.handle(Command::End, 0);
    p.reload(clockOf({3}), 0);
    EXPECT_EQ(p.step(), 0);
    EXPECT_LE(p.frame(), 89);
}

TEST(PreviewPlayer, ReloadWhilePlayingKeepsPlaying) {
    Player p(threeSteps());
    p.handle(Command::TogglePlay, 0);
    p.tick(5);
    p.reload(threeSteps(), 5);
    EXPECT_TRUE(p.playing());
    p.tick(6);
    EXPECT_EQ(p.frame(), 180);
}

TEST(PreviewPlayer, KeysMapToCommands) {
    EXPECT_FALSE(commandFor(Key::G).has_value());
    EXPECT_FALSE(commandFor(Key::Other).has_value());
    EXPECT_EQ(commandFor(Key::Space), Command::TogglePlay);
    EXPECT_EQ(commandFor(Key::Left), Command::PreviousStep);
    EXPECT_EQ(commandFor(Key::Right), Command::NextStep);
    EXPECT_EQ(commandFor(Key::Comma), Command::PreviousFrame);
    EXPECT_EQ(commandFor(Key::Period), Command::NextFrame);
    EXPECT_EQ(commandFor(Key::Home), Command::Home);
    EXPECT_EQ(commandFor(Key::End), Command::End);
}

TEST(PreviewPlayer, StepStartThatIsASumOfDurationsIsFoundExactly) {
    // 0.1 + 0.2 + 4.5 is a hair above 4.8, which is frame 144 at 30 fps.
    const Clock c = clockOf({0.1 + 0.2 + 4.5, 5.2});
    Player p(c);
    p.handle(Command::NextStep, 0);
    EXPECT_EQ(p.step(), 1);
    EXPECT_EQ(c.stepAt(p.frameTime()), 1);
    EXPECT_EQ(c.stepAt(p.frameTime() - 1.0 / 30), 0) << "no earlier frame shows step 2";
}
