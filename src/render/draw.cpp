// SPDX-License-Identifier: MIT
#include "mapreel/render/canvas.hpp"

#include <variant>

namespace mapreel::render {

void drawItems(const std::vector<scene::Item>& items, Canvas& canvas) {
    for (const auto& item : items) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, scene::Fill>)
                    canvas.fill(v);
                else if constexpr (std::is_same_v<T, scene::Stroke>)
                    canvas.stroke(v);
                else if constexpr (std::is_same_v<T, scene::Text>)
                    canvas.text(v);
                else if constexpr (std::is_same_v<T, scene::Paragraph>)
                    canvas.paragraph(v);
                else if constexpr (std::is_same_v<T, scene::Panel>)
                    canvas.panel(v);
                else if constexpr (std::is_same_v<T, scene::Picture>)
                    canvas.picture(v);
                else
                    canvas.clippedGroup(v);
            },
            item);
    }
}

void draw(const scene::Scene& s, Canvas& canvas) {
    canvas.cached(s.baseKey, [&](Canvas& c) {
        c.clear(s.background);
        drawItems(s.base, c);
    });
    drawItems(s.items, canvas);
    canvas.cachedOverlay(s.overlayKey, [&](Canvas& c) { drawItems(s.overlay, c); });
    drawItems(s.top, canvas);
}

} // namespace mapreel::render
