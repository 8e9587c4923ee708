// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/geo/geo.hpp"

#include <optional>
#include <string>
#include <unordered_map>
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

/// Natural Earth's countries, read once and kept: the 1:50m table mapping ISO 3166 alpha-3
/// codes to numeric ids, and the 10m shapes (world-atlas) by id. A map of many countries
/// (a bloc, an alliance) would otherwise scan both files once per country.
class CountryAtlas {
public:
    CountryAtlas(FeatureSource& features, std::string dataDir);

    /// The countries that will be asked for: their 10m shapes are then read in one pass of
    /// the file, and only theirs are kept. A country asked for without being named here is
    /// read on its own.
    void expect(const std::vector<std::string>& alpha3);

    /// The lon/lat shape of the country with alpha-3 code `alpha3`: the 10m shape, with the
    /// parts the 10m data draws apart without a code of their own (Baikonur for
    /// Kazakhstan), or the 1:50m shape where 10m has none. Throws DataError for a code
    /// Natural Earth does not know.
    [[nodiscard]] MultiPolygon shape(const std::string& alpha3);

    /// Whether shape(alpha3), already asked for, was made of the 10m shapes alone, whose
    /// borders its neighbours share vertex for vertex (see uniteSharedBorders); false for a
    /// 1:50m stand-in or a country not asked for yet.
    [[nodiscard]] bool sharesBorders(const std::string& alpha3) const;

private:
    struct Codes {
        std::string adm0;    ///< ADM0_A3
        std::string iso;     ///< ISO_A3
        std::string numeric; ///< ISO_N3, zero-padded to three digits; empty or "-99" = none
    };
    void readTable();
    /// Reads the 10m shapes whose numeric ids are `ids` (all of them when empty) in one pass.
    void readShapes(const std::vector<std::string>& ids);
    [[nodiscard]] const Codes* codes(const std::string& alpha3);

    FeatureSource& features_;
    std::string dataDir_;
    std::optional<std::vector<Codes>> table_;                          ///< the 1:50m rows, in order
    std::vector<Feature> shapes_;                                      ///< the 10m features read
    std::unordered_map<std::string, std::vector<std::size_t>> byId_;   ///< numeric id -> shapes_
    std::unordered_map<std::string, std::vector<std::size_t>> byName_; ///< name -> shapes_
    std::unordered_map<std::string, bool> fromShapes_; ///< alpha-3 -> made of 10m shapes
    std::unordered_map<std::string, bool> idsRead_;    ///< numeric id -> its shapes are read
    bool uncodedRead_ = false;                         ///< the parts without a code are read
};

} // namespace mapreel::geo
