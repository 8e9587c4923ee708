// SPDX-License-Identifier: MIT
#include "mapreel/preview/player.hpp"
#include "mapreel/preview/display.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::preview {

namespace {

// Frame arithmetic in doubles: i / fps * fps can land a hair below i.
constexpr double kFrameEpsilon = 1e-6;

} // namespace

Player::Player(timeline::Clock clock) : clock_(std::move(clock)) {}

double Player::snap(double t) const noexcept {
    const int fps = std::max(1, clock_.fps());
    const double f = std::floor(std::clamp(t, 0.0, clock_.lastFrameTime()) * fps + kFrameEpsilon);
    return f / fps;
}

int Player::frame() const noexcept {
    const int fps = std::max(1, clock_.fps());
    const int f = static_cast<int>(std::floor(t_ * fps + kFrameEpsilon));
    return std::clamp(f, 0, std::max(1, clock_.frameCount()) - 1);
}

double Player::frameTime() const noexcept {
    return static_cast<double>(frame()) / std::max(1, clock_.fps());
}

// Story time, then wall-clock time, as in every Player call.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
void Player::place(double t, double now) {
    t_ = std::clamp(t, 0.0, clock_.lastFrameTime());
    anchorT_ = t_;
    anchorWall_ = now;
}

void Player::handle(Command c, double now) {
    tick(now);
    const int fps = std::max(1, clock_.fps());
    const int steps = static_cast<int>(clock_.steps().size());
    const int current = step();
    switch (c) {
    case Command::TogglePlay:
        if (playing_) {
            playing_ = false;
            place(snap(t_), now);
        } else {
            // Playing from the last frame starts over, as a video player does.
            if (frame() >= clock_.frameCount() - 1)
                place(0, now);
            else
                place(t_, now);
            playing_ = clock_.frameCount() > 1;
        }
        break;
    case Command::NextStep:
        if (current + 1 < steps)
            place(clock_.firstFrameOf(current + 1), now);
        else
            place(clock_.lastFrameTime(), now);
        break;
    case Command::PreviousStep:
        if (current < 0)
            place(0, now);
        else if (frameTime() - clock_.firstFrameOf(current) > kRestartGrace || current == 0)
            place(clock_.firstFrameOf(current), now);
        else
            place(clock_.firstFrameOf(current - 1), now);
        break;
    case Command::PreviousFrame:
    case Command::NextFrame: {
        // Frame stepping is for looking closely: it pauses.
        playing_ = false;
        const int target = frame() + (c == Command::NextFrame ? 1 : -1);
        place(static_cast<double>(std::clamp(target, 0, clock_.frameCount() - 1)) / fps, now);
        break;
    }
    case Command::Home:
        place(0, now);
        break;
    case Command::End:
        playing_ = false;
        place(clock_.lastFrameTime(), now);
        break;
    }
}

void Player::seek(double t, double now) {
    place(snap(t), now);
}

void Player::tick(double now) {
    if (!playing_)
        return;
    const double t = anchorT_ + (now - anchorWall_);
    if (t >= clock_.lastFrameTime()) {
        playing_ = false;
        place(clock_.lastFrameTime(), now);
        return;
    }
    t_ = std::max(0.0, t);
}

StepPosition Player::position() const noexcept {
    const int i = step();
    if (i < 0)
        return {0, 0};
    const auto k = static_cast<std::size_t>(i);
    const double duration = clock_.steps()[k].duration;
    const double into = frameTime() - clock_.steps()[k].start;
    return {i, duration > 0 ? std::clamp(into / duration, 0.0, 1.0) : 0.0};
}

void Player::reload(timeline::Clock clock, double now) {
    const StepPosition pos = position();
    clock_ = std::move(clock);
    const int steps = static_cast<int>(clock_.steps().size());
    if (steps == 0) {
        place(0, now);
        return;
    }
    const int i = std::min(pos.step, steps - 1);
    const auto k = static_cast<std::size_t>(i);
    double t = clock_.steps()[k].start + pos.fraction * clock_.steps()[k].duration;
    // Snapping down may fall into the step before; the step is what the author is looking at.
    t = std::max(playing_ ? t : snap(t), clock_.firstFrameOf(i));
    place(t, now);
    if (playing_ && t_ >= clock_.lastFrameTime())
        playing_ = false;
}

std::optional<double> Player::untilNextFrame(double now) const noexcept {
    if (!playing_)
        return std::nullopt;
    const int fps = std::max(1, clock_.fps());
    const double t = anchorT_ + (now - anchorWall_);
    const double next = (std::floor(t * fps + kFrameEpsilon) + 1) / fps;
    return std::max(0.0, next - t);
}

std::optional<Command> commandFor(Key key) noexcept {
    switch (key) {
    case Key::Space:
        return Command::TogglePlay;
    case Key::Left:
        return Command::PreviousStep;
    case Key::Right:
        return Command::NextStep;
    case Key::Comma:
        return Command::PreviousFrame;
    case Key::Period:
        return Command::NextFrame;
    case Key::Home:
        return Command::Home;
    case Key::End:
        return Command::End;
    default:
        return std::nullopt;
    }
}

} // namespace mapreel::preview
