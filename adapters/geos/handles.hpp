// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

#include <geos_c.h>

#include <type_traits>

/// Owning handles for GEOS objects (the reentrant API: geometries belong to a context).
namespace mapreel::adapters {

using GeosContextPtr = Handle<std::remove_pointer_t<GEOSContextHandle_t>, &GEOS_finish_r>;
using GeomPtr = ContextHandle<GEOSGeometry, &GEOSGeom_destroy_r, GEOSContextHandle_t>;

} // namespace mapreel::adapters
