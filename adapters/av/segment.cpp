// SPDX-License-Identifier: MIT
#include "encoder_p.hpp"

#include "av_check.hpp"
#include "yuv.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
}

namespace mapreel::adapters {

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

VideoSegment::Impl::Impl(const VideoSettings& s, const AVCodec* codec, bool globalHeader,
                         long firstFrame)
    : width(s.width), height(s.height), first(firstFrame), next(firstFrame),
      ctx(newVideoContext(s, codec, globalHeader)), frame(allocFrame()) {
    timeBase = ctx->time_base;
    frame->format = ctx->pix_fmt;
    frame->width = s.width;
    frame->height = s.height;
    check(av_frame_get_buffer(frame.get(), 0), "cannot allocate a video frame");
    // The planes' padding is read (not shown) by the encoder: zeroed, it cannot carry
    // whatever the memory held before into the bitstream.
    for (const AVBufferRef* buf : frame->buf)
        if (buf)
            std::memset(buf->data, 0, buf->size);
    packet.reset(av_packet_alloc());
    if (!packet)
        throw EncodeError("cannot allocate a packet");
}

void VideoSegment::Impl::encode(const AVFrame* f) {
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

VideoSegment::VideoSegment(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

VideoSegment::~VideoSegment() = default;

void VideoSegment::write(const std::uint8_t* bgra, int stride) {
    auto& seg = *impl_;
    check(av_frame_make_writable(seg.frame.get()), "video frame not writable");
    auto* f = seg.frame.get();
    bgraToYuv420(bgra, stride, seg.width, seg.height, f->data[0], f->linesize[0], f->data[1],
                 f->linesize[1], f->data[2], f->linesize[2]);
    seg.frame->pts = seg.next++;
    seg.encode(seg.frame.get());
}

void VideoSegment::repeat() {
    auto& seg = *impl_;
    if (seg.next == seg.first)
        throw std::logic_error("a video segment repeats a frame before its first");
    // Made writable (copied, should the encoder still hold the planes), they keep the
    // last frame's picture.
    check(av_frame_make_writable(seg.frame.get()), "video frame not writable");
    seg.frame->pts = seg.next++;
    seg.encode(seg.frame.get());
}

void VideoSegment::finish() {
    auto& seg = *impl_;
    if (seg.finished)
        return;
    seg.encode(nullptr);
    seg.finished = true;
    seg.frame.reset();
    seg.ctx.reset();
}

long VideoSegment::frames() const noexcept {
    return impl_->next - impl_->first;
}

} // namespace mapreel::adapters
