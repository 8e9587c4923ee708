// SPDX-License-Identifier: MIT
#include "render_job.hpp"

#include "cairo/cairo_canvas.hpp"
#include "cli_common.hpp"
#include "frame_pipeline.hpp"
#include "output_file.hpp"
#include "speech/speech_synth.hpp"

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/error.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"

#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace fs = std::filesystem;

namespace mapreel::cli {

namespace {

constexpr double kNarrationLead = 0.3;   ///< seconds of quiet before a step's narration
constexpr double kNarrationPause = 0.8;  ///< seconds after it, before the next step
constexpr int kGifDefaultWidth = 640;    ///< GIFs are for pages and chats, not screens
constexpr int kGifDefaultFps = 10;       ///< 10 cs per frame: GIF delays are centiseconds
constexpr int kPaletteSamples = 48;      ///< frames the GIF palette is computed from
constexpr double kHugeGifPixels = 3.0e8; ///< pixels x frames beyond which a GIF is huge
constexpr int kHugeGifWidth = 1280;      ///< wider GIFs are huge whatever their length

constexpr const char* kSizeProblem =
    "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";

/// What the output path asks for.
enum class OutputKind { Video, Frames };

/// Writes `text` to the temporary file of `output`; commit() is the caller's.
void writeText(OutputFile& output, const std::string& text) {
    std::ofstream f(output.temporaryPath(), std::ios::binary);
    f << text;
    f.close();
    if (!f)
        throw IoError("cannot write '" + output.finalPath() + "'");
}

/// A folder of PNG frames written under a hidden temporary folder beside them and moved
/// into place by commit(); without commit, nothing of it is left.
class FrameFolder {
public:
    explicit FrameFolder(FramePattern pattern) : pattern_(std::move(pattern)) {
        std::error_code ec;
        fs::create_directories(pattern_.dir, ec);
        if (ec || !fs::is_directory(pattern_.dir))
            throw IoError("cannot create the folder '" + pattern_.dir + "'");
        temp_ = fs::path(pattern_.dir) / (".frames.part-" + std::to_string(getpid()));
        fs::create_directory(temp_, ec);
        if (ec)
            throw IoError("cannot write in '" + pattern_.dir + "': " + ec.message());
    }
    ~FrameFolder() {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
    FrameFolder(const FrameFolder&) = delete;
    FrameFolder& operator=(const FrameFolder&) = delete;
    FrameFolder(FrameFolder&&) = delete;
    FrameFolder& operator=(FrameFolder&&) = delete;

    /// Where frame `i` is written before commit(); frames may be drawn on several threads.
    [[nodiscard]] std::string temporaryPath(int i) {
        std::string name = pattern_.name(i);
        auto path = (temp_ / fs::path(name).filename()).string();
        const std::scoped_lock lock(mutex_);
        names_.push_back(std::move(name));
        return path;
    }
    void commit() {
        for (const auto& name : names_) {
            std::error_code ec;
            fs::rename(temp_ / fs::path(name).filename(), name, ec);
            if (ec)
                throw IoError("cannot move a frame to '" + name + "': " + ec.message());
        }
    }
    [[nodiscard]] std::size_t count() const noexcept { return names_.size(); }

private:
    FramePattern pattern_;
    fs::path temp_;
    std::vector<std::string> names_;
    std::mutex mutex_;
};

/// A segment's frames encoded into every video at once, one VideoSegment each.
class EncodeSegment final : public SegmentWork {
public:
    EncodeSegment(const std::vector<std::unique_ptr<adapters::VideoEncoder>>& encoders, long index)
        : encoders_(encoders) {
        for (const auto& e : encoders)
            segments_.push_back(e->openSegment(index));
    }
    void frame(const std::uint8_t* bgra, int stride) override {
        for (const auto& s : segments_)
            s->write(bgra, stride);
    }
    void finish() override {
        for (const auto& s : segments_)
            s->finish();
    }
    void commit() override {
        for (std::size_t i = 0; i < segments_.size(); ++i)
            encoders_[i]->mux(*segments_[i]);
    }

private:
    const std::vector<std::unique_ptr<adapters::VideoEncoder>>& encoders_;
    std::vector<std::unique_ptr<adapters::VideoSegment>> segments_;
};

/// Frames handed to encoders one by one, in order, as a GIF needs.
class EncodeInOrder final : public SegmentWork {
public:
    explicit EncodeInOrder(const std::vector<std::unique_ptr<adapters::VideoEncoder>>& encoders)
        : encoders_(encoders) {}
    void frame(const std::uint8_t* bgra, int stride) override {
        for (const auto& e : encoders_)
            e->write(bgra, stride);
    }
    void finish() override {}
    void commit() override {}

private:
    const std::vector<std::unique_ptr<adapters::VideoEncoder>>& encoders_;
};

/// Makes freshly allocated memory hold a fixed pattern instead of whatever was freed
/// there before. x264 reads some bytes of its newly allocated buffers before writing
/// them, so without this an encoder restarted at a segment boundary can encode the same
/// frames differently from run to run; with it, every run writes the same frames.
void fillNewMemory() {
#ifdef __GLIBC__
    constexpr int kFillByte = 0x55;
    static_cast<void>(mallopt(M_PERTURB, kFillByte));
#endif
}

/// Renders frames [first, last) into encoders and/or PNG files, on `threads` threads;
/// `segment` is the encoders' segment length (a multiple of it in story frames starts a
/// segment).
void renderFrames(const timeline::Timeline& tl, int w, int h, int first, int last,
                  const std::vector<std::unique_ptr<adapters::VideoEncoder>>& encoders,
                  FrameFolder* frames, bool showProgress, int threads, int segment) {
    const auto& story = tl.story();
    const auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    auto drawOn = [&](adapters::CairoCanvas& canvas, int i) {
        const double t = tl.clock().frameTime(i);
        const auto sc = scene::evaluate(tl, t, theme, canvas, w, h);
        render::draw(sc, canvas);
    };
    // A GIF's palette comes from frames spread over the whole animation, drawn first.
    const bool palette = std::any_of(encoders.begin(), encoders.end(),
                                     [](const auto& e) { return e->needsPalette(); });
    if (palette) {
        adapters::CairoCanvas canvas(w, h);
        const int n = std::min(kPaletteSamples, last - first);
        for (int k = 0; k < n; ++k) {
            checkInterrupted();
            drawOn(canvas, first + static_cast<int>(static_cast<long>(k) * (last - first) / n));
            for (const auto& e : encoders)
                e->addPaletteSample(canvas.pixels(), canvas.stride());
        }
    }
    const auto started = std::chrono::steady_clock::now();
    std::mutex progressMutex;
    int drawn = 0;
    auto draw = [&](adapters::CairoCanvas& canvas, int i) {
        drawOn(canvas, i);
        if (frames)
            canvas.writePng(frames->temporaryPath(i));
        if (!showProgress)
            return;
        const std::scoped_lock lock(progressMutex);
        if (++drawn % 10 == 0 || drawn == last - first)
            progressLine(
                drawn, last - first,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    };
    if (!encoders.empty())
        fillNewMemory();
    // Segments of MP4 and WebM are drawn and encoded side by side, one per thread; a GIF
    // is one stream, made in order on this thread.
    const bool inOrder = std::any_of(encoders.begin(), encoders.end(),
                                     [](const auto& e) { return !e->segmented(); });
    FrameJob job{w, h, first, last, inOrder ? 0 : segment, inOrder ? 1 : threads};
    runSegments(job, draw, [&](int from, int /*to*/) -> std::unique_ptr<SegmentWork> {
        if (encoders.empty())
            return nullptr;
        if (inOrder)
            return std::make_unique<EncodeInOrder>(encoders);
        return std::make_unique<EncodeSegment>(encoders, from - first);
    });
    checkInterrupted();
    for (const auto& e : encoders)
        e->finish();
    if (showProgress)
        static_cast<void>(std::fputc('\n', stderr));
}

/// The language to render in: `requested`, or the story's first (English when it names
/// none); nullopt, with the reason printed, when the story is not written in it.
std::optional<std::string> renderLanguage(const story::Story& story, const std::string& requested) {
    if (requested.empty())
        return story.languages.empty() ? std::string("en") : story.languages.front();
    const auto& langs = story.languages;
    if (langs.empty() || std::find(langs.begin(), langs.end(), requested) != langs.end())
        return requested;
    std::cerr << "mapreel: the story is not written in '" << requested << "' (its languages: ";
    for (std::size_t i = 0; i < langs.size(); ++i)
        std::cerr << (i > 0 ? ", " : "") << langs[i];
    std::cerr << ", or all)\n";
    return std::nullopt;
}

/// A step's narration as heard: samples and, for synthesised speech, word times.
struct StepVoice {
    std::vector<float> samples; ///< mono at kAudioRate
    std::vector<publish::WordTime> words;
    [[nodiscard]] double seconds() const noexcept {
        return static_cast<double>(samples.size()) / adapters::kAudioRate;
    }
};

/// Each step's voice in `lang`: its recorded `audio:` file (stories in their first
/// language), else, with `narrate`, speech synthesised from its narration.
std::vector<std::optional<StepVoice>> stepVoices(const story::Story& story, const std::string& lang,
                                                 bool narrate, bool quiet) {
    std::vector<std::optional<StepVoice>> voices(story.steps.size());
    const bool firstLanguage = story.languages.empty() || story.languages.front() == lang;
    std::unique_ptr<adapters::SpeechSynthesizer> synth;
    const auto wpm = static_cast<int>(std::clamp(story.canvas.readingWpm * 1.1, 80.0, 400.0));
    for (std::size_t i = 0; i < story.steps.size(); ++i) {
        checkInterrupted();
        const auto& step = story.steps[i];
        if (!step.audio.empty() && firstLanguage) {
            const fs::path file = fs::path(story.baseDir) / step.audio;
            try {
                voices[i] = StepVoice{adapters::decodeAudioFile(file.string()), {}};
            } catch (const DataError& e) {
                throw DataError(story.path + ":" + std::to_string(step.loc.line) + ":" +
                                std::to_string(step.loc.column) + ": step '" + step.id +
                                "': " + e.what() +
                                " (use any format FFmpeg reads: WAV, MP3, "
                                "Ogg, FLAC, M4A)");
            }
            continue;
        }
        const std::string text = step.narration.get(lang);
        if (!narrate || text.find_first_not_of(" \t\r\n") == std::string::npos)
            continue;
        if (!synth) {
            synth = std::make_unique<adapters::SpeechSynthesizer>(lang);
            if (!quiet)
                std::cerr << "synthesising the narration (" << lang << ")...\n";
        }
        const auto speech = synth->speak(text, wpm);
        StepVoice v{adapters::resampleToAudioRate(speech.pcm, speech.sampleRate), {}};
        // Synthesised speech is quiet; bring its peak to -1 dBFS like recorded narration.
        float peak = 0;
        for (const float s : v.samples)
            peak = std::max(peak, std::abs(s));
        if (peak > 0.01F)
            for (float& s : v.samples)
                s *= 0.89F / peak;
        v.words.reserve(speech.words.size());
        for (const auto& w : speech.words)
            v.words.push_back({w.offset, w.seconds});
        voices[i] = std::move(v);
    }
    return voices;
}

/// Parses seconds: `95`, `95.5`, `95s` or `M:SS`.
std::optional<double> parseSeconds(std::string_view text) {
    if (text.ends_with('s'))
        text.remove_suffix(1);
    double minutes = 0;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        int m = 0;
        const auto [p, ec] = std::from_chars(text.data(), text.data() + colon, m);
        if (ec != std::errc{} || p != text.data() + colon || m < 0)
            return std::nullopt;
        minutes = m;
        text.remove_prefix(colon + 1);
    }
    double s = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), s);
    if (ec != std::errc{} || p != text.data() + text.size() || s < 0 || text.empty())
        return std::nullopt;
    return minutes * 60 + s;
}

/// Everything one language's render needs beyond the options.
struct RenderPlan {
    std::string lang;
    std::string output;
    std::string captions;
    std::string chapters;
    std::string description;
};

int renderOne(const RenderOptions& opts, const std::shared_ptr<const story::Story>& original,
              const RenderPlan& plan) {
    const bool showProgress = !opts.quiet && isatty(STDERR_FILENO) != 0;
    const auto codec = codecForPath(plan.output);
    const auto pattern = codec ? std::nullopt : framePatternForPath(plan.output);
    const bool gif = codec == adapters::VideoCodec::Gif;

    int w = original->canvas.width;
    int h = original->canvas.height;
    if (!opts.size.empty()) {
        if (!parseSize(opts.size, w, h)) {
            std::cerr << kSizeProblem;
            return code(ExitCode::Usage);
        }
    } else if (gif && w > kGifDefaultWidth) {
        h = std::max(
            16,
            static_cast<int>(std::lround(static_cast<double>(h) * kGifDefaultWidth / w / 2.0)) * 2);
        w = kGifDefaultWidth;
    }

    // Narration stretches steps to fit their voice; a copy of the story carries the new
    // durations and frame rate, so the timeline, captions and chapters all agree.
    auto voices = stepVoices(*original, plan.lang, opts.narrate, opts.quiet);
    auto story = std::make_shared<story::Story>(*original);
    story->canvas.fps = opts.fps > 0 ? opts.fps
                        : gif        ? std::min(kGifDefaultFps, original->canvas.fps)
                                     : original->canvas.fps;
    bool voiced = false;
    for (std::size_t i = 0; i < voices.size(); ++i) {
        if (!voices[i])
            continue;
        voiced = true;
        auto& step = story->steps[i];
        step.duration = std::max(timeline::stepSeconds(*original, original->steps[i], plan.lang),
                                 kNarrationLead + voices[i]->seconds() + kNarrationPause);
    }

    Services services;
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices, plan.lang);
    const int fps = tl.clock().fps();
    int first = 0;
    int last = tl.clock().frameCount();
    if (!opts.frames.empty()) {
        const auto range = parseFrameRange(opts.frames);
        if (!range) {
            std::cerr << "mapreel: --frames must be A:B with 0 <= A < B\n";
            return code(ExitCode::Usage);
        }
        if (range->first >= last) {
            std::cerr << "mapreel: --frames " << opts.frames << " starts after the last frame ("
                      << last << " frames)\n";
            return code(ExitCode::Usage);
        }
        first = range->first;
        last = std::min(range->last, last);
    }
    const int segment = adapters::segmentLength(codec.value_or(adapters::VideoCodec::H264), fps);
    if (!opts.chunk.empty()) {
        int k = 0;
        int n = 0;
        const auto slash = opts.chunk.find('/');
        const auto whole = [](std::string_view text, int& out) {
            const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
            return ec == std::errc{} && p == text.data() + text.size();
        };
        std::string why = "--chunk must be K/N with 1 <= K <= N, e.g. 2/8";
        std::optional<FrameRange> range;
        if (slash != std::string::npos && whole(std::string_view(opts.chunk).substr(0, slash), k) &&
            whole(std::string_view(opts.chunk).substr(slash + 1), n))
            range = chunkFrames(k, n, last, segment, why);
        if (!range) {
            std::cerr << "mapreel: " << why << '\n';
            return code(ExitCode::Usage);
        }
        first = range->first;
        last = range->last;
    }
    if (!opts.from.empty() || !opts.to.empty()) {
        double t0 = 0;
        double t1 = tl.clock().duration();
        try {
            if (!opts.from.empty())
                t0 = resolveTimeArgument(tl, opts.from, false);
            if (!opts.to.empty())
                t1 = resolveTimeArgument(tl, opts.to, true);
        } catch (const std::invalid_argument& e) {
            std::cerr << "mapreel: " << e.what() << '\n';
            return code(ExitCode::Usage);
        }
        first = static_cast<int>(std::lround(t0 * fps));
        last = std::min(tl.clock().frameCount(), static_cast<int>(std::lround(t1 * fps)));
        if (last <= first) {
            std::cerr << "mapreel: --from " << (opts.from.empty() ? "0" : opts.from) << " (" << t0
                      << " s) is not before --to " << (opts.to.empty() ? "end" : opts.to) << " ("
                      << t1 << " s)\n";
            return code(ExitCode::Usage);
        }
    }
    const double t0 = static_cast<double>(first) / fps;
    const double t1 = static_cast<double>(last) / fps;

