// SPDX-License-Identifier: MIT
#include "mapreel/scene/evaluate.hpp"

#include "scene/layers/layers_p.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace mapreel::scene {

namespace detail {

Color side(const timeline::Timeline& tl, const std::string& id) {
    if (const auto* s = tl.story().side(id))
        return s->color;
    return Color{0.5, 0.5, 0.5, 1};
}

} // namespace detail

Scene evaluate(const timeline::Timeline& tl, double t, const Theme& theme, TextMeasurer& measurer,
               int width, int height, const std::function<bool(std::uint64_t)>& baseHeld) {
    using namespace detail;
    Frame f{tl,
            theme,
            measurer,
            makeLayout(width, height, theme.narrationCard),
            {},
            t,
            height / 1080.0,
            Rect{0, 0, static_cast<double>(width), static_cast<double>(height)},
            {},
            {}};
    f.view = cameraAt(tl, f.layout, t);
    f.scene.width = width;
    f.scene.height = height;
    f.scene.background = tl.base().outline.empty() ? theme.sea : theme.outsideColour;
    std::uint64_t key = 1469598103934665603ULL;
    for (double v : {f.view.centre.x, f.view.centre.y, f.view.scale, static_cast<double>(width),
                     static_cast<double>(height)})
        key = hashCombine(key, v);
    // Territories that are not changing are drawn once with the base, which a canvas keeps
    // while the camera and they stay still.
    const bool settled = territoriesSettled(f, key);
    f.scene.baseKey = key;
    if (!baseHeld || !baseHeld(key)) {
        appendBase(f);
        if (settled)
            appendTerritories(f, f.scene.base);
    }
    std::vector<Item> panels;
    appendPanels(f, panels); // panels first: they reserve their space from labels
    appendFlowLegend(f, panels);
    appendCharts(f);
    appendPictures(f, panels);
    appendFronts(f);
    if (!settled)
        appendTerritories(f, f.scene.items);
    appendBaseAboveSides(f);
    appendZones(f);
    appendLines(f);
    reserveArrows(f);
    reserveMarkers(f);
    appendFlows(f); // under the arrows; its values beside the arrows' and markers' places
    appendArrows(f);
    appendMarkers(f);
    appendCallouts(f);
    appendFlowValues(f);
    appendZoneNames(f);
    appendLineNames(f);
    appendTerritoryNames(f);
    appendPlaces(f);
    appendMapLabels(f);
    appendGeographyLabels(f);
    appendHighlights(f);
    for (auto& item : panels)
        f.scene.overlay.push_back(std::move(item));
    f.scene.overlayKey = hashCombine(f.overlayKey, static_cast<double>(f.scene.baseKey % 1000003));
    return std::move(f.scene);
}

} // namespace mapreel::scene
