// SPDX-License-Identifier: MIT
// `mapreel render`: a story as MP4, WebM, GIF or numbered PNG frames, with captions,
// chapters and narration.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"
#include "factories/libav_encoders.hpp"
#include "factories/voices.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/parse.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/narration.hpp"
#include "mapreel/publish/output_file.hpp"
#include "mapreel/publish/video.hpp"
#include "mapreel/render/frame_range.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace mapreel::cli {

namespace {

/// `mapreel render` as parsed from the command line.
struct RenderOptions {
    std::string story;
    std::string output;
    std::string size;
    std::string frames;
    std::string from;
    std::string to;
    std::string lang;
    std::string dither = "bayer";
    int crf = 20;
    int fps = 0; ///< 0: the story's frame rate (10 for GIF)
    bool narrate = false;
    bool noEmbed = false;
    bool quiet = false;
    bool allowFailingFacts = false;
    bool nullOutput = false;
    int threads = 0;   ///< 0: one per core
    std::string chunk; ///< "K/N": the K-th of N chunks (1-based)
    std::string captions;
    std::string chapters;
    std::string description;
    std::string narrationCard; ///< "on", "off"; empty: the story's, else on
};

/// Everything one language's render needs beyond the options.
struct RenderPlan {
    std::string lang;
    std::string output;
    std::string captions;
    std::string chapters;
    std::string description;
};

/// The frames the options ask for (--frames, --chunk, --from/--to), or nullopt after saying
/// why they are wrong. A --frames range running past the story's end is cut there, with a
/// warning: the output is shorter than asked.
std::optional<render::FrameRange> framesToDraw(const timeline::Timeline& tl,
                                               const RenderOptions& opts, int segment) {
    try {
        const auto window =
            render::frameWindow(tl, {opts.frames, opts.chunk, opts.from, opts.to}, segment);
        const auto asked = render::parseFrameRange(opts.frames);
        if (!opts.frames.empty() && asked && asked->last > window.last)
            std::cerr << "mapreel: warning: --frames " << opts.frames
                      << " runs past the end of the story (" << tl.clock().frameCount()
                      << " frames); drawing frames " << window.first << ":" << window.last << '\n';
        return window;
    } catch (const std::invalid_argument& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return std::nullopt;
    }
}

int renderOne(const RenderOptions& opts, const std::shared_ptr<const story::Story>& original,
              const RenderPlan& plan) {
    const auto format = publish::videoFormatForPath(plan.output);
    const auto pattern = format ? std::nullopt : publish::framePatternForPath(plan.output);
    const bool gif = format == publish::VideoFormat::Gif;
    PixelSize size{original->canvas.width, original->canvas.height};
    if (!opts.size.empty())
        size = parseSize(opts.size).value_or(size);
    else if (gif)
        size = publish::gifSize(size);

    // Narration stretches steps to fit their voice; a copy of the story carries the new
    // durations and frame rate, so the timeline, captions and chapters all agree.
    adapters::NarrationVoices voices;
    const int fps = opts.fps > 0 ? opts.fps
                    : gif        ? publish::gifFps(original->canvas.fps)
                                 : original->canvas.fps;
    auto narration = publish::narrate(*original, plan.lang, fps, opts.narrate, voices, [&] {
        if (!opts.quiet)
            std::cerr << "synthesising the narration (" << plan.lang << ")...\n";
    });
    const auto& story = *narration.story;
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    timeline::Timeline tl(narration.story, geoServices, plan.lang);
    if (!factsAllowOutput(tl, opts.allowFailingFacts))
        return code(ExitCode::InvalidStory);
    adapters::LibavEncoders encoders;
    const auto window = framesToDraw(
        tl, opts, encoders.segmentLength(format.value_or(publish::VideoFormat::Mp4), fps));
    if (!window)
        return code(ExitCode::Usage);
    const auto [first, last] = *window;
    const double t0 = static_cast<double>(first) / fps;
    const double t1 = static_cast<double>(last) / fps;
    const auto captions = publish::windowCues(
        publish::spokenCaptionCues(story, plan.lang, narration.spoken()), t0, t1);
    const auto chapters = publish::windowCues(publish::chapterCues(story, plan.lang), t0, t1);
    std::shared_ptr<publish::AudioTrack> audio;
    if (narration.voiced() && format && !gif)
        audio = std::make_shared<publish::AudioTrack>(narration.takeAudioTrack(tl.clock(), t0, t1));

    if (gif && !opts.quiet && publish::hugeGif(size, last - first))
        std::cerr << "mapreel: warning: a GIF of " << (last - first) << " frames at " << size.width
                  << "x" << size.height << " will be very large (GIFs compress poorly); consider "
                  << "--size 480x270, --fps 8, --from/--to, or .mp4/.webm\n";

    // Every output is checked for a writable folder before the long render starts, and
    // all are committed only once the video is complete.
    std::unique_ptr<publish::OutputFile> output;
    std::unique_ptr<publish::FrameFolder> frames;
    std::vector<publish::VideoTarget> targets;
    if (format) {
        output = std::make_unique<publish::OutputFile>(plan.output);
        auto spec = publish::videoSpec(plan.output, size, fps, opts.crf);
        spec.dither = opts.dither == "none"    ? publish::Dither::None
                      : opts.dither == "floyd" ? publish::Dither::Floyd
                                               : publish::Dither::Bayer;
        spec.language = plan.lang;
        if (!opts.noEmbed) {
            spec.subtitles = captions;
            spec.chapters = chapters;
        }
        spec.audio = audio;
        targets.push_back({output->temporaryPath(), std::move(spec)});
    } else if (pattern) {
        frames = std::make_unique<publish::FrameFolder>(*pattern);
    }
    publish::OutputBatch texts;
    auto addText = [&](const std::string& path, const std::string& text) {
        if (!path.empty())
            texts.text(path, text);
    };
    addText(plan.captions, publish::toWebVtt(captions));
    addText(plan.chapters, publish::toWebVtt(chapters));
    addText(plan.description, publish::videoDescription(story, plan.lang, chapters));

    adapters::CairoCanvasFactory canvases;
    publish::VideoRun run{size, first, last, opts.threads, nullptr, progressBar(opts.quiet)};
    if (frames)
        run.pngPath = [&](int i) { return frames->temporaryPath(i); };
    try {
        publish::renderVideos(tl, canvases, encoders, std::move(targets), run);
    } catch (const IoError& e) {
        throw IoError(output ? output->named(e.what()) : std::string(e.what()));
    } catch (const EncodeError& e) {
        throw EncodeError(output ? output->named(e.what()) : std::string(e.what()));
    }
    if (output)
        output->commit();
    if (frames)
        frames->commit();
    texts.commit();
    if (!opts.quiet) {
        std::cerr << "wrote " << plan.output << " (" << (last - first) << " frames, "
                  << static_cast<double>(last - first) / fps << " s at " << size.width << "x"
                  << size.height << ", " << fps << " fps";
        if (audio)
            std::cerr << ", narrated";
        std::cerr << ")\n";
        for (const auto& file : texts.files())
            std::cerr << "wrote " << file->finalPath() << '\n';
    }
    return code(ExitCode::Ok);
}

/// Draws every frame, encodes and writes nothing: render-only benchmarks.
int drawOnly(const RenderOptions& opts, const std::shared_ptr<const story::Story>& story,
             const std::string& lang) {
    PixelSize size{story->canvas.width, story->canvas.height};
    if (!opts.size.empty())
        size = parseSize(opts.size).value_or(size);
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices, lang);
    if (!factsAllowOutput(tl, opts.allowFailingFacts))
        return code(ExitCode::InvalidStory);
    adapters::CairoCanvasFactory canvases;
    adapters::LibavEncoders encoders;
    const auto window =
        framesToDraw(tl, opts, encoders.segmentLength(publish::VideoFormat::Mp4, tl.clock().fps()));
    if (!window)
        return code(ExitCode::Usage);
    const auto [first, last] = *window;
    publish::renderVideos(tl, canvases, encoders, {},
                          {size, first, last, opts.threads, nullptr, progressBar(opts.quiet)});
    if (!opts.quiet)
        std::cerr << "drew " << (last - first) << " frames (--null-output: nothing written)\n";
    return code(ExitCode::Ok);
}

