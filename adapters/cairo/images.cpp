// SPDX-License-Identifier: MIT
#include "cairo_canvas_p.hpp"

#include "mapreel/core/error.hpp"

#include <cairo.h>
#include <jpeglib.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace mapreel::adapters {

namespace {

/// Where a PNG is being written, and the first write error (errno) met.
struct PngFile {
    std::FILE* file = nullptr;
    int error = 0;
};

extern "C" cairo_status_t writePngChunk(void* closure, const unsigned char* data,
                                        unsigned int length) {
    auto* out = static_cast<PngFile*>(closure);
    if (std::fwrite(data, 1, length, out->file) != length) {
        out->error = errno;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/// Writes `s` as PNG to `path`; a failure names the system's reason ("No space left on
/// device"), which cairo_surface_write_to_png reduces to "error while writing".
void savePng(cairo_surface_t* s, const std::string& path) {
    const auto reason = [](int error) { return std::error_code(error, std::generic_category()); };
    // Closed below on every path, with the error of the close checked: not a unique_ptr.
    PngFile out{std::fopen(path.c_str(), "wb"), 0}; // NOLINT(cppcoreguidelines-owning-memory)
    if (out.file == nullptr)
        throw IoError("cannot write '" + path + "': " + reason(errno).message());
    const cairo_status_t status = cairo_surface_write_to_png_stream(s, &writePngChunk, &out);
    if (std::fflush(out.file) != 0 && out.error == 0)
        out.error = errno;
    if (std::fclose(out.file) != 0 && out.error == 0) // NOLINT(cppcoreguidelines-owning-memory)
        out.error = errno;
    if (out.error != 0)
        throw IoError("cannot write '" + path + "': " + reason(out.error).message());
    check(status, ("cannot write '" + path + "'").c_str());
}

/// The pixel bytes of an image surface: `stride` bytes for each of its rows.
std::span<std::uint8_t> surfaceBytes(cairo_surface_t* s) {
    const auto size = static_cast<std::size_t>(cairo_image_surface_get_stride(s)) *
                      static_cast<std::size_t>(cairo_image_surface_get_height(s));
    return {cairo_image_surface_get_data(s), size};
}

/// libjpeg's errors end the decoding with a jump back here instead of exiting.
struct JpegError {
    jpeg_error_mgr mgr{};
    std::jmp_buf jump{};
};

[[noreturn]] void onJpegError(j_common_ptr info) {
    std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

/// A JPEG file decoded into a Cairo surface; throws IoError when it cannot be.
SurfacePtr readJpeg(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                           std::istreambuf_iterator<char>());
    if (bytes.empty())
        throw IoError("cannot read the image '" + path + "'");
    jpeg_decompress_struct info{};
    JpegError err;
    info.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = onJpegError;
    const std::string bad = "cannot decode the JPEG image '" + path + "'";
    // libjpeg reports errors by longjmp: every object with a destructor is made before the
    // setjmp that an error returns to, and not changed after it.
    // NOLINTNEXTLINE(cert-err52-cpp)
    if (setjmp(err.jump) != 0) {
        jpeg_destroy_decompress(&info);
        throw IoError(bad);
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    const auto w = static_cast<int>(info.image_width);
    const auto h = static_cast<int>(info.image_height);
    SurfacePtr out(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    std::vector<unsigned char> row(static_cast<std::size_t>(w) * 3);
    // NOLINTNEXTLINE(cert-err52-cpp)
    if (setjmp(err.jump) != 0) {
        jpeg_destroy_decompress(&info);
        throw IoError(bad);
    }
    jpeg_start_decompress(&info);
    unsigned char* dst = cairo_image_surface_get_data(out.get());
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(out.get()));
    while (info.output_scanline < info.output_height &&
           info.output_scanline < static_cast<unsigned>(h)) {
        const auto y = static_cast<std::size_t>(info.output_scanline);
        JSAMPROW rows[1] = {row.data()};
        jpeg_read_scanlines(&info, rows, 1);
        auto* px = reinterpret_cast<std::uint32_t*>(dst + y * stride);
        for (std::size_t x = 0; x < static_cast<std::size_t>(w); ++x)
            px[x] = 0xFF000000U | (std::uint32_t{row[3 * x]} << 16U) |
                    (std::uint32_t{row[3 * x + 1]} << 8U) | std::uint32_t{row[3 * x + 2]};
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    cairo_surface_mark_dirty(out.get());
    return out;
}

/// Whether the file starts as a JPEG does.
bool isJpeg(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char head[3] = {};
    in.read(reinterpret_cast<char*>(head), 3);
    return in.gcount() == 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
}

} // namespace

const std::uint8_t* CairoCanvas::pixels() {
    cairo_surface_flush(impl_->surface.get());
    return cairo_image_surface_get_data(impl_->surface.get());
}

int CairoCanvas::stride() const noexcept {
    return cairo_image_surface_get_stride(impl_->surface.get());
}

void CairoCanvas::writePng(const std::string& path) {
    cairo_surface_flush(impl_->surface.get());
    savePng(impl_->surface.get(), path);
}

void CairoCanvas::picture(const scene::Picture& p) {
    auto it = impl_->pictures.find(p.file);
    if (it == impl_->pictures.end()) {
        SurfacePtr img;
        if (isJpeg(p.file)) {
            img = readJpeg(p.file);
        } else {
            img.reset(cairo_image_surface_create_from_png(p.file.c_str()));
            check(cairo_surface_status(img.get()),
                  ("cannot read the image '" + p.file + "'").c_str());
        }
        it = impl_->pictures.emplace(p.file, std::move(img)).first;
    }
    cairo_surface_t* img = it->second.get();
    const double w = cairo_image_surface_get_width(img);
    const double h = cairo_image_surface_get_height(img);
    if (w <= 0 || h <= 0 || p.box.width() <= 0 || p.box.height() <= 0)
        return;
    const double scale = std::min(p.box.width() / w, p.box.height() / h);
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    cairo_translate(cr, p.box.minX + (p.box.width() - w * scale) / 2,
                    p.box.minY + (p.box.height() - h * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint_with_alpha(cr, p.opacity);
    cairo_restore(cr);
}

RasterImage readPng(const std::string& path) {
    SurfacePtr s(cairo_image_surface_create_from_png(path.c_str()));
    check(cairo_surface_status(s.get()), ("cannot read '" + path + "'").c_str());
    SurfacePtr argb(cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                               cairo_image_surface_get_width(s.get()),
                                               cairo_image_surface_get_height(s.get())));
    ContextPtr cr(cairo_create(argb.get()));
    cairo_set_source_surface(cr.get(), s.get(), 0, 0);
    cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr.get());
    cairo_surface_flush(argb.get());
    RasterImage img;
    img.width = cairo_image_surface_get_width(argb.get());
    img.height = cairo_image_surface_get_height(argb.get());
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(argb.get()));
    const auto rowBytes = static_cast<std::size_t>(img.width) * 4;
    const auto rows = static_cast<std::size_t>(img.height);
    img.bgra.resize(rowBytes * rows);
    const std::span<const std::uint8_t> data = surfaceBytes(argb.get());
    const std::span<std::uint8_t> out(img.bgra);
    for (std::size_t y = 0; y < rows; ++y)
        std::ranges::copy(data.subspan(y * stride, rowBytes), out.subspan(y * rowBytes).begin());
    return img;
}

void writePng(const RasterImage& image, const std::string& path) {
    SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height));
    cairo_surface_flush(s.get());
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(s.get()));
    const auto rowBytes = static_cast<std::size_t>(image.width) * 4;
    const std::span<const std::uint8_t> in(image.bgra);
    const std::span<std::uint8_t> data = surfaceBytes(s.get());
    for (std::size_t y = 0; y < static_cast<std::size_t>(image.height); ++y)
        std::ranges::copy(in.subspan(y * rowBytes, rowBytes), data.subspan(y * stride).begin());
    cairo_surface_mark_dirty(s.get());
    savePng(s.get(), path);
}

RasterImage snapshot(CairoCanvas& canvas) {
    RasterImage img;
    img.width = canvas.width();
    img.height = canvas.height();
    const auto rowBytes = static_cast<std::size_t>(img.width) * 4;
    const auto rows = static_cast<std::size_t>(img.height);
    img.bgra.resize(rowBytes * rows);
    const auto stride = static_cast<std::size_t>(canvas.stride());
    const std::span<const std::uint8_t> data(canvas.pixels(), stride * rows);
    const std::span<std::uint8_t> out(img.bgra);
    for (std::size_t y = 0; y < rows; ++y)
        std::ranges::copy(data.subspan(y * stride, rowBytes), out.subspan(y * rowBytes).begin());
    return img;
}

} // namespace mapreel::adapters
