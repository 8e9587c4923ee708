// SPDX-License-Identifier: MIT
#include "mapreel/publish/json.hpp"

#include <gtest/gtest.h>

using namespace mapreel::publish;

TEST(Json, ScriptBreakoutsAreEscaped) {
    const std::string s = jsonString("</script><!-- & \xE2\x80\xA8\xE2\x80\xA9");
    EXPECT_EQ(s, "\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"");
    EXPECT_EQ(s.find('<'), std::string::npos);
    EXPECT_EQ(s.find('>'), std::string::npos);
}

TEST(Json, InvalidUtf8BecomesReplacementCharacter) {
    EXPECT_EQ(jsonString("a\xFF"
                         "b"),
              "\"a\xEF\xBF\xBD"
              "b\"");
    EXPECT_EQ(jsonString("\xC3"), "\"\xEF\xBF\xBD\"");                 // truncated sequence
    EXPECT_EQ(jsonString("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\""); // overlong '/'
}

TEST(Json, QuotesControlsAndUnicode) {
    EXPECT_EQ(jsonString("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    EXPECT_EQ(jsonString("Séoul 한국 😀"), "\"Séoul 한국 😀\"");
}

TEST(Json, Numbers) {
    EXPECT_EQ(jsonNumber(0), "0");
    EXPECT_EQ(jsonNumber(-0.0001), "0");
    EXPECT_EQ(jsonNumber(12), "12");
    EXPECT_EQ(jsonNumber(12.5), "12.5");
    EXPECT_EQ(jsonNumber(1.23456), "1.235");
    EXPECT_EQ(jsonNumber(1.0 / 0.0), "0");
}

TEST(Json, WriterNestsAndIndents) {
    JsonWriter j;
    j.beginObject().member("a", 1).key("b").beginArray().value("x").value(true).endArray();
    j.key("c").beginObject().endObject().key("d").beginArray().endArray().endObject();
    EXPECT_EQ(j.str(), "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true\n  ],\n  \"c\": {},\n"
                       "  \"d\": []\n}");
}
