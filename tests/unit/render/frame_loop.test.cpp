// SPDX-License-Identifier: MIT
#include "mapreel/render/frame_loop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace mapreel;
using namespace mapreel::render;

namespace {

/// A raster canvas of one pixel: a frame is told apart by the value drawn into it.
class PixelCanvas final : public RasterCanvas {
public:
    void clear(const Color& /*c*/) override {}
    void fill(const scene::Fill& /*f*/) override {}
    void stroke(const scene::Stroke& /*s*/) override {}
    void text(const scene::Text& /*t*/) override {}
    void paragraph(const scene::Paragraph& /*p*/) override {}
    void panel(const scene::Panel& /*p*/) override {}
    void picture(const scene::Picture& /*p*/) override {}
    [[nodiscard]] Point measure(const std::string& /*text*/, const scene::Font& /*f*/) override {
        return {};
    }
    [[nodiscard]] double paragraphHeight(const scene::Paragraph& /*p*/) override { return 0; }
    [[nodiscard]] PixelSize size() const noexcept override { return {1, 1}; }
    [[nodiscard]] const std::uint8_t* pixels() override { return pixel_.data(); }
    [[nodiscard]] int stride() const noexcept override { return 4; }
    void writePng(const std::string& /*path*/) override {}
    void mark(int frame) { pixel_[0] = static_cast<std::uint8_t>(frame); }

private:
    std::vector<std::uint8_t> pixel_ = std::vector<std::uint8_t>(4, 0);
};

class PixelCanvases final : public CanvasFactory {
public:
    [[nodiscard]] std::unique_ptr<RasterCanvas> raster(PixelSize /*size*/) override {
        const std::scoped_lock lock(mutex_);
        ++made_;
        return std::make_unique<PixelCanvas>();
    }
    [[nodiscard]] std::unique_ptr<DocumentCanvas>
    document(DocumentKind /*kind*/, PixelSize /*size*/, const std::string& /*path*/) override {
        throw std::logic_error("no documents here");
    }
    void writePng(const Image& /*image*/, const std::string& /*path*/) override {}
    [[nodiscard]] int made() {
        const std::scoped_lock lock(mutex_);
        return made_;
    }

private:
    std::mutex mutex_;
    int made_ = 0;
};

/// Collects a segment's frames and appends them to `out` when committed.
class Collect final : public SegmentWork {
public:
    Collect(std::vector<int>& out, std::vector<int>& starts, int first)
        : out_(out), starts_(starts), first_(first) {}
    Collect(std::vector<int>& out, std::vector<int>& starts, int first, std::vector<int>& repeats)
        : out_(out), starts_(starts), first_(first), repeats_(&repeats) {}
    void frame(const std::uint8_t* bgra, int /*stride*/) override { frames_.push_back(bgra[0]); }
    void repeat(const std::uint8_t* bgra, int /*stride*/) override {
        ASSERT_FALSE(frames_.empty()) << "a repeat before any frame of the segment";
        EXPECT_EQ(bgra[0], frames_.back()) << "a repeat of another picture";
        frames_.push_back(bgra[0]);
        repeated_.push_back(first_ + static_cast<int>(frames_.size()) - 1);
    }
    void finish() override { finished_ = true; }
    void commit() override {
        ASSERT_TRUE(finished_);
        starts_.push_back(first_);
        out_.insert(out_.end(), frames_.begin(), frames_.end());
        if (repeats_)
            repeats_->insert(repeats_->end(), repeated_.begin(), repeated_.end());
    }

private:
    std::vector<int>& out_;
    std::vector<int>& starts_;
    int first_;
    std::vector<int>* repeats_ = nullptr;
    std::vector<int> frames_;
    std::vector<int> repeated_;
    bool finished_ = false;
};

std::vector<int> run(const FrameJob& job, std::vector<int>& starts, PixelCanvases& canvases) {
    std::vector<int> out;
    runSegments(
        job, canvases,
        [](RasterCanvas& canvas, int i) {
            dynamic_cast<PixelCanvas&>(canvas).mark(i);
            return true;
        },
        [&](int first, int /*last*/) { return std::make_unique<Collect>(out, starts, first); });
    return out;
}

TEST(FrameLoop, LanesAreOnePerCoreAsFarAsTheMemoryGoes) {
    constexpr std::uint64_t kGiB = 1ULL << 30;
    const PixelSize hd{1920, 1080};
    // One lane at 1080p is estimated at about 230 MB, besides 300 MB held once.
    EXPECT_EQ(render::lanesFor(2, 24 * kGiB, hd), 2);
    EXPECT_EQ(render::lanesFor(8, 1 * kGiB, hd), 3);
    EXPECT_EQ(render::lanesFor(8, 1 * kGiB, {3840, 2160}), 1);
    EXPECT_EQ(render::lanesFor(2, 100ULL << 20, hd), 1) << "always one lane";
    EXPECT_EQ(render::lanesFor(4, 0, hd), 4) << "memory unknown: one per core";
    EXPECT_EQ(render::lanesFor(0, 24 * kGiB, hd), 1) << "cores unknown";
    EXPECT_EQ(render::threadCount(3, hd), 3) << "asked for: as asked";
    EXPECT_GE(render::threadCount(0, hd), 1);
}

} // namespace

