// SPDX-License-Identifier: MIT
// Micro-benchmarks of each stage of the pipeline, on the reference scene
// (bench/scene/bench-scene.yaml) and the Korean War story:
//   load      story file -> validated Story (YAML parse and checks)
//   basedata  one Natural Earth layer read through GDAL (/vsigzip/, bbox filter)
//   compile   Story -> Timeline (base data read, projected, clipped; fronts prepared)
//   evaluate  Timeline x t -> Scene (display list) for consecutive frames
//   draw      Scene -> Cairo raster, with the static base and overlay cached (warm) and
//             with every cache key changed each frame (cold: full redraw)
//   frame     evaluate + draw, as the render loop does it
//   encode    BGRA -> yuv420p -> H.264 (libx264 veryfast, CRF 20) through VideoEncoder; the
//             adapter does not expose its BGRA->YUV conversion, so it is part of this figure
//             (see the perf profile in bench/RESULTS.md for its share).
// Arguments: story (0 = reference scene, 1 = Korean War) and frame height (1080 or 2160).
// Frame-based benchmarks report items/s = frames per second.
#include "av/video_encoder.hpp"
#include "cairo/cairo_canvas.hpp"
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

using namespace mapreel;

namespace {

const std::string kSource = MAPREEL_SOURCE_DIR;
const std::array<std::string, 2> kStories = {kSource + "/bench/scene/bench-scene.yaml",
                                             kSource + "/stories/cold-war/korean-war.yaml"};
/// Frames the per-frame benchmarks cycle through: the whole reference scene, and the first
/// 600 frames (20 s) of the Korean War map.
constexpr std::array<int, 2> kFrameWindow = {300, 600};

std::shared_ptr<const story::Story> loadOrThrow(const std::string& path) {
    auto loaded = story::loadStory(path);
    if (!loaded)
        throw std::runtime_error("cannot load " + path);
    return std::make_shared<const story::Story>(std::move(loaded->story));
}

/// The adapters behind the geo interfaces (what the CLI's Services holds).
struct GeoServices {
    adapters::GdalFeatureSource features;
    adapters::ProjFactory projectors;
    adapters::ProjGeodesic geodesic;
    adapters::GeosOps ops;
    geo::Services view() { return {features, projectors, ops, geodesic, kSource + "/data"}; }
};

int widthFor(int height) {
    return height * 16 / 9;
}

/// Narrative time of the i-th frame of the story's benchmark window.
double frameTime(const timeline::Timeline& tl, std::size_t which, std::int64_t i) {
    const int window = std::min(kFrameWindow.at(which), tl.clock().frameCount());
    return static_cast<double>(i % window) / tl.clock().fps();
}

/// A compiled story, shared by the benchmarks that start from a Timeline. Front keyframes
/// build their distance fields on first use; every frame of the window is evaluated once
/// here so that one-time cost (measured by BM_FirstPass) stays out of the per-frame figures.
struct Compiled {
    std::shared_ptr<const story::Story> story;
    GeoServices services;
    std::unique_ptr<timeline::Timeline> timeline;
    scene::Theme theme;
};

Compiled& compiled(std::size_t which) {
    static std::map<std::size_t, std::unique_ptr<Compiled>> cache;
    auto& slot = cache[which];
    if (!slot) {
        slot = std::make_unique<Compiled>();
        slot->story = loadOrThrow(kStories.at(which));
        auto view = slot->services.view();
        slot->timeline = std::make_unique<timeline::Timeline>(slot->story, view);
        slot->theme = scene::makeTheme(slot->story->canvas.theme, slot->story->canvas.style);
        adapters::CairoCanvas measurer(1920, 1080);
        for (std::int64_t i = 0; i < kFrameWindow.at(which); ++i)
            (void)scene::evaluate(*slot->timeline, frameTime(*slot->timeline, which, i),
                                  slot->theme, measurer, 1920, 1080);
    }
    return *slot;
}

void BM_Load(benchmark::State& state) {
    const auto& path = kStories.at(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto loaded = story::loadStory(path);
        if (!loaded) {
            state.SkipWithError("story does not load");
            return;
        }
        benchmark::DoNotOptimize(loaded->story.steps.size());
    }
}

/// The largest base layer both stories read: Natural Earth 10m land, filtered to Korea.
void BM_BaseData(benchmark::State& state) {
    adapters::GdalFeatureSource source;
    geo::LayerQuery q{"/vsigzip/" + kSource + "/data/natural-earth/ne_10m_land.geojson.gz",
                      {},
                      {},
                      Rect{120.0, 31.0, 135.0, 46.0},
                      false};
    for (auto _ : state) {
        auto features = source.read(q);
        benchmark::DoNotOptimize(features.size());
    }
}

void BM_Compile(benchmark::State& state) {
    const auto which = static_cast<std::size_t>(state.range(0));
    auto story = loadOrThrow(kStories.at(which));
    for (auto _ : state) {
        GeoServices services;
        auto view = services.view();
        timeline::Timeline tl(story, view);
        benchmark::DoNotOptimize(tl.clock().frameCount());
    }
}

/// Compile, then evaluate every frame of the window once: includes the distance fields the
/// front keyframes build on first use (what a render pays on top of BM_Compile).
void BM_FirstPass(benchmark::State& state) {
    const auto which = static_cast<std::size_t>(state.range(0));
    auto story = loadOrThrow(kStories.at(which));
    const auto theme = scene::makeTheme(story->canvas.theme, story->canvas.style);
    adapters::CairoCanvas measurer(1920, 1080);
    for (auto _ : state) {
        GeoServices services;
        auto view = services.view();
        timeline::Timeline tl(story, view);
        for (std::int64_t i = 0; i < kFrameWindow.at(which); ++i)
            benchmark::DoNotOptimize(
                scene::evaluate(tl, frameTime(tl, which, i), theme, measurer, 1920, 1080));
    }
}

void BM_Evaluate(benchmark::State& state) {
    const auto which = static_cast<std::size_t>(state.range(0));
    const int h = static_cast<int>(state.range(1));
    auto& c = compiled(which);
    adapters::CairoCanvas canvas(widthFor(h), h); // the text measurer
    std::int64_t i = 0;
    for (auto _ : state) {
        auto sc = scene::evaluate(*c.timeline, frameTime(*c.timeline, which, i++), c.theme, canvas,
                                  widthFor(h), h);
        benchmark::DoNotOptimize(sc.items.size());
    }
    state.SetItemsProcessed(state.iterations());
}

/// Draws pre-evaluated scenes of consecutive frames. `cold` changes the base and overlay
/// keys every frame, so nothing is replayed from the canvas caches.
void drawBenchmark(benchmark::State& state, bool cold) {
    const auto which = static_cast<std::size_t>(state.range(0));
    const int h = static_cast<int>(state.range(1));
    const int w = widthFor(h);
    auto& c = compiled(which);
    adapters::CairoCanvas canvas(w, h);
    // Evaluate a window of frames up front so only drawing is timed.
    std::vector<scene::Scene> scenes;
    for (std::int64_t i = 0; i < 60; ++i)
        scenes.push_back(scene::evaluate(*c.timeline, frameTime(*c.timeline, which, i * 5), c.theme,
                                         canvas, w, h));
    for (const auto& sc : scenes) // warm up: fills the caches a warm run replays
        render::draw(sc, canvas);
    std::uint64_t salt = 0;
    std::size_t i = 0;
    for (auto _ : state) {
        auto& sc = scenes[i++ % scenes.size()];
        if (cold) {
            ++salt;
            sc.baseKey ^= salt * 0x9e3779b97f4a7c15ULL;
            sc.overlayKey ^= salt * 0xc2b2ae3d27d4eb4fULL;
        }
        render::draw(sc, canvas);
        benchmark::DoNotOptimize(canvas.pixels());
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_DrawWarm(benchmark::State& state) {
    drawBenchmark(state, false);
}

void BM_DrawCold(benchmark::State& state) {
    drawBenchmark(state, true);
}

void BM_Frame(benchmark::State& state) {
    const auto which = static_cast<std::size_t>(state.range(0));
    const int h = static_cast<int>(state.range(1));
    const int w = widthFor(h);
    auto& c = compiled(which);
    adapters::CairoCanvas canvas(w, h);
    render::draw(scene::evaluate(*c.timeline, 0, c.theme, canvas, w, h), canvas); // warm up
    std::int64_t i = 0;
    for (auto _ : state) {
        auto sc =
            scene::evaluate(*c.timeline, frameTime(*c.timeline, which, i++), c.theme, canvas, w, h);
        render::draw(sc, canvas);
        benchmark::DoNotOptimize(canvas.pixels());
    }
    state.SetItemsProcessed(state.iterations());
}

/// Encodes pre-rendered frames of the story; x264 runs its own threads, so this is timed in
/// real time, and the flush at the end is outside the timed loop.
void BM_Encode(benchmark::State& state) {
    const auto which = static_cast<std::size_t>(state.range(0));
    const int h = static_cast<int>(state.range(1));
    const int w = widthFor(h);
    auto& c = compiled(which);
    adapters::CairoCanvas canvas(w, h);
    std::vector<std::vector<std::uint8_t>> frames;
    for (std::int64_t i = 0; i < 30; ++i) {
        render::draw(scene::evaluate(*c.timeline, frameTime(*c.timeline, which, i * 10), c.theme,
                                     canvas, w, h),
                     canvas);
        const auto* p = canvas.pixels();
        frames.emplace_back(p, p + static_cast<std::ptrdiff_t>(canvas.stride()) * h);
    }
    const auto path = std::filesystem::temp_directory_path() /
                      ("mapreel-bench-" + std::to_string(getpid()) + ".mp4");
    adapters::VideoSettings vs;
    vs.width = w;
    vs.height = h;
    vs.fps = c.timeline->clock().fps();
    vs.container = "mp4";
    {
        adapters::VideoEncoder encoder(path.string(), vs);
        std::size_t i = 0;
        for (auto _ : state)
            encoder.write(frames[i++ % frames.size()].data(), canvas.stride());
        encoder.finish();
    }
    std::filesystem::remove(path);
    state.SetItemsProcessed(state.iterations());
}

void storyArgs(benchmark::internal::Benchmark* b) {
    b->ArgNames({"story"})->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
}

/// Story x height: both stories at 1080p, the reference scene also at 4K.
void frameArgs(benchmark::internal::Benchmark* b) {
    b->ArgNames({"story", "h"})
        ->Args({0, 1080})
        ->Args({1, 1080})
        ->Args({0, 2160})
        ->Unit(benchmark::kMillisecond);
}

} // namespace

BENCHMARK(BM_Load)->Apply(storyArgs);
BENCHMARK(BM_BaseData)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Compile)->Apply(storyArgs);
BENCHMARK(BM_FirstPass)->Apply(storyArgs);
BENCHMARK(BM_Evaluate)->Apply(frameArgs);
BENCHMARK(BM_DrawWarm)->Apply(frameArgs);
BENCHMARK(BM_DrawCold)->Apply(frameArgs);
BENCHMARK(BM_Frame)->Apply(frameArgs);
BENCHMARK(BM_Encode)->Apply(frameArgs)->UseRealTime();

BENCHMARK_MAIN();
