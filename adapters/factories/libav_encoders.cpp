// SPDX-License-Identifier: MIT
#include "factories/libav_encoders.hpp"

#include "av/video_encoder.hpp"

namespace mapreel::adapters {

namespace {

VideoCodec codecOf(publish::VideoFormat format) noexcept {
    switch (format) {
    case publish::VideoFormat::WebM:
        return VideoCodec::Vp9;
    case publish::VideoFormat::Gif:
        return VideoCodec::Gif;
    case publish::VideoFormat::Mp4:
        break;
    }
    return VideoCodec::H264;
}

class EncoderSegment final : public render::SegmentSink {
public:
    explicit EncoderSegment(std::unique_ptr<VideoSegment> segment) : segment_(std::move(segment)) {}
    void write(const std::uint8_t* bgra, int stride) override { segment_->write(bgra, stride); }
    void repeat(const std::uint8_t* /*bgra*/, int /*stride*/) override { segment_->repeat(); }
    void finish() override { segment_->finish(); }
    [[nodiscard]] VideoSegment& segment() noexcept { return *segment_; }

private:
    std::unique_ptr<VideoSegment> segment_;
};

class EncoderSink final : public render::FrameSink {
public:
    EncoderSink(const std::string& path, const VideoSettings& settings)
        : encoder_(path, settings) {}
    [[nodiscard]] bool needsPalette() const noexcept override { return encoder_.needsPalette(); }
    void addPaletteSample(const std::uint8_t* bgra, int stride) override {
        encoder_.addPaletteSample(bgra, stride);
    }
    [[nodiscard]] bool segmented() const noexcept override { return encoder_.segmented(); }
    [[nodiscard]] std::unique_ptr<render::SegmentSink> openSegment(long index) override {
        return std::make_unique<EncoderSegment>(encoder_.openSegment(index));
    }
    void commit(render::SegmentSink& segment) override {
        // Segments come only from openSegment() above.
        encoder_.mux(static_cast<EncoderSegment&>(segment).segment());
    }
    void write(const std::uint8_t* bgra, int stride) override { encoder_.write(bgra, stride); }
    void finish() override { encoder_.finish(); }

private:
    VideoEncoder encoder_;
};

} // namespace

std::unique_ptr<render::FrameSink> LibavEncoders::open(const std::string& path,
                                                       publish::VideoSpec spec) {
    VideoSettings vs;
    vs.width = spec.size.width;
    vs.height = spec.size.height;
    vs.fps = spec.fps;
    vs.crf = spec.crf;
    vs.codec = codecOf(spec.format);
    vs.container = vs.codec == VideoCodec::Vp9   ? "webm"
                   : vs.codec == VideoCodec::Gif ? "gif"
                                                 : "mp4";
    vs.dither = spec.dither == publish::Dither::None    ? Dither::None
                : spec.dither == publish::Dither::Floyd ? Dither::Floyd
                                                        : Dither::Bayer;
    vs.language = std::move(spec.language);
    vs.subtitles = std::move(spec.subtitles);
    vs.chapters = std::move(spec.chapters);
    if (spec.audio) {
        auto track = std::make_shared<AudioTrack>();
        for (auto& clip : spec.audio->clips)
            track->clips.push_back({clip.start, std::move(clip.samples)});
        vs.audio = std::move(track);
    }
    vs.chunk = {spec.span.first, spec.span.count, spec.span.total, spec.span.segment};
    return std::make_unique<EncoderSink>(path, vs);
}

int LibavEncoders::segmentLength(publish::VideoFormat format, int fps) const {
    return adapters::segmentLength(codecOf(format), fps);
}

} // namespace mapreel::adapters
