// SPDX-License-Identifier: MIT
#include "mapreel/preview/cache.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

using namespace mapreel;
using namespace mapreel::preview;

namespace {

/// Files as stamps the test edits.
struct FakeFiles {
    std::map<std::string, FileStamp> stamps;
    StatFn stat() {
        return [this](const std::string& p) {
            auto it = stamps.find(p);
            return it == stamps.end() ? FileStamp{} : it->second;
        };
    }
};

/// A source that counts reads and returns one feature naming the file's current version.
struct CountingSource final : geo::FeatureSource {
    int reads = 0;
    std::map<std::string, std::string> version;
    std::vector<geo::Feature> read(const geo::LayerQuery& q) override {
        ++reads;
        geo::Feature f;
        f.attributes["version"] = version[q.path];
        f.attributes["where"] = q.where;
        f.points.push_back({1, 2});
        return {f};
    }
};

/// Operations that count calls and return something derived from the input.
struct CountingOps final : geo::GeometryOps {
    int calls = 0;
    static MultiPolygon square(double size) {
        return {Polygon{{{{0, 0}, {size, 0}, {size, size}, {0, size}}}}};
    }
    MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& /*b*/) override {
        ++calls;
        return a;
    }
    MultiPolygon difference(const MultiPolygon& /*a*/, const MultiPolygon& b) override {
        ++calls;
        return b;
    }
    MultiPolygon unite(const std::vector<MultiPolygon>& parts) override {
        ++calls;
        return square(static_cast<double>(parts.size()));
    }
    MultiPolygon clip(const MultiPolygon& a, const Rect& box) override {
        ++calls;
        return a.empty() ? a : square(box.width());
    }
    MultiLineString clip(const MultiLineString& a, const Rect& /*box*/) override {
        ++calls;
        return a;
    }
    MultiPolygon buffer(const LineString& /*line*/, double distance) override {
        ++calls;
        return square(distance);
    }
    MultiPolygon makeValid(const MultiPolygon& a) override {
        ++calls;
        return a;
    }
    MultiPolygon simplify(const MultiPolygon& a, double /*tolerance*/) override {
        ++calls;
        return a;
    }
};

geo::LayerQuery query(const std::string& path, const std::string& where = {}) {
    return {path, {}, where, Rect{0, 0, 10, 10}, false};
}

} // namespace

TEST(PreviewFeatureCache, AChangedFileIsReadAgain) {
    FakeFiles files;
    CountingSource source;
    CachingFeatureSource cache(source, files.stat());
    files.stamps["/d/zones.geojson"] = {100, 50};
    source.version["/d/zones.geojson"] = "one";
    EXPECT_EQ(cache.read(query("/d/zones.geojson")).front().attribute("version"), "one");
    files.stamps["/d/zones.geojson"] = {200, 50}; // same size, newer time
    source.version["/d/zones.geojson"] = "two";
    EXPECT_EQ(cache.read(query("/d/zones.geojson")).front().attribute("version"), "two");
    files.stamps["/d/zones.geojson"] = {200, 51}; // same time, other size
    source.version["/d/zones.geojson"] = "three";
    EXPECT_EQ(cache.read(query("/d/zones.geojson")).front().attribute("version"), "three");
    EXPECT_EQ(source.reads, 3);
}

TEST(PreviewFeatureCache, AMissingFileIsNeverServedFromMemory) {
    FakeFiles files;
    CountingSource source;
    CachingFeatureSource cache(source, files.stat());
    files.stamps["/d/zones.geojson"] = {100, 50};
    static_cast<void>(cache.read(query("/d/zones.geojson")));
    files.stamps.erase("/d/zones.geojson");
    static_cast<void>(cache.read(query("/d/zones.geojson")));
    static_cast<void>(cache.read(query("/d/zones.geojson")));
    EXPECT_EQ(source.reads, 3) << "the real source must say the file is gone";
}

TEST(PreviewFeatureCache, SameQueryOfAnUnchangedFileIsReadOnce) {
    FakeFiles files;
    CountingSource source;
    CachingFeatureSource cache(source, files.stat());
    files.stamps["/d/land.geojson.gz"] = {100, 50};
    const auto gz = query("/vsigzip//d/land.geojson.gz");
    const auto a = cache.read(gz);
    const auto b = cache.read(gz);
    EXPECT_EQ(source.reads, 1);
    EXPECT_EQ(a.front().points, b.front().points);
    EXPECT_EQ(cache.stats().hits, 1);
    EXPECT_EQ(cache.stats().misses, 1);
    // Another filter, box or layer is another read.
    static_cast<void>(cache.read(query("/vsigzip//d/land.geojson.gz", "scalerank < 5")));
    auto moved = gz;
    moved.bbox = Rect{0, 0, 20, 10};
    static_cast<void>(cache.read(moved));
    auto layer = gz;
    layer.layer = "other";
    static_cast<void>(cache.read(layer));
    EXPECT_EQ(source.reads, 4);
    // The file beneath a GDAL virtual path is the one whose stamp counts.
    files.stamps["/d/land.geojson.gz"] = {101, 50};
    static_cast<void>(cache.read(gz));
    EXPECT_EQ(source.reads, 5);
}