TEST(FrameLoop, AnErrorInALaneStopsTheRunAndIsRethrown) {
    PixelCanvases canvases;
    const FrameJob job{{1, 1}, 0, 40, 4, 3};
    EXPECT_THROW(runSegments(
                     job, canvases,
                     [](RasterCanvas& /*canvas*/, int i) {
                         if (i == 17)
                             throw std::runtime_error("frame 17");
                         return true;
                     },
                     [](int /*first*/, int /*last*/) { return nullptr; }),
                 std::runtime_error);
}

TEST(FrameLoop, OneLaneCommitsEverySegmentInOrder) {
    PixelCanvases canvases;
    std::vector<int> starts;
    const auto frames = run({{1, 1}, 3, 23, 8, 1}, starts, canvases);
    std::vector<int> expected;
    for (int i = 3; i < 23; ++i)
        expected.push_back(i);
    EXPECT_EQ(frames, expected);
    EXPECT_EQ(starts, (std::vector<int>{3, 8, 16}));
    EXPECT_EQ(canvases.made(), 1);
}

TEST(FrameLoop, SeveralLanesGiveTheSameFramesInTheSameOrder) {
    PixelCanvases canvases;
    std::vector<int> starts;
    const auto frames = run({{1, 1}, 0, 100, 7, 4}, starts, canvases);
    std::vector<int> expected;
    for (int i = 0; i < 100; ++i)
        expected.push_back(i);
    EXPECT_EQ(frames, expected);
    ASSERT_EQ(starts.size(), 15U);
    for (std::size_t k = 0; k < starts.size(); ++k)
        EXPECT_EQ(starts[k], static_cast<int>(k) * 7);
    EXPECT_EQ(canvases.made(), 4); // one canvas per lane, reused for its segments
}

namespace {

/// Runs frames [0, 40) in segments of 5 on `lanes` lanes, frames i and i + 1 showing the
/// same picture when i / 3 is the same: the drawing says so by returning false, as a canvas
/// already showing the picture draws nothing. Gives each frame's picture and, in `repeats`,
/// the frames handed on as repeats.
std::vector<int> runByThirds(int lanes, std::vector<int>& repeats) {
    PixelCanvases canvases;
    std::vector<int> starts;
    std::vector<int> out;
    std::mutex mutex;
    std::map<const RasterCanvas*, int> shown;
    runSegments(
        {{1, 1}, 0, 40, 5, lanes}, canvases,
        [&](RasterCanvas& canvas, int i) {
            {
                const std::scoped_lock lock(mutex);
                auto [at, added] = shown.try_emplace(&canvas, -1);
                if (!added && at->second == i / 3)
                    return false;
                at->second = i / 3;
            }
            dynamic_cast<PixelCanvas&>(canvas).mark(i / 3);
            return true;
        },
        [&](int first, int /*last*/) {
            return std::make_unique<Collect>(out, starts, first, repeats);
        });
    std::sort(repeats.begin(), repeats.end());
    return out;
}

} // namespace

TEST(FrameLoop, AFrameTheCanvasShowsAlreadyIsRepeatedExceptFirstInItsSegment) {
    std::vector<int> expected;
    std::vector<int> expectedRepeats;
    for (int i = 0; i < 40; ++i) {
        expected.push_back(i / 3);
        // Repeated: the same picture as the frame before it, in the same segment of 5.
        if (i % 5 != 0 && i % 3 != 0)
            expectedRepeats.push_back(i);
    }
    std::vector<int> oneLaneRepeats;
    EXPECT_EQ(runByThirds(1, oneLaneRepeats), expected);
    EXPECT_EQ(oneLaneRepeats, expectedRepeats);
    // A lane may draw a segment after another lane's, so some frames a single lane would
    // repeat are drawn anew; none is repeated that a single lane would draw.
    std::vector<int> repeats;
    EXPECT_EQ(runByThirds(3, repeats), expected);
    for (int r : repeats)
        EXPECT_TRUE(std::find(expectedRepeats.begin(), expectedRepeats.end(), r) !=
                    expectedRepeats.end())
            << "frame " << r << " repeated";
}
