// SPDX-License-Identifier: MIT
// Geodesics on WGS84 through PROJ: known distances to a millimetre, and the circles, arcs
// and discs built on them.
#include "proj/proj_geodesic.hpp"

#include "mapreel/geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace mapreel;

namespace {

constexpr double kMm = 1e-6; // a millimetre, in kilometres

const adapters::ProjGeodesic& wgs84() {
    static const adapters::ProjGeodesic g;
    return g;
}

double km(Point a, Point b) {
    return wgs84().inverse(a, b).km;
}

/// Cases of Karney's geodesic test set (GeodTest, as in GeographicLib's own tests):
/// lat1, lon1, azi1, lat2, lon2, azi2 (degrees), s12 (metres), a12 (degrees).
struct KarneyCase {
    double lat1, lon1, azi1, lat2, lon2, azi2, s12, a12;
};
const std::vector<KarneyCase> kKarney = {
    {35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762,
     8935244.5604818305, 80.50729714281974},
    {55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519,
     4105086.1713924406, 36.892740690445894},
    {-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466,
     8394328.894657671, 75.62930491011522},
};

double azimuth360(double a) {
    return a < 0 ? a + 360 : a;
}

} // namespace

TEST(ProjGeodesic, KarneysTestSetToAMillimetre) {
    for (const auto& c : kKarney) {
        const Point a{c.lon1, c.lat1};
        const Point b{c.lon2, c.lat2};
        const auto inv = wgs84().inverse(a, b);
        EXPECT_NEAR(inv.km, c.s12 / 1000, kMm) << c.lat1;
        EXPECT_NEAR(inv.arcDeg, c.a12, 1e-9) << c.lat1;
        EXPECT_NEAR(inv.azimuth1, azimuth360(c.azi1), 1e-9) << c.lat1;
        EXPECT_NEAR(inv.azimuth2, azimuth360(c.azi2), 1e-9) << c.lat1;
        // And back: the direct problem lands on the second point, within a millimetre.
        const Point to = wgs84().direct(a, c.azi1, c.s12 / 1000);
        EXPECT_NEAR(km(to, b), 0, kMm) << c.lat1;
        EXPECT_NEAR(to.x, normalizeLon(c.lon2), 1e-9) << c.lat1;
    }
}

TEST(ProjGeodesic, KnownLengthsOfTheEllipsoid) {
    // A quarter of the equator is a quarter of the equatorial circle: a * pi / 2.
    EXPECT_NEAR(km({0, 0}, {90, 0}), 6378.137 * M_PI / 2, kMm);
    // The meridian quadrant of WGS84: 10,001,965.729 m from the equator to the pole.
    EXPECT_NEAR(km({-40, 0}, {-40, 90}), 10001.965729, kMm);
    EXPECT_NEAR(km({10, 0}, {10, -90}), 10001.965729, kMm);
    // Across the antimeridian the short way: 2 degrees of the equator, not 358.
    EXPECT_NEAR(km({179, 0}, {-179, 0}), 6378.137 * M_PI / 90, kMm);
    EXPECT_NEAR(km({5, 5}, {5, 5}), 0, kMm);
}

TEST(ProjGeodesic, LinesRunAlongTheGeodesic) {
    const Point nyc{-74.0060, 40.7128};
    const Point tokyo{139.6917, 35.6895}; // over the Arctic
    const auto inv = wgs84().inverse(nyc, tokyo);
    const LineString line = geo::greatCircle(wgs84(), nyc, tokyo, 1.0);
    ASSERT_EQ(line.size(), static_cast<std::size_t>(std::ceil(inv.arcDeg)) + 1);
    EXPECT_EQ(line.front(), nyc);
    EXPECT_EQ(line.back(), tokyo);
    const double piece = inv.km / static_cast<double>(line.size() - 1);
    double maxLat = -90;
    for (std::size_t i = 0; i < line.size(); ++i) {
        EXPECT_NEAR(km(nyc, line[i]) + km(line[i], tokyo), inv.km, kMm) << i;
        if (i > 0) {
            EXPECT_NEAR(km(line[i - 1], line[i]), piece, kMm) << i;
        }
        maxLat = std::max(maxLat, line[i].y);
    }
    EXPECT_GT(maxLat, 65);
    // A path keeps its corners and densifies each leg.
    const LineString path = geo::greatCirclePath(wgs84(), {{0, 0}, {10, 0}, {10, 10}}, 1.0);
    // (10 degrees of the equator are 10.03 degrees of arc on the auxiliary sphere: 11 pieces.)
    const auto leg1 = static_cast<std::size_t>(std::ceil(wgs84().inverse({0, 0}, {10, 0}).arcDeg));
    const auto leg2 =
        static_cast<std::size_t>(std::ceil(wgs84().inverse({10, 0}, {10, 10}).arcDeg));
    EXPECT_EQ(path.size(), leg1 + leg2 + 1);
    EXPECT_EQ(path[leg1], (Point{10, 0}));
}

