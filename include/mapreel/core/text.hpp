// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mapreel {

/// Human-readable text in one or more languages. A plain string in the story is stored
/// under the empty key and serves every language.
class LocalizedText {
public:
    LocalizedText() = default;
    explicit LocalizedText(std::string plain) { byLang_[""] = std::move(plain); }

    void set(std::string lang, std::string text) { byLang_[std::move(lang)] = std::move(text); }

    /// The text in `lang`, else the plain text, else English, else any; empty if none.
    [[nodiscard]] const std::string& get(std::string_view lang) const;
    [[nodiscard]] bool empty() const noexcept { return byLang_.empty(); }
    [[nodiscard]] bool has(std::string_view lang) const;
    [[nodiscard]] const std::map<std::string, std::string, std::less<>>& all() const noexcept {
        return byLang_;
    }

private:
    std::map<std::string, std::string, std::less<>> byLang_;
};

/// Number of words (runs of non-space characters).
[[nodiscard]] std::size_t wordCount(std::string_view text) noexcept;

} // namespace mapreel
