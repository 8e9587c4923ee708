// SPDX-License-Identifier: MIT
// `mapreel prepare`: compute once, before the first render, what a story's frames are built
// from (converted base data, clipped layers, country unions), so that later commands start
// at once.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"

#include "mapreel/core/interrupt.hpp"
#include "mapreel/publish/site_build.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/render/frame_range.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace mapreel::cli {

namespace {

namespace fs = std::filesystem;

struct PrepareOptions {
    std::vector<std::string> paths;
    std::vector<std::string> sizes;
    bool quiet = false;
};

/// The sizes prepared when none is asked: the story's own canvas (render, still) and the
/// web site's default video size.
constexpr PixelSize kSiteSize{1280, 720};

int runPrepare(const PrepareOptions& opts) {
    std::vector<std::string> files;
    for (const auto& p : opts.paths) {
        if (fs::is_directory(p)) {
            for (const auto& s : publish::findSiteSources(p, {}).stories)
                files.push_back(s);
        } else {
            files.push_back(p);
        }
    }
    if (files.empty()) {
        std::cerr << "mapreel prepare: no stories under the paths given (a story is a .yaml "
                     "file starting with 'mapreel: 1')\n";
        return code(ExitCode::InvalidStory);
    }
    std::vector<PixelSize> asked;
    for (const auto& text : opts.sizes) {
        const auto size = sizeOption(text, {});
        if (!size)
            return code(ExitCode::Usage);
        asked.push_back(*size);
    }
    bool invalid = false;
    adapters::GeoServices services(dataDir());
    services.storeEveryResult();
    adapters::CairoCanvasFactory canvases;
    for (const auto& file : files) {
        const auto story = load(file, opts.quiet);
        if (!story) {
            invalid = true;
            continue;
        }
        auto geo = services.view();
        const timeline::Timeline tl(story, geo, story->defaultLanguage());
        std::vector<PixelSize> sizes = asked;
        if (sizes.empty())
            sizes = {{story->canvas.width, story->canvas.height}, kSiteSize};
        const auto theme = render::themeOf(*story);
        // The settled frame of every step at every size: what a still, a poster or the
        // first frames of a video ask for first.
        for (const auto& size : sizes) {
            const auto canvas = canvases.raster(size);
            for (std::size_t i = 0; i < story->steps.size(); ++i) {
                checkInterrupted();
                const double t = render::stillTime(tl, std::to_string(i + 1), {}, -1);
                render::renderFrame(tl, theme, t, size, *canvas);
            }
        }
        if (!opts.quiet)
            std::cerr << "prepared " << file << '\n';
    }
    const auto* stored = services.stored();
    if (!opts.quiet && stored != nullptr) {
        const std::string folder = stored->folder().string();
        std::cerr << "stored in " << folder << ": " << stored->computed() << " results computed, "
                  << stored->reads() << " read\n";
    }
    return code(invalid ? ExitCode::InvalidStory : ExitCode::Ok);
}

} // namespace

Command addPrepare(CLI::App& app) {
    auto opts = std::make_shared<PrepareOptions>();
    auto* prepare = app.add_subcommand(
        "prepare", "Compute and store what stories are drawn from (converted base data, clipped "
                   "layers, country unions), so that their first frame comes at once.");
    prepare->add_option("paths", opts->paths, "Story files, or folders of stories")
        ->required()
        ->check(CLI::ExistingPath);
    prepare->add_option("--size", opts->sizes,
                        "A frame size WIDTHxHEIGHT to prepare; repeatable (default: the story's "
                        "canvas and 1280x720, the web site's)");
    prepare->add_flag("-q,--quiet", opts->quiet, "No messages on stderr");
    prepare->footer(kExitCodes);
    return {prepare, [opts] { return runPrepare(*opts); }};
}

} // namespace mapreel::cli
