// SPDX-License-Identifier: MIT
#include "mapreel/story/loader.hpp"

#include "mapreel/core/geodesic.hpp"

#include "media_p.hpp"
#include "yaml_reader_p.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace mapreel::story {

const Side* Story::side(std::string_view sideId) const {
    for (const auto& s : sides)
        if (s.id == sideId)
            return &s;
    return nullptr;
}

const Place* Story::place(std::string_view placeId) const {
    for (const auto& p : places)
        if (p.id == placeId)
            return &p;
    return nullptr;
}

const Line* Story::line(std::string_view lineId) const {
    for (const auto& l : lines)
        if (l.id == lineId)
            return &l;
    return nullptr;
}

std::string Story::defaultLanguage() const {
    return languages.empty() ? std::string("en") : languages.front();
}

int Story::stepIndex(std::string_view stepId) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == stepId)
            return static_cast<int>(i);
    return -1;
}

namespace {

using detail::Context;
using detail::MapReader;

/// Ids referenced before they can be checked, with where they were written.
struct Ref {
    SourceLoc loc;
    std::string id;
    std::string what; ///< "side", "place", ...
};

class Loader {
public:
    Loader(Context& ctx, Story& story) : ctx_(ctx), story_(story) {}

    void load(const YAML::Node& root);

private:
    void readMeta(MapReader& top);
    void readSources(const YAML::Node& n);
    void readCanvas(const YAML::Node& n);
    void readMap(const YAML::Node& n);
    std::optional<MapView> readView(const YAML::Node& n, const std::string& what);
    void readSides(const YAML::Node& n);
    void readPlaces(const YAML::Node& n);
    void readRegions(const YAML::Node& n);
    std::optional<Region> readRegion(const YAML::Node& n, const std::string& what, int depth);
    void readFronts(const YAML::Node& n);
    void readTerritories(const YAML::Node& n);
    void readLines(const YAML::Node& n);
    void readZones(const YAML::Node& n);
    void readLabels(const YAML::Node& n);
    void readSteps(const YAML::Node& n);
    std::optional<Action> readAction(const YAML::Node& n, const std::string& what);
    Provenance readProvenance(MapReader& r);
    Visibility readVisibility(const YAML::Node& n, const std::string& what);
    Window readWindow(MapReader& r);
    std::optional<Waypoint> readWaypoint(const YAML::Node& n, const std::string& what);
    /// `{center, radius-km}`, and with `arc` also `bearings: [from, to]`.
    /// Counts points the loader computes (circles, great circles) against the story's limit
    /// of positions; false, with an error at `n`, beyond it.
    bool countComputed(const YAML::Node& n, std::size_t points);
    std::optional<GeoCircle> readCircle(const YAML::Node& n, const std::string& what,
                                        bool arc = false);
    void checkFile(const YAML::Node& n, const std::string& file, const std::string& what);
    /// What checkFile checks, and that the file is an image (not too large) or audio.
    void checkImage(const YAML::Node& n, const std::string& file, const std::string& what);
    void checkAudio(const YAML::Node& n, const std::string& file, const std::string& what);

    template <class F> void forEachItem(const YAML::Node& n, const std::string& what, F&& f) {
        if (!n.IsDefined() || n.IsNull())
            return;
        if (!n.IsSequence()) {
            ctx_.error(n, "'" + what + "' must be a list, not " + detail::describe(n),
                       "start each entry with '- '");
            return;
        }
        for (std::size_t i = 0; i < n.size(); ++i)
            f(n[i], i);
    }

    void ref(const YAML::Node& n, std::string id, std::string what) {
        refs_.push_back({ctx_.loc(n), std::move(id), std::move(what)});
    }
    void defineId(const YAML::Node& n, const std::string& id, const std::string& kind);
    void resolveReferences();
    void checkOrder();

    Context& ctx_;
    Story& story_;
    std::vector<Ref> refs_;
    std::map<std::string, std::pair<std::string, SourceLoc>> ids_; ///< "kind:id" -> first def
    std::set<std::string> showable_;                               ///< line/zone/label ids
};

const std::vector<std::string> kTopKeys = {
    "mapreel",     "id",      "title",  "subtitle", "series", "credits", "licence", "license",
    "languages",   "sources", "canvas", "map",      "sides",  "places",  "regions", "fronts",
    "territories", "lines",   "zones",  "labels",   "steps",  "period"};

void Loader::load(const YAML::Node& root) {
    MapReader top(ctx_, root, "the story", kTopKeys);
    if (!top.ok())
        return;
    // Languages first: every text field is checked against them.
    auto langs = top.strings("languages");
    for (const auto& l : langs) {
        if (l.size() < 2 || l.size() > 8 || !std::all_of(l.begin(), l.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || c == '-';
            }))
            ctx_.error(top.get("languages"), "'" + l + "' is not a language code",
                       "use ISO 639-1 codes such as en, fr, de");
        else
            ctx_.languages.insert(l);
    }
    story_.languages = langs.empty() ? std::vector<std::string>{"en"} : langs;

    readMeta(top);
    readSources(top.get("sources"));
    readCanvas(top.get("canvas"));
    readMap(top.get("map", true));
    readSides(top.get("sides", true));
    readPlaces(top.get("places"));
    readRegions(top.get("regions"));
    readFronts(top.get("fronts"));
    readTerritories(top.get("territories"));
    readLines(top.get("lines"));
    readZones(top.get("zones"));
    readLabels(top.get("labels"));
    readSteps(top.get("steps", true));
    top.finish();
    resolveReferences();
    checkOrder();
}

void Loader::readMeta(MapReader& top) {
    if (auto v = top.integer("mapreel", 1, 1000, true)) {
        story_.formatVersion = *v;
        if (*v != 1)
            ctx_.error(top.get("mapreel"),
                       "this mapreel reads story format 1, the file says " + std::to_string(*v),
                       "write 'mapreel: 1' or update mapreel");
    }
    if (auto v = top.id("id", true))
        story_.id = *v;
    story_.title = top.text("title", true);
    story_.subtitle = top.text("subtitle");
    if (auto v = top.id("series", false))
        story_.series = *v;
    story_.credits = top.text("credits");
    if (auto v = top.str("licence"))
        story_.licence = *v;
    if (auto v = top.str("license"))
        story_.licence = *v;
    if (top.has("period")) {
        auto n = top.get("period");
        if (!n.IsSequence() || n.size() != 2)
            ctx_.error(n, "'period' must be [first date, last date]");
    }
}

void Loader::readSources(const YAML::Node& n) {
    forEachItem(n, "sources", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "source " + std::to_string(i + 1),
                    {"id", "title", "author", "publisher", "year", "url", "note"});
        if (!r.ok())
            return;
        Source s;
        s.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            s.id = *v;
        r.setWhat("source '" + s.id + "'");
        if (auto v = r.str("title", true))
            s.title = *v;
        s.author = r.str("author").value_or("");
        s.publisher = r.str("publisher").value_or("");
        s.year = r.str("year").value_or("");
        s.url = r.str("url").value_or("");
        s.note = r.str("note").value_or("");
        r.finish();
        if (!s.id.empty())
            defineId(item, s.id, "source");
        story_.sources.push_back(std::move(s));
    });
}