TEST(ProjGeodesic, CirclesAndArcsAreAtTheirRadius) {
    const Point centre{-83.0565, 22.7166}; // San Cristobal
    const Ring ring = geo::geodesicCircle(wgs84(), centre, 2000);
    ASSERT_EQ(ring.size(), 360U);
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const auto inv = wgs84().inverse(centre, ring[i]);
        EXPECT_NEAR(inv.km, 2000, kMm) << i;
        EXPECT_NEAR(inv.azimuth1, static_cast<double>(i), 1e-9) << i;
    }
    EXPECT_NEAR(ring[0].x, centre.x, 1e-9); // due north first, then east
    EXPECT_GT(ring[90].x, centre.x);
    EXPECT_EQ(geo::geodesicCircle(wgs84(), centre, 100, 90).size(), 8U);
    // The quarantine line: 500 nautical miles from Maisi, bearing 325 to 150 through north.
    const Point maisi{-74.1329, 20.2046};
    const LineString arc = geo::geodesicArc(wgs84(), maisi, 926, -35, 150);
    ASSERT_EQ(arc.size(), 186U);
    EXPECT_NEAR(wgs84().inverse(maisi, arc.front()).azimuth1, 325, 1e-9);
    EXPECT_NEAR(wgs84().inverse(maisi, arc.back()).azimuth1, 150, 1e-9);
    EXPECT_NEAR(km(maisi, arc[92]), 926, kMm);
}

TEST(ProjGeodesic, DiscsOutOfRangeAreEmpty) {
    EXPECT_TRUE(geo::geodesicDisc(wgs84(), {0, 0}, 0).empty());
    EXPECT_TRUE(geo::geodesicDisc(wgs84(), {0, 0}, -5).empty());
    EXPECT_TRUE(geo::geodesicDisc(wgs84(), {0, 0}, kHalfCircumferenceKm + 1).empty());
    EXPECT_TRUE(geo::geodesicDisc(wgs84(), {0, 0}, std::nan("")).empty());
}

TEST(ProjGeodesic, DiscsCrossingTheSeamOrHoldingAPole) {
    // 1,000 km round a point near the antimeridian: two pieces, either side of the map.
    const MultiPolygon pacific = geo::geodesicDisc(wgs84(), {177, 50}, 1000);
    ASSERT_EQ(pacific.size(), 2U);
    EXPECT_TRUE(contains(pacific, {179, 50}));
    EXPECT_TRUE(contains(pacific, {-179, 50}));
    EXPECT_TRUE(contains(pacific, {-175, 52}));
    EXPECT_FALSE(contains(pacific, {0, 50}));
    EXPECT_FALSE(contains(pacific, {177, 60}));

    // 2,000 km round 80N: the pole is inside, and the piece reaches it.
    const MultiPolygon polar = geo::geodesicDisc(wgs84(), {30, 80}, 2000);
    ASSERT_EQ(polar.size(), 1U);
    EXPECT_NEAR(bounds(polar).maxY, 90, 1e-9);
    EXPECT_TRUE(contains(polar, {-150, 85})); // beyond the pole from the centre
    EXPECT_TRUE(contains(polar, {30, 70}));
    EXPECT_FALSE(contains(polar, {30, 60}));
    for (const Point p : polar[0].rings[0])
        if (p.y < 89.999 && std::abs(std::abs(p.x) - 180) > 1e-6) {
            EXPECT_NEAR(km({30, 80}, p), 2000, kMm); // the circle itself
        }

    // 15,000 km round the Gulf of Guinea: all but a cap round the antipode in the Pacific.
    const MultiPolygon most = geo::geodesicDisc(wgs84(), {0, 0}, 15000);
    ASSERT_FALSE(most.empty());
    EXPECT_TRUE(contains(most, {120, 0}));
    EXPECT_TRUE(contains(most, {0, 89}));
    EXPECT_TRUE(contains(most, {-100, -60}));
    EXPECT_FALSE(contains(most, {170, 0}));
    EXPECT_FALSE(contains(most, {-170, 10}));

    // A map centred on 150E: the Pacific disc is whole, one piece.
    EXPECT_EQ(geo::geodesicDisc(wgs84(), {177, 50}, 1000, -30).size(), 1U);
}
