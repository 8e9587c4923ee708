// SPDX-License-Identifier: MIT
#pragma once
// Fake geo services: a feature source serving features from memory, a plate carrée
// projector and geometry operations good enough for shapes that are disjoint or nested.
// With them a Timeline compiles, and a scene evaluates, without GDAL, PROJ or GEOS.

#include "mapreel/geo/geo.hpp"
#include "mapreel/geo/geodesic.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mapreel::testing {

/// Serves the features added for a path (matched by its end, so "land.geojson.gz" serves
/// the bundled land layer) and records every query. Unknown paths give no features.
class FakeFeatureSource final : public geo::FeatureSource {
public:
    void add(std::string pathSuffix, geo::Feature feature) {
        layers_.emplace_back(std::move(pathSuffix), std::move(feature));
    }
    [[nodiscard]] std::vector<geo::Feature> read(const geo::LayerQuery& query) override {
        queries_.push_back(query);
        std::vector<geo::Feature> out;
        for (const auto& [suffix, feature] : layers_)
            if (query.path.ends_with(suffix))
                out.push_back(feature);
        return out;
    }
    [[nodiscard]] const std::vector<geo::LayerQuery>& queries() const noexcept { return queries_; }

private:
    std::vector<std::pair<std::string, geo::Feature>> layers_;
    std::vector<geo::LayerQuery> queries_;
};

/// Plate carrée on a sphere: x and y are metres along the equator and the meridian.
class FakeProjector final : public geo::Projector {
public:
    static constexpr double kMetresPerDegree = 111'319.49;

    [[nodiscard]] std::optional<Point> forward(Point lonLat) const override {
        if (std::abs(lonLat.y) > 90)
            return std::nullopt;
        return Point{lonLat.x * kMetresPerDegree, lonLat.y * kMetresPerDegree};
    }
    [[nodiscard]] std::optional<Point> inverse(Point xy) const override {
        return Point{xy.x / kMetresPerDegree, xy.y / kMetresPerDegree};
    }
    [[nodiscard]] std::string definition() const override { return "+proj=eqc +fake"; }
};

/// Makes FakeProjectors for any definition, and remembers the definitions asked for.
class FakeProjectorFactory final : public geo::ProjectorFactory {
public:
    [[nodiscard]] std::unique_ptr<geo::Projector> create(const std::string& definition) override {
        definitions_.push_back(definition);
        return std::make_unique<FakeProjector>();
    }
    [[nodiscard]] const std::vector<std::string>& definitions() const noexcept {
        return definitions_;
    }

private:
    std::vector<std::string> definitions_;
};

/// Polygon operations on whole polygons, decided by their bounding boxes: exact for shapes
/// that are disjoint or nested, which is what unit tests draw. Clipping keeps what touches
/// the box without cutting it; buffer gives a rectangle around each segment.
class FakeGeometryOps final : public geo::GeometryOps {
public:
    [[nodiscard]] MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) override {
        ++calls_;
        MultiPolygon out;
        for (const auto& p : a)
            if (touches(p, b))
                out.push_back(p);
        return out;
    }
    [[nodiscard]] MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) override {
        ++calls_;
        MultiPolygon out;
        for (const auto& p : a)
            if (!touches(p, b))
                out.push_back(p);
        return out;
    }
    [[nodiscard]] MultiPolygon unite(const std::vector<MultiPolygon>& parts) override {
        ++calls_;
        MultiPolygon out;
        for (const auto& part : parts)
            out.insert(out.end(), part.begin(), part.end());
        return out;
    }
    [[nodiscard]] MultiPolygon clip(const MultiPolygon& a, const Rect& box) override {
        ++calls_;
        MultiPolygon out;
        for (const auto& p : a)
            if (!p.rings.empty() && bounds(p.rings.front()).intersects(box))
                out.push_back(p);
        return out;
    }
    [[nodiscard]] MultiLineString clip(const MultiLineString& a, const Rect& box) override {
        ++calls_;
        MultiLineString out;
        for (const auto& l : a)
            if (bounds(l).intersects(box))
                out.push_back(l);
        return out;
    }
    [[nodiscard]] MultiPolygon buffer(const LineString& line, double distance) override {
        ++calls_;
        MultiPolygon out;
        for (std::size_t i = 1; i < line.size(); ++i) {
            const Point d = line[i] - line[i - 1];
            const double len = std::hypot(d.x, d.y);
            if (len <= 0)
                continue;
            const Point n{-d.y / len * distance, d.x / len * distance};
            out.push_back(Polygon{{Ring{line[i - 1] + n, line[i] + n, line[i] - n, line[i - 1] - n,
                                        line[i - 1] + n}}});
        }
        return out;
    }
    [[nodiscard]] MultiPolygon makeValid(const MultiPolygon& a) override {
        ++calls_;
        return a;
    }
    [[nodiscard]] MultiPolygon simplify(const MultiPolygon& a, double tolerance) override {
        (void)tolerance;
        ++calls_;
        return a;
    }
    /// How many operations were asked for.
    [[nodiscard]] int calls() const noexcept { return calls_; }

