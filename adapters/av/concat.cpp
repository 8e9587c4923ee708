// SPDX-License-Identifier: MIT
#include "concat.hpp"

#include "av/handles.hpp"
#include "av_check.hpp"
#include "chapters.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/mathematics.h>
}

namespace mapreel::adapters {

namespace {

/// One chunk file opened for reading.
struct Chunk {
    std::string path;
    InputPtr fmt;
    ChunkInfo info;
    int video = -1; ///< index of the video stream

    explicit Chunk(std::string p) : path(std::move(p)) {}
};

std::unique_ptr<Chunk> openChunk(const std::string& path) {
    auto c = std::make_unique<Chunk>(path);
    AVFormatContext* in = nullptr; // freed by avformat_open_input when it fails
    check(avformat_open_input(&in, path.c_str(), nullptr, nullptr), "cannot open '" + path + "'");
    c->fmt.reset(in);
    check(avformat_find_stream_info(c->fmt.get(), nullptr),
          "cannot read the streams of '" + path + "'");
    const AVDictionaryEntry* tag = av_dict_get(c->fmt->metadata, "comment", nullptr, 0);
    const auto info = tag ? parseSegmentTag(tag->value) : std::nullopt;
    if (!info)
        throw EncodeError("'" + path +
                          "' is not a chunk written by mapreel render (its comment tag does not "
                          "say which frames it holds); render chunks with --chunk K/N or --frames");
    c->info = *info;
    c->video = av_find_best_stream(c->fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (c->video < 0)
        throw EncodeError("'" + path + "' has no video stream");
    return c;
}

bool sameBytes(const std::uint8_t* a, int aSize, const std::uint8_t* b, int bSize) {
    return aSize == bSize &&
           (aSize == 0 || std::memcmp(a, b, static_cast<std::size_t>(aSize)) == 0);
}

/// Whether a stream is copied: video, narration and captions. An MP4's chapter track
/// shows as a data stream; the chapters are joined as chapters and written anew.
bool copied(const AVStream* st) {
    const auto type = st->codecpar->codec_type;
    return type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO ||
           type == AVMEDIA_TYPE_SUBTITLE;
}

/// Why chunk `c` cannot follow `first` in one file; empty when it can.
std::string mismatch(const Chunk& first, const Chunk& c) {
    if (c.info.total != first.info.total)
        return "it is a chunk of a story of " + std::to_string(c.info.total) + " frames, not " +
               std::to_string(first.info.total);
    if (c.info.segment != first.info.segment)
        return "its encoder segments are " + std::to_string(c.info.segment) + " frames, not " +
               std::to_string(first.info.segment);
    if (c.fmt->nb_streams != first.fmt->nb_streams)
        return "it has " + std::to_string(c.fmt->nb_streams) + " streams, not " +
               std::to_string(first.fmt->nb_streams);
    for (unsigned i = 0; i < c.fmt->nb_streams; ++i) {
        if (!copied(first.fmt->streams[i]))
            continue;
        const AVCodecParameters* a = first.fmt->streams[i]->codecpar;
        const AVCodecParameters* b = c.fmt->streams[i]->codecpar;
        if (a->codec_type != b->codec_type || a->codec_id != b->codec_id)
            return "stream " + std::to_string(i) + " holds " + avcodec_get_name(b->codec_id) +
                   ", not " + avcodec_get_name(a->codec_id);
        if (a->width != b->width || a->height != b->height || a->sample_rate != b->sample_rate)
            return "stream " + std::to_string(i) + " has another size or sample rate";
        // A subtitle track's header holds its own styling, which may differ harmlessly.
        if (a->codec_type != AVMEDIA_TYPE_SUBTITLE &&
            !sameBytes(a->extradata, a->extradata_size, b->extradata, b->extradata_size))
            return "stream " + std::to_string(i) +
                   " was encoded with other settings (quality, fps or FFmpeg version)";
    }
    const AVRational ra = first.fmt->streams[first.video]->avg_frame_rate;
    const AVRational rb = c.fmt->streams[c.video]->avg_frame_rate;
    if (av_cmp_q(ra, rb) != 0)
        return "its frame rate differs";
    return {};
}

/// Chapters of every chunk on the joined clock, a chapter cut by a chunk boundary made
/// whole again.
void joinChapters(const std::vector<std::unique_ptr<Chunk>>& chunks, AVRational frameTime,
                  AVFormatContext* out) {
    std::vector<ChapterMark> marks;
    for (const auto& c : chunks) {
        const std::int64_t offset = av_rescale_q(c->info.first - chunks.front()->info.first,
                                                 frameTime, AVRational{1, 1000});
        for (unsigned i = 0; i < c->fmt->nb_chapters; ++i) {
            const AVChapter* ch = c->fmt->chapters[i];
            const AVDictionaryEntry* title = av_dict_get(ch->metadata, "title", nullptr, 0);
            ChapterMark m{offset + av_rescale_q(ch->start, ch->time_base, AVRational{1, 1000}),
                          offset + av_rescale_q(ch->end, ch->time_base, AVRational{1, 1000}),
                          title ? title->value : ""};
            constexpr std::int64_t kJoinSlackMs = 2;
            if (!marks.empty() && marks.back().title == m.title &&
                std::abs(marks.back().endMs - m.startMs) <= kJoinSlackMs)
                marks.back().endMs = m.endMs;
            else
                marks.push_back(std::move(m));
        }
    }
    setChapters(out, marks);
}

} // namespace

ChunkInfo concatVideos(const std::vector<std::string>& inputs, const std::string& output) {
    if (inputs.empty())
        throw EncodeError("no chunks to join");
    av_log_set_level(AV_LOG_ERROR);
    std::vector<std::unique_ptr<Chunk>> chunks;
    chunks.reserve(inputs.size());
    for (const auto& path : inputs)
        chunks.push_back(openChunk(path));
    std::stable_sort(chunks.begin(), chunks.end(),
                     [](const auto& a, const auto& b) { return a->info.first < b->info.first; });
    for (std::size_t i = 1; i < chunks.size(); ++i) {
        const Chunk& prev = *chunks[i - 1];
        const Chunk& c = *chunks[i];
        if (const auto why = mismatch(*chunks.front(), c); !why.empty())
            throw EncodeError("'" + c.path + "' does not fit with '" + chunks.front()->path +
                              "': " + why + "; render every chunk with the same story and options");
        const long end = prev.info.first + prev.info.count;
        if (c.info.first > end)
            throw EncodeError("frames " + std::to_string(end) + " to " +
                              std::to_string(c.info.first - 1) + " are missing between '" +
                              prev.path + "' and '" + c.path + "'");
        if (c.info.first < end)
            throw EncodeError("'" + prev.path + "' and '" + c.path + "' both hold frames from " +
                              std::to_string(c.info.first) + " to " + std::to_string(end - 1));
    }
    const Chunk& head = *chunks.front();
    const AVRational frameRate = head.fmt->streams[head.video]->avg_frame_rate;
    if (frameRate.num <= 0 || frameRate.den <= 0)
        throw EncodeError("'" + head.path + "' has no frame rate");
    const AVRational frameTime = av_inv_q(frameRate);

    // Closed (not finished) on an error; the caller removes the file.
    OutputPtr out;
    {
        AVFormatContext* fmt = nullptr;
        check(avformat_alloc_output_context2(&fmt, nullptr, nullptr, output.c_str()),
              "cannot create the video container for '" + output + "'");
        out.reset(fmt);
    }
    std::vector<int> outIndex(head.fmt->nb_streams, -1);
    for (unsigned i = 0; i < head.fmt->nb_streams; ++i) {
        const AVStream* in = head.fmt->streams[i];
        if (!copied(in))
            continue;
        AVStream* st = avformat_new_stream(out.get(), nullptr);
        if (!st)
            throw EncodeError("cannot add a stream");
        check(avcodec_parameters_copy(st->codecpar, in->codecpar), "cannot copy a stream");
        st->codecpar->codec_tag = 0;
        st->time_base = in->time_base;
        st->avg_frame_rate = in->avg_frame_rate;
        st->disposition = in->disposition;
        av_dict_copy(&st->metadata, in->metadata, 0);
        outIndex[i] = st->index;
    }
    joinChapters(chunks, frameTime, out.get());
    ChunkInfo joined = head.info;
    joined.count = chunks.back()->info.first + chunks.back()->info.count - head.info.first;
    av_dict_set(&out->metadata, "comment", segmentTag(joined).c_str(), 0);
    if (const auto* title = av_dict_get(head.fmt->metadata, "title", nullptr, 0))
        av_dict_set(&out->metadata, "title", title->value, 0);
    if ((out->oformat->flags & AVFMT_NOFILE) == 0)
        checkWrite(avio_open(&out->pb, output.c_str(), AVIO_FLAG_WRITE), output);
    AVDictionary* muxOpts = nullptr;
    if (std::string_view(out->oformat->name).find("mp4") != std::string_view::npos)
        av_dict_set(&muxOpts, "movflags", "+faststart", 0);
    const int hr = avformat_write_header(out.get(), &muxOpts);
    av_dict_free(&muxOpts);
    checkWrite(hr, output);

    const PacketPtr owner(av_packet_alloc());
    if (!owner)
        throw EncodeError("cannot allocate a packet");
    AVPacket* packet = owner.get();
    // The last decoding time written per stream, on the output's clock: a narration
    // encoder's priming packet at the start of a chunk overlaps the end of the one before,
    // and is dropped (the video never overlaps: its encoder restarts at chunk boundaries).
    std::vector<std::int64_t> lastDts(out->nb_streams, AV_NOPTS_VALUE);
    // Each subtitle stream's last cue is held back: a caption cut by a chunk boundary
    // continues, with the same text, at the start of the next chunk, and is made whole.
    std::vector<PacketPtr> held(out->nb_streams);
    const auto releaseHeld = [&](std::size_t i) {
        if (!held[i])
            return;
        checkWrite(av_interleaved_write_frame(out.get(), held[i].get()), output);
        held[i].reset();
    };
    for (const auto& c : chunks) {
        const long shiftFrames = c->info.first - head.info.first;
        while (true) {
            const int rc = av_read_frame(c->fmt.get(), packet);
            if (rc == AVERROR_EOF)
                break;
            check(rc, "cannot read '" + c->path + "'");
            const int index = packet->stream_index;
            if (outIndex[static_cast<std::size_t>(index)] < 0) {
                av_packet_unref(packet);
                continue;
            }
            const AVStream* in = c->fmt->streams[index];
            AVStream* st = out->streams[outIndex[static_cast<std::size_t>(index)]];
            const std::int64_t shift = av_rescale_q(shiftFrames, frameTime, in->time_base);
            if (packet->pts != AV_NOPTS_VALUE)
                packet->pts += shift;
            if (packet->dts != AV_NOPTS_VALUE)
                packet->dts += shift;
            av_packet_rescale_ts(packet, in->time_base, st->time_base);
            packet->stream_index = st->index;
            auto& last = lastDts[static_cast<std::size_t>(st->index)];
            if (packet->dts != AV_NOPTS_VALUE && last != AV_NOPTS_VALUE && packet->dts <= last) {
                if (index == c->video)
                    throw EncodeError("the video of '" + c->path +
                                      "' does not follow on from the chunk before it");
                av_packet_unref(packet);
                continue;
            }
            if (packet->dts != AV_NOPTS_VALUE)
                last = packet->dts;
            packet->pos = -1;
            if (st->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE) {
                const auto i = static_cast<std::size_t>(st->index);
                const AVPacket* h = held[i].get();
                if (h && h->pts + h->duration == packet->pts &&
                    sameBytes(h->data, h->size, packet->data, packet->size)) {
                    held[i]->duration += packet->duration;
                    av_packet_unref(packet);
                    continue;
                }
                releaseHeld(i);
                held[i].reset(av_packet_clone(packet));
                av_packet_unref(packet);
                if (!held[i])
                    throw EncodeError("cannot allocate a packet");
                continue;
            }
            checkWrite(av_interleaved_write_frame(out.get(), packet), output);
        }
    }
    for (std::size_t i = 0; i < held.size(); ++i)
        releaseHeld(i);
    checkWrite(av_write_trailer(out.get()), output);
    return joined;
}

} // namespace mapreel::adapters