void Loader::readCanvas(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
        return;
    MapReader r(ctx_, n, "canvas", {"size", "fps", "theme", "style", "reading-wpm"});
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
    if (auto style = r.get("style"); style.IsDefined()) {
        static const std::vector<std::string> kStyleKeys = {
            "sea",          "sea-deep",    "land",
            "land-foreign", "river",       "lake",
            "border",       "coast",       "text",
            "halo",         "panel",       "panel-text",
            "accent",       "font-serif",  "font-sans",
            "border-width", "river-width", "side-opacity",
            "front-width",  "title-size",  "narration-size",
            "date-size",    "label-size"};
        MapReader s(ctx_, style, "canvas style", kStyleKeys);
        if (s.ok()) {
            for (auto it = style.begin(); it != style.end(); ++it) {
                if (!it->first.IsScalar())
                    continue;
                const std::string key = it->first.Scalar();
                if (std::find(kStyleKeys.begin(), kStyleKeys.end(), key) == kStyleKeys.end())
                    continue;
                auto value = detail::scalar(ctx_, it->second, "'" + key + "' in canvas style");
                if (!value)
                    continue;
                const bool isColour = key.find("font") == std::string::npos &&
                                      key.find("width") == std::string::npos &&
                                      key.find("size") == std::string::npos &&
                                      key.find("opacity") == std::string::npos;
                if (isColour && !parseColor(*value)) {
                    ctx_.error(it->second,
                               "'" + *value + "' is not a colour ('" + key + "' in canvas style)",
                               "write #rrggbb, #rrggbbaa or a basic name such as 'red'");
                    continue;
                }
                if (!isColour && key.find("font") == std::string::npos) {
                    const auto d =
                        detail::number(ctx_, it->second, "'" + key + "' in canvas style");
                    if (!d)
                        continue;
                    // Pixels at 1080p, or a fraction for the opacity.
                    const double max = key == "side-opacity"    ? 1
                                       : key.ends_with("width") ? 50
                                                                : 400;
                    const double min = key.ends_with("size") ? 4 : 0;
                    if (*d < min || *d > max) {
                        std::ostringstream msg;
                        msg << "'" << key << "' in canvas style is " << *d << ", outside " << min
                            << ".." << max;
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

std::optional<MapView> Loader::readView(const YAML::Node& n, const std::string& what) {
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

std::vector<std::string> keysOf(const auto& m) {
    std::vector<std::string> out;
    out.reserve(m.size());
    for (const auto& [k, v] : m)
        out.push_back(k);
    return out;
}

void Loader::readMap(const YAML::Node& n) {
    if (!n.IsDefined())
        return;
    MapReader r(ctx_, n, "map", {"projection", "view", "focus", "layers"});
    if (!r.ok())
        return;
    auto& m = story_.map;
    m.loc = ctx_.loc(n);
    m.projection = r.str("projection", true).value_or("");
    if (auto v = r.get("view", true); v.IsDefined() && !v.IsNull()) {
        if (auto view = readView(v, "the map view"))
            m.view = *view;
    }
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
                     {"base", "file", "layer", "where", "fill", "stroke", "width"});
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
        lr.finish();
        m.layers.push_back(layer);
    });
    r.finish();
}

void Loader::readSides(const YAML::Node& n) {
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

Provenance Loader::readProvenance(MapReader& r) {
    Provenance p;
    for (const auto& s : r.strings("source")) {
        p.sources.push_back(s);
        ref(r.get("source"), s, "source");
    }
    if (auto c = r.choice("confidence", {"high", "medium", "low"}))
        p.confidence = *c;
    p.note = r.str("note").value_or("");
    return p;
}

Visibility Loader::readVisibility(const YAML::Node& n, const std::string& what) {
    Visibility v;
    if (!n.IsDefined() || n.IsNull())
        return v;
    MapReader r(ctx_, n, "'visible' of " + what, {"from", "to", "steps"});
    if (!r.ok())
        return v;
    if (r.has("from") || r.has("to")) {
        DateSpan span;
        span.from = r.date("from");
        span.to = r.date("to");
        if (span.from && span.to && toHistTime(*span.to) < toHistTime(*span.from))
            ctx_.error(n, "'visible' of " + what + " ends before it starts");
        v.dates = span;
    }
    if (auto s = r.get("steps"); s.IsDefined()) {
        if (s.IsScalar()) {
            v.steps = StepSpan{s.Scalar(), s.Scalar()};
            ref(s, s.Scalar(), "step");
        } else if (s.IsSequence() && s.size() == 2 && s[0].IsScalar() && s[1].IsScalar()) {
            v.steps = StepSpan{s[0].Scalar(), s[1].Scalar()};
            ref(s[0], s[0].Scalar(), "step");
            ref(s[1], s[1].Scalar(), "step");
        } else {
            ctx_.error(s, "'steps' in 'visible' of " + what +
                              " must be a step id or [first step, last step]");
        }
    }
    r.finish();
    return v;
}

void Loader::readPlaces(const YAML::Node& n) {
    static const std::map<std::string, PlaceKind> kKinds = {
        {"capital", PlaceKind::Capital}, {"city", PlaceKind::City},     {"town", PlaceKind::Town},
        {"port", PlaceKind::Port},       {"battle", PlaceKind::Battle}, {"site", PlaceKind::Site}};
    static const std::map<std::string, LabelHint> kHints = {{"auto", LabelHint::Auto},
                                                            {"left", LabelHint::Left},
                                                            {"right", LabelHint::Right},
                                                            {"above", LabelHint::Above},
                                                            {"below", LabelHint::Below}};
    forEachItem(n, "places", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "place " + std::to_string(i + 1),
                    {"id", "name", "at", "kind", "rank", "label", "visible", "source", "confidence",
                     "note"});
        if (!r.ok())
            return;
        Place p;
        p.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            p.id = *v;
        r.setWhat("place '" + p.id + "'");
        p.name = r.text("name", true);
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto pt = detail::lonLat(ctx_, at, "'at' of place '" + p.id + "'"))
                p.at = *pt;
        if (auto k = r.choice("kind", keysOf(kKinds)))
            p.kind = kKinds.at(*k);
        p.rank = r.integer("rank", 1, 5).value_or(p.kind == PlaceKind::Capital ? 1 : 3);
        if (auto h = r.choice("label", keysOf(kHints)))
            p.label = kHints.at(*h);
        p.visible = readVisibility(r.get("visible"), "place '" + p.id + "'");
        p.provenance = readProvenance(r);
        r.finish();
        if (!p.id.empty())
            defineId(item, p.id, "place");
        story_.places.push_back(std::move(p));
    });
}

std::optional<Region> Loader::readRegion(const YAML::Node& n, const std::string& what, int depth) {
    Region region;
    region.loc = ctx_.loc(n);
    if (depth > 16) {
        ctx_.error(n, what + " nests regions too deeply (more than 16 levels)");
        return std::nullopt;
    }
    if (n.IsScalar()) {
        region.kind = Region::Kind::Ref;
        region.ref = n.Scalar();
        ref(n, region.ref, "region");
        return region;
    }
    MapReader r(ctx_, n, what,
                {"countries", "polygon", "circle", "file", "layer", "where", "union",
                 "intersection", "difference"});
    if (!r.ok())
        return std::nullopt;
    int forms = 0;
    if (r.has("countries")) {
        ++forms;
        region.kind = Region::Kind::Countries;
        region.countries = r.strings("countries");
        for (const auto& c : region.countries)
            if (c.size() != 3 ||
                !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
                std::string message = "'" + c;
                message += "' is not an ISO 3166 alpha-3 code in ";
                message += what;
                ctx_.error(r.get("countries"), message, "use three capital letters, e.g. KOR");
            }
        if (region.countries.empty())
            ctx_.error(r.get("countries"), "'countries' in " + what + " is empty");
    }
    if (r.has("polygon")) {
        ++forms;
        region.kind = Region::Kind::Polygon;
        if (auto ring = detail::lonLatList(ctx_, r.get("polygon"), "'polygon' of " + what, 3))
            region.polygon = {Polygon{{*ring}}};
    }
    if (r.has("circle")) {
        ++forms;
        region.kind = Region::Kind::Circle;
        if (auto c = readCircle(r.get("circle"), "'circle' of " + what))
            region.circle = *c;
    }
    if (r.has("file")) {
        ++forms;
        region.kind = Region::Kind::File;
        region.file = r.str("file").value_or("");
        region.layer = r.str("layer").value_or("");
        region.where = r.str("where").value_or("");
        checkFile(r.get("file"), region.file, what);
    }
    for (auto [key, kind] : {std::pair{"union", Region::Kind::Union},
                             std::pair{"intersection", Region::Kind::Intersection},
                             std::pair{"difference", Region::Kind::Difference}}) {
        if (!r.has(key))
            continue;
        ++forms;
        region.kind = kind;
        auto list = r.get(key);
        if (!list.IsSequence() || list.size() < 2) {
            ctx_.error(list,
                       "'" + std::string(key) + "' in " + what + " must list at least two regions");
            continue;
        }
        for (std::size_t i = 0; i < list.size(); ++i)
            if (auto sub = readRegion(list[i], "operand " + std::to_string(i + 1) + " of " + what,
                                      depth + 1))
                region.operands.push_back(*sub);
    }
    if (forms == 0)
        ctx_.error(n, what + " needs one of 'countries', 'polygon', 'circle', 'file', 'union', "
                             "'intersection' or 'difference'");
    if (forms > 1)
        ctx_.error(n, what + " mixes several forms; use 'union' to combine them");
    r.finish();
    return region;
}

void Loader::readRegions(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
        return;
    if (!n.IsMap()) {
        ctx_.error(n, "'regions' must map region ids to regions, not " + detail::describe(n));
        return;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
        auto name = detail::scalar(ctx_, it->first, "a region id");
        if (!name)
            continue;
        if (!detail::validId(*name)) {
            ctx_.error(it->first, "'" + *name + "' is not a valid region id");
            continue;
        }
        defineId(it->first, *name, "region");
        if (auto region = readRegion(it->second, "region '" + *name + "'", 0))
            story_.regions[*name] = *region;
    }
}

void Loader::readFronts(const YAML::Node& n) {
    forEachItem(n, "fronts", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "front " + std::to_string(i + 1),
                    {"id", "region", "left", "right", "pockets", "keyframes"});
        if (!r.ok())
            return;
        Front f;
        f.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            f.id = *v;
        const std::string what = "front '" + f.id + "'";
        r.setWhat(what);
        if (auto v = r.str("region", true)) {
            f.region = *v;
            ref(r.get("region"), *v, "region");
        }
        if (auto v = r.str("left", true)) {
            f.left = *v;
            ref(r.get("left"), *v, "side");
        }
        if (auto v = r.str("right", true)) {
            f.right = *v;
            ref(r.get("right"), *v, "side");
        }
        if (!f.left.empty() && f.left == f.right)
            ctx_.error(r.get("right"), what + " has the same side on the left and the right");
        auto readPockets = [&](const YAML::Node& list, const std::string& owner,
                               std::vector<Pocket>& out) {
            forEachItem(list, "pockets", [&](const YAML::Node& pn, std::size_t p) {
                MapReader pr(ctx_, pn, "pocket " + std::to_string(p + 1) + " of " + owner,
                             {"side", "polygon", "note"});
                if (!pr.ok())
                    return;
                Pocket pocket;
                pocket.loc = ctx_.loc(pn);
                if (auto side = pr.str("side", true)) {
                    pocket.side = *side;
                    ref(pr.get("side"), *side, "side");
                    if (!f.left.empty() && *side != f.left && *side != f.right)
                        ctx_.error(pr.get("side"), "pocket side '" + *side + "' is neither '" +
                                                       f.left + "' nor '" + f.right + "' of " +
                                                       what);
                }
                if (auto poly = pr.get("polygon", true); poly.IsDefined())
                    if (auto ring = detail::lonLatList(ctx_, poly, "'polygon' of the pocket", 3))
                        pocket.polygon = *ring;
                (void)pr.str("note");
                pr.finish();
                out.push_back(std::move(pocket));
            });
        };
        readPockets(r.get("pockets"), what, f.pockets);
        forEachItem(
            r.get("keyframes", true), "keyframes", [&](const YAML::Node& kn, std::size_t k) {
                const std::string kwhat = "keyframe " + std::to_string(k + 1) + " of " + what;
                MapReader kr(ctx_, kn, kwhat,
                             {"date", "line", "pockets", "source", "confidence", "note"});
                if (!kr.ok())
                    return;
                FrontKeyframe kf;
                kf.loc = ctx_.loc(kn);
                if (auto d = kr.date("date", true))
                    kf.date = *d;
                if (auto line = kr.get("line", true); line.IsDefined())
                    if (auto l = detail::lonLatList(ctx_, line, "'line' of " + kwhat, 2))
                        kf.line = *l;
                readPockets(kr.get("pockets"), kwhat, kf.pockets);
                kf.provenance = readProvenance(kr);
                kr.finish();
                f.keyframes.push_back(std::move(kf));
            });
        r.finish();
        if (!f.id.empty())
            defineId(item, f.id, "front");
        story_.fronts.push_back(std::move(f));
    });
}