private:
    static bool touches(const Polygon& p, const MultiPolygon& other) {
        if (p.rings.empty())
            return false;
        const Rect b = bounds(p.rings.front());
        for (const auto& q : other)
            if (!q.rings.empty() && bounds(q.rings.front()).intersects(b))
                return true;
        return false;
    }

    int calls_ = 0;
};

/// Geodesics on a sphere of the Earth's mean radius: shapes close to the real ones, with no
/// PROJ behind them.
class FakeGeodesic final : public geo::Geodesic {
public:
    [[nodiscard]] geo::GeodesicInverse inverse(Point a, Point b) const override {
        const double p1 = rad(a.y), p2 = rad(b.y), dl = rad(b.x - a.x);
        const double c = std::clamp(
            std::sin(p1) * std::sin(p2) + std::cos(p1) * std::cos(p2) * std::cos(dl), -1.0, 1.0);
        const double arc = std::acos(c);
        auto bearing = [](double q1, double q2, double l) {
            return deg(std::atan2(std::sin(l) * std::cos(q2),
                                  std::cos(q1) * std::sin(q2) -
                                      std::sin(q1) * std::cos(q2) * std::cos(l)));
        };
        return {arc * kRadiusKm, deg(arc), bearing(p1, p2, dl), bearing(p2, p1, -dl) + 180};
    }
    [[nodiscard]] Point direct(Point from, double azimuthDeg, double km) const override {
        const double d = km / kRadiusKm, az = rad(azimuthDeg), p1 = rad(from.y);
        const double p2 =
            std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(az));
        const double l = std::atan2(std::sin(az) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
        double lon = from.x + deg(l);
        while (lon > 180)
            lon -= 360;
        while (lon <= -180)
            lon += 360;
        return {lon, deg(p2)};
    }
    [[nodiscard]] LineString line(Point a, Point b, int pieces) const override {
        const auto inv = inverse(a, b);
        LineString out{a};
        for (int i = 1; i < pieces; ++i)
            out.push_back(direct(a, inv.azimuth1, inv.km * i / pieces));
        out.push_back(b);
        return out;
    }

private:
    static constexpr double kRadiusKm = 6371.0088;
    static double rad(double d) { return d * M_PI / 180; }
    static double deg(double r) { return r * 180 / M_PI; }
};

/// The fakes together, and timelines compiled with them from story text.
struct FakeGeo {
    FakeFeatureSource features;
    FakeProjectorFactory projectors;
    FakeGeometryOps ops;
    FakeGeodesic geodesic;
    geo::Services services{features, projectors, ops, geodesic, "/fake-data"};

    /// Loads `yaml` as a story and compiles its timeline; throws with the first diagnostic
    /// when the story does not load.
    [[nodiscard]] std::unique_ptr<timeline::Timeline> timeline(std::string_view yaml,
                                                               std::string lang = {}) {
        auto loaded = story::loadStoryFromText(yaml, "/fake-story/story.yaml");
        if (!loaded)
            throw std::runtime_error(format(loaded.error().items().front()));
        auto story = std::make_shared<const story::Story>(std::move(loaded->story));
        return std::make_unique<timeline::Timeline>(std::move(story), services, std::move(lang));
    }
};

} // namespace mapreel::testing
