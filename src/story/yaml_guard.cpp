// SPDX-License-Identifier: MIT
#include "yaml_guard_p.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace mapreel::story::detail {

namespace {

/// Rejects nesting deeper than the limit before yaml-cpp recurses into it: returns the
/// 1-based line and column of the first bracket past the limit. Quotes and comments are
/// skipped, so a '[' in a narration or a comment does not count.
std::optional<std::pair<int, int>> nestingTooDeep(std::string_view text, int limit) {
    int depth = 0;
    int line = 1;
    int column = 0;
    char quote = 0;
    bool comment = false;
    char previous = '\n';
    for (char c : text) {
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
            quote = 0;
            comment = false;
            previous = c;
            continue;
        }
        if (comment) {
        } else if (quote != 0) {
            if (c == quote)
                quote = 0;
        } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
            comment = true;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return std::pair{line, column};
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        previous = c;
    }
    return std::nullopt;
}

/// Measures the story as the loader will walk it. A YAML alias (`*name`) repeats the node
/// its anchor (`&name`) marks, so a few lines can expand to billions of values, or to a
/// node that contains itself; both are refused before the story is read.
class AliasMeter final : public YAML::EventHandler {
public:
    explicit AliasMeter(std::size_t budget) : budget_(budget) {}

    /// The first problem: where and what; empty when the aliases are harmless.
    [[nodiscard]] const std::optional<std::pair<YAML::Mark, std::string>>&
    problem() const noexcept {
        return problem_;
    }

    void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override { leaf(anchor); }
    void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                  const std::string& /*value*/) override {
        leaf(anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (open_.contains(anchor)) {
            fail(mark, "the YAML alias '*" + names_[anchor] + "' is inside the node it repeats");
            return;
        }
        const std::size_t n = anchor < sizes_.size() ? sizes_[anchor] : 1;
        repeated_ = std::min(repeated_ + n, kSaturated);
        if (repeated_ > budget_)
            fail(mark, "YAML aliases repeat too much of the story (more than " +
                           std::to_string(budget_) + " values)");
        add(n);
    }
    void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                         YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) override {
        open(anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(anchor);
    }
    void OnMapEnd() override { close(); }
    void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
        pendingName_ = name;
    }

private:
    static constexpr std::size_t kSaturated = std::size_t{1} << 60;
    std::optional<std::pair<YAML::Mark, std::string>> problem_;
    struct Frame {
        YAML::anchor_t anchor;
        std::size_t size;
    };

    void name(YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            names_[anchor] = pendingName_;
    }
    void record(YAML::anchor_t anchor, std::size_t size) {
        if (anchor == YAML::NullAnchor)
            return;
        if (sizes_.size() <= anchor)
            sizes_.resize(anchor + 1, 1);
        sizes_[anchor] = size;
    }
    void add(std::size_t n) {
        if (!stack_.empty())
            stack_.back().size = std::min(stack_.back().size + n, kSaturated);
    }
    void leaf(YAML::anchor_t anchor) {
        name(anchor);
        record(anchor, 1);
        add(1);
    }
    void open(YAML::anchor_t anchor) {
        name(anchor);
        stack_.push_back({anchor, 1});
        if (anchor != YAML::NullAnchor)
            open_.insert(anchor);
    }
    void close() {
        if (stack_.empty())
            return;
        const Frame f = stack_.back();
        stack_.pop_back();
        open_.erase(f.anchor);
        record(f.anchor, f.size);
        add(f.size);
    }
    void fail(const YAML::Mark& mark, std::string message) {
        if (!problem_)
            problem_ = {mark, std::move(message)};
    }

    std::size_t budget_;
    std::size_t repeated_ = 0;
    std::vector<Frame> stack_;
    std::vector<std::size_t> sizes_;
    std::set<YAML::anchor_t> open_;
    std::map<YAML::anchor_t, std::string> names_;
    std::string pendingName_;
};

/// A likelier cause of a YAML syntax error than the parser's words, on or before the line
/// it stopped at: a tab in the indentation (the first one), or a key written without a space
/// after its colon, `title:"Demo"` (the last one).
struct YamlCulprit {
    int line;
    int column;
    std::string message;
};

