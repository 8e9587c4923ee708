// SPDX-License-Identifier: MIT
#include "cairo_canvas_p.hpp"
#include "text_scripts.hpp"

#include "mapreel/core/error.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace mapreel::adapters {

namespace {

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

} // namespace

/// Warns (once) when `family` is not installed and says what fontconfig uses instead.
void CairoCanvas::Impl::checkFamily(const std::string& family, PangoFontDescription* desc) {
    if (!checkedFamilies.insert(family).second)
        return;
    PangoContext* context = pango_layout_get_context(layout.get());
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
void CairoCanvas::Impl::checkGlyphs(const std::string& text) {
    if (pango_layout_get_unknown_glyphs_count(layout.get()) == 0 ||
        !checkedTexts.insert(text).second)
        return;
    std::set<char32_t> missing;
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    do {
        PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
        if (run == nullptr)
            continue;
        const std::span<PangoGlyphInfo> glyphs(run->glyphs->glyphs,
                                               static_cast<std::size_t>(run->glyphs->num_glyphs));
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

void CairoCanvas::Impl::setFont(const scene::Font& f) {
    FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), f.family.c_str());
    pango_font_description_set_absolute_size(desc.get(), f.size * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(), f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(desc.get(),
                                     f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout.get(), desc.get());
    checkFamily(f.family, desc.get());
    PangoAttrList* attrs = pango_attr_list_new();
    if (f.letterSpacing != 0)
        pango_attr_list_insert(
            attrs, pango_attr_letter_spacing_new(static_cast<int>(f.letterSpacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
}

Point CairoCanvas::Impl::lineSize(const std::string& text, const scene::Font& f) {
    setFont(f);
    pango_layout_set_width(layout.get(), -1);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    checkGlyphs(text);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return {logical.width / static_cast<double>(PANGO_SCALE),
            logical.height / static_cast<double>(PANGO_SCALE)};
}

double CairoCanvas::Impl::wrapped(const std::string& text, const scene::Font& f, double wrapWidth) {
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

namespace {

/// Where a label sits within its pixel, in steps of an eighth: finer than the eye can
/// tell, coarse enough for a label at rest to be drawn once.
constexpr double kSubpixelSteps = 8;
/// How many frames of pixels the sprites of one canvas may hold (CairoCanvas::text).
constexpr std::size_t kSpriteFrames = 1;

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

std::size_t CairoCanvas::labelCacheBytes() const noexcept {
    return impl_->spriteBytes;
}

void CairoCanvas::Impl::trimSprites(std::size_t more) {
    // Within the pixels of a frame (at least 4 MB): a label that fades or moves makes a new
    // sprite every frame (its colour or sub-pixel place is part of the key), and kept by the
    // thousand they were some 50 MB a lane.
    const std::size_t budget = std::max<std::size_t>(
        std::size_t{4} << 20,
        static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4 * kSpriteFrames);
    if (spriteBytes + more <= budget)
        return;
    // Drop the least recently drawn until half the budget is left: labels at rest are drawn
    // every frame and stay; the one-frame sprites of fading or moving labels go.
    std::vector<std::pair<std::uint64_t, std::string>> byUse;
    byUse.reserve(sprites.size());
    for (const auto& [key, s] : sprites)
        byUse.emplace_back(s.lastUse, key);
    std::sort(byUse.begin(), byUse.end());
    for (const auto& [use, key] : byUse) {
        if (spriteBytes + more <= budget / 2)
            break;
        const auto it = sprites.find(key);
        spriteBytes -= it->second.bytes;
        sprites.erase(it);
    }
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
        const auto bytes =
            static_cast<std::size_t>(ink.width()) * static_cast<std::size_t>(ink.height()) * 4;
        impl_->trimSprites(bytes);
        impl_->spriteBytes += bytes;
        SurfacePtr sprite(
            cairo_image_surface_create(CAIRO_FORMAT_ARGB32, ink.width(), ink.height()));
        ContextPtr scr(cairo_create(sprite.get()));
        impl_->drawLaidOut(scr.get(), t,
                           {-ink.x0 + subX / kSubpixelSteps, -ink.y0 + subY / kSubpixelSteps},
                           offset);
        cairo_surface_flush(sprite.get());
        it = impl_->sprites.emplace(key, Impl::Sprite{std::move(sprite), ink.x0, ink.y0, bytes})
                 .first;
    }
    auto& sprite = it->second;
    sprite.lastUse = ++impl_->spriteClock;
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

void setFontWarningHandler(std::function<void(const std::string&)> handler) {
    auto& w = fontWarnings();
    const std::scoped_lock lock(w.mutex);
    w.handler = std::move(handler);
}

} // namespace mapreel::adapters
