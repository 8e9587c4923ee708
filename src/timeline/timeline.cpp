// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/geodesic.hpp"
#include "mapreel/core/text.hpp"
#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <string_view>

namespace mapreel::timeline {

namespace {

constexpr double kFadeSeconds = 0.8;
/// A territory change cross-fades over about a second of video, never less than this.
constexpr double kTerritoryFadeSeconds = 1.0;
constexpr double kMinTerritoryFadeSeconds = 0.6;

/// Parts of a country that Natural Earth's 10m shapes (world-atlas) draw apart without an
/// ISO code, by the alpha-3 code of the country they belong to: Baikonur is Kazakh
/// territory leased to Russia.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kUncodedParts{{
    {"KAZ", "Baikonur"},
}};

std::string dataPath(const std::string& dataDir, const std::string& name) {
    return "/vsigzip/" + (std::filesystem::path(dataDir) / "natural-earth" / name).string();
}

double lonLatWidthKm(const Rect& r) {
    return r.width() * 111.32 * std::cos((r.minY + r.maxY) / 2 * M_PI / 180);
}

/// An OGR filter selecting a feature by its name.
std::string whereName(std::string_view name) {
    std::string where = "name = '";
    where.append(name).append(1, '\'');
    return where;
}

/// What identifies a region's shape within one story: equal keys, equal shapes. Country
/// lists are sorted (a union does not depend on order); inline polygons are told apart by
/// their address, which is stable while the story lives.
std::string regionKey(const story::Region& r) {
    using Kind = story::Region::Kind;
    switch (r.kind) {
    case Kind::Polygon: {
        std::string key = "P";
        key.append(std::to_string(std::bit_cast<std::uintptr_t>(&r.polygon)));
        return key;
    }
    case Kind::Circle: {
        std::string key = "O";
        key.append(std::to_string(r.circle.centre.x)).push_back(',');
        key.append(std::to_string(r.circle.centre.y)).push_back(',');
        key.append(std::to_string(r.circle.radiusKm));
        return key;
    }
    case Kind::Ref: {
        std::string key = "R";
        key.append(r.ref);
        return key;
    }
    case Kind::File: {
        std::string key = "F";
        key.append(r.file).append(1, '\x1f').append(r.layer).append(1, '\x1f').append(r.where);
        return key;
    }
    case Kind::Countries: {
        auto codes = r.countries;
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        std::string key = "C";
        for (const auto& c : codes)
            key.append(c).push_back(',');
        return key;
    }
    case Kind::Union:
    case Kind::Intersection:
    case Kind::Difference: {
        std::string key(1, r.kind == Kind::Union ? 'U' : r.kind == Kind::Intersection ? 'I' : 'D');
        key.push_back('(');
        for (const auto& o : r.operands)
            key.append(regionKey(o)).push_back(';');
        key.push_back(')');
        return key;
    }
    }
    return {};
}

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

/// A DataError that already names the story line that led to it.
class LocatedDataError : public DataError {
public:
    using DataError::DataError;
};

/// `build()`, with a DataError from it (a data file that cannot be read, geometry GEOS
/// refuses) prefixed with the story's `file:line:col` at `loc`, and naming the data `file`
/// when its message does not. The innermost located node wins.
template <typename Build> auto located(const SourceLoc& loc, const std::string& file, Build build) {
    try {
        return build();
    } catch (const LocatedDataError&) {
        throw;
    } catch (const DataError& e) {
        if (loc.line <= 0)
            throw;
        std::string message = e.what();
        if (!file.empty() && message.find(file) == std::string::npos)
            message = "data file '" + file + "': " + message;
        throw LocatedDataError(loc.file + ":" + std::to_string(loc.line) + ":" +
                               std::to_string(loc.column) + ": " + message);
    }
}

} // namespace

