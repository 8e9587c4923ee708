// SPDX-License-Identifier: MIT
#include "factories/cairo_factory.hpp"

#include "cairo/cairo_canvas.hpp"

namespace mapreel::adapters {

namespace {

/// Forwards the library's surface calls to a CairoCanvas.
template <class Base> class CairoSurface : public Base {
public:
    template <class... Args>
    explicit CairoSurface(Args&&... args) : canvas_(std::forward<Args>(args)...) {}

    void clear(const Color& c) override { canvas_.clear(c); }
    void fill(const scene::Fill& f) override { canvas_.fill(f); }
    void stroke(const scene::Stroke& s) override { canvas_.stroke(s); }
    void text(const scene::Text& t) override { canvas_.text(t); }
    void paragraph(const scene::Paragraph& p) override { canvas_.paragraph(p); }
    void panel(const scene::Panel& p) override { canvas_.panel(p); }
    void picture(const scene::Picture& p) override { canvas_.picture(p); }
    void clippedGroup(const scene::ClippedGroup& g) override { canvas_.clippedGroup(g); }
    void cached(std::uint64_t key, const std::function<void(render::Canvas&)>& draw) override {
        canvas_.cached(key, draw);
    }
    [[nodiscard]] bool holds(std::uint64_t key) const override { return canvas_.holds(key); }
    void cachedOverlay(std::uint64_t key,
                       const std::function<void(render::Canvas&)>& draw) override {
        canvas_.cachedOverlay(key, draw);
    }
    [[nodiscard]] Point measure(const std::string& text, const scene::Font& font) override {
        return canvas_.measure(text, font);
    }
    [[nodiscard]] double paragraphHeight(const scene::Paragraph& p) override {
        return canvas_.paragraphHeight(p);
    }

protected:
    CairoCanvas canvas_; // NOLINT(misc-non-private-member-variables-in-classes)
};

class CairoRaster final : public CairoSurface<render::RasterCanvas> {
public:
    explicit CairoRaster(PixelSize size) : CairoSurface(size.width, size.height) {}
    [[nodiscard]] PixelSize size() const noexcept override {
        return {canvas_.width(), canvas_.height()};
    }
    [[nodiscard]] const std::uint8_t* pixels() override { return canvas_.pixels(); }
    [[nodiscard]] int stride() const noexcept override { return canvas_.stride(); }
    void writePng(const std::string& path) override { canvas_.writePng(path); }
};

class CairoDocument final : public CairoSurface<render::DocumentCanvas> {
public:
    CairoDocument(render::DocumentKind kind, PixelSize size, const std::string& path)
        : CairoSurface(size.width, size.height,
                       kind == render::DocumentKind::Svg ? SurfaceKind::Svg : SurfaceKind::Pdf,
                       path) {}
    void showPage() override { canvas_.showPage(); }
    void finish() override { canvas_.finish(); }
};

} // namespace

std::unique_ptr<render::RasterCanvas> CairoCanvasFactory::raster(PixelSize size) {
    return std::make_unique<CairoRaster>(size);
}

std::unique_ptr<render::DocumentCanvas>
CairoCanvasFactory::document(render::DocumentKind kind, PixelSize size, const std::string& path) {
    return std::make_unique<CairoDocument>(kind, size, path);
}

void CairoCanvasFactory::writePng(const render::Image& image, const std::string& path) {
    adapters::writePng(RasterImage{image.width, image.height, image.bgra}, path);
}

} // namespace mapreel::adapters
