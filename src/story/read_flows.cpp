// SPDX-License-Identifier: MIT
// Flow bands (a quantity along a route) and charts (dated values in a corner of the map),
// and the `flow` action that shows and grows a band.
#include "reader_p.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mapreel::story::detail {

namespace {

std::string numberText(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

} // namespace

void StoryReader::readFlows(const YAML::Node& n) {
    forEachItem(n, "flows", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "flow " + std::to_string(i + 1),
                    {"id", "name", "side", "color", "colour", "unit", "scale", "points", "source",
                     "confidence", "note"});
        if (!r.ok())
            return;
        Flow f;
        f.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            f.id = *v;
        const std::string what = "flow '" + f.id + "'";
        r.setWhat(what);
        f.name = r.text("name");
        if (auto s = r.str("side")) {
            f.side = *s;
            ref(r.get("side"), *s, "side");
        }
        f.color = r.has("colour") ? r.color("colour") : r.color("color");
        if (f.side.empty() && !f.color && !r.has("color") && !r.has("colour"))
            ctx_.error(
                item, what + " needs a 'side' or a 'color'",
                "the band takes its side's colour, e.g. side: france, or color: \"#c9a66b\"");
        if (!r.has("unit") || r.get("unit").IsNull())
            ctx_.error(item, "missing required key 'unit' in " + what,
                       "say what the strength counts, e.g. unit: men; the legend's scale "
                       "writes it");
        else
            f.unit = r.text("unit");
        if (auto sn = r.get("scale"); sn.IsDefined()) {
            MapReader sr(ctx_, sn, "'scale' of " + what, {"strength", "width"});
            if (sr.ok()) {
                auto strength = sr.number("strength", 1e-9, 1e15, true);
                auto width = sr.number("width", 0.1, 400, true);
                if (strength && width)
                    f.scale = FlowScale{*strength, *width};
                sr.finish();
            }
        }
        auto points = r.get("points", true);
        forEachItem(points, "points", [&](const YAML::Node& pn, std::size_t k) {
            const std::string pwhat = "point " + std::to_string(k + 1) + " of " + what;
            MapReader pr(ctx_, pn, pwhat,
                         {"at", "strength", "label", "source", "confidence", "note"});
            if (!pr.ok())
                return;
            FlowPoint p;
            p.loc = ctx_.loc(pn);
            if (auto at = pr.get("at", true); at.IsDefined())
                if (auto w = readWaypoint(at, "'at' of " + pwhat))
                    p.at = *w;
            if (auto s = pr.get("strength", true); s.IsDefined()) {
                if (auto v = detail::number(ctx_, s, "'strength' of " + pwhat)) {
                    if (*v < 0 || !std::isfinite(*v))
                        ctx_.error(s,
                                   "'strength' of " + pwhat + " is " + numberText(*v) +
                                       "; a strength cannot be negative",
                                   "the band's width is its strength: give 0 or more (0 where "
                                   "nothing is left)");
                    else
                        p.strength = *v;
                }
            }
            if (auto l = pr.get("label"); l.IsDefined()) {
                if (l.IsScalar() && (l.Scalar() == "true" || l.Scalar() == "yes"))
                    p.showValue = true;
                else if (!(l.IsScalar() && (l.Scalar() == "false" || l.Scalar() == "no")))
                    p.label = pr.text("label");
            }
            p.provenance = readProvenance(pr);
            pr.finish();
            f.points.push_back(std::move(p));
        });
        if (points.IsDefined() && points.IsSequence() && points.size() < 2)
            ctx_.error(points,
                       what + " needs at least two points (it has " +
                           std::to_string(points.size()) + ")",
                       "a band runs along a route: give at least its first and last point, "
                       "each with a strength");
        f.provenance = readProvenance(r);
        r.finish();
        if (!f.id.empty())
            defineId(item, f.id, "flow");
        story_.flows.push_back(std::move(f));
    });
}

