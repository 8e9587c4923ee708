// SPDX-License-Identifier: MIT
#include "mapreel/story/loader.hpp"

#include "reader_p.hpp"
#include "yaml_guard_p.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mapreel::story {

namespace detail {

namespace {

const std::vector<std::string> kTopKeys = {
    "mapreel", "id",        "title",       "subtitle", "series", "credits", "licence",
    "license", "languages", "sources",     "canvas",   "map",    "sides",   "places",
    "regions", "fronts",    "territories", "lines",    "zones",  "labels",  "steps",
    "period",  "facts",     "calendar",    "legend"};
/// The quantities a story draws: flow bands and charts (read_flows.cpp).
const std::vector<std::string> kQuantityKeys = {"flows", "charts"};

} // namespace

void StoryReader::load(const YAML::Node& root) {
    std::vector<std::string> keys = kTopKeys;
    keys.insert(keys.end(), kQuantityKeys.begin(), kQuantityKeys.end());
    MapReader top(ctx_, root, "the story", std::move(keys));
    if (!top.ok())
        return;
    // Languages first: every text field is checked against them.
    auto langs = top.strings("languages");
    for (const auto& l : langs) {
        if (l.size() < 2 || l.size() > 8 || !std::all_of(l.begin(), l.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || c == '-';
            }))
            ctx_.error(top.get("languages"), "'" + l + "' is not a language code",
                       "use ISO 639-1 codes such as en, fr, de");
        else
            ctx_.languages.insert(l);
    }
    story_.languages = langs.empty() ? std::vector<std::string>{"en"} : langs;

    readMeta(top);
    readSources(top.get("sources"));
    readCanvas(top.get("canvas"));
    readMap(top.get("map", true));
    readSides(top.get("sides", true));
    readPlaces(top.get("places"));
    readRegions(top.get("regions"));
    readFronts(top.get("fronts"));
    readTerritories(top.get("territories"));
    readLines(top.get("lines"));
    readZones(top.get("zones"));
    readLabels(top.get("labels"));
    readFlows(top.get("flows"));
    readCharts(top.get("charts"));
    readSteps(top.get("steps", true));
    readFacts(top.get("facts"));
    readCalendar(top.get("calendar"));
    readLegend(top.get("legend"));
    top.finish();
    resolveReferences();
    checkOrder();
    checkDates();
}

void StoryReader::readMeta(MapReader& top) {
    if (auto v = top.integer("mapreel", 1, 1000, true)) {
        story_.formatVersion = *v;
        if (*v != 1)
            ctx_.error(top.get("mapreel"),
                       "this mapreel reads story format 1, the file says " + std::to_string(*v),
                       "write 'mapreel: 1' or update mapreel");
    }
    if (auto v = top.id("id", true))
        story_.id = *v;
    story_.title = top.text("title", true);
    story_.subtitle = top.text("subtitle");
    if (auto v = top.id("series", false))
        story_.series = *v;
    story_.credits = top.text("credits");
    if (auto v = top.str("licence"))
        story_.licence = *v;
    if (auto v = top.str("license"))
        story_.licence = *v;
    if (top.has("period")) {
        auto n = top.get("period");
        if (!n.IsSequence() || n.size() != 2) {
            ctx_.error(n, "'period' must be [first date, last date]");
        } else {
            auto a = detail::date(ctx_, n[0], "the first date of 'period'");
            auto b = detail::date(ctx_, n[1], "the last date of 'period'");
            if (a && b) {
                if (toHistTime(*b) < toHistTime(*a))
                    ctx_.error(n[1], "'period' runs backwards (" + isoDate(*a) + " to " +
                                         isoDate(*b) + ")");
                else
                    story_.period = DateSpan{*a, lastDayOf(*b)};
            }
        }
    }
}

void StoryReader::readSources(const YAML::Node& n) {
    forEachItem(n, "sources", [&](const YAML::Node& item, std::size_t i) {
        MapReader r(ctx_, item, "source " + std::to_string(i + 1),
                    {"id", "title", "author", "publisher", "year", "url", "note"});
        if (!r.ok())
            return;
        Source s;
        s.loc = ctx_.loc(item);
        if (auto v = r.id("id"))
            s.id = *v;
        r.setWhat("source '" + s.id + "'");
        if (auto v = r.str("title", true))
            s.title = *v;
        s.author = r.str("author").value_or("");
        s.publisher = r.str("publisher").value_or("");
        s.year = r.str("year").value_or("");
        s.url = r.str("url").value_or("");
        s.note = r.str("note").value_or("");
        r.finish();
        if (!s.id.empty())
            defineId(item, s.id, "source");
        story_.sources.push_back(std::move(s));
    });
}

} // namespace detail

Expected<Loaded, Diagnostics> loadStoryFromText(std::string_view text, const std::string& path,
                                                const LoadLimits& limits) {
    Diagnostics diags;
    Loaded result;
    Story& story = result.story;
    story.path = path;
    story.baseDir = std::filesystem::path(path).parent_path().string();
    if (story.baseDir.empty())
        story.baseDir = ".";
    detail::Context ctx{path, diags, limits, {}, 0};
    if (text.size() > limits.maxFileBytes) {
        diags.error({path, 1, 1},
                    "the story file is too large (" + std::to_string(text.size()) +
                        " bytes, at most " + std::to_string(limits.maxFileBytes) + ")",
                    "move large geometry into data files");
        return unexpected(std::move(diags));
    }
    const auto parsed = detail::parseStoryYaml(text, path, limits, diags);
    if (!parsed)
        return unexpected(std::move(diags));
    const YAML::Node& root = *parsed;
    try {
        detail::StoryReader(ctx, story).load(root);
    } catch (const YAML::Exception& e) {
        SourceLoc loc{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1};
        diags.error(loc, "cannot read this part of the story: " + e.msg);
    }
    if (diags.hasErrors())
        return unexpected(std::move(diags));
    result.warnings = std::move(diags);
    return result;
}

Expected<Loaded, Diagnostics> loadStory(const std::string& path, const LoadLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostics diags;
        diags.error({path, 0, 0}, "cannot open the story file",
                    std::filesystem::exists(path) ? "check its permissions"
                                                  : "check the path; it does not exist");
        return unexpected(std::move(diags));
    }
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
    if (size > limits.maxFileBytes) {
        Diagnostics diags;
        diags.error({path, 1, 1}, "the story file is too large (" + std::to_string(size) +
                                      " bytes, at most " + std::to_string(limits.maxFileBytes) +
                                      ")");
        return unexpected(std::move(diags));
    }
    in.seekg(0);
    std::ostringstream ss;
    ss << in.rdbuf();
    return loadStoryFromText(ss.str(), path, limits);
}

} // namespace mapreel::story
