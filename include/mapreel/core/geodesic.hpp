// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <optional>

/// Geometry on the sphere, in lon/lat degrees: great circles, geodesic circles, and cutting
/// lines and polygons where a world map's edge (the meridian opposite the projection's
/// centre) would otherwise draw them across the whole map.
///
/// The Earth is a sphere of the IUGG mean radius. Against the WGS84 ellipsoid, distances are
/// off by at most about 0.5 % (0.1-0.3 % at the middle latitudes of most stories): a few
/// kilometres on a 2,000 km range circle, below a pixel on a continental map and well within
/// what a story's sources know of a missile's or an aircraft's range.
namespace mapreel {

/// The IUGG mean Earth radius R1, kilometres.
inline constexpr double kEarthRadiusKm = 6371.0088;
/// Half the circumference of the sphere: the largest radius a circle can have, kilometres.
inline constexpr double kHalfCircumferenceKm = 20015.114442035923;
/// Default spacing of densified great circles and circles, degrees of arc (or of bearing).
inline constexpr double kGeodesicStepDeg = 1.0;

/// A longitude brought into (-180, 180].
[[nodiscard]] double normalizeLon(double lon) noexcept;

/// Great-circle distance between two lon/lat points, kilometres.
[[nodiscard]] double distanceKm(Point a, Point b) noexcept;

/// Initial bearing from `a` towards `b`, degrees clockwise from north in [0, 360).
[[nodiscard]] double bearingDeg(Point a, Point b) noexcept;

/// The point `km` kilometres from `from` along the initial bearing `bearing` (degrees
/// clockwise from north); its longitude in (-180, 180].
[[nodiscard]] Point destination(Point from, double bearing, double km) noexcept;

/// True when no single great circle joins `a` and `b` (they are antipodal, within about
/// 1 km), so the shortest path between them is undefined.
[[nodiscard]] bool antipodal(Point a, Point b) noexcept;

/// The point a fraction `f` (0..1) of the way from `a` to `b` along the shorter great circle.
/// For antipodal points the result is one of the infinitely many paths.
[[nodiscard]] Point greatCirclePoint(Point a, Point b, double f) noexcept;

/// The shorter great-circle arc from `a` to `b`, both ends included, with a point at least
/// every `stepDeg` degrees of arc. Longitudes in (-180, 180].
[[nodiscard]] LineString greatCircle(Point a, Point b, double stepDeg = kGeodesicStepDeg);

/// A polyline whose every segment is replaced by its great-circle arc (see greatCircle).
[[nodiscard]] LineString greatCirclePath(const LineString& lonLat,
                                         double stepDeg = kGeodesicStepDeg);

/// The circle of all points `radiusKm` from `centre`, one point every `stepDeg` degrees of
/// bearing starting due north and turning clockwise (east first); the ring is not closed
/// (the first point is not repeated). radiusKm in (0, kHalfCircumferenceKm].
[[nodiscard]] Ring geodesicCircle(Point centre, double radiusKm, double stepDeg = kGeodesicStepDeg);

/// Part of that circle, clockwise from bearing `fromDeg` to `toDeg` (degrees from north; `toDeg`
/// is taken after `fromDeg`, so [300, 60] passes north), both ends included, a point at least
/// every `stepDeg` degrees of bearing.
[[nodiscard]] LineString geodesicArc(Point centre, double radiusKm, double fromDeg, double toDeg,
                                     double stepDeg = kGeodesicStepDeg);

/// The area within `radiusKm` of `centre`, as lon/lat polygons ready to project with a
/// projection whose seam (the meridian opposite its centre) is `seamLon`: cut at the seam,
/// closed over any pole the circle contains, and, beyond a quarter of the circumference, the
/// whole globe minus the circle around the antipode. Longitudes in (-180, 180]. Edges along
/// the seam and the poles are densified so that they follow the map's outline.
[[nodiscard]] MultiPolygon geodesicDisc(Point centre, double radiusKm, double seamLon = 180,
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
