// SPDX-License-Identifier: MIT
#include "mapreel/scene/evaluate.hpp"

#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene {

using timeline::easeInOut;
using timeline::progress;

namespace {

constexpr double kRho = 1.42;
constexpr double kCameraSeconds = 3.0;

/// Moves the centre `c` of a view `w` map units across the map area so that the frame shows
/// no more past the globe's edges than it must: where the whole globe fits across (or down)
/// the frame it is centred in it, with equal margins; where it does not, the frame stays on
/// it. A view that fits a world extent into the map area left of the narration card would
/// otherwise show an empty band above the poles and cut the south off at the frame's edge.
void keepOnWorld(const Rect& world, const Layout& layout, Point& c, double w) {
    if (world.empty())
        return;
    const double scale = layout.mapArea.width() / w;
    const Point sc = layout.mapArea.centre();
    // The frame spans [centre - before, centre + after] along each axis, in map units.
    auto axis = [](double& centre, double lo, double hi, double before, double after) {
        if (before + after >= hi - lo)
            centre = (lo + hi) / 2 + (before - after) / 2;
        else
            centre = std::clamp(centre, lo + before, hi - after);
    };
    axis(c.x, world.minX, world.maxX, sc.x / scale, (layout.width - sc.x) / scale);
    axis(c.y, world.minY, world.maxY, (layout.height - sc.y) / scale, sc.y / scale);
}

} // namespace

void ZoomPan::at(double s, Point& c, double& w) const {
    const double dx = c1.x - c0.x;
    const double dy = c1.y - c0.y;
    const double d = std::hypot(dx, dy);
    const double r2 = kRho * kRho;
    if (d < 1e-6 * std::max(w0, w1)) {
        // Pure zoom: constant perceived speed is exponential in the width.
        c = c0 + (c1 - c0) * s;
        w = w0 * std::pow(w1 / w0, s);
        return;
    }
    auto b = [&](int i) {
        const double wi = i == 0 ? w0 : w1;
        return (w1 * w1 - w0 * w0 + (i == 0 ? 1 : -1) * r2 * r2 * d * d) / (2 * wi * r2 * d);
    };
    auto r = [&](int i) {
        const double bi = b(i);
        return std::log(-bi + std::sqrt(bi * bi + 1));
    };
    const double r0 = r(0);
    const double r1 = r(1);
    const double pathLength = (r1 - r0) / kRho;
    const double sv = s * pathLength;
    const double uu = w0 / r2 * std::cosh(r0) * std::tanh(kRho * sv + r0) - w0 / r2 * std::sinh(r0);
    w = w0 * std::cosh(r0) / std::cosh(kRho * sv + r0);
    const double k = uu / d;
    c = {c0.x + dx * k, c0.y + dy * k};
    if (s >= 1) {
        c = c1;
        w = w1;
    }
}

Layout makeLayout(int width, int height, bool narrationCard) {
    Layout layout;
    layout.width = width;
    layout.height = height;
    layout.unit = height / 1080.0;
    const double u = layout.unit;
    const double m = 28 * u;
    const double narrationW = std::min(0.36 * width, 700 * u);
    layout.narration = Rect{width - m - narrationW, m + 110 * u, width - m, height - m};
    layout.title = Rect{m, m, m + 0.5 * width, m + 100 * u};
    layout.legend = Rect{m, height - m - 200 * u, m + 0.3 * width, height - m};
    layout.date = Rect{width - m - narrationW, m, width - m, m + 90 * u};
    // Fit camera extents left of the narration card, below the title; without the card the
    // map takes the whole width.
    if (!narrationCard)
        layout.narration = Rect{};
    layout.mapArea =
        Rect{m, m + 40 * u, narrationCard ? layout.narration.minX - m : width - m, height - m};
    return layout;
}

ViewTransform cameraAt(const timeline::Timeline& tl, const Layout& layout, double t) {
    const auto& steps = tl.clock().steps();
    ViewTransform v;
    v.screenCentre = layout.mapArea.centre();
    auto fit = [&](const Rect& r, Point& c, double& w) {
        c = r.centre();
        // Width of map shown across the map area so the whole extent fits.
        const double aspect = layout.mapArea.width() / layout.mapArea.height();
        w = std::max(r.width(), r.height() * aspect);
    };
    if (steps.empty())
        return v;
    const int i = std::max(0, tl.clock().stepAt(t));
    const auto& st = steps[static_cast<std::size_t>(i)];
    Point c1;
    double w1 = 1;
    fit(tl.camera(i), c1, w1);
    Point c = c1;
    double w = w1;
    if (i > 0) {
        Point c0;
        double w0 = 1;
        fit(tl.camera(i - 1), c0, w0);
        if (c0 != c1 || std::abs(w0 - w1) > 1e-9 * w1) {
            const double moveEnd = st.start + std::min(kCameraSeconds, st.duration * 0.4);
            ZoomPan zp{c0, c1, w0, w1};
            zp.at(easeInOut(progress(t, st.start, moveEnd)), c, w);
        }
    }
    keepOnWorld(tl.worldBounds(), layout, c, w);
    v.centre = c;
    v.scale = layout.mapArea.width() / w;
    return v;
}

} // namespace mapreel::scene
