// SPDX-License-Identifier: MIT
#include "encoder_p.hpp"

#include "av_check.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

namespace mapreel::adapters {

void VideoEncoder::Impl::openAudio(bool vp9) {
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
        audioCtx->flags =
            static_cast<int>(static_cast<unsigned>(audioCtx->flags) | AV_CODEC_FLAG_GLOBAL_HEADER);
    check(avcodec_open2(audioCtx.get(), codec, nullptr), "cannot open the audio encoder");
    check(avcodec_parameters_from_context(audioStream->codecpar, audioCtx.get()),
          "cannot set audio stream parameters");
    audioStream->time_base = audioCtx->time_base;
    if (!settings.language.empty())
        av_dict_set(&audioStream->metadata, "language", languageCode3(settings.language).c_str(),
                    0);
    audioFrameSize = audioCtx->frame_size > 0 ? audioCtx->frame_size : 1024;
    audioFrame = allocFrame();
    audioFrame->format = audioCtx->sample_fmt;
    audioFrame->sample_rate = kAudioRate;
    audioFrame->nb_samples = audioFrameSize;
    check(av_channel_layout_copy(&audioFrame->ch_layout, &audioCtx->ch_layout),
          "cannot set the channel layout");
    check(av_frame_get_buffer(audioFrame.get(), 0), "cannot allocate an audio frame");
}

/// Mixes the narration into the audio frame for samples [first, first + n).
void VideoEncoder::Impl::mixAudio(std::int64_t first, int n) {
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
void VideoEncoder::Impl::writeAudioUntil(std::int64_t until, bool final) {
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
