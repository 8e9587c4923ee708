// SPDX-License-Identifier: MIT
#include "mapreel/story/series.hpp"

#include "yaml_reader_p.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace mapreel::story {

Expected<Series, Diagnostics> loadSeriesFromText(std::string_view text, const std::string& path) {
    Diagnostics diags;
    const LoadLimits limits;
    if (text.size() > limits.maxFileBytes) {
        diags.error({path, 1, 1}, "the series file is too large");
        return unexpected(std::move(diags));
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        diags.error({path, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1},
                    "this is not valid YAML: " + e.msg,
                    "check indentation (spaces, not tabs) and that every ':' and '-' is "
                    "followed by a space");
        return unexpected(std::move(diags));
    }
    detail::Context ctx{path, diags, limits, {}, 0};
    Series series;
    series.path = path;
    series.loc = ctx.loc(root);
    if (series.loc.line == 0)
        series.loc = {path, 1, 1};
    try {
        detail::MapReader r(ctx, root, "the series", {"id", "title", "description", "maps"});
        if (r.ok()) {
            if (auto id = r.id("id"))
                series.id = *id;
            series.title = r.text("title", true);
            series.description = r.text("description");
            const YAML::Node maps = r.get("maps", true);
            if (maps.IsDefined() && !maps.IsSequence()) {
                ctx.error(maps,
                          "'maps' in the series must be a list of story ids, not " +
                              detail::describe(maps),
                          "write maps: [korean-war, berlin-airlift], in catalogue order");
            } else if (maps.IsDefined()) {
                std::map<std::string, int> seen;
                for (const auto& item : maps) {
                    auto id = detail::scalar(ctx, item, "a story id in 'maps'");
                    if (!id)
                        continue;
                    if (!detail::validId(*id)) {
                        ctx.error(item, "'" + *id + "' is not a valid story id",
                                  "ids start with a letter and use letters, digits, '-' and '_'");
                        continue;
                    }
                    const SourceLoc loc = ctx.loc(item);
                    if (auto [it, fresh] = seen.emplace(*id, loc.line); !fresh) {
                        ctx.error(item, "story '" + *id + "' is listed twice in the series",
                                  "it was first listed on line " + std::to_string(it->second));
                        continue;
                    }
                    series.maps.push_back({loc, *id});
                }
            }
            r.finish();
        }
    } catch (const YAML::Exception& e) {
        diags.error({path, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1},
                    "cannot read this part of the series: " + e.msg);
    }
    if (diags.hasErrors())
        return unexpected(std::move(diags));
    return series;
}

Expected<Series, Diagnostics> loadSeries(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostics diags;
        diags.error({path, 0, 0}, "cannot open the series file",
                    std::filesystem::exists(path) ? "check its permissions"
                                                  : "check the path; it does not exist");
        return unexpected(std::move(diags));
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return loadSeriesFromText(ss.str(), path);
}

} // namespace mapreel::story
