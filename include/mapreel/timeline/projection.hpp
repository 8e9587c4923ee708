// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/geo/geo.hpp"
#include "mapreel/story/story.hpp"

#include <memory>
#include <optional>
#include <string>

namespace mapreel::timeline {

/// The PROJ definition of a story's `projection`: a preset name (equal-earth, korea-lcc, ...)
/// expanded, anything else (a PROJ string, "EPSG:n") unchanged.
[[nodiscard]] std::string projectionDefinition(const std::string& name);

/// A story's map projection: lon/lat to map metres for points, lines, polygons and boxes,
/// and where the projection tears the globe apart (a world map's left and right edges).
class MapProjection {
public:
    /// Takes the projector; finds its seam.
    explicit MapProjection(std::unique_ptr<geo::Projector> projector);

    [[nodiscard]] const geo::Projector& projector() const noexcept { return *projector_; }
    /// The meridian where the map is cut in two (lon_0 + 180), or nullopt when it has none
    /// (azimuthal and conic projections of part of the globe).
    [[nodiscard]] const std::optional<double>& seam() const noexcept { return seam_; }

    /// Throws ProjectionError where the projection is undefined.
    [[nodiscard]] Point point(Point lonLat) const;
    /// Points the projection cannot take are left out.
    [[nodiscard]] LineString line(const LineString& lonLat) const;
    /// Rings left with fewer than three points are left out (a polygon without its outer
    /// ring altogether).
    [[nodiscard]] MultiPolygon polygons(const MultiPolygon& lonLat) const;
    /// The projected bounds of a lon/lat box, its curved edges sampled.
    [[nodiscard]] Rect box(const Rect& lonLat) const;
    /// The projected extent a camera view shows.
    [[nodiscard]] Rect view(const story::MapView& v) const;

    /// Lon/lat polygons cut at the seam (and repaired), ready to clip and project.
    [[nodiscard]] MultiPolygon cutAtSeam(const MultiPolygon& lonLat, geo::GeometryOps& ops) const;
    /// A lon/lat line cut at the seam into pieces that stay on their own side of the map.
    [[nodiscard]] MultiLineString cutAtSeam(const LineString& lonLat) const;

private:
    std::unique_ptr<geo::Projector> projector_;
    std::optional<double> seam_;
};

} // namespace mapreel::timeline
