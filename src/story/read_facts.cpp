// SPDX-License-Identifier: MIT
#include "reader_p.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace mapreel::story::detail {

namespace {

bool isAlpha3(const std::string& code) {
    return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
               return std::isupper(static_cast<unsigned char>(c)) != 0;
           });
}

} // namespace

void StoryReader::readFacts(const YAML::Node& n) {
    const DateSpan covered = story_.coveredDates();
    forEachItem(n, "facts", [&](const YAML::Node& item, std::size_t i) {
        const std::string what = "fact " + std::to_string(i + 1);
        MapReader r(ctx_, item, what,
                    {"place", "at", "country", "label", "side", "date", "dates", "source",
                     "confidence", "note"});
        if (!r.ok())
            return;
        Fact f;
        f.loc = ctx_.loc(item);
        const int where =
            (r.has("place") ? 1 : 0) + (r.has("at") ? 1 : 0) + (r.has("country") ? 1 : 0);
        if (where != 1)
            ctx_.error(item, what + (where == 0 ? " says nowhere" : " says where more than once"),
                       "give one of 'place: <place id>', 'at: [lon, lat]' or 'country: <ISO "
                       "alpha-3 code>'");
        if (auto p = r.str("place")) {
            f.place = *p;
            ref(r.get("place"), *p, "place");
        }
        if (auto at = r.get("at"); at.IsDefined())
            f.at = detail::lonLat(ctx_, at, "'at' of " + what);
        if (auto c = r.str("country")) {
            if (isAlpha3(*c))
                f.country = *c;
            else
                ctx_.error(r.get("country"), "'" + *c + "' is not a country code (" + what + ")",
                           "use the ISO 3166 alpha-3 code in capitals, e.g. POL");
        }
        f.label = r.str("label").value_or("");
        if (auto s = r.str("side", true)) {
            f.side = *s;
            if (*s != kNoSide)
                ref(r.get("side"), *s, "side");
        }
        bool dated = false;
        if (r.has("date") && r.has("dates")) {
            ctx_.error(item, what + " has both 'date' and 'dates'; keep one");
        } else if (auto d = r.date("date")) {
            f.from = *d;
            f.to = lastDayOf(*d);
            dated = true;
        } else if (auto ds = r.get("dates"); ds.IsDefined()) {
            if (!ds.IsSequence() || ds.size() != 2) {
                ctx_.error(ds, "'dates' in " + what + " must be [first day, last day]");
            } else {
                auto a = detail::date(ctx_, ds[0], "the first of 'dates' in " + what);
                auto b = detail::date(ctx_, ds[1], "the second of 'dates' in " + what);
                if (a && b) {
                    f.from = *a;
                    f.to = lastDayOf(*b);
                    if (toHistTime(f.to) < toHistTime(f.from))
                        ctx_.error(ds[1],
                                   "'dates' in " + what + " run backwards (" + isoDate(*a) +
                                       " to " + isoDate(*b) + ")",
                                   "a fact holds from its first day to its last");
                    else
                        dated = true;
                }
            }
        } else {
            ctx_.error(item, "missing required key 'date' (or 'dates') in " + what,
                       "say when the fact holds: 'date: 1950-06-28' or 'dates: [1950-06-28, "
                       "1950-09-27]'");
        }
        if (dated && covered.from && covered.to &&
            (toHistTime(f.to) < toHistTime(*covered.from) ||
             toHistTime(f.from) > toHistTime(*covered.to))) {
            ctx_.error(r.get(r.has("date") ? "date" : "dates"),
                       what + " (" + isoDate(f.from) + " to " + isoDate(f.to) +
                           ") lies outside the story, which covers " + isoDate(*covered.from) +
                           " to " + isoDate(*covered.to),
                       "a fact can only be checked on dates the map shows");
        }
        f.provenance = readProvenance(r);
        if (f.provenance.sources.empty())
            ctx_.error(item, what + " names no source",
                       "add 'source: [id]' naming an entry of 'sources:'");
        r.finish();
        story_.facts.push_back(std::move(f));
    });
}

} // namespace mapreel::story::detail