    // Captions follow the voice where there is one: over the speech, word by word.
    std::vector<std::optional<publish::Spoken>> spoken(story->steps.size());
    for (std::size_t i = 0; i < voices.size(); ++i) {
        if (!voices[i])
            continue;
        auto words = voices[i]->words;
        for (auto& word : words)
            word.seconds += kNarrationLead;
        spoken[i] = publish::Spoken{kNarrationLead, kNarrationLead + voices[i]->seconds(),
                                    std::move(words)};
    }
    const auto captions = windowCues(publish::spokenCaptionCues(*story, plan.lang, spoken), t0, t1);
    const auto chapters = windowCues(publish::chapterCues(*story, plan.lang), t0, t1);

    std::shared_ptr<adapters::AudioTrack> audio;
    if (voiced && codec && !gif) {
        audio = std::make_shared<adapters::AudioTrack>();
        for (std::size_t i = 0; i < voices.size(); ++i) {
            if (!voices[i])
                continue;
            const double start = tl.clock().steps()[i].start + kNarrationLead - t0;
            auto samples = std::move(voices[i]->samples);
            if (start + static_cast<double>(samples.size()) / adapters::kAudioRate <= 0 ||
                start >= t1 - t0)
                continue;
            if (start < 0) { // the window opens in the middle of this narration
                const auto skip =
                    std::min(samples.size(),
                             static_cast<std::size_t>(std::lround(-start * adapters::kAudioRate)));
                samples.erase(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(skip));
            }
            audio->clips.push_back({std::max(0.0, start), std::move(samples)});
        }
    }

