// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geodesic.hpp"

#include <memory>

namespace mapreel::adapters {

/// Geodesics on the WGS84 ellipsoid by PROJ's geodesic routines (Karney's algorithms, exact
/// to round-off: a few nanometres). Stateless once made; safe to share between threads.
class ProjGeodesic final : public geo::Geodesic {
public:
    ProjGeodesic();
    ~ProjGeodesic() override;
    ProjGeodesic(const ProjGeodesic&) = delete;
    ProjGeodesic& operator=(const ProjGeodesic&) = delete;
    ProjGeodesic(ProjGeodesic&&) = delete;
    ProjGeodesic& operator=(ProjGeodesic&&) = delete;

    [[nodiscard]] geo::GeodesicInverse inverse(Point a, Point b) const override;
    [[nodiscard]] Point direct(Point from, double azimuthDeg, double km) const override;
    [[nodiscard]] LineString line(Point a, Point b, int pieces) const override;

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

} // namespace mapreel::adapters
