// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace mapreel::adapters {

/// Reads any OGR vector source (GeoJSON, TopoJSON, GeoPackage, Shapefile, /vsigzip/...).
///
/// Compressed GeoJSON/TopoJSON must be parsed whole on every open: the first read converts
/// it once to a GeoPackage (spatially indexed) in the cache folder, and later reads use
/// that, or one already converted in a prepared folder (read-only).
class GdalFeatureSource final : public geo::FeatureSource {
public:
    /// Converts into geo::cacheFolder().
    GdalFeatureSource();
    /// Converts into `cache` (none: never converts) and also looks in `prepared`.
    GdalFeatureSource(std::optional<std::filesystem::path> cache,
                      std::vector<std::filesystem::path> prepared);
    [[nodiscard]] std::vector<geo::Feature> read(const geo::LayerQuery& query) override;

private:
    [[nodiscard]] std::string converted(const std::string& path) const;

    std::optional<std::filesystem::path> cache_;
    std::vector<std::filesystem::path> prepared_;
};

} // namespace mapreel::adapters