LineString smoothRoute(const LineString& c, int samplesPerSpan) {
    if (c.size() < 2)
        return c;
    LineString out;
    // Phantom end points mirror the first and last spans so the curve ends on them.
    std::vector<Point> p;
    p.push_back(c[0] + (c[0] - c[1]));
    p.insert(p.end(), c.begin(), c.end());
    p.push_back(c.back() + (c.back() - c[c.size() - 2]));
    auto knot = [](double t, Point a, Point b) {
        return t + std::max(1e-9, std::sqrt(std::hypot(b.x - a.x, b.y - a.y)));
    };
    for (std::size_t i = 1; i + 2 < p.size(); ++i) {
        const Point p0 = p[i - 1];
        const Point p1 = p[i];
        const Point p2 = p[i + 1];
        const Point p3 = p[i + 2];
        const double t0 = 0;
        const double t1 = knot(t0, p0, p1);
        const double t2 = knot(t1, p1, p2);
        const double t3 = knot(t2, p2, p3);
        for (int s = 0; s < samplesPerSpan; ++s) {
            const double t = t1 + (t2 - t1) * s / samplesPerSpan;
            auto lerp = [](Point a, Point b, double ta, double tb, double tt) {
                return a * ((tb - tt) / (tb - ta)) + b * ((tt - ta) / (tb - ta));
            };
            const Point a1 = lerp(p0, p1, t0, t1, t);
            const Point a2 = lerp(p1, p2, t1, t2, t);
            const Point a3 = lerp(p2, p3, t2, t3, t);
            const Point b1 = lerp(a1, a2, t0, t2, t);
            const Point b2 = lerp(a2, a3, t1, t3, t);
            out.push_back(lerp(b1, b2, t1, t2, t));
        }
    }
    out.push_back(c.back());
    return out;
}

Timeline::~Timeline() = default;

Timeline::Timeline(std::shared_ptr<const story::Story> story, geo::Services& services,
                   std::string lang)
    : story_(std::move(story)), clock_(*story_, lang) {
    const auto& s = *story_;
    projector_ = services.projectors.create(projectionDefinition(s.map.projection));
    seam_ = findSeam(*projector_);

    // Everything any camera can show, plus a margin, bounds what is loaded.
    Rect lonLatBox;
    auto addView = [&](const story::MapView& v) {
        if (v.extent)
            lonLatBox.expand(*v.extent);
        else if (v.centre) {
            const double halfDeg =
                v.widthKm / 111.32 / 2 / std::max(0.1, std::cos(v.centre->y * M_PI / 180));
            lonLatBox.expand(Rect{v.centre->x - halfDeg, v.centre->y - halfDeg * 0.6,
                                  v.centre->x + halfDeg, v.centre->y + halfDeg * 0.6});
        }
    };
    addView(s.map.view);
    for (const auto& step : s.steps)
        if (step.camera)
            addView(step.camera->view);
    const double margin = std::max(lonLatBox.width(), lonLatBox.height()) * 1.2;
    lonLatBox = lonLatBox.inflated(margin);
    if (lonLatBox.minX < -180 || lonLatBox.maxX > 180) {
        // A view over the 180th meridian (a map centred on the Pacific) needs data from both
        // of its sides: load every longitude.
        lonLatBox.minX = -180;
        lonLatBox.maxX = 180;
    }
    lonLatBox.minX = std::max(-180.0, lonLatBox.minX);
    lonLatBox.maxX = std::min(180.0, lonLatBox.maxX);
    lonLatBox.minY = std::max(-89.9, lonLatBox.minY);
    lonLatBox.maxY = std::min(89.9, lonLatBox.maxY);
    (void)lonLatWidthKm;

    loadBase(services, lonLatBox);
    compileFronts(services, lonLatBox);

    for (const auto& t : s.territories) {
        CompiledTerritory ct{t.id, t.side, {}};
        for (const auto& k : t.keyframes)
            ct.keyframes.push_back(
                {toHistTime(k.date),
                 k.region ? resolveRegion(*k.region, services, lonLatBox, 0) : MultiPolygon{}});
        territories_.push_back(std::move(ct));
    }
    for (const auto& l : s.lines) {
        // A line over the seam is drawn as pieces at both edges of the map; the longest
        // piece carries the name.
        const std::size_t first = lines_.size();
        for (const auto& part : seam_ ? splitAtSeam(l.coords, *seam_) : MultiLineString{l.coords})
            lines_.push_back({&l, projectLine(part), false});
        auto longest =
            std::max_element(lines_.begin() + static_cast<std::ptrdiff_t>(first), lines_.end(),
                             [](const CompiledLine& a, const CompiledLine& b) {
                                 return length(a.line) < length(b.line);
                             });
        if (longest != lines_.end())
            longest->named = true;
    }
    for (const auto& z : s.zones) {
        const auto* line = s.line(z.along);
        if (!line)
            continue;
        std::vector<MultiPolygon> parts;
        for (const auto& part :
             seam_ ? splitAtSeam(line->coords, *seam_) : MultiLineString{line->coords})
            parts.push_back(services.ops.buffer(projectLine(part), z.widthKm * 500.0));
        zones_.push_back({&z, parts.size() == 1 ? parts.front() : services.ops.unite(parts)});
    }
    for (const auto& p : s.places)
        places_.push_back({&p, projectPoint(p.at)});
    for (const auto& l : s.labels)
        labels_.push_back({&l, projectPoint(l.at)});
    compileCameras();
    compileActions();
    timeTerritoryFades();
}

