// SPDX-License-Identifier: MIT
// Warnings about dates that disagree with each other: a label that names a day its step
// does not cover, a place shown by an action at a date it does not exist.
#include "reader_p.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mapreel::story::detail {

namespace {

/// A day and month a text names, with its year if it gives one; a range of days in one
/// month ("15-18 September") keeps both ends.
struct NamedDay {
    int firstDay = 0;
    int lastDay = 0;
    int month = 0;
    int lastMonth = 0; ///< the month of lastDay
    std::optional<int> year;
    std::string text; ///< as written, for messages
};

int monthNumber(std::string_view word) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    std::string lower;
    for (const char c : word)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower.ends_with('.'))
        lower.pop_back();
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        const auto& m = kMonths[i];
        if (lower == m || (lower.size() == 3 && m.starts_with(lower) && lower != "may") ||
            (lower == "sept"))
            return lower == "sept" ? 9 : static_cast<int>(i) + 1;
    }
    return 0;
}

/// Words of `text`: runs of letters, digits, '.', '-' and the en dash.
std::vector<std::string> tokens(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool dash = text.substr(i, 3) == "\xE2\x80\x93";
        if (std::isalnum(c) != 0 || c == '.' || c == '-') {
            cur.push_back(static_cast<char>(c));
        } else if (dash) {
            cur.push_back('-');
            i += 2;
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

/// "15" -> 15..15, "15-18" -> 15..18; nullopt for anything else.
std::optional<std::pair<int, int>> dayRange(const std::string& word) {
    int a = 0;
    int b = 0;
    std::size_t i = 0;
    auto digits = [&](int& v) {
        const std::size_t start = i;
        while (i < word.size() && std::isdigit(static_cast<unsigned char>(word[i])) != 0)
            v = v * 10 + (word[i++] - '0');
        return i > start && i - start <= 2;
    };
    if (!digits(a))
        return std::nullopt;
    b = a;
    if (i < word.size() && word[i] == '-') {
        ++i;
        b = 0;
        if (!digits(b))
            return std::nullopt;
    }
    if (i != word.size() || a < 1 || b < a || b > 31)
        return std::nullopt;
    return std::pair{a, b};
}

std::optional<int> yearOf(const std::string& word) {
    if (word.size() != 4 ||
        !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(word);
}

/// The days and months `text` names ("15 March", "15-18 September 1950", "March 15").
std::vector<NamedDay> namedDays(std::string_view text) {
    const auto words = tokens(text);
    std::vector<NamedDay> out;
    for (std::size_t k = 0; k < words.size(); ++k) {
        const int month = monthNumber(words[k]);
        if (month == 0)
            continue;
        std::optional<std::pair<int, int>> days;
        std::optional<int> year;
        if (k > 0)
            days = dayRange(words[k - 1]);
        if (days) {
            if (k + 1 < words.size())
                year = yearOf(words[k + 1]);
        } else if (k + 1 < words.size()) {
            days = dayRange(words[k + 1]);
            if (days && k + 2 < words.size())
                year = yearOf(words[k + 2]);
        }
        // "since 19 October", "until 24 December": a day the label measures from or to, not
        // the day it is about.
        const std::size_t before = days && k > 0 && dayRange(words[k - 1]) ? k - 1 : k;
        if (days && before > 0) {
            std::string word;
            for (const char c : words[before - 1])
                word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
            if (word == "since" || word == "until" || word == "till" || word == "before" ||
                word == "after")
                continue;
        }
        if (days) {
            std::string written = std::to_string(days->first);
            if (days->second != days->first)
                written.append("-").append(std::to_string(days->second));
            written.append(" ").append(words[k]);
            out.push_back({days->first, days->second, month, month, year, std::move(written)});
        }
    }
    return out;
}

/// Whether some year in [fromYear, toYear] (or `year`) puts the named days inside [from, to].
bool within(const NamedDay& d, HistTime from, HistTime to, int fromYear, int toYear) {
    for (int y = d.year.value_or(fromYear); y <= d.year.value_or(toYear); ++y) {
        if (d.firstDay > daysInMonth(y, d.month) || d.lastDay > daysInMonth(y, d.lastMonth))
            continue;
        const HistTime a = toHistTime(Date{y, d.month, d.firstDay});
        const HistTime b = toHistTime(Date{y, d.lastMonth, d.lastDay});
        if (b >= from && a <= to)
            return true;
    }
    return false;
}

} // namespace

void StoryReader::checkDates() {
    const auto& steps = story_.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (undated_.count(i) != 0)
            continue;
        const auto& step = steps[i];
        const HistTime from = toHistTime(step.dateFrom);
        for (const auto& action : step.actions) {
            // An action kept up to a later step may speak of that step's days too.
            std::string until;
            const LocalizedText* text = nullptr;
            const char* kind = "";
            std::vector<const Waypoint*> points;
            if (const auto* a = std::get_if<ArrowAction>(&action.what)) {
                until = a->until;
                text = &a->label;
                kind = "arrow";
                for (const auto& w : a->route)
                    points.push_back(&w);
            } else if (const auto* m = std::get_if<MarkerAction>(&action.what)) {
                until = m->until;
                text = &m->label;
                kind = "marker";
                points.push_back(&m->at);
            } else if (const auto* c = std::get_if<CalloutAction>(&action.what)) {
                until = c->until;
                text = &c->text;
                kind = "callout";
            }
            const int last = until.empty() ? static_cast<int>(i) : story_.stepIndex(until);
            const auto& lastStep = steps[static_cast<std::size_t>(std::max(last, 0))];
            const HistTime to = toHistTime(lastDayOf(lastStep.dateTo));
            if (text != nullptr) {
                for (const auto& [lang, value] : text->all()) {
                    auto days = namedDays(value);
                    if (days.empty())
                        continue;
                    // "25 June to 7 July" speaks of the days between too.
                    if (days.size() > 1 && days.front().month <= days.back().lastMonth)
                        days.push_back({days.front().firstDay,
                                        days.back().lastDay,
                                        days.front().month,
                                        days.back().lastMonth,
                                        days.back().year,
                                        {}});
                    if (std::any_of(days.begin(), days.end(), [&](const NamedDay& d) {
                            return within(d, from, to, step.dateFrom.year, lastStep.dateTo.year);
                        }))
                        continue;
                    std::string message = "the ";
                    message.append(kind).append(" label '").append(value);
                    message.append("' names ").append(days.front().text);
                    message.append(", outside its step '").append(step.id).append("' (");
                    message.append(isoDate(step.dateFrom)).append(" to ");
                    message.append(isoDate(lastStep.dateTo)).append(")");
                    ctx_.diags.warning(action.loc, std::move(message),
                                       "move the action to the step that covers that day, "
                                       "widen the step's dates, or keep it with 'until:'");
                    break;
                }
            }
            for (const Waypoint* w : points) {
                const Place* p = story_.place(w->place);
                if (p == nullptr || !p->visible.dates)
                    continue;
                const auto& v = *p->visible.dates;
                const bool before = v.from && to < toHistTime(*v.from);
                const bool after = v.to && from > toHistTime(lastDayOf(*v.to));
                if (!before && !after)
                    continue;
                std::string span;
                if (v.from)
                    span.append("from ").append(isoDate(*v.from));
                if (v.to)
                    span.append(v.from ? " to " : "to ").append(isoDate(*v.to));
                std::string message = "the ";
                message.append(kind).append(" in step '").append(step.id);
                message.append("' shows place '").append(p->id);
                message.append("', which exists only ").append(span);
                ctx_.diags.warning(w->loc, std::move(message),
                                   "check the place's 'visible' dates or the step's");
            }
        }
    }
}

} // namespace mapreel::story::detail
