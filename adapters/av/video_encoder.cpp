// SPDX-License-Identifier: MIT
#include "video_encoder.hpp"

#include "av/handles.hpp"
#include "av_check.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <span>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace mapreel::adapters {

namespace {

std::int64_t toMillis(double seconds) {
    return std::llround(std::max(0.0, seconds) * 1000.0);
}

/// An ASS style header: both libav subtitle encoders (mov_text, webvtt) read their
/// input as ASS dialogue and refuse to open without one.
constexpr std::string_view kAssHeader = "[Script Info]\n"
                                        "ScriptType: v4.00+\n"
                                        "PlayResX: 384\n"
                                        "PlayResY: 288\n"
                                        "\n"
                                        "[V4+ Styles]\n"
                                        "Format: Name, Fontname, Fontsize, PrimaryColour, "
                                        "SecondaryColour, OutlineColour, BackColour, Bold, "
                                        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, "
                                        "Angle, BorderStyle, Outline, Shadow, Alignment, "
                                        "MarginL, MarginR, MarginV, Encoding\n"
                                        "Style: Default,Noto Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,"
                                        "0,0,0,100,100,0,0,1,1,0,2,10,10,10,0\n"
                                        "\n"
                                        "[Events]\n"
                                        "Format: Layer, Start, End, Style, Name, MarginL, "
                                        "MarginR, MarginV, Effect, Text\n";

/// A cue's text as an ASS dialogue line (`ReadOrder,Layer,Style,Name,...,Text`). ASS has no
/// escapes: braces would open override blocks and a backslash a control code, so they
/// become look-alikes. WebVTT output is escaped like the sidecar .vtt file.
std::string assDialogue(int order, const std::string& text, bool webvtt) {
    std::string body;
    body.reserve(text.size() + 16);
    for (const char c : text) {
        switch (c) {
        case '\n':
            body += "\\N";
            break;
        case '\r':
            break;
        case '{':
            body += '(';
            break;
        case '}':
            body += ')';
            break;
        case '\\':
            body += '/';
            break;
        case '&':
            body += webvtt ? "&amp;" : "&";
            break;
        case '<':
            body += webvtt ? "&lt;" : "<";
            break;
        case '>':
            body += webvtt ? "&gt;" : ">";
            break;
        default:
            body += c;
        }
    }
    return std::to_string(order) + ",0,Default,,0,0,0,," + body;
}

/// A libavfilter graph fed by buffer sources `in0`, `in1`, ... and read from one sink `out`.
class FilterGraph {
public:
    FilterGraph(const std::string& description, const std::vector<std::string>& sourceArgs)
        : graph_(avfilter_graph_alloc()) {
        if (!graph_)
            throw EncodeError("cannot allocate a filter graph");
        const AVFilter* buffer = avfilter_get_by_name("buffer");
        const AVFilter* sink = avfilter_get_by_name("buffersink");
        if (!buffer || !sink)
            throw EncodeError("libavfilter lacks the buffer filters");
        sources_.reserve(sourceArgs.size());
        for (std::size_t i = 0; i < sourceArgs.size(); ++i) {
            AVFilterContext* src = nullptr;
            const std::string name = "in" + std::to_string(i);
            check(avfilter_graph_create_filter(&src, buffer, name.c_str(), sourceArgs[i].c_str(),
                                               nullptr, graph_.get()),
                  "cannot create a filter source");
            sources_.push_back(src);
        }
        FilterInOutPtr outputs;
        FilterInOutPtr inputs(avfilter_inout_alloc());
        for (std::size_t i = sourceArgs.size(); i-- > 0;) {
            AVFilterInOut* io = avfilter_inout_alloc();
            io->name = av_strdup(("in" + std::to_string(i)).c_str());
            io->filter_ctx = sources_[i];
            io->pad_idx = 0;
            io->next = outputs.release();
            outputs.reset(io);
        }
        check(avfilter_graph_create_filter(&sink_, sink, "out", nullptr, nullptr, graph_.get()),
              "cannot create a filter sink");
        inputs->name = av_strdup("out");
        inputs->filter_ctx = sink_;
        inputs->pad_idx = 0;
        inputs->next = nullptr;
        // The parser takes what it links into the graph out of both lists.
        AVFilterInOut* in = inputs.release();
        AVFilterInOut* out = outputs.release();
        const int rc =
            avfilter_graph_parse_ptr(graph_.get(), description.c_str(), &in, &out, nullptr);
        inputs.reset(in);
        outputs.reset(out);
        check(rc, "cannot build the filter graph '" + description + "'");
        check(avfilter_graph_config(graph_.get(), nullptr), "cannot configure the filter graph");
    }
    ~FilterGraph() = default;
    FilterGraph(const FilterGraph&) = delete;
    FilterGraph& operator=(const FilterGraph&) = delete;
    FilterGraph(FilterGraph&&) = delete;
    FilterGraph& operator=(FilterGraph&&) = delete;

