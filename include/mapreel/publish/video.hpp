// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/render/frame_sink.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// Video files: what one is asked to hold, and the encoders (an adapter) that write it.
namespace mapreel::publish {

/// The video formats mapreel writes.
enum class VideoFormat {
    Mp4,  ///< H.264 in MP4
    WebM, ///< VP9 in WebM
    Gif,  ///< 256-colour GIF with a palette computed for the animation
};

/// The format a file name asks for (`.mp4`, `.webm`, `.gif`); nullopt otherwise.
[[nodiscard]] std::optional<VideoFormat> videoFormatForPath(const std::string& path);

/// A GIF's size when none is asked for: the canvas, at most 640 wide (GIFs are for pages
/// and chats, not screens).
[[nodiscard]] PixelSize gifSize(PixelSize canvas);
/// A GIF's frame rate when none is asked for: the story's, at most 10 (GIF delays are
/// centiseconds).
[[nodiscard]] int gifFps(int storyFps);
/// Whether a GIF of `frames` frames at `size` is very large (GIFs compress poorly).
[[nodiscard]] bool hugeGif(PixelSize size, int frames);

/// How a GIF spreads the error of its 256 colours.
enum class Dither { None, Bayer, Floyd };

/// Sample rate of every narration track mapreel writes (AAC and Opus both prefer it).
inline constexpr int kAudioRate = 48000;

/// A mono recording placed on the video's clock.
struct AudioClip {
    double start = 0;           ///< seconds from the first frame of the video
    std::vector<float> samples; ///< mono, kAudioRate per second, in [-1, 1]
};

/// The narration of a video: clips mixed over silence.
struct AudioTrack {
    std::vector<AudioClip> clips; ///< sorted by start
};

/// Where a video's frames sit in the story, recorded in the file so that chunks of one
/// story can be checked and joined.
struct FrameSpan {
    long first = 0;  ///< story frame number of the first frame
    long count = 0;  ///< frames in the video
    long total = 0;  ///< frames in the whole story
    int segment = 0; ///< encoder segment length in frames; 0: one segment
};

/// What a video file holds beyond its frames, and how it is encoded.
struct VideoSpec {
    PixelSize size;
    int fps = 30;
    int crf = 20; ///< quality on x264's CRF scale, 0 (lossless) .. 51
    VideoFormat format = VideoFormat::Mp4;
    Dither dither = Dither::Bayer;     ///< GIF only
    std::string language;              ///< of the captions and narration; may be empty
    std::vector<Cue> subtitles;        ///< embedded captions, seconds on the video's clock
    std::vector<Cue> chapters;         ///< chapter marks, seconds on the video's clock
    std::shared_ptr<AudioTrack> audio; ///< narration; null for a silent video
    FrameSpan span;                    ///< total == 0: the whole run, as renderVideos sets it
};

/// Opens video files for writing; implemented by an adapter (libav).
class VideoEncoders {
public:
    VideoEncoders() = default;
    virtual ~VideoEncoders() = default;
    VideoEncoders(const VideoEncoders&) = delete;
    VideoEncoders& operator=(const VideoEncoders&) = delete;
    VideoEncoders(VideoEncoders&&) = delete;
    VideoEncoders& operator=(VideoEncoders&&) = delete;

    /// A sink writing `path` as `spec` says; its audio clips may be moved out. Throws
    /// EncodeError.
    [[nodiscard]] virtual std::unique_ptr<render::FrameSink> open(const std::string& path,
                                                                  VideoSpec spec) = 0;
    /// The encoder segment length of `format` at `fps` in frames; 0 for one stream (GIF).
    [[nodiscard]] virtual int segmentLength(VideoFormat format, int fps) const = 0;
};

/// A video file to write: where (usually an OutputFile's temporary path) and what.
struct VideoTarget {
    std::string path;
    VideoSpec spec;
};

/// The spec of a video of `size` at `fps` and quality `crf`, in the format `path` names
/// (MP4 when it names none).
[[nodiscard]] VideoSpec videoSpec(const std::string& path, PixelSize size, int fps, int crf);

/// What renderVideos() draws: frames [first, last) at `size`.
struct VideoRun {
    PixelSize size;
    int first = 0;
    int last = 0;
    int threads = 0; ///< 0: one per core
    /// When set, every frame is also written as a PNG file at this path.
    std::function<std::string(int frame)> pngPath;
    /// Told of each frame drawn: frames done, frames in all, seconds since the first.
    std::function<void(int done, int total, double seconds)> progress;
};

/// Draws the frames of `run` once each and encodes every frame into every target, so an
/// MP4 and a WebM cost one rendering pass (no target: the frames are only drawn, or
/// written as PNG files). A target whose span has no total gets the run's. Throws
/// EncodeError, IoError, Interrupted; the targets are complete when it returns.
void renderVideos(const timeline::Timeline& tl, render::CanvasFactory& canvases,
                  VideoEncoders& encoders, std::vector<VideoTarget> targets, const VideoRun& run);

/// `cues` cut to the window [from, to) and shifted so that `from` is 0; cues that fall
/// outside vanish.
[[nodiscard]] std::vector<Cue> windowCues(const std::vector<Cue>& cues, double from, double to);

} // namespace mapreel::publish
