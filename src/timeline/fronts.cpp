// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace mapreel::timeline {

std::vector<Ring> Timeline::leftArea(const story::Front& f, const story::FrontKeyframe& k,
                                     const Rect& closeBox, geo::GeometryOps& ops) const {
    std::vector<Ring> rings{leftOfLine(projection_.line(k.line), closeBox)};
    const bool staticPockets =
        !k.pockets.empty() || std::any_of(f.pockets.begin(), f.pockets.end(),
                                          [](const auto& p) { return p.keyframes.empty(); });
    if (!staticPockets)
        return rings;
    // Pockets say who holds them, whichever side of the line they fall on: a pocket of the
    // left side is added to the left area, one of the right side is cut out of it.
    std::vector<MultiPolygon> leftParts{ops.makeValid(MultiPolygon{Polygon{rings}})};
    MultiPolygon rightParts;
    for (const auto* pockets : {&f.pockets, &k.pockets})
        for (const auto& pocket : *pockets) {
            if (!pocket.keyframes.empty())
                continue; // moves on its own keyframes: combined with the morph
            Polygon shape{{projection_.line(pocket.polygon)}};
            if (pocket.side == f.left)
                leftParts.push_back({shape});
            else
                rightParts.push_back(shape);
        }
    MultiPolygon area = ops.unite(leftParts);
    if (!rightParts.empty())
        area = ops.difference(area, ops.unite({rightParts}));
    rings.clear();
    for (auto& polygon : area)
        for (auto& ring : polygon.rings)
            rings.push_back(std::move(ring));
    return rings;
}

void Timeline::compileFronts(geo::Services& services, const Rect& box) {
    for (const auto& f : story_->fronts) {
        CompiledFront cf;
        cf.id = f.id;
        cf.left = f.left;
        cf.right = f.right;
        auto it = story_->regions.find(f.region);
        if (it == story_->regions.end())
            throw DataError("front '" + f.id + "' names unknown region '" + f.region + "'");
        cf.region = resolveRegion(it->second, services, box, 0);
        const Rect rb = bounds(cf.region);
        const double pad = std::max(rb.width(), rb.height()) * 0.05;
        cf.gridBox = rb.inflated(pad);
        // About 600 cells across: finer than a pixel's worth of error at 1080p for a
        // country-sized region, and cheap to blend per frame.
        cf.cell = std::max(cf.gridBox.width(), cf.gridBox.height()) / 600.0;
        const Rect closeBox = cf.gridBox.inflated(std::max(rb.width(), rb.height()));
        for (const auto& k : f.keyframes) {
            auto ck = std::make_unique<CompiledKeyframe>();
            ck->loc = k.loc;
            ck->date = toHistTime(k.date);
            ck->left = leftArea(f, k, closeBox, services.ops);
            cf.keyframes.push_back(std::move(ck));
        }
        for (const auto& p : f.pockets) {
            if (p.keyframes.empty())
                continue;
            CompiledPocket cp;
            cp.id = p.id;
            cp.left = p.side == f.left;
            for (const auto& k : p.keyframes) {
                auto ck = std::make_unique<CompiledPocketKeyframe>();
                ck->loc = k.loc;
                ck->date = toHistTime(k.date);
                if (k.polygon) {
                    Ring ring = projection_.line(*k.polygon);
                    ck->centre = interiorPoint(MultiPolygon{Polygon{{ring}}});
                    ck->rings.push_back(std::move(ring));
                }
                cp.keyframes.push_back(std::move(ck));
            }
            // A pocket that is not there grows from, or shrinks to, its neighbour's middle.
            for (std::size_t i = 0; i < cp.keyframes.size(); ++i) {
                auto& k = *cp.keyframes[i];
                if (!k.rings.empty())
                    continue;
                if (i > 0 && !cp.keyframes[i - 1]->rings.empty())
                    k.centre = cp.keyframes[i - 1]->centre;
                else if (i + 1 < cp.keyframes.size())
                    k.centre = cp.keyframes[i + 1]->centre;
            }
            cf.pockets.push_back(std::move(cp));
        }
        fronts_.push_back(std::move(cf));
    }
}

const SignedField& Timeline::field(const CompiledFront& f, const CompiledKeyframe& k) {
    std::call_once(k.fieldOnce, [&] { k.field = SignedField(k.left, f.gridBox, f.cell); });
    return k.field;
}

const SignedField& Timeline::field(const CompiledFront& f, const CompiledPocketKeyframe& k) {
    std::call_once(k.fieldOnce, [&] {
        k.field = k.rings.empty() ? SignedField::toPoint(k.centre, f.gridBox, f.cell)
                                  : SignedField(k.rings, f.gridBox, f.cell);
    });
    return k.field;
}

