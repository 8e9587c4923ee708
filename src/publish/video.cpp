// SPDX-License-Identifier: MIT
#include "mapreel/publish/video.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace mapreel::publish {

std::optional<VideoFormat> videoFormatForPath(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".mp4")
        return VideoFormat::Mp4;
    if (ext == ".webm")
        return VideoFormat::WebM;
    if (ext == ".gif")
        return VideoFormat::Gif;
    return std::nullopt;
}

namespace {

constexpr int kGifDefaultWidth = 640;
constexpr int kGifDefaultFps = 10;
constexpr double kHugeGifPixels = 3.0e8; ///< pixels x frames beyond which a GIF is huge
constexpr int kHugeGifWidth = 1280;      ///< wider GIFs are huge whatever their length

} // namespace

PixelSize gifSize(PixelSize canvas) {
    if (canvas.width <= kGifDefaultWidth)
        return canvas;
    const auto height =
        std::lround(static_cast<double>(canvas.height) * kGifDefaultWidth / canvas.width / 2.0);
    return {kGifDefaultWidth, std::max(16, static_cast<int>(height) * 2)};
}

int gifFps(int storyFps) {
    return std::min(kGifDefaultFps, storyFps);
}

bool hugeGif(PixelSize size, int frames) {
    const double pixels = static_cast<double>(size.width) * size.height * frames;
    return pixels > kHugeGifPixels || size.width > kHugeGifWidth;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): fps then crf, as VideoSpec has them.
VideoSpec videoSpec(const std::string& path, PixelSize size, int fps, int crf) {
    VideoSpec spec;
    spec.size = size;
    spec.fps = fps;
    spec.crf = crf;
    spec.format = videoFormatForPath(path).value_or(VideoFormat::Mp4);
    return spec;
}

void renderVideos(const timeline::Timeline& tl, render::CanvasFactory& canvases,
                  VideoEncoders& encoders, std::vector<VideoTarget> targets, const VideoRun& run) {
    const int fps = tl.clock().fps();
    const int segment = encoders.segmentLength(
        targets.empty() ? VideoFormat::Mp4 : targets.front().spec.format, fps);
    std::vector<std::unique_ptr<render::FrameSink>> sinks;
    sinks.reserve(targets.size());
    for (auto& t : targets) {
        if (t.spec.span.total == 0)
            t.spec.span = {run.first, run.last - run.first, tl.clock().frameCount(),
                           encoders.segmentLength(t.spec.format, fps)};
        sinks.push_back(encoders.open(t.path, std::move(t.spec)));
    }
    render::FrameRun frames;
    frames.size = run.size;
    frames.first = run.first;
    frames.last = run.last;
    frames.segment = segment;
    frames.threads = run.threads;
    for (const auto& s : sinks)
        frames.sinks.push_back(s.get());
    frames.pngPath = run.pngPath;
    frames.progress = run.progress;
    render::renderFrames(tl, canvases, frames);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a window is from, then to.
std::vector<Cue> windowCues(const std::vector<Cue>& cues, double from, double to) {
    std::vector<Cue> out;
    for (const auto& c : cues) {
        const double s = std::max(c.start, from);
        const double e = std::min(c.end, to);
        if (e - s < 0.01)
            continue;
        out.push_back({s - from, e - from, c.text, c.id});
    }
    return out;
}

} // namespace mapreel::publish
