// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include <algorithm>
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

namespace mapreel::scene::detail {

void appendGeographyLabels(Frame& f) {
    const auto& labels = f.tl.geographyLabels();
    if (labels.empty())
        return;
    // The web-map zoom level of this view: metres per pixel at 1080p.
    const double metresPerPixel = f.u / f.view.scale;
    const double zoom = std::log2(156543.03 / metresPerPixel);
    // The story's own labels win: a name it writes itself, or the end of one ("Atlantic
    // Ocean" for "North Atlantic Ocean"), is not written twice.
    auto written = [&](const std::string& text) {
        for (const auto& l : f.tl.labels()) {
            const std::string& own = l.source->text.get(f.tl.lang());
            if (own.empty() || own.size() > text.size())
                continue;
            const std::size_t at = text.size() - own.size();
            if ((at == 0 || text[at - 1] == ' ') &&
                std::equal(own.begin(), own.end(), text.begin() + static_cast<std::ptrdiff_t>(at),
                           [](char a, char b) {
                               return std::tolower(static_cast<unsigned char>(a)) ==
                                      std::tolower(static_cast<unsigned char>(b));
                           }))
                return true;
        }
        return false;
    };
    // Oceans first, then continents, then seas: the larger names take their places first.
    for (const int pass : {0, 1, 2}) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const auto& l = labels[i];
            if ((pass == 0) != l.ocean || (pass == 1) != l.continent)
                continue;
            // Fading in and out over a third of a zoom level at either end of its range.
            const double a = std::clamp((zoom - l.minZoom) * 3, 0.0, 1.0) *
                             std::clamp((l.maxZoom - zoom) * 3, 0.0, 1.0);
            if (a <= 0)
                continue;
            const std::string& text = l.text.get(f.tl.lang());
            if (text.empty() || written(text))
                continue;
            Font font{f.th.fontSerif, f.th.seaLabelSize * f.u, false, true,
                      f.th.seaLabelSpacing * f.u};
            Color colour = f.th.seaLabelColour;
            if (l.continent) {
                font.italic = false;
                font.size = f.th.countryLabelSize * f.u;
                font.letterSpacing = f.th.countryLabelSpacing * f.u;
                colour = f.th.muted;
            } else if (!l.ocean) {
                font.size = f.th.seaLabelSize * 0.8 * f.u;
                font.letterSpacing = f.th.seaLabelSpacing * 0.5 * f.u;
            }
            const Point at = f.view.apply(l.at);
            const Point sz = f.measure.measure(text, font);
            const Rect box{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2};
            // Inside the map area, clear of the frame's edges and the narration card: a name
            // half off the frame names a sea that is not on it.
            const Rect& area = f.layout.mapArea;
            if (box.minX < area.minX || box.maxX > area.maxX || box.minY < area.minY ||
                box.maxY > area.maxY || !f.free(box))
                continue;
            f.occupied.push_back(box);
            f.scene.overlay.emplace_back(Text{text, at, font, colour.withAlpha(a),
                                              f.th.halo.withAlpha(f.th.mapLabelHaloOpacity * a),
                                              f.th.mapLabelHalo * f.u, 0, Align::Centre,
                                              Align::Centre});
            f.overlayKey = hashCombine(f.overlayKey, a + 31 * static_cast<double>(i + 1));
        }
    }
}

/// A territory's name inside its area, in the style of a region's label and a darker
/// shade of its side's colour, fading with the area; left out where it has no room.
void appendTerritoryNames(Frame& f) {
    for (const auto& ter : f.tl.territories()) {
        if (ter.source == nullptr || ter.source->name.empty())
            continue;
        const auto state = timeline::territoryAt(ter, f.t);
        if (state.current == nullptr || state.current->area.empty())
            continue;
        const double a = state.previous == nullptr ? 1.0 : state.fade;
        if (a <= 0.05)
            continue;
        const std::string text = ter.source->name.get(f.tl.lang());
        Font font{f.th.fontSerif, f.th.regionLabelSize * f.u, false, true,
                  f.th.regionLabelSpacing * f.u};
        const Point at = f.view.apply(state.current->nameAt);
        const Point sz = f.measure.measure(text, font);
        const Rect box{at.x - sz.x / 2, at.y - sz.y / 2, at.x + sz.x / 2, at.y + sz.y / 2};
        if (!f.free(box))
            continue;
        f.occupied.push_back(box);
        const Color ink = side(f.tl, ter.side).darker(0.5);
        f.scene.overlay.emplace_back(Text{
            text, at, font, ink.withAlpha(a), f.th.halo.withAlpha(f.th.mapLabelHaloOpacity * a),
            f.th.mapLabelHalo * f.u, 0, Align::Centre, Align::Centre});
        f.overlayKey = hashCombine(f.overlayKey,
                                   a + 31 * static_cast<double>(&ter - f.tl.territories().data()));
    }
}

} // namespace mapreel::scene::detail