int runRender(const RenderOptions& opts) {
    if (opts.output.empty() && !opts.nullOutput) {
        std::cerr << "--output is required\nRun with --help for more information.\n";
        return code(ExitCode::Usage);
    }
    if (!opts.nullOutput && !publish::videoFormatForPath(opts.output) &&
        !publish::framePatternForPath(opts.output)) {
        std::cerr << "mapreel: unknown output format '"
                  << fs::path(opts.output).extension().string()
                  << "' (use .mp4, .webm, .gif, a folder ending in / for PNG frames, or a "
                     "name with %05d and .png)\n";
        return code(ExitCode::Usage);
    }
    auto story = load(opts.story, opts.quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    story = withNarrationCard(story, opts.narrationCard, true);
    if (!sizeOption(opts.size, {}))
        return code(ExitCode::Usage);
    std::string warning;
    const auto langs = publish::renderLanguages(*story, opts.lang, warning);
    if (!warning.empty())
        std::cerr << "mapreel: warning: " << warning << '\n';
    if (opts.nullOutput)
        return drawOnly(opts, story, langs.front());
    // `--lang all` writes one output per language, named map.fr.mp4.
    const auto named = [&](const std::string& path, const std::string& lang) {
        return path.empty() || opts.lang != "all" ? path : publish::withLanguage(path, lang);
    };
    std::vector<RenderPlan> plans;
    for (const auto& lang : langs)
        plans.push_back({lang, named(opts.output, lang), named(opts.captions, lang),
                         named(opts.chapters, lang), named(opts.description, lang)});
    for (const auto& plan : plans)
        if (const int rc = renderOne(opts, story, plan); rc != 0)
            return rc;
    return code(ExitCode::Ok);
}

} // namespace