void Timeline::timeTerritoryFades() {
    for (auto& territory : territories_) {
        for (auto& k : territory.keyframes) {
            const Clock::Moment m = clock_.momentOf(k.date);
            if (m.t < 0 || !std::isfinite(m.t)) {
                k.fadeStart = k.fadeEnd = m.t;
                continue;
            }
            const double settled = clock_.settledTime(m.step);
            k.fadeEnd = std::max(m.t, std::min(m.t + kTerritoryFadeSeconds, settled));
            k.fadeStart = std::max(0.0, std::min(m.t, k.fadeEnd - kMinTerritoryFadeSeconds));
        }
    }
}

Point Timeline::projectPoint(Point p) const {
    auto q = projector_->forward(p);
    if (!q)
        throw ProjectionError("cannot project " + std::to_string(p.x) + ", " + std::to_string(p.y) +
                              " with " + projector_->definition());
    return *q;
}

LineString Timeline::projectLine(const LineString& l) const {
    LineString out;
    out.reserve(l.size());
    for (auto p : l)
        if (auto q = projector_->forward(p))
            out.push_back(*q);
    return out;
}

MultiPolygon Timeline::cutAtSeam(const MultiPolygon& lonLat, geo::GeometryOps& ops) const {
    if (!seam_)
        return lonLat;
    MultiPolygon cut = splitAtSeam(lonLat, *seam_);
    // Untouched polygons come back equal: only cut ones need repair.
    return cut == lonLat ? cut : ops.makeValid(cut);
}