    if (gif && !opts.quiet) {
        const double pixels = static_cast<double>(w) * h * (last - first);
        if (pixels > kHugeGifPixels || w > kHugeGifWidth)
            std::cerr << "mapreel: warning: a GIF of " << (last - first) << " frames at " << w
                      << "x" << h << " will be very large (GIFs compress poorly); consider "
                      << "--size 480x270, --fps 8, --from/--to, or .mp4/.webm\n";
    }

    // Every output is checked for a writable folder before the long render starts, and
    // all are committed only once the video is complete.
    std::unique_ptr<OutputFile> output;
    std::unique_ptr<FrameFolder> frames;
    std::vector<std::unique_ptr<adapters::VideoEncoder>> encoders;
    if (codec) {
        output = std::make_unique<OutputFile>(plan.output);
        auto settings = videoSettings(plan.output, w, h, fps, opts.crf);
        settings.dither = opts.dither == "none"    ? adapters::Dither::None
                          : opts.dither == "floyd" ? adapters::Dither::Floyd
                                                   : adapters::Dither::Bayer;
        settings.language = plan.lang;
        if (!opts.noEmbed) {
            settings.subtitles = captions;
            settings.chapters = chapters;
        }
        settings.audio = audio;
        settings.chunk = {first, last - first, tl.clock().frameCount(), segment};
        encoders.push_back(
            std::make_unique<adapters::VideoEncoder>(output->temporaryPath(), settings));
    } else if (pattern) {
        frames = std::make_unique<FrameFolder>(*pattern);
    }
    std::vector<std::unique_ptr<OutputFile>> texts;
    auto addText = [&](const std::string& path, const std::string& text) {
        if (path.empty())
            return;
        auto file = std::make_unique<OutputFile>(path);
        writeText(*file, text);
        texts.push_back(std::move(file));
    };
    addText(plan.captions, publish::toWebVtt(captions));
    addText(plan.chapters, publish::toWebVtt(chapters));
    addText(plan.description, publish::videoDescription(*story, plan.lang, chapters));

