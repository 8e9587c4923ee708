// SPDX-License-Identifier: MIT
// The mapreel command line: render, still, check, probe, new, site.
#include "cairo/cairo_canvas.hpp"

#include "cli_common.hpp"
#include "output_file.hpp"
#include "preview.hpp"
#include "render_job.hpp"
#include "site.hpp"
#include "starter_story.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/story/series.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mapreel;

using namespace mapreel::cli;

namespace {

/// Writes `text` to `path` through a temporary file; commit() is the caller's.
void writeText(OutputFile& output, const std::string& text, const std::string& path) {
    std::ofstream f(output.temporaryPath(), std::ios::binary);
    f << text;
    f.close();
    if (!f)
        throw IoError("cannot write '" + path + "'");
}

/// Text files written beside a video (empty paths are not written).
struct Sidecars {
    std::string captions;
    std::string chapters;
    std::string description;
};

int runRender(const std::string& storyPath, const std::string& out, const std::string& sizeText,
              int crf, bool quiet, const std::string& framesText, const std::string& langText,
              const Sidecars& sidecars, bool nullOutput) {
    if (!nullOutput && !codecForPath(out)) {
        std::cerr << "mapreel: unknown video format '" << fs::path(out).extension().string()
                  << "' (use .mp4 for H.264 or .webm for VP9)\n";
        return code(ExitCode::Usage);
    }
    auto story = load(storyPath, quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    int w = story->canvas.width;
    int h = story->canvas.height;
    if (!sizeText.empty() && !parseSize(sizeText, w, h)) {
        std::cerr << "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";
        return code(ExitCode::Usage);
    }
    const std::string lang =
        langText.empty() ? (story->languages.empty() ? "en" : story->languages.front()) : langText;
    if (!story->languages.empty() && std::find(story->languages.begin(), story->languages.end(),
                                               lang) == story->languages.end()) {
        std::cerr << "mapreel: the story is not written in '" << lang << "' (its languages: ";
        for (std::size_t i = 0; i < story->languages.size(); ++i)
            std::cerr << (i ? ", " : "") << story->languages[i];
        std::cerr << ")\n";
        return code(ExitCode::Usage);
    }
    Services services;
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices, lang);
    int first = 0;
    int last = tl.frameCount();
    if (!framesText.empty()) {
        int a = 0, b = 0;
        if (std::sscanf(framesText.c_str(), "%d:%d", &a, &b) != 2 || a < 0 || b <= a) {
            std::cerr << "mapreel: --frames must be A:B with 0 <= A < B\n";
            return code(ExitCode::Usage);
        }
        first = std::min(a, last);
        last = std::min(b, last);
    }
    if (nullOutput) { // draw every frame, encode and write nothing: render-only benchmarks
        renderVideo(tl, w, h, first, last, {}, !quiet && isatty(STDERR_FILENO) != 0);
        if (!quiet)
            std::cerr << "drew " << (last - first) << " frames (--null-output: nothing written)\n";
        return code(ExitCode::Ok);
    }
    // Every output is checked for a writable folder before the long render starts, and
    // all are committed only once the video is complete.
    OutputFile output(out);
    std::vector<std::pair<std::unique_ptr<OutputFile>, std::string>> texts;
    auto addText = [&](const std::string& path, const std::string& text) {
        if (path.empty())
            return;
        auto file = std::make_unique<OutputFile>(path);
        writeText(*file, text, path);
        texts.emplace_back(std::move(file), path);
    };
    addText(sidecars.captions, publish::toWebVtt(publish::captionCues(*story, lang)));
    addText(sidecars.chapters, publish::toWebVtt(publish::chapterCues(*story, lang)));
    addText(sidecars.description, publish::videoDescription(*story, lang));
    renderVideo(tl, w, h, first, last,
                {{output.temporaryPath(), videoSettings(out, w, h, tl.fps(), crf)}},
                !quiet && isatty(STDERR_FILENO) != 0);
    output.commit();
    for (auto& [file, path] : texts)
        file->commit();
    if (!quiet) {
        std::cerr << "wrote " << out << " (" << (last - first) << " frames, "
                  << static_cast<double>(last - first) / tl.fps() << " s)\n";
        for (const auto& [file, path] : texts)
            std::cerr << "wrote " << path << '\n';
    }
    return code(ExitCode::Ok);
}

int runStill(const std::string& storyPath, const std::string& out, const std::string& step,
             const std::string& date, double seconds, const std::string& sizeText, bool quiet) {
    auto story = load(storyPath, quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    int w = story->canvas.width;
    int h = story->canvas.height;
    if (!sizeText.empty() && !parseSize(sizeText, w, h)) {
        std::cerr << "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";
        return code(ExitCode::Usage);
    }
    Services services;
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices);
    double t = 0;
    try {
        t = stillTime(tl, step, date, seconds);
    } catch (const std::invalid_argument& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::Usage);
    }
    const auto theme = scene::makeTheme(story->canvas.theme, story->canvas.style);
    const std::string ext = fs::path(out).extension().string();
    OutputFile output(out);
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
    output.commit();
    if (!quiet)
        std::cerr << "wrote " << out << " (t = " << t << " s)\n";
    return code(ExitCode::Ok);
}

