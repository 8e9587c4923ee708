// SPDX-License-Identifier: MIT
#include "mapreel/core/parse.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>
#include <memory>

namespace mapreel {

std::optional<int> scanInt(std::string_view text, std::size_t& pos) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])) != 0)
        ++pos;
    if (pos < text.size() && text[pos] == '+')
        ++pos;
    const std::string_view rest = text.substr(pos);
    const char* first = std::to_address(rest.begin());
    int value = 0;
    const auto [end, ec] = std::from_chars(first, std::to_address(rest.end()), value);
    if (ec != std::errc{})
        return std::nullopt;
    pos += static_cast<std::size_t>(std::distance(first, end));
    return value;
}

std::optional<PixelSize> parseSize(std::string_view text) {
    std::size_t pos = 0;
    const auto w = scanInt(text, pos);
    if (!w || pos >= text.size() || text[pos] != 'x')
        return std::nullopt;
    ++pos;
    const auto h = scanInt(text, pos);
    if (!h || *w < 16 || *h < 16 || *w > 8192 || *h > 8192 || *w % 2 != 0 || *h % 2 != 0)
        return std::nullopt;
    return PixelSize{*w, *h};
}

std::optional<Point> parseLonLat(std::string_view text) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos)
        return std::nullopt;
    const auto number = [](std::string_view part) -> std::optional<double> {
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front())) != 0)
            part.remove_prefix(1);
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back())) != 0)
            part.remove_suffix(1);
        if (!part.empty() && part.front() == '+')
            part.remove_prefix(1);
        double value = 0;
        const char* end = std::to_address(part.end());
        const auto [stop, ec] = std::from_chars(std::to_address(part.begin()), end, value);
        if (ec != std::errc{} || stop != end || !std::isfinite(value))
            return std::nullopt;
        return value;
    };
    const auto lon = number(text.substr(0, comma));
    const auto lat = number(text.substr(comma + 1));
    if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
        return std::nullopt;
    return Point{*lon, *lat};
}

std::optional<double> parseSeconds(std::string_view text) {
    if (text.ends_with('s'))
        text.remove_suffix(1);
    double minutes = 0;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        int m = 0;
        const auto [p, ec] = std::from_chars(text.data(), text.data() + colon, m);
        if (ec != std::errc{} || p != text.data() + colon || m < 0)
            return std::nullopt;
        minutes = m;
        text.remove_prefix(colon + 1);
    }
    double s = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), s);
    if (ec != std::errc{} || p != text.data() + text.size() || s < 0 || text.empty())
        return std::nullopt;
    return minutes * 60 + s;
}

} // namespace mapreel
