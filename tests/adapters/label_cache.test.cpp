// SPDX-License-Identifier: MIT
// Labels are drawn once into sprites and reused; a label that fades or moves makes a new
// sprite every frame. What a canvas keeps of them stays within about a frame's pixels, the
// labels at rest stay cached, and every frame still shows each label as drawn afresh.
#include "cairo/cairo_canvas.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace mapreel;

namespace {

constexpr int kW = 640;
constexpr int kH = 360;

scene::Text label(const std::string& text, Point at, double alpha) {
    scene::Text t;
    t.text = text;
    t.at = at;
    t.font.size = 28;
    t.color = Color{0.1, 0.1, 0.2, alpha};
    t.halo = Color{1, 1, 1, alpha};
    t.haloWidth = 3;
    return t;
}

/// A frame: a label at rest, and one fading in and gliding over `k` frames.
void frame(adapters::CairoCanvas& c, int k) {
    c.clear(Color{0.8, 0.85, 0.9, 1});
    c.text(label("Pusan Perimeter", {40, 60}, 1));
    c.text(label("Chinese offensive, 25 October 1950", {40.0 + k * 0.37, 200},
                 0.05 + 0.9 * (k % 97) / 97.0));
}

std::vector<std::uint8_t> pixelsOf(adapters::CairoCanvas& c) {
    const std::uint8_t* p = c.pixels();
    return {p, p + static_cast<std::ptrdiff_t>(c.stride()) * kH};
}

TEST(LabelCache, StaysWithinAFrameAndEveryFrameIsDrawnRight) {
    adapters::CairoCanvas cached(kW, kH);
    std::size_t most = 0;
    for (int k = 0; k < 1500; ++k) {
        frame(cached, k);
        most = std::max(most, cached.labelCacheBytes());
        if (k % 250 == 249) {
            adapters::CairoCanvas fresh(kW, kH);
            frame(fresh, k);
            EXPECT_EQ(pixelsOf(cached), pixelsOf(fresh)) << "frame " << k;
        }
    }
    // 1,500 sprites of the moving label (~20 KB each) would be ~30 MB; the floor of the
    // budget is 4 MB for small frames.
    EXPECT_LE(most, std::size_t{4} << 20);
    EXPECT_GT(most, 0u);
}

} // namespace
