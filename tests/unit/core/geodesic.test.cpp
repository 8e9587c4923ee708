// SPDX-License-Identifier: MIT
#include "mapreel/core/geodesic.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;

namespace {

constexpr double kRad = M_PI / 180;

/// The midpoint by the closed formula of the Aviation Formulary (Ed Williams), independent of
/// the vector interpolation under test.
Point williamsMidpoint(Point a, Point b) {
    const double la = a.y * kRad;
    const double lb = b.y * kRad;
    const double dLon = (b.x - a.x) * kRad;
    const double bx = std::cos(lb) * std::cos(dLon);
    const double by = std::cos(lb) * std::sin(dLon);
    const double lat = std::atan2(std::sin(la) + std::sin(lb), std::hypot(std::cos(la) + bx, by));
    const double lon = a.x * kRad + std::atan2(by, std::cos(la) + bx);
    return {lon / kRad, lat / kRad};
}

double totalArea(const MultiPolygon& mp) {
    return area(mp);
}

} // namespace

TEST(Geodesic, RejectsNothingSilently) {
    // Out-of-range radii give no disc at all rather than a wrong one.
    EXPECT_TRUE(geodesicDisc({0, 0}, 0).empty());
    EXPECT_TRUE(geodesicDisc({0, 0}, -5).empty());
    EXPECT_TRUE(geodesicDisc({0, 0}, kHalfCircumferenceKm + 1).empty());
    EXPECT_TRUE(geodesicDisc({0, 0}, std::nan("")).empty());
}

TEST(Geodesic, NormalizesLongitudes) {
    EXPECT_DOUBLE_EQ(normalizeLon(180), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(-180), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(190), -170);
    EXPECT_DOUBLE_EQ(normalizeLon(-190), 170);
    EXPECT_DOUBLE_EQ(normalizeLon(540), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(12.5), 12.5);
}

TEST(Geodesic, KnownDistances) {
    // A quarter of the equator, one degree of a meridian, and the pole from the equator.
    EXPECT_NEAR(distanceKm({0, 0}, {90, 0}), M_PI / 2 * kEarthRadiusKm, 1e-6);
    EXPECT_NEAR(distanceKm({10, 0}, {10, 1}), kEarthRadiusKm * kRad, 1e-6);
    EXPECT_NEAR(distanceKm({-40, 0}, {123, 90}), M_PI / 2 * kEarthRadiusKm, 1e-6);
    // Across the antimeridian the short way: 2 degrees of the equator, not 358.
    EXPECT_NEAR(distanceKm({179, 0}, {-179, 0}), 2 * kEarthRadiusKm * kRad, 1e-6);
    // Havana to Washington: 1,825 km on the sphere (haversine, computed independently).
    EXPECT_NEAR(distanceKm({-82.3661, 23.1339}, {-77.0114, 38.9015}), 1825.07, 0.01);
    EXPECT_DOUBLE_EQ(kHalfCircumferenceKm, M_PI * kEarthRadiusKm);
}

TEST(Geodesic, DestinationAndBearingAgree) {
    const Point from{-83.0565, 22.7166};
    for (double bearing : {0.0, 37.0, 90.0, 181.0, 300.0}) {
        const Point to = destination(from, bearing, 2000);
        EXPECT_NEAR(distanceKm(from, to), 2000, 1e-6) << bearing;
        EXPECT_NEAR(bearingDeg(from, to), bearing, 1e-6) << bearing;
    }
    // Due east along the equator, and north over the pole onto the far meridian.
    const Point east = destination({0, 0}, 90, M_PI / 2 * kEarthRadiusKm);
    EXPECT_NEAR(east.x, 90, 1e-9);
    EXPECT_NEAR(east.y, 0, 1e-9);
    const Point over = destination({10, 80}, 0, 20 * kRad * kEarthRadiusKm);
    EXPECT_NEAR(over.x, -170, 1e-9);
    EXPECT_NEAR(over.y, 80, 1e-9);
    // From the pole itself every bearing still gives a point at the right distance.
    for (double bearing : {0.0, 90.0, 200.0})
        EXPECT_NEAR(distanceKm({0, 90}, destination({0, 90}, bearing, 1000)), 1000, 1e-6);
}

