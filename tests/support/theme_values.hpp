// SPDX-License-Identifier: MIT
#pragma once
// Values for theme keys in tests.

#include "mapreel/story/theme_keys.hpp"

#include <string>

namespace mapreel::testing {

/// A value of the key's kind, within its range, other than its classic one.
inline std::string otherThemeValue(const story::ThemeKey& key) {
    switch (key.kind) {
    case story::ThemeKeyKind::Colour:
        return "#123456";
    case story::ThemeKeyKind::Font:
        return "Test Sans";
    case story::ThemeKeyKind::Pixels:
    case story::ThemeKeyKind::Fraction:
        return std::to_string(key.number == key.max ? key.min : (key.number + key.max) / 2);
    }
    return {};
}

} // namespace mapreel::testing
