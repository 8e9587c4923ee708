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
            font.size = f.th.seaLabelSize * f.u;
            font.letterSpacing = f.th.seaLabelSpacing * f.u;
            colour = f.th.seaLabelColour;
            break;
        case LabelKind::Country:
            font.italic = false;
            font.size = f.th.countryLabelSize * f.u;
            font.letterSpacing = f.th.countryLabelSpacing * f.u;
            colour = f.th.muted;
            for (auto& ch : shown)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            break;
        case LabelKind::River:
            font.size = f.th.riverLabelSize * f.u;
            colour = f.th.riverLabelColour;
            break;
        case LabelKind::Region:
            font.size = f.th.regionLabelSize * f.u;
            font.letterSpacing = f.th.regionLabelSpacing * f.u;
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
        f.scene.overlay.emplace_back(Text{
            shown, at, font, colour.withAlpha(a), f.th.halo.withAlpha(f.th.mapLabelHaloOpacity * a),
            f.th.mapLabelHalo * f.u, l.source->angle, Align::Centre, Align::Centre});
        f.overlayKey =
            hashCombine(f.overlayKey, a + 17 * static_cast<double>(&l - f.tl.labels().data()));
    }
}

} // namespace mapreel::scene::detail
