// SPDX-License-Identifier: MIT
#pragma once

#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "install_paths.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/geo/geo.hpp"
#include "mapreel/geo/stored_ops.hpp"

#include <optional>
#include <string>

namespace mapreel::adapters {

/// The adapters behind the geo interfaces, for the timelines of one run. Converted base data
/// and slow geometry results (clipped layers, country unions) are kept on disk between runs
/// (the cache folder, geo::StoredGeometryOps), unless MAPREEL_NO_CACHE is set or `store` is
/// false (the preview keeps its own caches in memory); both are also looked for, read-only,
/// in the results prepared with the installation (preparedDir()).
class GeoServices {
public:
    explicit GeoServices(std::string dataDir, bool store = true)
        : dataDir_(std::move(dataDir)), features_(cacheIf(store), preparedFolders()) {
        if (const auto folder = cacheIf(store)) {
            stored_.emplace(ops_, *folder / "geometry");
            for (const auto& p : preparedFolders())
                stored_->alsoReadFrom(p / "geometry");
        }
    }
    /// The services, valid while this object lives.
    [[nodiscard]] geo::Services view() {
        geo::GeometryOps& o = stored_ ? static_cast<geo::GeometryOps&>(*stored_) : ops_;
        return {features_, projectors_, o, geodesic_, dataDir_};
    }

    /// Stores every geometry result, not only the slow ones (`mapreel prepare`).
    void storeEveryResult() noexcept {
        if (stored_)
            stored_->storeEveryResult();
    }

    /// The stored results, or null when nothing is stored.
    [[nodiscard]] const geo::StoredGeometryOps* stored() const noexcept {
        return stored_ ? &*stored_ : nullptr;
    }

private:
    static std::optional<std::filesystem::path> cacheIf(bool store) {
        return store ? geo::cacheFolder() : std::nullopt;
    }
    static std::vector<std::filesystem::path> preparedFolders() {
        const std::string dir = preparedDir();
        if (dir.empty())
            return {};
        return {dir};
    }

    std::string dataDir_;
    GdalFeatureSource features_;
    ProjFactory projectors_;
    ProjGeodesic geodesic_;
    GeosOps ops_;
    std::optional<geo::StoredGeometryOps> stored_;
};

} // namespace mapreel::adapters
