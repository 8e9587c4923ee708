// SPDX-License-Identifier: MIT
// `mapreel probe`: which side holds a point on a date, or every change of hands.
#include "common.hpp"

#include "factories/geo_services.hpp"

#include "mapreel/core/date.hpp"
#include "mapreel/core/parse.hpp"
#include "mapreel/publish/json.hpp"
#include "mapreel/timeline/facts.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <iostream>
#include <optional>

namespace mapreel::cli {

namespace {

/// `mapreel probe` as parsed from the command line.
struct ProbeOptions {
    std::string story;
    std::string date;
    std::string at;
    bool changes = false;
    bool json = false;
};

int runProbe(const ProbeOptions& opts) {
    auto story = load(opts.story, true);
    if (!story)
        return code(ExitCode::InvalidStory);
    // A place id, or LON,LAT.
    std::optional<Point> at;
    std::string name = opts.at;
    if (const auto* place = story->place(opts.at)) {
        at = place->at;
        name = place->name.get(story->defaultLanguage());
    } else {
        at = parseLonLat(opts.at);
    }
    if (!at) {
        std::vector<std::string> ids;
        for (const auto& p : story->places)
            ids.push_back(p.id);
        const std::string near = closestMatch(opts.at, ids);
        std::cerr << "mapreel: --at must be LON,LAT in degrees (e.g. 126.98,37.57) or a place id"
                  << (near.empty() ? std::string{} : " (did you mean '" + near + "'?)") << '\n';
        return code(ExitCode::Usage);
    }
    if (opts.changes) {
        adapters::GeoServices services(dataDir());
        auto geoServices = services.view();
        const timeline::Timeline tl(story, geoServices);
        const auto runs = timeline::chronology(tl, *at);
        if (opts.json) {
            publish::JsonWriter j;
            j.beginObject().member("at", name).member("lon", at->x).member("lat", at->y);
            j.key("changes").beginArray();
            for (const auto& run : runs)
                j.beginObject()
                    .member("date", isoDate(fromHistTime(run.from)))
                    .member("side", run.side)
                    .endObject();
            j.endArray().endObject();
            std::cout << j.str() << '\n';
        } else {
            std::cout << name << ":";
            for (std::size_t i = 0; i < runs.size(); ++i)
                std::cout << (i == 0 ? " " : ", ") << runs[i].side << " "
                          << isoDate(fromHistTime(runs[i].from));
            std::cout << '\n';
        }
        return code(ExitCode::Ok);
    }
    if (opts.date.empty()) {
        std::cerr << "mapreel: probe needs --date (or --changes for every change of hands)\n";
        return code(ExitCode::Usage);
    }
    auto d = parseDate(opts.date);
    if (!d) {
        std::cerr << "mapreel: '" << opts.date << "' is not a date: " << dateParseProblem(opts.date)
                  << '\n';
        return code(ExitCode::Usage);
    }
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices);
    const std::string side = tl.probe(*at, toHistTime(*d));
    if (opts.json)
        std::cout << R"({"date": ")" << isoDate(*d) << R"(", "lon": )" << at->x << R"(, "lat": )"
                  << at->y << R"(, "side": ")" << side << "\"}\n";
    else
        std::cout << side << '\n';
    return code(ExitCode::Ok);
}

} // namespace

Command addProbe(CLI::App& app) {
    auto opts = std::make_shared<ProbeOptions>();
    auto* probe = app.add_subcommand("probe", "Print which side controls a point on a date.");
    addStoryArgument(*probe, opts->story);
    probe->add_option("--date", opts->date, "The date, YYYY[-MM[-DD]]");
    probe->add_option("--at", opts->at, "The point: LON,LAT in degrees, or a place id")->required();
    probe->add_flag("--changes", opts->changes,
                    "Print every change of hands of the point over the story instead");
    probe->add_flag("--json", opts->json, "Print a JSON object instead of the side id");
    probe->footer(kExitCodes);
    return {probe, [opts] { return runProbe(*opts); }};
}

} // namespace mapreel::cli
