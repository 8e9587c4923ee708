// SPDX-License-Identifier: MIT
// A frame whose scene is the one its canvas shows already is not drawn again, and the
// encoders are told it repeats the frame before: the Korean War's first 300 frames (its
// title held, then the map settling on the peninsula) at 320x180, in segments of 40 frames
// on two lanes. Every frame, repeated or drawn, must be the picture a fresh canvas draws
// of that moment.
#include "factories/cairo_factory.hpp"
#include "story_timeline.hpp"

#include "mapreel/render/frame.hpp"
#include "mapreel/render/frame_sink.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

using namespace mapreel;

namespace {

/// FNV-1a of a frame's pixels.
std::uint64_t hashOf(const std::uint8_t* bgra, int stride, int height) {
    std::uint64_t h = 1469598103934665603ULL;
    const auto bytes = static_cast<std::size_t>(stride) * static_cast<std::size_t>(height);
    for (std::size_t i = 0; i < bytes; ++i)
        h = (h ^ bgra[i]) * 1099511628211ULL;
    return h;
}

struct Seen {
    std::uint64_t hash = 0;
    bool repeated = false;
};

class RecordingSegment final : public render::SegmentSink {
public:
    RecordingSegment(long first, int height) : first_(first), height_(height) {}
    void write(const std::uint8_t* bgra, int stride) override {
        frames_.push_back({hashOf(bgra, stride, height_), false});
    }
    void repeat(const std::uint8_t* bgra, int stride) override {
        frames_.push_back({hashOf(bgra, stride, height_), true});
    }
    void finish() override {}
    [[nodiscard]] long first() const noexcept { return first_; }
    [[nodiscard]] const std::vector<Seen>& frames() const noexcept { return frames_; }

private:
    long first_;
    int height_;
    std::vector<Seen> frames_;
};

/// Keeps, for every frame, the hash of its pixels and whether it came as a repeat.
class RecordingSink final : public render::FrameSink {
public:
    explicit RecordingSink(int height) : height_(height) {}
    [[nodiscard]] bool segmented() const noexcept override { return true; }
    [[nodiscard]] std::unique_ptr<render::SegmentSink> openSegment(long index) override {
        return std::make_unique<RecordingSegment>(index, height_);
    }
    void commit(render::SegmentSink& segment) override {
        const auto& s = dynamic_cast<RecordingSegment&>(segment);
        EXPECT_EQ(s.first(), static_cast<long>(frames.size())) << "segments out of order";
        ASSERT_FALSE(s.frames().empty());
        EXPECT_FALSE(s.frames().front().repeated)
            << "segment at frame " << s.first() << " starts with a repeat";
        frames.insert(frames.end(), s.frames().begin(), s.frames().end());
    }
    void write(const std::uint8_t* /*bgra*/, int /*stride*/) override {
        ADD_FAILURE() << "a segmented sink written in order";
    }
    void finish() override {}

    std::vector<Seen> frames;

private:
    int height_;
};

} // namespace

TEST(RepeatedFrames, AHeldPictureIsNotDrawnAgainAndEveryFrameIsTheMomentsPicture) {
    const auto tl = integration::storyTimeline("stories/cold-war/korean-war.yaml");
    const PixelSize size{320, 180};
    constexpr int kFrames = 300;
    adapters::CairoCanvasFactory canvases;
    RecordingSink sink(size.height);
    render::FrameRun run;
    run.size = size;
    run.first = 0;
    run.last = kFrames;
    run.segment = 40;
    run.threads = 2;
    run.sinks = {&sink};
    render::renderFrames(*tl, canvases, run);
    ASSERT_EQ(sink.frames.size(), static_cast<std::size_t>(kFrames));

    const auto theme = render::themeOf(tl->story());
    int repeats = 0;
    int stillSame = 0; // frames drawn anew although the frame before is the same picture
    for (int i = 0; i < kFrames; ++i) {
        const auto& f = sink.frames[static_cast<std::size_t>(i)];
        // What a canvas that never drew another frame makes of this moment.
        auto fresh = canvases.raster(size);
        render::renderFrame(*tl, theme, tl->clock().frameTime(i), size, *fresh);
        EXPECT_EQ(f.hash, hashOf(fresh->pixels(), fresh->stride(), size.height))
            << "frame " << i << (f.repeated ? " (a repeat)" : " (drawn)")
            << " is not the picture of its moment";
        if (i == 0)
            continue;
        const bool sameAsBefore = f.hash == sink.frames[static_cast<std::size_t>(i) - 1].hash;
        if (f.repeated) {
            ++repeats;
            EXPECT_TRUE(sameAsBefore) << "frame " << i << " repeats another picture";
        } else if (sameAsBefore && i % run.segment != 0) {
            ++stillSame;
        }
    }
    // The title and the settled map hold still for most of these 10 s: 252 of the 299
    // frames after the first are the picture before them.
    EXPECT_GE(repeats, 200) << "frames repeated";
    // A lane's canvas may have shown another segment last, or the base may be drawn from
    // the scene once and from the cache after: a few equal pictures are drawn again.
    EXPECT_LE(stillSame, 20) << "frames equal to the one before, drawn again";
}
