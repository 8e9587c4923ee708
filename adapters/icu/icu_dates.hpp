// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/date.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace mapreel::adapters {

/// Dates in any language ICU has locale data for: CLDR's patterns for day, month and year
/// (the same skeletons the web player gives the browser's Intl.DateTimeFormat, so the video and
/// the page agree), on the proleptic Gregorian calendar, with the era for years before 1.
/// English (`en`) reads `25 June 1950`, as in British usage. A language ICU does not know
/// gets one warning naming it and English forms.
[[nodiscard]] std::shared_ptr<const DateFormatter> makeIcuDateFormatter();

/// Whether ICU has locale data for the language of `lang` (`ko`, `pt-br`: yes; `xx`: no).
[[nodiscard]] bool icuKnowsLanguage(std::string_view lang);

/// Where locale warnings go (an unknown language). Each distinct warning is given once per
/// process. The default prints `mapreel: warning: ...` on stderr; an empty function silences.
void setLocaleWarningHandler(std::function<void(const std::string&)> handler);

} // namespace mapreel::adapters
