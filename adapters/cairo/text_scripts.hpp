// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace mapreel::adapters {

/// The warning for a character that no installed font can draw, when it belongs to a script
/// (Hangul, Han, Arabic, ...): it names the script, a language written in it and the package
/// that brings a font for it, the same words for every character of that script, so it is
/// given once. Empty for characters of no particular script (spaces, digits, private use),
/// which are reported one by one.
[[nodiscard]] std::string missingScriptWarning(char32_t cp);

/// `text` with a word joiner (U+2060, invisible) between the characters of each word that
/// has Hangul in it, so that wrapped Korean breaks between words, as Korean is set (CSS's
/// `word-break: keep-all`), not between any two syllables as the Unicode line-breaking rules
/// allow. A word longer than the line still breaks. Other text is returned unchanged.
[[nodiscard]] std::string keepKoreanWords(const std::string& text);

} // namespace mapreel::adapters
