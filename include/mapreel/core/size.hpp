// SPDX-License-Identifier: MIT
#pragma once

namespace mapreel {

/// A size in pixels: a frame, a canvas, a window's drawable area.
struct PixelSize {
    int width = 0;
    int height = 0;
    bool operator==(const PixelSize&) const = default;
};

} // namespace mapreel
