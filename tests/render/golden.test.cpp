// SPDX-License-Identifier: MIT
// Golden-image tests: each tests/render/<group>/<case>/ folder holds story.yaml and
// expected.png. The story renders at its own canvas size at the time given in `frame.txt`
// (seconds; default: the last step's settled frame). A pixel mismatches when a channel
// differs by more than kThreshold; a case fails when more than `allowed` of the pixels
// mismatch (first line of allowed.txt, default 0.002). On failure actual.png and diff.png
// are written under the build tree, MAPREEL_GOLDEN_ARTIFACTS/<group>/<case>/, never into
// the sources. MAPREEL_UPDATE_GOLDEN=1 rewrites the expectations.
#include "cairo/cairo_canvas.hpp"
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace mapreel;

namespace {

constexpr int kThreshold = 32; ///< per channel, of 255: ignores anti-aliasing noise

std::vector<fs::path> cases() {
    std::vector<fs::path> out;
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(MAPREEL_SOURCE_DIR) / "tests" / "render"))
        if (e.is_regular_file() && e.path().filename() == "story.yaml")
            out.push_back(e.path().parent_path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string caseName(const testing::TestParamInfo<fs::path>& info) {
    std::string n =
        info.param.parent_path().filename().string() + "_" + info.param.filename().string();
    for (auto& c : n)
        if (std::isalnum(static_cast<unsigned char>(c)) == 0)
            c = '_';
    return n;
}

double readNumber(const fs::path& p, double fallback) {
    std::ifstream in(p);
    double v = fallback;
    if (in)
        in >> v;
    return v;
}

class Golden : public testing::TestWithParam<fs::path> {};

} // namespace

TEST_P(Golden, MatchesExpectedImage) {
    const fs::path dir = GetParam();
    auto loaded = story::loadStory((dir / "story.yaml").string());
    ASSERT_TRUE(loaded) << format(loaded.error().items().front());
    auto s = std::make_shared<const story::Story>(std::move(loaded->story));
    adapters::GdalFeatureSource features;
    adapters::ProjFactory projectors;
    adapters::ProjGeodesic geodesic;
    adapters::GeosOps ops;
    geo::Services services{features, projectors, ops, geodesic, MAPREEL_DATA_DIR};
    timeline::Timeline tl(s, services);
    const double t = readNumber(
        dir / "frame.txt", tl.clock().settledTime(static_cast<int>(tl.clock().steps().size()) - 1));
    const double allowed = readNumber(dir / "allowed.txt", 0.002);
    const int w = s->canvas.width;
    const int h = s->canvas.height;
    adapters::CairoCanvas canvas(w, h);
    render::draw(
        scene::evaluate(tl, t, scene::makeTheme(s->canvas.theme, s->canvas.style), canvas, w, h),
        canvas);
    const auto actual = adapters::snapshot(canvas);
    const fs::path expectedPath = dir / "expected.png";
    // The test changes no environment variable, so getenv cannot race.
    const char* update = std::getenv("MAPREEL_UPDATE_GOLDEN"); // NOLINT(concurrency-mt-unsafe)
    if ((update != nullptr && std::string(update) == "1") || !fs::exists(expectedPath)) {
        adapters::writePng(actual, expectedPath.string());
        if (update == nullptr)
            GTEST_SKIP() << "wrote a new expectation " << expectedPath << "; look at it and commit";
        return;
    }
    const auto expected = adapters::readPng(expectedPath.string());
    ASSERT_EQ(expected.width, actual.width);
    ASSERT_EQ(expected.height, actual.height);
    adapters::RasterImage diff = actual;
    std::size_t bad = 0;
    const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (int c = 0; c < 4; ++c)
            worst = std::max(
                worst,
                std::abs(static_cast<int>(actual.bgra[i * 4 + static_cast<std::size_t>(c)]) -
                         static_cast<int>(expected.bgra[i * 4 + static_cast<std::size_t>(c)])));
        const bool mismatch = worst > kThreshold;
        bad += mismatch ? 1 : 0;
        const auto grey = static_cast<std::uint8_t>(200 + expected.bgra[i * 4 + 1] / 5);
        diff.bgra[i * 4 + 0] = mismatch ? 0 : grey;
        diff.bgra[i * 4 + 1] = mismatch ? 0 : grey;
        diff.bgra[i * 4 + 2] = mismatch ? 255 : grey;
        diff.bgra[i * 4 + 3] = 255;
    }
    const double fraction = static_cast<double>(bad) / static_cast<double>(n);
    const fs::path artifacts =
        fs::path(MAPREEL_GOLDEN_ARTIFACTS) / dir.parent_path().filename() / dir.filename();
    if (fraction > allowed) {
        fs::create_directories(artifacts);
        adapters::writePng(actual, (artifacts / "actual.png").string());
        adapters::writePng(diff, (artifacts / "diff.png").string());
    }
    EXPECT_LE(fraction, allowed) << bad << " pixels differ; see " << (artifacts / "diff.png");
}

INSTANTIATE_TEST_SUITE_P(Render, Golden, testing::ValuesIn(cases()), caseName);
