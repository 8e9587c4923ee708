// SPDX-License-Identifier: MIT
#include "mapreel/geo/geodesic.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::geo {

namespace {

double validStep(double stepDeg) noexcept {
    return std::isfinite(stepDeg) && stepDeg > 0 ? std::min(stepDeg, 90.0) : kGeodesicStepDeg;
}

} // namespace

LineString greatCircle(const Geodesic& g, Point a, Point b, double stepDeg) {
    const double step = validStep(stepDeg);
    const double deg = g.inverse(a, b).arcDeg;
    const int pieces = std::max(1, static_cast<int>(std::ceil(deg / step - 1e-9)));
    return g.line(a, b, pieces);
}

LineString greatCirclePath(const Geodesic& g, const LineString& lonLat, double stepDeg) {
    if (lonLat.size() < 2)
        return lonLat;
    LineString out{lonLat.front()};
    for (std::size_t i = 1; i < lonLat.size(); ++i) {
        const LineString arcPoints = greatCircle(g, lonLat[i - 1], lonLat[i], stepDeg);
        out.insert(out.end(), arcPoints.begin() + 1, arcPoints.end());
    }
    return out;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): radius, then the optional spacing.
Ring geodesicCircle(const Geodesic& g, Point centre, double radiusKm, double stepDeg) {
    const double step = validStep(stepDeg);
    const int n = std::max(8, static_cast<int>(std::ceil(360.0 / step - 1e-9)));
    Ring ring;
    ring.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        ring.push_back(g.direct(centre, 360.0 * i / n, radiusKm));
    return ring;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): radius, then the azimuths in order.
LineString geodesicArc(const Geodesic& g, Point centre, double radiusKm, double fromDeg,
                       double toDeg, double stepDeg) {
    const double step = validStep(stepDeg);
    double sweep = std::fmod(toDeg - fromDeg, 360.0);
    if (sweep <= 0)
        sweep += 360;
    const int n = std::max(1, static_cast<int>(std::ceil(sweep / step - 1e-9)));
    LineString arcPoints;
    arcPoints.reserve(static_cast<std::size_t>(n) + 1);
    for (int i = 0; i <= n; ++i)
        arcPoints.push_back(g.direct(centre, fromDeg + sweep * i / n, radiusKm));
    return arcPoints;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): radius, then optional seam and step.
MultiPolygon geodesicDisc(const Geodesic& g, Point centre, double radiusKm, double seamLon,
                          double stepDeg) {
    if (!(radiusKm > 0) || radiusKm > kHalfCircumferenceKm)
        return {};
    const double step = validStep(stepDeg);
    const Point anti{normalizeLon(centre.x + 180), -centre.y};
    const double toAntipode = g.inverse(centre, anti).km;
    const bool north = g.inverse(centre, {0, 90}).km < radiusKm;
    const bool south = g.inverse(centre, {0, -90}).km < radiusKm;
    if (radiusKm <= toAntipode / 2) {
        // The circle goes round the centre: the disc is the area inside it.
        return capAtSeam(geodesicCircle(g, centre, radiusKm, step),
                         north   ? 1
                         : south ? -1
                                 : 0,
                         seamLon, step);
    }
    // Past half way: the circle goes round the antipode, and the disc is the globe less the
    // area inside the circle there, which holds the poles the disc does not.
    MultiPolygon hole;
    if (toAntipode - radiusKm > 1e-3)
        hole = capAtSeam(geodesicCircle(g, centre, radiusKm, step),
                         !north   ? 1
                         : !south ? -1
                                  : 0,
                         seamLon, step);
    return globeLess(hole, seamLon, step);
}

} // namespace mapreel::geo