void Loader::readTerritories(const YAML::Node& n) {
    forEachItem(n, "territories", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "territory " + std::to_string(i + 1),
                    {"id", "side", "name", "keyframes"});
        if (!r.ok())
            return;
        Territory t;
        t.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            t.id = *v;
        const std::string what = "territory '" + t.id + "'";
        r.setWhat(what);
        if (auto v = r.str("side", true)) {
            t.side = *v;
            ref(r.get("side"), *v, "side");
        }
        t.name = r.text("name");
        forEachItem(
            r.get("keyframes", true), "keyframes", [&](const YAML::Node& kn, std::size_t k) {
                const std::string kwhat = "keyframe " + std::to_string(k + 1) + " of " + what;
                MapReader kr(ctx_, kn, kwhat, {"date", "region", "source", "confidence", "note"});
                if (!kr.ok())
                    return;
                TerritoryKeyframe kf;
                kf.loc = ctx_.loc(kn);
                if (auto d = kr.date("date", true))
                    kf.date = *d;
                auto rn = kr.get("region", true);
                if (rn.IsDefined() && !rn.IsNull() && !(rn.IsScalar() && rn.Scalar() == "none"))
                    kf.region = readRegion(rn, "'region' of " + kwhat, 0);
                kf.provenance = readProvenance(kr);
                kr.finish();
                t.keyframes.push_back(std::move(kf));
            });
        r.finish();
        if (!t.id.empty())
            defineId(item, t.id, "territory");
        story_.territories.push_back(std::move(t));
    });
}

