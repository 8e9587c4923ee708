// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/render/surface.hpp"

#include <cstdint>
#include <functional>
#include <memory>

/// The segment x lane scheduler: frames cut into segments, segments made side by side.
namespace mapreel::render {

/// Draws frame `index` on `canvas` (and may write it out itself, e.g. as a PNG); false when
/// it drew nothing because the canvas shows that picture already (the frame is the same as
/// the last one drawn on it). Called on several threads at once, each with its own canvas.
using DrawFrame = std::function<bool(RasterCanvas& canvas, int index)>;

/// What is done with the frames of one segment: each frame in turn, then finish(), on the
/// thread that drew them; then commit() on the calling thread, segments in frame order.
class SegmentWork {
public:
    SegmentWork() = default;
    virtual ~SegmentWork() = default;
    SegmentWork(const SegmentWork&) = delete;
    SegmentWork& operator=(const SegmentWork&) = delete;
    SegmentWork(SegmentWork&&) = delete;
    SegmentWork& operator=(SegmentWork&&) = delete;

    /// Takes the next frame's pixels (premultiplied BGRA, `stride` bytes per row).
    virtual void frame(const std::uint8_t* bgra, int stride) = 0;
    /// Takes the next frame when it is the same picture as the last one given to this
    /// segment (`bgra` holds it again): work that keeps what it made of that frame may use
    /// it again instead of starting from the pixels.
    virtual void repeat(const std::uint8_t* bgra, int stride) { frame(bgra, stride); }
    /// Completes the segment's work (an encoder's flush).
    virtual void finish() = 0;
    /// Hands the finished segment on (writes it into the video).
    virtual void commit() = 0;
};

/// The work for frames [first, last); null when the frames need nothing but drawing.
using OpenSegment = std::function<std::unique_ptr<SegmentWork>(int first, int last)>;

/// How frames [first, last) of a video of `size` are made.
struct FrameJob {
    PixelSize size;
    int first = 0;
    int last = 0;
    /// Segments end at frame numbers that are multiples of this (0: one segment).
    int segment = 0;
    /// Segments made at the same time, each drawn and encoded by its own thread with its
    /// own canvas; 1 makes everything on the calling thread.
    int lanes = 1;
};

/// The threads to use for `requested` (0: one per core, as many as the memory available
/// holds: see lanesFor).
[[nodiscard]] int threadCount(int requested, PixelSize size) noexcept;

/// How many lanes fit: one per core, at most as many as `availableBytes` (the system's
/// available memory, 0 when unknown) holds at an estimate of what one lane of `size` takes
/// (a canvas with its caches and a one-thread H.264 encoder, about 110 bytes a pixel) beside
/// what a run holds once (the timeline, about 300 MB); always at least one.
[[nodiscard]] int lanesFor(int cores, std::uint64_t availableBytes, PixelSize size) noexcept;

/// Draws every frame of `job` on canvases made by `canvases`, segment by segment, handing
/// each segment's frames to its work and committing the segments in order. With several
/// lanes, segments are made side by side and the output is the same. checkInterrupted() is
/// honoured between frames; an exception from any thread stops the others and is rethrown
/// here.
void runSegments(const FrameJob& job, CanvasFactory& canvases, const DrawFrame& draw,
                 const OpenSegment& open);

} // namespace mapreel::render
