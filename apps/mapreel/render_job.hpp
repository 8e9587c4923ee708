// SPDX-License-Identifier: MIT
#pragma once

#include "av/video_encoder.hpp"

#include "mapreel/timeline/timeline.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mapreel::cli {

/// The codec a video file name asks for: `.mp4` H.264, `.webm` VP9; nullopt otherwise.
[[nodiscard]] std::optional<adapters::VideoCodec> codecForPath(const std::string& path);

/// Encoder settings for a video of `w`x`h` at the timeline's rate, by the path's extension.
[[nodiscard]] adapters::VideoSettings videoSettings(const std::string& path, int w, int h, int fps,
                                                    int crf);

/// A video file being written: where (usually an OutputFile's temporary path) and how.
struct VideoTarget {
    std::string path;
    adapters::VideoSettings settings;
};

/// Draws frames [first, last) of `tl` at `w`x`h` once each and encodes every frame into
/// every target, so an MP4 and a WebM cost one rendering pass. Throws EncodeError,
/// Interrupted; the targets are complete when it returns.
void renderVideo(const timeline::Timeline& tl, int w, int h, int first, int last,
                 const std::vector<VideoTarget>& targets, bool showProgress);

/// Draws the frame at narrative time `t` at `w`x`h` and writes it as PNG to `path`.
void renderPng(const timeline::Timeline& tl, double t, int w, int h, const std::string& path);

} // namespace mapreel::cli
