// SPDX-License-Identifier: MIT
#include "mapreel/core/color.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

namespace mapreel {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kNamed = {{
    {"black", "#000000"},
    {"white", "#ffffff"},
    {"red", "#ff0000"},
    {"green", "#008000"},
    {"blue", "#0000ff"},
    {"yellow", "#ffff00"},
    {"orange", "#ffa500"},
    {"purple", "#800080"},
    {"grey", "#808080"},
    {"gray", "#808080"},
    {"silver", "#c0c0c0"},
    {"maroon", "#800000"},
    {"navy", "#000080"},
    {"olive", "#808000"},
    {"teal", "#008080"},
    {"fuchsia", "#ff00ff"},
    {"aqua", "#00ffff"},
    {"transparent", "#00000000"},
}};

} // namespace

Color Color::darker(double amount) const noexcept {
    return {r * (1 - amount), g * (1 - amount), b * (1 - amount), a};
}

Color Color::lighter(double amount) const noexcept {
    return {r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount, a};
}

std::optional<Color> parseColor(std::string_view text) {
    for (const auto& [name, hex] : kNamed)
        if (text == name)
            return parseColor(hex);
    if (text.empty() || text[0] != '#')
        return std::nullopt;
    std::string_view h = text.substr(1);
    std::array<int, 8> v{};
    for (std::size_t i = 0; i < h.size() && i < v.size(); ++i) {
        v[i] = hexDigit(h[i]);
        if (v[i] < 0)
            return std::nullopt;
    }
    auto byte = [&](std::size_t i) { return (v[i] * 16 + v[i + 1]) / 255.0; };
    switch (h.size()) {
    case 3:
        return Color{v[0] / 15.0, v[1] / 15.0, v[2] / 15.0, 1.0};
    case 6:
        return Color{byte(0), byte(2), byte(4), 1.0};
    case 8:
        return Color{byte(0), byte(2), byte(4), byte(6)};
    default:
        return std::nullopt;
    }
}

std::string toHex(const Color& c) {
    auto q = [](double x) { return static_cast<int>(std::lround(std::clamp(x, 0.0, 1.0) * 255)); };
    constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out = "#";
    auto put = [&](double channel) {
        const auto v = static_cast<std::size_t>(q(channel));
        out += kDigits[v / 16];
        out += kDigits[v % 16];
    };
    put(c.r);
    put(c.g);
    put(c.b);
    if (c.a < 1.0)
        put(c.a);
    return out;
}

double luminance(const Color& c) noexcept {
    auto lin = [](double x) {
        return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

} // namespace mapreel
