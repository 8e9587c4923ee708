// SPDX-License-Identifier: MIT
#include "mapreel/publish/site.hpp"

#include "mapreel/core/paths.hpp"
#include "mapreel/core/ui_text.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/json.hpp"
#include "mapreel/timeline/clock.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <variant>

namespace mapreel::publish {

namespace {

const char* precisionName(DatePrecision p) {
    switch (p) {
    case DatePrecision::Year:
        return "year";
    case DatePrecision::Month:
        return "month";
    case DatePrecision::Day:
        break;
    }
    return "day";
}

/// `text` safe inside a double-quoted HTML attribute.
std::string attribute(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// Whether folder `dir` contains `file` (lexically, after normalising both).
bool contains(const std::filesystem::path& dir, const std::filesystem::path& file) {
    const auto d = dir.lexically_normal();
    const auto rel = file.lexically_normal().lexically_relative(d);
    return !rel.empty() && *rel.begin() != "..";
}

} // namespace

Expected<std::vector<SeriesGroup>, Diagnostics>
groupSeries(const std::vector<const story::Story*>& stories,
            const std::vector<story::Series>& series) {
    Diagnostics diags;
    std::map<std::string, const story::Story*> byId;
    for (const auto* s : stories) {
        auto [it, fresh] = byId.emplace(s->id, s);
        if (!fresh)
            diags.error({s->path, 1, 1}, "two stories have the id '" + s->id + "'",
                        "the other is " + it->second->path + "; a site needs unique ids");
    }
    std::map<std::string, std::size_t> seriesIndex;
    for (std::size_t i = 0; i < series.size(); ++i) {
        auto [it, fresh] = seriesIndex.emplace(series[i].id, i);
        if (!fresh)
            diags.error(series[i].loc, "two series have the id '" + series[i].id + "'",
                        "the other is " + series[it->second].path);
    }
    std::vector<std::string> ids;
    ids.reserve(byId.size());
    for (const auto& [id, s] : byId)
        ids.push_back(id);

    std::vector<SeriesGroup> groups;
    std::map<std::string, std::string> listedIn; // story id -> series file
    for (const auto& se : series) {
        SeriesGroup g{se.id, se.title, se.description, {}};
        for (const auto& entry : se.maps) {
            auto it = byId.find(entry.id);
            if (it == byId.end()) {
                const std::string near = closestMatch(entry.id, ids);
                diags.error(entry.loc,
                            "series '" + se.id + "' lists '" + entry.id +
                                "' but no story has that id",
                            near.empty() ? "check the id (a story's 'id:' key) or remove it "
                                           "from 'maps'"
                                         : "did you mean '" + near + "'?");
                continue;
            }
            if (auto [at, fresh] = listedIn.emplace(entry.id, se.path); !fresh) {
                diags.error(entry.loc,
                            "story '" + entry.id + "' is already listed in " + at->second,
                            "list each story in one series only");
                continue;
            }
            g.maps.push_back(it->second);
        }
        groups.push_back(std::move(g));
    }
    if (diags.hasErrors())
        return unexpected(std::move(diags));

    // Stories no series lists: by their `series:` key, then by folder.
    std::vector<const story::Story*> rest;
    for (const auto* s : stories)
        if (!listedIn.contains(s->id))
            rest.push_back(s);
    std::sort(rest.begin(), rest.end(),
              [](const story::Story* a, const story::Story* b) { return a->path < b->path; });
    SeriesGroup other{"other-maps", LocalizedText("Other maps"), {}, {}};
    for (const auto* s : rest) {
        if (auto it = seriesIndex.find(s->series); !s->series.empty() && it != seriesIndex.end()) {
            groups[it->second].maps.push_back(s);
            continue;
        }
        std::size_t best = groups.size();
        std::size_t bestDepth = 0;
        for (std::size_t i = 0; i < series.size(); ++i) {
            const auto dir = std::filesystem::path(series[i].path).parent_path();
            const auto depth = static_cast<std::size_t>(
                std::distance(dir.lexically_normal().begin(), dir.lexically_normal().end()));
            if (contains(dir, s->path) && (best == groups.size() || depth > bestDepth)) {
                best = i;
                bestDepth = depth;
            }
        }
        (best < groups.size() ? groups[best] : other).maps.push_back(s);
    }
    if (!other.maps.empty())
        groups.push_back(std::move(other));
    std::erase_if(groups, [](const SeriesGroup& g) { return g.maps.empty(); });
    return groups;
}

StoryText storyText(const story::Story& s, const LocalizedText& text, const std::string& lang) {
    const auto& all = text.all();
    if (auto it = all.find(lang); it != all.end())
        return {it->second, {}};
    if (auto it = all.find(std::string_view{}); it != all.end())
        return {it->second, {}};
    std::vector<std::string> order{s.defaultLanguage(), "en"};
    order.insert(order.end(), s.languages.begin(), s.languages.end());
    for (const auto& l : order)
        if (auto it = all.find(l); it != all.end())
            return {it->second, l};
    return {};
}

std::string languageName(const std::string& code) {
    return mapreel::languageName(code);
}

std::string pagePath(const std::string& storyId, const std::string& lang) {
    return "maps/" + storyId + "/" + lang + "/";
}

std::string yearSpan(const story::Story& s) {
    if (s.steps.empty())
        return {};
    int from = s.steps.front().dateFrom.year;
    int to = s.steps.front().dateTo.year;
    for (const auto& st : s.steps) {
        from = std::min(from, st.dateFrom.year);
        to = std::max(to, st.dateTo.year);
    }
    auto year = [](int y) { return y > 0 ? std::to_string(y) : std::to_string(1 - y) + " BCE"; };
    return from == to ? year(from) : year(from) + "\xE2\x80\x93" + year(to);
}

std::string storyScript(const PlayerPage& page) {
    const auto& s = *page.story;
    const std::string& lang = page.lang;
    const std::string title = s.title.get(lang);
    const timeline::Clock clock(s, lang);
    JsonWriter j;
    j.beginObject();
    j.member("id", s.id).member("lang", lang).member("title", title);
    if (!s.subtitle.get(lang).empty())
        j.member("subtitle", s.subtitle.get(lang));
    j.key("languages").beginArray();
    for (const auto& code : page.languages) {
        j.beginObject()
            .member("code", code)
            .member("name", languageName(code))
            .member("href", "../" + code + "/index.html")
            .endObject();
    }
    j.endArray();
    if (!page.seriesTitle.empty()) {
        j.key("series")
            .beginObject()
            .member("id", page.seriesId)
            .member("title", page.seriesTitle)
            .member("href", "../../../index.html#" + page.seriesId)
            .endObject();
    }
    // Whether the video draws the narration card (the web cut does not: the page shows it).
    j.member("narrationCard", s.canvas.narrationCard.value_or(true));
    j.member("video", "video.mp4");
    if (page.webm)
        j.member("videoWebm", "video.webm");
    j.member("poster", "poster.png")
        .member("captions", "captions.vtt")
        .member("chapters", "chapters.vtt")
        .member("duration", clock.videoSeconds());

    if (!s.steps.empty()) {
        Date from = s.steps.front().dateFrom;
        Date to = s.steps.front().dateTo;
        for (const auto& st : s.steps) {
            if (toHistTime(st.dateFrom) < toHistTime(from))
                from = st.dateFrom;
            if (toHistTime(st.dateTo) > toHistTime(to))
                to = st.dateTo;
        }
        j.key("dateRange").beginArray().value(isoDate(from)).value(isoDate(to)).endArray();
    }

    const auto& spans = clock.steps();
    const double end = clock.videoSeconds();
    j.key("steps").beginArray();
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const auto& st = s.steps[i];
        j.beginObject()
            .member("id", st.id.empty() ? "step-" + std::to_string(i + 1) : st.id)
            .member("title", st.title.get(lang))
            .member("start", spans[i].start)
            .member("end", std::min(spans[i].end(), end))
            .member("settled", clock.settledTime(static_cast<int>(i)));
        j.key("dates")
            .beginArray()
            .value(isoDate(st.dateFrom))
            .value(isoDate(st.dateTo))
            .endArray();
        // Written once, by the locale data the video's dates come from.
        j.member("dateText", formatDateRange(st.dateFrom, st.dateTo, st.precision, lang));
        // The date on screen through the step, as the video's clock computes it: [seconds,
        // days since 1970-01-01] to interpolate linearly, so the page never re-derives it.
        j.key("dateCurve").beginArray();
        for (const auto& knot : clock.dateKnots(static_cast<int>(i)))
            j.beginArray()
                .value(spans[i].start + knot.fraction * spans[i].duration)
                .value(knot.date)
                .endArray();
        j.endArray();
        j.member("precision", precisionName(st.precision))
            .member("narration", st.narration.get(lang))
            .endObject();
    }
    j.endArray();