    /// Pushes `frame` (kept by the caller) into source `i`; null ends that input.
    void push(std::size_t i, AVFrame* frame) {
        check(av_buffersrc_add_frame_flags(sources_.at(i), frame, AV_BUFFERSRC_FLAG_KEEP_REF),
              "the filter graph refused a frame");
    }
    /// The next filtered frame into `frame`; false when none is ready (or the end).
    bool pull(AVFrame* frame) {
        const int rc = av_buffersink_get_frame(sink_, frame);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return false;
        check(rc, "filtering failed");
        return true;
    }

private:
    FilterGraphPtr graph_;
    std::vector<AVFilterContext*> sources_; ///< owned by graph_
    AVFilterContext* sink_ = nullptr;       ///< owned by graph_
};

std::string bufferArgs(int w, int h, AVPixelFormat format, int fps) {
    return "video_size=" + std::to_string(w) + "x" + std::to_string(h) +
           ":pix_fmt=" + std::to_string(static_cast<int>(format)) + ":time_base=1/" +
           std::to_string(fps) + ":pixel_aspect=1/1";
}

/// Copies `h` rows of BGRA pixels into a frame's first plane.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): width, height, as everywhere in libav.
void copyRows(AVFrame* frame, const std::uint8_t* bgra, int stride, int w, int h) {
    const auto rowBytes = static_cast<std::size_t>(w) * 4;
    const std::span<std::uint8_t> dst(frame->data[0], static_cast<std::size_t>(frame->linesize[0]) *
                                                          static_cast<std::size_t>(h));
    const std::span<const std::uint8_t> src(bgra, static_cast<std::size_t>(stride) *
                                                      static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
        std::memcpy(
            dst.subspan(static_cast<std::size_t>(y) * static_cast<std::size_t>(frame->linesize[0]))
                .data(),
            src.subspan(static_cast<std::size_t>(y) * static_cast<std::size_t>(stride)).data(),
            rowBytes);
}

FramePtr allocFrame() {
    FramePtr f(av_frame_alloc());
    if (!f)
        throw EncodeError("cannot allocate a frame");
    return f;
}

/// An opened video encoder for `s`. Called for every segment, on any thread: it reads
/// nothing but its arguments.
CodecContextPtr newVideoContext(const VideoSettings& s, const AVCodec* codec, bool globalHeader) {
    const bool gif = s.codec == VideoCodec::Gif;
    const bool vp9 = s.codec == VideoCodec::Vp9;
    CodecContextPtr owner(avcodec_alloc_context3(codec));
    if (!owner)
        throw EncodeError("cannot allocate the video encoder");
    AVCodecContext* ctx = owner.get();
    ctx->width = s.width;
    ctx->height = s.height;
    ctx->time_base = AVRational{1, s.fps};
    ctx->framerate = AVRational{s.fps, 1};
    ctx->pix_fmt = gif ? AV_PIX_FMT_PAL8 : AV_PIX_FMT_YUV420P;
    if (!gif) {
        // H.264: a keyframe every half second (YouTube's recommended closed GOP of half
        // the frame rate) keeps seeking to a step exact and quick. VP9 keyframes cost
        // more, so one a second; keyint_min = gop keeps them regular.
        ctx->gop_size = vp9 ? std::max(1, s.fps) : std::max(1, s.fps / 2);
        ctx->keyint_min = ctx->gop_size;
        ctx->max_b_frames = vp9 ? 0 : 2;
        ctx->flags = static_cast<int>(static_cast<unsigned>(ctx->flags) | AV_CODEC_FLAG_CLOSED_GOP);
        ctx->color_range = AVCOL_RANGE_MPEG;
        ctx->colorspace = AVCOL_SPC_BT709;
        ctx->color_primaries = AVCOL_PRI_BT709;
        ctx->color_trc = AVCOL_TRC_BT709;
    }
    // One x264 thread: x264's own threads make its output vary from run to run (seen at
    // segment starts), and a video must decode to the same frames on every run and
    // machine. Segments are encoded side by side instead (see VideoSegment). libvpx's
    // row-based threads are deterministic for a fixed count, so VP9 keeps a fixed four.
    ctx->thread_count = vp9 ? kVp9Threads : 1;
    if (globalHeader)
        ctx->flags =
            static_cast<int>(static_cast<unsigned>(ctx->flags) | AV_CODEC_FLAG_GLOBAL_HEADER);
    AVDictionary* opts = nullptr;
    if (vp9) {
        // Constant quality: crf with b:v 0. "good" with cpu-used 5 is several times faster
        // than the default 1 at a small cost in size; row-mt and tiles use every core.
        ctx->bit_rate = 0;
        av_dict_set(&opts, "crf", std::to_string(vp9Crf(s.crf)).c_str(), 0);
        av_dict_set(&opts, "deadline", "good", 0);
        av_dict_set(&opts, "cpu-used", "5", 0);
        av_dict_set(&opts, "row-mt", "1", 0);
        av_dict_set(&opts, "tile-columns", "2", 0);
        av_dict_set(&opts, "frame-parallel", "0", 0);
        av_dict_set(&opts, "auto-alt-ref", "1", 0);
        av_dict_set(&opts, "lag-in-frames", "25", 0);
    } else if (!gif) {
        av_dict_set(&opts, "preset", s.preset.c_str(), 0);
        av_dict_set(&opts, "crf", std::to_string(s.crf).c_str(), 0);
        // x264's lossless mode (CRF 0) needs the High 4:4:4 Predictive profile, which
        // also carries 4:2:0; every other quality stays in High for the widest playback.
        av_dict_set(&opts, "profile", s.crf == 0 ? "high444" : "high", 0);
        // Scene-cut keyframes would break the regular closed GOP.
        av_dict_set(&opts, "x264-params", "scenecut=0:open-gop=0", 0);
    }
    const int rc = avcodec_open2(ctx, codec, &opts);
    av_dict_free(&opts);
    check(rc, gif   ? "cannot open the GIF encoder"
              : vp9 ? "cannot open the VP9 encoder"
                    : "cannot open the H.264 encoder");
    return owner;
}

} // namespace

int segmentLength(VideoCodec codec, int fps) noexcept {
    constexpr int kSegmentSeconds = 2;
    return codec == VideoCodec::Gif ? 0 : kSegmentSeconds * std::max(1, fps);
}

std::string segmentTag(const ChunkInfo& chunk) {
    return "mapreel chunk: frames " + std::to_string(chunk.first) + "+" +
           std::to_string(chunk.count) + " of " + std::to_string(chunk.total) + ", segment " +
           std::to_string(chunk.segment);
}

std::optional<ChunkInfo> parseSegmentTag(const std::string& text) {
    // The inverse of segmentTag, strictly: anything else is not a mapreel chunk.
    static constexpr std::string_view kPrefix = "mapreel chunk: frames ";
    if (text.rfind(kPrefix, 0) != 0)
        return std::nullopt;
    std::string_view rest(text);
    rest.remove_prefix(kPrefix.size());
    auto number = [&rest](std::string_view after, long& out) {
        const auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out);
        if (ec != std::errc{} || out < 0)
            return false;
        rest.remove_prefix(static_cast<std::size_t>(p - rest.data()));
        if (rest.rfind(after, 0) != 0)
            return false;
        rest.remove_prefix(after.size());
        return true;
    };
    ChunkInfo c;
    long segment = 0;
    if (!number("+", c.first) || !number(" of ", c.count) || !number(", segment ", c.total) ||
        !number("", segment) || !rest.empty() || c.count == 0 || c.first + c.count > c.total ||
        segment > std::numeric_limits<int>::max())
        return std::nullopt;
    c.segment = static_cast<int>(segment);
    return c;
}

