// SPDX-License-Identifier: MIT
#include "text_scripts.hpp"

#include <pango/pango.h>

#include <array>
#include <cstddef>
#include <string_view>

namespace mapreel::adapters {

std::string missingScriptWarning(char32_t cp) {
    const GUnicodeScript script = g_unichar_get_script(static_cast<gunichar>(cp));
    if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED ||
        script == G_UNICODE_SCRIPT_UNKNOWN || script == G_UNICODE_SCRIPT_INVALID_CODE)
        return {};
    // ISO 15924 code, e.g. "Hang", and a language written in the script (Pango's sample).
    const guint32 tag = g_unicode_script_to_iso15924(script);
    const std::array<char, 4> code = {
        static_cast<char>((tag >> 24U) & 0xFFU), static_cast<char>((tag >> 16U) & 0xFFU),
        static_cast<char>((tag >> 8U) & 0xFFU), static_cast<char>(tag & 0xFFU)};
    PangoLanguage* sample = pango_script_get_sample_language(static_cast<PangoScript>(script));
    const bool cjk = script == G_UNICODE_SCRIPT_HANGUL || script == G_UNICODE_SCRIPT_HAN ||
                     script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA ||
                     script == G_UNICODE_SCRIPT_BOPOMOFO;
    std::string message =
        "no installed font covers the " + std::string(code.data(), code.size()) + " script";
    if (sample != nullptr)
        // pango_language_to_string() is a C cast: a PangoLanguage is its code's characters.
        message += std::string(" (language '") + reinterpret_cast<const char*>(sample) + "')";
    message += "; its characters show as boxes (install ";
    message += cjk ? "fonts-noto-cjk" : "fonts-noto-core or fonts-noto-extra";
    message += ")";
    return message;
}

namespace {

bool isHangul(char32_t cp) noexcept {
    return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xD7B0 && cp <= 0xD7FF);
}

} // namespace

std::string keepKoreanWords(const std::string& text) {
    constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";
    bool any = false;
    for (const char* p = text.c_str(); *p != '\0'; p = g_utf8_next_char(p))
        any = any || isHangul(g_utf8_get_char(p));
    if (!any || !g_utf8_validate(text.c_str(), static_cast<gssize>(text.size()), nullptr))
        return text;
    std::string out;
    out.reserve(text.size() + text.size() / 2);
    char32_t prev = 0;
    for (const char* p = text.c_str(); *p != '\0';) {
        const char* next = g_utf8_next_char(p);
        const char32_t cp = g_utf8_get_char(p);
        if (prev != 0 && !g_unichar_isspace(prev) && !g_unichar_isspace(cp) &&
            (isHangul(prev) || isHangul(cp)))
            out += kWordJoiner;
        out.append(p, static_cast<std::size_t>(next - p));
        prev = cp;
        p = next;
    }
    return out;
}

} // namespace mapreel::adapters
