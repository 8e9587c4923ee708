// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/render/surface.hpp"

namespace mapreel::adapters {

/// The library's canvases drawn with Cairo and Pango (adapters/cairo): raster frames, SVG
/// and PDF documents, and PNG files.
class CairoCanvasFactory final : public render::CanvasFactory {
public:
    [[nodiscard]] std::unique_ptr<render::RasterCanvas> raster(PixelSize size) override;
    [[nodiscard]] std::unique_ptr<render::DocumentCanvas>
    document(render::DocumentKind kind, PixelSize size, const std::string& path) override;
    void writePng(const render::Image& image, const std::string& path) override;
};

} // namespace mapreel::adapters
