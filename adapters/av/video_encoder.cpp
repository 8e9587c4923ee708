// SPDX-License-Identifier: MIT
#include "encoder_p.hpp"

#include "av_check.hpp"
#include "chapters.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace mapreel::adapters {

int segmentLength(VideoCodec codec, int fps) noexcept {
    // Every segment opens an encoder of its own (for byte-identical output with any number
    // of lanes); at two seconds, opening them cost about a fifth of the encoding.
    constexpr int kSegmentSeconds = 6;
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

VideoEncoder::Impl::Impl(const std::string& path, const VideoSettings& s)
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

void VideoEncoder::Impl::openVideo() {
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

void VideoEncoder::Impl::addChapters() const {
    std::vector<ChapterMark> marks;
    marks.reserve(settings.chapters.size());
    for (const auto& c : settings.chapters) {
        const std::int64_t start = toMillis(c.start);
        marks.push_back({start, std::max(start + 1, toMillis(c.end)), c.text});
    }
    setChapters(fmt.get(), marks);
}

void VideoEncoder::Impl::drain(AVCodecContext* c, AVStream* st, AVFrame* f) const {
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

/// Writes a finished segment's packets, then the narration and captions up to its end.
void VideoEncoder::Impl::mux(VideoSegment::Impl& seg) {
    if (seg.first != count)
        throw EncodeError("a video segment starting at frame " + std::to_string(seg.first) +
                          " came where frame " + std::to_string(count) + " was due");
    for (auto& p : seg.packets) {
        av_packet_rescale_ts(p.get(), seg.timeBase, stream->time_base);
        p->stream_index = stream->index;
        checkWrite(av_interleaved_write_frame(fmt.get(), p.get()), file);
        p.reset();
    }
    seg.packets.clear();
    count = seg.next;
    writeSubtitlesBefore(static_cast<double>(count) / settings.fps);
    writeAudioUntil(audioSamplesAt(count), false);
}

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

} // namespace mapreel::adapters
