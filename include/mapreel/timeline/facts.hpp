// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <string>
#include <vector>

/// The story's facts checked against its map: for every day a fact covers, who the map
/// shows holding its point (Timeline::holdings, the probe's own computation).
namespace mapreel::timeline {

/// One fact and what the map shows over its days.
struct FactVerdict {
    const CompiledFact* fact = nullptr;
    std::vector<Holding> shown; ///< the map's runs over the fact's days
    std::vector<Holding> wrong; ///< the runs that disagree with the fact
    [[nodiscard]] bool holds() const noexcept { return wrong.empty(); }
    /// Days on which the map disagrees.
    [[nodiscard]] int wrongDays() const noexcept;
};

/// Every fact of the timeline, in story order (stated facts, then implied ones).
[[nodiscard]] std::vector<FactVerdict> checkFacts(const Timeline& tl);

/// The error for a fact that does not hold: at the fact (or the marker that implies it), the
/// fact, what the map shows and over which days; the hint says what decides it there and,
/// when two front keyframes morph across the point, the date a new keyframe would need.
[[nodiscard]] Diagnostic factDiagnostic(const Timeline& tl, const FactVerdict& verdict);

/// The errors of the facts in `verdicts` that do not hold (factDiagnostic of each).
[[nodiscard]] Diagnostics factErrors(const Timeline& tl, const std::vector<FactVerdict>& verdicts);

/// Outputs (video, stills, handouts, sites, the preview) refuse a story whose map
/// contradicts its own facts unless the user allows it: the errors of the facts that fail,
/// empty when all hold or when `allowFailing` is set (then nothing is checked).
[[nodiscard]] Diagnostics factGate(const Timeline& tl, bool allowFailing);

/// `fact` in words: "Seoul held by 'south' from 1950-09-28 to 1950-12-31".
[[nodiscard]] std::string describeFact(const CompiledFact& fact);

/// A place's changes of hands over the whole story: the first day of each new holder.
[[nodiscard]] std::vector<Holding> chronology(const Timeline& tl, Point lonLat);

} // namespace mapreel::timeline
