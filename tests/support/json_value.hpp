// SPDX-License-Identifier: MIT
#pragma once
// A small JSON reader for tests that check JSON files of the repository (the schema): the
// document as a tree of values, objects keeping their members in file order.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace mapreel::testing {

struct JsonValue {
    enum class Kind { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    bool flag = false;
    double number = 0;
    std::string text;
    std::vector<JsonValue> items;                           ///< Array
    std::vector<std::pair<std::string, JsonValue>> members; ///< Object, in file order

    /// The member `key` of an object, or null when there is none.
    [[nodiscard]] const JsonValue* find(std::string_view key) const {
        for (const auto& [k, v] : members)
            if (k == key)
                return &v;
        return nullptr;
    }
    /// The member at `path` ("a/b/c"); throws when one is missing.
    [[nodiscard]] const JsonValue& at(std::string_view path) const {
        const JsonValue* v = this;
        while (!path.empty()) {
            const auto slash = path.find('/');
            const auto key = path.substr(0, slash);
            v = v->find(key);
            if (!v)
                throw std::runtime_error("no member '" + std::string(key) + "'");
            path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        }
        return *v;
    }
};

/// Parses `text` (UTF-8; \u escapes outside ASCII are kept as written). Throws on bad JSON.
inline JsonValue parseJson(std::string_view text) {
    std::size_t i = 0;
    auto fail = [&](const char* what) {
        throw std::runtime_error(std::string("JSON: ") + what + " at offset " + std::to_string(i));
    };
    auto skip = [&] {
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
            ++i;
    };
    auto expect = [&](char c) {
        skip();
        if (i >= text.size() || text[i] != c)
            fail("unexpected character");
        ++i;
    };
    auto string = [&] {
        expect('"');
        std::string out;
        while (i < text.size() && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < text.size()) {
                const char e = text[i + 1];
                i += 2;
                switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u':
                    if (i + 4 > text.size())
                        fail("short \\u escape");
                    if (const auto code = std::stoul(std::string(text.substr(i, 4)), nullptr, 16);
                        code < 0x80)
                        out += static_cast<char>(code);
                    else {
                        out.append("\\u");
                        out.append(text.substr(i, 4));
                    }
                    i += 4;
                    break;
                default:
                    out += e;
                }
            } else {
                out += text[i++];
            }
        }
        expect('"');
        return out;
    };
    auto value = [&](auto& self) -> JsonValue {
        skip();
        if (i >= text.size())
            fail("unexpected end");
        JsonValue v;
        const char c = text[i];
        if (c == '{') {
            v.kind = JsonValue::Kind::Object;
            ++i;
            skip();
            if (text[i] == '}') {
                ++i;
                return v;
            }
            for (;;) {
                std::string key = string();
                expect(':');
                v.members.emplace_back(std::move(key), self(self));
                skip();
                if (text[i] == ',') {
                    ++i;
                    continue;
                }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            v.kind = JsonValue::Kind::Array;
            ++i;
            skip();
            if (text[i] == ']') {
                ++i;
                return v;
            }
            for (;;) {
                v.items.push_back(self(self));
                skip();
                if (text[i] == ',') {
                    ++i;
                    continue;
                }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.kind = JsonValue::Kind::String;
            v.text = string();
            return v;
        }
        for (const auto& [word, kind, flag] : {std::tuple{"true", JsonValue::Kind::Bool, true},
                                               std::tuple{"false", JsonValue::Kind::Bool, false},
                                               std::tuple{"null", JsonValue::Kind::Null, false}})
            if (text.substr(i, std::string_view(word).size()) == word) {
                i += std::string_view(word).size();
                v.kind = kind;
                v.flag = flag;
                return v;
            }
        std::size_t used = 0;
        v.kind = JsonValue::Kind::Number;
        v.number = std::stod(std::string(text.substr(i, 64)), &used);
        if (used == 0)
            fail("not a value");
        i += used;
        return v;
    };
    JsonValue root = value(value);
    skip();
    if (i != text.size())
        fail("trailing text");
    return root;
}

} // namespace mapreel::testing
