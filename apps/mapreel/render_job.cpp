// SPDX-License-Identifier: MIT
#include "render_job.hpp"

#include "cairo/cairo_canvas.hpp"
#include "cli_common.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace mapreel::cli {

std::optional<adapters::VideoCodec> codecForPath(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".mp4")
        return adapters::VideoCodec::H264;
    if (ext == ".webm")
        return adapters::VideoCodec::Vp9;
    return std::nullopt;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the fields of VideoSettings, in order.
adapters::VideoSettings videoSettings(const std::string& path, int w, int h, int fps, int crf) {
    adapters::VideoSettings vs;
    vs.width = w;
    vs.height = h;
    vs.fps = fps;
    vs.crf = crf;
    vs.codec = codecForPath(path).value_or(adapters::VideoCodec::H264);
    vs.container = vs.codec == adapters::VideoCodec::Vp9 ? "webm" : "mp4";
    return vs;
}

void renderVideo(const timeline::Timeline& tl, int w, int h, int first, int last,
                 const std::vector<VideoTarget>& targets, bool showProgress) {
    const auto& story = tl.story();
    const auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    adapters::CairoCanvas canvas(w, h);
    std::vector<std::unique_ptr<adapters::VideoEncoder>> encoders;
    encoders.reserve(targets.size());
    for (const auto& t : targets)
        encoders.push_back(std::make_unique<adapters::VideoEncoder>(t.path, t.settings));
    const auto started = std::chrono::steady_clock::now();
    for (int i = first; i < last; ++i) {
        checkInterrupted();
        const double t = static_cast<double>(i) / tl.fps();
        const auto sc = scene::evaluate(tl, t, theme, canvas, w, h);
        render::draw(sc, canvas);
        for (auto& e : encoders)
            e->write(canvas.pixels(), canvas.stride());
        if (showProgress && (i % 10 == 0 || i + 1 == last))
            progressLine(
                i + 1 - first, last - first,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    checkInterrupted();
    for (auto& e : encoders)
        e->finish();
    if (showProgress)
        static_cast<void>(std::fputc('\n', stderr));
}

void renderPng(const timeline::Timeline& tl, double t, int w, int h, const std::string& path) {
    const auto& story = tl.story();
    const auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    adapters::CairoCanvas canvas(w, h);
    render::draw(scene::evaluate(tl, t, theme, canvas, w, h), canvas);
    canvas.writePng(path);
}

} // namespace mapreel::cli
