// SPDX-License-Identifier: MIT
#include "mapreel/publish/json.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>

namespace mapreel::publish {

namespace {

/// `\u` and four lower-case hex digits; `unit` is at most 0xFFFF.
void appendEscape(std::string& out, std::uint32_t unit) {
    constexpr std::string_view kHex = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(unit >> static_cast<unsigned>(shift)) & 0xFU];
}

/// What printf's "%.<precision>f" prints.
std::string fixed(double value, int precision) {
    // Room for -DBL_MAX in full: a sign, 309 digits, the point and the decimals.
    std::array<char, 330> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), std::to_address(buf.end()), value,
                                         std::chars_format::fixed, precision);
    assert(ec == std::errc{});
    return {buf.data(), end};
}

/// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i`, or
/// returns U+FFFD and advances one byte when the bytes are not valid UTF-8.
std::uint32_t decode(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0U) == 0x80U;
    };
    auto bits = [&](std::size_t k) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k]) & 0x3FU);
    };
    std::uint32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (b0 < 0x80) {
        cp = b0;
    } else if ((b0 & 0xE0U) == 0xC0U && cont(1)) {
        cp = ((b0 & 0x1FU) << 6) | bits(1);
        len = cp >= 0x80 ? 2 : 1;
    } else if ((b0 & 0xF0U) == 0xE0U && cont(1) && cont(2)) {
        cp = ((b0 & 0x0FU) << 12) | (bits(1) << 6) | bits(2);
        len = (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? 3 : 1;
    } else if ((b0 & 0xF8U) == 0xF0U && cont(1) && cont(2) && cont(3)) {
        cp = ((b0 & 0x07U) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
        len = (cp >= 0x10000 && cp <= 0x10FFFF) ? 4 : 1;
    }
    if (len == 1 && b0 >= 0x80)
        cp = 0xFFFD;
    i += len;
    return cp;
}

} // namespace

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const std::uint32_t cp = decode(text, i);
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        case '<':
        case '>':
        case '&':
        case 0x2028:
        case 0x2029:
            appendEscape(out, cp);
            break;
        case 0xFFFD:
            out += "\xEF\xBF\xBD";
            break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                appendEscape(out, cp);
            else
                out.append(text.substr(at, i - at));
        }
    }
    out += '"';
    return out;
}

std::string jsonNumber(double value) {
    if (!std::isfinite(value))
        return "0";
    const double rounded = std::round(value * 1000.0) / 1000.0;
    if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) {
        std::string s = fixed(rounded, 0);
        return s == "-0" ? "0" : s;
    }
    std::string s = fixed(rounded, 3);
    while (s.back() == '0')
        s.pop_back();
    return s;
}

void JsonWriter::newline() {
    out_ += '\n';
    out_.append(empty_.size() * 2, ' ');
}

void JsonWriter::beforeValue() {
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!empty_.empty()) {
        if (!empty_.back())
            out_ += ',';
        empty_.back() = false;
        newline();
    }
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    out_ += '{';
    empty_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    assert(!empty_.empty() && !afterKey_);
    const bool wasEmpty = empty_.back();
    empty_.pop_back();
    if (!wasEmpty)
        newline();
    out_ += '}';
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    out_ += '[';
    empty_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    endObject();
    out_.back() = ']';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    assert(!empty_.empty() && !afterKey_);
    beforeValue();
    out_ += jsonString(name);
    out_ += ": ";
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    beforeValue();
    out_ += jsonString(text);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    beforeValue();
    out_ += jsonNumber(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    beforeValue();
    out_ += flag ? "true" : "false";
    return *this;
}

} // namespace mapreel::publish
