// SPDX-License-Identifier: MIT
#include "mapreel/timeline/facts.hpp"

#include "located_p.hpp"

#include "mapreel/geo/catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <variant>

namespace mapreel::timeline {

namespace {

std::string day(HistTime t) {
    return isoDate(fromHistTime(t));
}

std::string span(HistTime from, HistTime to) {
    return from == to ? "on " + day(from) : "from " + day(from) + " to " + day(to);
}

std::string lonLatText(Point p) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(2) << p.x << "," << p.y;
    return s.str();
}

std::string line(const SourceLoc& loc) {
    return "line " + std::to_string(loc.line);
}

const char* markerKind(story::MarkerKind kind) {
    switch (kind) {
    case story::MarkerKind::Capture:
        return "capture";
    case story::MarkerKind::Landing:
        return "landing";
    case story::MarkerKind::Evacuation:
        return "evacuation";
    default:
        return "marker";
    }
}

} // namespace

void Timeline::compileFacts() {
    std::vector<story::Fact> all = story_->facts;
    for (auto& f : story::impliedFacts(*story_))
        all.push_back(std::move(f));
    for (auto& f : all) {
        CompiledFact cf;
        if (!f.place.empty()) {
            const auto* place = story_->place(f.place);
            if (place == nullptr)
                continue;
            cf.lonLat = place->at;
            cf.name = place->name.get(lang());
        } else if (f.at) {
            cf.lonLat = *f.at;
            cf.name = f.label.empty() ? lonLatText(*f.at) : f.label;
        } else if (!f.country.empty()) {
            cf.lonLat = detail::located(
                f.loc, {}, [&] { return interiorPoint(countryAtlas_->shape(f.country)); });
            cf.name = f.label.empty() ? f.country : f.label;
        } else {
            continue;
        }
        cf.fact = std::move(f);
        facts_.push_back(std::move(cf));
    }
}

int FactVerdict::wrongDays() const noexcept {
    int n = 0;
    for (const auto& w : wrong)
        n += static_cast<int>(std::lround(w.to - w.from)) + 1;
    return n;
}

std::string describeFact(const CompiledFact& cf) {
    const auto& f = cf.fact;
    const HistTime from = toHistTime(f.from);
    const HistTime to = toHistTime(f.to);
    const std::string who =
        f.side == story::kNoSide ? std::string("held by no side") : "held by '" + f.side + "'";
    return cf.name + " " + who + " " + span(from, to);
}

std::vector<FactVerdict> checkFacts(const Timeline& tl) {
    std::vector<FactVerdict> verdicts;
    verdicts.reserve(tl.facts().size());
    for (const auto& cf : tl.facts()) {
        FactVerdict v;
        v.fact = &cf;
        v.shown = tl.holdings(cf.lonLat, toHistTime(cf.fact.from), toHistTime(cf.fact.to));
        for (const auto& run : v.shown)
            if (run.side != cf.fact.side)
                v.wrong.push_back(run);
        verdicts.push_back(std::move(v));
    }
    return verdicts;
}

Diagnostic factDiagnostic(const Timeline& tl, const FactVerdict& v) {
    const auto& cf = *v.fact;
    const auto& f = cf.fact;
    const Holding& first = v.wrong.front();
    std::string message = "fact: " + describeFact(cf) + ", but the map shows '" + first.side +
                          "' " + span(first.from, first.to);
    if (v.wrong.size() > 1)
        message += " and disagrees on " + std::to_string(v.wrong.size() - 1) + " more span" +
                   (v.wrong.size() > 2 ? "s" : "");
    message += " (" + std::to_string(v.wrongDays()) + " day" + (v.wrongDays() == 1 ? "" : "s") +
               " in all)";

    // What decides it there, and what would fix it.
    const ControlCause cause = tl.causeAt(cf.lonLat, first.from);
    const std::string who = f.side == story::kNoSide ? "no side" : "'" + f.side + "'";
    std::string hint;
    if (cause.front != nullptr && cause.after != nullptr && cause.before->date < first.from &&
        first.to < cause.after->date) {
        // Two keyframes morph across the point. The map changes side either too early (it
        // agrees before the run) or too late (it agrees after).
        const bool early = first.from > toHistTime(f.from);
        const HistTime needed = early ? first.to : first.from;
        // The day the morph hands the point over, looked for beyond the fact's own days.
        HistTime handover = early ? first.from : first.to + 1;
        const auto around = tl.holdings(cf.lonLat, cause.before->date, cause.after->date);
        for (std::size_t i = 1; i < around.size(); ++i)
            if (around[i - 1].side == first.side || around[i].side == first.side)
                handover = around[i].from;
        hint = "front '" + cause.front->id + "' morphs from its keyframe of " +
               day(cause.before->date) + " (" + line(cause.before->loc) + ") to that of " +
               day(cause.after->date) + " (" + line(cause.after->loc) + ") and " +
               (early ? "already" : "only") + " hands " + cf.name + " over on " + day(handover) +
               "; add a keyframe dated " + day(needed) + " that puts " + cf.name + " on the " +
               who + " side";
    } else if (cause.front != nullptr) {
        const CompiledKeyframe* k = cause.before;
        for (const auto& key : cause.front->keyframes)
            if (key->date >= first.from && key->date <= first.to)
                k = key.get();
        hint = "the keyframe of " + day(k->date) + " of front '" + cause.front->id + "' (" +
               line(k->loc) + ") puts " + cf.name + " on the '" + first.side +
               "' side; move its line, or add a pocket, so that " + cf.name + " is " +
               (f.side == story::kNoSide ? "held by no side" : "on the " + who + " side");
    } else if (cause.territory != nullptr) {
        hint = "territory '" + cause.territory->id + "' (its keyframe of " +
               day(cause.territoryKeyframe->date) + ", " + line(cause.territoryKeyframe->loc) +
               ") colours " + cf.name + " '" + first.side +
               "' then; check that keyframe's date "
               "and region";
    } else {
        hint = "no front or territory covers " + cf.name + " then; give " + who +
               " a territory or front there, or check the fact's point";
    }
    if (f.marker != nullptr)
        hint += " (this fact is implied by the " + std::string(markerKind(f.marker->kind)) +
                " marker; 'fact: false' on it says the marker is not about who holds the place)";
    return Diagnostic{f.loc, Severity::Error, std::move(message), std::move(hint)};
}

std::vector<Holding> chronology(const Timeline& tl, Point lonLat) {
    const story::DateSpan covered = tl.story().coveredDates();
    if (!covered.from || !covered.to)
        return {};
    return tl.holdings(lonLat, toHistTime(*covered.from), toHistTime(*covered.to));
}

Diagnostics factErrors(const Timeline& tl, const std::vector<FactVerdict>& verdicts) {
    Diagnostics out;
    for (const auto& v : verdicts)
        if (!v.holds())
            out.add(factDiagnostic(tl, v));
    return out;
}

Diagnostics factGate(const Timeline& tl, bool allowFailing) {
    if (allowFailing)
        return {};
    return factErrors(tl, checkFacts(tl));
}

} // namespace mapreel::timeline
