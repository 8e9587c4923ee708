// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "located_p.hpp"

#include "mapreel/core/seam.hpp"
#include "mapreel/geo/catalogue.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

namespace mapreel::timeline {

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
    const bool cutBase = projection_.seam() && *projection_.seam() != 180 &&
                         box.minX < *projection_.seam() && *projection_.seam() < box.maxX;
    auto cutPolygons = [&](MultiPolygon mp) -> MultiPolygon {
        if (cutBase)
            return cutAlongMeridian(mp, *projection_.seam());
        return mp;
    };
    auto cutLines = [&](MultiLineString ml) -> MultiLineString {
        if (cutBase)
            return cutAlongMeridian(ml, *projection_.seam());
        return ml;
    };
    auto readPolygons = [&](geo::BundledLayer layer, const std::string& where = {}) {
        geo::LayerQuery q{geo::bundledPath(services.dataDir, layer), {}, where, box, false};
        MultiPolygon all;
        for (auto& f : services.features.read(q))
            for (auto& p : f.polygons)
                all.push_back(std::move(p));
        return projection_.polygons(services.ops.clip(cutPolygons(std::move(all)), box));
    };
    auto readLines = [&](geo::BundledLayer layer, const std::string& where = {}) {
        geo::LayerQuery q{geo::bundledPath(services.dataDir, layer), {}, where, box, false};
        MultiLineString all;
        for (auto& f : services.features.read(q))
            for (auto& l : f.lines)
                all.push_back(std::move(l));
        MultiLineString out;
        for (const auto& l : services.ops.clip(cutLines(std::move(all)), box))
            out.push_back(projection_.line(l));
        return out;
    };
    if (wants(story::BaseLayer::Bathymetry))
        for (const auto band : geo::kDepthBands)
            base_.depthBands.push_back(readPolygons(band));
    if (wants(story::BaseLayer::Land) || wants(story::BaseLayer::Countries)) {
        base_.land = readPolygons(geo::BundledLayer::Land);
        base_.hasLand = true;
    }
    if (!story_->map.focus.empty()) {
        story::Region focus;
        focus.kind = story::Region::Kind::Countries;
        focus.countries = story_->map.focus;
        base_.focus = resolveRegion(focus, services, box, 0);
    }
    if (wants(story::BaseLayer::Lakes))
        base_.lakes = readPolygons(geo::BundledLayer::Lakes, filterOf(story::BaseLayer::Lakes));
    if (wants(story::BaseLayer::Rivers)) {
        geo::LayerQuery q{geo::bundledPath(services.dataDir, geo::BundledLayer::Rivers),
                          {},
                          filterOf(story::BaseLayer::Rivers),
                          box,
                          false};
        for (auto& f : services.features.read(q)) {
            const int rank = geo::riverRank(f);
            for (const auto& l : services.ops.clip(cutLines(f.lines), box))
                base_.rivers.push_back({projection_.line(l), rank});
        }
    }
    if (wants(story::BaseLayer::Borders))
        base_.borders = readLines(geo::BundledLayer::Borders, filterOf(story::BaseLayer::Borders));
    if (wants(story::BaseLayer::Disputed))
        base_.disputed =
            readLines(geo::BundledLayer::Disputed, filterOf(story::BaseLayer::Disputed));
    if (wants(story::BaseLayer::Graticule))
        base_.graticule = readLines(geo::BundledLayer::Graticule);
    for (const auto& l : layers) {
        if (l.file.empty())
            continue;
        std::filesystem::path p(l.file);
        if (p.is_relative())
            p = std::filesystem::path(story_->baseDir) / p;
        geo::LayerQuery q{p.string(), l.layer, l.where, box, false};
        FileLayer layer{&l, {}, {}};
        detail::located(l.loc, l.file, [&] {
            for (auto& f : services.features.read(q)) {
                for (auto& poly :
                     projection_.polygons(services.ops.clip(cutPolygons(f.polygons), box)))
                    layer.polygons.push_back(std::move(poly));
                for (const auto& line : services.ops.clip(cutLines(f.lines), box))
                    layer.lines.push_back(projection_.line(line));
            }
            return 0;
        });
        base_.files.push_back(std::move(layer));
    }
}

} // namespace mapreel::timeline