void StoryReader::readCharts(const YAML::Node& n) {
    static const std::map<std::string, ChartKind> kKinds = {{"line", ChartKind::Line},
                                                            {"bars", ChartKind::Bars}};
    static const std::map<std::string, Corner> kCorners = {{"top-left", Corner::TopLeft},
                                                           {"top-right", Corner::TopRight},
                                                           {"bottom-left", Corner::BottomLeft},
                                                           {"bottom-right", Corner::BottomRight}};
    forEachItem(n, "charts", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(
            ctx_, item, "chart " + std::to_string(i + 1),
            {"id", "title", "unit", "kind", "corner", "color", "colour", "values", "visible"});
        if (!r.ok())
            return;
        Chart c;
        c.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            c.id = *v;
        const std::string what = "chart '" + c.id + "'";
        r.setWhat(what);
        c.title = r.text("title", true);
        c.unit = r.text("unit");
        if (auto k = r.choice("kind", keysOf(kKinds)))
            c.kind = kKinds.at(*k);
        if (auto k = r.choice("corner", keysOf(kCorners)))
            c.corner = kCorners.at(*k);
        c.color = r.has("colour") ? r.color("colour") : r.color("color");
        auto values = r.get("values");
        if (!values.IsDefined() || values.IsNull() || (values.IsSequence() && values.size() == 0)) {
            ctx_.error(values.IsDefined() ? values : item, what + " has no data",
                       "give its dated values: values: [{date: 1812-10-24, value: 0}, ...]");
        }
        forEachItem(values, "values", [&](const YAML::Node& vn, std::size_t k) {
            const std::string vwhat = "value " + std::to_string(k + 1) + " of " + what;
            MapReader vr(ctx_, vn, vwhat, {"date", "value", "source", "confidence", "note"});
            if (!vr.ok())
                return;
            ChartValue v;
            v.loc = ctx_.loc(vn);
            if (!vr.has("date") || vr.get("date").IsNull())
                ctx_.error(vn, "missing required key 'date' in " + vwhat,
                           "every value of a chart has its date: {date: 1812-11-09, value: -9}");
            auto d = vr.date("date");
            auto x = vr.number("value", -1e15, 1e15, true);
            v.provenance = readProvenance(vr);
            vr.finish();
            if (!d || !x)
                return;
            v.date = *d;
            v.value = *x;
            if (!c.values.empty() && toHistTime(v.date) <= toHistTime(c.values.back().date)) {
                ctx_.error(vr.get("date"),
                           "values of " + what + " are not in date order (" + isoDate(v.date) +
                               " after " + isoDate(c.values.back().date) + ")",
                           "list the values from the earliest to the latest date, one per date");
                return;
            }
            c.values.push_back(std::move(v));
        });
        c.visible = readVisibility(r.get("visible"), what);
        r.finish();
        if (!c.id.empty()) {
            defineId(item, c.id, "feature");
            showable_.insert(c.id);
        }
        story_.charts.push_back(std::move(c));
    });
}

std::optional<FlowAction> StoryReader::readFlowAction(const YAML::Node& body,
                                                      const std::string& what) {
    FlowAction a;
    MapReader r(ctx_, body, what + " (flow)", {"id", "to", "window", "until"});
    if (!r.ok())
        return std::nullopt;
    const Flow* flow = nullptr;
    if (auto id = r.str("id", true)) {
        a.flow = *id;
        ref(r.get("id"), *id, "flow");
        flow = story_.flow(*id); // flows are read before the steps
    }
    if (auto to = r.get("to"); to.IsDefined() && flow != nullptr) {
        const std::size_t count = flow->points.size();
        if (!to.IsScalar()) {
            ctx_.error(to,
                       "'to' in " + r.what() + " must be a place of the flow or a point number");
        } else if (std::all_of(to.Scalar().begin(), to.Scalar().end(),
                               [](char c) { return c >= '0' && c <= '9'; }) &&
                   !to.Scalar().empty()) {
            const auto k = std::stoul(to.Scalar().substr(0, 9));
            if (k < 1 || k > count)
                ctx_.error(to, "'to' in " + r.what() + " is point " + to.Scalar() + ", but flow '" +
                                   flow->id + "' has " + std::to_string(count) + " points");
            else
                a.to = k - 1;
        } else {
            std::string places;
            bool found = false;
            for (std::size_t k = 0; k < count && !found; ++k) {
                const auto& place = flow->points[k].at.place;
                if (place == to.Scalar()) {
                    a.to = k;
                    found = true;
                }
                if (!place.empty())
                    places += (places.empty() ? "" : ", ") + place;
            }
            if (!found)
                ctx_.error(to, "'" + to.Scalar() + "' is not a point of flow '" + flow->id + "'",
                           places.empty() ? "give the number of a point, from 1"
                                          : "its places: " + places + "; or a point number");
        }
    } else {
        a.to = kWholeFlow;
    }
    a.window = readWindow(r);
    if (auto u = r.str("until")) {
        a.until = *u;
        ref(r.get("until"), *u, "step");
    }
    r.finish();
    return a;
}

} // namespace mapreel::story::detail
