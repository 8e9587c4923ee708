// SPDX-License-Identifier: MIT
#include "mapreel/timeline/projection.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/seam.hpp"

#include <cmath>
#include <map>
#include <string>

namespace mapreel::timeline {

namespace {

/// The meridian opposite the projection's centre (lon_0 + 180) if the projection really tears
/// the globe apart there: points a hair either side of it land far apart on the map.
std::optional<double> findSeam(const geo::Projector& projector) {
    const std::string def = projector.definition();
    double lon0 = 0;
    // "+lon_0=150" in a PROJ string, "lon_0=150" in a pipeline step; not "o_lon_0=".
    for (auto at = def.find("lon_0="); at != std::string::npos; at = def.find("lon_0=", at + 1)) {
        if (at > 0 && def[at - 1] != ' ' && def[at - 1] != '+')
            continue;
        try {
            lon0 = std::stod(def.substr(at + 6));
        } catch (const std::exception&) {
            lon0 = 0;
        }
        break;
    }
    const double seam = normalizeLon(lon0 + 180);
    for (const double lat : {-60.0, -30.0, 0.0, 30.0, 60.0}) {
        auto a = projector.forward({normalizeLon(seam - 1e-7), lat});
        auto b = projector.forward({normalizeLon(seam + 1e-7), lat});
        if (a && b && std::hypot(a->x - b->x, a->y - b->y) > 1000)
            return seam;
    }
    return std::nullopt;
}

} // namespace

std::string projectionDefinition(const std::string& name) {
    static const std::map<std::string, std::string> kPresets = {
        {"equal-earth", "+proj=eqearth +datum=WGS84 +units=m"},
        {"robinson", "+proj=robin +datum=WGS84 +units=m"},
        {"web-mercator", "EPSG:3857"},
        {"mercator", "+proj=merc +datum=WGS84 +units=m"},
        {"plate-carree", "+proj=eqc +datum=WGS84 +units=m"},
        {"europe-laea", "EPSG:3035"},
        {"korea-lcc", "+proj=lcc +lat_1=33 +lat_2=43 +lon_0=127.5 +lat_0=38 +datum=WGS84 +units=m"},
    };
    auto it = kPresets.find(name);
    return it == kPresets.end() ? name : it->second;
}

MapProjection::MapProjection(std::unique_ptr<geo::Projector> projector)
    : projector_(std::move(projector)), seam_(findSeam(*projector_)) {}

Point MapProjection::point(Point p) const {
    auto q = projector_->forward(p);
    if (!q)
        throw ProjectionError("cannot project " + std::to_string(p.x) + ", " + std::to_string(p.y) +
                              " with " + projector_->definition());
    return *q;
}

LineString MapProjection::line(const LineString& l) const {
    LineString out;
    out.reserve(l.size());
    for (auto p : l)
        if (auto q = projector_->forward(p))
            out.push_back(*q);
    return out;
}

MultiPolygon MapProjection::polygons(const MultiPolygon& mp) const {
    MultiPolygon out;
    out.reserve(mp.size());
    for (const auto& poly : mp) {
        Polygon q;
        for (const auto& ring : poly.rings) {
            Ring r = line(ring);
            if (r.size() >= 3)
                q.rings.push_back(std::move(r));
            else if (q.rings.empty())
                break;
        }
        if (!q.rings.empty())
            out.push_back(std::move(q));
    }
    return out;
}

Rect MapProjection::box(const Rect& lonLat) const {
    // Sample the edges: a lon/lat box is curved in most projections.
    Rect out;
    constexpr int kSteps = 16;
    for (int i = 0; i <= kSteps; ++i) {
        const double fx = lonLat.minX + lonLat.width() * i / kSteps;
        const double fy = lonLat.minY + lonLat.height() * i / kSteps;
        for (Point p : {Point{fx, lonLat.minY}, Point{fx, lonLat.maxY}, Point{lonLat.minX, fy},
                        Point{lonLat.maxX, fy}})
            if (auto q = projector_->forward(p))
                out.expand(*q);
    }
    return out;
}

Rect MapProjection::view(const story::MapView& v) const {
    if (v.extent)
        return box(*v.extent);
    const Point c = point(v.centre.value_or(Point{0, 0}));
    const double half = v.widthKm * 500.0;
    return {c.x - half, c.y - half * 0.5625, c.x + half, c.y + half * 0.5625};
}

MultiPolygon MapProjection::cutAtSeam(const MultiPolygon& lonLat, geo::GeometryOps& ops) const {
    // A map without a seam of its own still needs shapes that are flat in lon/lat before they
    // are clipped to its box: a ring that jumps over the 180th meridian (Russia's Chukotka)
    // would otherwise span the globe the long way round and draw a straight-edged band across
    // the map. It is cut there; the projection joins the pieces again.
    MultiPolygon cut = splitAtSeam(lonLat, seam_.value_or(180));
    // Untouched polygons come back equal: only cut ones need repair.
    return cut == lonLat ? cut : ops.makeValid(cut);
}

MultiLineString MapProjection::cutAtSeam(const LineString& lonLat) const {
    return seam_ ? splitAtSeam(lonLat, *seam_) : MultiLineString{lonLat};
}

} // namespace mapreel::timeline
