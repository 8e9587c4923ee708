// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/scene/scene.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <cstdint>
#include <functional>

namespace mapreel::scene {

/// Maps projected map coordinates to pixels for one frame.
struct ViewTransform {
    Point centre;       ///< map coordinates at the centre of the map area
    double scale = 1;   ///< pixels per map unit
    Point screenCentre; ///< pixel position of `centre`
    [[nodiscard]] Point apply(Point p) const noexcept {
        return {screenCentre.x + (p.x - centre.x) * scale,
                screenCentre.y - (p.y - centre.y) * scale};
    }
    [[nodiscard]] Point invert(Point px) const noexcept {
        return {centre.x + (px.x - screenCentre.x) / scale,
                centre.y - (px.y - screenCentre.y) / scale};
    }
};

/// Frame layout: where the map is fitted and where the panels go, in pixels.
struct Layout {
    int width = 1920;
    int height = 1080;
    double unit = 1; ///< height / 1080
    Rect mapArea;    ///< where camera extents are fitted
    Rect narration;  ///< narration card (height set per frame)
    Rect title;
    Rect legend;
    Rect date;
};

/// The layout of a `width` x `height` frame; without the narration card (`narrationCard`
/// false) its rectangle is empty and the map area takes the full width.
[[nodiscard]] Layout makeLayout(int width, int height, bool narrationCard = true);

/// The camera at narrative time `t`: glides between step views (van Wijk-Nuij).
[[nodiscard]] ViewTransform cameraAt(const timeline::Timeline& tl, const Layout& layout, double t);

/// Builds the display list of the frame at narrative time `t` (seconds). When `baseHeld` says
/// that the canvas holds the base under the frame's `baseKey` already, the base is left empty:
/// the canvas replays it.
[[nodiscard]] Scene evaluate(const timeline::Timeline& tl, double t, const Theme& theme,
                             TextMeasurer& measurer, int width, int height,
                             const std::function<bool(std::uint64_t)>& baseHeld = {});

/// Smooth zoom-and-pan between two views given as centre and visible width.
struct ZoomPan {
    Point c0, c1;
    double w0 = 1, w1 = 1;
    /// Centre and width at fraction `s` in [0, 1] of the path (perceptually even).
    void at(double s, Point& c, double& w) const;
};

} // namespace mapreel::scene
