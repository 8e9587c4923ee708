// SPDX-License-Identifier: MIT
// Hostile geometry through the real adapters: GEOS repairs what can be repaired and drops
// what cannot be drawn; GDAL rejects data that is not longitude/latitude with a message
// naming the file and the feature. Nothing may crash, hang or hand NaN to the renderer.
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "geos/planar.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/geometry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mapreel;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Every coordinate finite and every ring able to enclose an area.
void expectDrawable(const MultiPolygon& mp) {
    for (const auto& p : mp) {
        ASSERT_FALSE(p.rings.empty());
        for (const auto& r : p.rings) {
            EXPECT_GE(r.size(), 3U);
            for (const auto& q : r)
                EXPECT_TRUE(std::isfinite(q.x) && std::isfinite(q.y)) << q.x << ", " << q.y;
        }
    }
}

MultiPolygon one(Ring r) {
    return {Polygon{{std::move(r)}}};
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a count and a length, both named.
Ring circle(std::size_t n, double radius) {
    Ring r;
    r.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        r.push_back({radius * std::cos(a), radius * std::sin(a)});
    }
    return r;
}

class TempDir {
public:
    TempDir() : path_(fs::temp_directory_path() / ("mapreel-geom-" + std::to_string(getpid()))) {
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a name and its content.
    [[nodiscard]] fs::path write(const std::string& name, const std::string& text) const {
        fs::path p = path_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    fs::path path_;
};

std::string featureCollection(const std::string& geometry) {
    return R"({"type": "FeatureCollection", "features": [)"
           R"({"type": "Feature", "properties": {"name": "fine"}, "geometry": {"type": "Point", )"
           R"("coordinates": [1, 1]}}, {"type": "Feature", "properties": {"name": "bad"}, )"
           R"("geometry": )" +
           geometry + "}]}";
}

std::string readError(const fs::path& file, std::optional<Rect> view = std::nullopt) {
    adapters::GdalFeatureSource source;
    try {
        static_cast<void>(source.read({file.string(), {}, {}, view, false}));
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST(HostileGeometry, BowTieIsRepairedIntoTwoTriangles) {
    adapters::GeosOps ops;
    const auto fixed = ops.makeValid(one({{0, 0}, {2, 2}, {2, 0}, {0, 2}}));
    expectDrawable(fixed);
    EXPECT_EQ(fixed.size(), 2U);
    EXPECT_NEAR(area(fixed), 2.0, 1e-9);
}

TEST(HostileGeometry, ClosedAndUnclosedRingsAreTheSamePolygon) {
    adapters::GeosOps ops;
    const auto open = ops.makeValid(one({{0, 0}, {4, 0}, {4, 3}, {0, 3}}));
    const auto closed = ops.makeValid(one({{0, 0}, {4, 0}, {4, 3}, {0, 3}, {0, 0}}));
    EXPECT_NEAR(area(open), 12.0, 1e-9);
    EXPECT_NEAR(area(closed), 12.0, 1e-9);
}

TEST(HostileGeometry, RingsWithoutAreaAreDropped) {
    adapters::GeosOps ops;
    EXPECT_TRUE(ops.makeValid(one({{0, 0}, {1, 1}})).empty());
    EXPECT_TRUE(ops.makeValid(one({{0, 0}, {1, 1}, {2, 2}})).empty());         // collinear
    EXPECT_TRUE(ops.makeValid(one({{5, 5}, {5, 5}, {5, 5}, {5, 5}})).empty()); // one point
    EXPECT_TRUE(ops.makeValid(MultiPolygon{Polygon{}}).empty());
}

TEST(HostileGeometry, NonFiniteCoordinatesAreDroppedNotPropagated) {
    adapters::GeosOps ops;
    const auto fixed =
        ops.makeValid(one({{0, 0}, {kNaN, 1}, {4, 0}, {4, kInf}, {4, 3}, {-kInf, kNaN}, {0, 3}}));
    expectDrawable(fixed);
    EXPECT_NEAR(area(fixed), 12.0, 1e-9);
    EXPECT_TRUE(ops.makeValid(one({{kNaN, kNaN}, {kNaN, 0}, {0, kNaN}})).empty());
    EXPECT_TRUE(ops.buffer({{0, 0}, {kNaN, kNaN}}, 10).empty());
    EXPECT_TRUE(ops.buffer({{0, 0}, {1, 1}}, kNaN).empty());
    EXPECT_TRUE(ops.clip(MultiLineString{{{kNaN, 0}, {1, kInf}}}, Rect{-5, -5, 5, 5}).empty());
}

TEST(HostileGeometry, HugeCoordinatesDoNotCrash) {
    adapters::GeosOps ops;
    const double big = 1e300;
    MultiPolygon result;
    try {
        result = ops.makeValid(one({{-big, -big}, {big, -big}, {big, big}, {-big, 0}, {big, 1}}));
        result = ops.intersection(result, one({{0, 0}, {10, 0}, {10, 10}}));
        result = ops.clip(result, Rect{-1, -1, 1, 1});
    } catch (const DataError& e) {
        // A refusal is a fine answer, as long as it says what failed.
        EXPECT_NE(std::string(e.what()).find("geometry operation failed"), std::string::npos);
    }
    expectDrawable(result);
}

TEST(HostileGeometry, ClipByABoxThatIsNoBoxFinishes) {
    // Found by the geometry fuzzer: a clip box with a NaN side kept GEOS's rectangle clipping
    // reconnecting rings for ever. Nothing is inside such a box; an infinite box holds
    // everything; a box a subnormal number wide holds next to nothing.
    adapters::GeosOps ops;
    const auto star =
        one({{0, 10}, {2, 2}, {10, 0}, {2, -2}, {0, -10}, {-2, -2}, {-10, 0}, {-2, 2}});
    EXPECT_TRUE(ops.clip(star, Rect{-5, -5, 5, kNaN}).empty());
    EXPECT_TRUE(ops.clip(MultiLineString{{{-9, 0}, {9, 0}}}, Rect{kNaN, -5, 5, 5}).empty());
    EXPECT_NEAR(area(ops.clip(star, Rect{-kInf, -kInf, kInf, kInf})), area(star), 1e-9);
    EXPECT_NEAR(area(ops.clip(star, Rect{-kInf, 0, 1e300, 1e300})), area(star) / 2, 1e-9);
    expectDrawable(ops.clip(star, Rect{7e-304, -2e304, 6.9e-15, 1e-310}));
}

TEST(HostileGeometry, HoleOutsideItsShellIsRepaired) {
    adapters::GeosOps ops;
    Polygon p{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{10, 10}, {12, 10}, {12, 12}, {10, 12}}}};
    const auto fixed = ops.makeValid({p});
    expectDrawable(fixed);
    EXPECT_GT(area(fixed), 15.9);
}

TEST(HostileGeometry, OneMillionVerticesAreRepairedAndClipped) {
    adapters::GeosOps ops;
    Ring dense = circle(1'000'000, 10);
    dense.push_back({20, 0}); // a spike that crosses back over the ring
    dense.push_back({9.99, 0.00001});
    const auto fixed = ops.makeValid(one(dense));
    expectDrawable(fixed);
    EXPECT_NEAR(area(fixed), std::numbers::pi * 100, 1.0);
    const auto clipped = ops.clip(fixed, Rect{0, 0, 20, 20});
    expectDrawable(clipped);
    EXPECT_NEAR(area(clipped), std::numbers::pi * 25, 1.0);
}

TEST(HostileGeometry, ManySelfIntersectionsFinish) {
    adapters::GeosOps ops;
    // A zig-zag star: every spike crosses its neighbours.
    Ring star;
    const int spikes = 6000;
    for (int i = 0; i < spikes; ++i) {
        const double a = 2 * std::numbers::pi * i / spikes;
        const double rad = (i % 2 == 0) ? 10.0 : 3.0;
        star.push_back({rad * std::cos(a * 7), rad * std::sin(a * 7)});
    }
    const auto fixed = ops.makeValid(one(star));
    expectDrawable(fixed);
    EXPECT_GT(area(fixed), 0);
}

/// 150,000 points going round a circle, their radius jumping up and down from one point to
/// the next by up to `wobble` of it: each edge lies across hundreds of others.
Ring wobblingRing(double wobble) {
    Ring r;
    const int n = 150000;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * std::numbers::pi * i / n;
        const double rad = 3 * (1 + wobble * std::sin(i));
        r.push_back({rad * std::cos(a), rad * std::sin(a)});
    }
    return r;
}

std::string errorOf(const std::function<void()>& op) {
    try {
        op();
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(HostileGeometry, TooDenseARingIsRefusedBeforeGeosStarts) {
    // GEOS's validity check alone compares 21 million pairs of edges here (minutes, and
    // gigabytes for a repair); the count before it refuses the ring at once, whatever the
    // time budget.
    const auto dense = one(wobblingRing(0.05));
    adapters::GeosOps ops;
    const std::string message = errorOf([&] { static_cast<void>(ops.makeValid(dense)); });
    EXPECT_EQ(message.rfind("geometry too dense to check or repair: 150,000 points whose edges "
                            "lie across one another ",
                            0),
              0U)
        << message;
    EXPECT_NE(message.find(" times (over 64 per point: a ring that zig-zags over itself?); "
                           "simplify the data first (ogr2ogr -simplify) or repair it in a GIS "
                           "(ogr2ogr -makevalid)"),
              std::string::npos)
        << message;
    // Every operation that would check or repair it refuses it the same way.
    const auto square = one({{-1, -1}, {1, -1}, {1, 1}, {-1, 1}});
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.intersection(square, dense)); }), message);
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.difference(dense, square)); }), message);
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.unite({dense, square})); }), message);
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.clip(dense, Rect{0, 0, 5, 5})); }), message);
    // Wholly inside the clip box, it is passed through without a check, as any polygon is.
    EXPECT_EQ(ops.clip(dense, Rect{-5, -5, 5, 5}).size(), 1U);
}

