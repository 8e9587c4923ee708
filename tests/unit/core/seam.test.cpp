// SPDX-License-Identifier: MIT
#include "mapreel/core/seam.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace mapreel;

namespace {

constexpr double kRad = M_PI / 180;

double totalArea(const MultiPolygon& mp) {
    return area(mp);
}

} // namespace

TEST(Seam, NormalizesLongitudes) {
    EXPECT_DOUBLE_EQ(normalizeLon(180), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(-180), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(190), -170);
    EXPECT_DOUBLE_EQ(normalizeLon(-190), 170);
    EXPECT_DOUBLE_EQ(normalizeLon(540), 180);
    EXPECT_DOUBLE_EQ(normalizeLon(12.5), 12.5);
}

TEST(Seam, AntipodesAreKnownByTheirCoordinates) {
    EXPECT_TRUE(antipodal({0, 0}, {180, 0}));
    EXPECT_TRUE(antipodal({-77.0, 38.9}, {103.0, -38.9}));
    EXPECT_TRUE(antipodal({10, 89.999}, {-50, -89.999})); // near the poles any meridian
    EXPECT_FALSE(antipodal({0, 0}, {179, 0}));
    EXPECT_FALSE(antipodal({0, 10}, {180, -9.9}));
}

TEST(Seam, LinesAreCutAtTheSeam) {
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

TEST(Seam, PolygonsAreCutAtTheSeam) {
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

TEST(Seam, VerticesOnTheSeamJoinTheirSide) {
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
    // A closed ring over the seam, started away from it, comes back as two pieces, not three.
    LineString circle;
    for (int i = 0; i <= 36; ++i)
        circle.push_back({normalizeLon(-170 + 27 * std::sin(i * 10 * kRad)),
                          -20 + 27 * std::cos(i * 10 * kRad)});
    EXPECT_EQ(splitAtSeam(circle).size(), 2U);
}

TEST(Seam, PlanarDataCutAt180IsLeftAlone) {
    // Natural Earth's Antarctica: along the coast from -180 to 180, then along the pole back.
    const Ring antarctica{{-180, -80}, {0, -70}, {180, -80}, {180, -90}, {-180, -90}};
    const MultiPolygon mp{Polygon{{antarctica}}};
    EXPECT_EQ(splitAtSeam(mp), mp);
}

TEST(Seam, PlanarDataIsCutAlongAnotherMeridian) {
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

TEST(Seam, RingsRoundAPoleCloseOverIt) {
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
