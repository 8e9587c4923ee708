// SPDX-License-Identifier: MIT
#include "mapreel/render/frame_range.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/parse.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace mapreel::render {

std::optional<FrameRange> parseFrameRange(std::string_view text) {
    std::size_t pos = 0;
    const auto first = scanInt(text, pos);
    if (!first || pos >= text.size() || text[pos] != ':')
        return std::nullopt;
    ++pos;
    const auto last = scanInt(text, pos);
    if (!last || pos != text.size() || *first < 0 || *last <= *first)
        return std::nullopt;
    return FrameRange{*first, *last};
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): k of n, as the option reads.
std::optional<FrameRange> chunkFrames(int k, int n, int total, int segment, std::string& why) {
    if (n < 1 || k < 1 || k > n) {
        why = "--chunk must be K/N with 1 <= K <= N";
        return std::nullopt;
    }
    const int step = std::max(1, segment);
    const int segments = (total + step - 1) / step;
    if (n > segments) {
        why = "the video has " + std::to_string(segments) + " encoder segment" +
              (segments == 1 ? "" : "s") + " of " + std::to_string(step) +
              " frames, so it cannot be cut into " + std::to_string(n) + " chunks; use at most " +
              std::to_string(segments);
        return std::nullopt;
    }
    const auto cut = [&](int i) {
        return static_cast<int>(static_cast<long>(i) * segments / n) * step;
    };
    return FrameRange{cut(k - 1), std::min(total, cut(k))};
}

double stillTime(const timeline::Timeline& tl, const std::string& step, const std::string& date,
                 double seconds) {
    const auto& clock = tl.clock();
    if (seconds >= 0)
        return std::min(seconds, clock.duration());
    if (!step.empty()) {
        const auto count = static_cast<int>(clock.steps().size());
        int index = tl.story().stepIndex(step);
        if (index < 0) {
            try {
                index = std::stoi(step) - 1;
            } catch (const std::exception&) {
                index = -1;
            }
        }
        if (index < 0 || index >= count)
            throw std::invalid_argument("no step '" + step + "' (the story has " +
                                        std::to_string(count) +
                                        " steps; give a number from 1 or a step id)");
        return clock.settledTime(index);
    }
    auto d = parseDate(date);
    if (!d)
        throw std::invalid_argument("'" + date + "' is not a date: " + dateParseProblem(date));
    return clock.timeOf(toHistTime(*d));
}

double resolveTimeArgument(const timeline::Timeline& tl, const std::string& text, bool end) {
    const char* which = end ? "--to" : "--from";
    const auto& story = tl.story();
    const auto& steps = tl.clock().steps();
    if (const int i = story.stepIndex(text); i >= 0) {
        const auto& st = steps[static_cast<std::size_t>(i)];
        return end ? st.end() : st.start;
    }
    if (text.find('-') != std::string::npos && text.find_first_of("0123456789") == 0) {
        const auto d = parseDate(text);
        if (!d)
            throw std::invalid_argument(std::string(which) + ": '" + text +
                                        "' is not a date: " + dateParseProblem(text));
        const HistTime target = toHistTime(*d);
        const HistTime lo = steps.empty() ? 0 : steps.front().from;
        const HistTime hi = steps.empty() ? 0 : steps.back().to;
        if (target < lo || target > hi)
            throw std::invalid_argument(std::string(which) + ": " + text +
                                        " is outside the story, which covers " +
                                        isoDate(story.steps.front().dateFrom) + " to " +
                                        isoDate(story.steps.back().dateTo));
        return stillTime(tl, "", text, -1);
    }
    if (const auto s = parseSeconds(text)) {
        if (*s > tl.clock().duration() + 1e-9)
            throw std::invalid_argument(
                std::string(which) + ": " + text + " s is past the end of the story (" +
                std::to_string(static_cast<int>(tl.clock().duration())) + " s)");
        return *s;
    }
    std::vector<std::string> ids;
    ids.reserve(story.steps.size());
    for (const auto& step : story.steps)
        ids.push_back(step.id);
    const std::string near = closestMatch(text, ids);
    throw std::invalid_argument(std::string(which) + ": no step '" + text + "'" +
                                (near.empty() ? std::string{} : " (did you mean '" + near + "'?)") +
                                "; give a step id, a date YYYY-MM-DD or seconds");
}

FrameRange frameWindow(const timeline::Timeline& tl, const FrameWindow& window, int segment) {
    const int fps = tl.clock().fps();
    FrameRange r{0, tl.clock().frameCount()};
    if (!window.frames.empty()) {
        const auto range = parseFrameRange(window.frames);
        if (!range)
            throw std::invalid_argument("--frames must be A:B with 0 <= A < B");
        if (range->first >= r.last)
            throw std::invalid_argument("--frames " + window.frames +
                                        " starts after the last frame (" + std::to_string(r.last) +
                                        " frames)");
        r = {range->first, std::min(range->last, r.last)};
    }
    if (!window.chunk.empty()) {
        int k = 0;
        int n = 0;
        const auto slash = window.chunk.find('/');
        const auto whole = [](std::string_view text, int& out) {
            const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
            return ec == std::errc{} && p == text.data() + text.size();
        };
        std::string why = "--chunk must be K/N with 1 <= K <= N, e.g. 2/8";
        std::optional<FrameRange> range;
        const std::string_view chunk{window.chunk};
        if (slash != std::string::npos && whole(chunk.substr(0, slash), k) &&
            whole(chunk.substr(slash + 1), n))
            range = chunkFrames(k, n, r.last, segment, why);
        if (!range)
            throw std::invalid_argument(why);
        r = *range;
    }
    if (!window.from.empty() || !window.to.empty()) {
        const double t0 = window.from.empty() ? 0 : resolveTimeArgument(tl, window.from, false);
        const double t1 =
            window.to.empty() ? tl.clock().duration() : resolveTimeArgument(tl, window.to, true);
        r.first = static_cast<int>(std::lround(t0 * fps));
        r.last = std::min(tl.clock().frameCount(), static_cast<int>(std::lround(t1 * fps)));
        if (r.last <= r.first) {
            std::ostringstream why;
            why << "--from " << (window.from.empty() ? "0" : window.from) << " (" << t0
                << " s) is not before --to " << (window.to.empty() ? "end" : window.to) << " ("
                << t1 << " s)";
            throw std::invalid_argument(why.str());
        }
    }
    return r;
}

} // namespace mapreel::render
