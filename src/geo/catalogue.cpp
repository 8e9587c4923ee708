// SPDX-License-Identifier: MIT
#include "mapreel/geo/catalogue.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
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

CountryAtlas::CountryAtlas(FeatureSource& features, std::string dataDir)
    : features_(features), dataDir_(std::move(dataDir)) {}

void CountryAtlas::readTable() {
    auto rows = features_.read({dataPath(dataDir_, kCountryTable), {}, {}, std::nullopt, true});
    table_.emplace();
    table_->reserve(rows.size());
    for (const auto& row : rows) {
        std::string numeric = row.attribute("ISO_N3");
        while (numeric.size() < 3 && !numeric.empty())
            numeric.insert(numeric.begin(), '0');
        table_->push_back({row.attribute("ADM0_A3"), row.attribute("ISO_A3"), std::move(numeric)});
    }
}

void CountryAtlas::readShapes(const std::vector<std::string>& ids) {
    // One pass of the file, whatever the number of countries: the ids as one filter, with
    // the parts the 10m shapes draw apart without a code.
    std::string where;
    for (const auto& id : ids) {
        where.append(where.empty() ? "id IN ('" : "', '").append(id);
        idsRead_[id] = true;
    }
    where.append("')");
    if (!uncodedRead_) {
        where.append(" OR name IN ('");
        for (std::size_t i = 0; i < kUncodedParts.size(); ++i)
            where.append(i == 0 ? "" : "', '").append(kUncodedParts[i].second);
        where.append("')");
        uncodedRead_ = true;
    }
    auto read = features_.read(
        {dataPath(dataDir_, kCountryShapes), "countries", std::move(where), std::nullopt, false});
    for (auto& f : read) {
        const std::size_t i = shapes_.size();
        byId_[f.attribute("id")].push_back(i);
        byName_[f.attribute("name")].push_back(i);
        shapes_.push_back(std::move(f));
    }
}

const CountryAtlas::Codes* CountryAtlas::codes(const std::string& alpha3) {
    if (!table_)
        readTable();
    // The first row naming the code, as its ADM0_A3 or its ISO_A3.
    const auto row = std::find_if(table_->begin(), table_->end(), [&](const Codes& c) {
        return c.adm0 == alpha3 || c.iso == alpha3;
    });
    return row == table_->end() ? nullptr : &*row;
}

void CountryAtlas::expect(const std::vector<std::string>& alpha3) {
    std::vector<std::string> ids;
    for (const auto& code : alpha3) {
        const Codes* c = codes(code);
        if (c != nullptr && !c->numeric.empty() && c->numeric != "-99" &&
            !idsRead_.contains(c->numeric) &&
            std::find(ids.begin(), ids.end(), c->numeric) == ids.end())
            ids.push_back(c->numeric);
    }
    if (!ids.empty())
        readShapes(ids);
}

MultiPolygon CountryAtlas::shape(const std::string& alpha3) {
    const Codes* row = codes(alpha3);
    if (row == nullptr)
        throw DataError("unknown country code '" + alpha3 +
                        "' (not in Natural Earth admin 0 countries)");
    MultiPolygon shape;
    auto append = [&](const std::vector<std::size_t>* found) {
        if (found != nullptr)
            for (const std::size_t i : *found)
                for (const auto& poly : shapes_[i].polygons)
                    shape.push_back(poly);
    };
    auto lookup = [](const auto& index, const std::string& key) {
        const auto it = index.find(key);
        return it == index.end() ? nullptr : &it->second;
    };
    if (!row->numeric.empty() && row->numeric != "-99") {
        if (!idsRead_.contains(row->numeric))
            readShapes({row->numeric});
        append(lookup(byId_, row->numeric));
        // Areas the 10m shapes split from their country without a code of their own;
        // without them the country has a hole.
        for (const auto& [owner, name] : kUncodedParts)
            if (alpha3 == owner)
                append(lookup(byName_, std::string(name)));
    }
    fromShapes_[alpha3] = !shape.empty();
    if (shape.empty()) {
        // No 10m shape: the 1:50m one, read for this country alone (a handful of places
        // without an ISO number, such as Kosovo or Somaliland).
        std::string where = "ADM0_A3 = '";
        where.append(alpha3).append("' OR ISO_A3 = '").append(alpha3).append("'");
        appendPolygons(
            features_.read(
                {dataPath(dataDir_, kCountryTable), {}, std::move(where), std::nullopt, false}),
            shape);
    }
    return shape;
}

bool CountryAtlas::sharesBorders(const std::string& alpha3) const {
    const auto it = fromShapes_.find(alpha3);
    return it != fromShapes_.end() && it->second;
}

} // namespace mapreel::geo
