// SPDX-License-Identifier: MIT
#pragma once
// A little of every bundled layer, served by FakeGeo over the box [10, 13] x [10, 12]: land,
// a focus country (AAA), depth bands, a lake, a river, borders, disputed lines, a graticule.
#include "support/fake_geo.hpp"

#include <string>

namespace mapreel::testing {

inline Polygon square(double x, double y, double d) {
    return Polygon{{Ring{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}};
}

/// Serves a little of every bundled layer.
inline void serveBaseData(FakeGeo& geo) {
    geo::Feature land;
    land.polygons = {square(10.05, 10.05, 2.9)};
    geo.features.add("ne_10m_land.geojson.gz", land);
    geo::Feature country; // the focus country AAA
    country.polygons = {square(10.05, 11.0, 1.0)};
    country.attributes["ADM0_A3"] = "AAA"; // no ISO number: drawn from this 1:50m shape
    geo.features.add("ne_50m_admin_0_countries.geojson.gz", country);
    for (const char* band : {"K_200", "J_1000", "I_2000", "G_4000"}) {
        geo::Feature depth;
        depth.polygons = {square(12.0, 10.0, 0.5)};
        geo.features.add(std::string("bathymetry_") + band + ".geojson.gz", depth);
    }
    geo::Feature lake;
    lake.polygons = {square(11.1, 11.1, 0.2)};
    geo.features.add("ne_10m_lakes.geojson.gz", lake);
    geo::Feature river;
    river.lines = {{{10.2, 11.5}, {11.0, 11.4}, {12.0, 11.5}}};
    river.attributes["scalerank"] = "1";
    geo.features.add("rivers_lake_centerlines_scale_rank.geojson.gz", river);
    geo::Feature line;
    line.lines = {{{10.1, 11.0}, {12.9, 11.05}}};
    for (const char* layer : {"ne_10m_admin_0_boundary_lines_land.geojson.gz",
                              "ne_10m_admin_0_boundary_lines_disputed_areas.geojson.gz",
                              "ne_10m_graticules_5.geojson.gz"})
        geo.features.add(layer, line);
}

} // namespace mapreel::testing