std::optional<YamlCulprit> yamlCulprit(std::string_view text, int errorLine) {
    auto isKeyChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    };
    std::optional<YamlCulprit> colon;
    std::optional<YamlCulprit> hash;
    std::size_t pos = 0;
    for (int line = 1; pos < text.size() && line <= errorLine; ++line) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view l = text.substr(pos, end - pos);
        pos = end + 1;
        std::size_t i = 0;
        for (; i < l.size() && (l[i] == ' ' || l[i] == '\t'); ++i)
            if (l[i] == '\t')
                return YamlCulprit{line, static_cast<int>(i) + 1,
                                   "a tab indents this line; indent with spaces only"};
        if (l.substr(i, 2) == "- ")
            i += 2;
        // An unquoted colour in a flow mapping or list ({color: #c4302b}): '#' after a space
        // starts a comment, which swallows the value and the closing bracket.
        if (!hash) {
            int open = 0;
            bool quoted = false;
            for (std::size_t j = i; j < l.size(); ++j) {
                const char c = l[j];
                if (c == '"')
                    quoted = !quoted;
                if (quoted)
                    continue;
                if (c == '{' || c == '[')
                    ++open;
                else if (c == '}' || c == ']')
                    --open;
                else if (c == '#' && j > 0 && l[j - 1] == ' ' && open > 0) {
                    std::size_t w = j + 1;
                    while (w < l.size() && l[w] != ',' && l[w] != '}' && l[w] != ']' && l[w] != ' ')
                        ++w;
                    const std::string value(l.substr(j, w - j));
                    hash = YamlCulprit{
                        line, static_cast<int>(j) + 1,
                        "'" + value +
                            "' is not quoted: in YAML '#' starts a comment, which hides the rest "
                            "of the line and its closing bracket; write \"" +
                            value + "\" (colours must be quoted)"};
                    break;
                }
            }
        }
        std::size_t k = i;
        while (k < l.size() && isKeyChar(l[k]))
            ++k;
        if (k > i && k + 1 < l.size() && l[k] == ':' && l[k + 1] != ' ' && l[k + 1] != '\t' &&
            l[k + 1] != '\r' && l[k + 1] != ':' && (l[i] < '0' || l[i] > '9'))
            colon = YamlCulprit{line, static_cast<int>(k) + 1,
                                "put a space after the ':' of '" + std::string(l.substr(i, k - i)) +
                                    "'"};
    }
    return hash ? hash : colon;
}

/// Values that YAML aliases may repeat in one story, in total.
constexpr std::size_t kMaxAliasedValues = 200000;

} // namespace

std::optional<YAML::Node> parseStoryYaml(std::string_view text, const std::string& path,
                                         const LoadLimits& limits, Diagnostics& diags) {
    if (auto at = nestingTooDeep(text, limits.maxNesting)) {
        diags.error({path, at->first, at->second}, "the story nests lists or mappings more than " +
                                                       std::to_string(limits.maxNesting) +
                                                       " levels deep");
        return std::nullopt;
    }
    YAML::Node root;
    try {
        const std::string owned(text);
        root = YAML::Load(owned);
        // Aliases need anchors: most stories have none and skip the second parse.
        if (owned.find('&') != std::string::npos) {
            std::istringstream in(owned);
            YAML::Parser parser(in);
            AliasMeter meter(kMaxAliasedValues);
            parser.HandleNextDocument(meter);
            if (meter.problem()) {
                const auto& [mark, message] = *meter.problem();
                diags.error({path, mark.line + 1, mark.column + 1}, message,
                            "an alias (*name) repeats the node its anchor (&name) marks; "
                            "give places and regions ids and refer to them instead");
                return std::nullopt;
            }
        }
    } catch (const YAML::DeepRecursion& e) {
        diags.error({path, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1},
                    "the story nests lists or mappings too deeply");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        SourceLoc loc{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1};
        // The parser often stops a line or more after the real mistake.
        if (auto culprit = yamlCulprit(text, e.mark.is_null() ? 1 << 30 : loc.line)) {
            diags.error({path, culprit->line, culprit->column},
                        "this is not valid YAML: " + culprit->message,
                        "the YAML parser says: " + e.msg + " (line " + std::to_string(loc.line) +
                            ")");
            return std::nullopt;
        }
        diags.error(loc, "this is not valid YAML: " + e.msg,
                    "check indentation (spaces, not tabs) and that every ':' and '-' is "
                    "followed by a space");
        return std::nullopt;
    }
    if (!root.IsDefined() || root.IsNull()) {
        diags.error({path, 1, 1}, "the story file is empty",
                    "run 'mapreel new NAME' for a starter story");
        return std::nullopt;
    }
    return root;
}

} // namespace mapreel::story::detail
