// SPDX-License-Identifier: MIT
#pragma once

// The inside of VideoEncoder and VideoSegment, shared by the files that implement them:
// video_encoder.cpp (the container and the video stream), segment.cpp (one run of frames
// on its own encoder), gif.cpp (palettes through libavfilter), subtitles.cpp (captions) and
// audio_io.cpp (the narration track, and reading and resampling audio).

#include "av/handles.hpp"
#include "video_encoder.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mapreel::adapters {

/// Seconds as whole milliseconds, never negative.
std::int64_t toMillis(double seconds);

/// A cue's text as an ASS dialogue line (`ReadOrder,Layer,Style,Name,...,Text`). ASS has no
/// escapes: braces would open override blocks and a backslash a control code, so they
/// become look-alikes. WebVTT output is escaped like the sidecar .vtt file.
std::string assDialogue(int order, const std::string& text, bool webvtt);

/// The arguments of a libavfilter buffer source of frames of that size and format.
std::string bufferArgs(int w, int h, AVPixelFormat format, int fps);

/// Copies `h` rows of BGRA pixels into a frame's first plane.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): width, height, as everywhere in libav.
void copyRows(AVFrame* frame, const std::uint8_t* bgra, int stride, int w, int h);

/// A new empty frame; throws EncodeError when out of memory.
FramePtr allocFrame();

/// An opened video encoder for `s`. Called for every segment, on any thread: it reads
/// nothing but its arguments.
CodecContextPtr newVideoContext(const VideoSettings& s, const AVCodec* codec, bool globalHeader);

/// A libavfilter graph fed by buffer sources `in0`, `in1`, ... and read from one sink `out`.
class FilterGraph {
public:
    FilterGraph(const std::string& description, const std::vector<std::string>& sourceArgs);
    ~FilterGraph() = default;
    FilterGraph(const FilterGraph&) = delete;
    FilterGraph& operator=(const FilterGraph&) = delete;
    FilterGraph(FilterGraph&&) = delete;
    FilterGraph& operator=(FilterGraph&&) = delete;

    /// Pushes `frame` (kept by the caller) into source `i`; null ends that input.
    void push(std::size_t i, AVFrame* frame);
    /// The next filtered frame into `frame`; false when none is ready (or the end).
    bool pull(AVFrame* frame);

private:
    FilterGraphPtr graph_;
    std::vector<AVFilterContext*> sources_; ///< owned by graph_
    AVFilterContext* sink_ = nullptr;       ///< owned by graph_
};

/// One segment's encoder, colour converter and the packets it has made.
class VideoSegment::Impl {
public:
    Impl(const VideoSettings& s, const AVCodec* codec, bool globalHeader, long firstFrame);
    ~Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void encode(const AVFrame* f);

    int width;
    int height;
    long first; ///< frame number (in the video) of the segment's first frame
    long next;  ///< frame number of the next frame written
    bool finished = false;
    AVRational timeBase; ///< of the packets
    /// The encoder and its buffers, released when the segment is finished: finished
    /// segments wait for their turn to be written holding only their packets.
    CodecContextPtr ctx;
    FramePtr frame;
    PacketPtr packet;
    std::vector<PacketPtr> packets; ///< encoded, in decoding order, on timeBase
};

/// The output file: its container, its video stream (GIF: and the one encoder), and the
/// narration and caption tracks muxed with it.
class VideoEncoder::Impl {
public:
    Impl(const std::string& path, const VideoSettings& s);

    ~Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void openVideo();

    [[nodiscard]] bool globalHeader() const noexcept {
        return (fmt->oformat->flags & AVFMT_GLOBALHEADER) != 0;
    }

    void openAudio(bool vp9);

    void openSubtitles(bool webm);

    void addChapters() const;

    void drain(AVCodecContext* c, AVStream* st, AVFrame* f) const;

    /// Writes the subtitle cues that start before `seconds`.
    void writeSubtitlesBefore(double seconds);

    /// Mixes the narration into the audio frame for samples [first, first + n).
    void mixAudio(std::int64_t first, int n);

    /// Encodes audio up to sample `until` (whole frames only unless `final`).
    void writeAudioUntil(std::int64_t until, bool final);

    [[nodiscard]] std::int64_t audioSamplesAt(long frames) const {
        return av_rescale(frames, kAudioRate, settings.fps);
    }

    /// Builds the paletteuse graph from the palette statistics gathered so far.
    void makePalette();

    void addPaletteSample(const std::uint8_t* bgra, int stride);

    void encodeFiltered() const;

    void writeGif(const std::uint8_t* bgra, int stride);

    /// Writes a finished segment's packets, then the narration and captions up to its end.
    void mux(VideoSegment::Impl& seg);

    std::string file; ///< where the video is written, for error messages
    VideoSettings settings;
    bool gif = false;
    bool mp4 = false;
    OutputPtr fmt;
    AVStream* stream = nullptr; ///< owned by fmt
    const AVCodec* videoCodec = nullptr;
    CodecContextPtr ctx; ///< GIF only: the segments open their own
    PacketPtr packet;
    long count = 0;                        ///< frames muxed (GIF: encoded)
    long given = 0;                        ///< frames given to write()
    std::unique_ptr<VideoSegment> current; ///< the segment write() fills
    bool finished = false;
    // GIF
    FramePtr bgraFrame;
    FramePtr filtered;
    FramePtr palette;
    std::unique_ptr<FilterGraph> paletteGen;
    std::unique_ptr<FilterGraph> paletteUse;
    std::int64_t samples = 0;
    // narration
    AVStream* audioStream = nullptr;
    CodecContextPtr audioCtx;
    FramePtr audioFrame;
    int audioFrameSize = 1024;
    std::int64_t audioPos = 0;
    std::size_t firstClip = 0;
    // captions
    AVStream* subStream = nullptr;
    CodecContextPtr subCtx;
    std::vector<std::uint8_t> subBuffer;
    std::size_t nextCue = 0;
    bool subWebVtt = false;
};

} // namespace mapreel::adapters
