// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "located_p.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/geo/catalogue.hpp"
#include "mapreel/geo/geodesic.hpp"
#include "mapreel/geo/shared_borders.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <string>

namespace mapreel::timeline {

namespace {

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

void addCountries(const story::Region& r, std::vector<std::string>& out) {
    out.insert(out.end(), r.countries.begin(), r.countries.end());
    for (const auto& o : r.operands)
        addCountries(o, out);
}

} // namespace

std::vector<std::string> countriesNamed(const story::Story& s) {
    std::vector<std::string> codes = s.map.focus;
    for (const auto& [id, r] : s.regions)
        addCountries(r, codes);
    for (const auto& t : s.territories)
        for (const auto& k : t.keyframes)
            if (k.region)
                addCountries(*k.region, codes);
    for (const auto& step : s.steps)
        for (const auto& action : step.actions)
            if (const auto* h = std::get_if<story::HighlightAction>(&action.what); h && h->region)
                addCountries(*h->region, codes);
    for (const auto& f : s.facts)
        if (!f.country.empty())
            codes.push_back(f.country);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    return codes;
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
        detail::located(r.loc, r.kind == story::Region::Kind::File ? r.file : std::string{},
                        [&] { return buildRegion(r, services, box, depth); });
    regionShapes_.emplace(std::move(key), shape);
    return shape;
}

MultiPolygon Timeline::buildRegion(const story::Region& r, geo::Services& services, const Rect& box,
                                   int depth) {
    using Kind = story::Region::Kind;
    switch (r.kind) {
    case Kind::Polygon:
        return services.ops.makeValid(
            projection_.polygons(projection_.cutAtSeam(r.polygon, services.ops)));
    case Kind::Circle:
        return services.ops.makeValid(projection_.polygons(
            geo::geodesicDisc(services.geodesic, r.circle.centre, r.circle.radiusKm,
                              projection_.seam().value_or(180.0))));
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
            projection_.polygons(services.ops.clip(projection_.cutAtSeam(all, services.ops), box)));
    }
    case Kind::Countries: {
        // Natural Earth's 10m countries share their borders vertex for vertex: their union
        // drops the shared borders, in lon/lat before anything moves a vertex, and is then
        // cut, clipped and projected once. A 1:50m stand-in does not share its
        // neighbours' vertices and takes the general union below.
        std::vector<std::string> codes;
        for (const auto& code : r.countries)
            if (std::find(codes.begin(), codes.end(), code) == codes.end())
                codes.push_back(code);
        std::vector<MultiPolygon> lonLat;
        lonLat.reserve(codes.size());
        for (const auto& code : codes)
            lonLat.push_back(countryAtlas_->shape(code));
        if (std::all_of(codes.begin(), codes.end(),
                        [&](const std::string& c) { return countryAtlas_->sharesBorders(c); })) {
            if (auto united = geo::uniteSharedBorders(lonLat))
                return projection_.polygons(
                    services.ops.clip(projection_.cutAtSeam(*united, services.ops), box));
        }
        std::vector<MultiPolygon> parts;
        for (const auto& code : r.countries) {
            auto cached = countryShapes_.find(code);
            if (cached == countryShapes_.end()) {
                const auto& shape = lonLat[static_cast<std::size_t>(
                    std::find(codes.begin(), codes.end(), code) - codes.begin())];
                cached = countryShapes_
                             .emplace(code, projection_.polygons(services.ops.clip(
                                                projection_.cutAtSeam(shape, services.ops), box)))
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

} // namespace mapreel::timeline
