// SPDX-License-Identifier: MIT
// Geodesic circles and lines on real projections: cut at a world map's edges (the 180th
// meridian for Equal Earth), closed over the pole, and the Cuban story's range circles where
// its sources put them.
#include "story_timeline.hpp"

#include "proj/proj_geodesic.hpp"

#include "mapreel/geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace mapreel;

namespace {

/// Geodesic distance on WGS84, kilometres.
double distanceKm(Point a, Point b) {
    static const adapters::ProjGeodesic geodesic;
    return geodesic.inverse(a, b).km;
}

const timeline::Timeline& world() {
    static const auto tl = integration::storyTimeline("tests/data/world-circles.yaml");
    return *tl;
}

const timeline::CompiledTerritory& territory(const timeline::Timeline& tl, const std::string& id) {
    const auto& all = tl.territories();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& t) { return t.id == id; });
    if (it == all.end())
        throw std::runtime_error("no territory " + id);
    return *it;
}

/// The width of the whole projected world (Equal Earth: about 34,000 km), between the edges
/// of a map centred on `lon0`.
double worldWidth(const timeline::Timeline& tl, double lon0 = 0) {
    const auto w = tl.projector().forward({normalizeLon(lon0 + 180 + 1e-6), 0});
    const auto e = tl.projector().forward({normalizeLon(lon0 + 180 - 1e-6), 0});
    return e->x - w->x;
}

HistTime day(int y, int m, int d) {
    return toHistTime(Date{y, m, d});
}

} // namespace

TEST(GeodesicWorld, ShapesOverTheAntimeridianAreCutNotStretched) {
    const auto& tl = world();
    const double width = worldWidth(tl);
    ASSERT_GT(width, 3e7);
    // No piece of the Pacific disc or of Russia spans the map: each lies at one edge.
    for (const char* id : {"pacific", "russia"}) {
        SCOPED_TRACE(id);
        const MultiPolygon& area = territory(tl, id).keyframes.front().area;
        ASSERT_GE(area.size(), 2U);
        double west = 0;
        double east = 0;
        for (const auto& poly : area) {
            EXPECT_LT(bounds(poly.rings.front()).width(), width * 0.55);
            for (const Point xy : poly.rings.front())
                if (const auto p = tl.projector().inverse(xy)) {
                    west = std::min(west, p->x);
                    east = std::max(east, p->x);
                }
        }
        EXPECT_LT(west, -179.99); // a piece reaches the left edge
        EXPECT_GT(east, 179.99);  // and one the right edge
    }
    // Who holds what, on the drawn geometry.
    const HistTime d = day(1991, 12, 26);
    EXPECT_EQ(tl.probe({179.5, 55}, d), "pacific");
    EXPECT_EQ(tl.probe({-179.5, 55}, d), "pacific");
    EXPECT_EQ(tl.probe({-170, 56}, d), "pacific"); // 950 km east of the centre
    EXPECT_EQ(tl.probe({-150, 55}, d), "none");
    EXPECT_EQ(tl.probe({-175, 67}, d), "russia"); // Chukotka, east of the meridian
    EXPECT_EQ(tl.probe({100, 62}, d), "russia");
    EXPECT_EQ(tl.probe({-100, 62}, d), "none"); // Canada: no band across the map
    EXPECT_EQ(tl.probe({0, 62}, d), "none");
}

TEST(GeodesicWorld, ADiscOverThePoleClosesOverIt) {
    const auto& tl = world();
    const HistTime d = day(1991, 12, 26);
    EXPECT_EQ(tl.probe({0, 89.5}, d), "arctic");
    EXPECT_EQ(tl.probe({-150, 87}, d), "arctic"); // beyond the pole from the centre
    EXPECT_EQ(tl.probe({30, 65}, d), "arctic");   // 1,670 km south of the centre
    EXPECT_EQ(tl.probe({30, 60}, d), "none");     // 2,220 km
    EXPECT_EQ(tl.probe({-150, 75}, d), "none");   // 2,250 km, over the pole
}

TEST(GeodesicWorld, ADiscLargerThanAHemisphere) {
    const auto& tl = world();
    const HistTime d = day(1991, 12, 28);
    // 14,000 km round 60W 30S leaves only a cap of 6,000 km round its antipode, 120E 30N.
    EXPECT_EQ(tl.probe({120, 30}, d), "none"); // the antipode itself
    EXPECT_EQ(tl.probe({150, 0}, d), "none");
    EXPECT_EQ(tl.probe({0, 0}, d), "most");
    EXPECT_EQ(tl.probe({-179, -60}, d), "most");
    EXPECT_EQ(tl.probe({179, -60}, d), "most");
    EXPECT_EQ(tl.probe({0, -89.5}, d), "most");
}

TEST(GeodesicWorld, LinesOverTheAntimeridianAreCut) {
    const auto& tl = world();
    const double width = worldWidth(tl);
    for (const char* id : {"south-pacific", "great-circle", "date-line-box"}) {
        SCOPED_TRACE(id);
        int pieces = 0;
        int named = 0;
        for (const auto& l : tl.lines()) {
            if (l.source->id != id)
                continue;
            ++pieces;
            named += l.named ? 1 : 0;
            // No segment jumps across the map.
            for (std::size_t i = 1; i < l.line.size(); ++i)
                EXPECT_LT(std::abs(l.line[i].x - l.line[i - 1].x), width * 0.1);
        }
        EXPECT_EQ(pieces, 2);
        EXPECT_EQ(named, 1);
    }
}

