// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <optional>

/// Lon/lat geometry at a world map's edge: cutting lines and polygons where the meridian
/// opposite the projection's centre (the seam) would otherwise draw them across the whole
/// map, and closing a ring that winds round a pole over that pole. The geodesic shapes
/// themselves (great circles, circles) are made on the ellipsoid by geo/geodesic.hpp.
namespace mapreel {

/// The largest circle radius a story may give, kilometres: half the circumference of the
/// mean Earth (IUGG R1 = 6371.0088 km). On the WGS84 ellipsoid no two points are more than
/// 20,004 km apart, so a circle of this radius covers the globe.
inline constexpr double kHalfCircumferenceKm = 20015.114442035923;
/// Default spacing of densified great circles and circles, degrees of arc (or of bearing).
inline constexpr double kGeodesicStepDeg = 1.0;

/// A longitude brought into (-180, 180].
[[nodiscard]] double normalizeLon(double lon) noexcept;

/// True when `a` and `b` are antipodal (within about 1 km, 0.01 degree): no single
/// geodesic joins them, so the way round is the author's to choose.
[[nodiscard]] bool antipodal(Point a, Point b) noexcept;

/// The area inside `circle` (a ring round its centre, not crossing itself), cut at the
/// meridian `seamLon` and, when it winds round a pole (`pole` +1 north, -1 south, 0 none),
/// closed over that pole; edges along the seam and the poles densified every `stepDeg`.
[[nodiscard]] MultiPolygon capAtSeam(const Ring& circle, int pole, double seamLon,
                                     double stepDeg = kGeodesicStepDeg);

/// The whole globe, as seen by a projection whose seam is `seamLon`, with the polygons of
/// `holes` (outer rings only) cut out of it; its edges densified every `stepDeg`.
[[nodiscard]] MultiPolygon globeLess(const MultiPolygon& holes, double seamLon,
                                     double stepDeg = kGeodesicStepDeg);

/// True when a segment of the polyline (taken the shorter way round in longitude, i.e. a
/// jump of more than 180 degrees crosses) passes over the meridian `seamLon`.
[[nodiscard]] bool crossesSeam(const LineString& lonLat, double seamLon = 180) noexcept;

/// The polyline cut where it crosses the meridian `seamLon`; each segment goes the shorter
/// way round in longitude. The pieces end a hair (1e-9 degree) short of the seam on their
/// own side, so that a projection puts them on the correct edge of the map. A polyline that
/// does not cross comes back unchanged as one piece.
[[nodiscard]] MultiLineString splitAtSeam(const LineString& lonLat, double seamLon = 180);

/// Polygons cut where their rings cross the meridian `seamLon` (edges taken the shorter way
/// round). A ring that winds once round a pole is closed over the pole that gives the smaller
/// area. Polygons that do not cross come back unchanged. Cut edges may leave slivers along
/// the seam: repair the result (GeometryOps::makeValid) before polygon operations.
[[nodiscard]] MultiPolygon splitAtSeam(const MultiPolygon& lonLat, double seamLon = 180);

/// Polygons read as drawn on a plate carree (Natural Earth's layers: cut already at the
/// 180th meridian, edges along the map's border) cut along the meridian `seamLon`, each piece
/// kept a hair off it on its own side. For a map centred elsewhere than 0 degrees.
[[nodiscard]] MultiPolygon cutAlongMeridian(const MultiPolygon& lonLat, double seamLon);

/// The same for lines.
[[nodiscard]] MultiLineString cutAlongMeridian(const MultiLineString& lonLat, double seamLon);

} // namespace mapreel
