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
scene::Scene frameScene(const timeline::Timeline& tl, const scene::Theme& theme, double t,
                        PixelSize size, const Canvas& canvas, scene::TextMeasurer& measurer,
                        const FrameOptions& options) {
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
    return sc;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): canvas and measurer are often one.
void renderFrame(const timeline::Timeline& tl, const scene::Theme& theme, double t, PixelSize size,
                 Canvas& canvas, scene::TextMeasurer& measurer, const FrameOptions& options) {
    draw(frameScene(tl, theme, t, size, canvas, measurer, options), canvas);
}

bool samePicture(const scene::Scene& a, const scene::Scene& b) {
    // The base is compared by its key, as the canvas's cache does: a scene leaves the base
    // out when its canvas holds it, so the same base may be there in one and not the other.
    return a.width == b.width && a.height == b.height && a.background == b.background &&
           a.baseKey == b.baseKey && a.items == b.items && a.overlay == b.overlay && a.top == b.top;
}

} // namespace mapreel::render