int runCheck(const std::vector<std::string>& paths, bool quiet) {
    int status = code(ExitCode::Ok);
    for (const auto& path : paths) {
        // A series file sits beside its stories, so `check stories/*/*.yaml` meets it too.
        if (std::filesystem::path(path).filename() == "series.yaml") {
            auto series = story::loadSeries(path);
            if (!series) {
                printDiagnostics(series.error(), path);
                status = code(ExitCode::InvalidStory);
            } else if (!quiet) {
                std::cout << path << ": ok (series of " << series->maps.size() << " maps)\n";
            }
            continue;
        }
        auto story = load(path, quiet);
        if (!story) {
            status = code(ExitCode::InvalidStory);
            continue;
        }
        // What can only be known with the libraries: the projection. Checked alone, without
        // loading base data, so that `check` stays instant even for a world map.
        adapters::ProjFactory projectors;
        try {
            (void)projectors.create(timeline::projectionDefinition(story->map.projection));
        } catch (const Error& e) {
            std::cerr << path << ":" << story->map.loc.line << ":" << story->map.loc.column
                      << ": error: " << e.what() << '\n';
            status = code(ExitCode::InvalidStory);
            continue;
        }
        if (!quiet) {
            const double seconds = timeline::storySeconds(
                *story, story->languages.empty() ? std::string{} : story->languages.front());
            const long frames = std::max(1L, std::lround(seconds * story->canvas.fps));
            std::cout << path << ": ok (" << story->steps.size() << " steps, " << std::fixed
                      << std::setprecision(1) << seconds << " s, " << frames << " frames)\n"
                      << std::defaultfloat;
        }
    }
    return status;
}

int runProbe(const std::string& storyPath, const std::string& dateText, const std::string& at,
             bool json) {
    auto story = load(storyPath, true);
    if (!story)
        return code(ExitCode::InvalidStory);
    auto d = parseDate(dateText);
    if (!d) {
        std::cerr << "mapreel: '" << dateText << "' is not a date: " << dateParseProblem(dateText)
                  << '\n';
        return code(ExitCode::Usage);
    }
    double lon = 0, lat = 0;
    if (std::sscanf(at.c_str(), "%lf,%lf", &lon, &lat) != 2 || lon < -180 || lon > 180 ||
        lat < -90 || lat > 90) {
        std::cerr << "mapreel: --at must be LON,LAT in degrees, e.g. 126.98,37.57\n";
        return code(ExitCode::Usage);
    }
    Services services;
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices);
    const std::string side = tl.probe({lon, lat}, toHistTime(*d));
    if (json)
        std::cout << "{\"date\": \"" << isoDate(*d) << "\", \"lon\": " << lon
                  << ", \"lat\": " << lat << ", \"side\": \"" << side << "\"}\n";
    else
        std::cout << side << '\n';
    return code(ExitCode::Ok);
}

int runNew(const std::string& name, const std::string& out) {
    const std::string path = out.empty() ? name + ".yaml" : out;
    if (fs::exists(path)) {
        std::cerr << "mapreel: '" << path << "' already exists; choose another name\n";
        return code(ExitCode::OutputError);
    }
    OutputFile output(path);
    {
        std::ofstream f(output.temporaryPath());
        f << starterStory(name);
        if (!f)
            throw IoError("cannot write '" + path + "'");
    }
    output.commit();
    std::cerr << "wrote " << path << "; render it with: mapreel render " << path << " -o "
              << fs::path(path).stem().string() << ".mp4\n";
    return code(ExitCode::Ok);
}

const char* kExitCodes = R"(Exit codes:
  0  success
  2  bad command-line usage
  3  the story has errors (printed as file:line:col)
  4  a data file is missing, unreadable or corrupt, or a projection is invalid
  5  an output file cannot be written
  6  the video encoder failed or is unavailable
  7  interrupted (SIGINT/SIGTERM); earlier outputs are left untouched
)";

} // namespace

