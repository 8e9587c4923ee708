// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/geo/geo.hpp"

#include <string>
#include <vector>

/// The bundled base data: which Natural Earth file holds what, which attribute says what,
/// and how a country is found by its ISO code. The one place that knows the file names
/// under data/natural-earth/.
namespace mapreel::geo {

/// A bundled layer.
enum class BundledLayer {
    Depth200,  ///< sea deeper than 200 m (the shelf edge)
    Depth1000, ///< deeper than 1,000 m
    Depth2000, ///< deeper than 2,000 m
    Depth4000, ///< deeper than 4,000 m
    Land,
    Lakes,
    Rivers, ///< centre lines with a scale rank
    Borders,
    Disputed,
    Graticule,       ///< every 5 degrees
    GeographyLabels, ///< names of oceans, seas and continents, with where they sit
};

/// The depth bands, shallow to deep.
inline constexpr BundledLayer kDepthBands[] = {BundledLayer::Depth200, BundledLayer::Depth1000,
                                               BundledLayer::Depth2000, BundledLayer::Depth4000};

/// The GDAL path of a bundled layer under `dataDir` (the folder holding natural-earth/).
[[nodiscard]] std::string bundledPath(const std::string& dataDir, BundledLayer layer);

/// A river's Natural Earth scale rank (0 = largest); 10 when the feature has none.
[[nodiscard]] int riverRank(const Feature& river);

/// The lon/lat shape of the country with ISO 3166 alpha-3 code `alpha3`: Natural Earth's
/// 10m shape (world-atlas), with the parts the 10m data draws apart without a code of their
/// own (Baikonur for Kazakhstan), or the 1:50m shape where 10m has none. Throws DataError
/// for a code Natural Earth does not know.
[[nodiscard]] MultiPolygon countryShape(FeatureSource& features, const std::string& dataDir,
                                        const std::string& alpha3);

} // namespace mapreel::geo
