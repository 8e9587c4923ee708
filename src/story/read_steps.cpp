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

const std::map<std::string, ArrowStyle>& arrowStyles() {
    static const std::map<std::string, ArrowStyle> kStyles = {
        {"land", ArrowStyle::Land},    {"advance", ArrowStyle::Land},
        {"sea", ArrowStyle::Sea},      {"naval", ArrowStyle::Sea},
        {"air", ArrowStyle::Air},      {"retreat", ArrowStyle::Retreat},
        {"supply", ArrowStyle::Supply}};
    return kStyles;
}

const std::map<std::string, MarkerKind>& markerKinds() {
    static const std::map<std::string, MarkerKind> kKinds = {
        {"battle", MarkerKind::Battle},    {"landing", MarkerKind::Landing},
        {"capture", MarkerKind::Capture},  {"evacuation", MarkerKind::Evacuation},
        {"treaty", MarkerKind::Treaty},    {"site", MarkerKind::Site},
        {"fire", MarkerKind::Fire},        {"massacre", MarkerKind::Massacre},
        {"epidemic", MarkerKind::Epidemic}};
    return kKinds;
}

std::optional<Waypoint> StoryReader::readWaypoint(const YAML::Node& n, const std::string& what) {
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

LabelHint StoryReader::readLabelAt(MapReader& r, bool along) {
    std::vector<std::string> choices = {"auto", "left", "right", "above", "below"};
    if (along)
        choices.emplace_back("along");
    const auto v = r.choice("label-at", choices);
    if (!v)
        return LabelHint::Auto;
    static const std::map<std::string, LabelHint> kHints = {
        {"auto", LabelHint::Auto},   {"left", LabelHint::Left},   {"right", LabelHint::Right},
        {"above", LabelHint::Above}, {"below", LabelHint::Below}, {"along", LabelHint::Along}};
    return kHints.at(*v);
}

Window StoryReader::readWindow(MapReader& r) {
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

std::optional<Action> StoryReader::readAction(const YAML::Node& n, const std::string& what) {
    static const std::vector<std::string> kVerbs = {"arrow", "marker", "callout", "highlight",
                                                    "image", "show",   "hide",    "flow"};
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
    if (*verb == "flow") {
        auto f = readFlowAction(body, what);
        if (!f)
            return std::nullopt;
        action.what = std::move(*f);
        return action;
    }
    if (*verb == "arrow") {
        MapReader r(ctx_, body, what + " (arrow)",
                    {"id", "side", "route", "style", "geodesic", "label", "label-at", "window",
                     "until", "source", "confidence", "note"});
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
        if (auto s = r.choice("style", keysOf(arrowStyles())))
            a.style = arrowStyles().at(*s);
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
        a.labelAt = readLabelAt(r, true);
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
        MapReader r(ctx_, body, what + " (marker)",
                    {"kind", "at", "label", "label-at", "side", "window", "until", "pulse", "fact",
                     "source", "confidence", "note", "image"});
        if (!r.ok())
            return std::nullopt;
        MarkerAction m;
        // With an image the kind may go: the picture is the symbol, and the marker a site.
        m.kind = MarkerKind::Site;
        if (auto f = r.str("image")) {
            m.image = *f;
            checkMarkerImage(r.get("image"), *f, r.what());
        }
        if (auto k = r.choice("kind", keysOf(markerKinds()), m.image.empty()))
            m.kind = markerKinds().at(*k);
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto w = readWaypoint(at, "'at' of " + r.what()))
                m.at = *w;
        m.label = r.text("label");
        m.labelAt = readLabelAt(r, false);
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
        m.impliesFact = r.boolean("fact").value_or(true);
        m.provenance = readProvenance(r);
        r.finish();
        action.what = m;
        return action;
    }
    if (*verb == "callout") {
        MapReader r(ctx_, body, what + " (callout)", {"at", "text", "label-at", "window", "until"});
        if (!r.ok())
            return std::nullopt;
        CalloutAction c;
        if (auto at = r.get("at", true); at.IsDefined())
            if (auto p = detail::lonLat(ctx_, at, "'at' of " + r.what()))
                c.at = *p;
        c.text = r.text("text", true);
        c.labelAt = readLabelAt(r, false);
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
            std::tie(im.width, im.height) = checkPicture(r.get("file"), *f, r.what());
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
               "actions: arrow, marker, callout, highlight, image, show, hide, flow");
    return std::nullopt;
}

void StoryReader::readSteps(const YAML::Node& n) {
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
                     "cite", "actions", "audio", "flashback"});
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
        s.flashback = r.boolean("flashback").value_or(false);
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
        if (!haveDate)
            undated_.insert(story_.steps.size());
        story_.steps.push_back(std::move(s));
    });
    if (n.IsDefined() && n.IsSequence() && n.size() == 0)
        ctx_.error(n, "'steps' is empty", "a story needs at least one step");
}

} // namespace mapreel::story::detail