void Loader::readLines(const YAML::Node& n) {
    static const std::map<std::string, LineStyle> kStyles = {
        {"boundary", LineStyle::Boundary},
        {"demarcation", LineStyle::Demarcation},
        {"front", LineStyle::Front},
        {"route", LineStyle::Route}};
    forEachItem(n, "lines", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "line " + std::to_string(i + 1),
                    {"id", "name", "coords", "circle", "geodesic", "style", "color", "colour",
                     "visible", "source", "confidence", "note"});
        if (!r.ok())
            return;
        Line l;
        l.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            l.id = *v;
        r.setWhat("line '" + l.id + "'");
        l.name = r.text("name");
        const bool geodesic = r.boolean("geodesic").value_or(false);
        if (r.has("circle")) {
            if (r.has("coords"))
                ctx_.error(r.get("circle"), "line '" + l.id + "' has both 'coords' and 'circle'",
                           "keep one: a circle is drawn from its centre and radius");
            else if (r.has("geodesic"))
                ctx_.error(r.get("geodesic"),
                           "'geodesic' applies to 'coords'; line '" + l.id +
                               "' is a circle, always drawn on the sphere",
                           "remove 'geodesic'");
            if (auto c = readCircle(r.get("circle"), "'circle' of line '" + l.id + "'", true)) {
                if (c->bearings) {
                    l.coords = geodesicArc(c->centre, c->radiusKm, c->bearings->x, c->bearings->y);
                } else {
                    l.coords = geodesicCircle(c->centre, c->radiusKm);
                    l.coords.push_back(l.coords.front());
                }
            }
        } else if (auto c = r.get("coords", true); c.IsDefined()) {
            if (auto ls = detail::lonLatList(ctx_, c, "'coords' of line '" + l.id + "'", 2)) {
                l.coords = *ls;
                if (geodesic) {
                    for (std::size_t k = 1; k < ls->size(); ++k)
                        if (antipodal((*ls)[k - 1], (*ls)[k]))
                            ctx_.error(c[k],
                                       "points " + std::to_string(k) + " and " +
                                           std::to_string(k + 1) + " of line '" + l.id +
                                           "' are antipodal: no single great circle "
                                           "joins them",
                                       "add a point between them to choose the way round");
                    l.coords = greatCirclePath(*ls);
                    if (!countComputed(c, l.coords.size() - ls->size()))
                        l.coords.clear();
                }
            }
        }
        if (auto s = r.choice("style", keysOf(kStyles)))
            l.style = kStyles.at(*s);
        l.color = r.has("colour") ? r.color("colour") : r.color("color");
        l.visible = readVisibility(r.get("visible"), "line '" + l.id + "'");
        l.provenance = readProvenance(r);
        r.finish();
        if (!l.id.empty()) {
            defineId(item, l.id, "feature");
            // Zones refer to lines by id ('along'); show/hide refers to any feature.
            ids_.try_emplace("line:" + l.id, "line", ctx_.loc(item));
            showable_.insert(l.id);
        }
        story_.lines.push_back(std::move(l));
    });
}

void Loader::readZones(const YAML::Node& n) {
    forEachItem(n, "zones", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "zone " + std::to_string(i + 1),
                    {"id", "name", "along", "width-km", "color", "colour", "visible", "source",
                     "confidence", "note"});
        if (!r.ok())
            return;
        Zone z;
        z.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            z.id = *v;
        r.setWhat("zone '" + z.id + "'");
        z.name = r.text("name");
        if (auto a = r.str("along", true)) {
            z.along = *a;
            ref(r.get("along"), *a, "line");
        }
        z.widthKm = r.number("width-km", 0.01, 2000, true).value_or(4);
        z.color = r.has("colour") ? r.color("colour") : r.color("color");
        z.visible = readVisibility(r.get("visible"), "zone '" + z.id + "'");
        z.provenance = readProvenance(r);
        r.finish();
        if (!z.id.empty()) {
            defineId(item, z.id, "feature");
            showable_.insert(z.id);
        }
        story_.zones.push_back(std::move(z));
    });
}

void Loader::readLabels(const YAML::Node& n) {
    static const std::map<std::string, LabelKind> kKinds = {{"sea", LabelKind::Sea},
                                                            {"country", LabelKind::Country},
                                                            {"region", LabelKind::Region},
                                                            {"river", LabelKind::River}};
    forEachItem(n, "labels", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "label " + std::to_string(i + 1),
                    {"id", "text", "at", "kind", "angle", "visible"});
        if (!r.ok())
            return;
        MapLabel l;
        l.loc = ctx_.loc(item);
        if (r.has("id")) {
            if (auto v = r.id("id"))
                l.id = *v;
        }
        l.text = r.text("text", true);
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto pt = detail::lonLat(ctx_, at, "'at' of label " + std::to_string(i + 1)))
                l.at = *pt;
        if (auto k = r.choice("kind", keysOf(kKinds)))
            l.kind = kKinds.at(*k);
        l.angle = r.number("angle", -180, 180).value_or(0);
        l.visible = readVisibility(r.get("visible"), "label " + std::to_string(i + 1));
        r.finish();
        if (!l.id.empty()) {
            defineId(item, l.id, "feature");
            showable_.insert(l.id);
        }
        story_.labels.push_back(std::move(l));
    });
}

bool Loader::countComputed(const YAML::Node& n, std::size_t points) {
    const bool under = ctx_.coordinates <= ctx_.limits.maxCoordinates;
    ctx_.coordinates += points;
    if (ctx_.coordinates <= ctx_.limits.maxCoordinates)
        return true;
    if (under)
        ctx_.error(n,
                   "too many coordinates in the story (more than " +
                       std::to_string(ctx_.limits.maxCoordinates) +
                       ", counting the points computed along circles and great circles)",
                   "move large geometry into a data file and reference it");
    return false;
}

std::optional<GeoCircle> Loader::readCircle(const YAML::Node& n, const std::string& what,
                                            bool arc) {
    std::vector<std::string> keys{"center", "centre", "radius-km"};
    if (arc)
        keys.emplace_back("bearings");
    MapReader r(ctx_, n, what, keys);
    if (!r.ok())
        return std::nullopt;
    GeoCircle c;
    bool ok = true;
    const char* centreKey = r.has("centre") ? "centre" : "center";
    if (r.has("centre") && r.has("center"))
        ctx_.error(r.get("centre"), what + " has both 'center' and 'centre'", "keep one");
    if (auto at = r.get(centreKey, true); at.IsDefined()) {
        if (auto p = detail::lonLat(ctx_, at, "the centre of " + what))
            c.centre = *p;
        else
            ok = false;
    } else {
        ok = false;
    }
    if (auto rn = r.get("radius-km", true); rn.IsDefined()) {
        if (auto km = detail::number(ctx_, rn, "'radius-km' of " + what)) {
            if (!(*km > 0)) {
                ctx_.error(rn,
                           "'radius-km' of " + what + " is " + rn.Scalar() +
                               ": a circle needs a radius above 0",
                           "give the distance from the centre in kilometres, e.g. 2000");
                ok = false;
            } else if (*km > kHalfCircumferenceKm) {
                ctx_.error(rn,
                           "'radius-km' of " + what + " is " + rn.Scalar() +
                               ", more than half the Earth's circumference (20,015 km)",
                           "no two points on Earth are farther apart; 20015 covers the globe");
                ok = false;
            } else {
                c.radiusKm = *km;
            }
        } else {
            ok = false;
        }
    } else {
        ok = false;
    }
    if (arc && r.has("bearings")) {
        auto b = r.get("bearings");
        std::optional<double> from;
        std::optional<double> to;
        if (b.IsSequence() && b.size() == 2) {
            from = detail::number(ctx_, b[0], "the first bearing of " + what);
            to = detail::number(ctx_, b[1], "the second bearing of " + what);
        } else {
            ctx_.error(b,
                       "'bearings' of " + what + " must be [from, to], not " + detail::describe(b),
                       "degrees clockwise from north, e.g. [-35, 150]");
        }
        if (from && to) {
            if (std::abs(*from) > 360 || std::abs(*to) > 360) {
                ctx_.error(b, "'bearings' of " + what + " must lie within -360..360 degrees",
                           "degrees clockwise from north, e.g. [-35, 150]");
                ok = false;
            } else if (std::fmod(*to - *from, 360.0) == 0) {
                ctx_.error(b, "'bearings' of " + what + " start and end at the same bearing",
                           "leave 'bearings' out for a whole circle");
                ok = false;
            } else {
                c.bearings = Point{*from, *to};
            }
        } else {
            ok = false;
        }
    }
    r.finish();
    if (!ok || !countComputed(n, static_cast<std::size_t>(360.0 / kGeodesicStepDeg)))
        return std::nullopt;
    return c;
}

