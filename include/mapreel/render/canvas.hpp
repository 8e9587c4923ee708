// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/scene/scene.hpp"

#include <cstdint>
#include <functional>

namespace mapreel::render {

/// A drawing surface: raster (Cairo image), vector (SVG, PDF) or a recorder in tests.
class Canvas {
public:
    virtual ~Canvas() = default;
    virtual void clear(const Color& c) = 0;
    virtual void fill(const scene::Fill& f) = 0;
    virtual void stroke(const scene::Stroke& s) = 0;
    virtual void text(const scene::Text& t) = 0;
    virtual void paragraph(const scene::Paragraph& p) = 0;
    virtual void panel(const scene::Panel& p) = 0;
    /// Draws a PNG file into the picture's box; throws IoError when it cannot be read.
    virtual void picture(const scene::Picture& p) = 0;
    /// Draws the group's fills and strokes clipped to its path. The default clips each
    /// item; raster canvases override it to reuse a mask.
    virtual void clippedGroup(const scene::ClippedGroup& g) {
        for (auto f : g.fills) {
            f.clip = g.clip;
            fill(f);
        }
        for (auto s : g.strokes) {
            s.clip = g.clip;
            stroke(s);
        }
    }
    /// Runs `draw`, or replays what it drew last time under the same `key`. Vector
    /// canvases simply run it.
    virtual void cached(std::uint64_t key, const std::function<void(Canvas&)>& draw) {
        (void)key;
        draw(*this);
    }
    /// Whether cached() under `key` would replay what it drew before without calling its
    /// `draw`: then the scene need not build what it would draw.
    [[nodiscard]] virtual bool holds(std::uint64_t key) const {
        (void)key;
        return false;
    }
    /// Like cached(), for a transparent layer drawn over what is already there.
    virtual void cachedOverlay(std::uint64_t key, const std::function<void(Canvas&)>& draw) {
        (void)key;
        draw(*this);
    }
};

/// Draws a scene: background, the cacheable base, then the moving items.
void draw(const scene::Scene& s, Canvas& canvas);

/// Draws `items` in order onto `canvas`, uncached: for layers outside a scene, such as the
/// preview's controls.
void drawItems(const std::vector<scene::Item>& items, Canvas& canvas);

} // namespace mapreel::render
