// SPDX-License-Identifier: MIT
// A world map never shows the void past a pole: the Cuban missile crisis' last step (a wide
// extent of the Atlantic) as the catalogue thumbnail and the video frame, with and without
// the narration card, keeps the frame inside the globe, and its top row is map, not the
// background colour.
#include "story_timeline.hpp"

#include "cairo/cairo_canvas.hpp"

#include "mapreel/render/frame.hpp"
#include "mapreel/scene/evaluate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

using namespace mapreel;

namespace {

/// Pixels of row `y` within 3 levels of `c` in every channel.
int pixelsOfColour(const adapters::RasterImage& img, int y, const Color& c) {
    int n = 0;
    for (int x = 0; x < img.width; ++x) {
        const auto* p = &img.bgra[static_cast<std::size_t>((y * img.width + x) * 4)];
        const auto near = [](std::uint8_t v, double want) {
            return std::abs(static_cast<double>(v) - want * 255) <= 3;
        };
        if (near(p[2], c.r) && near(p[1], c.g) && near(p[0], c.b))
            ++n;
    }
    return n;
}

} // namespace

TEST(WorldCamera, NeverShowsPastThePole) {
    const auto tl = integration::storyTimeline("stories/cold-war/cuban-missile-crisis.yaml");
    const Rect& world = tl->worldBounds();
    ASSERT_FALSE(world.empty()) << "equal-earth draws the whole globe";
    const int last = static_cast<int>(tl->clock().steps().size()) - 1;
    const double t = tl->clock().settledTime(last);
    for (const bool card : {true, false}) {
        for (const PixelSize size : {PixelSize{640, 360}, PixelSize{1280, 720}}) {
            const auto layout = scene::makeLayout(size.width, size.height, card);
            const auto view = scene::cameraAt(*tl, layout, t);
            const double top = view.invert({0, 0}).y;
            const double bottom = view.invert({0, static_cast<double>(size.height)}).y;
            EXPECT_LE(top, world.maxY + 1) << size.width << (card ? " with" : " without");
            EXPECT_GE(bottom, world.minY - 1) << size.width << (card ? " with" : " without");
            // In the picture: the map-only frame (the thumbnail's) has no row of background.
            auto theme = render::themeOf(tl->story());
            theme.narrationCard = card;
            adapters::CairoCanvas canvas(size.width, size.height);
            render::renderFrame(*tl, theme, t, size, canvas, canvas,
                                {.mapOnly = true, .adjust = {}});
            const auto img = adapters::snapshot(canvas);
            EXPECT_LT(pixelsOfColour(img, 1, theme.sea), size.width / 2)
                << size.width << (card ? " with" : " without") << ": a band of background on top";
        }
    }
}
