// SPDX-License-Identifier: MIT
#include "proj_geodesic.hpp"

#include <geodesic.h>

#include <algorithm>

namespace mapreel::adapters {

namespace {

/// WGS84: semi-major axis (metres) and flattening.
constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1 / 298.257223563;

constexpr double kMetresPerKm = 1000.0;

Point lonLat(double lon, double lat) noexcept {
    return {normalizeLon(lon), lat};
}

} // namespace

class ProjGeodesic::Impl {
public:
    Impl() { geod_init(&geod, kWgs84A, kWgs84F); }
    geod_geodesic geod{};
};

ProjGeodesic::ProjGeodesic() : impl_(std::make_unique<Impl>()) {}

ProjGeodesic::~ProjGeodesic() = default;

geo::GeodesicInverse ProjGeodesic::inverse(Point a, Point b) const {
    double s12 = 0;
    double azi1 = 0;
    double azi2 = 0;
    const double a12 = geod_geninverse(&impl_->geod, a.y, a.x, b.y, b.x, &s12, &azi1, &azi2,
                                       nullptr, nullptr, nullptr, nullptr);
    return {s12 / kMetresPerKm, a12, azi1 < 0 ? azi1 + 360 : azi1, azi2 < 0 ? azi2 + 360 : azi2};
}

Point ProjGeodesic::direct(Point from, double azimuthDeg, double km) const {
    double lat = 0;
    double lon = 0;
    geod_direct(&impl_->geod, from.y, from.x, azimuthDeg, km * kMetresPerKm, &lat, &lon, nullptr);
    return lonLat(lon, lat);
}

LineString ProjGeodesic::line(Point a, Point b, int pieces) const {
    pieces = std::max(1, pieces);
    geod_geodesicline l{};
    geod_inverseline(&l, &impl_->geod, a.y, a.x, b.y, b.x, 0U);
    LineString out;
    out.reserve(static_cast<std::size_t>(pieces) + 1);
    out.push_back(a);
    for (int i = 1; i < pieces; ++i) {
        double lat = 0;
        double lon = 0;
        geod_position(&l, l.s13 * i / pieces, &lat, &lon, nullptr);
        out.push_back(lonLat(lon, lat));
    }
    out.push_back(b);
    return out;
}

} // namespace mapreel::adapters
