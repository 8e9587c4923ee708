// SPDX-License-Identifier: MIT
#include "mapreel/core/text.hpp"

namespace mapreel {

const std::string& LocalizedText::get(std::string_view lang) const {
    static const std::string kEmpty;
    for (std::string_view key : {lang, std::string_view{}, std::string_view{"en"}}) {
        auto it = byLang_.find(key);
        if (it != byLang_.end())
            return it->second;
    }
    return byLang_.empty() ? kEmpty : byLang_.begin()->second;
}

bool LocalizedText::has(std::string_view lang) const {
    return byLang_.find(lang) != byLang_.end() || byLang_.find(std::string_view{}) != byLang_.end();
}

std::size_t wordCount(std::string_view text) noexcept {
    std::size_t n = 0;
    bool inWord = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !inWord)
            ++n;
        inWord = !space;
    }
    return n;
}

} // namespace mapreel
