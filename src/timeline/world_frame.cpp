// SPDX-License-Identifier: MIT
// What frames a world map (the globe's outline, the map's graticule, the names of oceans,
// seas and continents) and the generalised geometry frames are drawn with.
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/seam.hpp"
#include "mapreel/geo/catalogue.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

namespace mapreel::timeline {

namespace {

/// How far from the seam the globe's edge and the graticule's parallels stop (degrees).
constexpr double kHair = 1e-7;

/// Map coordinates (metres) farther off than this are not on a map of the Earth.
constexpr double kFarOff = 1e8;

/// Views at least this wide (map units, metres) get world labels unless the story says.
constexpr double kWorldLabelsWidth = 3.0e6;

/// Points of lon/lat sampled every `step` degrees from `a` to `b` along a meridian or a
/// parallel (whichever of x and y changes).
LineString sampled(Point a, Point b, double step) {
    LineString out;
    const double len = std::max(std::abs(b.x - a.x), std::abs(b.y - a.y));
    const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
    for (int i = 0; i <= n; ++i) {
        const double f = static_cast<double>(i) / n;
        out.push_back({a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f});
    }
    return out;
}

/// The points of `l` each on the nearest point of the grid, repeated points dropped.
LineString snappedPoints(const LineString& l, double cell) {
    LineString out;
    out.reserve(l.size() / 2 + 4);
    for (const Point p : l) {
        const Point q{std::round(p.x / cell) * cell, std::round(p.y / cell) * cell};
        if (out.empty() || q != out.back())
            out.push_back(q);
    }
    return out;
}

/// `r` snapped to the grid; empty when fewer than three distinct points are left.
Ring snapped(const Ring& r, double cell) {
    Ring out = snappedPoints(r, cell);
    while (out.size() > 1 && out.back() == out.front())
        out.pop_back();
    if (out.size() < 3)
        return {};
    out.push_back(out.front());
    return out;
}

/// `l` snapped to the grid; empty when fewer than two distinct points are left.
LineString snappedLine(const LineString& l, double cell) {
    LineString out = snappedPoints(l, cell);
    if (out.size() < 2)
        return {};
    return out;
}

/// A key for one geometry at one cell: its address, with its size and first point as a
/// check that it is still the same geometry.
template <typename Geometry> auto keyOf(const Geometry& g, double cell) {
    double x = 0;
    if (!g.empty()) {
        if constexpr (std::is_same_v<Geometry, MultiPolygon>)
            x = g.front().rings.empty() || g.front().rings.front().empty()
                    ? 0
                    : g.front().rings.front().front().x;
        else
            x = g.front().empty() ? 0 : g.front().front().x;
    }
    return std::make_tuple(static_cast<const void*>(&g), g.size(), std::bit_cast<std::uint64_t>(x),
                           std::bit_cast<std::uint64_t>(cell));
}

} // namespace

struct Timeline::GeneralisedCache {
    using Key = std::tuple<const void*, std::size_t, std::uint64_t, std::uint64_t>;
    std::mutex mutex;
    std::map<Key, std::unique_ptr<MultiPolygon>> polygons;
    std::map<Key, std::unique_ptr<MultiLineString>> lines;
};

const MultiPolygon& Timeline::generalised(const MultiPolygon& geometry, double cell) const {
    const std::lock_guard lock(generalised_->mutex);
    auto& slot = generalised_->polygons[keyOf(geometry, cell)];
    if (!slot) {
        auto out = std::make_unique<MultiPolygon>();
        for (const auto& poly : geometry) {
            Polygon q;
            for (const auto& ring : poly.rings) {
                Ring r = snapped(ring, cell);
                if (!r.empty())
                    q.rings.push_back(std::move(r));
                else if (q.rings.empty())
                    break; // the outer ring is smaller than a cell: the polygon goes
            }
            if (!q.rings.empty())
                out->push_back(std::move(q));
        }
        slot = std::move(out);
    }
    return *slot;
}

const MultiLineString& Timeline::generalised(const MultiLineString& geometry, double cell) const {
    const std::lock_guard lock(generalised_->mutex);
    auto& slot = generalised_->lines[keyOf(geometry, cell)];
    if (!slot) {
        auto out = std::make_unique<MultiLineString>();
        for (const auto& line : geometry)
            if (auto l = snappedLine(line, cell); !l.empty())
                out->push_back(std::move(l));
        slot = std::move(out);
    }
    return *slot;
}

void Timeline::loadWorldFrame(geo::Services& services) {
    generalised_ = std::make_shared<GeneralisedCache>();
    const auto& map = story_->map;
    const auto& seam = projection_.seam();
    const auto& projector = projection_.projector();
    // A projection of the whole globe: a seam, and every point on the map, poles included
    // (not a conic, which tears at its seam too but sends a pole to infinity, nor a Mercator).
    auto onMap = [&](Point lonLat) -> std::optional<Point> {
        auto p = projector.forward(lonLat);
        if (!p || !std::isfinite(p->x) || !std::isfinite(p->y) || std::abs(p->x) > kFarOff ||
            std::abs(p->y) > kFarOff)
            return std::nullopt;
        return p;
    };
    const double east = seam ? normalizeLon(*seam - kHair) : 0;
    const double west = seam ? normalizeLon(*seam + kHair) : 0;
    const bool wholeGlobe =
        seam && onMap({east, 90}) && onMap({east, -90}) && onMap({west, 90}) && onMap({west, -90});
    if (wholeGlobe) {
        // Down the eastern edge of the map and up the western one, a hair either side of the
        // seam; the poles' lines (or points) join them.
        Ring ring;
        for (double lat = 90; lat >= -90; lat -= 0.5)
            if (auto p = onMap({east, lat}))
                ring.push_back(*p);
        for (double lat = -90; lat <= 90; lat += 0.5)
            if (auto p = onMap({west, lat}))
                ring.push_back(*p);
        if (ring.size() >= 3) {
            ring.push_back(ring.front());
            for (const Point p : ring)
                worldBounds_.expand(p);
            base_.outline = std::move(ring);
        }
    }
    if (map.graticule > 0) {
        const double g = map.graticule;
        auto add = [&](const LineString& lonLat) {
            for (const auto& part : projection_.cutAtSeam(lonLat))
                if (auto l = projection_.line(part); l.size() >= 2)
                    base_.mapGraticule.push_back(std::move(l));
        };
        // Meridians from pole to pole, but not the seam's (the outline draws it).
        for (double lon = std::ceil(-180 / g) * g; lon <= 180; lon += g) {
            if (seam && std::abs(normalizeLon(lon - *seam)) < 1e-9)
                continue;
            if (!seam && lon == 180 && std::ceil(-180 / g) * g == -180)
                continue; // -180 and 180 are one meridian
            add(sampled({lon, -90}, {lon, 90}, 1));
        }
        // Parallels from one edge of the map to the other, a hair inside the seam.
        const double start = seam ? *seam + kHair : -180.0;
        const double span = seam ? 360 - 2 * kHair : 360.0;
        for (double lat = std::ceil(-90 / g) * g; lat < 90; lat += g) {
            if (lat <= -90)
                continue;
            LineString parallel;
            for (int i = 0; i <= 360; ++i)
                parallel.push_back({normalizeLon(start + span * i / 360), lat});
            add(parallel);
        }
    }
    const double viewWidth = projection_.view(map.view).width();
    if (!map.worldLabels.value_or(viewWidth >= kWorldLabelsWidth))
        return;
    const geo::LayerQuery q{
        geo::bundledPath(services.dataDir, geo::BundledLayer::GeographyLabels), {}, {}, {}, false};
    for (const auto& f : services.features.read(q)) {
        if (f.points.empty())
            continue;
        const auto at = projector.forward(f.points.front());
        if (!at)
            continue;
        GeographyLabel l;
        l.text.set("", f.attribute("name"));
        if (const auto fr = f.attribute("name_fr"); !fr.empty())
            l.text.set("fr", fr);
        const std::string kind = f.attribute("kind");
        l.continent = kind == "continent";
        l.ocean = kind == "ocean";
        try {
            l.minZoom = std::stod(f.attribute("min_zoom"));
            l.maxZoom = std::stod(f.attribute("max_zoom"));
        } catch (const std::exception&) {
            continue;
        }
        l.at = *at;
        geographyLabels_.push_back(std::move(l));
    }
}

} // namespace mapreel::timeline