TEST(GeodesicWorld, AGeodesicArrowFollowsTheGreatCircle) {
    const auto& tl = world();
    ASSERT_EQ(tl.arrows().size(), 1U);
    const auto& arrow = tl.arrows().front();
    const Point washington{-77.0369, 38.9072};
    const Point moscow{37.6173, 55.7558};
    const double total = distanceKm(washington, moscow);
    ASSERT_GT(arrow.path.size(), 60U);
    double maxLat = -90;
    for (const Point xy : arrow.path) {
        const auto p = tl.projector().inverse(xy);
        ASSERT_TRUE(p);
        EXPECT_NEAR(distanceKm(washington, *p) + distanceKm(*p, moscow), total, 0.01);
        maxLat = std::max(maxLat, p->y);
    }
    EXPECT_GT(maxLat, 60); // over Greenland's latitudes, not across the Atlantic
}

TEST(GeodesicPacific, AMapCentredOnThePacificCutsAlongItsOwnEdge) {
    static const auto tl = integration::storyTimeline("tests/data/pacific-circles.yaml");
    const double width = worldWidth(*tl, 150);
    ASSERT_GT(width, 3e7);
    // The edge is 30W: the Pacific disc and the great circle over it are whole, the
    // Atlantic disc is cut in two.
    EXPECT_EQ(territory(*tl, "pacific").keyframes.front().area.size(), 1U);
    EXPECT_EQ(territory(*tl, "atlantic").keyframes.front().area.size(), 2U);
    int lines = 0;
    for (const auto& l : tl->lines())
        lines += l.source->id == "great-circle" ? 1 : 0;
    EXPECT_EQ(lines, 1);
    const HistTime d = day(1991, 12, 26);
    EXPECT_EQ(tl->probe({179.5, 55}, d), "pacific");
    EXPECT_EQ(tl->probe({-179.5, 55}, d), "pacific");
    EXPECT_EQ(tl->probe({-29, 40}, d), "atlantic");
    EXPECT_EQ(tl->probe({-31, 40}, d), "atlantic");
    EXPECT_EQ(tl->probe({-175, 67}, d), "russia");
    EXPECT_EQ(tl->probe({100, 62}, d), "russia");
    // The bundled layers (cut at 180 in the data) are cut along 30W instead: no land or
    // depth band spans the map from edge to edge.
    const auto& base = tl->base();
    ASSERT_FALSE(base.land.empty());
    for (const auto& poly : base.land)
        EXPECT_LT(bounds(poly.rings.front()).width(), width * 0.9);
    ASSERT_FALSE(base.depthBands.empty());
    for (const auto& band : base.depthBands)
        for (const auto& poly : band)
            EXPECT_LT(bounds(poly.rings.front()).width(), width * 0.9);
    // Greenland, across 30W, lies at both edges.
    bool west = false;
    bool east = false;
    for (const auto& poly : base.land)
        for (const Point xy : poly.rings.front())
            if (const auto p = tl->projector().inverse(xy); p && p->y > 70 && p->y < 80) {
                west = west || (p->x > -30.001 && p->x < -25);
                east = east || (p->x < -29.999 && p->x > -35);
            }
    EXPECT_TRUE(west);
    EXPECT_TRUE(east);
}

TEST(GeodesicCuba, RangeCirclesAreWhereTheSourcesPutThem) {
    static const auto tl = integration::storyTimeline("stories/cold-war/cuban-missile-crisis.yaml");
    auto outline = [&](const std::string& id) {
        for (const auto& l : tl->lines())
            if (l.source->id == id)
                return l.line;
        throw std::runtime_error("no line " + id);
    };
    struct Case {
        const char* id;
        Point centre;
        double km;
    };
    for (const Case c : {Case{"range-r12", {-83.0565, 22.7166}, 2000},
                         Case{"range-r14", {-82.6869, 22.9262}, 4000},
                         Case{"range-jupiter", {27.0703, 38.4965}, 2400},
                         Case{"quarantine", {-74.1329, 20.2046}, 926}}) {
        SCOPED_TRACE(c.id);
        const LineString line = outline(c.id);
        ASSERT_GT(line.size(), 180U);
        for (const Point xy : line) {
            const auto p = tl->projector().inverse(xy);
            ASSERT_TRUE(p);
            EXPECT_NEAR(distanceKm(c.centre, *p), c.km, 1e-3); // a metre: projected and back
        }
    }
    // The narration's claims: Washington and Dallas within the R-12's reach, New York and
    // Chicago beyond; Moscow within the Jupiters' 2,400 km.
    const Point r12{-83.0565, 22.7166};
    EXPECT_LT(distanceKm(r12, {-77.0114, 38.9015}), 2000);
    EXPECT_LT(distanceKm(r12, {-96.842, 32.822}), 2000);
    EXPECT_GT(distanceKm(r12, {-73.982, 40.7519}), 2000);
    EXPECT_GT(distanceKm(r12, {-87.752, 41.8319}), 2000);
    EXPECT_LT(distanceKm({27.0703, 38.4965}, {37.6136, 55.7541}), 2400);
}
