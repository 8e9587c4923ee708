// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/scene.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mapreel::adapters {

/// Where a CairoCanvas draws.
enum class SurfaceKind { Image, Svg, Pdf };

/// Draws scenes with Cairo and Pango: raster frames (BGRA, premultiplied) or vector
/// pages (SVG, PDF) from the same calls.
class CairoCanvas final : public render::Canvas, public scene::TextMeasurer {
public:
    /// An image canvas, or a vector file written to `path` as pages are finished.
    CairoCanvas(int width, int height, SurfaceKind kind = SurfaceKind::Image,
                const std::string& path = {});
    ~CairoCanvas() override;
    CairoCanvas(const CairoCanvas&) = delete;
    CairoCanvas& operator=(const CairoCanvas&) = delete;

    void clear(const Color& c) override;
    void fill(const scene::Fill& f) override;
    void stroke(const scene::Stroke& s) override;
    void text(const scene::Text& t) override;
    void paragraph(const scene::Paragraph& p) override;
    void panel(const scene::Panel& p) override;
    void picture(const scene::Picture& p) override;
    void clippedGroup(const scene::ClippedGroup& g) override;
    void cached(std::uint64_t key, const std::function<void(render::Canvas&)>& draw) override;
    [[nodiscard]] bool holds(std::uint64_t key) const override;
    void cachedOverlay(std::uint64_t key,
                       const std::function<void(render::Canvas&)>& draw) override;

    [[nodiscard]] Point measure(const std::string& text, const scene::Font& font) override;
    [[nodiscard]] double paragraphHeight(const scene::Paragraph& p) override;

    [[nodiscard]] int width() const noexcept;
    [[nodiscard]] int height() const noexcept;
    /// BGRA premultiplied pixels of an image canvas, `stride()` bytes per row.
    [[nodiscard]] const std::uint8_t* pixels();
    [[nodiscard]] int stride() const noexcept;
    /// The pixels kept for labels already drawn (each is drawn once and reused while it
    /// stays put): at most about one frame's worth, however many labels fade or move.
    [[nodiscard]] std::size_t labelCacheBytes() const noexcept;
    /// Writes an image canvas as PNG; throws IoError.
    void writePng(const std::string& path);
    /// Ends the current page of a PDF canvas and starts a new one.
    void showPage();
    /// Flushes and closes a vector file; throws IoError.
    void finish();

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

} // namespace mapreel::adapters

namespace mapreel::adapters {

/// Where font warnings go: a family that is not installed (and what stands in for it), and
/// characters that no installed font can draw. Each distinct warning is reported once per
/// process. The default prints `mapreel: warning: ...` lines on stderr; an empty function
/// silences them (e.g. --quiet).
void setFontWarningHandler(std::function<void(const std::string&)> handler);

/// Pixels of a PNG as premultiplied BGRA (Cairo's ARGB32), for image comparisons.
struct RasterImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> bgra; ///< width * height * 4 bytes, no padding
};

/// Reads a PNG; throws IoError.
[[nodiscard]] RasterImage readPng(const std::string& path);
/// Writes a PNG; throws IoError.
void writePng(const RasterImage& image, const std::string& path);
/// Copies an image canvas's pixels.
[[nodiscard]] RasterImage snapshot(CairoCanvas& canvas);

} // namespace mapreel::adapters
