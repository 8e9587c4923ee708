// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

namespace {

using story::BaseLayer;

/// A layer's own colours and width over the theme's: `fill` for the areas of polygon
/// layers, `stroke` and `width` (pixels at 1080p) for lines and outlines.
struct Style {
    Color fill;
    Color stroke;
    double width; ///< pixels of this frame
};

Style styleOf(const Frame& f, const story::LayerSpec& spec, Color fill, Color stroke,
              double width) {
    return {spec.fill.value_or(fill), spec.stroke.value_or(stroke),
            spec.width > 0 ? spec.width * f.u : width};
}

void appendLayer(Frame& f, const story::LayerSpec& spec, std::vector<Item>& out) {
    const auto& b = f.tl.base();
    const auto& th = f.th;
    if (!spec.base) {
        const auto it = std::find_if(b.files.begin(), b.files.end(),
                                     [&](const timeline::FileLayer& l) { return l.spec == &spec; });
        if (it == b.files.end())
            return;
        // Areas look like land and lines like borders unless the layer says otherwise.
        const Style s = styleOf(f, spec, th.land, th.coast, th.coastWidth * f.u);
        if (!it->polygons.empty()) {
            auto p = f.toPath(it->polygons);
            out.emplace_back(Fill{p, s.fill, FillRule::NonZero});
            out.emplace_back(Stroke{std::move(p), s.stroke, s.width});
        }
        if (!it->lines.empty()) {
            const Style ls = styleOf(f, spec, th.land, th.border, th.borderWidth * f.u);
            out.emplace_back(Stroke{f.toPath(it->lines), ls.stroke, ls.width});
        }
        return;
    }
    switch (*spec.base) {
    case BaseLayer::Bathymetry:
        for (std::size_t i = 0; i < b.depthBands.size() && i < 4; ++i) {
            auto p = f.toPath(b.depthBands[i]);
            if (spec.fill)
                // One colour, deeper bands a little darker, so the depths still read.
                out.emplace_back(Fill{p, spec.fill->darker(0.06 * static_cast<double>(i))});
            else
                out.emplace_back(Fill{p, th.seaBands[i]});
            if (spec.stroke || spec.width > 0)
                out.emplace_back(Stroke{std::move(p), spec.stroke.value_or(th.coast),
                                        spec.width > 0 ? spec.width * f.u : th.coastWidth * f.u});
        }
        break;
    case BaseLayer::Land:
    case BaseLayer::Countries: {
        if (!b.hasLand)
            break;
        const bool focus = !b.focus.empty();
        const Style s =
            styleOf(f, spec, focus ? th.landForeign : th.land, th.coast, th.coastWidth * f.u);
        auto land = f.toPath(b.land);
        out.emplace_back(Fill{land, s.fill, FillRule::NonZero});
        if (focus)
            out.emplace_back(
                Fill{f.toPath(b.focus), spec.fill.value_or(th.land), FillRule::NonZero});
        out.emplace_back(Stroke{std::move(land), s.stroke, s.width});
        break;
    }
    case BaseLayer::Lakes:
        if (!b.lakes.empty()) {
            const Style s = styleOf(f, spec, th.lake, th.river, th.lakeEdgeWidth * f.u);
            auto lakes = f.toPath(b.lakes);
            out.emplace_back(Fill{lakes, s.fill, FillRule::NonZero});
            out.emplace_back(Stroke{std::move(lakes), s.stroke, s.width});
        }
        break;
    case BaseLayer::Rivers: {
        // Rivers thin out with rank; minor ones disappear when zoomed out. `width` is the
        // width of the largest.
        const double kmPerPixel = 1 / (f.view.scale * 1000);
        const int maxRank = kmPerPixel > 2 ? 6 : kmPerPixel > 0.8 ? 8 : 10;
        const Color colour = spec.stroke.value_or(th.river);
        const double widest = spec.width > 0 ? spec.width / 1.5 : th.riverWidth;
        for (const auto& r : b.rivers) {
            if (r.rank > maxRank)
                continue;
            const double w = widest * f.u * std::clamp(1.6 - r.rank * 0.12, 0.5, 1.5);
            Path p;
            auto px = f.transform(r.line);
            if (px.size() < 2 || !bounds(px).intersects(f.screen))
                continue;
            p.lines.push_back(std::move(px));
            out.emplace_back(Stroke{std::move(p), colour, w});
        }
        break;
    }
    case BaseLayer::Graticule:
        if (!b.graticule.empty())
            out.emplace_back(
                Stroke{f.toPath(b.graticule),
                       spec.stroke.value_or(th.graticuleColour.withAlpha(th.graticuleOpacity)),
                       spec.width > 0 ? spec.width * f.u : th.graticuleWidth * f.u});
        break;
    case BaseLayer::Borders:
        if (!b.borders.empty()) {
            const Style s = styleOf(f, spec, th.land, th.border, th.borderWidth * f.u);
            out.emplace_back(Stroke{f.toPath(b.borders), s.stroke, s.width});
        }
        break;
    case BaseLayer::Disputed:
        if (!b.disputed.empty()) {
            const Style s = styleOf(f, spec, th.land, th.border, th.borderWidth * f.u);
            out.emplace_back(Stroke{f.toPath(b.disputed),
                                    s.stroke,
                                    s.width,
                                    {th.disputedDash * f.u, th.disputedGap * f.u}});
        }
        break;
    }
}

/// Whether `spec` draws: `land` and `countries` draw the same land, once, at the first.
bool drawn(const Frame& f, const story::LayerSpec& spec) {
    if (!spec.base || (*spec.base != BaseLayer::Land && *spec.base != BaseLayer::Countries))
        return true;
    for (const auto& other : f.tl.story().map.layers)
        if (other.base && (*other.base == BaseLayer::Land || *other.base == BaseLayer::Countries))
            return &other == &spec;
    return true;
}

/// The globe on a world map: its outline in pixels.
Path outlinePath(const Frame& f) {
    Path p;
    p.rings.push_back(f.transformAll(f.tl.base().outline));
    return p;
}

/// The map's own graticule (`graticule:` every N degrees), over the sea and under the land.
void appendMapGraticule(Frame& f) {
    const auto& b = f.tl.base();
    if (b.mapGraticule.empty())
        return;
    f.scene.base.emplace_back(Stroke{f.toPath(b.mapGraticule),
                                     f.th.graticuleColour.withAlpha(f.th.graticuleOpacity),
                                     f.th.graticuleWidth * f.u});
}

} // namespace