TEST(Geodesic, CirclePointsAreAtTheRadius) {
    const Point centre{-83.0565, 22.7166}; // San Cristobal
    const Ring ring = geodesicCircle(centre, 2000);
    ASSERT_EQ(ring.size(), 360U);
    for (const Point p : ring)
        EXPECT_NEAR(distanceKm(centre, p), 2000, 2000 * 0.001);
    // One degree of bearing apart: neighbours are 2*pi*R*sin(r/R)/360 apart.
    const double chord = 2 * M_PI * kEarthRadiusKm * std::sin(2000 / kEarthRadiusKm) / 360;
    EXPECT_NEAR(distanceKm(ring[0], ring[1]), chord, chord * 0.01);
    // The first point is due north, the next ones turn east (clockwise).
    EXPECT_NEAR(ring[0].x, centre.x, 1e-9);
    EXPECT_GT(ring[0].y, centre.y);
    EXPECT_GT(ring[90].x, centre.x);
    // Coarser steps still close the circle with at least eight points.
    EXPECT_EQ(geodesicCircle(centre, 100, 90).size(), 8U);
}

TEST(Geodesic, GreatCircleMidpointOfAKnownPair) {
    // On the equator the midpoint is halfway in longitude.
    const Point m0 = greatCirclePoint({0, 0}, {90, 0}, 0.5);
    EXPECT_NEAR(m0.x, 45, 1e-9);
    EXPECT_NEAR(m0.y, 0, 1e-9);
    // Two points at 45N on opposite meridians: the great circle passes over the pole.
    EXPECT_NEAR(greatCirclePoint({0, 45}, {180, 45}, 0.5).y, 90, 1e-9);
    // New York - London: the midpoint lies north of both, near 52.4N 41.3W.
    const Point nyc{-74.0060, 40.7128};
    const Point london{-0.1278, 51.5074};
    const Point m = greatCirclePoint(nyc, london, 0.5);
    const Point w = williamsMidpoint(nyc, london);
    EXPECT_NEAR(m.x, w.x, 1e-9);
    EXPECT_NEAR(m.y, w.y, 1e-9);
    EXPECT_NEAR(m.y, 52.37, 0.05);
    EXPECT_NEAR(m.x, -41.29, 0.05);
    EXPECT_NEAR(distanceKm(nyc, m), distanceKm(m, london), 1e-6);
}

TEST(Geodesic, GreatCircleIsDenseAndOnTheArc) {
    const Point a{-74.0060, 40.7128};
    const Point b{139.6917, 35.6895}; // Tokyo: the arc goes over the Arctic
    const LineString line = greatCircle(a, b, 1.0);
    const double total = distanceKm(a, b);
    ASSERT_GE(line.size(), static_cast<std::size_t>(total / (kEarthRadiusKm * kRad)) + 1);
    EXPECT_EQ(line.front(), a);
    EXPECT_EQ(line.back(), b);
    double maxLat = -90;
    for (std::size_t i = 0; i < line.size(); ++i) {
        // Every point is on the arc: the two legs add up to the whole.
        EXPECT_NEAR(distanceKm(a, line[i]) + distanceKm(line[i], b), total, 1e-6);
        if (i > 0) {
            EXPECT_LE(distanceKm(line[i - 1], line[i]), kEarthRadiusKm * kRad * 1.0001);
        }
        maxLat = std::max(maxLat, line[i].y);
    }
    EXPECT_GT(maxLat, 65); // far north of both ends, as a great circle should be
    // A path of three points keeps its corners and densifies both legs.
    const LineString path = greatCirclePath({{0, 0}, {10, 0}, {10, 10}}, 1.0);
    EXPECT_EQ(path.size(), 21U);
    EXPECT_EQ(path[10], (Point{10, 0}));
    EXPECT_TRUE(antipodal({0, 0}, {180, 0}));
    EXPECT_FALSE(antipodal({0, 0}, {179, 0}));
}