    try {
        renderFrames(tl, w, h, first, last, encoders, frames.get(), showProgress,
                     threadCount(opts.threads), segment);
    } catch (const IoError& e) {
        throw IoError(output ? output->named(e.what()) : std::string(e.what()));
    } catch (const EncodeError& e) {
        throw EncodeError(output ? output->named(e.what()) : std::string(e.what()));
    }
    if (output)
        output->commit();
    if (frames)
        frames->commit();
    for (auto& file : texts)
        file->commit();
    if (!opts.quiet) {
        std::cerr << "wrote " << plan.output << " (" << (last - first) << " frames, "
                  << static_cast<double>(last - first) / fps << " s at " << w << "x" << h << ", "
                  << fps << " fps";
        if (audio)
            std::cerr << ", narrated";
        std::cerr << ")\n";
        for (const auto& file : texts)
            std::cerr << "wrote " << file->finalPath() << '\n';
    }
    return code(ExitCode::Ok);
}

} // namespace

std::optional<adapters::VideoCodec> codecForPath(const std::string& path) {
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".mp4")
        return adapters::VideoCodec::H264;
    if (ext == ".webm")
        return adapters::VideoCodec::Vp9;
    if (ext == ".gif")
        return adapters::VideoCodec::Gif;
    return std::nullopt;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the fields of VideoSettings, in order.
