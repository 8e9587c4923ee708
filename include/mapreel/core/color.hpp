// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mapreel {

/// A straight (non-premultiplied) RGBA colour, each channel in [0, 1].
struct Color {
    double r = 0;
    double g = 0;
    double b = 0;
    double a = 1;
    bool operator==(const Color&) const = default;

    /// The same colour with its alpha multiplied by `factor` in [0, 1].
    [[nodiscard]] Color withAlpha(double factor) const noexcept { return {r, g, b, a * factor}; }
    /// Mixed towards black by `amount` in [0, 1].
    [[nodiscard]] Color darker(double amount) const noexcept;
    /// Mixed towards white by `amount` in [0, 1].
    [[nodiscard]] Color lighter(double amount) const noexcept;
};

/// Parses `#rgb`, `#rrggbb`, `#rrggbbaa` or a CSS basic colour name.
[[nodiscard]] std::optional<Color> parseColor(std::string_view text);

/// `#rrggbb` or `#rrggbbaa`.
[[nodiscard]] std::string toHex(const Color& c);

/// WCAG relative luminance in [0, 1].
[[nodiscard]] double luminance(const Color& c) noexcept;

} // namespace mapreel
