// SPDX-License-Identifier: MIT
#include "mapreel/publish/check_report.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/timeline/clock.hpp"

#include <sstream>

namespace mapreel::publish {

std::vector<timeline::FactVerdict> verifyFacts(const timeline::Timeline& tl,
                                               Diagnostics& problems) {
    auto verdicts = timeline::checkFacts(tl);
    for (const auto& v : verdicts)
        if (!v.holds())
            problems.add(timeline::factDiagnostic(tl, v));
    return verdicts;
}

std::string factLines(const std::vector<timeline::FactVerdict>& verdicts) {
    std::ostringstream out;
    for (const auto& v : verdicts) {
        const auto& f = v.fact->fact;
        out << "  " << (v.holds() ? "ok  " : "FAIL") << "  line " << f.loc.line << ": "
            << timeline::describeFact(*v.fact);
        if (f.marker != nullptr)
            out << " (implied by a marker)";
        for (const auto& w : v.wrong) {
            out << "; the map shows '" << w.side << "' " << isoDate(fromHistTime(w.from));
            if (w.to > w.from)
                out << " to " << isoDate(fromHistTime(w.to));
        }
        out << '\n';
    }
    return out.str();
}

void writeCheckJson(JsonWriter& j, const std::string& path, const story::Story* story,
                    const Diagnostics& problems,
                    const std::vector<timeline::FactVerdict>& verdicts) {
    j.beginObject().member("path", path).member("ok", !problems.hasErrors());
    if (story != nullptr) {
        const timeline::Clock clock(*story, story->defaultLanguage());
        j.member("steps", static_cast<int>(story->steps.size()))
            .member("seconds", clock.duration())
            .member("frames", clock.frameCount());
    }
    j.key("problems").beginArray();
    for (const auto& d : problems.items())
        j.beginObject()
            .member("line", d.loc.line)
            .member("column", d.loc.column)
            .member("severity", d.severity == Severity::Error ? "error" : "warning")
            .member("message", d.message)
            .member("hint", d.hint)
            .endObject();
    j.endArray();
    j.key("facts").beginArray();
    for (const auto& v : verdicts) {
        const auto& f = v.fact->fact;
        j.beginObject()
            .member("line", f.loc.line)
            .member("column", f.loc.column)
            .member("name", v.fact->name)
            .member("lon", v.fact->lonLat.x)
            .member("lat", v.fact->lonLat.y)
            .member("side", f.side)
            .member("from", isoDate(f.from))
            .member("to", isoDate(f.to))
            .member("implied", f.marker != nullptr)
            .member("holds", v.holds());
        j.key("shown").beginArray();
        for (const auto& run : v.shown)
            j.beginObject()
                .member("from", isoDate(fromHistTime(run.from)))
                .member("to", isoDate(fromHistTime(run.to)))
                .member("side", run.side)
                .endObject();
        j.endArray().endObject();
    }
    j.endArray().endObject();
}

} // namespace mapreel::publish