    j.key("captionCues").beginArray();
    for (const auto& c : captionCues(s, lang))
        j.beginObject()
            .member("start", c.start)
            .member("end", c.end)
            .member("text", c.text)
            .endObject();
    j.endArray();

    if (!s.credits.get(lang).empty())
        j.member("credits", s.credits.get(lang));
    if (!s.licence.empty())
        j.member("licence", s.licence);
    j.key("sources").beginArray();
    for (const auto& src : s.sources)
        j.beginObject().member("id", src.id).member("text", citation(src)).endObject();
    j.endArray();
    if (!page.baseUrl.empty()) {
        const std::string url = page.baseUrl + pagePath(s.id, lang) + "index.html";
        j.member("embed", R"(<iframe src=")" + attribute(url) +
                              R"(" width="960" height="640" title=")" + attribute(title) +
                              R"(" loading="lazy" allowfullscreen></iframe>)");
    }
    j.endObject();
    return "// Written by mapreel site; rebuilt on every run.\nwindow.MAPREEL_STORY = " + j.str() +
           ";\n";
}

namespace {

void regionFiles(const story::Region& r, const std::string& what, std::vector<StoryFile>& out) {
    if (r.kind == story::Region::Kind::File)
        out.push_back({r.loc, r.file, "data file of " + what});
    for (const auto& operand : r.operands)
        regionFiles(operand, what, out);
}

} // namespace