void appendBase(Frame& f) {
    const auto& layers = f.tl.story().map.layers;
    // A world map: the globe filled with sea, the space beyond it in the outside colour.
    if (!f.tl.base().outline.empty())
        f.scene.base.emplace_back(Fill{outlinePath(f), f.th.sea, FillRule::NonZero});
    const auto depth = std::find_if(layers.begin(), layers.end(), [](const auto& l) {
        return l.base && *l.base == BaseLayer::Bathymetry && !l.aboveSides;
    });
    if (depth == layers.end())
        appendMapGraticule(f);
    // In the order the story lists them, bottom first; those marked `above: sides` later.
    for (const auto& spec : layers) {
        if (!spec.aboveSides && drawn(f, spec))
            appendLayer(f, spec, f.scene.base);
        if (depth != layers.end() && &spec == &*depth)
            appendMapGraticule(f);
    }
    if (!f.tl.base().outline.empty())
        f.scene.base.emplace_back(
            Stroke{outlinePath(f), f.th.outlineColour, f.th.outlineWidth * f.u});
}

void appendBaseAboveSides(Frame& f) {
    for (const auto& spec : f.tl.story().map.layers)
        if (spec.aboveSides && drawn(f, spec))
            appendLayer(f, spec, f.scene.items);
}

} // namespace mapreel::scene::detail
