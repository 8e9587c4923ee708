// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/geo/geodesic.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// Interfaces to geographic data, projections and geometry operations. The adapters
/// (GDAL, PROJ, GEOS) implement them; the core and its tests depend only on these.
namespace mapreel::geo {

/// One feature of a vector layer, in the coordinates of its source.
struct Feature {
    MultiPolygon polygons;
    MultiLineString lines;
    std::vector<Point> points;
    std::map<std::string, std::string, std::less<>> attributes;

    [[nodiscard]] std::string attribute(std::string_view key) const {
        auto it = attributes.find(key);
        return it == attributes.end() ? std::string{} : it->second;
    }
};

/// What to read from a vector data file.
struct LayerQuery {
    std::string path;         ///< any GDAL-readable path, including /vsigzip/
    std::string layer;        ///< layer name; empty = the first layer
    std::string where;        ///< OGR SQL attribute filter; empty = all
    std::optional<Rect> bbox; ///< lon/lat filter box
    bool attributesOnly = false;
};

/// Reads vector features (GDAL/OGR in production, a fake in tests).
class FeatureSource {
public:
    virtual ~FeatureSource() = default;
    /// Throws DataError when the file is missing, unreadable or the filter is invalid.
    [[nodiscard]] virtual std::vector<Feature> read(const LayerQuery& query) = 0;
};

/// Projects lon/lat (degrees) to map coordinates (metres) and back.
class Projector {
public:
    virtual ~Projector() = default;
    /// nullopt where the projection is undefined for that point.
    [[nodiscard]] virtual std::optional<Point> forward(Point lonLat) const = 0;
    [[nodiscard]] virtual std::optional<Point> inverse(Point xy) const = 0;
    /// The definition as PROJ understood it.
    [[nodiscard]] virtual std::string definition() const = 0;
};

/// Creates projectors from PROJ strings, "EPSG:n" codes or preset names.
class ProjectorFactory {
public:
    virtual ~ProjectorFactory() = default;
    /// Throws ProjectionError with PROJ's message when the definition is invalid.
    [[nodiscard]] virtual std::unique_ptr<Projector> create(const std::string& definition) = 0;
};

/// Robust polygon operations (GEOS in production).
class GeometryOps {
public:
    virtual ~GeometryOps() = default;
    [[nodiscard]] virtual MultiPolygon intersection(const MultiPolygon& a,
                                                    const MultiPolygon& b) = 0;
    [[nodiscard]] virtual MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) = 0;
    [[nodiscard]] virtual MultiPolygon unite(const std::vector<MultiPolygon>& parts) = 0;
    [[nodiscard]] virtual MultiPolygon clip(const MultiPolygon& a, const Rect& box) = 0;
    [[nodiscard]] virtual MultiLineString clip(const MultiLineString& a, const Rect& box) = 0;
    /// Polygon within `distance` of the line (flat ends).
    [[nodiscard]] virtual MultiPolygon buffer(const LineString& line, double distance) = 0;
    /// Repairs self-intersections, bad orientation and unclosed rings.
    [[nodiscard]] virtual MultiPolygon makeValid(const MultiPolygon& a) = 0;
    /// Douglas-Peucker preserving topology.
    [[nodiscard]] virtual MultiPolygon simplify(const MultiPolygon& a, double tolerance) = 0;
};

/// The services the compile stage needs; owned by the caller.
struct Services {
    FeatureSource& features;
    ProjectorFactory& projectors;
    GeometryOps& ops;
    const Geodesic& geodesic;
    std::string dataDir; ///< folder holding natural-earth/
};

} // namespace mapreel::geo
