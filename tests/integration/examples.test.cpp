// SPDX-License-Identifier: MIT
// The example stories (stories/examples/) keep their facts, and the Napoleon map draws its
// flow bands and its chart with the real adapters: the advance as wide as Minard's 422,000
// men at the Niemen, the retreat down to 10,000, the temperature of the day.
#include "story_timeline.hpp"

#include "cairo/cairo_canvas.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/timeline/facts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

using namespace mapreel;

namespace {

std::vector<std::string> exampleMaps() {
    std::vector<std::string> out;
    const std::filesystem::path dir =
        std::filesystem::path(MAPREEL_SOURCE_DIR) / "stories/examples";
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".yaml" && e.path().stem() != "series")
            out.push_back("stories/examples/" + e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

class ExampleMap : public ::testing::TestWithParam<std::string> {};

const timeline::Timeline& napoleon() {
    static const auto tl = integration::storyTimeline("stories/examples/napoleon-1812.yaml");
    return *tl;
}

} // namespace

TEST_P(ExampleMap, StatesAtLeastFiveFactsAndEveryOneHolds) {
    const auto tl = integration::storyTimeline(GetParam());
    int stated = 0;
    for (const auto& v : timeline::checkFacts(*tl)) {
        if (v.fact->fact.marker == nullptr)
            ++stated;
        EXPECT_TRUE(v.holds()) << format(timeline::factDiagnostic(*tl, v));
    }
    EXPECT_GE(stated, 5) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleMap, ::testing::ValuesIn(exampleMaps()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                             std::string name = std::filesystem::path(p.param).stem().string();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(Napoleon1812, DrawsBothBandsAndTheChartOnItsLastStep) {
    const auto& tl = napoleon();
    ASSERT_EQ(tl.flows().size(), 2U);
    const int last = static_cast<int>(tl.clock().steps().size()) - 1;
    const double t = tl.clock().settledTime(last);
    for (const auto& f : tl.flows()) {
        SCOPED_TRACE(f.source->id);
        EXPECT_DOUBLE_EQ(timeline::flowLength(f, t), f.cumulative.back()); // grown whole
    }
    adapters::CairoCanvas canvas(1920, 1080);
    const auto frame = scene::evaluate(tl, t, scene::makeTheme("classic", {}), canvas, 1920, 1080);
    std::vector<std::string> texts;
    for (const auto* list : {&frame.items, &frame.overlay, &frame.top})
        for (const auto& item : *list)
            if (const auto* tx = std::get_if<scene::Text>(&item))
                texts.push_back(tx->text);
    auto has = [&](const std::string& s) {
        return std::find(texts.begin(), texts.end(), s) != texts.end();
    };
    EXPECT_TRUE(has("422,000"));
    EXPECT_TRUE(has("10,000"));
    EXPECT_TRUE(has("= 200,000 men"));
    EXPECT_TRUE(has("Temperature on the retreat"));
    EXPECT_TRUE(has("\u221232.5\u2009°C")); // 7 December, Minard's last reading
    // In the pixels: the advance's tan across its band at [28.0, 54.9], where 280,000 men
    // are 26.5 pixels wide, and the map's green beside it.
    render::draw(frame, canvas);
    const auto image = adapters::snapshot(canvas);
    const auto view = scene::cameraAt(tl, scene::makeLayout(1920, 1080), t);
    const Point c = view.apply(tl.projection().point({28.0, 54.9}));
    auto warmth = [&](double dy) { // red minus blue at dy pixels below the centre line
        const auto x = static_cast<std::size_t>(std::lround(c.x));
        const auto y = static_cast<std::size_t>(std::lround(c.y + dy));
        const std::size_t i = (y * static_cast<std::size_t>(image.width) + x) * 4;
        return static_cast<int>(image.bgra[i + 2]) - static_cast<int>(image.bgra[i]);
    };
    for (double dy : {-9.0, -4.0, 4.0, 9.0})
        EXPECT_GT(warmth(dy), 70) << dy;
    for (double dy : {-22.0, 22.0})
        EXPECT_LT(warmth(dy), 45) << dy;
}
