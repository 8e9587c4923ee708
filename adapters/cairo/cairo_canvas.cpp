// SPDX-License-Identifier: MIT
#include "cairo_canvas.hpp"
#include "text_scripts.hpp"

#include "mapreel/core/error.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace mapreel::adapters {

namespace {

template <auto Free> struct Deleter {
    void operator()(auto* p) const noexcept {
        if (p)
            Free(p);
    }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<&cairo_surface_destroy>>;
using ContextPtr = std::unique_ptr<cairo_t, Deleter<&cairo_destroy>>;
using LayoutPtr = std::unique_ptr<PangoLayout, Deleter<&g_object_unref>>;
using FontDescPtr = std::unique_ptr<PangoFontDescription, Deleter<&pango_font_description_free>>;

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

void check(cairo_status_t s, const char* what) {
    if (s != CAIRO_STATUS_SUCCESS)
        throw IoError(std::string(what) + ": " + cairo_status_to_string(s));
}

/// Font warnings already given, and where they go; shared by every canvas of the process.
struct FontWarnings {
    std::mutex mutex;
    std::set<std::string> given;
    int characters = 0; ///< characters reported as undrawable so far
    std::function<void(const std::string&)> handler = [](const std::string& message) {
        std::cerr << "mapreel: warning: " << message << '\n';
    };
};

FontWarnings& fontWarnings() {
    static FontWarnings warnings;
    return warnings;
}

void warnOnce(const std::string& message) {
    auto& w = fontWarnings();
    const std::scoped_lock lock(w.mutex);
    if (w.given.insert(message).second && w.handler)
        w.handler(message);
}

/// Reports a character no font can draw; after ten, one last line says there are more.
void warnCharacter(const std::string& message) {
    constexpr int kListed = 10;
    auto& w = fontWarnings();
    const std::scoped_lock lock(w.mutex);
    if (!w.given.insert(message).second || !w.handler || w.characters > kListed)
        return;
    w.handler(++w.characters <= kListed
                  ? message
                  : std::string("more characters cannot be drawn by any installed font; not "
                                "listing them all"));
}

/// At most `max` bytes of `text`, cut at a character boundary, with "..." when cut.
std::string excerpt(const std::string& text, std::size_t max) {
    if (text.size() <= max)
        return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

/// The code point of the UTF-8 sequence at `at` (U+FFFD when malformed).
char32_t codePointAt(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0U;
    };
    const unsigned lead = byte(at);
    if (lead < 0x80)
        return lead;
    int extra = 0;
    if ((lead & 0xE0U) == 0xC0)
        extra = 1;
    else if ((lead & 0xF0U) == 0xE0)
        extra = 2;
    else if ((lead & 0xF8U) == 0xF0)
        extra = 3;
    else
        return 0xFFFD;
    char32_t cp = lead & (0x3FU >> static_cast<unsigned>(extra));
    for (int i = 1; i <= extra; ++i)
        cp = (cp << 6U) | (byte(at + static_cast<std::size_t>(i)) & 0x3FU);
    return cp;
}

std::string hexCodePoint(char32_t cp) {
    std::string hex;
    for (int shift = 20; shift >= 0; shift -= 4) {
        const auto digit = static_cast<unsigned>((cp >> static_cast<unsigned>(shift)) & 0xFU);
        if (!hex.empty() || digit != 0 || shift < 16)
            hex += "0123456789ABCDEF"[digit];
    }
    return "U+" + hex;
}

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

} // namespace

class CairoCanvas::Impl {
public:
    Impl(int w, int h, SurfaceKind surfaceKind, const std::string& path)
        : width(w), height(h), kind(surfaceKind) {
        switch (surfaceKind) {
        case SurfaceKind::Image:
            surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
            break;
        case SurfaceKind::Svg:
            surface.reset(cairo_svg_surface_create(path.c_str(), w, h));
            break;
        case SurfaceKind::Pdf:
            surface.reset(cairo_pdf_surface_create(path.c_str(), w, h));
            break;
        }
        check(cairo_surface_status(surface.get()), "cannot create the drawing surface");
        cr.reset(cairo_create(surface.get()));
        check(cairo_status(cr.get()), "cannot create the drawing context");
        layout.reset(pango_cairo_create_layout(cr.get()));
        // Fixed options: the same pixels on every machine (no hinting, greyscale AA).
        cairo_font_options_t* opts = cairo_font_options_create();
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
        pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), opts);
        cairo_font_options_destroy(opts);
    }

    void path(const scene::Path& p) const {
        cairo_new_path(cr.get());
        for (const auto& r : p.rings) {
            if (r.size() < 2)
                continue;
            cairo_move_to(cr.get(), r[0].x, r[0].y);
            for (std::size_t i = 1; i < r.size(); ++i)
                cairo_line_to(cr.get(), r[i].x, r[i].y);
            cairo_close_path(cr.get());
        }
        for (const auto& l : p.lines) {
            if (l.size() < 2)
                continue;
            cairo_move_to(cr.get(), l[0].x, l[0].y);
            for (std::size_t i = 1; i < l.size(); ++i)
                cairo_line_to(cr.get(), l[i].x, l[i].y);
        }
    }

    void colour(const Color& c) const { setColour(cr.get(), c); }
    static void setColour(cairo_t* target, const Color& c) {
        cairo_set_source_rgba(target, c.r, c.g, c.b, c.a);
    }
    /// Draws one line of text with its halo on `target`, anchored at `at`.
    void drawText(cairo_t* target, const scene::Text& t, Point at);
    /// The same for the text lineSize() has just laid out, `offset` from its anchor.
    void drawLaidOut(cairo_t* target, const scene::Text& t, Point at, Point offset);

    void clip(const std::optional<scene::Path>& c) const {
        if (!c)
            return;
        path(*c);
        cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_EVEN_ODD);
        cairo_clip(cr.get());
    }

    /// Warns (once) when `family` is not installed and says what fontconfig uses instead.
    void checkFamily(const std::string& family, PangoFontDescription* desc) {
        if (!checkedFamilies.insert(family).second)
            return;
        PangoContext* context = pango_layout_get_context(layout.get());
        using FontPtr = std::unique_ptr<PangoFont, Deleter<&g_object_unref>>;
        const FontPtr font(pango_context_load_font(context, desc));
        if (!font) {
            warnOnce("no font is installed at all (fontconfig found none); text cannot be drawn "
                     "(install fonts-noto-core)");
            return;
        }
        const FontDescPtr used(pango_font_describe(font.get()));
        const char* usedFamily = pango_font_description_get_family(used.get());
        const std::string actual = usedFamily != nullptr ? usedFamily : "";
        if (g_ascii_strcasecmp(actual.c_str(), family.c_str()) != 0)
            warnOnce("font '" + family + "' is not installed; text falls back to '" +
                     (actual.empty() ? std::string("(none)") : actual) +
                     "' (install fonts-noto-core for the intended look)");
    }

    /// Warns (once per character) about characters of the laid-out `text` that no installed
    /// font can draw: Pango would show them as boxes.
    void checkGlyphs(const std::string& text) {
        if (pango_layout_get_unknown_glyphs_count(layout.get()) == 0 ||
            !checkedTexts.insert(text).second)
            return;
        std::set<char32_t> missing;
        PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
        do {
            PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
            if (run == nullptr)
                continue;
            const std::span<PangoGlyphInfo> glyphs(
                run->glyphs->glyphs, static_cast<std::size_t>(run->glyphs->num_glyphs));
            const std::span<int> clusters(run->glyphs->log_clusters, glyphs.size());
            for (std::size_t i = 0; i < glyphs.size(); ++i)
                if ((glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
                    missing.insert(codePointAt(text, static_cast<std::size_t>(run->item->offset) +
                                                         static_cast<std::size_t>(clusters[i])));
        } while (pango_layout_iter_next_run(iter) != 0);
        pango_layout_iter_free(iter);
        for (const char32_t cp : missing)
            if (const std::string script = missingScriptWarning(cp); !script.empty())
                warnCharacter(script);
            else
                warnCharacter("no installed font can draw " + hexCodePoint(cp) + " (in \"" +
                              excerpt(text, 40) +
                              "\"); it shows as a box (install a font that covers it, e.g. "
                              "fonts-noto-core or fonts-noto-cjk)");
    }

    void setFont(const scene::Font& f) {
        FontDescPtr desc(pango_font_description_new());
        pango_font_description_set_family(desc.get(), f.family.c_str());
        pango_font_description_set_absolute_size(desc.get(), f.size * PANGO_SCALE);
        pango_font_description_set_weight(desc.get(),
                                          f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(desc.get(),
                                         f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(layout.get(), desc.get());
        checkFamily(f.family, desc.get());
        PangoAttrList* attrs = pango_attr_list_new();
        if (f.letterSpacing != 0)
            pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                              static_cast<int>(f.letterSpacing * PANGO_SCALE)));
        pango_layout_set_attributes(layout.get(), attrs);
        pango_attr_list_unref(attrs);
    }

    [[nodiscard]] Point lineSize(const std::string& text, const scene::Font& f) {
        setFont(f);
        pango_layout_set_width(layout.get(), -1);
        pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
        checkGlyphs(text);
        PangoRectangle logical;
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        return {logical.width / static_cast<double>(PANGO_SCALE),
                logical.height / static_cast<double>(PANGO_SCALE)};
    }

    [[nodiscard]] double wrapped(const std::string& text, const scene::Font& f, double wrapWidth) {
        setFont(f);
        pango_layout_set_width(layout.get(), static_cast<int>(wrapWidth * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_spacing(layout.get(), static_cast<int>(f.size * 0.25 * PANGO_SCALE));
        const std::string kept = keepKoreanWords(text);
        pango_layout_set_text(layout.get(), kept.c_str(), static_cast<int>(kept.size()));
        checkGlyphs(kept);
        PangoRectangle logical;
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        return logical.height / static_cast<double>(PANGO_SCALE);
    }

    int width;
    int height;
    SurfaceKind kind = SurfaceKind::Image;
    SurfacePtr surface;
    ContextPtr cr;
    LayoutPtr layout;
    SurfacePtr cache;
    std::uint64_t cacheKey = 0;
    SurfacePtr overlay;
    std::uint64_t overlayKey = 0;
    OverlayTiles overlayTiles; ///< which parts of the overlay hold anything
    /// A label drawn once into its own small surface, composited wherever it recurs.
    struct Sprite {
        SurfacePtr surface;
        int x = 0; ///< the surface's top-left corner from the pixel holding the anchor
        int y = 0;
    };
    std::unordered_map<std::string, Sprite> sprites; ///< by spriteKey()
    /// A clip rasterised once per camera, and the pixel box its coverage lies in.
    struct Mask {
        SurfacePtr surface;
        PixelBox box;
    };
    std::map<std::uint64_t, Mask> masks; ///< clip masks by key, for this camera
    std::map<std::pair<std::string, std::string>, Point> measured;
    std::set<std::string> checkedFamilies; ///< families looked up in fontconfig
    std::set<std::string> checkedTexts;    ///< texts whose missing glyphs were reported
};

CairoCanvas::CairoCanvas(int width, int height, SurfaceKind kind, const std::string& path)
    : impl_(std::make_unique<Impl>(width, height, kind, path)) {}

CairoCanvas::~CairoCanvas() = default;

int CairoCanvas::width() const noexcept {
    return impl_->width;
}
int CairoCanvas::height() const noexcept {
    return impl_->height;
}

void CairoCanvas::clear(const Color& c) {
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    impl_->colour(c);
    cairo_paint(cr);
    cairo_restore(cr);
}

void CairoCanvas::fill(const scene::Fill& f) {
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    impl_->clip(f.clip);
    impl_->path(f.path);
    cairo_set_fill_rule(cr, f.rule == scene::FillRule::EvenOdd ? CAIRO_FILL_RULE_EVEN_ODD
                                                               : CAIRO_FILL_RULE_WINDING);
    impl_->colour(f.color);
    cairo_fill(cr);
    cairo_restore(cr);
}

void CairoCanvas::stroke(const scene::Stroke& s) {
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    impl_->clip(s.clip);
    impl_->path(s.path);
    cairo_set_line_width(cr, s.width);
    cairo_set_line_join(cr, s.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, s.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    if (!s.dash.empty())
        cairo_set_dash(cr, s.dash.data(), static_cast<int>(s.dash.size()), 0);
    impl_->colour(s.color);
    cairo_stroke(cr);
    cairo_restore(cr);
}

namespace {

/// Where a label sits within its pixel, in steps of an eighth: finer than the eye can
/// tell, coarse enough for a label at rest to be drawn once.
constexpr double kSubpixelSteps = 8;

/// Where a line of `size` starts from its anchor, by its alignment.
Point anchorOffset(const scene::Text& t, Point size) {
    Point offset;
    if (t.align == scene::Align::Centre)
        offset.x = -size.x / 2;
    else if (t.align == scene::Align::End)
        offset.x = -size.x;
    if (t.valign == scene::Align::Centre)
        offset.y = -size.y / 2;
    else if (t.valign == scene::Align::End)
        offset.y = -size.y;
    return offset;
}

void appendNumber(std::string& key, double v) {
    key.append(std::to_string(v)).push_back('|');
}

/// Everything that decides a label's pixels, less its whole-pixel position.
std::string spriteKey(const scene::Text& t, int subX, int subY) {
    std::string key = t.text;
    key.push_back('\x1f');
    key.append(t.font.family).push_back('|');
    for (const double v : {t.font.size, t.font.letterSpacing, t.color.r, t.color.g, t.color.b,
                           t.color.a, t.halo.r, t.halo.g, t.halo.b, t.halo.a, t.haloWidth, t.angle})
        appendNumber(key, v);
    key.push_back(t.font.bold ? 'b' : '-');
    key.push_back(t.font.italic ? 'i' : '-');
    key.push_back(static_cast<char>('0' + static_cast<int>(t.align)));
    key.push_back(static_cast<char>('0' + static_cast<int>(t.valign)));
    key.push_back(static_cast<char>('a' + subX));
    key.push_back(static_cast<char>('a' + subY));
    return key;
}

} // namespace

void CairoCanvas::Impl::drawText(cairo_t* target, const scene::Text& t, Point at) {
    drawLaidOut(target, t, at, anchorOffset(t, lineSize(t.text, t.font)));
}

void CairoCanvas::Impl::drawLaidOut(cairo_t* target, const scene::Text& t, Point at, Point offset) {
    const double dx = offset.x;
    const double dy = offset.y;
    cairo_save(target);
    cairo_translate(target, at.x, at.y);
    cairo_rotate(target, -t.angle * M_PI / 180);
    cairo_move_to(target, dx, dy);
    pango_cairo_update_layout(target, layout.get());
    if (t.haloWidth > 0 && t.halo.a > 0) {
        pango_cairo_layout_path(target, layout.get());
        cairo_set_line_width(target, 2 * t.haloWidth);
        cairo_set_line_join(target, CAIRO_LINE_JOIN_ROUND);
        setColour(target, t.halo);
        cairo_stroke(target);
        cairo_move_to(target, dx, dy);
    }
    setColour(target, t.color);
    pango_cairo_show_layout(target, layout.get());
    cairo_restore(target);
}

void CairoCanvas::text(const scene::Text& t) {
    cairo_t* cr = impl_->cr.get();
    if (impl_->kind != SurfaceKind::Image) {
        impl_->drawText(cr, t, t.at);
        return;
    }
    // Shaping a label and stroking its halo cost far more than compositing its pixels, and
    // most labels stay put for many frames: each is drawn once into a sprite.
    double px = std::floor(t.at.x);
    double py = std::floor(t.at.y);
    auto subX = static_cast<int>(std::lround((t.at.x - px) * kSubpixelSteps));
    auto subY = static_cast<int>(std::lround((t.at.y - py) * kSubpixelSteps));
    if (subX == static_cast<int>(kSubpixelSteps)) {
        subX = 0;
        px += 1;
    }
    if (subY == static_cast<int>(kSubpixelSteps)) {
        subY = 0;
        py += 1;
    }
    if (!std::isfinite(px) || !std::isfinite(py) || std::abs(px) > 1e6 || std::abs(py) > 1e6)
        return;
    const std::string key = spriteKey(t, subX, subY);
    auto it = impl_->sprites.find(key);
    if (it == impl_->sprites.end()) {
        if (impl_->sprites.size() > 2048)
            impl_->sprites.clear();
        // The ink box: the layout's logical box from the anchor, grown by the halo and by a
        // margin for italic overhangs and accents, turned with the label.
        const Point size = impl_->lineSize(t.text, t.font);
        const Point offset = anchorOffset(t, size);
        const double dx = offset.x;
        const double dy = offset.y;
        const double pad = t.haloWidth + 0.5 * t.font.size + 2;
        const double phi = -t.angle * M_PI / 180;
        PixelBox ink;
        for (const double x : {dx - pad, dx + size.x + pad})
            for (const double y : {dy - pad, dy + size.y + pad})
                ink.add(x * std::cos(phi) - y * std::sin(phi),
                        x * std::sin(phi) + y * std::cos(phi), 1);
        ink.x1 += 1; // room for the sub-pixel shift
        ink.y1 += 1;
        SurfacePtr sprite(
            cairo_image_surface_create(CAIRO_FORMAT_ARGB32, ink.width(), ink.height()));
        ContextPtr scr(cairo_create(sprite.get()));
        impl_->drawLaidOut(scr.get(), t,
                           {-ink.x0 + subX / kSubpixelSteps, -ink.y0 + subY / kSubpixelSteps},
                           offset);
        cairo_surface_flush(sprite.get());
        it = impl_->sprites.emplace(key, Impl::Sprite{std::move(sprite), ink.x0, ink.y0}).first;
    }
    const auto& sprite = it->second;
    cairo_save(cr);
    cairo_set_source_surface(cr, sprite.surface.get(), px + sprite.x, py + sprite.y);
    cairo_paint(cr);
    cairo_restore(cr);
}

void CairoCanvas::paragraph(const scene::Paragraph& p) {
    cairo_t* cr = impl_->cr.get();
    PangoLayout* layout = impl_->layout.get();
    const double w = p.box.width();
    double y = p.box.minY;
    auto block = [&](const std::string& text, const scene::Font& font, const Color& c, double gap) {
        if (text.empty())
            return;
        const double h = impl_->wrapped(text, font, w);
        cairo_save(cr);
        cairo_move_to(cr, p.box.minX, y);
        pango_cairo_update_layout(cr, layout);
        impl_->colour(c);
        pango_cairo_show_layout(cr, layout);
        cairo_restore(cr);
        y += h + gap;
    };
    block(p.title, p.titleFont, p.color, p.font.size * 0.5);
    block(p.text, p.font, p.color, p.font.size * 0.5);
    block(p.footnote, p.footnoteFont, p.footnoteColor, 0);
    pango_layout_set_width(layout, -1);
    pango_layout_set_spacing(layout, 0);
}

double CairoCanvas::paragraphHeight(const scene::Paragraph& p) {
    const double w = p.box.width();
    double h = 0;
    if (!p.title.empty())
        h += impl_->wrapped(p.title, p.titleFont, w) + p.font.size * 0.5;
    if (!p.text.empty())
        h += impl_->wrapped(p.text, p.font, w) + p.font.size * 0.5;
    if (!p.footnote.empty())
        h += impl_->wrapped(p.footnote, p.footnoteFont, w);
    pango_layout_set_width(impl_->layout.get(), -1);
    pango_layout_set_spacing(impl_->layout.get(), 0);
    return h;
}

void CairoCanvas::panel(const scene::Panel& p) {
    cairo_t* cr = impl_->cr.get();
    auto rounded = [&](const Rect& r, double rad) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, r.maxX - rad, r.minY + rad, rad, -M_PI / 2, 0);
        cairo_arc(cr, r.maxX - rad, r.maxY - rad, rad, 0, M_PI / 2);
        cairo_arc(cr, r.minX + rad, r.maxY - rad, rad, M_PI / 2, M_PI);
        cairo_arc(cr, r.minX + rad, r.minY + rad, rad, M_PI, 3 * M_PI / 2);
        cairo_close_path(cr);
    };
    cairo_save(cr);
    // A soft shadow from a few offset translucent layers.
    for (int i = 3; i >= 1 && p.shadow > 0; --i) {
        const double d = p.shadow * i / 3;
        cairo_new_path(cr);
        rounded(Rect{p.box.minX - d / 2, p.box.minY + d / 2, p.box.maxX + d / 2, p.box.maxY + d},
                p.radius + d / 2);
        cairo_set_source_rgba(cr, 0, 0, 0, 0.05);
        cairo_fill(cr);
    }
    cairo_new_path(cr);
    rounded(p.box, p.radius);
    impl_->colour(p.fill);
    cairo_fill_preserve(cr);
    if (p.strokeWidth > 0) {
        cairo_set_line_width(cr, p.strokeWidth);
        impl_->colour(p.stroke);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    cairo_restore(cr);
}

void CairoCanvas::clippedGroup(const scene::ClippedGroup& g) {
    if (impl_->kind != SurfaceKind::Image) {
        render::Canvas::clippedGroup(g);
        return;
    }
    // Tessellating a detailed coastline as a clip costs more than the fills it clips, so
    // the clip is rasterised once per camera into an A8 mask and reused.
    auto it = impl_->masks.find(g.clipKey);
    if (it == impl_->masks.end()) {
        if (impl_->masks.size() > 8)
            impl_->masks.clear();
        SurfacePtr mask(cairo_image_surface_create(CAIRO_FORMAT_A8, impl_->width, impl_->height));
        ContextPtr mcr(cairo_create(mask.get()));
        cairo_new_path(mcr.get());
        PixelBox box;
        for (const auto& r : g.clip.rings) {
            if (r.size() < 3)
                continue;
            cairo_move_to(mcr.get(), r[0].x, r[0].y);
            for (std::size_t i = 1; i < r.size(); ++i)
                cairo_line_to(mcr.get(), r[i].x, r[i].y);
            cairo_close_path(mcr.get());
            box.add(r, 1);
        }
        cairo_set_fill_rule(mcr.get(), CAIRO_FILL_RULE_EVEN_ODD);
        cairo_set_source_rgba(mcr.get(), 0, 0, 0, 1);
        cairo_fill(mcr.get());
        cairo_surface_flush(mask.get());
        it = impl_->masks.emplace(g.clipKey, Impl::Mask{std::move(mask), box}).first;
    }
    // The group and its mask are composited only over the box that both the clip and the
    // group's own paint can touch: fronts cover a part of the frame, and a full-frame group
    // costs a clear and two full-frame composites per frame.
    PixelBox paint;
    for (const auto& f : g.fills)
        paint.add(f.path, 1);
    for (const auto& s : g.strokes)
        paint.add(s.path, s.width / 2 + 1);
    const PixelBox box =
        paint.intersect(it->second.box).intersect(PixelBox::frame(impl_->width, impl_->height));
    if (box.empty())
        return;
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    cairo_rectangle(cr, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    cairo_clip(cr);
    cairo_push_group(cr);
    for (const auto& f : g.fills)
        fill(f);
    for (const auto& s : g.strokes)
        stroke(s);
    cairo_pop_group_to_source(cr);
    cairo_mask_surface(cr, it->second.surface.get(), 0, 0);
    cairo_restore(cr);
}

void CairoCanvas::cached(std::uint64_t key, const std::function<void(render::Canvas&)>& draw) {
    if (impl_->kind != SurfaceKind::Image) {
        draw(*this);
        return;
    }
    cairo_t* cr = impl_->cr.get();
    if (!impl_->cache || impl_->cacheKey != key) {
        draw(*this);
        cairo_surface_flush(impl_->surface.get());
        if (!impl_->cache)
            impl_->cache.reset(
                cairo_image_surface_create(CAIRO_FORMAT_ARGB32, impl_->width, impl_->height));
        ContextPtr copy(cairo_create(impl_->cache.get()));
        cairo_set_operator(copy.get(), CAIRO_OPERATOR_SOURCE);
        cairo_set_source_surface(copy.get(), impl_->surface.get(), 0, 0);
        cairo_paint(copy.get());
        impl_->cacheKey = key;
        return;
    }
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface(cr, impl_->cache.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
}

void CairoCanvas::cachedOverlay(std::uint64_t key,
                                const std::function<void(render::Canvas&)>& draw) {
    if (impl_->kind != SurfaceKind::Image) {
        draw(*this);
        return;
    }
    if (!impl_->overlay || impl_->overlayKey != key) {
        // A new surface starts transparent; an old one is cleared where it was drawn on.
        if (!impl_->overlay) {
            impl_->overlay.reset(
                cairo_image_surface_create(CAIRO_FORMAT_ARGB32, impl_->width, impl_->height));
        } else {
            ContextPtr clear(cairo_create(impl_->overlay.get()));
            cairo_set_operator(clear.get(), CAIRO_OPERATOR_CLEAR);
            impl_->overlayTiles.addPath(clear.get());
            cairo_fill(clear.get());
        }
        // Draw into the transparent layer by pointing this canvas at it for a moment.
        ContextPtr layer(cairo_create(impl_->overlay.get()));
        std::swap(impl_->cr, layer);
        try {
            draw(*this);
        } catch (...) {
            std::swap(impl_->cr, layer);
            throw;
        }
        std::swap(impl_->cr, layer);
        cairo_surface_flush(impl_->overlay.get());
        impl_->overlayTiles.scan(impl_->overlay.get());
        impl_->overlayKey = key;
    }
    cairo_t* cr = impl_->cr.get();
    cairo_save(cr);
    cairo_set_source_surface(cr, impl_->overlay.get(), 0, 0);
    cairo_new_path(cr);
    impl_->overlayTiles.addPath(cr);
    cairo_fill(cr);
    cairo_restore(cr);
}

Point CairoCanvas::measure(const std::string& text, const scene::Font& font) {
    // Labels are measured every frame; shaping the same text again is wasted work.
    const std::string key = font.family + '|' + std::to_string(font.size) + '|' +
                            (font.bold ? 'b' : '-') + (font.italic ? 'i' : '-') + '|' +
                            std::to_string(font.letterSpacing);
    auto& cache = impl_->measured;
    auto it = cache.find({key, text});
    if (it != cache.end())
        return it->second;
    if (cache.size() > 4096)
        cache.clear();
    const Point size = impl_->lineSize(text, font);
    cache.emplace(std::pair{key, text}, size);
    return size;
}

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

void CairoCanvas::showPage() {
    cairo_show_page(impl_->cr.get());
}

void CairoCanvas::finish() {
    cairo_surface_finish(impl_->surface.get());
    check(cairo_surface_status(impl_->surface.get()), "cannot finish the vector file");
}

} // namespace mapreel::adapters

namespace mapreel::adapters {

void setFontWarningHandler(std::function<void(const std::string&)> handler) {
    auto& w = fontWarnings();
    const std::scoped_lock lock(w.mutex);
    w.handler = std::move(handler);
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
