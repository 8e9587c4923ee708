// SPDX-License-Identifier: MIT
#include "mapreel/render/frame_sink.hpp"

#include "mapreel/core/interrupt.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/render/frame_loop.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>

namespace mapreel::render {

namespace {

constexpr int kPaletteSamples = 48; ///< frames a GIF palette is computed from

/// A segment's frames encoded into every sink at once, one SegmentSink each.
class EncodeSegment final : public SegmentWork {
public:
    EncodeSegment(const std::vector<FrameSink*>& sinks, long index) : sinks_(sinks) {
        for (auto* s : sinks)
            segments_.push_back(s->openSegment(index));
    }
    void frame(const std::uint8_t* bgra, int stride) override {
        for (const auto& s : segments_)
            s->write(bgra, stride);
    }
    void repeat(const std::uint8_t* bgra, int stride) override {
        for (const auto& s : segments_)
            s->repeat(bgra, stride);
    }
    void finish() override {
        for (const auto& s : segments_)
            s->finish();
    }
    void commit() override {
        for (std::size_t i = 0; i < segments_.size(); ++i)
            sinks_[i]->commit(*segments_[i]);
    }

private:
    const std::vector<FrameSink*>& sinks_;
    std::vector<std::unique_ptr<SegmentSink>> segments_;
};

/// Frames handed to the sinks one by one, in order, as a GIF needs.
class EncodeInOrder final : public SegmentWork {
public:
    explicit EncodeInOrder(const std::vector<FrameSink*>& sinks) : sinks_(sinks) {}
    void frame(const std::uint8_t* bgra, int stride) override {
        for (auto* s : sinks_)
            s->write(bgra, stride);
    }
    void finish() override {}
    void commit() override {}

private:
    const std::vector<FrameSink*>& sinks_;
};

/// Makes freshly allocated memory hold a fixed pattern instead of whatever was freed
/// there before. x264 reads some bytes of its newly allocated buffers before writing
/// them, so without this an encoder restarted at a segment boundary can encode the same
/// frames differently from run to run; with it, every run writes the same frames.
///
/// And keeps the memory an encoder frees for the next one: every segment opens an x264
/// encoder that allocates about 180 MB of buffers at 1080p, in pieces of up to a few
/// megabytes. Mapped and unmapped for each segment, those pages were faulted in again by
/// every encoder (a third of the encoding time on a virtual machine); from the heap, the
/// next segment of the same thread reuses them.
void prepareMemoryForEncoders() {
#ifdef __GLIBC__
    constexpr int kFillByte = 0x55;
    constexpr int kLargestFromHeap = 32 << 20; // glibc's maximum
    constexpr int kKeptFree = 1 << 30;
    static_cast<void>(mallopt(M_PERTURB, kFillByte));
    static_cast<void>(mallopt(M_MMAP_THRESHOLD, kLargestFromHeap));
    static_cast<void>(mallopt(M_TRIM_THRESHOLD, kKeptFree));
#endif
}

/// Gives back to the system the memory that building the timeline used and freed (base data
/// read whole, country shapes, geometry results): the frame loop's large buffers (canvases,
/// encoders) are mapped afresh and would not reuse it, so it would only add to the peak.
void releaseFreedMemory() {
#ifdef __GLIBC__
    static_cast<void>(malloc_trim(0));
#endif
}

/// The scene each canvas of a run shows, so that a frame whose scene is the one a canvas
/// shows already is not drawn again (a map holding still between moves: about half the
/// frames of the Korean War).
class ShownScenes {
public:
    /// The scene `canvas` shows (empty before its first frame). Each canvas is drawn on by
    /// one thread only, so only finding its entry needs the lock.
    [[nodiscard]] std::optional<scene::Scene>& on(const RasterCanvas& canvas) {
        const std::scoped_lock lock(mutex_);
        return shown_[&canvas];
    }

private:
    std::mutex mutex_;
    std::map<const RasterCanvas*, std::optional<scene::Scene>> shown_; ///< nodes stay put
};

} // namespace

void renderFrames(const timeline::Timeline& tl, CanvasFactory& canvases, const FrameRun& run) {
    const auto theme = themeOf(tl.story());
    const PixelSize size = run.size;
    const int first = run.first;
    const int last = run.last;
    auto drawOn = [&](RasterCanvas& canvas, int i) {
        renderFrame(tl, theme, tl.clock().frameTime(i), size, canvas);
    };
    const auto& sinks = run.sinks;
    // A GIF's palette comes from frames spread over the whole animation, drawn first.
    const bool palette =
        std::any_of(sinks.begin(), sinks.end(), [](const auto* s) { return s->needsPalette(); });
    if (palette) {
        const auto canvas = canvases.raster(size);
        const int n = std::min(kPaletteSamples, last - first);
        for (int k = 0; k < n; ++k) {
            checkInterrupted();
            drawOn(*canvas, first + static_cast<int>(static_cast<long>(k) * (last - first) / n));
            for (auto* s : sinks)
                s->addPaletteSample(canvas->pixels(), canvas->stride());
        }
    }
    const auto started = std::chrono::steady_clock::now();
    std::mutex progressMutex;
    int drawn = 0;
    ShownScenes shownScenes;
    auto draw = [&](RasterCanvas& canvas, int i) {
        auto& shown = shownScenes.on(canvas);
        auto sc = frameScene(tl, theme, tl.clock().frameTime(i), size, canvas, canvas);
        const bool anew = !shown || !samePicture(*shown, sc);
        if (anew) {
            render::draw(sc, canvas);
            shown = std::move(sc);
        }
        if (run.pngPath)
            canvas.writePng(run.pngPath(i));
        if (run.progress) {
            const std::scoped_lock lock(progressMutex);
            ++drawn;
            run.progress(
                drawn, last - first,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        }
        return anew;
    };
    releaseFreedMemory();
    if (!sinks.empty())
        prepareMemoryForEncoders();
    // Segments of MP4 and WebM are drawn and encoded side by side, one per thread; a GIF
    // is one stream, made in order on this thread.
    const bool inOrder =
        std::any_of(sinks.begin(), sinks.end(), [](const auto* s) { return !s->segmented(); });
    const FrameJob job{size, first, last, inOrder ? 0 : run.segment,
                       inOrder ? 1 : threadCount(run.threads, size)};
    runSegments(job, canvases, draw, [&](int from, int /*to*/) -> std::unique_ptr<SegmentWork> {
        if (sinks.empty())
            return nullptr;
        if (inOrder)
            return std::make_unique<EncodeInOrder>(sinks);
        return std::make_unique<EncodeSegment>(sinks, from - first);
    });
    checkInterrupted();
    for (auto* s : sinks)
        s->finish();
}

} // namespace mapreel::render
