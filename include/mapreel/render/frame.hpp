// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/render/surface.hpp"
#include "mapreel/scene/scene.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <functional>

namespace mapreel::render {

/// How a frame differs from the video's.
struct FrameOptions {
    /// Only the map: no title block, legend, narration card, labels or date (the overlay
    /// and top layers), as on a catalogue card, where they would be too small to read.
    bool mapOnly = false;
    /// Changes the scene before it is drawn (the preview names its model in cache keys).
    std::function<void(scene::Scene&)> adjust;
};

/// The theme a story's frames are drawn with.
[[nodiscard]] scene::Theme themeOf(const story::Story& story);

/// The one way a frame is made: the scene of `tl` at narrative time `t` (seconds), laid out
/// at `size`, text measured by `measurer`, drawn onto `canvas`. Stills, videos, handout
/// pages, site posters and thumbnails and the preview all draw their frames with it.
void renderFrame(const timeline::Timeline& tl, const scene::Theme& theme, double t, PixelSize size,
                 Canvas& canvas, scene::TextMeasurer& measurer, const FrameOptions& options = {});

/// The scene renderFrame() draws, without drawing it. The base is left out when `canvas`
/// holds it already (see Canvas::holds).
[[nodiscard]] scene::Scene frameScene(const timeline::Timeline& tl, const scene::Theme& theme,
                                      double t, PixelSize size, const Canvas& canvas,
                                      scene::TextMeasurer& measurer,
                                      const FrameOptions& options = {});

/// Whether `a` and `b`, drawn on one canvas, make the same pixels: every item equal, the
/// base by its key (the key a canvas keeps the drawn base under).
[[nodiscard]] bool samePicture(const scene::Scene& a, const scene::Scene& b);

/// renderFrame() on a surface that measures its own text.
inline void renderFrame(const timeline::Timeline& tl, const scene::Theme& theme, double t,
                        PixelSize size, Surface& surface, const FrameOptions& options = {}) {
    renderFrame(tl, theme, t, size, surface, surface, options);
}

} // namespace mapreel::render
