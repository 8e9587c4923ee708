// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "scene/symbols_p.hpp"

#include <algorithm>

namespace mapreel::scene::detail {

void appendPlaces(Frame& f) {
    std::vector<const timeline::CompiledPlace*> order;
    for (const auto& p : f.tl.places())
        order.push_back(&p);
    std::stable_sort(order.begin(), order.end(),
                     [](auto* a, auto* b) { return a->source->rank < b->source->rank; });
    const double kmPerPixel = 1 / (f.view.scale * 1000);
    // Fewer, more important places when zoomed out.
    const int maxRank = kmPerPixel > 0.9 ? 2 : kmPerPixel > 0.45 ? 3 : kmPerPixel > 0.22 ? 4 : 5;
    for (const auto* p : order) {
        const auto& src = *p->source;
        if (src.rank > maxRank)
            continue;
        const double a = f.tl.visibility(src.id, src.visible, f.t);
        if (a <= 0)
            continue;
        const Point c = f.view.apply(p->at);
        if (!f.screen.contains(c))
            continue;
        const bool capital = src.kind == story::PlaceKind::Capital;
        const double r = (capital         ? f.th.capitalDot
                          : src.rank <= 2 ? f.th.majorPlaceDot
                                          : f.th.placeDot) *
                         f.u;
        const Rect dot{c.x - r, c.y - r, c.x + r, c.y + r};
        Font font{f.th.fontSerif,
                  (capital         ? f.th.capitalSize
                   : src.rank <= 2 ? f.th.majorPlaceSize
                                   : f.th.placeSize) *
                      f.u,
                  capital, false, 0};
        const std::string name = src.name.get(f.tl.lang());
        const Point sz = f.measure.measure(name, font);
        const double gap = r + f.th.placeLabelGap * f.u;
        struct Candidate {
            story::LabelHint hint;
            Point at;
            Align align;
        };
        std::vector<Candidate> cands = {
            {story::LabelHint::Right, {c.x + gap, c.y}, Align::Start},
            {story::LabelHint::Left, {c.x - gap, c.y}, Align::End},
            {story::LabelHint::Above, {c.x, c.y - gap - sz.y / 2}, Align::Centre},
            {story::LabelHint::Below, {c.x, c.y + gap + sz.y / 2}, Align::Centre},
        };
        std::stable_partition(cands.begin(), cands.end(),
                              [&](const Candidate& k) { return k.hint == src.label; });
        bool placed = false;
        for (const auto& k : cands) {
            Rect box = k.align == Align::Start
                           ? Rect{k.at.x, k.at.y - sz.y / 2, k.at.x + sz.x, k.at.y + sz.y / 2}
                       : k.align == Align::End
                           ? Rect{k.at.x - sz.x, k.at.y - sz.y / 2, k.at.x, k.at.y + sz.y / 2}
                           : Rect{k.at.x - sz.x / 2, k.at.y - sz.y / 2, k.at.x + sz.x / 2,
                                  k.at.y + sz.y / 2};
            if (!f.free(box) || !f.free(dot))
                continue;
            f.occupied.push_back(box);
            f.occupied.push_back(dot);
            Path dp;
            dp.rings.push_back(circle(c, r));
            auto& out = f.scene.overlay;
            out.emplace_back(Fill{dp, f.th.halo.withAlpha(a), FillRule::NonZero});
            if (capital) {
                Path inner;
                inner.rings.push_back(circle(c, r * 0.45));
                out.emplace_back(Stroke{dp, f.th.text.withAlpha(a), f.th.capitalRingWidth * f.u});
                out.emplace_back(Fill{inner, f.th.text.withAlpha(a), FillRule::NonZero});
            } else {
                out.emplace_back(Fill{dp, f.th.text.withAlpha(a), FillRule::NonZero});
            }
            out.emplace_back(Text{name, k.at, font, f.th.text.withAlpha(a),
                                  f.th.halo.withAlpha(f.th.placeHaloOpacity * a),
                                  f.th.placeHalo * f.u, 0, k.align});
            f.overlayKey =
                hashCombine(f.overlayKey, a + 7 * static_cast<double>(&k - cands.data()) +
                                              13 * static_cast<double>(p - f.tl.places().data()));
            placed = true;
            break;
        }
        (void)placed;
    }
}

} // namespace mapreel::scene::detail
