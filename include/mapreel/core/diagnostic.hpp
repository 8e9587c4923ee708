// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mapreel {

/// A position in a story file; line and column are 1-based, 0 when unknown.
struct SourceLoc {
    std::string file;
    int line = 0;
    int column = 0;
    bool operator==(const SourceLoc&) const = default;
};

enum class Severity { Error, Warning, Note };

/// One problem found in a story, formatted like a compiler message.
struct Diagnostic {
    SourceLoc loc;
    Severity severity = Severity::Error;
    std::string message;
    std::string hint; ///< how to fix it; may be empty
    bool operator==(const Diagnostic&) const = default;
};

/// Every problem found, in the order found.
class Diagnostics {
public:
    void error(SourceLoc loc, std::string message, std::string hint = {});
    void warning(SourceLoc loc, std::string message, std::string hint = {});
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    [[nodiscard]] bool hasErrors() const noexcept;
    [[nodiscard]] std::size_t errorCount() const noexcept;
    [[nodiscard]] std::size_t warningCount() const noexcept;
    [[nodiscard]] const std::vector<Diagnostic>& items() const noexcept { return items_; }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }

private:
    std::vector<Diagnostic> items_;
};

/// `file:line:col: error: message` plus the hint on its own line when present.
[[nodiscard]] std::string format(const Diagnostic& d);

/// The same, followed by the offending source line and a caret under the column.
[[nodiscard]] std::string formatWithSource(const Diagnostic& d, std::string_view sourceText,
                                           bool colour);

/// Levenshtein distance, for did-you-mean hints.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/// The closest candidate to `word` within a small edit distance, or empty.
[[nodiscard]] std::string closestMatch(std::string_view word,
                                       const std::vector<std::string>& candidates);

} // namespace mapreel
