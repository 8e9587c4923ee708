// SPDX-License-Identifier: MIT
// `mapreel still`: one frame as PNG, SVG or PDF.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/output_file.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/render/frame_range.hpp"

#include <filesystem>
#include <iostream>

namespace mapreel::cli {

namespace {

struct StillOptions {
    std::string story;
    std::string output;
    std::string step;
    std::string date;
    std::string size;
    std::string lang;
    double seconds = -1;
    bool quiet = false;
    bool allowFailingFacts = false;
    std::string narrationCard; ///< "on", "off"; empty: the story's, else on
};

int runStill(const StillOptions& opts) {
    if (opts.step.empty() && opts.date.empty() && opts.seconds < 0) {
        std::cerr << "mapreel still: give --step, --date or --time\n";
        return code(ExitCode::Usage);
    }
    auto story = load(opts.story, opts.quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    story = withNarrationCard(story, opts.narrationCard, true);
    const auto asked = sizeOption(opts.size, {story->canvas.width, story->canvas.height});
    if (!asked)
        return code(ExitCode::Usage);
    const PixelSize size = *asked;
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    const auto lang = storyLanguage(*story, opts.lang);
    if (!lang)
        return code(ExitCode::Usage);
    timeline::Timeline tl(story, geoServices, *lang);
    if (!factsAllowOutput(tl, opts.allowFailingFacts))
        return code(ExitCode::InvalidStory);
    double t = 0;
    try {
        t = render::stillTime(tl, opts.step, opts.date, opts.seconds);
    } catch (const std::invalid_argument& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::Usage);
    }
    const auto theme = render::themeOf(*story);
    const std::string ext = std::filesystem::path(opts.output).extension().string();
    publish::OutputFile output(opts.output);
    adapters::CairoCanvasFactory canvases;
    try {
        if (ext == ".svg" || ext == ".pdf") {
            const auto kind = ext == ".svg" ? render::DocumentKind::Svg : render::DocumentKind::Pdf;
            const auto canvas = canvases.document(kind, size, output.temporaryPath());
            render::renderFrame(tl, theme, t, size, *canvas);
            canvas->finish();
        } else if (ext == ".png") {
            const auto canvas = canvases.raster(size);
            render::renderFrame(tl, theme, t, size, *canvas);
            canvas->writePng(output.temporaryPath());
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

} // namespace

Command addStill(CLI::App& app) {
    auto opts = std::make_shared<StillOptions>();
    auto* still = app.add_subcommand("still", "Write one frame as PNG, SVG or PDF.");
    addStoryArgument(*still, opts->story);
    still->add_option("-o,--output", opts->output, "The image to write (.png, .svg, .pdf)")
        ->required();
    auto* stepOpt =
        still->add_option("--step", opts->step, "A step id or number (from 1): its settled frame");
    auto* dateOpt =
        still->add_option("--date", opts->date, "A date YYYY[-MM[-DD]]: the frame showing it");
    auto* timeOpt = still->add_option("--time", opts->seconds, "Seconds from the start");
    stepOpt->excludes(dateOpt)->excludes(timeOpt);
    dateOpt->excludes(timeOpt);
    still->add_option("--size", opts->size,
                      "Image size WIDTHxHEIGHT (default: the story's canvas)");
    still->add_option("--lang", opts->lang, "The language (default: the story's first)");
    addNarrationCardOption(*still, opts->narrationCard, "on");
    still->add_flag("--allow-failing-facts", opts->allowFailingFacts, kAllowFailingFacts);
    still->add_flag("-q,--quiet", opts->quiet, "No messages on stderr");
    still->footer(kExitCodes);
    return {still, [opts] { return runStill(*opts); }};
}

} // namespace mapreel::cli
