// SPDX-License-Identifier: MIT
#include "reader_p.hpp"

#include "mapreel/core/seam.hpp"

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

Provenance StoryReader::readProvenance(MapReader& r) {
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

Visibility StoryReader::readVisibility(const YAML::Node& n, const std::string& what) {
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

void StoryReader::readPlaces(const YAML::Node& n) {
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

std::optional<Region> StoryReader::readRegion(const YAML::Node& n, const std::string& what,
                                              int depth) {
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

void StoryReader::readRegions(const YAML::Node& n) {
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

void StoryReader::readFronts(const YAML::Node& n) {
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
        // Pockets of the front itself may move on keyframes of their own; those of a
        // keyframe hold on its date.
        auto readPockets = [&](const YAML::Node& list, const std::string& owner,
                               std::vector<Pocket>& out, bool moving) {
            forEachItem(list, "pockets", [&](const YAML::Node& pn, std::size_t p) {
                std::vector<std::string> keys{"id",     "side",       "polygon",
                                              "source", "confidence", "note"};
                if (moving)
                    keys.emplace_back("keyframes");
                MapReader pr(ctx_, pn, "pocket " + std::to_string(p + 1) + " of " + owner,
                             std::move(keys));
                if (!pr.ok())
                    return;
                Pocket pocket;
                pocket.loc = ctx_.loc(pn);
                if (pr.has("id"))
                    if (auto id = pr.id("id"))
                        pocket.id = *id;
                const std::string pwhat = pocket.id.empty()
                                              ? "pocket " + std::to_string(p + 1) + " of " + owner
                                              : "pocket '" + pocket.id + "' of " + owner;
                if (auto side = pr.str("side", true)) {
                    pocket.side = *side;
                    ref(pr.get("side"), *side, "side");
                    if (!f.left.empty() && *side != f.left && *side != f.right)
                        ctx_.error(pr.get("side"), "pocket side '" + *side + "' is neither '" +
                                                       f.left + "' nor '" + f.right + "' of " +
                                                       what);
                }
                if (pr.has("polygon") && pr.has("keyframes")) {
                    ctx_.error(pn, pwhat + " has both 'polygon' and 'keyframes'",
                               "a pocket that moves gives a polygon per keyframe");
                } else if (pr.has("keyframes")) {
                    readPocketKeyframes(pr.get("keyframes"), pwhat, pocket);
                } else if (auto poly = pr.get("polygon", true); poly.IsDefined()) {
                    if (auto ring = detail::lonLatList(ctx_, poly, "'polygon' of the pocket", 3))
                        pocket.polygon = *ring;
                }
                pocket.provenance = readProvenance(pr);
                pr.finish();
                out.push_back(std::move(pocket));
            });
        };
        readPockets(r.get("pockets"), what, f.pockets, true);
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
                readPockets(kr.get("pockets"), kwhat, kf.pockets, false);
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

void StoryReader::readPocketKeyframes(const YAML::Node& n, const std::string& what,
                                      Pocket& pocket) {
    forEachItem(n, "keyframes", [&](const YAML::Node& kn, std::size_t k) {
        const std::string kwhat = "keyframe " + std::to_string(k + 1) + " of " + what;
        MapReader kr(ctx_, kn, kwhat, {"date", "polygon", "source", "confidence", "note"});
        if (!kr.ok())
            return;
        PocketKeyframe kf;
        kf.loc = ctx_.loc(kn);
        if (auto d = kr.date("date", true))
            kf.date = *d;
        if (auto poly = kr.get("polygon", true); poly.IsDefined()) {
            if (poly.IsScalar() && poly.Scalar() == "none") {
                kf.polygon = std::nullopt;
            } else if (auto ring = detail::lonLatList(ctx_, poly, "'polygon' of " + kwhat, 3)) {
                kf.polygon = *ring;
            }
        }
        kf.provenance = readProvenance(kr);
        kr.finish();
        if (!pocket.keyframes.empty() &&
            toHistTime(kf.date) <= toHistTime(pocket.keyframes.back().date))
            ctx_.error(kr.get("date"),
                       "keyframes of " + what + " are not in date order (" + isoDate(kf.date) +
                           " after " + isoDate(pocket.keyframes.back().date) + ")",
                       "list keyframes from the earliest to the latest date");
        pocket.keyframes.push_back(std::move(kf));
    });
    if (n.IsDefined() && n.IsSequence() && n.size() == 0)
        ctx_.error(n, "'keyframes' of " + what + " is empty",
                   "give the pocket's polygon on at least one date, or use 'polygon:'");
}

void StoryReader::readTerritories(const YAML::Node& n) {
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

void StoryReader::readLines(const YAML::Node& n) {
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
                               "' is a circle, always drawn along geodesics",
                           "remove 'geodesic'");
            // Drawn on the ellipsoid by the timeline (geo::geodesicCircle, geodesicArc).
            l.circle = readCircle(r.get("circle"), "'circle' of line '" + l.id + "'", true);
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
                    // The timeline adds a point every kGeodesicStepDeg of arc along each
                    // segment, half the globe at the most.
                    l.geodesic = true;
                    const auto perSegment = static_cast<std::size_t>(180.0 / kGeodesicStepDeg);
                    if (!countComputed(c, (ls->size() - 1) * perSegment))
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

void StoryReader::readZones(const YAML::Node& n) {
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

void StoryReader::readLabels(const YAML::Node& n) {
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

bool StoryReader::countComputed(const YAML::Node& n, std::size_t points) {
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

std::optional<GeoCircle> StoryReader::readCircle(const YAML::Node& n, const std::string& what,
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

} // namespace mapreel::story::detail
