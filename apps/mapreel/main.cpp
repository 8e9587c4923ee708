// SPDX-License-Identifier: MIT
// The mapreel command line: render, still, handout, concat, check, probe, new, site, preview.
#include "cairo/cairo_canvas.hpp"
#include "icu/icu_dates.hpp"

#include "cli_common.hpp"
#include "concat.hpp"
#include "handout.hpp"
#include "output_file.hpp"
#include "preview.hpp"
#include "render_job.hpp"
#include "site.hpp"
#include "starter_story.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/json.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/story/series.hpp"
#include "mapreel/timeline/facts.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace mapreel;

using namespace mapreel::cli;

namespace {

/// Writes `text` to the temporary file of `output`; commit() is the caller's.
void writeText(OutputFile& output, const std::string& text) {
    std::ofstream f(output.temporaryPath(), std::ios::binary);
    f << text;
    f.close();
    if (!f)
        throw IoError("cannot write '" + output.finalPath() + "'");
}

/// `mapreel still` as parsed from the command line.
struct StillOptions {
    std::string story;
    std::string output;
    std::string step;
    std::string date;
    std::string size;
    std::string lang;
    double seconds = -1;
    bool quiet = false;
};

/// `mapreel probe` as parsed from the command line.
struct ProbeOptions {
    std::string story;
    std::string date;
    std::string at;
    bool changes = false;
    bool json = false;
};

/// `mapreel check` as parsed from the command line.
struct CheckOptions {
    std::vector<std::string> stories;
    bool quiet = false;
    bool facts = false;
    bool json = false;
};

/// `mapreel new` as parsed from the command line.
struct NewOptions {
    std::string name;
    std::string output;
};

constexpr const char* kSizeProblem =
    "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";

int runStill(const StillOptions& opts) {
    auto story = load(opts.story, opts.quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    int w = story->canvas.width;
    int h = story->canvas.height;
    if (!opts.size.empty() && !parseSize(opts.size, w, h)) {
        std::cerr << kSizeProblem;
        return code(ExitCode::Usage);
    }
    const auto lang = storyLanguage(*story, opts.lang);
    if (!lang)
        return code(ExitCode::Usage);
    Services services;
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices, *lang);
    double t = 0;
    try {
        t = stillTime(tl, opts.step, opts.date, opts.seconds);
    } catch (const std::invalid_argument& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::Usage);
    }
    const auto theme = scene::makeTheme(story->canvas.theme, story->canvas.style);
    const std::string ext = fs::path(opts.output).extension().string();
    OutputFile output(opts.output);
    try {
        if (ext == ".svg" || ext == ".pdf") {
            adapters::CairoCanvas canvas(
                w, h, ext == ".svg" ? adapters::SurfaceKind::Svg : adapters::SurfaceKind::Pdf,
                output.temporaryPath());
            render::draw(scene::evaluate(tl, t, theme, canvas, w, h), canvas);
            canvas.finish();
        } else if (ext == ".png") {
            adapters::CairoCanvas canvas(w, h);
            render::draw(scene::evaluate(tl, t, theme, canvas, w, h), canvas);
            canvas.writePng(output.temporaryPath());
        } else {
            std::cerr << "mapreel: unknown still format '" << ext << "' (use .png, .svg or .pdf)\n";
            return code(ExitCode::Usage);
        }
    } catch (const IoError& e) {
        throw IoError(output.named(e.what()));
    }
    output.commit();
    if (!opts.quiet)
        std::cerr << "wrote " << opts.output << " (t = " << t << " s)\n";
    return code(ExitCode::Ok);
}

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

/// Prints the verdict of every fact, one line each, for `check --facts`.
void listFacts(const std::vector<timeline::FactVerdict>& verdicts) {
    for (const auto& v : verdicts) {
        const auto& f = v.fact->fact;
        std::cout << "  " << (v.holds() ? "ok  " : "FAIL") << "  line " << f.loc.line << ": "
                  << timeline::describeFact(*v.fact);
        if (f.marker != nullptr)
            std::cout << " (implied by a marker)";
        for (const auto& w : v.wrong) {
            std::cout << "; the map shows '" << w.side << "' " << isoDate(fromHistTime(w.from));
            if (w.to > w.from)
                std::cout << " to " << isoDate(fromHistTime(w.to));
        }
        std::cout << '\n';
    }
}