std::vector<StoryFile> storyFiles(const story::Story& s) {
    std::vector<StoryFile> out;
    for (const auto& layer : s.map.layers)
        if (!layer.file.empty())
            out.push_back({layer.loc, layer.file, "data file of a layer"});
    for (const auto& [id, region] : s.regions)
        regionFiles(region, "region '" + id + "'", out);
    for (const auto& t : s.territories)
        for (const auto& k : t.keyframes)
            if (k.region)
                regionFiles(*k.region, "territory '" + t.id + "'", out);
    for (const auto& step : s.steps) {
        const std::string stepName = "step '" + step.id + "'";
        if (!step.audio.empty())
            out.push_back({step.loc, step.audio, "narration audio of " + stepName});
        for (const auto& a : step.actions) {
            if (const auto* image = std::get_if<story::ImageAction>(&a.what))
                out.push_back({a.loc, image->file, "image of " + stepName});
            else if (const auto* h = std::get_if<story::HighlightAction>(&a.what); h && h->region)
                regionFiles(*h->region, "a highlight of " + stepName, out);
        }
    }
    return out;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): reads as "path confined to root".
bool confined(const std::string& path, const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (ec)
        return false;
    const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec)
        return false;
    const auto rel = p.lexically_relative(r);
    return !rel.empty() && *rel.begin() != "..";
}

Diagnostics filesOutside(const story::Story& s, const std::vector<std::string>& roots) {
    namespace fs = std::filesystem;
    Diagnostics diags;
    for (const auto& f : storyFiles(s)) {
        const fs::path written(f.path);
        const std::string full = resolvePath(s.baseDir, f.path);
        std::string why;
        if (written.is_absolute() || f.path.starts_with("/vsi"))
            why = "is an absolute path";
        else if (std::none_of(roots.begin(), roots.end(),
                              [&](const std::string& root) { return confined(full, root); }))
            why = std::any_of(written.begin(), written.end(),
                              [](const fs::path& part) { return part == ".."; })
                      ? "climbs out of the stories folder"
                      : "leads out of the stories folder (a symbolic link)";
        if (!why.empty())
            diags.error(f.loc, "'" + f.path + "', the " + f.what + ", " + why,
                        "a site reads only files inside the folder it is built from (and "
                        "mapreel's data folder): copy the file into it and name it relative "
                        "to the story");
    }
    return diags;
}