TEST(PreviewFeatureCache, SweepForgetsWhatTheLastLoadDidNotRead) {
    FakeFiles files;
    CountingSource source;
    CachingFeatureSource cache(source, files.stat());
    files.stamps["/d/a.geojson"] = {1, 1};
    files.stamps["/d/b.geojson"] = {1, 1};
    static_cast<void>(cache.read(query("/d/a.geojson")));
    static_cast<void>(cache.read(query("/d/b.geojson")));
    cache.sweep(); // end of load 1: both used
    EXPECT_EQ(cache.stats().entries, 2U);
    static_cast<void>(cache.read(query("/d/a.geojson")));
    cache.sweep(); // end of load 2: b was not read
    EXPECT_EQ(cache.stats().entries, 1U);
    static_cast<void>(cache.read(query("/d/b.geojson")));
    EXPECT_EQ(source.reads, 3);
}

TEST(PreviewFeatureCache, CheckpointCanAbandonARead) {
    FakeFiles files;
    CountingSource source;
    CachingFeatureSource cache(source, files.stat());
    files.stamps["/d/a.geojson"] = {1, 1};
    cache.setCheckpoint([] { throw Cancelled{}; });
    EXPECT_THROW(static_cast<void>(cache.read(query("/d/a.geojson"))), Cancelled);
    EXPECT_EQ(source.reads, 0);
    cache.setCheckpoint({});
    static_cast<void>(cache.read(query("/d/a.geojson")));
    EXPECT_EQ(source.reads, 1);
}

TEST(PreviewFeatureCache, FileBeneathAGdalPath) {
    EXPECT_EQ(fileBeneath("/vsigzip//data/ne/land.geojson.gz"), "/data/ne/land.geojson.gz");
    EXPECT_EQ(fileBeneath("/vsigzip/data/land.gz"), "/data/land.gz");
    EXPECT_EQ(fileBeneath("stories/zones.geojson"), "stories/zones.geojson");
}

TEST(PreviewGeometryCache, SameInputComputedOnce) {
    CountingOps ops;
    CachingGeometryOps cache(ops);
    const auto a = CountingOps::square(3);
    const Rect box{0, 0, 5, 5};
    const auto first = cache.clip(a, box);
    const auto second = cache.clip(a, box);
    EXPECT_EQ(first, second);
    EXPECT_EQ(ops.calls, 1);
    EXPECT_EQ(cache.stats().hits, 1);
    static_cast<void>(cache.makeValid(a));
    static_cast<void>(cache.makeValid(a));
    static_cast<void>(cache.unite({a, a}));
    static_cast<void>(cache.unite({a, a}));
    EXPECT_EQ(ops.calls, 3);
}

TEST(PreviewGeometryCache, AnyDifferenceInTheInputIsANewComputation) {
    CountingOps ops;
    CachingGeometryOps cache(ops);
    auto a = CountingOps::square(3);
    const Rect box{0, 0, 5, 5};
    static_cast<void>(cache.clip(a, box));
    a[0].rings[0][2].x = std::nextafter(3.0, 4.0); // one coordinate, one ulp
    static_cast<void>(cache.clip(a, box));
    static_cast<void>(cache.clip(a, Rect{0, 0, 5, 6})); // another box
    EXPECT_EQ(ops.calls, 3);
    // The same numbers under another operation are another result.
    static_cast<void>(cache.makeValid(a));
    static_cast<void>(cache.simplify(a, 0));
    EXPECT_EQ(ops.calls, 5);
    // Shapes that flatten to the same coordinates but group them differently differ too.
    const MultiPolygon oneRingOfFour{Polygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}};
    const MultiPolygon twoRingsOfTwo{Polygon{{{{0, 0}, {1, 0}}, {{1, 1}, {0, 1}}}}};
    static_cast<void>(cache.makeValid(oneRingOfFour));
    static_cast<void>(cache.makeValid(twoRingsOfTwo));
    EXPECT_EQ(ops.calls, 7);
    // Lines and polygons through the same clip are told apart.
    static_cast<void>(cache.clip(MultiLineString{{{0, 0}, {1, 1}}}, box));
    EXPECT_EQ(ops.calls, 8);
}

TEST(PreviewGeometryCache, SweepKeepsOnlyWhatTheLastLoadUsed) {
    CountingOps ops;
    CachingGeometryOps cache(ops);
    static_cast<void>(cache.buffer({{0, 0}, {1, 1}}, 5));
    static_cast<void>(cache.buffer({{0, 0}, {1, 1}}, 6));
    cache.sweep();
    static_cast<void>(cache.buffer({{0, 0}, {1, 1}}, 5));
    cache.sweep();
    EXPECT_EQ(cache.stats().entries, 1U);
    static_cast<void>(cache.buffer({{0, 0}, {1, 1}}, 6));
    EXPECT_EQ(ops.calls, 3);
}

TEST(PreviewGeometryCache, CheckpointRunsBeforeEachOperation) {
    CountingOps ops;
    CachingGeometryOps cache(ops);
    int checks = 0;
    cache.setCheckpoint([&] {
        if (++checks == 2)
            throw Cancelled{};
    });
    static_cast<void>(cache.makeValid(CountingOps::square(1)));
    EXPECT_THROW(static_cast<void>(cache.makeValid(CountingOps::square(2))), Cancelled);
    EXPECT_EQ(ops.calls, 1);
}
