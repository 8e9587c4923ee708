// SPDX-License-Identifier: MIT
#include "cairo_canvas_p.hpp"

#include "mapreel/core/error.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>

namespace mapreel::adapters {

void check(cairo_status_t s, const char* what) {
    if (s != CAIRO_STATUS_SUCCESS)
        throw IoError(std::string(what) + ": " + cairo_status_to_string(s));
}

CairoCanvas::Impl::Impl(int w, int h, SurfaceKind surfaceKind, const std::string& path)
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

void CairoCanvas::Impl::path(const scene::Path& p) const {
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

void CairoCanvas::Impl::path(const std::vector<render::PathRun>& runs) const {
    cairo_new_path(cr.get());
    for (const auto& run : runs) {
        const Point first = run.at(0);
        cairo_move_to(cr.get(), first.x, first.y);
        for (std::size_t k = 1; k < run.count; ++k) {
            const Point q = run.at(k);
            cairo_line_to(cr.get(), q.x, q.y);
        }
        if (run.closed)
            cairo_close_path(cr.get());
    }
}

void CairoCanvas::Impl::clip(const std::optional<scene::Path>& c) const {
    if (!c)
        return;
    path(*c);
    cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_EVEN_ODD);
    cairo_clip(cr.get());
}

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
    if (impl_->kind == SurfaceKind::Image && s.dash.empty()) {
        // Only the segments that can paint in the image: Cairo strokes every segment it is
        // given, and a coastline of a map drawn close up runs far beyond the frame. A miter
        // reaches out to the miter limit times half the width; a pixel more for the
        // antialiased edge.
        const double reach = s.width / 2 * (s.round ? 1 : cairo_get_miter_limit(cr)) + 1;
        impl_->path(render::visibleRuns(
            s.path, Rect{0, 0, double(impl_->width), double(impl_->height)}, reach));
    } else {
        impl_->path(s.path);
    }
    cairo_set_line_width(cr, s.width);
    cairo_set_line_join(cr, s.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, s.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    if (!s.dash.empty())
        cairo_set_dash(cr, s.dash.data(), static_cast<int>(s.dash.size()), 0);
    impl_->colour(s.color);
    cairo_stroke(cr);
    cairo_restore(cr);
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
    if (p.opacity <= 0)
        return;
    cairo_save(cr);
    // A fading panel is drawn whole into a group, then painted at its opacity, so its edge
    // and shadow fade with it.
    const bool fading = p.opacity < 1;
    if (fading) {
        // The group is as large as the clip: the panel, its stroke and its shadow, not the
        // frame (a group surface is allocated, cleared and composited whole).
        const double margin = p.shadow + p.strokeWidth + 2;
        cairo_rectangle(cr, p.box.minX - margin, p.box.minY - margin, p.box.width() + 2 * margin,
                        p.box.height() + 2 * margin);
        cairo_clip(cr);
        cairo_push_group(cr);
    }
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
    if (fading) {
        cairo_pop_group_to_source(cr);
        cairo_paint_with_alpha(cr, p.opacity);
    }
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
        // Kept for the next frames unless this frame is one of a move (the last one missed
        // too, with another key); the first frame after a move is then drawn twice, once
        // to show and once to keep, instead of copying every frame of the move.
        const bool moving = impl_->lastMissKey != 0 && impl_->lastMissKey != key;
        impl_->lastMissKey = key;
        if (moving)
            return;
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
    impl_->lastMissKey = 0;
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface(cr, impl_->cache.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
}

bool CairoCanvas::holds(std::uint64_t key) const {
    return impl_->kind == SurfaceKind::Image && impl_->cache && impl_->cacheKey == key;
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

void CairoCanvas::showPage() {
    cairo_show_page(impl_->cr.get());
}

void CairoCanvas::finish() {
    cairo_surface_finish(impl_->surface.get());
    check(cairo_surface_status(impl_->surface.get()), "cannot finish the vector file");
}

} // namespace mapreel::adapters
