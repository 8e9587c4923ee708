// SPDX-License-Identifier: MIT
// Who holds a point on a date, as the map shows it: the probe, a point's chronology and
// what decides it. Fronts first (the first whose region holds the point), then territories
// (the last listed wins where they overlap, as it is drawn on top).
#include "mapreel/timeline/timeline.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::timeline {

namespace {

/// The front whose region holds `xy`, or null.
const CompiledFront* frontHolding(const std::vector<CompiledFront>& fronts, Point xy) {
    for (const auto& f : fronts)
        if (!f.keyframes.empty() && contains(f.region, xy))
            return &f;
    return nullptr;
}

/// The keyframe of `t` active on `date` (the last on or before it), or null.
const CompiledTerritoryKeyframe* activeKeyframe(const CompiledTerritory& t, HistTime date) {
    const CompiledTerritoryKeyframe* active = nullptr;
    for (const auto& k : t.keyframes)
        if (k.date <= date)
            active = &k;
    return active;
}

/// The side of the last territory whose keyframe active on `date` holds the point, as
/// `holds(territory, keyframe index)` says; kNoSide when none does.
template <typename Holds>
std::string territorySide(const std::vector<CompiledTerritory>& territories, HistTime date,
                          Holds&& holds) {
    for (auto t = territories.rbegin(); t != territories.rend(); ++t) {
        const auto* k = activeKeyframe(*t, date);
        if (k != nullptr && holds(*t, static_cast<std::size_t>(k - t->keyframes.data())))
            return t->side;
    }
    return std::string(story::kNoSide);
}

} // namespace

std::string Timeline::probe(Point lonLat, HistTime date) const {
    const auto xy = projection_.projector().forward(lonLat);
    return xy ? sideAt(*xy, date) : std::string(story::kNoSide);
}

ControlCause Timeline::causeAt(Point lonLat, HistTime date) const {
    ControlCause cause;
    const auto xy = projection_.projector().forward(lonLat);
    if (!xy)
        return cause;
    if (const auto* f = frontHolding(fronts_, *xy)) {
        cause.front = f;
        const auto& ks = f->keyframes;
        std::size_t i = 0;
        while (i + 1 < ks.size() && ks[i + 1]->date <= date)
            ++i;
        cause.before = ks[i].get();
        if (date > ks[i]->date && i + 1 < ks.size())
            cause.after = ks[i + 1].get();
        return cause;
    }
    for (auto t = territories_.rbegin(); t != territories_.rend(); ++t) {
        const auto* k = activeKeyframe(*t, date);
        if (k != nullptr && contains(k->area, *xy)) {
            cause.territory = &*t;
            cause.territoryKeyframe = k;
            break;
        }
    }
    return cause;
}

std::string Timeline::sideAt(Point xy, HistTime date) const {
    if (const auto* f = frontHolding(fronts_, xy))
        return leftHolds(*f, xy, date) ? f->left : f->right;
    return territorySide(territories_, date, [&](const CompiledTerritory& t, std::size_t k) {
        return contains(t.keyframes[k].area, xy);
    });
}

std::vector<HistTime> Timeline::changeDays(Point xy, HistTime from, HistTime to) const {
    std::vector<HistTime> days{from};
    // A keyframe's day is looked at with its neighbours: on the day itself the keyframe's
    // own rings decide, on the days around it the morph.
    auto add = [&](HistTime day) {
        for (const HistTime d :
             {std::floor(day) - 1, std::floor(day), std::ceil(day), std::ceil(day) + 1})
            if (d >= from && d <= to)
                days.push_back(d);
    };
    if (const auto* f = frontHolding(fronts_, xy)) {
        const auto& ks = f->keyframes;
        for (std::size_t i = 0; i < ks.size(); ++i) {
            add(ks[i]->date);
            if (i + 1 == ks.size() || ks[i + 1]->date < from || ks[i]->date > to)
                continue;
            // Between two keyframes the morph blends the two distance fields linearly in
            // time, so the point changes side at most once: where the blend crosses zero.
            const double va = field(*f, *ks[i]).sample(xy);
            const double vb = field(*f, *ks[i + 1]).sample(xy);
            if ((va < 0) != (vb < 0)) {
                const double s = va / (va - vb);
                add(ks[i]->date + s * (ks[i + 1]->date - ks[i]->date));
            }
        }
        // A moving pocket unites with or cuts from the morph: who holds the point can change
        // only where the morph or a pocket crosses it, each once between their keyframes.
        for (const auto& p : f->pockets) {
            const auto& pk = p.keyframes;
            for (std::size_t i = 0; i < pk.size(); ++i) {
                add(pk[i]->date);
                if (i + 1 == pk.size() || pk[i + 1]->date < from || pk[i]->date > to)
                    continue;
                const double va = field(*f, *pk[i]).sample(xy);
                const double vb = field(*f, *pk[i + 1]).sample(xy);
                if ((va < 0) != (vb < 0))
                    add(pk[i]->date + va / (va - vb) * (pk[i + 1]->date - pk[i]->date));
            }
        }
    } else {
        for (const auto& t : territories_)
            for (const auto& k : t.keyframes)
                add(k.date);
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

std::vector<Holding> Timeline::holdings(Point lonLat, HistTime from, HistTime to) const {
    std::vector<Holding> runs;
    const auto xy = projection_.projector().forward(lonLat);
    if (!xy || to < from)
        return runs;
    from = std::floor(from);
    to = std::floor(to);
    // Away from the fronts the territories decide, and whether a keyframe's area holds the
    // point is the same on every day: it is found once per keyframe, not once per day.
    const CompiledFront* front = frontHolding(fronts_, *xy);
    std::vector<std::vector<char>> inside;
    if (front == nullptr)
        for (const auto& t : territories_) {
            auto& row = inside.emplace_back();
            for (const auto& k : t.keyframes)
                row.push_back(static_cast<char>(contains(k.area, *xy)));
        }
    auto holds = [&](const CompiledTerritory& t, std::size_t k) {
        return inside[static_cast<std::size_t>(&t - territories_.data())][k] != 0;
    };
    for (const HistTime day : changeDays(*xy, from, to)) {
        std::string side = front != nullptr
                               ? (leftHolds(*front, *xy, day) ? front->left : front->right)
                               : territorySide(territories_, day, holds);
        if (!runs.empty() && runs.back().side == side)
            continue;
        if (!runs.empty())
            runs.back().to = day - 1;
        runs.push_back({day, to, std::move(side)});
    }
    return runs;
}

} // namespace mapreel::timeline