std::optional<Waypoint> Loader::readWaypoint(const YAML::Node& n, const std::string& what) {
    Waypoint w;
    w.loc = ctx_.loc(n);
    if (n.IsScalar()) {
        w.place = n.Scalar();
        ref(n, w.place, "place");
        return w;
    }
    if (auto p = detail::lonLat(ctx_, n, what)) {
        w.at = *p;
        return w;
    }
    return std::nullopt;
}

Window Loader::readWindow(MapReader& r) {
    Window w;
    auto n = r.get("window");
    if (!n.IsDefined())
        return w;
    if (!n.IsSequence() || n.size() != 2) {
        ctx_.error(n, "'window' in " + r.what() +
                          " must be [start, end] as fractions of the step (0 to 1)");
        return w;
    }
    auto a = detail::number(ctx_, n[0], "the start of 'window'");
    auto b = detail::number(ctx_, n[1], "the end of 'window'");
    if (!a || !b)
        return w;
    if (*a < 0 || *b > 1 || *a > *b) {
        ctx_.error(n, "'window' in " + r.what() + " must satisfy 0 <= start <= end <= 1",
                   "fractions of the step's duration, e.g. [0.2, 0.8]");
        return w;
    }
    return {*a, *b};
}

std::optional<Action> Loader::readAction(const YAML::Node& n, const std::string& what) {
    static const std::vector<std::string> kVerbs = {"arrow", "marker", "callout", "highlight",
                                                    "image", "show",   "hide"};
    if (!n.IsMap() || n.size() != 1) {
        ctx_.error(n, what + " must be one of: arrow, marker, callout, highlight, image, show, "
                             "hide, written as '- arrow: {...}'");
        return std::nullopt;
    }
    const auto it = n.begin();
    auto verb = detail::scalar(ctx_, it->first, "the kind of " + what);
    if (!verb)
        return std::nullopt;
    const YAML::Node body = it->second;
    Action action;
    action.loc = ctx_.loc(it->first);
    if (*verb == "show" || *verb == "hide") {
        ShowAction s;
        s.show = *verb == "show";
        if (body.IsScalar()) {
            s.target = body.Scalar();
            ref(body, s.target, "feature");
        } else {
            MapReader r(ctx_, body, what, {"target", "window"});
            if (!r.ok())
                return std::nullopt;
            if (auto t = r.str("target", true)) {
                s.target = *t;
                ref(r.get("target"), *t, "feature");
            }
            s.window = readWindow(r);
            r.finish();
        }
        action.what = s;
        return action;
    }
    if (*verb == "arrow") {
        MapReader r(ctx_, body, what + " (arrow)",
                    {"id", "side", "route", "style", "geodesic", "label", "window", "until",
                     "source", "confidence", "note"});
        if (!r.ok())
            return std::nullopt;
        ArrowAction a;
        a.id = r.id("id", false).value_or("");
        if (!a.id.empty())
            r.setWhat("arrow '" + a.id + "'");
        if (auto s = r.str("side", true)) {
            a.side = *s;
            ref(r.get("side"), *s, "side");
        }
        auto route = r.get("route", true);
        if (route.IsDefined()) {
            if (!route.IsSequence() || route.size() < 2) {
                ctx_.error(route, "'route' of " + r.what() +
                                      " must list at least two places or [lon, lat] points");
            } else {
                for (std::size_t i = 0; i < route.size(); ++i)
                    if (auto w = readWaypoint(route[i], "point " + std::to_string(i + 1) +
                                                            " of the route of " + r.what()))
                        a.route.push_back(*w);
            }
        }
        if (auto s = r.choice("style", {"land", "sea", "air"}))
            a.style = *s == "sea"   ? ArrowStyle::Sea
                      : *s == "air" ? ArrowStyle::Air
                                    : ArrowStyle::Land;
        a.geodesic = r.boolean("geodesic").value_or(false);
        if (a.geodesic && a.route.size() >= 2) {
            // Places are read before the steps, so a route's points are known here.
            auto pointOf = [&](const Waypoint& w) -> std::optional<Point> {
                if (w.at)
                    return w.at;
                if (const auto* p = story_.place(w.place))
                    return p->at;
                return std::nullopt;
            };
            for (std::size_t k = 1; k < a.route.size(); ++k) {
                auto p = pointOf(a.route[k - 1]);
                auto q = pointOf(a.route[k]);
                if (p && q && antipodal(*p, *q))
                    ctx_.error(route[k],
                               "points " + std::to_string(k) + " and " + std::to_string(k + 1) +
                                   " of the route of " + r.what() +
                                   " are antipodal: no single great circle joins them",
                               "add a point between them to choose the way round");
            }
        }
        a.label = r.text("label");
        a.window = readWindow(r);
        if (auto u = r.str("until")) {
            a.until = *u;
            ref(r.get("until"), *u, "step");
        }
        a.provenance = readProvenance(r);
        r.finish();
        if (a.provenance.sources.empty())
            ctx_.warning(body, r.what() + " names no source", "add 'source: [id]'");
        action.what = a;
        return action;
    }
    if (*verb == "marker") {
        static const std::map<std::string, MarkerKind> kKinds = {
            {"battle", MarkerKind::Battle},   {"landing", MarkerKind::Landing},
            {"capture", MarkerKind::Capture}, {"evacuation", MarkerKind::Evacuation},
            {"treaty", MarkerKind::Treaty},   {"site", MarkerKind::Site}};
        MapReader r(ctx_, body, what + " (marker)",
                    {"kind", "at", "label", "side", "window", "until", "pulse", "source",
                     "confidence", "note"});
        if (!r.ok())
            return std::nullopt;
        MarkerAction m;
        if (auto k = r.choice("kind", keysOf(kKinds), true))
            m.kind = kKinds.at(*k);
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto w = readWaypoint(at, "'at' of " + r.what()))
                m.at = *w;
        m.label = r.text("label");
        if (auto s = r.str("side")) {
            m.side = *s;
            ref(r.get("side"), *s, "side");
        }
        m.window = readWindow(r);
        if (auto u = r.str("until")) {
            m.until = *u;
            ref(r.get("until"), *u, "step");
        }
        m.pulse = r.boolean("pulse").value_or(false);
        m.provenance = readProvenance(r);
        r.finish();
        action.what = m;
        return action;
    }
    if (*verb == "callout") {
        MapReader r(ctx_, body, what + " (callout)", {"at", "text", "window", "until"});
        if (!r.ok())
            return std::nullopt;
        CalloutAction c;
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto p = detail::lonLat(ctx_, at, "'at' of " + r.what()))
                c.at = *p;
        c.text = r.text("text", true);
        c.window = readWindow(r);
        if (auto u = r.str("until")) {
            c.until = *u;
            ref(r.get("until"), *u, "step");
        }
        r.finish();
        action.what = c;
        return action;
    }
    if (*verb == "highlight") {
        MapReader r(ctx_, body, what + " (highlight)", {"place", "region", "color", "window"});
        if (!r.ok())
            return std::nullopt;
        HighlightAction h;
        if (auto p = r.str("place")) {
            h.place = *p;
            ref(r.get("place"), *p, "place");
        }
        if (auto rn = r.get("region"); rn.IsDefined())
            h.region = readRegion(rn, "'region' of " + r.what(), 0);
        if (h.place.empty() && !h.region)
            ctx_.error(body, r.what() + " needs 'place' or 'region'");
        h.color = r.color("color");
        h.window = readWindow(r);
        r.finish();
        action.what = h;
        return action;
    }
    if (*verb == "image") {
        MapReader r(ctx_, body, what + " (image)", {"file", "caption", "credit", "window"});
        if (!r.ok())
            return std::nullopt;
        ImageAction im;
        if (auto f = r.str("file", true)) {
            im.file = *f;
            checkImage(r.get("file"), *f, r.what());
        }
        im.caption = r.text("caption");
        im.credit = r.text("credit");
        im.window = readWindow(r);
        r.finish();
        action.what = im;
        return action;
    }
    auto near = closestMatch(*verb, kVerbs);
    ctx_.error(it->first,
               "unknown action '" + *verb + "' in " + what +
                   (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
               "actions: arrow, marker, callout, highlight, image, show, hide");
    return std::nullopt;
}