TEST(HostileGeometry, EdgePairCountMatchesComparingEveryPair) {
    // The sweep that decides "too dense" against the plain count, on rings whose boxes touch,
    // repeat, and have no width or height (grid-aligned coordinates, horizontal and vertical
    // edges), with holes and several polygons.
    std::uint64_t state = 12345;
    const auto next = [&state](int range) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>((state >> 33U) % static_cast<std::uint64_t>(range));
    };
    for (int trial = 0; trial < 40; ++trial) {
        MultiPolygon mp;
        const int polygons = 1 + trial % 3;
        for (int p = 0; p < polygons; ++p) {
            Polygon poly;
            for (int r = 0; r < 1 + (trial + p) % 2; ++r) {
                Ring ring;
                const int n = 3 + static_cast<int>(next(60));
                for (int k = 0; k < n; ++k)
                    ring.push_back(
                        {next(trial % 2 == 0 ? 8 : 100), next(trial % 2 == 0 ? 8 : 100)});
                poly.rings.push_back(std::move(ring));
            }
            mp.push_back(std::move(poly));
        }
        std::vector<Rect> boxes;
        for (const auto& poly : mp)
            for (const auto& ring : poly.rings)
                for (std::size_t k = 0; k < ring.size(); ++k) {
                    Rect b;
                    b.expand(ring[k]);
                    b.expand(ring[(k + 1) % ring.size()]);
                    boxes.push_back(b);
                }
        std::size_t pairs = 0;
        for (std::size_t a = 0; a < boxes.size(); ++a)
            for (std::size_t b = a + 1; b < boxes.size(); ++b)
                pairs += boxes[a].intersects(boxes[b]) ? 1U : 0U;
        EXPECT_EQ(adapters::planar::overlappingEdgePairs(mp), pairs) << "trial " << trial;
    }
}

