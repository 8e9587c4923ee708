// SPDX-License-Identifier: MIT
// The cached layer of a Cairo canvas (the base map): while its key changes every frame (a
// camera move) it is drawn and not kept; once the key settles it is kept and reused. Every
// frame must show what drawing it afresh shows.
#include "cairo/cairo_canvas.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace mapreel;

namespace {

constexpr int kW = 64;
constexpr int kH = 48;

/// A layer that depends on its key: a square moved by it.
void layer(render::Canvas& c, std::uint64_t key) {
    c.clear(Color{0.9, 0.9, 0.8, 1});
    const double x = 4 + static_cast<double>(key % 40);
    scene::Fill f{scene::Path{{{{x, 10}, {x + 20.5, 10}, {x + 20.5, 30.3}, {x, 30.3}}}, {}},
                  Color{0.2, 0.4, 0.7, 1}};
    c.fill(f);
}

std::vector<std::uint8_t> pixelsOf(adapters::CairoCanvas& c) {
    const std::uint8_t* p = c.pixels();
    return {p, p + static_cast<std::ptrdiff_t>(c.stride()) * kH};
}

TEST(CachedLayer, EveryFrameIsTheLayerDrawnAfreshAndAMoveIsNotKept) {
    // Still, a move of four frames, still again, a cut to another view, still.
    const std::vector<std::uint64_t> keys{1, 1, 2, 3, 4, 5, 5, 5, 5, 9, 9, 9};
    adapters::CairoCanvas cached(kW, kH);
    int drawn = 0;
    std::vector<int> drawnAt;
    for (const auto key : keys) {
        const bool held = cached.holds(key);
        cached.cached(key, [&](render::Canvas& c) {
            ++drawn;
            layer(c, key);
        });
        drawnAt.push_back(drawn);
        adapters::CairoCanvas fresh(kW, kH);
        layer(fresh, key);
        EXPECT_EQ(pixelsOf(cached), pixelsOf(fresh)) << "key " << key;
        EXPECT_EQ(held, drawnAt.size() > 1 && drawnAt[drawnAt.size() - 2] == drawn)
            << "holds() says whether the layer comes from the cache";
    }
    // Drawn: the first still frame; every frame of the move; the first settled frame twice
    // (to show, then to keep); the cut's first frame once (kept, as nothing moved before).
    EXPECT_EQ(drawnAt, (std::vector<int>{1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 7}));
}

} // namespace
