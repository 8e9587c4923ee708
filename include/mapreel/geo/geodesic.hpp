// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/core/seam.hpp"

/// Geodesics on the WGS84 ellipsoid: the shortest paths ("great circles") between places
/// and the circles of all points at one distance from a centre, in lon/lat degrees. The
/// computation is behind an interface (PROJ's implementation of Karney's algorithms in
/// production, exact to a few nanometres); the shapes built from it are pure.
namespace mapreel::geo {

/// The shortest geodesic between two points.
struct GeodesicInverse {
    double km = 0;       ///< its length, kilometres
    double arcDeg = 0;   ///< its length as an arc of the auxiliary sphere, degrees (0..180)
    double azimuth1 = 0; ///< its direction at the start, degrees clockwise from north
    double azimuth2 = 0; ///< its direction at the end, degrees clockwise from north
};

/// Solves the geodesic problems on the Earth's ellipsoid.
class Geodesic {
public:
    virtual ~Geodesic() = default;
    /// The shortest geodesic from `a` to `b` (lon/lat degrees); for antipodal points one of
    /// several.
    [[nodiscard]] virtual GeodesicInverse inverse(Point a, Point b) const = 0;
    /// The point `km` kilometres from `from` along the geodesic leaving it at `azimuthDeg`
    /// (degrees clockwise from north); its longitude in (-180, 180].
    [[nodiscard]] virtual Point direct(Point from, double azimuthDeg, double km) const = 0;
    /// `pieces` + 1 points equally spaced along the shortest geodesic from `a` to `b`, both
    /// ends included (exactly `a` and `b`); longitudes in (-180, 180]. pieces >= 1.
    [[nodiscard]] virtual LineString line(Point a, Point b, int pieces) const = 0;
};

/// The shortest geodesic from `a` to `b`, both ends included, with a point at least every
/// `stepDeg` degrees of arc. Longitudes in (-180, 180].
[[nodiscard]] LineString greatCircle(const Geodesic& g, Point a, Point b,
                                     double stepDeg = kGeodesicStepDeg);

/// A polyline whose every segment is replaced by its geodesic (see greatCircle).
[[nodiscard]] LineString greatCirclePath(const Geodesic& g, const LineString& lonLat,
                                         double stepDeg = kGeodesicStepDeg);

/// The circle of all points `radiusKm` from `centre` along geodesics, one point every
/// `stepDeg` degrees of azimuth starting due north and turning clockwise (east first); the
/// ring is not closed (the first point is not repeated). radiusKm in (0, kHalfCircumferenceKm].
[[nodiscard]] Ring geodesicCircle(const Geodesic& g, Point centre, double radiusKm,
                                  double stepDeg = kGeodesicStepDeg);

/// Part of that circle, clockwise from azimuth `fromDeg` to `toDeg` (degrees from north;
/// `toDeg` is taken after `fromDeg`, so [300, 60] passes north), both ends included, a point
/// at least every `stepDeg` degrees of azimuth.
[[nodiscard]] LineString geodesicArc(const Geodesic& g, Point centre, double radiusKm,
                                     double fromDeg, double toDeg,
                                     double stepDeg = kGeodesicStepDeg);

/// The area within `radiusKm` of `centre`, as lon/lat polygons ready to project with a
/// projection whose seam (the meridian opposite its centre) is `seamLon`: cut at the seam,
/// closed over any pole the circle contains, and, beyond half the way to the antipode, the
/// whole globe less the area round the antipode. Empty unless radiusKm is in
/// (0, kHalfCircumferenceKm].
[[nodiscard]] MultiPolygon geodesicDisc(const Geodesic& g, Point centre, double radiusKm,
                                        double seamLon = 180, double stepDeg = kGeodesicStepDeg);

} // namespace mapreel::geo
