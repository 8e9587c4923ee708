// SPDX-License-Identifier: MIT
#pragma once

// The inside of CairoCanvas, shared by the files that implement it: cairo_canvas.cpp
// (surfaces, paths, fills, strokes, clips and the cached layers), text.cpp (Pango layout,
// labels and paragraphs, font warnings) and images.cpp (pixels and PNG files).

#include "cairo/handles.hpp"
#include "cairo_canvas.hpp"

#include "mapreel/render/visible_runs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mapreel::adapters {

/// A box of whole pixels, [x0, x1) x [y0, y1); empty until a point is added.
struct PixelBox {
    int x0 = std::numeric_limits<int>::max();
    int y0 = std::numeric_limits<int>::max();
    int x1 = std::numeric_limits<int>::min();
    int y1 = std::numeric_limits<int>::min();

    [[nodiscard]] static PixelBox frame(int width, int height) { return {0, 0, width, height}; }
    [[nodiscard]] bool empty() const noexcept { return x0 >= x1 || y0 >= y1; }
    [[nodiscard]] int width() const noexcept { return empty() ? 0 : x1 - x0; }
    [[nodiscard]] int height() const noexcept { return empty() ? 0 : y1 - y0; }

    /// Grows to cover the square of half-side `pad` around (x, y). Far-off points are
    /// clamped: a path may run kilometres of pixels off screen.
    void add(double x, double y, double pad) {
        constexpr double kFar = 1e7;
        if (!std::isfinite(x) || !std::isfinite(y))
            return;
        x = std::clamp(x, -kFar, kFar);
        y = std::clamp(y, -kFar, kFar);
        x0 = std::min(x0, static_cast<int>(std::floor(x - pad)));
        y0 = std::min(y0, static_cast<int>(std::floor(y - pad)));
        x1 = std::max(x1, static_cast<int>(std::ceil(x + pad)));
        y1 = std::max(y1, static_cast<int>(std::ceil(y + pad)));
    }
    void add(const std::vector<Point>& points, double pad) {
        for (const auto& p : points)
            add(p.x, p.y, pad);
    }
    void add(const scene::Path& path, double pad) {
        for (const auto& r : path.rings)
            add(r, pad);
        for (const auto& l : path.lines)
            add(l, pad);
    }
    [[nodiscard]] PixelBox intersect(const PixelBox& o) const {
        return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
    }
};

/// The overlay of panels and labels is mostly transparent, and compositing all of it
/// every frame costs a full-frame blend. It is split into square tiles, and only tiles
/// holding a visible pixel are cleared and composited.
class OverlayTiles {
public:
    static constexpr int kSize = 64;

    /// Marks the tiles of `surface` (ARGB32, premultiplied: transparent is all zeros) that
    /// hold any pixel.
    void scan(cairo_surface_t* surface) {
        const int w = cairo_image_surface_get_width(surface);
        const int h = cairo_image_surface_get_height(surface);
        const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(surface));
        cols_ = (w + kSize - 1) / kSize;
        rows_ = (h + kSize - 1) / kSize;
        width_ = w;
        height_ = h;
        used_.assign(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_), 0);
        const std::span<const unsigned char> data(cairo_image_surface_get_data(surface),
                                                  stride * static_cast<std::size_t>(h));
        static const std::array<unsigned char, static_cast<std::size_t>(kSize) * 4> kZeros{};
        for (int ty = 0; ty < rows_; ++ty) {
            for (int tx = 0; tx < cols_; ++tx) {
                const auto x0 = static_cast<std::size_t>(tx) * kSize;
                const auto bytes = static_cast<std::size_t>(std::min(kSize, w - tx * kSize)) * 4;
                bool any = false;
                for (int y = ty * kSize; y < std::min(h, (ty + 1) * kSize) && !any; ++y) {
                    const auto row =
                        data.subspan(static_cast<std::size_t>(y) * stride + x0 * 4, bytes);
                    any = std::memcmp(row.data(), kZeros.data(), bytes) != 0;
                }
                used_[index(tx, ty)] = any ? 1 : 0;
            }
        }
    }
    /// Adds the used tiles to the path of `cr` as rectangles, runs along a row merged.
    void addPath(cairo_t* cr) const {
        for (int ty = 0; ty < rows_; ++ty) {
            int tx = 0;
            while (tx < cols_) {
                if (used_[index(tx, ty)] == 0) {
                    ++tx;
                    continue;
                }
                const int start = tx;
                while (tx < cols_ && used_[index(tx, ty)] != 0)
                    ++tx;
                const int x = start * kSize;
                const int y = ty * kSize;
                cairo_rectangle(cr, x, y, std::min(width_, tx * kSize) - x,
                                std::min(height_, y + kSize) - y);
            }
        }
    }
    /// Whether scan() has run: before it, every tile must be treated as used.
    [[nodiscard]] bool known() const noexcept { return !used_.empty(); }

