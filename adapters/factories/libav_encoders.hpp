// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/publish/video.hpp"

namespace mapreel::adapters {

/// The library's video files written with libav (adapters/av): H.264 in MP4, VP9 in WebM,
/// GIF.
class LibavEncoders final : public publish::VideoEncoders {
public:
    [[nodiscard]] std::unique_ptr<render::FrameSink> open(const std::string& path,
                                                          publish::VideoSpec spec) override;
    [[nodiscard]] int segmentLength(publish::VideoFormat format, int fps) const override;
};

} // namespace mapreel::adapters
