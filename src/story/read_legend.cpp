// SPDX-License-Identifier: MIT
// The story's calendars (`calendar:`) and the author's legend (`legend:`).
#include "reader_p.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace mapreel::story::detail {

namespace {

const std::map<std::string, Calendar>& calendarNames() {
    static const std::map<std::string, Calendar> kNames = {{"gregorian", Calendar::Gregorian},
                                                           {"julian", Calendar::Julian}};
    return kNames;
}

/// What `candidates` holds closest to `name`, as " (did you mean 'x'?)", or nothing.
std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates) {
    const std::string near = closestMatch(name, candidates);
    return near.empty() ? std::string{} : " (did you mean '" + near + "'?)";
}

} // namespace

void StoryReader::readCalendar(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
        return;
    const auto names = keysOf(calendarNames());
    auto one = [&](const YAML::Node& item) -> std::optional<Calendar> {
        auto name = detail::scalar(ctx_, item, "'calendar'");
        if (!name)
            return std::nullopt;
        if (auto it = calendarNames().find(*name); it != calendarNames().end())
            return it->second;
        ctx_.error(item, "unknown calendar '" + *name + "'" + didYouMean(*name, names),
                   "calendars: gregorian, julian (the Old Style of Russia before 1918)");
        return std::nullopt;
    };
    if (n.IsScalar()) {
        // One name: that calendar beside the Gregorian date the story is written in.
        if (auto c = one(n))
            story_.calendars = *c == Calendar::Gregorian
                                   ? std::vector<Calendar>{Calendar::Gregorian}
                                   : std::vector<Calendar>{Calendar::Gregorian, *c};
        return;
    }
    if (!n.IsSequence() || n.size() == 0 || n.size() > 2) {
        ctx_.error(n, "'calendar' must be a calendar's name or a list of one or two",
                   "e.g. 'calendar: julian' or 'calendar: [julian, gregorian]'");
        return;
    }
    std::vector<Calendar> calendars;
    for (std::size_t i = 0; i < n.size(); ++i) {
        auto c = one(n[i]);
        if (!c)
            return;
        if (std::find(calendars.begin(), calendars.end(), *c) != calendars.end()) {
            ctx_.error(n[i], "'calendar' names '" + n[i].Scalar() + "' twice",
                       "list two different calendars: the date, then the one beside it");
            return;
        }
        calendars.push_back(*c);
    }
    story_.calendars = calendars;
}

void StoryReader::readLegend(const YAML::Node& n) {
    if (!n.IsDefined())
        return;
    std::vector<LegendEntry> entries;
    forEachItem(n, "legend", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "legend entry " + std::to_string(i + 1),
                    {"side", "arrow", "marker", "zone", "line", "label"});
        if (!r.ok())
            return;
        LegendEntry e;
        e.loc = ctx_.loc(item);
        std::vector<std::string> named;
        for (const auto& k : {"arrow", "marker", "zone", "line"})
            if (r.has(k))
                named.emplace_back(k);
        if (named.empty() && r.has("side"))
            named.emplace_back("side");
        if (named.empty()) {
            ctx_.error(item, r.what() + " names nothing to show",
                       "give one of: side, arrow, marker, zone, line (and a 'label')");
            return;
        }
        if (named.size() > 1) {
            ctx_.error(item, r.what() + " names both '" + named[0] + "' and '" + named[1] + "'",
                       "one feature per entry; add another entry for the other");
            return;
        }
        const std::string& kind = named.front();
        if (kind == "arrow" || kind == "marker" || kind == "side") {
            if (auto s = r.str("side", kind == "side")) {
                e.side = *s;
                ref(r.get("side"), *s, "side");
            }
        }
        if (kind == "side") {
            e.kind = LegendEntry::Kind::Side;
            e.id = e.side;
            e.side.clear();
        } else if (kind == "arrow") {
            e.kind = LegendEntry::Kind::Arrow;
            if (auto s = r.choice("arrow", keysOf(arrowStyles()), true))
                e.arrow = arrowStyles().at(*s);
        } else if (kind == "marker") {
            e.kind = LegendEntry::Kind::Marker;
            if (auto k = r.choice("marker", keysOf(markerKinds()), true))
                e.marker = markerKinds().at(*k);
        } else {
            const bool zone = kind == "zone";
            e.kind = zone ? LegendEntry::Kind::Zone : LegendEntry::Kind::Line;
            if (auto id = r.str(kind, true)) {
                e.id = *id;
                std::vector<std::string> ids;
                if (zone)
                    for (const auto& z : story_.zones)
                        ids.push_back(z.id);
                else
                    for (const auto& l : story_.lines)
                        ids.push_back(l.id);
                if (std::find(ids.begin(), ids.end(), *id) == ids.end())
                    ctx_.error(r.get(kind),
                               "unknown " + kind + " '" + *id + "' in " + r.what() +
                                   didYouMean(*id, ids),
                               ids.empty() ? "the story defines no " + kind + "s"
                                           : "name one of the story's " + kind + "s by its id");
            }
        }
        e.label = r.text("label");
        r.finish();
        entries.push_back(std::move(e));
    });
    story_.legend = std::move(entries);
}

} // namespace mapreel::story::detail