void Loader::readSteps(const YAML::Node& n) {
    static const std::map<std::string, DatePrecision> kPrecision = {{"day", DatePrecision::Day},
                                                                    {"month", DatePrecision::Month},
                                                                    {"year", DatePrecision::Year}};
    if (n.IsDefined() && n.IsSequence() && n.size() > ctx_.limits.maxSteps) {
        ctx_.error(n, "too many steps (" + std::to_string(n.size()) + ", at most " +
                          std::to_string(ctx_.limits.maxSteps) + ")");
        return;
    }
    forEachItem(n, "steps", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "step " + std::to_string(i + 1),
                    {"id", "title", "date", "dates", "precision", "narration", "duration", "camera",
                     "cite", "actions", "audio"});
        if (!r.ok())
            return;
        Step s;
        s.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            s.id = *v;
        const std::string what = "step '" + s.id + "'";
        r.setWhat(what);
        s.title = r.text("title", true);
        bool haveDate = false;
        if (r.has("date") && r.has("dates")) {
            ctx_.error(item, what + " has both 'date' and 'dates'; keep one");
        } else if (auto d = r.date("date")) {
            s.dateFrom = s.dateTo = *d;
            haveDate = true;
        } else if (auto ds = r.get("dates"); ds.IsDefined()) {
            if (!ds.IsSequence() || ds.size() != 2) {
                ctx_.error(ds, "'dates' in " + what + " must be [from, to]");
            } else {
                auto a = detail::date(ctx_, ds[0], "the first of 'dates' in " + what);
                auto b = detail::date(ctx_, ds[1], "the second of 'dates' in " + what);
                if (a && b) {
                    if (toHistTime(*b) < toHistTime(*a))
                        ctx_.error(ds[1], "'dates' in " + what + " run backwards (" + isoDate(*a) +
                                              " to " + isoDate(*b) + ")");
                    s.dateFrom = *a;
                    s.dateTo = *b;
                    haveDate = true;
                }
            }
        } else if (!r.has("date") || r.get("date").IsNull()) {
            ctx_.error(item, "missing required key 'date' (or 'dates') in " + what,
                       "every step says when it happens: 'date: 1950-06-25'");
        }
        if (haveDate)
            s.precision = s.dateFrom.precision < s.dateTo.precision ? s.dateFrom.precision
                                                                    : s.dateTo.precision;
        if (auto p = r.choice("precision", keysOf(kPrecision)))
            s.precision = kPrecision.at(*p);
        s.narration = r.text("narration");
        if (s.narration.empty())
            ctx_.warning(item, what + " has no narration",
                         "add 'narration:' so viewers and captions know what happens");
        s.duration = r.number("duration", 0.1, ctx_.limits.maxStepSeconds);
        if (auto c = r.get("camera"); c.IsDefined()) {
            if (auto view = readView(c, "the camera of " + what))
                s.camera = Camera{ctx_.loc(c), *view};
        }
        for (const auto& c : r.strings("cite")) {
            s.cite.push_back(c);
            ref(r.get("cite"), c, "source");
        }
        if (auto a = r.str("audio")) {
            s.audio = *a;
            checkAudio(r.get("audio"), *a, what);
        }
        forEachItem(r.get("actions"), "actions", [&](const YAML::Node& an, std::size_t k) {
            if (auto action = readAction(an, "action " + std::to_string(k + 1) + " of " + what))
                s.actions.push_back(std::move(*action));
        });
        r.finish();
        if (!s.id.empty())
            defineId(item, s.id, "step");
        story_.steps.push_back(std::move(s));
    });
    if (n.IsDefined() && n.IsSequence() && n.size() == 0)
        ctx_.error(n, "'steps' is empty", "a story needs at least one step");
}

void Loader::checkFile(const YAML::Node& n, const std::string& file, const std::string& what) {
    namespace fs = std::filesystem;
    fs::path p(file);
    if (p.is_relative())
        p = fs::path(story_.baseDir) / p;
    std::error_code ec;
    if (fs::exists(p, ec) && !fs::is_regular_file(p, ec)) {
        ctx_.error(n, "'" + file + "' of " + what + " is not a file (a folder?)");
        return;
    }
    if (!fs::is_regular_file(p, ec)) {
        ctx_.error(n, "file '" + file + "' of " + what + " does not exist",
                   "paths are relative to the story's folder");
        return;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in)
        ctx_.error(n, "file '" + file + "' of " + what + " cannot be read");
    else if (fs::file_size(p, ec) == 0 && !ec)
        ctx_.error(n, "file '" + file + "' of " + what + " is empty");
}

namespace {

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a folder, then a path inside it.
std::filesystem::path resolved(const std::string& baseDir, const std::string& file) {
    std::filesystem::path p(file);
    return p.is_relative() ? std::filesystem::path(baseDir) / p : p;
}

} // namespace

void Loader::checkImage(const YAML::Node& n, const std::string& file, const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkFile(n, file, what);
    if (ctx_.diags.errorCount() != before)
        return;
    const auto info = detail::inspectImage(resolved(story_.baseDir, file));
    if (!info.problem.empty()) {
        ctx_.error(n, "file '" + file + "' of " + what + " " + info.problem,
                   "export it again as PNG or JPEG");
        return;
    }
    if (!info.size)
        return;
    const auto [w, h] = *info.size;
    const auto& lim = ctx_.limits;
    if (w == 0 || h == 0 || w > lim.maxImageSide || h > lim.maxImageSide ||
        w * h > lim.maxImagePixels)
        ctx_.error(n,
                   info.format + " image '" + file + "' of " + what + " is " + std::to_string(w) +
                       "x" + std::to_string(h) + " pixels; images may have at most " +
                       std::to_string(lim.maxImageSide) + " on a side and " +
                       std::to_string(lim.maxImagePixels / 1'000'000) + " megapixels",
                   "scale it down: the video is at most 8192 pixels wide");
}

void Loader::checkAudio(const YAML::Node& n, const std::string& file, const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkFile(n, file, what);
    if (ctx_.diags.errorCount() == before && !detail::audioFormat(resolved(story_.baseDir, file)))
        ctx_.error(n, "file '" + file + "' of " + what + " is not an audio file",
                   "use WAV, MP3, Ogg (Vorbis or Opus), FLAC or M4A");
}

void Loader::defineId(const YAML::Node& n, const std::string& id, const std::string& kind) {
    const std::string key = kind + ":" + id;
    auto [it, inserted] = ids_.try_emplace(key, kind, ctx_.loc(n));
    if (!inserted) {
        const auto& first = it->second.second;
        ctx_.error(n, "duplicate " + kind + " id '" + id + "'",
                   "first defined at line " + std::to_string(first.line));
    }
}

