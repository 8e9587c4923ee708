// SPDX-License-Identifier: MIT
// `mapreel check`: validates stories and series, and verifies their facts against the map.
#include "common.hpp"

#include "factories/geo_services.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/check_report.hpp"
#include "mapreel/publish/json.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/story/series.hpp"
#include "mapreel/timeline/facts.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace mapreel::cli {

namespace {

/// `mapreel check` as parsed from the command line.
struct CheckOptions {
    std::vector<std::string> stories;
    bool quiet = false;
    bool facts = false;
    bool json = false;
};

/// Checks a series file; prints its problems or, unless quiet, a summary.
bool checkSeries(const std::string& path, bool quiet) {
    auto series = story::loadSeries(path);
    if (!series) {
        printDiagnostics(series.error(), path);
        return false;
    }
    if (!quiet)
        std::cout << path << ": ok (series of " << series->maps.size() << " maps)\n";
    return true;
}

/// Checks a story file; prints its problems or, unless quiet, its length.
bool checkStory(const std::string& path, const CheckOptions& opts, publish::JsonWriter* json) {
    const bool quiet = opts.quiet || json != nullptr;
    auto story = load(path, quiet || opts.json);
    if (!story) {
        if (json != nullptr) {
            auto loaded = story::loadStory(path);
            publish::writeCheckJson(*json, path, nullptr, loaded ? Diagnostics{} : loaded.error(),
                                    {});
        }
        return false;
    }
    // What can only be known with the libraries: the projection. Checked alone, without
    // loading base data, so that `check` stays instant even for a world map.
    adapters::ProjFactory projectors;
    try {
        static_cast<void>(projectors.create(timeline::projectionDefinition(story->map.projection)));
    } catch (const Error& e) {
        std::cerr << path << ":" << story->map.loc.line << ":" << story->map.loc.column
                  << ": error: " << e.what() << '\n';
        return false;
    }
    // Facts need the map: the fronts and territories they are checked against.
    Diagnostics problems;
    std::vector<timeline::FactVerdict> verdicts;
    std::unique_ptr<timeline::Timeline> tl;
    if (!story->facts.empty() || !story::impliedFacts(*story).empty()) {
        adapters::GeoServices services(dataDir());
        auto geoServices = services.view();
        tl = std::make_unique<timeline::Timeline>(story, geoServices);
        verdicts = publish::verifyFacts(*tl, problems);
    }
    if (json != nullptr) {
        auto loaded = story::loadStory(path);
        Diagnostics all = loaded ? loaded->warnings : Diagnostics{};
        all.append(problems);
        publish::writeCheckJson(*json, path, story.get(), all, verdicts);
        return !problems.hasErrors();
    }
    if (!problems.empty())
        printDiagnostics(problems, path);
    if (opts.facts) {
        std::cout << path << ": " << verdicts.size() << " facts\n";
        std::cout << publish::factLines(verdicts);
    }
    if (problems.hasErrors()) {
        const auto n = problems.errorCount();
        std::cerr << n << " fact" << (n == 1 ? "" : "s") << " the map contradicts in " << path
                  << '\n';
        return false;
    }
    if (!quiet) {
        const timeline::Clock clock(*story, story->defaultLanguage());
        std::cout << path << ": ok (" << story->steps.size() << " steps, " << std::fixed
                  << std::setprecision(1) << clock.duration() << " s, " << clock.frameCount()
                  << " frames";
        if (!verdicts.empty())
            std::cout << ", " << verdicts.size() << " facts verified";
        std::cout << ")\n" << std::defaultfloat;
    }
    return true;
}

int runCheck(const CheckOptions& opts) {
    bool allGood = true;
    publish::JsonWriter json;
    if (opts.json)
        json.beginObject().key("stories").beginArray();
    for (const auto& path : opts.stories) {
        // A series file sits beside its stories, so `check stories/*/*.yaml` meets it too.
        const bool good = std::filesystem::path(path).filename() == "series.yaml"
                              ? checkSeries(path, opts.quiet || opts.json)
                              : checkStory(path, opts, opts.json ? &json : nullptr);
        allGood = allGood && good;
    }
    if (opts.json) {
        json.endArray().member("ok", allGood).endObject();
        std::cout << json.str() << '\n';
    }
    return code(allGood ? ExitCode::Ok : ExitCode::InvalidStory);
}

} // namespace

Command addCheck(CLI::App& app) {
    auto opts = std::make_shared<CheckOptions>();
    auto* check = app.add_subcommand("check", "Validate stories and print every problem found.");
    check->add_option("stories", opts->stories, "Story files")
        ->required()
        ->check(CLI::ExistingFile);
    check->add_flag("-q,--quiet", opts->quiet, "Print only problems");
    check->add_flag("--facts", opts->facts,
                    "List every fact (stated, and implied by markers) with its verdict");
    check->add_flag("--json", opts->json,
                    "Print one JSON report (problems, facts and their verdicts) on stdout");
    check->footer(kExitCodes);
    return {check, [opts] { return runCheck(*opts); }};
}

} // namespace mapreel::cli
