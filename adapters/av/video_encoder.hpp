// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/publish/captions.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mapreel::adapters {

/// The video codecs mapreel writes.
enum class VideoCodec {
    H264, ///< libx264, for MP4
    Vp9,  ///< libvpx-vp9, for WebM
    Gif,  ///< 256-colour GIF with a palette computed for the animation
};

/// How a GIF spreads the error of its 256 colours.
enum class Dither {
    None,  ///< nearest colour: flat areas stay flat, gradients band
    Bayer, ///< ordered pattern: stable from frame to frame, compresses well
    Floyd, ///< Floyd-Steinberg error diffusion: smoothest stills, shimmers in motion
};

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

/// A chunk of a story's frames as recorded in a video by VideoEncoder.
struct ChunkInfo {
    long first = 0;  ///< story frame number of the chunk's first frame
    long count = 0;  ///< frames in the chunk
    long total = 0;  ///< frames in the whole story
    int segment = 0; ///< encoder segment length in frames; 0: one segment
};

struct VideoSettings {
    int width = 1920;
    int height = 1080;
    int fps = 30;
    int crf = 20; ///< quality on x264's CRF scale, 0 (lossless) .. 51; VP9 maps it to its own
    std::string preset = "veryfast"; ///< x264 preset (H.264 only)
    std::string container; ///< libav muxer name ("mp4", "webm", "gif"); empty: from the path
    VideoCodec codec = VideoCodec::H264;
    Dither dither = Dither::Bayer; ///< GIF only
    /// Captions embedded as a subtitle track (mov_text in MP4, WebVTT in WebM); seconds
    /// on the video's clock. Ignored for GIF.
    std::vector<publish::Cue> subtitles;
    /// Chapter marks (title = text) in MP4 and WebM; seconds on the video's clock.
    std::vector<publish::Cue> chapters;
    /// ISO 639-1 or 639-2 code of the captions and narration ("en", "fr"); may be empty.
    std::string language;
    /// Narration muxed as AAC (MP4) or Opus (WebM); null for a silent video.
    std::shared_ptr<const AudioTrack> audio;
    /// Where these frames sit in the story, recorded in the file so that chunks of one
    /// story can be checked and joined (concatVideos). With `chunk.segment` > 0 the encoder
    /// restarts at every story frame number that is a multiple of it, so a chunk starting
    /// there encodes exactly as the same frames do within a whole run.
    ChunkInfo chunk;
};

/// Threads of every VP9 encoder, on any machine: libvpx gives the same bitstream only for
/// the same thread count. (H.264 segments use one x264 thread each.)
inline constexpr int kVp9Threads = 4;

/// The encoder segment length for `codec` at `fps`: two seconds of frames (a whole number
/// of keyframe intervals at even frame rates), short enough for a one-minute video to keep
/// many threads busy; 0 for GIF, which is one stream.
[[nodiscard]] int segmentLength(VideoCodec codec, int fps) noexcept;

/// The metadata text VideoEncoder writes for `s` (and that parseSegmentTag reads back).
[[nodiscard]] std::string segmentTag(const ChunkInfo& chunk);
/// The chunk recorded in a video's metadata by VideoEncoder; nullopt when there is none.
[[nodiscard]] std::optional<ChunkInfo> parseSegmentTag(const std::string& text);

/// The VP9 CRF (0..63) matching an x264 CRF: x264 20 looks about like VP9 31, the
/// constant-quality level commonly recommended for 1080p VP9.
[[nodiscard]] int vp9Crf(int x264Crf) noexcept;

/// ISO 639-2/B code for an ISO 639-1 code of a common language ("en" -> "eng"); a
/// three-letter code unchanged; "und" otherwise.
[[nodiscard]] std::string languageCode3(const std::string& lang);

/// A run of a video's frames encoded on its own: its own encoder, starting on a keyframe
/// and needing no frame outside it. Several segments can be encoded at once, each on its
/// own thread; VideoEncoder::mux then writes them in frame order.
class VideoSegment {
public:
    ~VideoSegment();
    VideoSegment(const VideoSegment&) = delete;
    VideoSegment& operator=(const VideoSegment&) = delete;
    VideoSegment(VideoSegment&&) = delete;
    VideoSegment& operator=(VideoSegment&&) = delete;

    /// Encodes one premultiplied BGRA frame (`stride` bytes per row).
    void write(const std::uint8_t* bgra, int stride);
    /// Encodes the last frame written again, from the planes converted for it: the same
    /// bytes as writing its pixels again, without the colour conversion. At least one
    /// frame must have been written to the segment.
    void repeat();
    /// Flushes the encoder: the segment's packets are all made. Called by mux() if needed,
    /// but best on the thread that wrote the frames, where the work belongs.
    void finish();
    [[nodiscard]] long frames() const noexcept;

private:
    friend class VideoEncoder;
    class Impl;
    explicit VideoSegment(std::unique_ptr<Impl> impl);
    const std::unique_ptr<Impl> impl_;
};

/// Encodes BGRA frames with libav: H.264 in MP4 (High profile, +faststart) or VP9 in WebM
/// (constant quality, row multithreading), both yuv420p BT.709 with closed, regular GOPs,
/// with optional subtitle, chapter and narration tracks; or a GIF through libavfilter's
/// palettegen/paletteuse.
class VideoEncoder {
public:
    /// Opens `path` for writing; throws EncodeError (with libav's message).
    VideoEncoder(const std::string& path, const VideoSettings& settings);
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;
    VideoEncoder(VideoEncoder&&) = delete;
    VideoEncoder& operator=(VideoEncoder&&) = delete;

    /// Whether frames must be shown to addPaletteSample() before the first write() (GIF).
    [[nodiscard]] bool needsPalette() const noexcept;
    /// Adds one premultiplied BGRA frame to the statistics the GIF palette is made from.
    void addPaletteSample(const std::uint8_t* bgra, int stride);
    /// Encodes one premultiplied BGRA frame (`stride` bytes per row), with the narration
    /// and captions up to its end.
    void write(const std::uint8_t* bgra, int stride);
    /// Whether frames can be encoded in segments on several threads (all but GIF).
    [[nodiscard]] bool segmented() const noexcept;
    /// A segment starting at frame `index` of this video (0: the first frame it holds).
    /// Its frames must end where the next segment starts: at a multiple of
    /// settings.chunk.segment in story frames, or at the end. Safe to call from any thread.
    [[nodiscard]] std::unique_ptr<VideoSegment> openSegment(long index) const;
    /// Writes a segment (finishing it first), then the narration and captions up to its
    /// end. Segments must come in frame order, without a gap; not mixed with write().
    void mux(VideoSegment& segment);
    /// Flushes the encoders and writes the trailer; the file is complete after this.
    void finish();
    [[nodiscard]] long framesWritten() const noexcept;

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

/// Decodes the first audio stream of any file FFmpeg reads to mono at kAudioRate.
/// Throws DataError naming the file and libav's reason.
[[nodiscard]] std::vector<float> decodeAudioFile(const std::string& path);

/// Resamples mono 16-bit PCM at `rate` to float at kAudioRate.
[[nodiscard]] std::vector<float> resampleToAudioRate(const std::vector<std::int16_t>& pcm,
                                                     int rate);

} // namespace mapreel::adapters
