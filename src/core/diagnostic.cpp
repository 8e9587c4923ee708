// SPDX-License-Identifier: MIT
#include "mapreel/core/diagnostic.hpp"

#include <algorithm>
#include <sstream>

namespace mapreel {

void Diagnostics::error(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back({std::move(loc), Severity::Error, std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::string hint) {
    items_.push_back({std::move(loc), Severity::Warning, std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const noexcept {
    return errorCount() > 0;
}

std::size_t Diagnostics::errorCount() const noexcept {
    return static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const noexcept {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
        return d.severity == Severity::Warning;
    }));
}

namespace {

const char* severityName(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

std::string locationPrefix(const SourceLoc& loc) {
    std::ostringstream out;
    out << (loc.file.empty() ? "<story>" : loc.file);
    if (loc.line > 0) {
        out << ':' << loc.line;
        if (loc.column > 0)
            out << ':' << loc.column;
    }
    return out.str();
}

} // namespace

std::string format(const Diagnostic& d) {
    std::string s = locationPrefix(d.loc) + ": " + severityName(d.severity) + ": " + d.message;
    if (!d.hint.empty())
        s += "\n  hint: " + d.hint;
    return s;
}

std::string formatWithSource(const Diagnostic& d, std::string_view sourceText, bool colour) {
    const char* bold = colour ? "\033[1m" : "";
    const char* reset = colour ? "\033[0m" : "";
    const char* sev = "";
    if (colour)
        sev = d.severity == Severity::Error ? "\033[1;31m" : "\033[1;35m";
    std::string s = std::string(bold) + locationPrefix(d.loc) + ": " + reset + sev +
                    severityName(d.severity) + ":" + reset + " " + bold + d.message + reset;
    if (d.loc.line > 0) {
        std::size_t pos = 0;
        for (int line = 1; line < d.loc.line && pos != std::string_view::npos; ++line) {
            pos = sourceText.find('\n', pos);
            if (pos != std::string_view::npos)
                ++pos;
        }
        if (pos != std::string_view::npos && pos < sourceText.size()) {
            auto end = sourceText.find('\n', pos);
            auto text = sourceText.substr(pos, end == std::string_view::npos ? end : end - pos);
            s += "\n  " + std::string(text) + "\n  ";
            for (int c = 1; c < d.loc.column; ++c) {
                auto i = static_cast<std::size_t>(c - 1);
                s += (i < text.size() && text[i] == '\t') ? '\t' : ' ';
            }
            s += colour ? "\033[1;32m^\033[0m" : "^";
        }
    }
    if (!d.hint.empty())
        s += "\n  hint: " + d.hint;
    return s;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1);
    std::vector<std::size_t> cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    // Up to a third of the word may differ (at least 2 edits): 'narative' finds 'narration'.
    std::size_t bestDistance = std::max<std::size_t>(2, (word.size() + 2) / 3) + 1;
    for (const auto& c : candidates) {
        auto d = editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

} // namespace mapreel
