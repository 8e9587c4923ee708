// SPDX-License-Identifier: MIT
#include "encoder_p.hpp"

#include "av_check.hpp"

#include "mapreel/core/error.hpp"

#include <cstring>
#include <span>
#include <string>
#include <vector>

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/mem.h>
}

namespace mapreel::adapters {

FilterGraph::FilterGraph(const std::string& description, const std::vector<std::string>& sourceArgs)
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
    const int rc = avfilter_graph_parse_ptr(graph_.get(), description.c_str(), &in, &out, nullptr);
    inputs.reset(in);
    outputs.reset(out);
    check(rc, "cannot build the filter graph '" + description + "'");
    check(avfilter_graph_config(graph_.get(), nullptr), "cannot configure the filter graph");
}

/// Pushes `frame` (kept by the caller) into source `i`; null ends that input.
void FilterGraph::push(std::size_t i, AVFrame* frame) {
    check(av_buffersrc_add_frame_flags(sources_.at(i), frame, AV_BUFFERSRC_FLAG_KEEP_REF),
          "the filter graph refused a frame");
}

/// The next filtered frame into `frame`; false when none is ready (or the end).
bool FilterGraph::pull(AVFrame* frame) {
    const int rc = av_buffersink_get_frame(sink_, frame);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
        return false;
    check(rc, "filtering failed");
    return true;
}

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

/// Builds the paletteuse graph from the palette statistics gathered so far.
void VideoEncoder::Impl::makePalette() {
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
            bufferArgs(palette->width, palette->height, static_cast<AVPixelFormat>(palette->format),
                       settings.fps)});
    palette->pts = 0;
    paletteUse->push(1, palette.get());
    paletteUse->push(1, nullptr);
}

void VideoEncoder::Impl::addPaletteSample(const std::uint8_t* bgra, int stride) {
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

void VideoEncoder::Impl::encodeFiltered() const {
    while (paletteUse->pull(filtered.get())) {
        drain(ctx.get(), stream, filtered.get());
        av_frame_unref(filtered.get());
    }
}

void VideoEncoder::Impl::writeGif(const std::uint8_t* bgra, int stride) {
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

} // namespace mapreel::adapters
