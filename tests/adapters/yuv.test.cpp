// SPDX-License-Identifier: MIT
// The colour conversion of every video frame, against the BT.709 definition and against
// libswscale (the general converter it replaces) on the same pixels.
#include "av/yuv.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

extern "C" {
#include <libswscale/swscale.h>
}

using mapreel::adapters::bgraToYuv420;

namespace {

struct Planes {
    std::vector<std::uint8_t> y, cb, cr;
    int width, height;
    Planes(int w, int h)
        : y(static_cast<std::size_t>(w * h)),
          cb(static_cast<std::size_t>(((w + 1) / 2) * ((h + 1) / 2))), cr(cb.size()), width(w),
          height(h) {}
};

Planes convert(const std::vector<std::uint8_t>& bgra, int w, int h) {
    Planes p(w, h);
    bgraToYuv420(bgra.data(), 4 * w, w, h, p.y.data(), w, p.cb.data(), (w + 1) / 2, p.cr.data(),
                 (w + 1) / 2);
    return p;
}

std::vector<std::uint8_t> solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(4 * w * h));
    for (std::size_t i = 0; i < px.size(); i += 4) {
        px[i] = b;
        px[i + 1] = g;
        px[i + 2] = r;
        px[i + 3] = 255;
    }
    return px;
}

TEST(Yuv, Bt709LimitedRangeOfKnownColours) {
    struct Case {
        std::uint8_t r, g, b, y, cb, cr;
    };
    // BT.709 limited range: white and black at the ends of 16..235, the primaries at their
    // published 8-bit values.
    for (const Case c : {Case{255, 255, 255, 235, 128, 128}, Case{0, 0, 0, 16, 128, 128},
                         Case{255, 0, 0, 63, 102, 240}, Case{0, 255, 0, 173, 42, 26},
                         Case{0, 0, 255, 32, 240, 118}}) {
        const auto p = convert(solid(4, 2, c.r, c.g, c.b), 4, 2);
        EXPECT_EQ(p.y[0], c.y) << int(c.r) << "," << int(c.g) << "," << int(c.b);
        EXPECT_EQ(p.cb[0], c.cb) << int(c.r) << "," << int(c.g) << "," << int(c.b);
        EXPECT_EQ(p.cr[0], c.cr) << int(c.r) << "," << int(c.g) << "," << int(c.b);
    }
}

TEST(Yuv, ChromaIsTheMeanOfTheFourPixelsAndOddEdgesCountTheirOwn) {
    // 3 x 3: the last column and row have no partner.
    auto px = solid(3, 3, 0, 0, 0);
    auto set = [&](int x, int y, std::uint8_t v) {
        const std::size_t i = static_cast<std::size_t>(4 * (y * 3 + x));
        px[i] = px[i + 1] = px[i + 2] = 0;
        px[i + 2] = v; // red
    };
    set(0, 0, 255); // one red pixel of four in the first block
    set(2, 2, 255); // the corner block is that one pixel alone
    const auto p = convert(px, 3, 3);
    const auto red = convert(solid(2, 2, 255, 0, 0), 2, 2);
    const auto quarter = convert(solid(2, 2, 64, 0, 0), 2, 2);
    EXPECT_NEAR(p.cr[0], quarter.cr[0], 1);
    EXPECT_EQ(p.cr[3], red.cr[0]);
    EXPECT_EQ(p.cb[3], red.cb[0]);
}

TEST(Yuv, AgreesWithSwscaleWithinOneStep) {
    // Random colours in 8 x 8 blocks, 64 x 32: the scaler's chroma filter reaches a pixel
    // beyond the 2 x 2 each sample covers, so chroma is compared where that pixel is still
    // of the same block.
    const int w = 64;
    const int h = 32;
    std::vector<std::uint8_t> px(static_cast<std::size_t>(4 * w * h));
    std::mt19937 rng(7);
    for (int by = 0; by < h; by += 8)
        for (int bx = 0; bx < w; bx += 8) {
            const std::array<std::uint8_t, 3> c{static_cast<std::uint8_t>(rng()),
                                                static_cast<std::uint8_t>(rng()),
                                                static_cast<std::uint8_t>(rng())};
            for (int dy = 0; dy < 8; ++dy)
                for (int dx = 0; dx < 8; ++dx) {
                    const std::size_t i = static_cast<std::size_t>(4 * ((by + dy) * w + bx + dx));
                    px[i] = c[0];
                    px[i + 1] = c[1];
                    px[i + 2] = c[2];
                    px[i + 3] = 255;
                }
        }
    const auto ours = convert(px, w, h);
    Planes theirs(w, h);
    SwsContext* sws = sws_getContext(w, h, AV_PIX_FMT_BGRA, w, h, AV_PIX_FMT_YUV420P,
                                     SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
    ASSERT_NE(sws, nullptr);
    const int* coeffs = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(sws, coeffs, 1, coeffs, 0, 0, 1 << 16, 1 << 16);
    const std::uint8_t* src[1] = {px.data()};
    const int srcStride[1] = {4 * w};
    std::uint8_t* dst[3] = {theirs.y.data(), theirs.cb.data(), theirs.cr.data()};
    const int dstStride[3] = {w, w / 2, w / 2};
    sws_scale(sws, src, srcStride, 0, h, dst, dstStride);
    sws_freeContext(sws);
    int worst = 0;
    for (std::size_t i = 0; i < ours.y.size(); ++i)
        worst = std::max(worst, std::abs(ours.y[i] - theirs.y[i]));
    EXPECT_LE(worst, 1) << "luma";
    for (int y = 0; y < h / 2; ++y)
        for (int x = 0; x < w / 2; ++x) {
            if (x % 4 == 0 || x % 4 == 3 || y % 4 == 0 || y % 4 == 3)
                continue;
            const std::size_t i = static_cast<std::size_t>(y * (w / 2) + x);
            worst = std::max(
                {worst, std::abs(ours.cb[i] - theirs.cb[i]), std::abs(ours.cr[i] - theirs.cr[i])});
        }
    EXPECT_LE(worst, 1) << "chroma";
}

} // namespace
