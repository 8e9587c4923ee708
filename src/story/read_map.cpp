// SPDX-License-Identifier: MIT
#include "reader_p.hpp"

#include "mapreel/story/theme_keys.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mapreel::story::detail {

void StoryReader::readCanvas(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
        return;
    MapReader r(ctx_, n, "canvas",
                {"size", "fps", "theme", "style", "reading-wpm", "narration-card"});
    if (!r.ok())
        return;
    auto& c = story_.canvas;
    c.loc = ctx_.loc(n);
    if (auto size = r.get("size"); size.IsDefined()) {
        if (!size.IsSequence() || size.size() != 2) {
            ctx_.error(size, "'size' in canvas must be [width, height] in pixels");
        } else {
            auto w = detail::number(ctx_, size[0], "the canvas width");
            auto h = detail::number(ctx_, size[1], "the canvas height");
            const int maxSide = ctx_.limits.maxCanvasSide;
            if (w && h) {
                if (*w < 16 || *h < 16 || *w > maxSide || *h > maxSide)
                    ctx_.error(size, "canvas size must be between 16 and " +
                                         std::to_string(maxSide) + " pixels on each side");
                else if (std::floor(*w) != *w || std::floor(*h) != *h)
                    ctx_.error(size, "canvas width and height must be whole numbers of pixels");
                else if (static_cast<int>(*w) % 2 != 0 || static_cast<int>(*h) % 2 != 0)
                    ctx_.error(size, "canvas width and height must be even",
                               "video encoders need even sizes; try 1920x1080 or 3840x2160");
                else {
                    c.width = static_cast<int>(*w);
                    c.height = static_cast<int>(*h);
                }
            }
        }
    }
    if (auto v = r.integer("fps", 1, 120))
        c.fps = *v;
    if (auto v = r.choice("theme", {"classic", "dark", "print"}))
        c.theme = *v;
    if (auto v = r.number("reading-wpm", 60, 600))
        c.readingWpm = *v;
    if (auto v = r.boolean("narration-card"))
        c.narrationCard = *v;
    if (auto style = r.get("style"); style.IsDefined()) {
        static const std::vector<std::string> kStyleKeys = [] {
            std::vector<std::string> names;
            for (const auto& key : kThemeKeys)
                names.emplace_back(key.name);
            return names;
        }();
        MapReader s(ctx_, style, "canvas style", kStyleKeys);
        if (s.ok()) {
            for (auto it = style.begin(); it != style.end(); ++it) {
                if (!it->first.IsScalar())
                    continue;
                const std::string key = it->first.Scalar();
                const ThemeKey* theme = findThemeKey(key);
                if (!theme)
                    continue;
                auto value = detail::scalar(ctx_, it->second, "'" + key + "' in canvas style");
                if (!value)
                    continue;
                if (theme->kind == ThemeKeyKind::Colour && !parseColor(*value)) {
                    ctx_.error(it->second,
                               "'" + *value + "' is not a colour ('" + key + "' in canvas style)",
                               "write #rrggbb, #rrggbbaa or a basic name such as 'red'");
                    continue;
                }
                if (theme->kind == ThemeKeyKind::Pixels || theme->kind == ThemeKeyKind::Fraction) {
                    const auto d =
                        detail::number(ctx_, it->second, "'" + key + "' in canvas style");
                    if (!d)
                        continue;
                    if (*d < theme->min || *d > theme->max) {
                        std::ostringstream msg;
                        msg << "'" << key << "' in canvas style is " << *d << ", outside "
                            << theme->min << ".." << theme->max;
                        ctx_.error(it->second, msg.str());
                        continue;
                    }
                }
                c.style[key] = *value;
            }
            s.finish();
        }
    }
    r.finish();
}

std::optional<MapView> StoryReader::readView(const YAML::Node& n, const std::string& what) {
    MapReader r(ctx_, n, what, {"extent", "centre", "center", "width-km"});
    if (!r.ok())
        return std::nullopt;
    MapView v;
    v.loc = ctx_.loc(n);
    if (auto e = r.get("extent"); e.IsDefined())
        v.extent = detail::extent(ctx_, e, "'extent' in " + what);
    const bool hasCentre = r.has("centre") || r.has("center");
    for (const char* key : {"centre", "center"})
        if (auto c = r.get(key); c.IsDefined())
            v.centre = detail::lonLat(ctx_, c, "'" + std::string(key) + "' in " + what);
    if (auto w = r.number("width-km", 0.05, 40000))
        v.widthKm = *w;
    if (!r.has("extent") && !hasCentre)
        ctx_.error(n, what + " needs 'extent' or 'centre' with 'width-km'");
    if (r.has("extent") && hasCentre)
        ctx_.error(n, what + " has both 'extent' and 'centre'; keep one");
    if (hasCentre && !r.has("width-km"))
        ctx_.error(n, what + " with a centre needs 'width-km' (the width of ground shown)");
    r.finish();
    if (!v.extent && !v.centre)
        return std::nullopt;
    return v;
}