adapters::VideoSettings videoSettings(const std::string& path, int w, int h, int fps, int crf) {
    adapters::VideoSettings vs;
    vs.width = w;
    vs.height = h;
    vs.fps = fps;
    vs.crf = crf;
    vs.codec = codecForPath(path).value_or(adapters::VideoCodec::H264);
    vs.container = vs.codec == adapters::VideoCodec::Vp9   ? "webm"
                   : vs.codec == adapters::VideoCodec::Gif ? "gif"
                                                           : "mp4";
    return vs;
}

void renderVideo(const timeline::Timeline& tl, int w, int h, int first, int last,
                 const std::vector<VideoTarget>& targets, bool showProgress, int threads) {
    std::vector<std::unique_ptr<adapters::VideoEncoder>> encoders;
    encoders.reserve(targets.size());
    const int segment = adapters::segmentLength(adapters::VideoCodec::H264, tl.clock().fps());
    for (const auto& t : targets) {
        auto settings = t.settings;
        if (settings.chunk.total == 0)
            settings.chunk = {first, last - first, tl.clock().frameCount(),
                              settings.codec == adapters::VideoCodec::Gif ? 0 : segment};
        encoders.push_back(std::make_unique<adapters::VideoEncoder>(t.path, settings));
    }
    renderFrames(tl, w, h, first, last, encoders, nullptr, showProgress, threadCount(threads),
                 segment);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): k of n, as the option reads.
