// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

#include <memory>

namespace mapreel::adapters {

/// Polygon operations through the GEOS C API, one context per instance (one per thread).
class GeosOps final : public geo::GeometryOps {
public:
    GeosOps();
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
