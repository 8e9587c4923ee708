// SPDX-License-Identifier: MIT
// The mapreel command line: render, still, check, probe, new.
#include "av/video_encoder.hpp"
#include "cairo/cairo_canvas.hpp"
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_projector.hpp"

#include "output_file.hpp"
#include "starter_story.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mapreel;

namespace {

/// Documented exit codes; 124-127 and 137 are left to `timeout` and the shell.
enum class ExitCode : int {
    Ok = 0,
    Usage = 2,
    InvalidStory = 3,
    DataError = 4,
    OutputError = 5,
    EncodeError = 6,
    Interrupted = 7,
    Internal = 70,
};

int code(ExitCode c) {
    return static_cast<int>(c);
}

std::atomic<bool> gInterrupted{false};

extern "C" void onSignal(int) {
    gInterrupted.store(true);
}

void checkInterrupted() {
    if (gInterrupted.load())
        throw Interrupted();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Prints diagnostics like a compiler; with source lines and carets on a terminal.
void printDiagnostics(const Diagnostics& diags, const std::string& path) {
    const bool tty = isatty(STDERR_FILENO) != 0;
    const std::string text = readFile(path);
    for (const auto& d : diags.items())
        std::cerr << (tty ? formatWithSource(d, text, true) : format(d)) << '\n';
}

std::string dataDir() {
    if (const char* env = std::getenv("MAPREEL_DATA_DIR"))
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& candidate :
             {exe.parent_path() / "../share/mapreel/data", exe.parent_path() / "../../data",
              exe.parent_path() / "../../../data"})
            if (fs::exists(candidate / "natural-earth", ec))
                return fs::weakly_canonical(candidate).string();
    }
    return MAPREEL_SOURCE_DATA_DIR;
}

/// Loads a story or prints why not. Warnings are printed unless quiet.
std::shared_ptr<const story::Story> load(const std::string& path, bool quiet) {
    auto loaded = story::loadStory(path);
    if (!loaded) {
        printDiagnostics(loaded.error(), path);
        const auto n = loaded.error().errorCount();
        std::cerr << n << " error" << (n == 1 ? "" : "s") << " in " << path << '\n';
        return nullptr;
    }
    if (!quiet && !loaded->warnings.empty())
        printDiagnostics(loaded->warnings, path);
    return std::make_shared<const story::Story>(std::move(loaded->story));
}

struct Services {
    adapters::GdalFeatureSource features;
    adapters::ProjFactory projectors;
    adapters::GeosOps ops;
    geo::Services view() { return {features, projectors, ops, dataDir()}; }
};

/// Parses WIDTHxHEIGHT.
bool parseSize(const std::string& s, int& w, int& h) {
    return std::sscanf(s.c_str(), "%dx%d", &w, &h) == 2 && w >= 16 && h >= 16 && w <= 8192 &&
           h <= 8192 && w % 2 == 0 && h % 2 == 0;
}

/// Narrative time of a still: a step's settled moment, a date, or seconds.
double stillTime(const timeline::Timeline& tl, const std::string& step, const std::string& date,
                 double seconds) {
    if (seconds >= 0)
        return std::min(seconds, tl.duration());
    const auto& steps = tl.steps();
    if (!step.empty()) {
        int index = tl.story().stepIndex(step);
        if (index < 0) {
            try {
                index = std::stoi(step) - 1;
            } catch (const std::exception&) {
                index = -1;
            }
        }
        if (index < 0 || index >= static_cast<int>(steps.size()))
            throw std::invalid_argument("no step '" + step + "' (the story has " +
                                        std::to_string(steps.size()) +
                                        " steps; give a number from 1 or a step id)");
        return tl.settledTime(index);
    }
    auto d = parseDate(date);
    if (!d)
        throw std::invalid_argument("'" + date + "' is not a date: " + dateParseProblem(date));
    const HistTime target = toHistTime(*d);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& st = steps[i];
        if (target < st.from || target > st.to)
            continue;
        if (st.to == st.from)
            return tl.settledTime(static_cast<int>(i));
        double lo = st.start, hi = tl.settledTime(static_cast<int>(i));
        for (int k = 0; k < 60; ++k) {
            const double mid = (lo + hi) / 2;
            (tl.dateAt(mid) < target ? lo : hi) = mid;
        }
        return hi;
    }
    // No step covers the date: the last step that starts before it.
    int best = 0;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].from <= target)
            best = static_cast<int>(i);
    return tl.settledTime(best);
}