std::string catalogueScript(const std::string& title, const std::vector<SeriesGroup>& series,
                            const std::map<std::string, std::vector<std::string>>& languages) {
    const auto langsOf = [&](const story::Story& s) {
        auto it = languages.find(s.id);
        return it == languages.end() ? std::vector<std::string>{} : it->second;
    };
    // Every language some map is published in, in order of first appearance: the
    // catalogue offers these in its language switch.
    std::vector<std::string> siteLangs;
    for (const auto& g : series)
        for (const auto* s : g.maps)
            for (const auto& l : langsOf(*s))
                if (std::find(siteLangs.begin(), siteLangs.end(), l) == siteLangs.end())
                    siteLangs.push_back(l);

    JsonWriter j;
    j.beginObject();
    if (!title.empty())
        j.member("title", title);
    j.key("languages").beginArray();
    for (const auto& l : siteLangs)
        j.beginObject().member("code", l).member("name", languageName(l)).endObject();
    j.endArray();
    j.key("series").beginArray();
    for (const auto& g : series) {
        j.beginObject().member("id", g.id);
        std::string groupLang = "en";
        if (!g.maps.empty() && !langsOf(*g.maps.front()).empty())
            groupLang = langsOf(*g.maps.front()).front();
        j.member("title", g.title.get(groupLang));
        if (!g.description.get(groupLang).empty())
            j.member("description", g.description.get(groupLang));
        // The series' own translations (a plain text serves every language as it is).
        j.key("translations").beginObject();
        for (const auto& l : siteLangs) {
            const bool titled = g.title.all().contains(l);
            const bool described = g.description.all().contains(l);
            if (!titled && !described)
                continue;
            j.key(l).beginObject();
            if (titled)
                j.member("title", g.title.get(l));
            if (described)
                j.member("description", g.description.get(l));
            j.endObject();
        }
        j.endObject();
        j.key("maps").beginArray();
        for (const auto* s : g.maps) {
            const std::vector<std::string> langs = langsOf(*s);
            const std::string lang = langs.empty() ? s->defaultLanguage() : langs.front();
            j.beginObject()
                .member("id", s->id)
                .member("lang", lang)
                .member("title", s->title.get(lang))
                .member("dates", yearSpan(*s));
            if (const auto sum = storyText(*s, s->subtitle, lang); !sum.text.empty())
                j.member("summary", sum.text);
            j.member("thumbnail", pagePath(s->id, lang) + "thumb.png")
                .member("href", pagePath(s->id, lang) + "index.html");
            j.key("languages").beginArray();
            for (const auto& l : langs)
                j.value(l);
            j.endArray();
            // One page per language, titled in it: the catalogue shows the reader's.
            j.key("pages").beginObject();
            for (const auto& l : langs) {
                j.key(l).beginObject().member("title", storyText(*s, s->title, l).text);
                // A summary missing in `l` falls back by a fixed order, marked with its
                // language.
                if (const auto sum = storyText(*s, s->subtitle, l); !sum.text.empty()) {
                    j.member("summary", sum.text);
                    if (!sum.lang.empty())
                        j.member("summaryLang", sum.lang);
                }
                j.member("thumbnail", pagePath(s->id, l) + "thumb.png")
                    .member("href", pagePath(s->id, l) + "index.html")
                    .endObject();
            }
            j.endObject().endObject();
        }
        j.endArray().endObject();
    }
    j.endArray().endObject();
    return "// Written by mapreel site; rebuilt on every run.\nwindow.MAPREEL_CATALOGUE = " +
           j.str() + ";\n";
}

} // namespace mapreel::publish
