// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace mapreel::adapters {

struct VideoSettings {
    int width = 1920;
    int height = 1080;
    int fps = 30;
    int crf = 20; ///< quality: lower is better (x264 CRF, 0..51)
    std::string preset = "veryfast";
    std::string container; ///< "mp4" (default from the extension)
};

/// Encodes BGRA frames to H.264 in MP4 (yuv420p, closed GOP, +faststart) with libav.
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