void progressLine(int done, int total, double elapsed) {
    const double fps = elapsed > 0 ? done / elapsed : 0;
    const double eta = fps > 0 ? (total - done) / fps : 0;
    const int width = 30;
    const int filled = total > 0 ? done * width / total : width;
    std::fprintf(stderr, "\r[%.*s%*s] %d/%d frames  %.1f fps  ETA %02d:%02d ", filled,
                 "##############################", width - filled, "", done, total, fps,
                 static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    std::fflush(stderr);
}

int runRender(const std::string& storyPath, const std::string& out, const std::string& sizeText,
              int crf, bool quiet, const std::string& framesText) {
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
    const auto theme = scene::makeTheme(story->canvas.theme, story->canvas.style);
    adapters::CairoCanvas canvas(w, h);
    OutputFile output(out);
    adapters::VideoSettings vs{w, h, tl.fps(), crf, "veryfast", {}};
    vs.container = fs::path(out).extension() == ".mp4" ? "mp4" : "";
    {
        adapters::VideoEncoder encoder(output.temporaryPath(), vs);
        const bool showProgress = !quiet && isatty(STDERR_FILENO) != 0;
        const auto started = std::chrono::steady_clock::now();
        for (int i = first; i < last; ++i) {
            checkInterrupted();
            const double t = static_cast<double>(i) / tl.fps();
            const auto sc = scene::evaluate(tl, t, theme, canvas, w, h);
            render::draw(sc, canvas);
            encoder.write(canvas.pixels(), canvas.stride());
            if (showProgress && (i % 10 == 0 || i + 1 == last))
                progressLine(
                    i + 1 - first, last - first,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                        .count());
        }
        checkInterrupted();
        encoder.finish();
        if (showProgress)
            std::fputc('\n', stderr);
    }
    output.commit();
    if (!quiet)
        std::cerr << "wrote " << out << " (" << (last - first) << " frames, "
                  << static_cast<double>(last - first) / tl.fps() << " s)\n";
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
        auto story = load(path, quiet);
        if (!story) {
            status = code(ExitCode::InvalidStory);
            continue;
        }
        // What can only be known with the libraries: the projection.
        adapters::ProjFactory projectors;
        try {
            (void)projectors.create(story->map.projection);
        } catch (const ProjectionError& e) {
            // Presets are expanded by the timeline; try that name path too.
            Services services;
            auto geoServices = services.view();
            try {
                timeline::Timeline tl(story, geoServices);
            } catch (const Error& e2) {
                std::cerr << path << ":" << story->map.loc.line << ":" << story->map.loc.column
                          << ": error: " << e2.what() << '\n';
                status = code(ExitCode::InvalidStory);
                continue;
            }
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
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    CLI::App app{"mapreel turns a story file into a narrated, animated historical map.", "mapreel"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.set_version_flag("--version", "mapreel 0.1.0");

    std::string storyPath, out, sizeText, step, date, at, framesText, name;
    int crf = 20;
    bool quiet = false, json = false;
    double seconds = -1;
    std::vector<std::string> checkPaths;

    auto* render = app.add_subcommand("render", "Render a story to a video (MP4, H.264).");
    render->add_option("story", storyPath, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    render->add_option("-o,--output", out, "The video to write, e.g. out/map.mp4")->required();
    render->add_option("--size", sizeText, "Frame size WIDTHxHEIGHT (default: the story's canvas)");
    render->add_option("--quality", crf, "Quality as x264 CRF: 0 (lossless) .. 51; default 20")
        ->check(CLI::Range(0, 51));
    render->add_option("--frames", framesText, "Render only frames A:B (A included, B excluded)");
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : code(ExitCode::Usage);
    }

    try {
        if (render->parsed())
            return runRender(storyPath, out, sizeText, crf, quiet, framesText);
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
