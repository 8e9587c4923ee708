// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/timeline/timeline.hpp"

#include <optional>
#include <string>
#include <string_view>

/// Which frames and moments a render or a still asks for, as a user names them.
namespace mapreel::render {

/// Frames A:B of a render, A included and B excluded.
struct FrameRange {
    int first = 0;
    int last = 0;
};

/// Parses A:B with 0 <= A < B; nullopt otherwise.
[[nodiscard]] std::optional<FrameRange> parseFrameRange(std::string_view text);

/// Frames [first, last) of chunk `k` of `n` (1-based) of a story of `total` frames cut
/// into whole encoder segments of `segment` frames; nullopt, with the reason in `why`,
/// when there are fewer segments than chunks or k is out of range.
[[nodiscard]] std::optional<FrameRange> chunkFrames(int k, int n, int total, int segment,
                                                    std::string& why);

/// Narrative time of a still: a step's settled moment (id or number from 1), a date, or
/// seconds (when >= 0). Throws std::invalid_argument naming what is wrong.
[[nodiscard]] double stillTime(const timeline::Timeline& tl, const std::string& step,
                               const std::string& date, double seconds);

/// Narrative time (seconds) that `--from`/`--to` text names: a step id or number (its start,
/// or its end for `end`), a date YYYY-MM or YYYY-MM-DD (the moment the map shows it), or
/// seconds (`95`, `95.5` or `1:35`). Throws std::invalid_argument naming the problem.
[[nodiscard]] double resolveTimeArgument(const timeline::Timeline& tl, const std::string& text,
                                         bool end);

/// The frames a render is asked for, as typed: any may be empty.
struct FrameWindow {
    std::string frames; ///< A:B
    std::string chunk;  ///< K/N: the K-th of N chunks cut at encoder segments
    std::string from;   ///< a step, a date or seconds (resolveTimeArgument)
    std::string to;     ///< likewise, the end
};

/// Frames [first, last) of `tl` that `window` asks for (all by default), for encoder
/// segments of `segment` frames. Throws std::invalid_argument naming what makes no sense.
[[nodiscard]] FrameRange frameWindow(const timeline::Timeline& tl, const FrameWindow& window,
                                     int segment);

} // namespace mapreel::render