int main(int argc, char** argv) {
    installSignalHandlers();
    CLI::App app{"mapreel turns a story file into a narrated, animated historical map.", "mapreel"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.set_version_flag("--version", "mapreel 0.1.0");

    std::string storyPath, out, sizeText, step, date, at, framesText, name;
    int crf = 20;
    bool quiet = false, json = false, nullOutput = false;
    double seconds = -1;
    std::vector<std::string> checkPaths;

    std::string langText;
    Sidecars sidecars;
    SiteOptions siteOptions;

    auto* render = app.add_subcommand(
        "render", "Render a story to a video: .mp4 (H.264) or .webm (VP9), by the extension.");
    render->add_option("story", storyPath, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    auto* outOpt =
        render->add_option("-o,--output", out, "The video to write: out/map.mp4 or out/map.webm");
    render
        ->add_flag("--null-output", nullOutput,
                   "Draw every frame but encode and write nothing (for benchmarks)")
        ->excludes(outOpt);
    render->add_option("--size", sizeText, "Frame size WIDTHxHEIGHT (default: the story's canvas)");
    render->add_option("--quality", crf, "Quality as x264 CRF: 0 (lossless) .. 51; default 20")
        ->check(CLI::Range(0, 51));
    render->add_option("--frames", framesText, "Render only frames A:B (A included, B excluded)");
    render->add_option("--lang", langText,
                       "The language to narrate in (default: the story's first language)");
    render->add_option("--captions", sidecars.captions,
                       "Also write the narration as WebVTT captions, e.g. out/map.vtt");
    render->add_option("--chapters", sidecars.chapters,
                       "Also write one WebVTT chapter per step, e.g. out/map.chapters.vtt");
    render->add_option("--description", sidecars.description,
                       "Also write a video description with chapter timestamps (YouTube)");
    render->add_flag("-q,--quiet", quiet, "No progress bar or warnings on stderr");
    render->footer(kExitCodes);

    auto* still = app.add_subcommand("still", "Write one frame as PNG, SVG or PDF.");
    still->add_option("story", storyPath, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    still->add_option("-o,--output", out, "The image to write (.png, .svg, .pdf)")->required();
    auto* stepOpt =
        still->add_option("--step", step, "A step id or number (from 1): its settled frame");
    auto* dateOpt =
        still->add_option("--date", date, "A date YYYY[-MM[-DD]]: the frame showing it");
    auto* timeOpt = still->add_option("--time", seconds, "Seconds from the start");
    stepOpt->excludes(dateOpt)->excludes(timeOpt);
    dateOpt->excludes(timeOpt);
    still->add_option("--size", sizeText, "Image size WIDTHxHEIGHT (default: the story's canvas)");
    still->add_flag("-q,--quiet", quiet, "No messages on stderr");
    still->footer(kExitCodes);

    auto* check = app.add_subcommand("check", "Validate stories and print every problem found.");
    check->add_option("stories", checkPaths, "Story files")->required()->check(CLI::ExistingFile);
    check->add_flag("-q,--quiet", quiet, "Print only problems");
    check->footer(kExitCodes);

    auto* probe = app.add_subcommand("probe", "Print which side controls a point on a date.");
    probe->add_option("story", storyPath, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    probe->add_option("--date", date, "The date, YYYY[-MM[-DD]]")->required();
    probe->add_option("--at", at, "The point as LON,LAT in degrees")->required();
    probe->add_flag("--json", json, "Print a JSON object instead of the side id");
    probe->footer(kExitCodes);

    auto* newCmd = app.add_subcommand("new", "Write a small, commented starter story.");
    newCmd->add_option("name", name, "The story id (letters, digits, '-')")->required();
    newCmd->add_option("-o,--output", out, "Where to write it (default NAME.yaml)");
    newCmd->footer(kExitCodes);

    auto* site = addSiteCommand(app, siteOptions);
    site->footer(kExitCodes);
    PreviewOptions previewOptions;
    auto* previewCmd = addPreviewCommand(app, previewOptions, kExitCodes);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : code(ExitCode::Usage);
    }

    try {
        if (render->parsed()) {
            if (out.empty() && !nullOutput) {
                std::cerr << "--output is required\nRun with --help for more information.\n";
                return code(ExitCode::Usage);
            }
            return runRender(storyPath, out, sizeText, crf, quiet, framesText, langText, sidecars,
                             nullOutput);
        }
        if (still->parsed()) {
            if (step.empty() && date.empty() && seconds < 0) {
                std::cerr << "mapreel still: give --step, --date or --time\n";
                return code(ExitCode::Usage);
            }
            return runStill(storyPath, out, step, date, seconds, sizeText, quiet);
        }
        if (check->parsed())
            return runCheck(checkPaths, quiet);
        if (probe->parsed())
            return runProbe(storyPath, date, at, json);
        if (newCmd->parsed())
            return runNew(name, out);
        if (site->parsed())
            return runSite(siteOptions);
        if (previewCmd->parsed())
            return runPreview(previewOptions);
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
    return code(ExitCode::Usage);
}
