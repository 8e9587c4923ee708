// SPDX-License-Identifier: MIT
// Which sides the map shows at a moment: what the legend lists.
#include "mapreel/timeline/timeline.hpp"

#include <algorithm>

namespace mapreel::timeline {

namespace {

/// 1 while [start, hideAt] holds `t`, fading out over the last kFadeSeconds as drawn.
double shownBetween(double t, double start, double hideAt) {
    if (t < start || t > hideAt)
        return 0;
    return std::clamp((hideAt - t) / kFadeSeconds, 0.0, 1.0);
}

} // namespace

TerritoryState territoryAt(const CompiledTerritory& territory, double t) {
    TerritoryState s;
    for (const auto& k : territory.keyframes)
        if (k.fadeStart <= t) {
            s.previous = s.current;
            s.current = &k;
        }
    // Territories cross-fade over a second of video from when the clock reaches them.
    if (s.current != nullptr && s.current->fadeEnd > s.current->fadeStart)
        s.fade = std::clamp(
            (t - s.current->fadeStart) / (s.current->fadeEnd - s.current->fadeStart), 0.0, 1.0);
    return s;
}

std::vector<double> Timeline::sidePresence(double t) const {
    const auto& sides = story_->sides;
    std::vector<double> out(sides.size(), 0.0);
    auto raise = [&](const std::string& id, double amount) {
        for (std::size_t i = 0; i < sides.size(); ++i)
            if (sides[i].id == id)
                out[i] = std::max(out[i], std::clamp(amount, 0.0, 1.0));
    };
    // A front colours its region with both sides on every date (pockets are theirs too).
    for (const auto& f : fronts_) {
        raise(f.left, 1);
        raise(f.right, 1);
    }
    // A territory shows from its first keyframe's fade until a `none` keyframe has faded.
    for (const auto& terr : territories_) {
        const auto [cur, prev, fade] = territoryAt(terr, t);
        if (cur == nullptr)
            continue;
        double amount = cur->area.empty() ? 0.0 : (prev != nullptr ? fade : 1.0);
        if (prev != nullptr && !prev->area.empty())
            amount = std::max(amount, 1 - fade);
        raise(terr.side, amount);
    }
    for (const auto& a : arrows_)
        raise(a.source->side, shownBetween(t, a.start, a.hideAt));
    for (const auto& f : flows_)
        if (!f.source->side.empty())
            raise(f.source->side, shownBetween(t, f.start, f.hideAt));
    for (const auto& m : markers_)
        if (!m.source->side.empty())
            raise(m.source->side, shownBetween(t, m.start, m.hideAt));
    return out;
}

} // namespace mapreel::timeline