const std::map<std::string, BaseLayer> kBaseLayers = {
    {"bathymetry", BaseLayer::Bathymetry}, {"land", BaseLayer::Land},
    {"countries", BaseLayer::Countries},   {"lakes", BaseLayer::Lakes},
    {"rivers", BaseLayer::Rivers},         {"borders", BaseLayer::Borders},
    {"disputed", BaseLayer::Disputed},     {"graticule", BaseLayer::Graticule}};

void StoryReader::readMap(const YAML::Node& n) {
    if (!n.IsDefined())
        return;
    MapReader r(ctx_, n, "map",
                {"projection", "view", "focus", "layers", "graticule", "world-labels"});
    if (!r.ok())
        return;
    auto& m = story_.map;
    m.loc = ctx_.loc(n);
    m.projection = r.str("projection", true).value_or("");
    if (auto v = r.get("view", true); v.IsDefined() && !v.IsNull()) {
        if (auto view = readView(v, "the map view"))
            m.view = *view;
    }
    m.graticule = r.number("graticule", 1, 90).value_or(0);
    m.worldLabels = r.boolean("world-labels");
    m.focus = r.strings("focus");
    for (const auto& code : m.focus)
        if (code.size() != 3 ||
            !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
            ctx_.error(r.get("focus"), "'" + code + "' is not an ISO 3166 alpha-3 country code",
                       "use three capital letters, e.g. KOR, PRK, CHN");
    forEachItem(r.get("layers"), "layers", [&](const YAML::Node& item, std::size_t i) {
        LayerSpec layer;
        layer.loc = ctx_.loc(item);
        if (item.IsScalar()) {
            auto it = kBaseLayers.find(item.Scalar());
            if (it == kBaseLayers.end()) {
                auto near = closestMatch(item.Scalar(), keysOf(kBaseLayers));
                ctx_.error(item,
                           "unknown base layer '" + item.Scalar() + "'" +
                               (near.empty() ? "" : " (did you mean '" + near + "'?)"),
                           "bundled layers: bathymetry, land, countries, lakes, rivers, "
                           "borders, disputed, graticule");
                return;
            }
            layer.base = it->second;
            m.layers.push_back(layer);
            return;
        }
        MapReader lr(ctx_, item, "layer " + std::to_string(i + 1),
                     {"base", "file", "layer", "where", "fill", "stroke", "width", "above"});
        if (!lr.ok())
            return;
        if (auto b = lr.choice("base", keysOf(kBaseLayers)))
            layer.base = kBaseLayers.at(*b);
        if (auto f = lr.str("file")) {
            layer.file = *f;
            checkFile(lr.get("file"), *f, "layer " + std::to_string(i + 1));
        }
        if (!layer.base && layer.file.empty())
            ctx_.error(item, "layer " + std::to_string(i + 1) + " needs 'base' or 'file'");
        if (layer.base && !layer.file.empty())
            ctx_.error(item, "layer " + std::to_string(i + 1) + " has both 'base' and 'file'");
        layer.layer = lr.str("layer").value_or("");
        layer.where = lr.str("where").value_or("");
        layer.fill = lr.color("fill");
        layer.stroke = lr.color("stroke");
        layer.width = lr.number("width", 0, 100).value_or(0);
        layer.aboveSides = lr.choice("above", {"sides"}).has_value();
        if (layer.fill && layer.base &&
            (*layer.base == BaseLayer::Rivers || *layer.base == BaseLayer::Borders ||
             *layer.base == BaseLayer::Disputed || *layer.base == BaseLayer::Graticule))
            ctx_.warning(lr.get("fill"),
                         "'fill' does nothing on the " + lr.str("base").value_or("") +
                             " layer, which is made of lines",
                         "colour its lines with 'stroke'");
        lr.finish();
        m.layers.push_back(layer);
    });
    r.finish();
}

void StoryReader::readSides(const YAML::Node& n) {
    forEachItem(n, "sides", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "side " + std::to_string(i + 1),
                    {"id", "name", "color", "colour", "hatch"});
        if (!r.ok())
            return;
        Side s;
        s.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            s.id = *v;
        r.setWhat("side '" + s.id + "'");
        s.name = r.text("name", true);
        auto c = r.has("colour") ? r.color("colour") : r.color("color", true);
        if (c)
            s.color = *c;
        if (auto h = r.choice("hatch", {"none", "diagonal", "cross", "dots"}))
            s.hatch = *h == "none" ? "" : *h;
        r.finish();
        if (!s.id.empty())
            defineId(item, s.id, "side");
        story_.sides.push_back(std::move(s));
    });
    if (n.IsDefined() && n.IsSequence() && n.size() == 0)
        ctx_.error(n, "'sides' is empty", "name at least one actor, e.g. '- {id: north, ...}'");
}

} // namespace mapreel::story::detail