TEST(Geodesic, LinesAreCutAtTheSeam) {
    const LineString plain{{170, 10}, {175, 12}};
    EXPECT_FALSE(crossesSeam(plain));
    ASSERT_EQ(splitAtSeam(plain).size(), 1U);
    EXPECT_EQ(splitAtSeam(plain)[0], plain);

    const LineString across{{170, 10}, {-170, 20}, {-160, 20}};
    EXPECT_TRUE(crossesSeam(across));
    const MultiLineString parts = splitAtSeam(across);
    ASSERT_EQ(parts.size(), 2U);
    ASSERT_EQ(parts[0].size(), 2U);
    EXPECT_NEAR(parts[0][1].x, 180, 1e-6);
    EXPECT_LT(parts[0][1].x, 180); // on its own edge of the map
    EXPECT_NEAR(parts[0][1].y, 15, 1e-9);
    EXPECT_NEAR(parts[1][0].x, -180, 1e-6);
    EXPECT_GT(parts[1][0].x, -180);
    EXPECT_NEAR(parts[1][0].y, 15, 1e-9);
    EXPECT_EQ(parts[1].back(), (Point{-160, 20}));

    // A map centred on 150E has its seam at 30W: a line there is cut, one at 180 is not.
    EXPECT_EQ(splitAtSeam(LineString{{-40, 0}, {-20, 10}}, -30).size(), 2U);
    EXPECT_EQ(splitAtSeam(LineString{{170, 0}, {-170, 0}}, -30).size(), 1U);
}

TEST(Geodesic, PolygonsAreCutAtTheSeam) {
    const Ring plain{{10, 10}, {20, 10}, {20, 20}, {10, 20}};
    const MultiPolygon same = splitAtSeam(MultiPolygon{Polygon{{plain}}});
    ASSERT_EQ(same.size(), 1U);
    EXPECT_EQ(same[0].rings[0], plain); // untouched, bit for bit

    const Ring box{{170, -10}, {-170, -10}, {-170, 10}, {170, 10}};
    const MultiPolygon cut = splitAtSeam(MultiPolygon{Polygon{{box}}});
    ASSERT_EQ(cut.size(), 2U);
    EXPECT_NEAR(totalArea(cut), 400, 1e-3);
    EXPECT_TRUE(contains(cut, {175, 0}));
    EXPECT_TRUE(contains(cut, {-175, 0}));
    EXPECT_FALSE(contains(cut, {0, 0}));
    for (const auto& poly : cut)
        EXPECT_LT(bounds(poly.rings[0]).width(), 11);
}

TEST(Geodesic, VerticesOnTheSeamJoinTheirSide) {
    // Data already cut at the 180th meridian may write its right-hand edge as -180.
    const Ring east{{170, 60}, {-180, 60}, {-180, 70}, {170, 70}};
    const MultiPolygon cut = splitAtSeam(MultiPolygon{Polygon{{east}}});
    ASSERT_EQ(cut.size(), 1U);
    EXPECT_NEAR(bounds(cut).minX, 170, 1e-9);
    EXPECT_NEAR(bounds(cut).maxX, 180, 1e-6);
    EXPECT_NEAR(totalArea(cut), 100, 1e-3);
    const MultiLineString line = splitAtSeam(LineString{{170, 60}, {-180, 65}, {170, 70}});
    ASSERT_EQ(line.size(), 1U);
    EXPECT_NEAR(line[0][1].x, 180, 1e-6);
    // A closed circle over the seam comes back as two pieces, not three.
    Ring circle = geodesicCircle({-170, -20}, 3000);
    circle.push_back(circle.front());
    EXPECT_EQ(splitAtSeam(circle).size(), 2U);
}

TEST(Geodesic, PlanarDataCutAt180IsLeftAlone) {
    // Natural Earth's Antarctica: along the coast from -180 to 180, then along the pole back.
    const Ring antarctica{{-180, -80}, {0, -70}, {180, -80}, {180, -90}, {-180, -90}};
    const MultiPolygon mp{Polygon{{antarctica}}};
    EXPECT_EQ(splitAtSeam(mp), mp);
}

TEST(Geodesic, PlanarDataIsCutAlongAnotherMeridian) {
    // A map centred on 150E: its edge is 30W. A box from 40W to 20W is cut in two pieces,
    // each a hair off the edge on its own side.
    const Ring box{{-40, 0}, {-20, 0}, {-20, 10}, {-40, 10}};
    const MultiPolygon cut = cutAlongMeridian(MultiPolygon{Polygon{{box}}}, -30);
    ASSERT_EQ(cut.size(), 2U);
    EXPECT_NEAR(totalArea(cut), 200, 1e-3);
    EXPECT_LT(bounds(cut[0].rings[0]).maxX, -30);
    EXPECT_GT(bounds(cut[1].rings[0]).minX, -30);
    // Polygons clear of the edge are untouched.
    const MultiPolygon clear{Polygon{{{{0, 0}, {10, 0}, {10, 10}}}}};
    EXPECT_EQ(cutAlongMeridian(clear, -30), clear);

    const MultiLineString lines =
        cutAlongMeridian(MultiLineString{{{-40, 0}, {-20, 10}}, {{0, 0}, {5, 5}}}, -30);
    ASSERT_EQ(lines.size(), 3U);
    EXPECT_NEAR(lines[0].back().x, -30, 1e-6);
    EXPECT_LT(lines[0].back().x, -30);
    EXPECT_NEAR(lines[0].back().y, 5, 1e-9);
    EXPECT_GT(lines[1].front().x, -30);
    EXPECT_EQ(lines[2], (LineString{{0, 0}, {5, 5}}));
}