TEST(HostileGeometry, DenseCoastlinesAreNotRefused) {
    // A fine circle (one pair of meeting edges per point, like a real coastline) with a
    // spike back across it: counted, then repaired.
    Ring fine = circle(100'000, 10);
    fine.push_back({20, 0});
    fine.push_back({9.99, 0.00001});
    adapters::GeosOps ops;
    EXPECT_NEAR(area(ops.makeValid(one(fine))), std::numbers::pi * 100, 1.0);
}

TEST(HostileGeometry, RepairThatTakesTooLongGivesUpWithinItsBudget) {
    // Less dense (29 pairs per point): GEOS checks it, for seconds; a 300 ms budget stops it
    // with a clear error.
    adapters::GeosOps ops(std::chrono::milliseconds(300));
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.makeValid(one(wobblingRing(0.01)))); }),
              "geometry too complex: GEOS gave up after 300 ms (a polygon that crosses itself a "
              "great many times?); simplify the data (ogr2ogr -simplify) or repair it in a GIS "
              "(ogr2ogr -makevalid)");
    // The next operation has its full budget again.
    EXPECT_NEAR(area(ops.makeValid(one({{0, 0}, {2, 2}, {2, 0}, {0, 2}}))), 2.0, 1e-9);
}

TEST(HostileGeometry, ATimeOutInOneThreadLeavesTheOthersRunning) {
    // Render threads each have their own GeosOps. While one repairs a polygon GEOS needs
    // seconds for, another gives up again and again after 1 ms: the first must finish, with
    // the polygon intact (GEOS's own interruption flag is process-wide and used to stop it).
    const Ring ring = wobblingRing(0.01);
    const auto slow = one(ring);
    std::atomic<bool> done{false};
    std::atomic<int> timeOuts{0};
    std::thread impatient([&] {
        adapters::GeosOps ops(std::chrono::milliseconds(1));
        while (!done) {
            try {
                static_cast<void>(ops.makeValid(slow));
            } catch (const DataError&) {
                ++timeOuts;
            }
        }
    });
    adapters::GeosOps ops;
    MultiPolygon fixed;
    const std::string error = errorOf([&] { fixed = ops.makeValid(slow); });
    done = true;
    impatient.join();
    EXPECT_EQ(error, "(no error)");
    EXPECT_GT(timeOuts.load(), 0);
    EXPECT_NEAR(area(fixed), std::abs(signedArea(ring)), 1e-6);
}