Command addRender(CLI::App& app) {
    auto opts = std::make_shared<RenderOptions>();
    auto* render = app.add_subcommand(
        "render", "Render a story to a video (.mp4 H.264, .webm VP9, .gif) or to numbered PNG "
                  "frames (a folder ending in /, or name-%05d.png).");
    addStoryArgument(*render, opts->story);
    auto* outOpt = render->add_option(
        "-o,--output", opts->output,
        "What to write: out/map.mp4, out/map.webm, out/map.gif, out/frames/ or out/f-%05d.png");
    render
        ->add_flag("--null-output", opts->nullOutput,
                   "Draw every frame but encode and write nothing (for benchmarks)")
        ->excludes(outOpt);
    render->add_option("--size", opts->size,
                       "Frame size WIDTHxHEIGHT, e.g. 3840x2160 (default: the story's canvas; "
                       "640 wide for GIF)");
    render
        ->add_option("--fps", opts->fps,
                     "Frames per second (default: the story's; 10 for GIF); timing stays in "
                     "seconds")
        ->check(CLI::Range(1, 120));
    render
        ->add_option("--quality", opts->crf, "Quality as x264 CRF: 0 (lossless) .. 51; default 20")
        ->check(CLI::Range(0, 51));
    auto* framesOpt = render->add_option("--frames", opts->frames,
                                         "Render only frames A:B (A included, B excluded)");
    auto* fromOpt = render->add_option(
        "--from", opts->from, "Start at a step id, a date YYYY-MM-DD or seconds (95, 1:35)");
    auto* toOpt = render->add_option("--to", opts->to,
                                     "End after a step id, at a date YYYY-MM-DD or at seconds");
    auto* chunkOpt = render->add_option(
        "--chunk", opts->chunk,
        "Render only chunk K of N (e.g. 3/8), cut at encoder segments; join the chunks with "
        "mapreel concat into the file one run writes");
    framesOpt->excludes(fromOpt)->excludes(toOpt)->excludes(chunkOpt);
    chunkOpt->excludes(fromOpt)->excludes(toOpt);
    render
        ->add_option("--threads", opts->threads,
                     "Threads drawing and encoding (default: one per core, fewer when the "
                     "available memory would not hold them); the output is the "
                     "same with any number")
        ->check(CLI::Range(1, 256));
    render->add_option("--lang", opts->lang,
                       "The language to narrate in (default: the story's first); 'all' writes "
                       "one output per language, named map.fr.mp4");
    render->add_flag("--narrate", opts->narrate,
                     "Speak the narration with espeak-ng where a step has no audio file; steps "
                     "last as long as their voice");
    render->add_flag("--no-embed", opts->noEmbed,
                     "Do not embed the captions and chapters in the MP4/WebM");
    render->add_option("--dither", opts->dither, "GIF dithering: none, bayer (default) or floyd")
        ->check(CLI::IsMember({"none", "bayer", "floyd"}));
    render->add_option("--captions", opts->captions,
                       "Also write the narration as WebVTT captions, e.g. out/map.vtt");
    render->add_option("--chapters", opts->chapters,
                       "Also write one WebVTT chapter per step, e.g. out/map.chapters.vtt");
    render->add_option("--description", opts->description,
                       "Also write a video description with chapter timestamps (YouTube)");
    addNarrationCardOption(*render, opts->narrationCard, "on");
    render->add_flag("--allow-failing-facts", opts->allowFailingFacts, kAllowFailingFacts);
    render->add_flag("-q,--quiet", opts->quiet, "No progress bar or warnings on stderr");
    render->footer(kExitCodes);
    return {render, [opts] { return runRender(*opts); }};
}

} // namespace mapreel::cli
