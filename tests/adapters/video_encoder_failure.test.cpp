// SPDX-License-Identifier: MIT
// The libav owners free what they have made when they fail half way: every object an encoder
// or a segment opens is a handle. Run under AddressSanitizer (make test-sanitize), a leak
// fails the test.
#include "av/concat.hpp"
#include "av/video_encoder.hpp"

#include "mapreel/core/error.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/mem.h>
}

using namespace mapreel;
using adapters::VideoCodec;
using adapters::VideoEncoder;
using adapters::VideoSettings;

namespace {

namespace fs = std::filesystem;

/// A folder that does not exist: opening a file in it fails after the streams, encoders,
/// chapters and captions are all made, just before the header is written.
const std::string kMissingDir = "/nonexistent-mapreel-test-dir";

/// Small settings with every track: narration, captions, chapters and the chunk tag.
VideoSettings everything(VideoCodec codec) {
    VideoSettings s;
    s.width = 64;
    s.height = 48;
    s.fps = 10;
    s.codec = codec;
    s.language = "en";
    s.subtitles = {{0.0, 1.0, "first"}, {1.0, 2.0, "second"}};
    s.chapters = {{0.0, 1.0, "One"}, {1.0, 2.0, "Two"}};
    auto audio = std::make_shared<adapters::AudioTrack>();
    audio->clips.push_back({0.0, std::vector<float>(adapters::kAudioRate / 2, 0.25F)});
    s.audio = audio;
    s.chunk = {0, 20, 20, adapters::segmentLength(codec, s.fps)};
    return s;
}

/// Restores libav's allocation limit however the test ends.
struct AllocLimit {
    explicit AllocLimit(std::size_t bytes) { av_max_alloc(bytes); }
    ~AllocLimit() { av_max_alloc(static_cast<std::size_t>(INT32_MAX)); }
    AllocLimit(const AllocLimit&) = delete;
    AllocLimit& operator=(const AllocLimit&) = delete;
    AllocLimit(AllocLimit&&) = delete;
    AllocLimit& operator=(AllocLimit&&) = delete;
};

/// One BGRA frame of `s`, in bytes.
std::size_t frameBytes(const VideoSettings& s) {
    return static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height) * 4;
}

fs::path tempFile(const std::string& name) {
    return fs::temp_directory_path() / ("mapreel-encoder-failure-" + name);
}

} // namespace

TEST(VideoEncoderFailure, Mp4WithEveryTrackFailsToOpenItsFile) {
    EXPECT_THROW(VideoEncoder(kMissingDir + "/x.mp4", everything(VideoCodec::H264)), Error);
}

TEST(VideoEncoderFailure, WebmWithEveryTrackFailsToOpenItsFile) {
    EXPECT_THROW(VideoEncoder(kMissingDir + "/x.webm", everything(VideoCodec::Vp9)), Error);
}

TEST(VideoEncoderFailure, GifFailsToOpenItsFile) {
    EXPECT_THROW(VideoEncoder(kMissingDir + "/x.gif", everything(VideoCodec::Gif)), Error);
}

TEST(VideoEncoderFailure, UnknownPresetFailsAfterTheContainerIsMade) {
    VideoSettings s = everything(VideoCodec::H264);
    s.preset = "no-such-preset";
    const auto path = tempFile("preset.mp4");
    EXPECT_THROW(VideoEncoder(path.string(), s), EncodeError);
    fs::remove(path);
}

TEST(VideoEncoderFailure, SegmentFailsAfterItsEncoderIsOpen) {
    // The segment's encoder opens (small allocations), then its frame buffer (a plane of
    // 256 KiB) is refused: the encoder already open must be freed.
    VideoSettings s = everything(VideoCodec::H264);
    s.width = 512;
    s.height = 512;
    const auto path = tempFile("segment.mp4");
    {
        VideoEncoder encoder(path.string(), s);
        const AllocLimit limit(128 * 1024);
        try {
            const auto segment = encoder.openSegment(0);
            ADD_FAILURE() << "the segment opened despite the allocation limit";
        } catch (const EncodeError& e) {
            EXPECT_NE(std::string(e.what()).find("cannot allocate"), std::string::npos) << e.what();
        }
    }
    fs::remove(path);
}

TEST(VideoEncoderFailure, AnEncoderDroppedUnfinishedFreesEverything) {
    // Dropped mid-segment without finish() (as when rendering a frame throws): the encoder,
    // its open segment, the packets it holds and its file are all freed.
    VideoSettings s = everything(VideoCodec::H264);
    const auto path = tempFile("write.mp4");
    {
        VideoEncoder encoder(path.string(), s);
        const std::vector<std::uint8_t> frame(frameBytes(s), 90);
        for (int i = 0; i < 25; ++i)
            encoder.write(frame.data(), s.width * 4);
    }
    fs::remove(path);
}

TEST(VideoEncoderFailure, AudioThatIsNoAudioIsRefused) {
    const auto path = tempFile("not-audio.wav");
    std::ofstream(path) << "RIFF but not really a wave file";
    EXPECT_THROW((void)adapters::decodeAudioFile(path.string()), DataError);
    fs::remove(path);
}

TEST(VideoEncoderFailure, ConcatOfAFileThatIsNoChunkIsRefused) {
    VideoSettings s = everything(VideoCodec::H264);
    s.chunk = {};
    const auto chunk = tempFile("not-a-chunk.mp4");
    {
        VideoEncoder encoder(chunk.string(), s);
        const std::vector<std::uint8_t> frame(frameBytes(s), 90);
        for (int i = 0; i < 5; ++i)
            encoder.write(frame.data(), s.width * 4);
        encoder.finish();
    }
    const auto out = tempFile("joined.mp4");
    EXPECT_THROW((void)adapters::concatVideos({chunk.string()}, out.string()), EncodeError);
    fs::remove(chunk);
    fs::remove(out);
}
