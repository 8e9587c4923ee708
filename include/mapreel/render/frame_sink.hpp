// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/render/surface.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

/// Where rendered frames go, and the frame loop that feeds them.
namespace mapreel::render {

/// A run of a sink's frames encoded on its own (one encoder segment): written to on the
/// thread that draws them, then finished there.
class SegmentSink {
public:
    SegmentSink() = default;
    virtual ~SegmentSink() = default;
    SegmentSink(const SegmentSink&) = delete;
    SegmentSink& operator=(const SegmentSink&) = delete;
    SegmentSink(SegmentSink&&) = delete;
    SegmentSink& operator=(SegmentSink&&) = delete;

    /// Takes one premultiplied BGRA frame (`stride` bytes per row).
    virtual void write(const std::uint8_t* bgra, int stride) = 0;
    /// Takes a frame that is the same picture as the last one written (`bgra` holds it
    /// again); an encoder may reuse what it converted of that frame.
    virtual void repeat(const std::uint8_t* bgra, int stride) { write(bgra, stride); }
    /// Completes the segment (flushes its encoder).
    virtual void finish() = 0;
};

/// A consumer of frames in order: a video file being encoded (adapters implement it).
class FrameSink {
public:
    FrameSink() = default;
    virtual ~FrameSink() = default;
    FrameSink(const FrameSink&) = delete;
    FrameSink& operator=(const FrameSink&) = delete;
    FrameSink(FrameSink&&) = delete;
    FrameSink& operator=(FrameSink&&) = delete;

    /// Whether frames must be shown to addPaletteSample() before the first write() (GIF).
    [[nodiscard]] virtual bool needsPalette() const noexcept { return false; }
    /// Adds one frame to the statistics a palette is made from.
    virtual void addPaletteSample(const std::uint8_t* /*bgra*/, int /*stride*/) {}
    /// Whether frames can be encoded in segments on several threads (false: write()).
    [[nodiscard]] virtual bool segmented() const noexcept = 0;
    /// A segment starting at frame `index` of this sink (0: the first frame it holds).
    /// Safe to call from any thread.
    [[nodiscard]] virtual std::unique_ptr<SegmentSink> openSegment(long index) = 0;
    /// Writes a finished segment; segments come in frame order, without a gap.
    virtual void commit(SegmentSink& segment) = 0;
    /// Takes one frame, in order, when the sink is not segmented.
    virtual void write(const std::uint8_t* bgra, int stride) = 0;
    /// Flushes and closes; the output is complete after this.
    virtual void finish() = 0;
};

/// Frames [first, last) of a timeline, drawn once each and handed to every sink.
struct FrameRun {
    PixelSize size;
    int first = 0;
    int last = 0;
    /// The encoders' segment length: a multiple of it in story frames starts a segment.
    int segment = 0;
    /// Threads drawing and encoding (0: one per core).
    int threads = 0;
    std::vector<FrameSink*> sinks; ///< not owned
    /// When set, every frame is also written as a PNG file at this path.
    std::function<std::string(int frame)> pngPath;
    /// Told of each frame drawn: frames done, frames in all, seconds since the first.
    std::function<void(int done, int total, double seconds)> progress;
};

/// Draws the frames of `run` on canvases from `canvases` and encodes each into every sink,
/// so an MP4 and a WebM cost one rendering pass: segments of segmented sinks are drawn and
/// encoded side by side, one per thread; a sink that is one stream (GIF) gets its frames
/// in order on this thread, after a palette sampled from frames spread over the run.
/// Finishes the sinks. Throws EncodeError, IoError, Interrupted.
void renderFrames(const timeline::Timeline& tl, CanvasFactory& canvases, const FrameRun& run);

} // namespace mapreel::render