/// The facts of `story` checked against its map; their errors go to `problems`.
std::vector<timeline::FactVerdict> verifyFacts(const timeline::Timeline& tl,
                                               Diagnostics& problems) {
    auto verdicts = timeline::checkFacts(tl);
    for (const auto& v : verdicts)
        if (!v.holds())
            problems.add(timeline::factDiagnostic(tl, v));
    return verdicts;
}

/// One story's result for `check --json`.
void writeCheckJson(publish::JsonWriter& j, const std::string& path, const story::Story* story,
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

/// Checks a story file; prints its problems or, unless quiet, its length.
bool checkStory(const std::string& path, const CheckOptions& opts, publish::JsonWriter* json) {
    const bool quiet = opts.quiet || json != nullptr;
    auto story = load(path, quiet || opts.json);
    if (!story) {
        if (json != nullptr) {
            auto loaded = story::loadStory(path);
            writeCheckJson(*json, path, nullptr, loaded ? Diagnostics{} : loaded.error(), {});
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
        Services services;
        auto geoServices = services.view();
        tl = std::make_unique<timeline::Timeline>(story, geoServices);
        verdicts = verifyFacts(*tl, problems);
    }
    if (json != nullptr) {
        auto loaded = story::loadStory(path);
        Diagnostics all = loaded ? loaded->warnings : Diagnostics{};
        all.append(problems);
        writeCheckJson(*json, path, story.get(), all, verdicts);
        return !problems.hasErrors();
    }
    if (!problems.empty())
        printDiagnostics(problems, path);
    if (opts.facts) {
        std::cout << path << ": " << verdicts.size() << " facts\n";
        listFacts(verdicts);
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
        const bool good = fs::path(path).filename() == "series.yaml"
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
        Services services;
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
    Services services;
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

int runNew(const NewOptions& opts) {
    const std::string path = opts.output.empty() ? opts.name + ".yaml" : opts.output;
    if (fs::exists(path)) {
        std::cerr << "mapreel: '" << path << "' already exists; choose another name\n";
        return code(ExitCode::OutputError);
    }
    OutputFile output(path);
    writeText(output, starterStory(opts.name));
    output.commit();
    std::cerr << "wrote " << path << "; render it with: mapreel render " << path << " -o "
              << fs::path(path).stem().string() << ".mp4\n";
    return code(ExitCode::Ok);
}

constexpr const char* kExitCodes = R"(Exit codes:
  0  success
  2  bad command-line usage
  3  the story has errors (printed as file:line:col)
  4  a data file is missing, unreadable or corrupt, or a projection is invalid
  5  an output file cannot be written
  6  the video encoder failed or is unavailable
  7  interrupted (SIGINT/SIGTERM); earlier outputs are left untouched
)";

CLI::App* addStillCommand(CLI::App& app, StillOptions& opts) {
    auto* still = app.add_subcommand("still", "Write one frame as PNG, SVG or PDF.");
    still->add_option("story", opts.story, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    still->add_option("-o,--output", opts.output, "The image to write (.png, .svg, .pdf)")
        ->required();
    auto* stepOpt =
        still->add_option("--step", opts.step, "A step id or number (from 1): its settled frame");
    auto* dateOpt =
        still->add_option("--date", opts.date, "A date YYYY[-MM[-DD]]: the frame showing it");
    auto* timeOpt = still->add_option("--time", opts.seconds, "Seconds from the start");
    stepOpt->excludes(dateOpt)->excludes(timeOpt);
    dateOpt->excludes(timeOpt);
    still->add_option("--size", opts.size, "Image size WIDTHxHEIGHT (default: the story's canvas)");
    still->add_option("--lang", opts.lang, "The language (default: the story's first)");
    still->add_flag("-q,--quiet", opts.quiet, "No messages on stderr");
    still->footer(kExitCodes);
    return still;
}

CLI::App* addCheckCommand(CLI::App& app, CheckOptions& opts) {
    auto* check = app.add_subcommand("check", "Validate stories and print every problem found.");
    check->add_option("stories", opts.stories, "Story files")->required()->check(CLI::ExistingFile);
    check->add_flag("-q,--quiet", opts.quiet, "Print only problems");
    check->add_flag("--facts", opts.facts,
                    "List every fact (stated, and implied by markers) with its verdict");
    check->add_flag("--json", opts.json,
                    "Print one JSON report (problems, facts and their verdicts) on stdout");
    check->footer(kExitCodes);
    return check;
}

CLI::App* addProbeCommand(CLI::App& app, ProbeOptions& opts) {
    auto* probe = app.add_subcommand("probe", "Print which side controls a point on a date.");
    probe->add_option("story", opts.story, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    probe->add_option("--date", opts.date, "The date, YYYY[-MM[-DD]]");
    probe->add_option("--at", opts.at, "The point: LON,LAT in degrees, or a place id")->required();
    probe->add_flag("--changes", opts.changes,
                    "Print every change of hands of the point over the story instead");
    probe->add_flag("--json", opts.json, "Print a JSON object instead of the side id");
    probe->footer(kExitCodes);
    return probe;
}

CLI::App* addNewCommand(CLI::App& app, NewOptions& opts) {
    auto* newCmd = app.add_subcommand("new", "Write a small, commented starter story.");
    newCmd->add_option("name", opts.name, "The story id (letters, digits, '-')")->required();
    newCmd->add_option("-o,--output", opts.output, "Where to write it (default NAME.yaml)");
    newCmd->footer(kExitCodes);
    return newCmd;
}

/// Runs the parsed subcommand; errors that reach here become their documented exit codes.
int dispatch(const std::function<int()>& command) {
    try {
        return command();
    } catch (const Interrupted&) {
        std::cerr << "\nmapreel: interrupted; no output was changed\n";
        return code(ExitCode::Interrupted);
    } catch (const ProjectionError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::DataError);
    } catch (const DataError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::DataError);
    } catch (const EncodeError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::EncodeError);
    } catch (const IoError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::OutputError);
    } catch (const std::exception& e) {
        std::cerr << "mapreel: internal error: " << e.what() << '\n';
        return code(ExitCode::Internal);
    }
}

int run(int argc, char** argv) {
    installSignalHandlers();
    setDateFormatter(adapters::makeIcuDateFormatter());
    CLI::App app{"mapreel turns a story file into a narrated, animated historical map.", "mapreel"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.set_version_flag("--version", "mapreel 0.1.0");

    RenderOptions renderOptions;
    StillOptions stillOptions;
    HandoutOptions handoutOptions;
    ConcatOptions concatOptions;
    CheckOptions checkOptions;
    ProbeOptions probeOptions;
    NewOptions newOptions;
    SiteOptions siteOptions;
    PreviewOptions previewOptions;
    auto* render = addRenderCommand(app, renderOptions, kExitCodes);
    auto* still = addStillCommand(app, stillOptions);
    auto* handout = addHandoutCommand(app, handoutOptions, kExitCodes);
    auto* concat = addConcatCommand(app, concatOptions, kExitCodes);
    auto* check = addCheckCommand(app, checkOptions);
    auto* probe = addProbeCommand(app, probeOptions);
    auto* newCmd = addNewCommand(app, newOptions);
    auto* site = addSiteCommand(app, siteOptions);
    site->footer(kExitCodes);
    auto* previewCmd = addPreviewCommand(app, previewOptions, kExitCodes);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : code(ExitCode::Usage);
    }

    if (render->parsed())
        return dispatch([&] { return runRender(renderOptions); });
    if (still->parsed()) {
        if (stillOptions.step.empty() && stillOptions.date.empty() && stillOptions.seconds < 0) {
            std::cerr << "mapreel still: give --step, --date or --time\n";
            return code(ExitCode::Usage);
        }
        return dispatch([&] { return runStill(stillOptions); });
    }
    if (handout->parsed())
        return dispatch([&] { return runHandout(handoutOptions); });
    if (concat->parsed())
        return dispatch([&] { return runConcat(concatOptions); });
    if (check->parsed())
        return dispatch([&] { return runCheck(checkOptions); });
    if (probe->parsed())
        return dispatch([&] { return runProbe(probeOptions); });
    if (newCmd->parsed())
        return dispatch([&] { return runNew(newOptions); });
    if (site->parsed())
        return dispatch([&] { return runSite(siteOptions); });
    if (previewCmd->parsed())
        return dispatch([&] { return runPreview(previewOptions); });
    return code(ExitCode::Usage);
}

} // namespace

int main(int argc, char** argv) {
    // Nothing may escape main: even a failure to report an error ends with a documented code.
    try {
        return run(argc, argv);
    } catch (...) {
        return code(ExitCode::Internal);
    }
}
