// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace mapreel::adapters {

/// The video codecs mapreel writes.
enum class VideoCodec {
    H264, ///< libx264, for MP4
    Vp9,  ///< libvpx-vp9, for WebM
};

struct VideoSettings {
    int width = 1920;
    int height = 1080;
    int fps = 30;
    int crf = 20; ///< quality on x264's CRF scale, 0 (lossless) .. 51; VP9 maps it to its own
    std::string preset = "veryfast"; ///< x264 preset (H.264 only)
    std::string container;           ///< libav muxer name ("mp4", "webm"); empty: from the path
    VideoCodec codec = VideoCodec::H264;
};

/// The VP9 CRF (0..63) matching an x264 CRF: x264 20 looks about like VP9 31, the
/// constant-quality level commonly recommended for 1080p VP9.
[[nodiscard]] int vp9Crf(int x264Crf) noexcept;

/// Encodes BGRA frames with libav: H.264 in MP4 (High profile, +faststart) or VP9 in WebM
/// (constant quality, row multithreading), both yuv420p BT.709 with closed, regular GOPs.
class VideoEncoder {
public:
    /// Opens `path` for writing; throws EncodeError (with libav's message).
    VideoEncoder(const std::string& path, const VideoSettings& settings);
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    /// Encodes one premultiplied BGRA frame (`stride` bytes per row).
    void write(const std::uint8_t* bgra, int stride);
    /// Flushes the encoder and writes the trailer; the file is complete after this.
    void finish();
    [[nodiscard]] long framesWritten() const noexcept;

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

} // namespace mapreel::adapters
