// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/ui_text.hpp"

#include <memory>

namespace mapreel::adapters {

/// Language names from ICU's display names (CLDR), each in its own language with its first
/// letter capitalised: `fr` is `Français`, `ko` `한국어`, `pt-br` `Português (Brasil)`; a
/// language ICU does not know has no name (callers show its code).
[[nodiscard]] std::shared_ptr<const LanguageNames> makeIcuLanguageNames();

} // namespace mapreel::adapters
