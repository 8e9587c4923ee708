// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"
#include "mapreel/core/size.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

/// Values as users type them on a command line.
namespace mapreel {

/// Reads a decimal int at `pos` the way scanf's %d does (leading white space and a sign
/// allowed) and moves `pos` past it; nullopt when there is none.
[[nodiscard]] std::optional<int> scanInt(std::string_view text, std::size_t& pos);

/// Parses WIDTHxHEIGHT: even sides from 16 to 8192; nullopt otherwise.
[[nodiscard]] std::optional<PixelSize> parseSize(std::string_view text);

/// Parses LON,LAT in degrees (x = longitude) within [-180, 180] x [-90, 90]; nullopt otherwise.
[[nodiscard]] std::optional<Point> parseLonLat(std::string_view text);

/// Parses seconds: `95`, `95.5`, `95s` or `M:SS`.
[[nodiscard]] std::optional<double> parseSeconds(std::string_view text);

} // namespace mapreel
