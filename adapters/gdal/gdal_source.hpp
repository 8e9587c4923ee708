// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

namespace mapreel::adapters {

/// Reads any OGR vector source (GeoJSON, TopoJSON, GeoPackage, Shapefile, /vsigzip/...).
class GdalFeatureSource final : public geo::FeatureSource {
public:
    GdalFeatureSource();
    [[nodiscard]] std::vector<geo::Feature> read(const geo::LayerQuery& query) override;
};

} // namespace mapreel::adapters
