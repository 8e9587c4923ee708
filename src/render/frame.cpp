// SPDX-License-Identifier: MIT
#include "mapreel/render/frame.hpp"

#include "mapreel/scene/evaluate.hpp"

namespace mapreel::render {

scene::Theme themeOf(const story::Story& story) {
    auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    theme.narrationCard = story.canvas.narrationCard.value_or(true);
    return theme;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): canvas and measurer are often one.
void renderFrame(const timeline::Timeline& tl, const scene::Theme& theme, double t, PixelSize size,
                 Canvas& canvas, scene::TextMeasurer& measurer, const FrameOptions& options) {
    auto sc = scene::evaluate(tl, t, theme, measurer, size.width, size.height);
    if (options.mapOnly) {
        sc.overlay.clear();
        sc.top.clear();
    }
    if (options.adjust)
        options.adjust(sc);
    draw(sc, canvas);
}

} // namespace mapreel::render
