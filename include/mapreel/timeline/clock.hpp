// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/date.hpp"
#include "mapreel/story/story.hpp"

#include <string>
#include <string_view>
#include <vector>

/// The narrative clock: the steps laid end to end in seconds of video, and how each step
/// carries the date on screen. The one place that knows how a step paces its date; the
/// timeline, captions, stills, partial renders, `check` and the web player all ask it.
namespace mapreel::timeline {

/// The part of a step during which the date on screen moves, as fractions of the step: at
/// rest on the step's first date until `start`, eased to its last date by `end`, then held.
/// `end` is also the step's settled moment, the one a still of the step shows.
struct DateWindow {
    double start = 0;
    double end = 1;
};

/// Every step's date window. Changing how a step paces its date means changing this.
inline constexpr DateWindow kDateWindow{0.12, 0.85};

/// A step placed on the narrative clock.
struct ClockStep {
    const story::Step* source = nullptr;
    double start = 0;    ///< seconds
    double duration = 0; ///< seconds, > 0
    HistTime from = 0;   ///< the first date on screen
    HistTime to = 0;     ///< the last date on screen
    [[nodiscard]] double end() const noexcept { return start + duration; }
};

/// A point of a step's date curve: the date on screen `fraction` of the way through the step.
struct DateKnot {
    double fraction = 0; ///< [0, 1] of the step's duration
    HistTime date = 0;
    bool operator==(const DateKnot&) const = default;
};

/// The narrative clock of a story in one language (narration length sets step durations).
/// Pure: built from the story alone, cheap to copy. Steps point into the story, which must
/// outlive the clock.
class Clock {
public:
    Clock() = default;
    Clock(const story::Story& story, const std::string& lang);
    /// A clock of `steps` laid end to end from 0 (each starting where the one before ends),
    /// for callers and tests without a story.
    Clock(std::vector<ClockStep> steps, int fps, std::string lang = "en");

    [[nodiscard]] const std::string& lang() const noexcept { return lang_; }
    [[nodiscard]] int fps() const noexcept { return fps_; }
    /// Seconds the story lasts: the sum of its steps.
    [[nodiscard]] double duration() const noexcept { return duration_; }
    /// Frames in the video: the duration rounded to whole frames, at least one.
    [[nodiscard]] int frameCount() const noexcept;
    /// Seconds of the encoded video: whole frames at the frame rate.
    [[nodiscard]] double videoSeconds() const noexcept;
    /// Narrative time of frame `frame`.
    [[nodiscard]] double frameTime(int frame) const noexcept;
    /// Narrative time of the last frame.
    [[nodiscard]] double lastFrameTime() const noexcept;
    /// Narrative time of the first frame that shows step `step` (a step's start rarely falls
    /// on a frame); 0 for a step out of range.
    [[nodiscard]] double firstFrameOf(int step) const noexcept;
    [[nodiscard]] const std::vector<ClockStep>& steps() const noexcept { return steps_; }

    /// Index of the step showing at `t` seconds: the first that has not ended (the last step
    /// after the end); -1 for a story without steps.
    [[nodiscard]] int stepAt(double t) const noexcept;
    /// The date on screen at `t` seconds.
    [[nodiscard]] HistTime dateAt(double t) const noexcept;
    /// The date curve of step `step` as knots to interpolate linearly, within `toleranceDays`
    /// of dateAt() everywhere: what a page shows beside the video without knowing the window
    /// or the easing.
    [[nodiscard]] std::vector<DateKnot> dateKnots(int step, double toleranceDays = 0.05) const;

    /// When the date on screen first reaches `date`, and in which step. Negative seconds when
    /// the story opens at or after `date`; infinite when it never gets there.
    struct Moment {
        double t = 0;
        int step = 0;
    };
    [[nodiscard]] Moment momentOf(HistTime date) const noexcept;
    /// The settled moment of step `step`: its date has arrived and its actions have played.
    [[nodiscard]] double settledTime(int step) const noexcept;
    /// The moment that shows `date`: in the first step whose dates cover it, when its date
    /// reaches it (a one-day step: its settled moment); else the settled moment of the last
    /// step that starts before it (the first step when none does).
    [[nodiscard]] double timeOf(HistTime date) const noexcept;

private:
    std::string lang_;
    int fps_ = 30;
    double duration_ = 0;
    std::vector<ClockStep> steps_;
};

/// Seconds a step lasts when its duration is not given: reading time plus a pause.
[[nodiscard]] double readingSeconds(std::string_view narration, double wordsPerMinute);

/// Seconds step `step` of `story` lasts in language `lang`: its own duration, or reading time.
[[nodiscard]] double stepSeconds(const story::Story& story, const story::Step& step,
                                 const std::string& lang);

} // namespace mapreel::timeline
