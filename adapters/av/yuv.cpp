// SPDX-License-Identifier: MIT
#include "yuv.hpp"

#include <algorithm>

namespace mapreel::adapters {

namespace {

// BT.709 (Kr = 0.2126, Kb = 0.0722), limited range: Y in 16..235 (219 steps), Cb and Cr in
// 16..240 (224 steps) around 128; coefficients in 1/65536.
constexpr int kShift = 16;
constexpr int kYR = 11966;   // 0.2126 * 219/255
constexpr int kYG = 40254;   // 0.7152 * 219/255
constexpr int kYB = 4064;    // 0.0722 * 219/255
constexpr int kCbR = -6597;  // -0.2126 / 1.8556 * 224/255
constexpr int kCbG = -22187; // -0.7152 / 1.8556 * 224/255
constexpr int kCbB = 28784;  //  0.5 * 224/255
constexpr int kCrR = 28784;  //  0.5 * 224/255
constexpr int kCrG = -26148; // -0.7152 / 1.5748 * 224/255
constexpr int kCrB = -2637;  // -0.0722 / 1.5748 * 224/255
constexpr int kHalf = 1 << (kShift - 1);

std::uint8_t clamp8(int v) noexcept {
    return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
}

} // namespace

// Built for AVX2 too, chosen when the processor has it: the loops vectorise to twice the
// width. Integer arithmetic: both give the same bytes.
__attribute__((target_clones("avx2", "default"))) void
bgraToYuv420(const std::uint8_t* bgra, int stride, int width, int height, std::uint8_t* y,
             int yStride, std::uint8_t* cb, int cbStride, std::uint8_t* cr, int crStride) {
    for (int row = 0; row < height; ++row) {
        const std::uint8_t* in = bgra + static_cast<std::ptrdiff_t>(row) * stride;
        std::uint8_t* out = y + static_cast<std::ptrdiff_t>(row) * yStride;
        for (int x = 0; x < width; ++x) {
            const int b = in[4 * x];
            const int g = in[4 * x + 1];
            const int r = in[4 * x + 2];
            // Always within 16..235: the coefficients sum to 219/255.
            out[x] = static_cast<std::uint8_t>(
                (kYR * r + kYG * g + kYB * b + (16 << kShift) + kHalf) >> kShift);
        }
    }
    const int chromaWidth = (width + 1) / 2;
    const int chromaHeight = (height + 1) / 2;
    const int pairs = width / 2; // chroma samples with two pixels in each row
    for (int row = 0; row < chromaHeight; ++row) {
        const std::uint8_t* top = bgra + static_cast<std::ptrdiff_t>(2 * row) * stride;
        const std::uint8_t* bottom =
            2 * row + 1 < height ? top + stride : top; // a last odd row counts twice
        std::uint8_t* outCb = cb + static_cast<std::ptrdiff_t>(row) * cbStride;
        std::uint8_t* outCr = cr + static_cast<std::ptrdiff_t>(row) * crStride;
        auto sample = [&](int x, int left, int right) {
            // Sums of four pixels: the coefficients take the mean with two more bits.
            const int b = top[left] + top[right] + bottom[left] + bottom[right];
            const int g = top[left + 1] + top[right + 1] + bottom[left + 1] + bottom[right + 1];
            const int r = top[left + 2] + top[right + 2] + bottom[left + 2] + bottom[right + 2];
            outCb[x] = clamp8(
                ((kCbR * r + kCbG * g + kCbB * b + (1 << (kShift + 1))) >> (kShift + 2)) + 128);
            outCr[x] = clamp8(
                ((kCrR * r + kCrG * g + kCrB * b + (1 << (kShift + 1))) >> (kShift + 2)) + 128);
        };
        for (int x = 0; x < pairs; ++x)
            sample(x, 8 * x, 8 * x + 4);
        if (pairs < chromaWidth) // a last odd column counts twice
            sample(pairs, 8 * pairs, 8 * pairs);
    }
}

} // namespace mapreel::adapters