/// `n` teeth shrinking from 1 to 0 along y = 5, closed below: Douglas-Peucker at tolerance 0
/// splits it one point at a time (n levels deep, n * n / 2 distances).
Ring shrinkingZigZag(int n) {
    Ring r;
    for (int k = 0; k < n; ++k)
        r.push_back({k * 0.001, 5 + ((k % 2 != 0) ? 1 : -1) * (1.0 - k / static_cast<double>(n))});
    r.push_back({n * 0.001, 0});
    r.push_back({0, 0});
    return r;
}

TEST(HostileGeometry, SimplifyGivesUpWithinItsBudget) {
    // GEOS's simplifier recursed for minutes on such a ring, without checking for
    // interruption; mapreel's own finishes or gives up within the budget.
    adapters::GeosOps ops(std::chrono::milliseconds(300));
    EXPECT_EQ(errorOf([&] { static_cast<void>(ops.simplify(one(shrinkingZigZag(200'000)), 0)); }),
              "geometry too complex: simplifying a polygon of 200,002 points took more than 300 "
              "ms (a ring that zig-zags over itself?); simplify the data first (ogr2ogr "
              "-simplify) or repair it in a GIS (ogr2ogr -makevalid)");
    // With a tolerance above the teeth, the same ring is a box of a few points (in far less
    // than the default budget, whatever the build).
    adapters::GeosOps patient;
    const auto box = patient.simplify(one(shrinkingZigZag(200'000)), 2.5);
    ASSERT_EQ(box.size(), 1U);
    EXPECT_LE(box[0].rings[0].size(), 6U);
    expectDrawable(box);
}

TEST(HostileGeometry, SimplifySurvivesSubnormalCoordinates) {
    // Found by the geometry fuzzer: on coordinates near 1e-310, GEOS's simplifier divided
    // zero by zero and recursed until the stack overflowed.
    adapters::GeosOps ops;
    const Ring r{{2.56, 2.14},
                 {2.848e-306, 6.835e-305},
                 {0, 0},
                 {2.137e-314, 9.365e-280},
                 {1.0865e-309, 1.0865e-309},
                 {0, 2.55},
                 {-0.01, -0.01},
                 {-2.43, 33.41},
                 {33.41, 33.41},
                 {35.83, -1.97}};
    for (const double tolerance : {0.0, 0.5, 100.0})
        expectDrawable(ops.simplify(one(r), tolerance));
}

/// Whether `p` is inside `ring` (crossing number).
bool inside(Point p, const Ring& ring) {
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const Point a = ring[i];
        const Point b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            in = !in;
    }
    return in;
}

TEST(HostileGeometry, SimplifyKeepsHolesInsideTheirShell) {
    // A round shell with a hole near its edge: a tolerance of 3 would cut the shell to a
    // triangle through the hole; the shortcuts that would cross it are not taken.
    Polygon p{{circle(1000, 10), {{9, -0.5}, {9.8, -0.5}, {9.8, 0.5}, {9, 0.5}}}};
    adapters::GeosOps ops;
    const auto simple = ops.simplify({p}, 3);
    ASSERT_EQ(simple.size(), 1U);
    ASSERT_EQ(simple[0].rings.size(), 2U);
    EXPECT_LT(simple[0].rings[0].size(), 100U);
    for (const Point q : simple[0].rings[1])
        EXPECT_TRUE(inside(q, simple[0].rings[0])) << q.x << ", " << q.y;
    // And GEOS finds the result valid: repairing it changes nothing.
    EXPECT_NEAR(area(ops.makeValid(simple)), area(simple), 1e-9);
}

TEST(HostileData, NaNCoordinateIsRejectedWithTheFeature) {
    TempDir dir;
    // GDAL reads NaN (and 1e999 as infinity) in a line; a NaN point becomes an empty one.
    const auto file = dir.write(
        "nan.geojson",
        featureCollection(R"({"type": "LineString", "coordinates": [[1, 1], [NaN, 3], [2, 2]]})"));
    EXPECT_EQ(readError(file),
              "data file '" + file.string() +
                  "': the feature with FID 1 has a coordinate that is not a number (NaN or "
                  "infinite); fix or remove that feature");
    const auto inf = dir.write(
        "inf.geojson",
        featureCollection(R"({"type": "LineString", "coordinates": [[1, 1], [1e999, 3]]})"));
    EXPECT_NE(readError(inf).find("FID 1 has a coordinate that is not a number"),
              std::string::npos);
}

TEST(HostileData, NaNPointIsRejectedNotDropped) {
    // GDAL reads [NaN, 1] as an empty point, which used to vanish without a word.
    TempDir dir;
    const auto file = dir.write("nan-point.geojson",
                                featureCollection(R"({"type": "Point", "coordinates": [NaN, 1]})"));
    EXPECT_EQ(readError(file),
              "data file '" + file.string() +
                  "': the feature with FID 1 has an empty point (GDAL reads a point whose "
                  "coordinates are not numbers, such as NaN, as empty); fix or remove that "
                  "feature");
    EXPECT_EQ(readError(file, Rect{0, 0, 2, 2}), readError(file));
}

TEST(HostileData, CoordinatesThatAreNotNumbersAreFoundWhateverTheView) {
    // GDAL's spatial filter left out a point at infinity, and a NaN polygon or projected
    // coordinates outside the view, without a word: the map lost them silently.
    TempDir dir;
    const Rect view{0, 0, 2, 2};
    const auto inf = dir.write(
        "inf-point.geojson", featureCollection(R"({"type": "Point", "coordinates": [1e999, 1]})"));
    EXPECT_EQ(readError(inf, view), "data file '" + inf.string() +
                                        "': the feature with FID 1 has a coordinate that is not "
                                        "a number (NaN or infinite); fix or remove that feature");
    const auto far = dir.write(
        "nan-far.geojson",
        featureCollection(
            R"({"type": "Polygon", "coordinates": [[[50, 50], [51, 50], [NaN, 51], [50, 51]]]})"));
    EXPECT_NE(readError(far, view).find("FID 1 has a coordinate that is not a number"),
              std::string::npos)
        << readError(far, view);
    const auto metres =
        dir.write("metres.geojson",
                  featureCollection(R"({"type": "Point", "coordinates": [450000, 4100000]})"));
    EXPECT_NE(readError(metres, view).find("FID 1 has the point (450000, 4100000), outside"),
              std::string::npos)
        << readError(metres, view);
}

TEST(HostileData, FeaturesOutsideTheViewAreLeftOut) {
    TempDir dir;
    const auto file = dir.write(
        "two.geojson", featureCollection(R"({"type": "Point", "coordinates": [100, 40]})"));
    adapters::GdalFeatureSource source;
    const auto inView = source.read({file.string(), {}, {}, Rect{0, 0, 2, 2}, false});
    ASSERT_EQ(inView.size(), 1U);
    EXPECT_EQ(inView[0].attribute("name"), "fine");
    EXPECT_EQ(source.read({file.string(), {}, {}, std::nullopt, false}).size(), 2U);
}

TEST(HostileData, ProjectedCoordinatesAreRejectedWithAHint) {
    TempDir dir;
    const auto file = dir.write(
        "metres.geojson",
        featureCollection(R"({"type": "LineString", "coordinates": [[0, 0], [450000, 4100000]]})"));
    EXPECT_EQ(readError(file), "data file '" + file.string() +
                                   "': the feature with FID 1 has the point (450000, 4100000), "
                                   "outside longitude -180..180 / latitude -90..90; mapreel "
                                   "reads WGS 84 longitude/latitude (reproject with ogr2ogr "
                                   "-t_srs EPSG:4326)");
}

TEST(HostileData, DegenerateFeaturesAreDroppedAndUnclosedRingsRead) {
    TempDir dir;
    const auto file = dir.write("odd.geojson",
                                R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[1, 1]]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 3], [0, 3]]]}},
  {"type": "Feature", "properties": {}, "geometry": null}
]})");
    adapters::GdalFeatureSource source;
    const auto features = source.read({file.string(), {}, {}, std::nullopt, false});
    ASSERT_EQ(features.size(), 4U);
    EXPECT_TRUE(features[0].lines.empty());
    EXPECT_TRUE(features[1].polygons.empty());
    ASSERT_EQ(features[2].polygons.size(), 1U);
    EXPECT_EQ(features[2].polygons[0].rings[0].size(), 4U);
    EXPECT_NEAR(area(features[2].polygons), 12.0, 1e-9);
}

TEST(HostileData, GarbageAndTruncatedFilesAreDataErrors) {
    TempDir dir;
    const auto garbage = dir.write("garbage.geojson", R"({"type": "FeatureCollection", "feat)");
    EXPECT_EQ(readError(garbage).rfind("cannot open data file '" + garbage.string() + "'", 0), 0U)
        << readError(garbage);
    const auto binary = dir.write("binary.gpkg", std::string("\x1f\x8b\x08\x00garbage", 11));
    EXPECT_EQ(readError(binary).rfind("cannot open data file '" + binary.string() + "'", 0), 0U)
        << readError(binary);
    EXPECT_EQ(readError(dir.write("gone.geojson", "")).rfind("cannot open data file", 0), 0U);
}
