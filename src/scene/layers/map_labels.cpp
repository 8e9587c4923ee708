// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include <cctype>
#include <cmath>

namespace mapreel::scene::detail {

void appendMapLabels(Frame& f) {
    for (const auto& l : f.tl.labels()) {
        const double a = f.tl.visibility(l.source->id, l.source->visible, f.t);
        if (a <= 0)
            continue;
        const std::string text = l.source->text.get(f.tl.lang());
        using story::LabelKind;
        Font font{f.th.fontSerif, f.th.labelSize * f.u, false, true, 0};
        Color colour = f.th.muted;
        std::string shown = text;
        switch (l.source->kind) {
        case LabelKind::Sea:
            font.size = 22 * f.u;
            font.letterSpacing = 3 * f.u;
            colour = Color{0.25, 0.42, 0.6, 1};
            break;
        case LabelKind::Country:
            font.italic = false;
            font.size = 21 * f.u;
            font.letterSpacing = 4 * f.u;
            colour = f.th.muted;
            for (auto& ch : shown)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            break;
        case LabelKind::River:
            font.size = 15 * f.u;
            colour = Color{0.2, 0.4, 0.62, 1};
            break;
        case LabelKind::Region:
            font.size = 18 * f.u;
            font.letterSpacing = 2 * f.u;
            break;
        }
        const Point at = f.view.apply(l.at);
        const Point sz = f.measure.measure(shown, font);
        const double rad = l.source->angle * M_PI / 180;
        const double hw = (std::abs(std::cos(rad)) * sz.x + std::abs(std::sin(rad)) * sz.y) / 2;
        const double hh = (std::abs(std::sin(rad)) * sz.x + std::abs(std::cos(rad)) * sz.y) / 2;
        const Rect box{at.x - hw, at.y - hh, at.x + hw, at.y + hh};
        if (!f.free(box))
            continue;
        if (l.source->kind != LabelKind::River)
            f.occupied.push_back(box);
        f.scene.overlay.emplace_back(Text{shown, at, font, colour.withAlpha(a),
                                          f.th.halo.withAlpha(0.7 * a), 2.5 * f.u, l.source->angle,
                                          Align::Centre, Align::Centre});
        f.overlayKey =
            hashCombine(f.overlayKey, a + 17 * static_cast<double>(&l - f.tl.labels().data()));
    }
}

} // namespace mapreel::scene::detail
