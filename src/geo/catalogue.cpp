// SPDX-License-Identifier: MIT
#include "mapreel/geo/catalogue.hpp"

#include "mapreel/core/error.hpp"

#include <array>
#include <filesystem>
#include <string_view>
#include <utility>

namespace mapreel::geo {

namespace {

constexpr std::string_view kCountryTable = "ne_50m_admin_0_countries.geojson.gz";
constexpr std::string_view kCountryShapes = "world-atlas-countries-10m.topojson.gz";

/// Parts of a country that Natural Earth's 10m shapes (world-atlas) draw apart without an
/// ISO code, by the alpha-3 code of the country they belong to: Baikonur is Kazakh
/// territory leased to Russia.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kUncodedParts{{
    {"KAZ", "Baikonur"},
}};

std::string dataPath(const std::string& dataDir, std::string_view name) {
    return "/vsigzip/" + (std::filesystem::path(dataDir) / "natural-earth" / name).string();
}

/// An OGR filter selecting a feature by its name.
std::string whereName(std::string_view name) {
    std::string where = "name = '";
    where.append(name).append(1, '\'');
    return where;
}

void appendPolygons(std::vector<Feature>&& features, MultiPolygon& out) {
    for (auto& f : features)
        for (auto& poly : f.polygons)
            out.push_back(std::move(poly));
}

} // namespace

std::string bundledPath(const std::string& dataDir, BundledLayer layer) {
    switch (layer) {
    case BundledLayer::Depth200:
        return dataPath(dataDir, "ne_10m_bathymetry_K_200.geojson.gz");
    case BundledLayer::Depth1000:
        return dataPath(dataDir, "ne_10m_bathymetry_J_1000.geojson.gz");
    case BundledLayer::Depth2000:
        return dataPath(dataDir, "ne_10m_bathymetry_I_2000.geojson.gz");
    case BundledLayer::Depth4000:
        return dataPath(dataDir, "ne_10m_bathymetry_G_4000.geojson.gz");
    case BundledLayer::Land:
        return dataPath(dataDir, "ne_10m_land.geojson.gz");
    case BundledLayer::Lakes:
        return dataPath(dataDir, "ne_10m_lakes.geojson.gz");
    case BundledLayer::Rivers:
        return dataPath(dataDir, "ne_10m_rivers_lake_centerlines_scale_rank.geojson.gz");
    case BundledLayer::Borders:
        return dataPath(dataDir, "ne_10m_admin_0_boundary_lines_land.geojson.gz");
    case BundledLayer::Disputed:
        return dataPath(dataDir, "ne_10m_admin_0_boundary_lines_disputed_areas.geojson.gz");
    case BundledLayer::Graticule:
        return dataPath(dataDir, "ne_10m_graticules_5.geojson.gz");
    case BundledLayer::GeographyLabels:
        return dataPath(dataDir, "geography-labels.geojson.gz");
    }
    return {};
}

int riverRank(const Feature& river) {
    try {
        return std::stoi(river.attribute("scalerank"));
    } catch (const std::exception&) {
        return 10;
    }
}

MultiPolygon countryShape(FeatureSource& features, const std::string& dataDir,
                          const std::string& alpha3) {
    // Natural Earth 10m shapes (world-atlas) carry ISO numeric ids; the 1:50m table maps
    // alpha-3 to numeric and stands in where 10m has no id.
    std::string where = "ADM0_A3 = '";
    where.append(alpha3).append("' OR ISO_A3 = '").append(alpha3).append("'");
    auto rows = features.read(
        {dataPath(dataDir, kCountryTable), {}, std::move(where), std::nullopt, false});
    if (rows.empty())
        throw DataError("unknown country code '" + alpha3 +
                        "' (not in Natural Earth admin 0 countries)");
    MultiPolygon shape;
    std::string numeric = rows.front().attribute("ISO_N3");
    while (numeric.size() < 3 && !numeric.empty())
        numeric.insert(numeric.begin(), '0');
    if (!numeric.empty() && numeric != "-99") {
        appendPolygons(features.read({dataPath(dataDir, kCountryShapes), "countries",
                                      "id = '" + numeric + "'", std::nullopt, false}),
                       shape);
        // Areas the 10m shapes split from their country without a code of their own;
        // without them the country has a hole.
        for (const auto& [owner, name] : kUncodedParts)
            if (alpha3 == owner)
                appendPolygons(features.read({dataPath(dataDir, kCountryShapes), "countries",
                                              whereName(name), std::nullopt, false}),
                               shape);
    }
    if (shape.empty())
        appendPolygons(std::move(rows), shape);
    return shape;
}

} // namespace mapreel::geo
