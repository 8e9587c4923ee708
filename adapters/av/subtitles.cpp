// SPDX-License-Identifier: MIT
#include "encoder_p.hpp"

#include "av_check.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
}

namespace mapreel::adapters {

std::int64_t toMillis(double seconds) {
    return std::llround(std::max(0.0, seconds) * 1000.0);
}

namespace {

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

} // namespace

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

void VideoEncoder::Impl::openSubtitles(bool webm) {
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
        av_dict_set(&subStream->metadata, "language", languageCode3(settings.language).c_str(), 0);
    av_dict_set(&subStream->metadata, "title", "Narration", 0);
    subWebVtt = webm;
    subBuffer.resize(1 << 16);
}

/// Writes the subtitle cues that start before `seconds`.
void VideoEncoder::Impl::writeSubtitlesBefore(double seconds) {
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

} // namespace mapreel::adapters