int vp9Crf(int x264Crf) noexcept {
    return std::clamp(x264Crf + 11, 0, 63);
}

std::string languageCode3(const std::string& lang) {
    static const std::map<std::string, std::string> kCodes = {
        {"ar", "ara"}, {"cs", "cze"}, {"da", "dan"}, {"de", "ger"}, {"el", "gre"}, {"en", "eng"},
        {"es", "spa"}, {"fi", "fin"}, {"fr", "fre"}, {"he", "heb"}, {"hi", "hin"}, {"hu", "hun"},
        {"id", "ind"}, {"it", "ita"}, {"ja", "jpn"}, {"ko", "kor"}, {"nl", "dut"}, {"no", "nor"},
        {"pl", "pol"}, {"pt", "por"}, {"ro", "rum"}, {"ru", "rus"}, {"sv", "swe"}, {"tr", "tur"},
        {"uk", "ukr"}, {"vi", "vie"}, {"zh", "chi"}};
    std::string base = lang.substr(0, lang.find_first_of("-_"));
    if (base.size() == 3)
        return base;
    const auto it = kCodes.find(base);
    return it == kCodes.end() ? std::string("und") : it->second;
}

/// One segment's encoder, colour converter and the packets it has made.
class VideoSegment::Impl {
public:
    Impl(const VideoSettings& s, const AVCodec* codec, bool globalHeader, long firstFrame)
        : width(s.width), height(s.height), first(firstFrame), next(firstFrame),
          ctx(newVideoContext(s, codec, globalHeader)), frame(allocFrame()) {
        frame->format = ctx->pix_fmt;
        frame->width = s.width;
        frame->height = s.height;
        check(av_frame_get_buffer(frame.get(), 0), "cannot allocate a video frame");
        // The planes' padding is read (not shown) by the encoder: zeroed, it cannot carry
        // whatever the memory held before into the bitstream.
        for (const AVBufferRef* buf : frame->buf)
            if (buf)
                std::memset(buf->data, 0, buf->size);
        sws.reset(sws_getContext(s.width, s.height, AV_PIX_FMT_BGRA, s.width, s.height,
                                 AV_PIX_FMT_YUV420P, SWS_BILINEAR | SWS_ACCURATE_RND, nullptr,
                                 nullptr, nullptr));
        if (!sws)
            throw EncodeError("cannot create the colour converter");
        const int* coeffs = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(sws.get(), coeffs, 1, coeffs, 0, 0, 1 << 16, 1 << 16);
        packet.reset(av_packet_alloc());
        if (!packet)
            throw EncodeError("cannot allocate a packet");
    }
    ~Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void encode(const AVFrame* f) {
        check(avcodec_send_frame(ctx.get(), f), "the encoder refused a frame");
        while (true) {
            const int rc = avcodec_receive_packet(ctx.get(), packet.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return;
            check(rc, "encoding failed");
            PacketPtr kept(av_packet_alloc());
            if (!kept)
                throw EncodeError("cannot allocate a packet");
            av_packet_move_ref(kept.get(), packet.get());
            packets.push_back(std::move(kept));
        }
    }

    int width;
    int height;
    long first; ///< frame number (in the video) of the segment's first frame
    long next;  ///< frame number of the next frame written
    bool finished = false;
    CodecContextPtr ctx;
    FramePtr frame;
    SwsPtr sws;
    PacketPtr packet;
    std::vector<PacketPtr> packets; ///< encoded, in decoding order, on ctx's time base
};

VideoSegment::VideoSegment(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

VideoSegment::~VideoSegment() = default;

void VideoSegment::write(const std::uint8_t* bgra, int stride) {
    auto& seg = *impl_;
    check(av_frame_make_writable(seg.frame.get()), "video frame not writable");
    const std::array<const std::uint8_t*, 1> src = {bgra};
    const std::array<int, 1> srcStride = {stride};
    sws_scale(seg.sws.get(), src.data(), srcStride.data(), 0, seg.height,
              std::data(seg.frame->data), std::data(seg.frame->linesize));
    seg.frame->pts = seg.next++;
    seg.encode(seg.frame.get());
}

void VideoSegment::finish() {
    auto& seg = *impl_;
    if (seg.finished)
        return;
    seg.encode(nullptr);
    seg.finished = true;
}

long VideoSegment::frames() const noexcept {
    return impl_->next - impl_->first;
}

class VideoEncoder::Impl {
public:
    Impl(const std::string& path, const VideoSettings& s)
        : file(path), settings(s), gif(s.codec == VideoCodec::Gif) {
        // libav's own chatter would drown the progress bar; errors still surface as
        // exceptions carrying av_strerror text.
        av_log_set_level(AV_LOG_ERROR);
        const char* format = s.container.empty() ? nullptr : s.container.c_str();
        AVFormatContext* out = nullptr;
        check(avformat_alloc_output_context2(&out, nullptr, format, path.c_str()),
              "cannot create the video container for '" + path + "'");
        fmt.reset(out);
        const bool vp9 = s.codec == VideoCodec::Vp9;
        mp4 = std::string_view(fmt->oformat->name).find("mp4") != std::string_view::npos;
        openVideo();
        if (!gif && s.audio)
            openAudio(vp9);
        if (!gif && !s.subtitles.empty())
            openSubtitles(vp9);
        if (!gif)
            addChapters();
        if (!gif && s.chunk.total > 0)
            av_dict_set(&fmt->metadata, "comment", segmentTag(s.chunk).c_str(), 0);
        if ((fmt->oformat->flags & AVFMT_NOFILE) == 0)
            checkWrite(avio_open(&fmt->pb, path.c_str(), AVIO_FLAG_WRITE), path);
        AVDictionary* muxOpts = nullptr;
        if (mp4)
            av_dict_set(&muxOpts, "movflags", "+faststart", 0);
        const int hr = avformat_write_header(fmt.get(), &muxOpts);
        av_dict_free(&muxOpts);
        checkWrite(hr, path);
        packet.reset(av_packet_alloc());
        if (!packet)
            throw EncodeError("cannot allocate a packet");
    }

    ~Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void openVideo() {
        const auto& s = settings;
        const bool vp9 = s.codec == VideoCodec::Vp9;
        const AVCodec* codec = nullptr;
        if (gif) {
            codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
            if (!codec)
                throw EncodeError("no GIF encoder is available in this FFmpeg build");
        } else if (vp9) {
            codec = avcodec_find_encoder_by_name("libvpx-vp9");
            if (!codec)
                throw EncodeError("no VP9 encoder (libvpx-vp9) is available in this FFmpeg build");
        } else {
            codec = avcodec_find_encoder_by_name("libx264");
            if (!codec)
                codec = avcodec_find_encoder(AV_CODEC_ID_H264);
            if (!codec)
                throw EncodeError("no H.264 encoder is available in this FFmpeg build");
        }
        stream = avformat_new_stream(fmt.get(), nullptr);
        if (!stream)
            throw EncodeError("cannot add a video stream");
        videoCodec = codec;
        // Every segment opens its own encoder with the same settings, so the stream's
        // parameters (H.264's SPS and PPS) come from one opened here; GIF keeps it.
        ctx = newVideoContext(settings, codec, globalHeader());
        check(avcodec_parameters_from_context(stream->codecpar, ctx.get()),
              "cannot set stream parameters");
        stream->time_base = ctx->time_base;
        stream->avg_frame_rate = ctx->framerate;
        if (gif) {
            bgraFrame = allocFrame();
            bgraFrame->format = AV_PIX_FMT_BGRA;
            bgraFrame->width = s.width;
            bgraFrame->height = s.height;
            check(av_frame_get_buffer(bgraFrame.get(), 0), "cannot allocate a video frame");
            filtered = allocFrame();
            palette = allocFrame();
            return;
        }
        ctx.reset();
    }

    [[nodiscard]] bool globalHeader() const noexcept {
        return (fmt->oformat->flags & AVFMT_GLOBALHEADER) != 0;
    }

    void openAudio(bool vp9) {
        const AVCodec* codec = nullptr;
        if (vp9) {
            codec = avcodec_find_encoder_by_name("libopus");
            if (!codec)
                throw EncodeError("no Opus encoder (libopus) is available in this FFmpeg build");
        } else {
            codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
            if (!codec)
                throw EncodeError("no AAC encoder is available in this FFmpeg build");
        }
        audioStream = avformat_new_stream(fmt.get(), nullptr);
        audioCtx.reset(avcodec_alloc_context3(codec));
        if (!audioStream || !audioCtx)
            throw EncodeError("cannot add an audio stream");
        audioCtx->sample_rate = kAudioRate;
        av_channel_layout_default(&audioCtx->ch_layout, 1);
        // Mono speech: 128 kb/s AAC-LC and 64 kb/s Opus are transparent for a voice.
        audioCtx->bit_rate = vp9 ? 64000 : 128000;
        audioCtx->time_base = AVRational{1, kAudioRate};
        audioCtx->sample_fmt = AV_SAMPLE_FMT_NONE;
        for (const AVSampleFormat* f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE;
             std::advance(f, 1))
            if (*f == AV_SAMPLE_FMT_FLTP || *f == AV_SAMPLE_FMT_FLT) {
                audioCtx->sample_fmt = *f;
                break;
            }
        if (audioCtx->sample_fmt == AV_SAMPLE_FMT_NONE)
            throw EncodeError(std::string("the audio encoder ") + codec->name +
                              " takes no float samples");
        if ((fmt->oformat->flags & AVFMT_GLOBALHEADER) != 0)
            audioCtx->flags = static_cast<int>(static_cast<unsigned>(audioCtx->flags) |
                                               AV_CODEC_FLAG_GLOBAL_HEADER);
        check(avcodec_open2(audioCtx.get(), codec, nullptr), "cannot open the audio encoder");
        check(avcodec_parameters_from_context(audioStream->codecpar, audioCtx.get()),
              "cannot set audio stream parameters");
        audioStream->time_base = audioCtx->time_base;
        if (!settings.language.empty())
            av_dict_set(&audioStream->metadata, "language",
                        languageCode3(settings.language).c_str(), 0);
        audioFrameSize = audioCtx->frame_size > 0 ? audioCtx->frame_size : 1024;
        audioFrame = allocFrame();
        audioFrame->format = audioCtx->sample_fmt;
        audioFrame->sample_rate = kAudioRate;
        audioFrame->nb_samples = audioFrameSize;
        check(av_channel_layout_copy(&audioFrame->ch_layout, &audioCtx->ch_layout),
              "cannot set the channel layout");
        check(av_frame_get_buffer(audioFrame.get(), 0), "cannot allocate an audio frame");
    }

    void openSubtitles(bool webm) {
        const AVCodecID id = webm ? AV_CODEC_ID_WEBVTT : AV_CODEC_ID_MOV_TEXT;
        const AVCodec* codec = avcodec_find_encoder(id);
        if (!codec)
            throw EncodeError(webm ? "no WebVTT subtitle encoder in this FFmpeg build"
                                   : "no mov_text subtitle encoder in this FFmpeg build");
        subStream = avformat_new_stream(fmt.get(), nullptr);
        subCtx.reset(avcodec_alloc_context3(codec));
        if (!subStream || !subCtx)
            throw EncodeError("cannot add a subtitle stream");
        subCtx->time_base = AVRational{1, 1000};
        // The codec context owns and frees its header.
        auto* header = static_cast<std::uint8_t*>(av_malloc(kAssHeader.size() + 1));
        if (!header)
            throw EncodeError("cannot allocate the subtitle header");
        std::memcpy(header, kAssHeader.data(), kAssHeader.size());
        std::span(header, kAssHeader.size() + 1)[kAssHeader.size()] = 0;
        subCtx->subtitle_header = header;
        subCtx->subtitle_header_size = static_cast<int>(kAssHeader.size());
        check(avcodec_open2(subCtx.get(), codec, nullptr), "cannot open the subtitle encoder");
        check(avcodec_parameters_from_context(subStream->codecpar, subCtx.get()),
              "cannot set subtitle stream parameters");
        subStream->time_base = subCtx->time_base;
        if (!settings.language.empty())
            av_dict_set(&subStream->metadata, "language", languageCode3(settings.language).c_str(),
                        0);
        av_dict_set(&subStream->metadata, "title", "Narration", 0);
        subWebVtt = webm;
        subBuffer.resize(1 << 16);
    }

    void addChapters() const {
        const auto& chapters = settings.chapters;
        if (chapters.empty())
            return;
        auto** list = static_cast<AVChapter**>(av_calloc(chapters.size(), sizeof(AVChapter*)));
        if (!list)
            throw EncodeError("cannot allocate chapters");
        // The format context owns the list from here on (avformat_free_context frees it).
        fmt->chapters = list;
        const std::span<AVChapter*> out(list, chapters.size());
        for (std::size_t i = 0; i < chapters.size(); ++i) {
            auto* ch = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
            if (!ch)
                throw EncodeError("cannot allocate a chapter");
            out[i] = ch;
            fmt->nb_chapters = static_cast<unsigned>(i + 1);
            ch->id = static_cast<std::int64_t>(i + 1);
            ch->time_base = AVRational{1, 1000};
            ch->start = toMillis(chapters[i].start);
            ch->end = std::max(ch->start + 1, toMillis(chapters[i].end));
            av_dict_set(&ch->metadata, "title", chapters[i].text.c_str(), 0);
        }
    }

    void drain(AVCodecContext* c, AVStream* st, AVFrame* f) const {
        check(avcodec_send_frame(c, f), "the encoder refused a frame");
        while (true) {
            const int rc = avcodec_receive_packet(c, packet.get());
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return;
            check(rc, "encoding failed");
            av_packet_rescale_ts(packet.get(), c->time_base, st->time_base);
            packet->stream_index = st->index;
            checkWrite(av_interleaved_write_frame(fmt.get(), packet.get()), file);
        }
    }

    /// Writes the subtitle cues that start before `seconds`.
    void writeSubtitlesBefore(double seconds) {
        if (!subCtx)
            return;
        const auto& cues = settings.subtitles;
        while (nextCue < cues.size() && cues[nextCue].start < seconds) {
            const auto& cue = cues[nextCue];
            const std::int64_t start = toMillis(cue.start);
            const std::int64_t end = std::max(start + 1, toMillis(cue.end));
            std::string dialogue = assDialogue(static_cast<int>(nextCue), cue.text, subWebVtt);
            AVSubtitleRect rect{};
            rect.type = SUBTITLE_ASS;
            rect.ass = dialogue.data();
            std::array<AVSubtitleRect*, 1> rects = {&rect};
            AVSubtitle sub{};
            sub.format = 1;
            sub.start_display_time = 0;
            sub.end_display_time = static_cast<std::uint32_t>(end - start);
            sub.num_rects = 1;
            sub.rects = rects.data();
            sub.pts = av_rescale_q(start, AVRational{1, 1000}, AV_TIME_BASE_Q);
            const int size = avcodec_encode_subtitle(subCtx.get(), subBuffer.data(),
                                                     static_cast<int>(subBuffer.size()), &sub);
            check(size, "cannot encode a caption");
            av_packet_unref(packet.get());
            check(av_new_packet(packet.get(), size), "cannot allocate a caption packet");
            std::memcpy(packet->data, subBuffer.data(), static_cast<std::size_t>(size));
            packet->pts = av_rescale_q(start, AVRational{1, 1000}, subStream->time_base);
            packet->dts = packet->pts;
            packet->duration = av_rescale_q(end - start, AVRational{1, 1000}, subStream->time_base);
            packet->stream_index = subStream->index;
            checkWrite(av_interleaved_write_frame(fmt.get(), packet.get()), file);
            ++nextCue;
        }
    }

    /// Mixes the narration into the audio frame for samples [first, first + n).
    void mixAudio(std::int64_t first, int n) {
        // Planar or packed, a mono frame is one run of floats.
        const std::span<float> out(reinterpret_cast<float*>(audioFrame->data[0]), // NOLINT
                                   static_cast<std::size_t>(n));
        std::fill(out.begin(), out.end(), 0.0F);
        const auto& clips = settings.audio->clips;
        for (std::size_t c = firstClip; c < clips.size(); ++c) {
            const auto& clip = clips[c];
            const std::int64_t start = std::llround(clip.start * kAudioRate);
            const auto length = static_cast<std::int64_t>(clip.samples.size());
            if (start >= first + n)
                break;
            if (start + length <= first) {
                if (c == firstClip)
                    ++firstClip; // clips are sorted: this one is done for good
                continue;
            }
            const std::int64_t from = std::max(first, start);
            const std::int64_t to = std::min(first + n, start + length);
            for (std::int64_t i = from; i < to; ++i)
                out[static_cast<std::size_t>(i - first)] +=
                    clip.samples[static_cast<std::size_t>(i - start)];
        }
        for (auto& v : out)
            v = std::clamp(v, -1.0F, 1.0F);
    }

    /// Encodes audio up to sample `until` (whole frames only unless `final`).
    void writeAudioUntil(std::int64_t until, bool final) {
        if (!audioCtx)
            return;
        while (audioPos < until) {
            const std::int64_t left = until - audioPos;
            if (left < audioFrameSize && !final)
                return;
            const int n = static_cast<int>(std::min<std::int64_t>(left, audioFrameSize));
            check(av_frame_make_writable(audioFrame.get()), "audio frame not writable");
            audioFrame->nb_samples = n;
            mixAudio(audioPos, n);
            audioFrame->pts = audioPos;
            drain(audioCtx.get(), audioStream, audioFrame.get());
            audioPos += n;
        }
    }

    [[nodiscard]] std::int64_t audioSamplesAt(long frames) const {
        return av_rescale(frames, kAudioRate, settings.fps);
    }

    /// Builds the paletteuse graph from the palette statistics gathered so far.
    void makePalette() {
        if (!paletteGen) // no samples: the palette comes from the first frame alone
            return;
        paletteGen->push(0, nullptr);
        if (!paletteGen->pull(palette.get()))
            throw EncodeError("the GIF palette could not be computed");
        paletteGen.reset();
        const char* dither = settings.dither == Dither::None    ? "none"
                             : settings.dither == Dither::Floyd ? "floyd_steinberg"
                                                                : "bayer:bayer_scale=3";
        paletteUse = std::make_unique<FilterGraph>(
            std::string("[in0][in1]paletteuse=dither=") + dither + ":diff_mode=rectangle[out]",
            std::vector<std::string>{
                bufferArgs(settings.width, settings.height, AV_PIX_FMT_BGRA, settings.fps),
                bufferArgs(palette->width, palette->height,
                           static_cast<AVPixelFormat>(palette->format), settings.fps)});
        palette->pts = 0;
        paletteUse->push(1, palette.get());
        paletteUse->push(1, nullptr);
    }

    void addPaletteSample(const std::uint8_t* bgra, int stride) {
        if (!paletteGen)
            paletteGen = std::make_unique<FilterGraph>(
                // reserve_transparent (the default) lets the encoder mark unchanged pixels
                // transparent, which is most of a map frame.
                "[in0]palettegen=max_colors=256:stats_mode=full[out]",
                std::vector<std::string>{
                    bufferArgs(settings.width, settings.height, AV_PIX_FMT_BGRA, settings.fps)});
        check(av_frame_make_writable(bgraFrame.get()), "video frame not writable");
        copyRows(bgraFrame.get(), bgra, stride, settings.width, settings.height);
        bgraFrame->pts = samples++;
        paletteGen->push(0, bgraFrame.get());
    }

    void encodeFiltered() const {
        while (paletteUse->pull(filtered.get())) {
            drain(ctx.get(), stream, filtered.get());
            av_frame_unref(filtered.get());
        }
    }

    void writeGif(const std::uint8_t* bgra, int stride) {
        if (!paletteUse) {
            if (!paletteGen)
                addPaletteSample(bgra, stride);
            makePalette();
        }
        check(av_frame_make_writable(bgraFrame.get()), "video frame not writable");
        copyRows(bgraFrame.get(), bgra, stride, settings.width, settings.height);
        bgraFrame->pts = count;
        paletteUse->push(0, bgraFrame.get());
        encodeFiltered();
    }

    /// Writes a finished segment's packets, then the narration and captions up to its end.
    void mux(VideoSegment::Impl& seg) {
        if (seg.first != count)
            throw EncodeError("a video segment starting at frame " + std::to_string(seg.first) +
                              " came where frame " + std::to_string(count) + " was due");
        for (auto& p : seg.packets) {
            av_packet_rescale_ts(p.get(), seg.ctx->time_base, stream->time_base);
            p->stream_index = stream->index;
            checkWrite(av_interleaved_write_frame(fmt.get(), p.get()), file);
            p.reset();
        }
        seg.packets.clear();
        count = seg.next;
        writeSubtitlesBefore(static_cast<double>(count) / settings.fps);
        writeAudioUntil(audioSamplesAt(count), false);
    }

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

VideoEncoder::VideoEncoder(const std::string& path, const VideoSettings& settings)
    : impl_(std::make_unique<Impl>(path, settings)) {}

VideoEncoder::~VideoEncoder() = default;

bool VideoEncoder::needsPalette() const noexcept {
    return impl_->gif && !impl_->paletteUse;
}

void VideoEncoder::addPaletteSample(const std::uint8_t* bgra, int stride) {
    if (needsPalette())
        impl_->addPaletteSample(bgra, stride);
}

void VideoEncoder::write(const std::uint8_t* bgra, int stride) {
    auto& enc = *impl_;
    if (enc.gif) {
        enc.writeGif(bgra, stride);
        ++enc.count;
        return;
    }
    // Frames given one by one still go through segments, cut where a run split into
    // chunks or segments encoded side by side would cut them: the output is the same.
    const auto& chunk = enc.settings.chunk;
    if (enc.current && chunk.segment > 0 && (chunk.first + enc.given) % chunk.segment == 0) {
        mux(*enc.current);
        enc.current.reset();
    }
    if (!enc.current)
        enc.current = openSegment(enc.given);
    enc.current->write(bgra, stride);
    ++enc.given;
}

bool VideoEncoder::segmented() const noexcept {
    return !impl_->gif;
}

std::unique_ptr<VideoSegment> VideoEncoder::openSegment(long index) const {
    const auto& enc = *impl_;
    if (enc.gif)
        throw EncodeError("a GIF cannot be encoded in segments");
    return std::unique_ptr<VideoSegment>(new VideoSegment(std::make_unique<VideoSegment::Impl>(
        enc.settings, enc.videoCodec, enc.globalHeader(), index)));
}

void VideoEncoder::mux(VideoSegment& segment) {
    segment.finish();
    impl_->mux(*segment.impl_);
}

void VideoEncoder::finish() {
    auto& enc = *impl_;
    if (enc.finished)
        return;
    if (enc.gif) {
        if (enc.paletteUse) {
            enc.paletteUse->push(0, nullptr);
            enc.encodeFiltered();
        }
        enc.drain(enc.ctx.get(), enc.stream, nullptr);
    } else if (enc.current) {
        mux(*enc.current);
        enc.current.reset();
    }
    enc.writeSubtitlesBefore(static_cast<double>(enc.count) / enc.settings.fps);
    if (enc.audioCtx) {
        enc.writeAudioUntil(enc.audioSamplesAt(enc.count), true);
        enc.drain(enc.audioCtx.get(), enc.audioStream, nullptr);
    }
    checkWrite(av_write_trailer(enc.fmt.get()), enc.file);
    enc.finished = true;
}

long VideoEncoder::framesWritten() const noexcept {
    return impl_->count;
}

namespace {

/// Owns the libav objects of one decode.
struct Decoder {
    InputPtr fmt;
    CodecContextPtr ctx;
    SwrPtr swr;
    PacketPtr packet;
    FramePtr frame;
};

/// Converts `in` (null: flush) into mono float at kAudioRate and appends it to `out`.
void convert(SwrContext* swr, const AVFrame* in, std::vector<float>& out) {
    const int inSamples = in ? in->nb_samples : 0;
    const int room = swr_get_out_samples(swr, inSamples);
    if (room <= 0)
        return;
    const std::size_t at = out.size();
    out.resize(at + static_cast<std::size_t>(room));
    auto* dst = reinterpret_cast<std::uint8_t*>(&out[at]); // NOLINT: libav's byte planes
    const int got =
        swr_convert(swr, &dst, room,
                    in ? const_cast<const std::uint8_t**>(in->extended_data) : nullptr, // NOLINT
                    inSamples);
    if (got < 0)
        throw DataError("cannot resample audio: " + avError(got));
    out.resize(at + static_cast<std::size_t>(got));
}

} // namespace

std::vector<float> decodeAudioFile(const std::string& path) {
    Decoder d;
    auto fail = [&](const std::string& what, int rc) {
        return DataError("cannot read the audio file '" + path + "': " + what +
                         (rc < 0 ? " (" + avError(rc) + ")" : std::string{}));
    };
    AVFormatContext* in = nullptr; // freed by avformat_open_input when it fails
    int rc = avformat_open_input(&in, path.c_str(), nullptr, nullptr);
    if (rc < 0)
        throw fail("cannot open it", rc);
    d.fmt.reset(in);
    rc = avformat_find_stream_info(d.fmt.get(), nullptr);
    if (rc < 0)
        throw fail("cannot read its streams", rc);
    const AVCodec* codec = nullptr;
    const int index = av_find_best_stream(d.fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (index < 0 || !codec)
        throw fail("it has no audio stream FFmpeg can decode", index);
    d.ctx.reset(avcodec_alloc_context3(codec));
    if (!d.ctx)
        throw fail("out of memory", 0);
    const std::span<AVStream*> streams(d.fmt->streams, d.fmt->nb_streams);
    rc = avcodec_parameters_to_context(d.ctx.get(),
                                       streams[static_cast<std::size_t>(index)]->codecpar);
    if (rc >= 0)
        rc = avcodec_open2(d.ctx.get(), codec, nullptr);
    if (rc < 0)
        throw fail("cannot open its decoder", rc);
    AVChannelLayout mono{};
    av_channel_layout_default(&mono, 1);
    SwrContext* swr = nullptr;
    rc = swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, kAudioRate, &d.ctx->ch_layout,
                             d.ctx->sample_fmt, d.ctx->sample_rate, 0, nullptr);
    d.swr.reset(swr);
    if (rc >= 0)
        rc = swr_init(d.swr.get());
    if (rc < 0)
        throw fail("cannot convert its samples", rc);
    d.packet.reset(av_packet_alloc());
    d.frame.reset(av_frame_alloc());
    std::vector<float> out;
    auto receive = [&] {
        while (true) {
            const int r = avcodec_receive_frame(d.ctx.get(), d.frame.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                return;
            if (r < 0)
                throw fail("cannot decode it", r);
            convert(d.swr.get(), d.frame.get(), out);
            av_frame_unref(d.frame.get());
        }
    };
    while (av_read_frame(d.fmt.get(), d.packet.get()) >= 0) {
        if (d.packet->stream_index == index) {
            rc = avcodec_send_packet(d.ctx.get(), d.packet.get());
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                av_packet_unref(d.packet.get());
                throw fail("cannot decode it", rc);
            }
            receive();
        }
        av_packet_unref(d.packet.get());
    }
    avcodec_send_packet(d.ctx.get(), nullptr);
    receive();
    convert(d.swr.get(), nullptr, out);
    if (out.empty())
        throw fail("it holds no sound", 0);
    return out;
}

std::vector<float> resampleToAudioRate(const std::vector<std::int16_t>& pcm, int rate) {
    SwrContext* raw = nullptr;
    AVChannelLayout mono{};
    av_channel_layout_default(&mono, 1);
    const int alloc = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, kAudioRate, &mono,
                                          AV_SAMPLE_FMT_S16, rate, 0, nullptr);
    const SwrPtr swr(raw);
    check(alloc, "cannot set up resampling");
    check(swr_init(swr.get()), "cannot set up resampling");
    std::vector<float> out(static_cast<std::size_t>(
        av_rescale_rnd(static_cast<std::int64_t>(pcm.size()), kAudioRate, rate, AV_ROUND_UP) +
        256));
    auto* dst = reinterpret_cast<std::uint8_t*>(out.data()); // NOLINT: libav's byte planes
    const auto* src = reinterpret_cast<const std::uint8_t*>(pcm.data()); // NOLINT
    int got = swr_convert(swr.get(), &dst, static_cast<int>(out.size()), &src,
                          static_cast<int>(pcm.size()));
    int tail = 0;
    if (got >= 0) {
        auto* rest = reinterpret_cast<std::uint8_t*>(out.data() + got); // NOLINT
        tail = swr_convert(swr.get(), &rest, static_cast<int>(out.size()) - got, nullptr, 0);
    }
    check(std::min(got, tail), "cannot resample speech");
    out.resize(static_cast<std::size_t>(got) + static_cast<std::size_t>(tail));
    return out;
}

} // namespace mapreel::adapters