std::optional<FrameRange> chunkFrames(int k, int n, int total, int segment, std::string& why) {
    if (n < 1 || k < 1 || k > n) {
        why = "--chunk must be K/N with 1 <= K <= N";
        return std::nullopt;
    }
    const int step = std::max(1, segment);
    const int segments = (total + step - 1) / step;
    if (n > segments) {
        why = "the video has " + std::to_string(segments) + " encoder segment" +
              (segments == 1 ? "" : "s") + " of " + std::to_string(step) +
              " frames, so it cannot be cut into " + std::to_string(n) + " chunks; use at most " +
              std::to_string(segments);
        return std::nullopt;
    }
    const auto cut = [&](int i) {
        return static_cast<int>(static_cast<long>(i) * segments / n) * step;
    };
    return FrameRange{cut(k - 1), std::min(total, cut(k))};
}

void renderPng(const timeline::Timeline& tl, double t, int w, int h, const std::string& path) {
    const auto& story = tl.story();
    const auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    adapters::CairoCanvas canvas(w, h);
    render::draw(scene::evaluate(tl, t, theme, canvas, w, h), canvas);
    canvas.writePng(path);
}

std::string FramePattern::name(int frame) const {
    std::string number = std::to_string(frame);
    if (number.size() < static_cast<std::size_t>(digits))
        number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
    return (fs::path(dir) / (prefix + number + ".png")).string();
}

std::optional<FramePattern> framePatternForPath(const std::string& path) {
    if (path.empty())
        return std::nullopt;
    std::error_code ec;
    if (path.back() == '/' || fs::is_directory(path, ec))
        return FramePattern{path, "", 5};
    const fs::path p(path);
    const std::string file = p.filename().string();
    const auto percent = file.find('%');
    if (percent == std::string::npos || p.extension() != ".png")
        return std::nullopt;
    // %d or %0Nd, once, followed directly by .png.
    std::string_view spec{file};
    spec.remove_prefix(percent + 1);
    int digits = 1;
    if (spec.starts_with('0')) {
        spec.remove_prefix(1);
        const auto [q, err] = std::from_chars(spec.data(), spec.data() + spec.size(), digits);
        if (err != std::errc{} || digits < 1 || digits > 9)
            return std::nullopt;
        spec.remove_prefix(static_cast<std::size_t>(q - spec.data()));
    }
    if (spec != "d.png")
        return std::nullopt;
    const std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
    return FramePattern{dir, file.substr(0, percent), digits};
}

std::string withLanguage(const std::string& path, const std::string& lang) {
    if (!path.empty() && path.back() == '/')
        return path.substr(0, path.size() - 1) + "." + lang + "/";
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return path + "." + lang;
    const fs::path p(path);
    if (p.filename().string().find('%') != std::string::npos) { // a numbered-PNG pattern
        const fs::path dir = p.parent_path();
        return ((dir.empty() ? fs::path(lang) : fs::path(dir.string() + "." + lang)) / p.filename())
            .string();
    }
    return (p.parent_path() / (p.stem().string() + "." + lang + p.extension().string())).string();
}

