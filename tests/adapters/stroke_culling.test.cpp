// SPDX-License-Identifier: MIT
// Strokes are drawn only where they can reach the image (render::visibleRuns): the image
// must be that of the whole path. The same paths are drawn on a canvas three times as
// large, moved to its middle, where nothing is left out, and the middle compared.
#include "cairo/cairo_canvas.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace mapreel;

namespace {

constexpr int kW = 160;
constexpr int kH = 120;

/// A star of many points around a centre far beyond the small canvas, and a wiggly line
/// in and out of it.
scene::Path paths(double dx, double dy, std::size_t skip) {
    scene::Path p;
    std::vector<Point> star;
    for (int i = 0; i < 400; ++i) {
        const double a = i * 2 * M_PI / 400;
        const double r = (i % 2 ? 150 : 190) + 20 * std::sin(i * 0.7);
        star.push_back({dx + 260 + r * std::cos(a), dy + 40 + r * std::sin(a)});
    }
    p.rings.push_back(star);
    std::vector<Point> line;
    for (std::size_t i = 0; i < 300; ++i) {
        if (i == skip || i == skip + 1) { // a gap: the segments around these points are lost
            p.lines.push_back(line);
            line.clear();
            continue;
        }
        line.push_back({dx - 100 + double(i) * 1.3,
                        dy + 60 + 90 * std::sin(double(i) * 0.05) + double(i % 3)});
    }
    p.lines.push_back(line);
    return p;
}

/// The stroke drawn on a w x h image with the paths moved by (dx, dy), and the kW x kH
/// pixels from (dx, dy); `skip` cuts a gap into the line there.
std::vector<std::uint8_t> draw(int w, int h, double dx, double dy, double width, bool round,
                               std::size_t skip = SIZE_MAX) {
    adapters::CairoCanvas c(w, h);
    c.clear(Color{1, 1, 1, 1});
    scene::Stroke s{paths(dx, dy, skip), Color{0.2, 0.3, 0.5, 0.8}, width};
    s.round = round;
    c.stroke(s);
    std::vector<std::uint8_t> out;
    const std::uint8_t* px = c.pixels();
    for (int y = 0; y < kH; ++y) {
        const std::uint8_t* row = px + static_cast<std::ptrdiff_t>((y + dy) * c.stride()) +
                                  static_cast<std::ptrdiff_t>(dx * 4);
        out.insert(out.end(), row, row + 4 * kW);
    }
    return out;
}

/// How far two images of the same size are apart: the pixels that differ, and the largest
/// difference of a channel.
struct Difference {
    int pixels = 0;
    int largest = 0;
};

Difference compare(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    Difference d;
    for (std::size_t i = 0; i < a.size(); i += 4) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c)
            worst = std::max(worst, std::abs(int{a[i + c]} - int{b[i + c]}));
        d.pixels += worst > 0 ? 1 : 0;
        d.largest = std::max(d.largest, worst);
    }
    return d;
}

// Within Cairo's scan conversion: it rasterises a row of pixels by a method chosen from
// every edge crossing the row, beyond the image too, so that leaving edges out can move an
// edge pixel of the line by a few levels (measured: up to 11 of 255, on under 3 % of the
// pixels); a segment lost or drawn twice moves its pixels by far more.
constexpr int kLargestLevels = 16;
constexpr int kMostPixels = kW * kH * 3 / 100;

TEST(StrokeCulling, TheImageIsThatOfTheWholePath) {
    for (const double width : {0.8, 1.5, 7.0}) {
        for (const bool round : {true, false}) {
            const auto culled = draw(kW, kH, 0, 0, width, round);
            const auto whole = draw(3 * kW, 3 * kH, kW, kH, width, round);
            const Difference d = compare(culled, whole);
            EXPECT_LE(d.largest, kLargestLevels)
                << "width " << width << (round ? " round" : " miter");
            EXPECT_LE(d.pixels, kMostPixels) << "width " << width << (round ? " round" : " miter");
        }
    }
}

TEST(StrokeCulling, TheComparisonSeesALostSegment) {
    // The same drawing without one segment crossing the image fails the bounds above.
    const auto whole = draw(kW, kH, 0, 0, 1.5, true);
    const auto lost = draw(kW, kH, 0, 0, 1.5, true, 120);
    const Difference d = compare(lost, whole);
    EXPECT_GT(d.largest, kLargestLevels);
}

} // namespace