void Loader::resolveReferences() {
    std::map<std::string, std::vector<std::string>> known;
    for (const auto& [key, def] : ids_) {
        auto colon = key.find(':');
        known[key.substr(0, colon)].push_back(key.substr(colon + 1));
    }
    std::size_t unknown = 0;
    for (const auto& r : refs_) {
        const std::string kind = r.what;
        if (ids_.contains(kind + ":" + r.id)) // a map lookup: stories may hold many ids
            continue;
        const auto& candidates = known[kind];
        // Ids have at most 64 characters: no did-you-mean for a longer (pasted) reference,
        // nor past the first hundred unknown ones (each costs a scan of every id).
        auto near =
            r.id.size() > 64 || ++unknown > 100 ? std::string{} : closestMatch(r.id, candidates);
        std::string hint;
        if (candidates.empty())
            hint = "the story defines no " + kind + "s";
        else if (near.empty())
            hint = "known " + kind + "s: " + [&] {
                std::string list;
                for (std::size_t i = 0; i < candidates.size() && i < 8; ++i)
                    list += (i > 0 ? ", " : "") + candidates[i];
                return list + (candidates.size() > 8 ? ", ..." : "");
            }();
        ctx_.diags.error(r.loc,
                         "unknown " + kind + " '" + r.id + "'" +
                             (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
                         hint);
    }
    // Region references must not form cycles. Tarjan's strongly connected components,
    // iterative and linear: a naive walk is exponential on chains like r2: {union: [r1, r1]}
    // and recurses once per link on r1: r2, r2: r3, ...
    std::vector<const std::string*> names;
    std::map<std::string, std::size_t> indexOf;
    for (const auto& [name, reg] : story_.regions) {
        indexOf.emplace(name, names.size());
        names.push_back(&name);
    }
    std::vector<std::vector<std::size_t>> edges(names.size());
    for (const auto& [name, reg] : story_.regions) {
        auto& out = edges[indexOf.at(name)];
        std::vector<const Region*> todo{&reg};
        while (!todo.empty()) {
            const Region* r = todo.back();
            todo.pop_back();
            if (r->kind == Region::Kind::Ref) {
                if (auto it = indexOf.find(r->ref); it != indexOf.end())
                    out.push_back(it->second);
            }
            for (const auto& op : r->operands)
                todo.push_back(&op);
        }
    }
    constexpr auto kUnvisited = static_cast<std::size_t>(-1);
    std::vector<std::size_t> order(names.size(), kUnvisited);
    std::vector<std::size_t> low(names.size(), 0);
    std::vector<bool> onStack(names.size(), false);
    std::vector<bool> onCycle(names.size(), false);
    std::vector<std::size_t> stack;
    std::size_t counter = 0;
    for (std::size_t root = 0; root < names.size(); ++root) {
        if (order[root] != kUnvisited)
            continue;
        std::vector<std::pair<std::size_t, std::size_t>> calls; // node, next edge
        auto visit = [&](std::size_t v) {
            order[v] = low[v] = counter++;
            stack.push_back(v);
            onStack[v] = true;
            calls.emplace_back(v, 0);
        };
        visit(root);
        while (!calls.empty()) {
            const std::size_t v = calls.back().first;
            if (calls.back().second < edges[v].size()) {
                const std::size_t w = edges[v][calls.back().second++];
                if (order[w] == kUnvisited)
                    visit(w);
                else if (onStack[w])
                    low[v] = std::min(low[v], order[w]);
                continue;
            }
            calls.pop_back();
            if (!calls.empty())
                low[calls.back().first] = std::min(low[calls.back().first], low[v]);
            if (low[v] != order[v])
                continue;
            std::vector<std::size_t> component;
            std::size_t w = 0;
            do {
                w = stack.back();
                stack.pop_back();
                onStack[w] = false;
                component.push_back(w);
            } while (w != v);
            const bool selfLoop = std::find(edges[v].begin(), edges[v].end(), v) != edges[v].end();
            if (component.size() > 1 || selfLoop)
                for (std::size_t c : component)
                    onCycle[c] = true;
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (onCycle[i])
            ctx_.diags.error(story_.regions.at(*names[i]).loc,
                             "region '" + *names[i] + "' refers to itself");
}

void Loader::checkOrder() {
    for (const auto& f : story_.fronts) {
        for (std::size_t k = 1; k < f.keyframes.size(); ++k)
            if (toHistTime(f.keyframes[k].date) <= toHistTime(f.keyframes[k - 1].date))
                ctx_.diags.error(f.keyframes[k].loc,
                                 "keyframes of front '" + f.id + "' are not in date order (" +
                                     isoDate(f.keyframes[k].date) + " after " +
                                     isoDate(f.keyframes[k - 1].date) + ")",
                                 "list keyframes from the earliest to the latest date");
        for (const auto& kf : f.keyframes)
            if (kf.provenance.sources.empty())
                ctx_.diags.warning(kf.loc,
                                   "keyframe " + isoDate(kf.date) + " of front '" + f.id +
                                       "' names no source",
                                   "add 'source: [id]' (and 'confidence:')");
    }
    for (const auto& t : story_.territories)
        for (std::size_t k = 1; k < t.keyframes.size(); ++k)
            if (toHistTime(t.keyframes[k].date) <= toHistTime(t.keyframes[k - 1].date))
                ctx_.diags.error(t.keyframes[k].loc,
                                 "keyframes of territory '" + t.id + "' are not in date order",
                                 "list keyframes from the earliest to the latest date");
    for (std::size_t i = 1; i < story_.steps.size(); ++i) {
        const auto& prev = story_.steps[i - 1];
        const auto& cur = story_.steps[i];
        if (toHistTime(cur.dateFrom) < toHistTime(prev.dateFrom))
            ctx_.diags.warning(cur.loc,
                               "step '" + cur.id + "' goes back in time (" + isoDate(cur.dateFrom) +
                                   " after " + isoDate(prev.dateFrom) + ")",
                               "fronts will move backwards; check the date if that is not meant");
    }
    // 'until' must not point to an earlier step.
    for (std::size_t i = 0; i < story_.steps.size(); ++i)
        for (const auto& a : story_.steps[i].actions) {
            std::string until;
            if (const auto* arrow = std::get_if<ArrowAction>(&a.what))
                until = arrow->until;
            else if (const auto* marker = std::get_if<MarkerAction>(&a.what))
                until = marker->until;
            else if (const auto* callout = std::get_if<CalloutAction>(&a.what))
                until = callout->until;
            if (until.empty())
                continue;
            int j = story_.stepIndex(until);
            if (j >= 0 && j < static_cast<int>(i))
                ctx_.diags.error(a.loc, "'until: " + until + "' names an earlier step",
                                 "'until' keeps an action visible up to a later step");
        }
}

/// Rejects nesting deeper than the limit before yaml-cpp recurses into it: returns the
/// 1-based line and column of the first bracket past the limit. Quotes and comments are
/// skipped, so a '[' in a narration or a comment does not count.
std::optional<std::pair<int, int>> nestingTooDeep(std::string_view text, int limit) {
    int depth = 0;
    int line = 1;
    int column = 0;
    char quote = 0;
    bool comment = false;
    char previous = '\n';
    for (char c : text) {
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
            quote = 0;
            comment = false;
            previous = c;
            continue;
        }
        if (comment) {
        } else if (quote != 0) {
            if (c == quote)
                quote = 0;
        } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
            comment = true;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return std::pair{line, column};
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        previous = c;
    }
    return std::nullopt;
}

/// Measures the story as the loader will walk it. A YAML alias (`*name`) repeats the node
/// its anchor (`&name`) marks, so a few lines can expand to billions of values, or to a
/// node that contains itself; both are refused before the story is read.
class AliasMeter final : public YAML::EventHandler {
public:
    explicit AliasMeter(std::size_t budget) : budget_(budget) {}

    /// The first problem: where and what; empty when the aliases are harmless.
    [[nodiscard]] const std::optional<std::pair<YAML::Mark, std::string>>&
    problem() const noexcept {
        return problem_;
    }

    void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override { leaf(anchor); }
    void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                  const std::string& /*value*/) override {
        leaf(anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (open_.contains(anchor)) {
            fail(mark, "the YAML alias '*" + names_[anchor] + "' is inside the node it repeats");
            return;
        }
        const std::size_t n = anchor < sizes_.size() ? sizes_[anchor] : 1;
        repeated_ = std::min(repeated_ + n, kSaturated);
        if (repeated_ > budget_)
            fail(mark, "YAML aliases repeat too much of the story (more than " +
                           std::to_string(budget_) + " values)");
        add(n);
    }
    void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                         YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) override {
        open(anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(anchor);
    }
    void OnMapEnd() override { close(); }
    void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
        pendingName_ = name;
    }

private:
    static constexpr std::size_t kSaturated = std::size_t{1} << 60;
    std::optional<std::pair<YAML::Mark, std::string>> problem_;
    struct Frame {
        YAML::anchor_t anchor;
        std::size_t size;
    };

    void name(YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            names_[anchor] = pendingName_;
    }
    void record(YAML::anchor_t anchor, std::size_t size) {
        if (anchor == YAML::NullAnchor)
            return;
        if (sizes_.size() <= anchor)
            sizes_.resize(anchor + 1, 1);
        sizes_[anchor] = size;
    }
    void add(std::size_t n) {
        if (!stack_.empty())
            stack_.back().size = std::min(stack_.back().size + n, kSaturated);
    }
    void leaf(YAML::anchor_t anchor) {
        name(anchor);
        record(anchor, 1);
        add(1);
    }
    void open(YAML::anchor_t anchor) {
        name(anchor);
        stack_.push_back({anchor, 1});
        if (anchor != YAML::NullAnchor)
            open_.insert(anchor);
    }
    void close() {
        if (stack_.empty())
            return;
        const Frame f = stack_.back();
        stack_.pop_back();
        open_.erase(f.anchor);
        record(f.anchor, f.size);
        add(f.size);
    }
    void fail(const YAML::Mark& mark, std::string message) {
        if (!problem_)
            problem_ = {mark, std::move(message)};
    }

    std::size_t budget_;
    std::size_t repeated_ = 0;
    std::vector<Frame> stack_;
    std::vector<std::size_t> sizes_;
    std::set<YAML::anchor_t> open_;
    std::map<YAML::anchor_t, std::string> names_;
    std::string pendingName_;
};

/// A likelier cause of a YAML syntax error than the parser's words, on or before the line
/// it stopped at: a tab in the indentation (the first one), or a key written without a space
/// after its colon, `title:"Demo"` (the last one).
struct YamlCulprit {
    int line;
    int column;
    std::string message;
};

std::optional<YamlCulprit> yamlCulprit(std::string_view text, int errorLine) {
    auto isKeyChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    };
    std::optional<YamlCulprit> colon;
    std::size_t pos = 0;
    for (int line = 1; pos < text.size() && line <= errorLine; ++line) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view l = text.substr(pos, end - pos);
        pos = end + 1;
        std::size_t i = 0;
        for (; i < l.size() && (l[i] == ' ' || l[i] == '\t'); ++i)
            if (l[i] == '\t')
                return YamlCulprit{line, static_cast<int>(i) + 1,
                                   "a tab indents this line; indent with spaces only"};
        if (l.substr(i, 2) == "- ")
            i += 2;
        std::size_t k = i;
        while (k < l.size() && isKeyChar(l[k]))
            ++k;
        if (k > i && k + 1 < l.size() && l[k] == ':' && l[k + 1] != ' ' && l[k + 1] != '\t' &&
            l[k + 1] != '\r' && l[k + 1] != ':' && (l[i] < '0' || l[i] > '9'))
            colon = YamlCulprit{line, static_cast<int>(k) + 1,
                                "put a space after the ':' of '" + std::string(l.substr(i, k - i)) +
                                    "'"};
    }
    return colon;
}