double resolveTimeArgument(const timeline::Timeline& tl, const std::string& text, bool end) {
    const char* which = end ? "--to" : "--from";
    const auto& story = tl.story();
    const auto& steps = tl.clock().steps();
    if (const int i = story.stepIndex(text); i >= 0) {
        const auto& st = steps[static_cast<std::size_t>(i)];
        return end ? st.end() : st.start;
    }
    if (text.find('-') != std::string::npos && text.find_first_of("0123456789") == 0) {
        const auto d = parseDate(text);
        if (!d)
            throw std::invalid_argument(std::string(which) + ": '" + text +
                                        "' is not a date: " + dateParseProblem(text));
        const HistTime target = toHistTime(*d);
        const HistTime lo = steps.empty() ? 0 : steps.front().from;
        const HistTime hi = steps.empty() ? 0 : steps.back().to;
        if (target < lo || target > hi)
            throw std::invalid_argument(std::string(which) + ": " + text +
                                        " is outside the story, which covers " +
                                        isoDate(story.steps.front().dateFrom) + " to " +
                                        isoDate(story.steps.back().dateTo));
        return stillTime(tl, "", text, -1);
    }
    if (const auto s = parseSeconds(text)) {
        if (*s > tl.clock().duration() + 1e-9)
            throw std::invalid_argument(
                std::string(which) + ": " + text + " s is past the end of the story (" +
                std::to_string(static_cast<int>(tl.clock().duration())) + " s)");
        return *s;
    }
    std::vector<std::string> ids;
    ids.reserve(story.steps.size());
    for (const auto& step : story.steps)
        ids.push_back(step.id);
    const std::string near = closestMatch(text, ids);
    throw std::invalid_argument(std::string(which) + ": no step '" + text + "'" +
                                (near.empty() ? std::string{} : " (did you mean '" + near + "'?)") +
                                "; give a step id, a date YYYY-MM-DD or seconds");
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a window is from, then to.
std::vector<publish::Cue> windowCues(const std::vector<publish::Cue>& cues, double from,
                                     double to) {
    std::vector<publish::Cue> out;
    for (const auto& c : cues) {
        const double s = std::max(c.start, from);
        const double e = std::min(c.end, to);
        if (e - s < 0.01)
            continue;
        out.push_back({s - from, e - from, c.text, c.id});
    }
    return out;
}

CLI::App* addRenderCommand(CLI::App& app, RenderOptions& opts, const std::string& footer) {
    auto* render = app.add_subcommand(
        "render", "Render a story to a video (.mp4 H.264, .webm VP9, .gif) or to numbered PNG "
                  "frames (a folder ending in /, or name-%05d.png).");
    render->add_option("story", opts.story, "The story file (.yaml)")
        ->required()
        ->check(CLI::ExistingFile);
    auto* outOpt = render->add_option(
        "-o,--output", opts.output,
        "What to write: out/map.mp4, out/map.webm, out/map.gif, out/frames/ or out/f-%05d.png");
    render
        ->add_flag("--null-output", opts.nullOutput,
                   "Draw every frame but encode and write nothing (for benchmarks)")
        ->excludes(outOpt);
    render->add_option("--size", opts.size,
                       "Frame size WIDTHxHEIGHT, e.g. 3840x2160 (default: the story's canvas; "
                       "640 wide for GIF)");
    render
        ->add_option("--fps", opts.fps,
                     "Frames per second (default: the story's; 10 for GIF); timing stays in "
                     "seconds")
        ->check(CLI::Range(1, 120));
    render->add_option("--quality", opts.crf, "Quality as x264 CRF: 0 (lossless) .. 51; default 20")
        ->check(CLI::Range(0, 51));
    auto* framesOpt = render->add_option("--frames", opts.frames,
                                         "Render only frames A:B (A included, B excluded)");
    auto* fromOpt = render->add_option(
        "--from", opts.from, "Start at a step id, a date YYYY-MM-DD or seconds (95, 1:35)");
    auto* toOpt = render->add_option("--to", opts.to,
                                     "End after a step id, at a date YYYY-MM-DD or at seconds");
    auto* chunkOpt = render->add_option(
        "--chunk", opts.chunk,
        "Render only chunk K of N (e.g. 3/8), cut at encoder segments; join the chunks with "
        "mapreel concat into the file one run writes");
    framesOpt->excludes(fromOpt)->excludes(toOpt)->excludes(chunkOpt);
    chunkOpt->excludes(fromOpt)->excludes(toOpt);
    render
        ->add_option("--threads", opts.threads,
                     "Threads drawing and encoding (default: one per core); the output is the "
                     "same with any number")
        ->check(CLI::Range(1, 256));
    render->add_option("--lang", opts.lang,
                       "The language to narrate in (default: the story's first); 'all' writes "
                       "one output per language, named map.fr.mp4");
    render->add_flag("--narrate", opts.narrate,
                     "Speak the narration with espeak-ng where a step has no audio file; steps "
                     "last as long as their voice");
    render->add_flag("--no-embed", opts.noEmbed,
                     "Do not embed the captions and chapters in the MP4/WebM");
    render->add_option("--dither", opts.dither, "GIF dithering: none, bayer (default) or floyd")
        ->check(CLI::IsMember({"none", "bayer", "floyd"}));
    render->add_option("--captions", opts.captions,
                       "Also write the narration as WebVTT captions, e.g. out/map.vtt");
    render->add_option("--chapters", opts.chapters,
                       "Also write one WebVTT chapter per step, e.g. out/map.chapters.vtt");
    render->add_option("--description", opts.description,
                       "Also write a video description with chapter timestamps (YouTube)");
    render->add_flag("-q,--quiet", opts.quiet, "No progress bar or warnings on stderr");
    render->footer(footer);
    return render;
}

int runRender(const RenderOptions& opts) {
    if (opts.output.empty() && !opts.nullOutput) {
        std::cerr << "--output is required\nRun with --help for more information.\n";
        return code(ExitCode::Usage);
    }
    if (!opts.nullOutput && !codecForPath(opts.output) && !framePatternForPath(opts.output)) {
        std::cerr << "mapreel: unknown output format '"
                  << fs::path(opts.output).extension().string()
                  << "' (use .mp4, .webm, .gif, a folder ending in / for PNG frames, or a "
                     "name with %05d and .png)\n";
        return code(ExitCode::Usage);
    }
    auto story = load(opts.story, opts.quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    if (!opts.size.empty()) {
        int w = 0;
        int h = 0;
        if (!parseSize(opts.size, w, h)) {
            std::cerr << kSizeProblem;
            return code(ExitCode::Usage);
        }
    }
    if (opts.nullOutput) { // draw every frame, encode and write nothing: render-only benchmarks
        const auto lang = renderLanguage(*story, opts.lang == "all" ? "" : opts.lang);
        if (!lang)
            return code(ExitCode::Usage);
        int w = story->canvas.width;
        int h = story->canvas.height;
        if (!opts.size.empty())
            static_cast<void>(parseSize(opts.size, w, h));
        Services services;
        auto geoServices = services.view();
        timeline::Timeline tl(story, geoServices, *lang);
        int first = 0;
        int last = tl.clock().frameCount();
        if (const auto range = parseFrameRange(opts.frames); range && !opts.frames.empty()) {
            first = std::min(range->first, last);
            last = std::min(range->last, last);
        }
        renderFrames(tl, w, h, first, last, {}, nullptr, !opts.quiet && isatty(STDERR_FILENO) != 0,
                     threadCount(opts.threads),
                     adapters::segmentLength(adapters::VideoCodec::H264, tl.clock().fps()));
        if (!opts.quiet)
            std::cerr << "drew " << (last - first) << " frames (--null-output: nothing written)\n";
        return code(ExitCode::Ok);
    }
    std::vector<RenderPlan> plans;
    if (opts.lang == "all") {
        const auto langs =
            story->languages.empty() ? std::vector<std::string>{"en"} : story->languages;
        auto named = [](const std::string& path, const std::string& lang) {
            return path.empty() ? path : withLanguage(path, lang);
        };
        for (const auto& lang : langs)
            plans.push_back({lang, withLanguage(opts.output, lang), named(opts.captions, lang),
                             named(opts.chapters, lang), named(opts.description, lang)});
    } else {
        const auto lang = renderLanguage(*story, opts.lang);
        if (!lang)
            return code(ExitCode::Usage);
        plans.push_back({*lang, opts.output, opts.captions, opts.chapters, opts.description});
    }
    for (const auto& plan : plans)
        if (const int rc = renderOne(opts, story, plan); rc != 0)
            return rc;
    return code(ExitCode::Ok);
}

} // namespace mapreel::cli