TEST(Geodesic, RingsRoundAPoleCloseOverIt) {
    Ring arctic;
    for (int lon = -180; lon < 180; lon += 10)
        arctic.push_back({static_cast<double>(lon), 80});
    const MultiPolygon north = splitAtSeam(MultiPolygon{Polygon{{arctic}}});
    ASSERT_EQ(north.size(), 1U);
    EXPECT_NEAR(bounds(north[0].rings[0]).maxY, 90, 1e-9);
    EXPECT_NEAR(bounds(north[0].rings[0]).minY, 80, 1e-9);
    EXPECT_TRUE(contains(north, {0, 85}));
    EXPECT_TRUE(contains(north, {179.5, 85}));
    EXPECT_FALSE(contains(north, {0, 75}));
    EXPECT_NEAR(totalArea(north), 3600, 1);

    // The same ring at 70S, run the other way: it closes over the south pole.
    Ring antarctic;
    for (int lon = 175; lon > -185; lon -= 10)
        antarctic.push_back({normalizeLon(lon), -70});
    const MultiPolygon south = splitAtSeam(MultiPolygon{Polygon{{antarctic}}});
    ASSERT_EQ(south.size(), 1U);
    EXPECT_TRUE(contains(south, {100, -80}));
    EXPECT_FALSE(contains(south, {100, -60}));
    EXPECT_NEAR(bounds(south[0].rings[0]).minY, -90, 1e-9);
}

TEST(Geodesic, DiscsCrossingTheSeamOrHoldingAPole) {
    // 1,000 km round a point near the antimeridian: two pieces, either side of the map.
    const MultiPolygon pacific = geodesicDisc({177, 50}, 1000);
    ASSERT_EQ(pacific.size(), 2U);
    EXPECT_TRUE(contains(pacific, {179, 50}));
    EXPECT_TRUE(contains(pacific, {-179, 50}));
    EXPECT_TRUE(contains(pacific, {-175, 52}));
    EXPECT_FALSE(contains(pacific, {0, 50}));
    EXPECT_FALSE(contains(pacific, {177, 60}));

    // 2,000 km round 80N: the pole is inside, and the piece reaches it.
    const MultiPolygon polar = geodesicDisc({30, 80}, 2000);
    ASSERT_EQ(polar.size(), 1U);
    EXPECT_NEAR(bounds(polar).maxY, 90, 1e-9);
    EXPECT_TRUE(contains(polar, {-150, 85})); // beyond the pole from the centre
    EXPECT_TRUE(contains(polar, {30, 70}));
    EXPECT_FALSE(contains(polar, {30, 60}));
    for (const Point p : polar[0].rings[0])
        if (p.y < 89.999 && std::abs(std::abs(p.x) - 180) > 1e-6) {
            EXPECT_NEAR(distanceKm({30, 80}, p), 2000, 2); // the circle itself
        }

    // 15,000 km round the Gulf of Guinea: all but a cap round the antipode in the Pacific.
    const MultiPolygon most = geodesicDisc({0, 0}, 15000);
    ASSERT_FALSE(most.empty());
    EXPECT_TRUE(contains(most, {120, 0}));
    EXPECT_TRUE(contains(most, {0, 89}));
    EXPECT_TRUE(contains(most, {-100, -60}));
    EXPECT_FALSE(contains(most, {170, 0}));
    EXPECT_FALSE(contains(most, {-170, 10}));

    // A map centred on 150E: the Pacific disc is whole, one piece.
    EXPECT_EQ(geodesicDisc({177, 50}, 1000, -30).size(), 1U);
}