MultiPolygon Timeline::projectPolygons(const MultiPolygon& mp) const {
    MultiPolygon out;
    out.reserve(mp.size());
    for (const auto& poly : mp) {
        Polygon q;
        for (const auto& ring : poly.rings) {
            Ring r = projectLine(ring);
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

Rect Timeline::projectBox(const Rect& lonLat) const {
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

Rect Timeline::viewRect(const story::MapView& v) const {
    if (v.extent)
        return projectBox(*v.extent);
    const Point c = projectPoint(v.centre.value_or(Point{0, 0}));
    const double half = v.widthKm * 500.0;
    return {c.x - half, c.y - half * 0.5625, c.x + half, c.y + half * 0.5625};
}

void Timeline::loadBase(geo::Services& services, const Rect& box) {
    const auto& layers = story_->map.layers;
    auto wants = [&](story::BaseLayer b) {
        return std::any_of(layers.begin(), layers.end(),
                           [&](const auto& l) { return l.base && *l.base == b; });
    };
    // A bundled layer may carry an attribute filter, e.g. to leave out a border that did not
    // exist at the time of the story.
    auto filterOf = [&](story::BaseLayer b) {
        auto it = std::find_if(layers.begin(), layers.end(),
                               [&](const auto& l) { return l.base && *l.base == b; });
        return it == layers.end() ? std::string{} : it->where;
    };
    // The bundled layers are cut at the 180th meridian already; a map whose edge lies
    // elsewhere (centred on the Pacific) cuts them along its own edge, where it shows it.
    const bool cutBase = seam_ && *seam_ != 180 && box.minX < *seam_ && *seam_ < box.maxX;
    auto cutPolygons = [&](MultiPolygon mp) -> MultiPolygon {
        if (cutBase)
            return cutAlongMeridian(mp, *seam_);
        return mp;
    };
    auto cutLines = [&](MultiLineString ml) -> MultiLineString {
        if (cutBase)
            return cutAlongMeridian(ml, *seam_);
        return ml;
    };
    auto readPolygons = [&](const std::string& file, const std::string& where = {}) {
        geo::LayerQuery q{dataPath(services.dataDir, file), {}, where, box, false};
        MultiPolygon all;
        for (auto& f : services.features.read(q))
            for (auto& p : f.polygons)
                all.push_back(std::move(p));
        return projectPolygons(services.ops.clip(cutPolygons(std::move(all)), box));
    };
    auto readLines = [&](const std::string& file, const std::string& where = {}) {
        geo::LayerQuery q{dataPath(services.dataDir, file), {}, where, box, false};
        MultiLineString all;
        for (auto& f : services.features.read(q))
            for (auto& l : f.lines)
                all.push_back(std::move(l));
        MultiLineString out;
        for (const auto& l : services.ops.clip(cutLines(std::move(all)), box))
            out.push_back(projectLine(l));
        return out;
    };
    if (wants(story::BaseLayer::Bathymetry))
        for (const char* band :
             {"ne_10m_bathymetry_K_200.geojson.gz", "ne_10m_bathymetry_J_1000.geojson.gz",
              "ne_10m_bathymetry_I_2000.geojson.gz", "ne_10m_bathymetry_G_4000.geojson.gz"})
            base_.depthBands.push_back(readPolygons(band));
    if (wants(story::BaseLayer::Land) || wants(story::BaseLayer::Countries)) {
        base_.land = readPolygons("ne_10m_land.geojson.gz");
        base_.hasLand = true;
    }
    if (!story_->map.focus.empty()) {
        story::Region focus;
        focus.kind = story::Region::Kind::Countries;
        focus.countries = story_->map.focus;
        base_.focus = resolveRegion(focus, services, box, 0);
    }
    if (wants(story::BaseLayer::Lakes))
        base_.lakes = readPolygons("ne_10m_lakes.geojson.gz", filterOf(story::BaseLayer::Lakes));
    if (wants(story::BaseLayer::Rivers)) {
        geo::LayerQuery q{
            dataPath(services.dataDir, "ne_10m_rivers_lake_centerlines_scale_rank.geojson.gz"),
            {},
            filterOf(story::BaseLayer::Rivers),
            box,
            false};
        for (auto& f : services.features.read(q)) {
            int rank = 10;
            try {
                rank = std::stoi(f.attribute("scalerank"));
            } catch (const std::exception&) {
            }
            for (const auto& l : services.ops.clip(cutLines(f.lines), box))
                base_.rivers.push_back({projectLine(l), rank});
        }
    }
    if (wants(story::BaseLayer::Borders))
        base_.borders = readLines("ne_10m_admin_0_boundary_lines_land.geojson.gz",
                                  filterOf(story::BaseLayer::Borders));
    if (wants(story::BaseLayer::Disputed))
        base_.disputed = readLines("ne_10m_admin_0_boundary_lines_disputed_areas.geojson.gz",
                                   filterOf(story::BaseLayer::Disputed));
    if (wants(story::BaseLayer::Graticule))
        base_.graticule = readLines("ne_10m_graticules_5.geojson.gz");
    for (const auto& l : layers) {
        if (l.file.empty())
            continue;
        std::filesystem::path p(l.file);
        if (p.is_relative())
            p = std::filesystem::path(story_->baseDir) / p;
        geo::LayerQuery q{p.string(), l.layer, l.where, box, false};
        located(l.loc, l.file, [&] {
            for (auto& f : services.features.read(q)) {
                for (auto& poly : projectPolygons(services.ops.clip(cutPolygons(f.polygons), box)))
                    base_.land.push_back(std::move(poly));
            }
            return 0;
        });
    }
}

MultiPolygon Timeline::resolveRegion(const story::Region& r, geo::Services& services,
                                     const Rect& box, int depth) {
    if (depth > 32)
        throw DataError("regions nest too deeply");
    // Every call of one timeline passes the same box, so the key need not name it.
    std::string key = regionKey(r);
    if (auto hit = regionShapes_.find(key); hit != regionShapes_.end())
        return hit->second;
    MultiPolygon shape =
        located(r.loc, r.kind == story::Region::Kind::File ? r.file : std::string{},
                [&] { return buildRegion(r, services, box, depth); });
    regionShapes_.emplace(std::move(key), shape);
    return shape;
}

MultiPolygon Timeline::buildRegion(const story::Region& r, geo::Services& services, const Rect& box,
                                   int depth) {
    using Kind = story::Region::Kind;
    switch (r.kind) {
    case Kind::Polygon:
        return services.ops.makeValid(projectPolygons(cutAtSeam(r.polygon, services.ops)));
    case Kind::Circle:
        return services.ops.makeValid(projectPolygons(
            geodesicDisc(r.circle.centre, r.circle.radiusKm, seam_.value_or(180.0))));
    case Kind::Ref: {
        auto it = story_->regions.find(r.ref);
        if (it == story_->regions.end())
            throw DataError("unknown region '" + r.ref + "'");
        return resolveRegion(it->second, services, box, depth + 1);
    }
    case Kind::File: {
        std::filesystem::path p(r.file);
        if (p.is_relative())
            p = std::filesystem::path(story_->baseDir) / p;
        MultiPolygon all;
        for (auto& f : services.features.read({p.string(), r.layer, r.where, box, false}))
            for (auto& poly : f.polygons)
                all.push_back(std::move(poly));
        return services.ops.makeValid(
            projectPolygons(services.ops.clip(cutAtSeam(all, services.ops), box)));
    }
    case Kind::Countries: {
        std::vector<MultiPolygon> parts;
        for (const auto& code : r.countries) {
            auto cached = countryShapes_.find(code);
            if (cached == countryShapes_.end()) {
                // Natural Earth 10m shapes (world-atlas) carry ISO numeric ids; the 1:50m
                // table maps alpha-3 to numeric and stands in where 10m has no id.
                std::string where = "ADM0_A3 = '";
                where.append(code).append("' OR ISO_A3 = '").append(code).append("'");
                geo::LayerQuery table{
                    dataPath(services.dataDir, "ne_50m_admin_0_countries.geojson.gz"),
                    {},
                    std::move(where),
                    std::nullopt,
                    false};
                auto rows = services.features.read(table);
                if (rows.empty())
                    throw DataError("unknown country code '" + code +
                                    "' (not in Natural Earth admin 0 countries)");
                MultiPolygon shape;
                std::string numeric = rows.front().attribute("ISO_N3");
                while (numeric.size() < 3 && !numeric.empty())
                    numeric.insert(numeric.begin(), '0');
                if (!numeric.empty() && numeric != "-99") {
                    geo::LayerQuery fine{
                        dataPath(services.dataDir, "world-atlas-countries-10m.topojson.gz"),
                        "countries", "id = '" + numeric + "'", std::nullopt, false};
                    for (auto& f : services.features.read(fine))
                        for (auto& poly : f.polygons)
                            shape.push_back(std::move(poly));
                    // Areas the 10m shapes split from their country without a code of their
                    // own; without them the country has a hole.
                    for (const auto& [owner, name] : kUncodedParts) {
                        if (code != owner)
                            continue;
                        geo::LayerQuery part{
                            dataPath(services.dataDir, "world-atlas-countries-10m.topojson.gz"),
                            "countries", whereName(name), std::nullopt, false};
                        for (auto& f : services.features.read(part))
                            for (auto& poly : f.polygons)
                                shape.push_back(std::move(poly));
                    }
                }
                if (shape.empty())
                    for (auto& f : rows)
                        for (auto& poly : f.polygons)
                            shape.push_back(std::move(poly));
                cached = countryShapes_
                             .emplace(code, projectPolygons(services.ops.clip(
                                                cutAtSeam(shape, services.ops), box)))
                             .first;
            }
            parts.push_back(cached->second);
        }
        return services.ops.unite(parts);
    }
    case Kind::Union:
    case Kind::Intersection:
    case Kind::Difference: {
        if (r.operands.empty())
            return {};
        MultiPolygon acc = resolveRegion(r.operands[0], services, box, depth + 1);
        for (std::size_t i = 1; i < r.operands.size(); ++i) {
            MultiPolygon next = resolveRegion(r.operands[i], services, box, depth + 1);
            if (r.kind == Kind::Union)
                acc = services.ops.unite({acc, next});
            else if (r.kind == Kind::Intersection)
                acc = services.ops.intersection(acc, next);
            else
                acc = services.ops.difference(acc, next);
        }
        return acc;
    }
    }
    return {};
}

std::vector<Ring> Timeline::leftArea(const story::Front& f, const story::FrontKeyframe& k,
                                     const Rect& closeBox, geo::GeometryOps& ops) const {
    std::vector<Ring> rings{leftOfLine(projectLine(k.line), closeBox)};
    if (f.pockets.empty() && k.pockets.empty())
        return rings;
    // Pockets say who holds them, whichever side of the line they fall on: a pocket of the
    // left side is added to the left area, one of the right side is cut out of it.
    std::vector<MultiPolygon> leftParts{ops.makeValid(MultiPolygon{Polygon{rings}})};
    MultiPolygon rightParts;
    for (const auto* pockets : {&f.pockets, &k.pockets})
        for (const auto& pocket : *pockets) {
            Polygon shape{{projectLine(pocket.polygon)}};
            if (pocket.side == f.left)
                leftParts.push_back({shape});
            else
                rightParts.push_back(shape);
        }
    MultiPolygon area = ops.unite(leftParts);
    if (!rightParts.empty())
        area = ops.difference(area, ops.unite({rightParts}));
    rings.clear();
    for (auto& polygon : area)
        for (auto& ring : polygon.rings)
            rings.push_back(std::move(ring));
    return rings;
}

void Timeline::compileFronts(geo::Services& services, const Rect& box) {
    for (const auto& f : story_->fronts) {
        CompiledFront cf;
        cf.id = f.id;
        cf.left = f.left;
        cf.right = f.right;
        auto it = story_->regions.find(f.region);
        if (it == story_->regions.end())
            throw DataError("front '" + f.id + "' names unknown region '" + f.region + "'");
        cf.region = resolveRegion(it->second, services, box, 0);
        const Rect rb = bounds(cf.region);
        const double pad = std::max(rb.width(), rb.height()) * 0.05;
        cf.gridBox = rb.inflated(pad);
        // About 600 cells across: finer than a pixel's worth of error at 1080p for a
        // country-sized region, and cheap to blend per frame.
        cf.cell = std::max(cf.gridBox.width(), cf.gridBox.height()) / 600.0;
        const Rect closeBox = cf.gridBox.inflated(std::max(rb.width(), rb.height()));
        for (const auto& k : f.keyframes) {
            auto ck = std::make_unique<CompiledKeyframe>();
            ck->date = toHistTime(k.date);
            ck->left = leftArea(f, k, closeBox, services.ops);
            cf.keyframes.push_back(std::move(ck));
        }
        fronts_.push_back(std::move(cf));
    }
}

const SignedField& Timeline::field(const CompiledFront& f, const CompiledKeyframe& k) {
    std::call_once(k.fieldOnce, [&] { k.field = SignedField(k.left, f.gridBox, f.cell); });
    return k.field;
}

// A query about one of the timeline's own fronts, asked of the timeline like its others.
// NOLINTNEXTLINE(readability-convert-member-functions-to-static)
FrontState Timeline::frontAt(const CompiledFront& f, HistTime date) const {
    FrontState state;
    const auto& ks = f.keyframes;
    if (ks.empty())
        return state;
    if (date <= ks.front()->date)
        return {ks.front()->left, true};
    if (date >= ks.back()->date)
        return {ks.back()->left, true};
    std::size_t i = 1;
    while (i < ks.size() && ks[i]->date < date)
        ++i;
    const auto& a = *ks[i - 1];
    const auto& b = *ks[i];
    if (date == b.date)
        return {b.left, true};
    const double s = (date - a.date) / (b.date - a.date);
    auto blended = SignedField::blend(field(f, a), field(f, b), s);
    return {blended.contour(), false};
}

std::string Timeline::probe(Point lonLat, HistTime date) const {
    auto xy = projector_->forward(lonLat);
    if (!xy)
        return "none";
    for (const auto& f : fronts_) {
        if (!contains(f.region, *xy))
            continue;
        const auto& ks = f.keyframes;
        if (ks.empty())
            continue;
        bool left = false;
        if (date <= ks.front()->date || date >= ks.back()->date) {
            const auto& k = date <= ks.front()->date ? *ks.front() : *ks.back();
            left = contains(MultiPolygon{Polygon{k.left}}, *xy);
        } else {
            std::size_t i = 1;
            while (i < ks.size() && ks[i]->date < date)
                ++i;
            const auto& a = *ks[i - 1];
            const auto& b = *ks[i];
            if (date == b.date) {
                left = contains(MultiPolygon{Polygon{b.left}}, *xy);
            } else {
                const double s = (date - a.date) / (b.date - a.date);
                const double v = (1 - s) * field(f, a).sample(*xy) + s * field(f, b).sample(*xy);
                left = v < 0;
            }
        }
        return left ? f.left : f.right;
    }
    // Territories: the last one listed wins where they overlap, as it is drawn on top.
    const auto holder = std::find_if(territories_.rbegin(), territories_.rend(),
                                     [&](const CompiledTerritory& territory) {
                                         const CompiledTerritoryKeyframe* active = nullptr;
                                         for (const auto& k : territory.keyframes)
                                             if (k.date <= date)
                                                 active = &k;
                                         return active != nullptr && contains(active->area, *xy);
                                     });
    return holder == territories_.rend() ? "none" : holder->side;
}

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

LineString grownArrow(const CompiledArrow& a, double t) {
    LineString part;
    if (a.path.size() < 2 || t <= a.start)
        return part;
    const double s =
        a.end > a.start ? std::clamp((t - a.start) / (a.end - a.start), 0.0, 1.0) : 1.0;
    if (s >= 1)
        return a.path; // exactly the head: no rounding in the eased length
    const double grow = easeOut(s);
    const double target = a.cumulative.back() * grow;
    for (std::size_t i = 0; i < a.path.size(); ++i) {
        if (a.cumulative[i] <= target) {
            part.push_back(a.path[i]);
            continue;
        }
        const double seg = a.cumulative[i] - a.cumulative[i - 1];
        const double k = seg > 0 ? (target - a.cumulative[i - 1]) / seg : 0;
        part.push_back(a.path[i - 1] + (a.path[i] - a.path[i - 1]) * k);
        break;
    }
    return part;
}

void Timeline::compileCameras() {
    const auto& s = *story_;
    Rect camera = viewRect(s.map.view);
    for (const auto& step : s.steps) {
        if (step.camera)
            camera = viewRect(step.camera->view);
        cameras_.push_back(camera);
    }
}

void Timeline::compileActions() {
    const auto& s = *story_;
    auto stepEnd = [&](const std::string& until, std::size_t fallback) {
        int j = until.empty() ? static_cast<int>(fallback) : s.stepIndex(until);
        if (j < 0)
            j = static_cast<int>(fallback);
        return clock_.steps()[static_cast<std::size_t>(j)].end();
    };
    auto locate = [&](const story::Waypoint& w) -> std::optional<Point> {
        if (w.at)
            return projectPoint(*w.at);
        if (const auto* p = s.place(w.place))
            return projectPoint(p->at);
        return std::nullopt;
    };
    for (std::size_t i = 0; i < clock_.steps().size(); ++i) {
        const auto& st = clock_.steps()[i];
        auto when = [&](const story::Window& w) {
            return std::pair{st.start + w.start * st.duration, st.start + w.end * st.duration};
        };
        for (const auto& action : st.source->actions) {
            if (const auto* a = std::get_if<story::ArrowAction>(&action.what)) {
                CompiledArrow ca;
                ca.source = a;
                ca.id = a->id;
                if (const auto* side = s.side(a->side))
                    ca.color = side->color;
                LineString lonLat;
                for (const auto& w : a->route) {
                    if (w.at)
                        lonLat.push_back(*w.at);
                    else if (const auto* p = s.place(w.place))
                        lonLat.push_back(p->at);
                }
                for (const auto& w : a->route)
                    if (auto p = locate(w))
                        ca.route.push_back(*p);
                if (ca.route.size() < 2)
                    continue;
                if (a->geodesic) {
                    // Along great circles: the arc is the path, not a smoothed curve.
                    const LineString arcs = greatCirclePath(lonLat);
                    if (seam_ && crossesSeam(arcs, *seam_))
                        throw DataError(
                            action.loc.file + ":" + std::to_string(action.loc.line) + ":" +
                            std::to_string(action.loc.column) + ": arrow '" + a->id +
                            "' follows a great circle over the edge of this map (longitude " +
                            std::to_string(std::lround(*seam_)) +
                            "), where it would break in two; split it into two arrows there, "
                            "or centre the projection elsewhere (+lon_0)");
                    ca.path = projectLine(arcs);
                } else {
                    ca.path = smoothRoute(ca.route);
                }
                double acc = 0;
                ca.cumulative.push_back(0);
                for (std::size_t k = 1; k < ca.path.size(); ++k) {
                    acc += std::hypot(ca.path[k].x - ca.path[k - 1].x,
                                      ca.path[k].y - ca.path[k - 1].y);
                    ca.cumulative.push_back(acc);
                }
                std::tie(ca.start, ca.end) = when(a->window);
                ca.hideAt = stepEnd(a->until, i) + kFadeSeconds;
                arrows_.push_back(std::move(ca));
            } else if (const auto* m = std::get_if<story::MarkerAction>(&action.what)) {
                auto at = locate(m->at);
                if (!at)
                    continue;
                std::string label = m->label.get(lang());
                if (label.empty())
                    if (const auto* p = s.place(m->at.place))
                        label = p->name.get(lang());
                CompiledMarker cm{m, *at, label, when(m->window).first,
                                  stepEnd(m->until, i) + kFadeSeconds};
                markers_.push_back(std::move(cm));
            } else if (const auto* c = std::get_if<story::CalloutAction>(&action.what)) {
                callouts_.push_back({c, projectPoint(c->at), when(c->window).first,
                                     stepEnd(c->until, i) + kFadeSeconds});
            } else if (const auto* h = std::get_if<story::HighlightAction>(&action.what)) {
                if (const auto* p = s.place(h->place)) {
                    auto [hs, he] = when(h->window);
                    highlights_.push_back(
                        {projectPoint(p->at), hs, he, h->color.value_or(Color{1, 0.8, 0.2, 1})});
                }
            } else if (const auto* sh = std::get_if<story::ShowAction>(&action.what)) {
                toggles_.push_back({sh->target, when(sh->window).first, sh->show});
            }
        }
    }
}

double Timeline::visibility(const std::string& id, const story::Visibility& v, double t) const {
    double alpha = 1;
    if (v.dates) {
        const HistTime d = clock_.dateAt(t);
        if (v.dates->from && d < toHistTime(*v.dates->from))
            alpha = 0;
        if (v.dates->to && d > toHistTime(*v.dates->to))
            alpha = 0;
    }
    if (v.steps) {
        const int a = story_->stepIndex(v.steps->from);
        const int b = story_->stepIndex(v.steps->to);
        if (a >= 0 && b >= 0) {
            const double start = clock_.steps()[static_cast<std::size_t>(a)].start;
            const double end = clock_.steps()[static_cast<std::size_t>(b)].end();
            alpha = std::min(progress(t, start, start + kFadeSeconds),
                             1 - progress(t, end - kFadeSeconds, end));
        }
    }
    // Explicit show/hide actions override, latest first, with a fade.
    const auto toggle = std::find_if(toggles_.rbegin(), toggles_.rend(),
                                     [&](const Toggle& g) { return g.target == id && g.at <= t; });
    if (toggle == toggles_.rend())
        return alpha;
    const double f = progress(t, toggle->at, toggle->at + kFadeSeconds);
    return toggle->show ? std::max(alpha * (1 - f), f) : alpha * (1 - f);
}

} // namespace mapreel::timeline
