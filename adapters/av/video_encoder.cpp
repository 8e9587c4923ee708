// SPDX-License-Identifier: MIT
#include "video_encoder.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

namespace mapreel::adapters {

namespace {

std::string avError(int code) {
    std::array<char, AV_ERROR_MAX_STRING_SIZE> buf{};
    av_strerror(code, buf.data(), buf.size());
    return buf.data();
}

void check(int code, const std::string& what) {
    if (code < 0)
        throw EncodeError(what + ": " + avError(code));
}

} // namespace

int vp9Crf(int x264Crf) noexcept {
    return std::clamp(x264Crf + 11, 0, 63);
}

class VideoEncoder::Impl {
public:
    Impl(const std::string& path, const VideoSettings& s) : settings(s) {
        // libav's own chatter would drown the progress bar; errors still surface as
        // exceptions carrying av_strerror text.
        av_log_set_level(AV_LOG_ERROR);
        const char* format = s.container.empty() ? nullptr : s.container.c_str();
        check(avformat_alloc_output_context2(&fmt, nullptr, format, path.c_str()),
              "cannot create the video container for '" + path + "'");
        const bool vp9 = s.codec == VideoCodec::Vp9;
        const AVCodec* codec = nullptr;
        if (vp9) {
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
        stream = avformat_new_stream(fmt, nullptr);
        if (!stream)
            throw EncodeError("cannot add a video stream");
        ctx = avcodec_alloc_context3(codec);
        if (!ctx)
            throw EncodeError("cannot allocate the video encoder");
        ctx->width = s.width;
        ctx->height = s.height;
        ctx->time_base = AVRational{1, s.fps};
        ctx->framerate = AVRational{s.fps, 1};
        ctx->pix_fmt = AV_PIX_FMT_YUV420P;
        // H.264: a keyframe every half second keeps seeking to a step exact and quick. VP9
        // keyframes cost more, so one a second; keyint_min = gop keeps them regular.
        ctx->gop_size = vp9 ? std::max(1, s.fps) : std::max(1, s.fps / 2);
        if (vp9)
            ctx->keyint_min = ctx->gop_size;
        ctx->max_b_frames = vp9 ? 0 : 2;
        ctx->flags = static_cast<int>(static_cast<unsigned>(ctx->flags) | AV_CODEC_FLAG_CLOSED_GOP);
        ctx->color_range = AVCOL_RANGE_MPEG;
        ctx->colorspace = AVCOL_SPC_BT709;
        ctx->color_primaries = AVCOL_PRI_BT709;
        ctx->color_trc = AVCOL_TRC_BT709;
        ctx->thread_count = 0;
        if ((fmt->oformat->flags & AVFMT_GLOBALHEADER) != 0)
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
        } else {
            av_dict_set(&opts, "preset", s.preset.c_str(), 0);
            av_dict_set(&opts, "crf", std::to_string(s.crf).c_str(), 0);
            av_dict_set(&opts, "profile", "high", 0);
            // Scene-cut keyframes would break the regular closed GOP.
            av_dict_set(&opts, "x264-params", "scenecut=0:open-gop=0", 0);
        }
        const int rc = avcodec_open2(ctx, codec, &opts);
        av_dict_free(&opts);
        check(rc, vp9 ? "cannot open the VP9 encoder" : "cannot open the H.264 encoder");
        check(avcodec_parameters_from_context(stream->codecpar, ctx),
              "cannot set stream parameters");
        stream->time_base = ctx->time_base;
        stream->avg_frame_rate = ctx->framerate;
        if ((fmt->oformat->flags & AVFMT_NOFILE) == 0)
            check(avio_open(&fmt->pb, path.c_str(), AVIO_FLAG_WRITE),
                  "cannot open '" + path + "' for writing");
        AVDictionary* muxOpts = nullptr;
        if (std::string_view(fmt->oformat->name).find("mp4") != std::string_view::npos)
            av_dict_set(&muxOpts, "movflags", "+faststart", 0);
        const int hr = avformat_write_header(fmt, &muxOpts);
        av_dict_free(&muxOpts);
        check(hr, "cannot write the video header");
        frame = av_frame_alloc();
        frame->format = ctx->pix_fmt;
        frame->width = s.width;
        frame->height = s.height;
        check(av_frame_get_buffer(frame, 0), "cannot allocate a video frame");
        packet = av_packet_alloc();
        sws = sws_getContext(s.width, s.height, AV_PIX_FMT_BGRA, s.width, s.height,
                             AV_PIX_FMT_YUV420P, SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr,
                             nullptr);
        if (!sws)
            throw EncodeError("cannot create the colour converter");
        const int* coeffs = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(sws, coeffs, 1, coeffs, 0, 0, 1 << 16, 1 << 16);
    }

    ~Impl() {
        sws_freeContext(sws);
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&ctx);
        if (fmt) {
            if ((fmt->oformat->flags & AVFMT_NOFILE) == 0 && fmt->pb)
                avio_closep(&fmt->pb);
            avformat_free_context(fmt);
        }
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    void drain(AVFrame* f) const {
        check(avcodec_send_frame(ctx, f), "the encoder refused a frame");
        while (true) {
            const int rc = avcodec_receive_packet(ctx, packet);
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return;
            check(rc, "encoding failed");
            av_packet_rescale_ts(packet, ctx->time_base, stream->time_base);
            packet->stream_index = stream->index;
            check(av_interleaved_write_frame(fmt, packet), "cannot write video data");
        }
    }

    VideoSettings settings;
    AVFormatContext* fmt = nullptr;
    AVStream* stream = nullptr;
    AVCodecContext* ctx = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    SwsContext* sws = nullptr;
    long count = 0;
    bool finished = false;
};

VideoEncoder::VideoEncoder(const std::string& path, const VideoSettings& settings)
    : impl_(std::make_unique<Impl>(path, settings)) {}

VideoEncoder::~VideoEncoder() = default;

void VideoEncoder::write(const std::uint8_t* bgra, int stride) {
    auto& enc = *impl_;
    check(av_frame_make_writable(enc.frame), "video frame not writable");
    const std::array<const std::uint8_t*, 1> src = {bgra};
    const std::array<int, 1> srcStride = {stride};
    sws_scale(enc.sws, src.data(), srcStride.data(), 0, enc.settings.height,
              std::data(enc.frame->data), std::data(enc.frame->linesize));
    enc.frame->pts = enc.count++;
    enc.drain(enc.frame);
}

void VideoEncoder::finish() {
    auto& enc = *impl_;
    if (enc.finished)
        return;
    enc.drain(nullptr);
    check(av_write_trailer(enc.fmt), "cannot finish the video file");
    enc.finished = true;
}

long VideoEncoder::framesWritten() const noexcept {
    return impl_->count;
}

} // namespace mapreel::adapters
