// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/scene.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/// The surfaces frames and pages are drawn on. The library draws through these interfaces;
/// an adapter (Cairo and Pango) makes them, through a CanvasFactory handed in by the caller.
namespace mapreel::render {

/// A canvas that measures text with the same shaping it draws it with.
class Surface : public Canvas, public scene::TextMeasurer {};

/// A raster surface: premultiplied BGRA pixels (Cairo's ARGB32).
class RasterCanvas : public Surface {
public:
    [[nodiscard]] virtual PixelSize size() const noexcept = 0;
    /// The pixels, `stride()` bytes per row; valid until the next drawing call.
    [[nodiscard]] virtual const std::uint8_t* pixels() = 0;
    [[nodiscard]] virtual int stride() const noexcept = 0;
    /// Writes the pixels as a PNG file; throws IoError.
    virtual void writePng(const std::string& path) = 0;
};

/// A vector document written to a file: one SVG page, or PDF pages.
class DocumentCanvas : public Surface {
public:
    /// Ends the current page and starts a new one (PDF).
    virtual void showPage() = 0;
    /// Flushes and closes the file; throws IoError.
    virtual void finish() = 0;
};

/// The kinds of vector document.
enum class DocumentKind { Svg, Pdf };

/// Pixels copied out of a raster canvas.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> bgra; ///< width * height * 4 bytes, premultiplied, no padding
};

/// Makes the surfaces the library draws on; implemented by an adapter.
class CanvasFactory {
public:
    CanvasFactory() = default;
    virtual ~CanvasFactory() = default;
    CanvasFactory(const CanvasFactory&) = delete;
    CanvasFactory& operator=(const CanvasFactory&) = delete;
    CanvasFactory(CanvasFactory&&) = delete;
    CanvasFactory& operator=(CanvasFactory&&) = delete;

    /// A raster canvas of `size`.
    [[nodiscard]] virtual std::unique_ptr<RasterCanvas> raster(PixelSize size) = 0;
    /// A document of `kind` with pages of `size` (points for PDF), written to `path`.
    [[nodiscard]] virtual std::unique_ptr<DocumentCanvas>
    document(DocumentKind kind, PixelSize size, const std::string& path) = 0;
    /// Writes `image` as a PNG file; throws IoError.
    virtual void writePng(const Image& image, const std::string& path) = 0;
};

} // namespace mapreel::render