namespace {

/// The pocket's keyframes around `date`: [i, i + 1), or only i on or after the last; null
/// before the first.
std::pair<const CompiledPocketKeyframe*, const CompiledPocketKeyframe*>
around(const CompiledPocket& p, HistTime date) {
    const auto& ks = p.keyframes;
    if (ks.empty() || date < ks.front()->date)
        return {nullptr, nullptr};
    std::size_t i = 0;
    while (i + 1 < ks.size() && ks[i + 1]->date <= date)
        ++i;
    if (i + 1 == ks.size() || date == ks[i]->date)
        return {ks[i].get(), nullptr};
    return {ks[i].get(), ks[i + 1].get()};
}

} // namespace

std::optional<double> Timeline::pocketValue(const CompiledFront& f, const CompiledPocket& p,
                                            Point xy, HistTime date) {
    const auto [a, b] = around(p, date);
    if (a == nullptr)
        return std::nullopt;
    if (b == nullptr) {
        if (a->rings.empty())
            return std::nullopt;
        return containsEvenOdd(a->rings, xy) ? -1.0 : 1.0;
    }
    if (a->rings.empty() && b->rings.empty())
        return std::nullopt;
    const double s = (date - a->date) / (b->date - a->date);
    return (1 - s) * field(f, *a).sample(xy) + s * field(f, *b).sample(xy);
}

std::optional<SignedField> Timeline::pocketField(const CompiledFront& f, const CompiledPocket& p,
                                                 HistTime date) {
    const auto [a, b] = around(p, date);
    if (a == nullptr || (a->rings.empty() && (b == nullptr || b->rings.empty())))
        return std::nullopt;
    if (b == nullptr)
        return field(f, *a);
    return SignedField::blend(field(f, *a), field(f, *b), (date - a->date) / (b->date - a->date));
}

bool Timeline::leftHolds(const CompiledFront& f, Point xy, HistTime date) const {
    const auto& ks = f.keyframes;
    bool left = false;
    if (date <= ks.front()->date || date >= ks.back()->date) {
        // The keyframe's own rings, filled even-odd as they are drawn.
        left = containsEvenOdd(date <= ks.front()->date ? ks.front()->left : ks.back()->left, xy);
    } else {
        std::size_t i = 1;
        while (i < ks.size() && ks[i]->date < date)
            ++i;
        const auto& a = *ks[i - 1];
        const auto& b = *ks[i];
        if (date == b.date) {
            left = containsEvenOdd(b.left, xy);
        } else {
            const double s = (date - a.date) / (b.date - a.date);
            left = (1 - s) * field(f, a).sample(xy) + s * field(f, b).sample(xy) < 0;
        }
    }
    // Moving pockets, in order: a pocket of the left side adds to it, one of the right takes
    // from it.
    for (const auto& p : f.pockets)
        if (const auto v = pocketValue(f, p, xy, date); v && *v < 0)
            left = p.left;
    return left;
}

// A query about one of the timeline's own fronts, asked of the timeline like its others.
// NOLINTNEXTLINE(readability-convert-member-functions-to-static)
FrontState Timeline::frontAt(const CompiledFront& f, HistTime date) const {
    FrontState state;
    const auto& ks = f.keyframes;
    if (ks.empty())
        return state;
    std::vector<SignedField> pockets;
    std::vector<bool> pocketLeft;
    for (const auto& p : f.pockets)
        if (auto field = pocketField(f, p, date)) {
            pockets.push_back(std::move(*field));
            pocketLeft.push_back(p.left);
        }
    const CompiledKeyframe* exact = nullptr;
    if (date <= ks.front()->date)
        exact = ks.front().get();
    else if (date >= ks.back()->date)
        exact = ks.back().get();
    std::size_t i = 1;
    while (i < ks.size() && ks[i]->date < date)
        ++i;
    if (exact == nullptr && date == ks[i]->date)
        exact = ks[i].get();
    if (exact != nullptr && pockets.empty())
        return {exact->left, true};
    SignedField combined =
        exact != nullptr
            ? field(f, *exact)
            : SignedField::blend(field(f, *ks[i - 1]), field(f, *ks[i]),
                                 (date - ks[i - 1]->date) / (ks[i]->date - ks[i - 1]->date));
    for (std::size_t k = 0; k < pockets.size(); ++k) {
        if (pocketLeft[k])
            combined.unite(pockets[k]);
        else
            combined.subtract(pockets[k]);
    }
    return {combined.contour(), false};
}

} // namespace mapreel::timeline