/// Values that YAML aliases may repeat in one story, in total.
constexpr std::size_t kMaxAliasedValues = 200000;

} // namespace

Expected<Loaded, Diagnostics> loadStoryFromText(std::string_view text, const std::string& path,
                                                const LoadLimits& limits) {
    Diagnostics diags;
    Loaded result;
    Story& story = result.story;
    story.path = path;
    story.baseDir = std::filesystem::path(path).parent_path().string();
    if (story.baseDir.empty())
        story.baseDir = ".";
    Context ctx{path, diags, limits, {}, 0};
    if (text.size() > limits.maxFileBytes) {
        diags.error({path, 1, 1},
                    "the story file is too large (" + std::to_string(text.size()) +
                        " bytes, at most " + std::to_string(limits.maxFileBytes) + ")",
                    "move large geometry into data files");
        return unexpected(std::move(diags));
    }
    if (auto at = nestingTooDeep(text, limits.maxNesting)) {
        diags.error({path, at->first, at->second}, "the story nests lists or mappings more than " +
                                                       std::to_string(limits.maxNesting) +
                                                       " levels deep");
        return unexpected(std::move(diags));
    }
    YAML::Node root;
    try {
        const std::string owned(text);
        root = YAML::Load(owned);
        // Aliases need anchors: most stories have none and skip the second parse.
        if (owned.find('&') != std::string::npos) {
            std::istringstream in(owned);
            YAML::Parser parser(in);
            AliasMeter meter(kMaxAliasedValues);
            parser.HandleNextDocument(meter);
            if (meter.problem()) {
                const auto& [mark, message] = *meter.problem();
                diags.error({path, mark.line + 1, mark.column + 1}, message,
                            "an alias (*name) repeats the node its anchor (&name) marks; "
                            "give places and regions ids and refer to them instead");
                return unexpected(std::move(diags));
            }
        }
    } catch (const YAML::DeepRecursion& e) {
        diags.error({path, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1},
                    "the story nests lists or mappings too deeply");
        return unexpected(std::move(diags));
    } catch (const YAML::Exception& e) {
        SourceLoc loc{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1};
        // The parser often stops a line or more after the real mistake.
        if (auto culprit = yamlCulprit(text, e.mark.is_null() ? 1 << 30 : loc.line)) {
            diags.error({path, culprit->line, culprit->column},
                        "this is not valid YAML: " + culprit->message,
                        "the YAML parser says: " + e.msg + " (line " + std::to_string(loc.line) +
                            ")");
            return unexpected(std::move(diags));
        }
        diags.error(loc, "this is not valid YAML: " + e.msg,
                    "check indentation (spaces, not tabs) and that every ':' and '-' is "
                    "followed by a space");
        return unexpected(std::move(diags));
    }
    if (!root.IsDefined() || root.IsNull()) {
        diags.error({path, 1, 1}, "the story file is empty",
                    "run 'mapreel new NAME' for a starter story");
        return unexpected(std::move(diags));
    }
    try {
        Loader(ctx, story).load(root);
    } catch (const YAML::Exception& e) {
        SourceLoc loc{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1};
        diags.error(loc, "cannot read this part of the story: " + e.msg);
    }
    if (diags.hasErrors())
        return unexpected(std::move(diags));
    result.warnings = std::move(diags);
    return result;
}

Expected<Loaded, Diagnostics> loadStory(const std::string& path, const LoadLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostics diags;
        diags.error({path, 0, 0}, "cannot open the story file",
                    std::filesystem::exists(path) ? "check its permissions"
                                                  : "check the path; it does not exist");
        return unexpected(std::move(diags));
    }
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
    if (size > limits.maxFileBytes) {
        Diagnostics diags;
        diags.error({path, 1, 1}, "the story file is too large (" + std::to_string(size) +
                                      " bytes, at most " + std::to_string(limits.maxFileBytes) +
                                      ")");
        return unexpected(std::move(diags));
    }
    in.seekg(0);
    std::ostringstream ss;
    ss << in.rdbuf();
    return loadStoryFromText(ss.str(), path, limits);
}

} // namespace mapreel::story
