// SPDX-License-Identifier: MIT
#include "mapreel/timeline/clock.hpp"

#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

namespace mapreel::timeline {

namespace {

constexpr double kMinStepSeconds = 4.0;
constexpr double kPauseSeconds = 2.0;
/// Knots of a date curve are looked for at this many even fractions of a step.
constexpr int kKnotSamples = 400;
// Frame arithmetic in doubles: i / fps * fps can land a hair below i.
constexpr double kFrameEpsilon = 1e-6;

/// How many words `text` weighs for reading time. Words are runs of non-space characters,
/// except in scripts written without spaces between words, or with spaces between longer
/// units: a Chinese or Japanese character weighs one word (reading rates in characters per
/// minute are close to English words per minute), a Korean syllable half a word (a Korean
/// word of two to four syllables takes about as long to say as an English one).
double readingWords(std::string_view text) noexcept {
    double words = 0;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? lead : lead & (0xFFU >> (len + 1));
        for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
            cp = (cp << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
        i += len;
        const bool hanOrKana = (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
                               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
        const bool hangul = cp >= 0xAC00 && cp <= 0xD7A3;
        const bool space = cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r';
        if (hanOrKana || hangul) {
            words += hanOrKana ? 1.0 : 0.5;
            inWord = true; // punctuation or digits attached to it add nothing
        } else if (!space && !inWord) {
            words += 1;
            inWord = true;
        } else if (space) {
            inWord = false;
        }
    }
    return words;
}

/// The fraction of the date window at which the eased date has covered `share` of its span:
/// the inverse of easeInOut.
double easedFraction(double share) noexcept {
    share = clamp01(share);
    return share < 0.5 ? std::cbrt(share / 4) : 1 - std::cbrt(2 * (1 - share)) / 2;
}

/// Narrative seconds at which step `st`'s date reaches `date`, which lies in (from, to].
double reaching(const ClockStep& st, HistTime date) noexcept {
    const double share = (date - st.from) / (st.to - st.from);
    return st.start + st.duration * (kDateWindow.start +
                                     (kDateWindow.end - kDateWindow.start) * easedFraction(share));
}

} // namespace

double readingSeconds(std::string_view narration, double wordsPerMinute) {
    const double words = readingWords(narration);
    return std::max(kMinStepSeconds, words / wordsPerMinute * 60.0 + kPauseSeconds);
}

double stepSeconds(const story::Story& story, const story::Step& step, const std::string& lang) {
    return step.duration ? *step.duration
                         : readingSeconds(step.narration.get(lang), story.canvas.readingWpm);
}

Clock::Clock(const story::Story& story, const std::string& lang)
    : lang_(lang.empty() ? story.defaultLanguage() : lang), fps_(story.canvas.fps) {
    double t = 0;
    steps_.reserve(story.steps.size());
    for (const auto& step : story.steps) {
        ClockStep st;
        st.source = &step;
        st.start = t;
        st.duration = stepSeconds(story, step, lang_);
        st.from = toHistTime(step.dateFrom);
        st.to = toHistTime(step.dateTo);
        t += st.duration;
        steps_.push_back(st);
    }
    duration_ = t;
}

Clock::Clock(std::vector<ClockStep> steps, int fps, std::string lang)
    : lang_(std::move(lang)), fps_(std::max(1, fps)), steps_(std::move(steps)) {
    for (auto& st : steps_) {
        st.start = duration_;
        duration_ += st.duration;
    }
}

int Clock::frameCount() const noexcept {
    return std::max(1, static_cast<int>(std::lround(duration_ * fps_)));
}

double Clock::videoSeconds() const noexcept {
    return static_cast<double>(frameCount()) / fps_;
}

double Clock::frameTime(int frame) const noexcept {
    return static_cast<double>(frame) / fps_;
}

double Clock::lastFrameTime() const noexcept {
    return frameTime(frameCount() - 1);
}

double Clock::firstFrameOf(int step) const noexcept {
    if (step < 0 || static_cast<std::size_t>(step) >= steps_.size())
        return 0;
    const int last = frameCount() - 1;
    // Estimate from the start, then confirm with stepAt on the frame's own time: a start
    // that is a sum of durations may sit a rounding error past a frame that looks equal.
    int f = static_cast<int>(
        std::ceil(steps_[static_cast<std::size_t>(step)].start * fps_ - kFrameEpsilon));
    f = std::clamp(f - 1, 0, last);
    while (f < last && stepAt(frameTime(f)) < step)
        ++f;
    return frameTime(f);
}

int Clock::stepAt(double t) const noexcept {
    if (steps_.empty())
        return -1;
    for (std::size_t i = 0; i < steps_.size(); ++i)
        if (t < steps_[i].end())
            return static_cast<int>(i);
    return static_cast<int>(steps_.size()) - 1;
}

double Clock::settledTime(int step) const noexcept {
    const auto& st = steps_[static_cast<std::size_t>(step)];
    return st.start + st.duration * kDateWindow.end;
}

HistTime Clock::dateAt(double t) const noexcept {
    const int i = stepAt(t);
    if (i < 0)
        return 0;
    const auto& st = steps_[static_cast<std::size_t>(i)];
    const double u = progress(t, st.start + st.duration * kDateWindow.start,
                              st.start + st.duration * kDateWindow.end);
    return st.from + (st.to - st.from) * easeInOut(u);
}

std::vector<DateKnot> Clock::dateKnots(int step, double toleranceDays) const {
    const auto& st = steps_.at(static_cast<std::size_t>(step));
    const auto dateAtFraction = [&](double f) {
        return f >= 1 ? st.to : dateAt(st.start + st.duration * f);
    };
    if (st.to == st.from)
        return {{0, st.from}, {1, st.to}};
    std::vector<DateKnot> samples;
    samples.reserve(kKnotSamples + 1);
    for (int k = 0; k <= kKnotSamples; ++k) {
        const double f = static_cast<double>(k) / kKnotSamples;
        samples.push_back({f, dateAtFraction(f)});
    }
    // The window's ends are corners of the curve: sample them exactly.
    for (const double f : {kDateWindow.start, kDateWindow.end})
        samples.push_back({f, dateAtFraction(f)});
    std::sort(samples.begin(), samples.end(),
              [](const DateKnot& a, const DateKnot& b) { return a.fraction < b.fraction; });
    // Greedy: extend each straight piece while every sample it spans stays within tolerance.
    std::vector<DateKnot> knots{samples.front()};
    std::size_t anchor = 0;
    for (std::size_t next = 2; next < samples.size(); ++next) {
        const DateKnot& a = samples[anchor];
        const DateKnot& b = samples[next];
        const bool straight = std::all_of(
            samples.begin() + static_cast<std::ptrdiff_t>(anchor) + 1,
            samples.begin() + static_cast<std::ptrdiff_t>(next), [&](const DateKnot& s) {
                const double share = (s.fraction - a.fraction) / (b.fraction - a.fraction);
                return std::abs(a.date + (b.date - a.date) * share - s.date) <= toleranceDays;
            });
        if (!straight) {
            anchor = next - 1;
            knots.push_back(samples[anchor]);
        }
    }
    knots.push_back(samples.back());
    return knots;
}

Clock::Moment Clock::momentOf(HistTime date) const noexcept {
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const auto& st = steps_[i];
        const int index = static_cast<int>(i);
        if (date <= st.from)
            return {i == 0 ? -1.0 : st.start, index}; // the clock is there as the step opens
        if (date <= st.to)
            return {reaching(st, date), index};
    }
    return {std::numeric_limits<double>::infinity(), static_cast<int>(steps_.size()) - 1};
}

double Clock::timeOf(HistTime date) const noexcept {
    if (steps_.empty())
        return 0;
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const auto& st = steps_[i];
        if (date < st.from || date > st.to)
            continue;
        if (st.to == st.from)
            return settledTime(static_cast<int>(i));
        return date == st.from ? st.start : reaching(st, date);
    }
    int best = 0;
    for (std::size_t i = 0; i < steps_.size(); ++i)
        if (steps_[i].from <= date)
            best = static_cast<int>(i);
    return settledTime(best);
}

} // namespace mapreel::timeline
