// SPDX-License-Identifier: MIT
#include "mapreel/story/story.hpp"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

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

const Flow* Story::flow(std::string_view flowId) const {
    for (const auto& f : flows)
        if (f.id == flowId)
            return &f;
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

DateSpan Story::coveredDates() const {
    if (period && period->from && period->to)
        return *period;
    DateSpan span;
    for (const auto& st : steps) {
        if (!span.from || toHistTime(st.dateFrom) < toHistTime(*span.from))
            span.from = st.dateFrom;
        if (!span.to || toHistTime(lastDayOf(st.dateTo)) > toHistTime(*span.to))
            span.to = lastDayOf(st.dateTo);
    }
    return span;
}

Date lastDayOf(const Date& d) noexcept {
    Date last = d;
    if (d.precision == DatePrecision::Year)
        last.month = 12;
    if (d.precision != DatePrecision::Day)
        last.day = daysInMonth(last.year, last.month);
    last.precision = DatePrecision::Day;
    return last;
}

std::vector<Fact> impliedFacts(const Story& story) {
    std::vector<Fact> facts;
    for (const auto& step : story.steps) {
        for (const auto& action : step.actions) {
            const auto* m = std::get_if<MarkerAction>(&action.what);
            if (m == nullptr || !m->impliesFact || m->side.empty())
                continue;
            const bool taken = m->kind == MarkerKind::Capture || m->kind == MarkerKind::Landing;
            if (!taken && m->kind != MarkerKind::Evacuation)
                continue;
            Fact f;
            f.loc = action.loc;
            f.place = m->at.place;
            f.at = m->at.at;
            f.label = m->label.get(story.defaultLanguage());
            f.side = m->side;
            // Taken: held once the step's date has arrived. Evacuated: still held as it opens.
            const Date day = taken ? lastDayOf(step.dateTo) : step.dateFrom;
            f.from = f.to = Date{day.year, day.month, day.day, DatePrecision::Day};
            f.provenance = m->provenance;
            f.marker = m;
            facts.push_back(std::move(f));
        }
    }
    return facts;
}

} // namespace mapreel::story
