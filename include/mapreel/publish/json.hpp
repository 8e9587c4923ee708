// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mapreel::publish {

/// `text` as a quoted JSON string that is also safe inside an HTML <script>: `<`, `>` and
/// `&` are written as \u escapes (no `</script>` or `<!--` can appear), as are U+2028 and
/// U+2029 (line ends to older JavaScript) and every control character. Invalid UTF-8 bytes
/// become U+FFFD.
[[nodiscard]] std::string jsonString(std::string_view text);

/// `value` as a JSON number: integers without a fraction, others with up to 3 decimals.
[[nodiscard]] std::string jsonNumber(double value);

/// Writes JSON in document order, indented by two spaces. Misuse (a value where a key is
/// due) is a bug and asserts.
class JsonWriter {
public:
    /// Starts an object; as an object member, name it with key() first.
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    /// The name of the next member of the current object.
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view{text}); }
    JsonWriter& value(double number);
    JsonWriter& value(int number) { return value(static_cast<double>(number)); }
    JsonWriter& value(bool flag);
    /// key(name).value(v), for brevity.
    JsonWriter& member(std::string_view name, const char* text) { return key(name).value(text); }
    template <class T> JsonWriter& member(std::string_view name, const T& v) {
        return key(name).value(v);
    }
    /// The text written so far (complete once every object and array is closed).
    [[nodiscard]] const std::string& str() const noexcept { return out_; }

private:
    void beforeValue();
    void newline();

    std::string out_;
    std::vector<bool> empty_; ///< per open container: nothing written in it yet
    bool afterKey_ = false;
};

} // namespace mapreel::publish
