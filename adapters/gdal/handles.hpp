// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include <type_traits>

/// Owning handles for GDAL/OGR objects.
namespace mapreel::adapters {

using DatasetPtr = Handle<std::remove_pointer_t<GDALDatasetH>, &GDALClose>;
using FeaturePtr = Handle<std::remove_pointer_t<OGRFeatureH>, &OGR_F_Destroy>;

} // namespace mapreel::adapters
