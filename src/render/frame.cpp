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
    // The base is not built when the canvas holds it already (unless `adjust` may change
    // the key it is held under).
    std::function<bool(std::uint64_t)> held;
    if (!options.adjust)
        held = [&canvas](std::uint64_t key) { return canvas.holds(key); };
    auto sc = scene::evaluate(tl, t, theme, measurer, size.width, size.height, held);
    if (options.mapOnly) {
        sc.overlay.clear();
        sc.top.clear();
    }
    if (options.adjust)
        options.adjust(sc);
    draw(sc, canvas);
}

} // namespace mapreel::render
