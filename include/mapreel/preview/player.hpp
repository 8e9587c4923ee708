// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/timeline/clock.hpp"

#include <optional>
#include <vector>

/// The live preview's playback state: where on the narrative clock it is, whether it plays,
/// and how keys move it. Pure: the window, the clock source and the story are the caller's.
namespace mapreel::preview {

/// A position as a step and the fraction of it played, in [0, 1]: what a reload keeps.
struct StepPosition {
    int step = 0;
    double fraction = 0;
    bool operator==(const StepPosition&) const = default;
};

/// What a key asks of the player.
enum class Command { TogglePlay, PreviousStep, NextStep, PreviousFrame, NextFrame, Home, End };

/// Playback on the narrative clock, driven by a wall clock the caller passes in (seconds,
/// monotonic). While playing, the position follows the wall clock, so a late frame is
/// skipped rather than the story slowed down.
class Player {
public:
    /// At the first frame, paused.
    explicit Player(timeline::Clock clock = {});

    /// Applies a key's command at wall time `now`.
    void handle(Command c, double now);
    /// Moves to `t` seconds (the scrub bar), snapped to a frame; keeps playing if it was.
    void seek(double t, double now);
    /// Follows the wall clock while playing; pauses on the last frame.
    void tick(double now);
    /// Swaps in the clock of a reloaded story, keeping the step and the fraction of it
    /// played (the last step when steps were removed), and the play state.
    void reload(timeline::Clock clock, double now);

    /// Narrative seconds, not snapped to a frame while playing.
    [[nodiscard]] double time() const noexcept { return t_; }
    /// The frame to show, in [0, frames).
    [[nodiscard]] int frame() const noexcept;
    /// Narrative seconds of frame(): what is drawn, exactly as the video draws it.
    [[nodiscard]] double frameTime() const noexcept;
    /// The step of the frame shown, or -1 when the story has no steps.
    [[nodiscard]] int step() const noexcept { return clock_.stepAt(frameTime()); }
    [[nodiscard]] bool playing() const noexcept { return playing_; }
    [[nodiscard]] StepPosition position() const noexcept;
    [[nodiscard]] const timeline::Clock& clock() const noexcept { return clock_; }
    /// Wall seconds until the next frame is due while playing; nullopt when paused.
    [[nodiscard]] std::optional<double> untilNextFrame(double now) const noexcept;

private:
    /// Sets a paused-or-playing position and re-anchors playback at `now`.
    void place(double t, double now);
    [[nodiscard]] double snap(double t) const noexcept;

    timeline::Clock clock_;
    double t_ = 0;
    bool playing_ = false;
    double anchorWall_ = 0; ///< wall time at which playback was at anchorT_
    double anchorT_ = 0;
};

/// Seconds into a step before "previous step" goes back to the step's own start rather
/// than to the one before, as media players do with chapters.
inline constexpr double kRestartGrace = 0.75;

} // namespace mapreel::preview
