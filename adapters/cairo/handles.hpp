// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

/// Owning handles for Cairo and Pango objects.
namespace mapreel::adapters {

using SurfacePtr = Handle<cairo_surface_t, &cairo_surface_destroy>;
using ContextPtr = Handle<cairo_t, &cairo_destroy>;
using LayoutPtr = Handle<PangoLayout, &g_object_unref>;
using FontPtr = Handle<PangoFont, &g_object_unref>;
using FontDescPtr = Handle<PangoFontDescription, &pango_font_description_free>;

} // namespace mapreel::adapters
