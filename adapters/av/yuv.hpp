// SPDX-License-Identifier: MIT
#pragma once
// Drawn frames (Cairo's BGRA, opaque) to the encoders' 4:2:0 YUV.

#include <cstdint>

namespace mapreel::adapters {

/// Writes the BT.709 limited-range ("TV") Y, Cb and Cr planes of a `width` x `height` BGRA
/// image (premultiplied, as Cairo draws it; frames are opaque). Each chroma sample is the
/// mean of the 2 x 2 pixels it covers (a last odd column or row counts its own pixels
/// twice). Plain integer arithmetic: the same bytes on every machine, and several times
/// cheaper than a general scaler, since nothing is resized.
void bgraToYuv420(const std::uint8_t* bgra, int stride, int width, int height, std::uint8_t* y,
                  int yStride, std::uint8_t* cb, int cbStride, std::uint8_t* cr, int crStride);

} // namespace mapreel::adapters
