// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cmath>

namespace mapreel::timeline {

/// Clamps to [0, 1].
[[nodiscard]] inline double clamp01(double x) noexcept {
    return std::clamp(x, 0.0, 1.0);
}

/// Smooth start and end (cubic), for moves that begin and end at rest.
[[nodiscard]] inline double easeInOut(double x) noexcept {
    x = clamp01(x);
    return x < 0.5 ? 4 * x * x * x : 1 - std::pow(-2 * x + 2, 3) / 2;
}

/// Fast start, gentle stop, for growth (arrows).
[[nodiscard]] inline double easeOut(double x) noexcept {
    x = clamp01(x);
    return 1 - std::pow(1 - x, 3);
}

/// Overshoots slightly then settles, for markers that pop in.
[[nodiscard]] inline double easeOutBack(double x) noexcept {
    x = clamp01(x);
    constexpr double kC1 = 1.70158;
    constexpr double kC3 = kC1 + 1;
    return 1 + kC3 * std::pow(x - 1, 3) + kC1 * std::pow(x - 1, 2);
}

/// Position of `t` inside [a, b] as a fraction, clamped.
[[nodiscard]] inline double progress(double t, double a, double b) noexcept {
    return b > a ? clamp01((t - a) / (b - a)) : (t >= b ? 1.0 : 0.0);
}

} // namespace mapreel::timeline
