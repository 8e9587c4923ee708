// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

/// Owning handles for libav objects. libav's frees take the pointer's address
/// (`av_frame_free(&p)`); the handle template calls them so.
namespace mapreel::adapters {

/// Closes an output file's I/O (without a trailer: a file not finished is cut short, and the
/// caller removes it) and frees its format context.
inline void freeOutput(AVFormatContext* fmt) noexcept {
    if ((fmt->oformat->flags & AVFMT_NOFILE) == 0 && fmt->pb)
        avio_closep(&fmt->pb);
    avformat_free_context(fmt);
}

/// A file opened for reading (avformat_open_input).
using InputPtr = Handle<AVFormatContext, &avformat_close_input>;
/// A file being written (avformat_alloc_output_context2).
using OutputPtr = Handle<AVFormatContext, &freeOutput>;
using CodecContextPtr = Handle<AVCodecContext, &avcodec_free_context>;
using FramePtr = Handle<AVFrame, &av_frame_free>;
using PacketPtr = Handle<AVPacket, &av_packet_free>;
using SwsPtr = Handle<SwsContext, &sws_freeContext>;
using SwrPtr = Handle<SwrContext, &swr_free>;
using FilterGraphPtr = Handle<AVFilterGraph, &avfilter_graph_free>;
using FilterInOutPtr = Handle<AVFilterInOut, &avfilter_inout_free>;

} // namespace mapreel::adapters