private:
    [[nodiscard]] std::size_t index(int tx, int ty) const noexcept {
        return static_cast<std::size_t>(ty) * static_cast<std::size_t>(cols_) +
               static_cast<std::size_t>(tx);
    }

    int cols_ = 0;
    int rows_ = 0;
    int width_ = 0;
    int height_ = 0;
    std::vector<unsigned char> used_;
};

/// Throws IoError("`what`: Cairo's reason") when `s` is not a success.
void check(cairo_status_t s, const char* what);

class CairoCanvas::Impl {
public:
    Impl(int w, int h, SurfaceKind surfaceKind, const std::string& path);

    void path(const scene::Path& p) const;
    /// The runs of a path, in order (render::visibleRuns).
    void path(const std::vector<render::PathRun>& runs) const;

    void colour(const Color& c) const { setColour(cr.get(), c); }
    static void setColour(cairo_t* target, const Color& c) {
        cairo_set_source_rgba(target, c.r, c.g, c.b, c.a);
    }
    /// Draws one line of text with its halo on `target`, anchored at `at`.
    void drawText(cairo_t* target, const scene::Text& t, Point at);
    /// The same for the text lineSize() has just laid out, `offset` from its anchor.
    void drawLaidOut(cairo_t* target, const scene::Text& t, Point at, Point offset);

    void clip(const std::optional<scene::Path>& c) const;

    /// Warns (once) when `family` is not installed and says what fontconfig uses instead.
    void checkFamily(const std::string& family, PangoFontDescription* desc);

    /// Warns (once per character) about characters of the laid-out `text` that no installed
    /// font can draw: Pango would show them as boxes.
    void checkGlyphs(const std::string& text);

    void setFont(const scene::Font& f);

    [[nodiscard]] Point lineSize(const std::string& text, const scene::Font& f);

    [[nodiscard]] double wrapped(const std::string& text, const scene::Font& f, double wrapWidth);

    int width;
    int height;
    SurfaceKind kind = SurfaceKind::Image;
    SurfacePtr surface;
    ContextPtr cr;
    LayoutPtr layout;
    SurfacePtr cache;
    std::uint64_t cacheKey = 0;
    /// The key the last call of cached() drew without the cache, or 0 after a hit: while
    /// the camera moves every frame draws a new base, and keeping each would only copy it.
    std::uint64_t lastMissKey = 0;
    SurfacePtr overlay;
    std::uint64_t overlayKey = 0;
    OverlayTiles overlayTiles; ///< which parts of the overlay hold anything
    /// A label drawn once into its own small surface, composited wherever it recurs.
    struct Sprite {
        SurfacePtr surface;
        int x = 0; ///< the surface's top-left corner from the pixel holding the anchor
        int y = 0;
        std::size_t bytes = 0;     ///< its pixels
        std::uint64_t lastUse = 0; ///< spriteClock when it was last drawn
    };
    std::unordered_map<std::string, Sprite> sprites; ///< by spriteKey()
    std::size_t spriteBytes = 0;                     ///< the pixels the sprites hold
    std::uint64_t spriteClock = 0;                   ///< labels drawn so far
    /// Keeps the sprites within their budget with room for `more` bytes: the least
    /// recently drawn go first, down to half the budget.
    void trimSprites(std::size_t more);
    /// A clip rasterised once per camera, and the pixel box its coverage lies in.
    struct Mask {
        SurfacePtr surface;
        PixelBox box;
    };
    std::map<std::uint64_t, Mask> masks; ///< clip masks by key, for this camera
    std::map<std::pair<std::string, std::string>, Point> measured;
    std::map<std::string, SurfacePtr> pictures; ///< PNG files read once, by path
    std::set<std::string> checkedFamilies;      ///< families looked up in fontconfig
    std::set<std::string> checkedTexts;         ///< texts whose missing glyphs were reported
};

} // namespace mapreel::adapters
