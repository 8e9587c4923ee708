// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

#include <chrono>
#include <memory>

namespace mapreel::adapters {

/// The CPU time one operation may take unless told otherwise. Under AddressSanitizer every
/// allocation of GEOS goes through the sanitizer's allocator and quarantine, which makes the
/// unions and clips of sound world data several times slower (3 s became over 20 s), so
/// such builds give the same operations ten times as long.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr std::chrono::milliseconds kDefaultGeometryBudget = std::chrono::seconds(200);
#else
inline constexpr std::chrono::milliseconds kDefaultGeometryBudget = std::chrono::seconds(20);
#endif

/// Polygon operations through the GEOS C API, one context per instance (one per thread).
/// Each operation may take at most `budget` (a clip: each polygon it cuts): a polygon
/// crossing itself hundreds of thousands of times would otherwise keep GEOS busy for
/// hours. Past it the operation throws DataError; operations of other threads, each with
/// its own GeosOps, go on.
class GeosOps final : public geo::GeometryOps {
public:
    explicit GeosOps(std::chrono::milliseconds budget = kDefaultGeometryBudget);
    ~GeosOps() override;
    GeosOps(const GeosOps&) = delete;
    GeosOps& operator=(const GeosOps&) = delete;

    [[nodiscard]] MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon unite(const std::vector<MultiPolygon>& parts) override;
    [[nodiscard]] MultiPolygon clip(const MultiPolygon& a, const Rect& box) override;
    [[nodiscard]] MultiLineString clip(const MultiLineString& a, const Rect& box) override;
    [[nodiscard]] MultiPolygon buffer(const LineString& line, double distance) override;
    [[nodiscard]] MultiPolygon makeValid(const MultiPolygon& a) override;
    [[nodiscard]] MultiPolygon simplify(const MultiPolygon& a, double tolerance) override;

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

} // namespace mapreel::adapters
