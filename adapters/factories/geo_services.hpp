// SPDX-License-Identifier: MIT
#pragma once

#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/geo/geo.hpp"
#include "mapreel/geo/stored_ops.hpp"

#include <optional>
#include <string>

namespace mapreel::adapters {

/// The adapters behind the geo interfaces, for the timelines of one run. Slow geometry
/// results (clipped layers, country unions) are kept on disk between runs
/// (geo::StoredGeometryOps in the cache folder), unless MAPREEL_NO_CACHE is set or
/// `store` is false (the preview keeps its own caches in memory).
class GeoServices {
public:
    explicit GeoServices(std::string dataDir, bool store = true) : dataDir_(std::move(dataDir)) {
        if (const auto folder = geo::cacheFolder(); folder && store)
            stored_.emplace(ops_, *folder / "geometry");
    }
    /// The services, valid while this object lives.
    [[nodiscard]] geo::Services view() {
        geo::GeometryOps& o = stored_ ? static_cast<geo::GeometryOps&>(*stored_) : ops_;
        return {features_, projectors_, o, geodesic_, dataDir_};
    }

private:
    std::string dataDir_;
    GdalFeatureSource features_;
    ProjFactory projectors_;
    ProjGeodesic geodesic_;
    GeosOps ops_;
    std::optional<geo::StoredGeometryOps> stored_;
};

} // namespace mapreel::adapters
