// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace mapreel::timeline {

std::vector<Ring> Timeline::leftArea(const story::Front& f, const story::FrontKeyframe& k,
                                     const Rect& closeBox, geo::GeometryOps& ops) const {
    std::vector<Ring> rings{leftOfLine(projection_.line(k.line), closeBox)};
    if (f.pockets.empty() && k.pockets.empty())
        return rings;
    // Pockets say who holds them, whichever side of the line they fall on: a pocket of the
    // left side is added to the left area, one of the right side is cut out of it.
    std::vector<MultiPolygon> leftParts{ops.makeValid(MultiPolygon{Polygon{rings}})};
    MultiPolygon rightParts;
    for (const auto* pockets : {&f.pockets, &k.pockets})
        for (const auto& pocket : *pockets) {
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
        fronts_.push_back(std::move(cf));
    }
}

const SignedField& Timeline::field(const CompiledFront& f, const CompiledKeyframe& k) {
    std::call_once(k.fieldOnce, [&] { k.field = SignedField(k.left, f.gridBox, f.cell); });
    return k.field;
}

// A query about one of the timeline's own fronts, asked of the timeline like its others.
// NOLINTNEXTLINE(readability-convert-member-functions-to-static)
FrontState Timeline::frontAt(const CompiledFront& f, HistTime date) const {
    FrontState state;
    const auto& ks = f.keyframes;
    if (ks.empty())
        return state;
    if (date <= ks.front()->date)
        return {ks.front()->left, true};
    if (date >= ks.back()->date)
        return {ks.back()->left, true};
    std::size_t i = 1;
    while (i < ks.size() && ks[i]->date < date)
        ++i;
    const auto& a = *ks[i - 1];
    const auto& b = *ks[i];
    if (date == b.date)
        return {b.left, true};
    const double s = (date - a.date) / (b.date - a.date);
    auto blended = SignedField::blend(field(f, a), field(f, b), s);
    return {blended.contour(), false};
}

} // namespace mapreel::timeline
