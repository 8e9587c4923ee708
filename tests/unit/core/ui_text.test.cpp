// SPDX-License-Identifier: MIT
#include "mapreel/core/ui_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

using namespace mapreel;

TEST(UiText, UnknownKeyIsTheKeyAndUnknownLanguageIsEnglish) {
    EXPECT_EQ(uiText("noSuchKey", "fr"), "noSuchKey");
    EXPECT_EQ(uiText("sources", "xx"), "Sources");
    EXPECT_EQ(uiText("sources", ""), "Sources");
    EXPECT_FALSE(hasUiTable("xx"));
}

TEST(UiText, TranslatedWithPlaceholders) {
    EXPECT_EQ(uiText("sourcesList", "en", {{"list", "Appleman (1961)"}}),
              "Sources: Appleman (1961)");
    EXPECT_EQ(uiText("sourcesList", "fr", {{"list", "A; B"}}), "Sources : A; B");
    EXPECT_EQ(uiText("sourcesList", "de", {{"list", "A"}}), "Quellen: A");
    EXPECT_EQ(uiText("stepN", "ko", {{"n", "3"}}), "3단계");
    EXPECT_EQ(uiText("stepN", "es-mx", {{"n", "2"}}), "Paso 2");
    EXPECT_EQ(uiText("licenceIs", "fr", {{"licence", "CC-BY-4.0"}}), "Licence : CC-BY-4.0");
    // A value holding its own placeholder is not expanded again.
    EXPECT_EQ(uiText("stepN", "en", {{"n", "{n}"}}), "Step {n}");
}

// The words the video, handout and description share with the web player are the same.
TEST(UiText, AgreesWithTheWebPlayersStrings) {
    std::ifstream in(std::string(MAPREEL_SOURCE_DIR) + "/web/assets/ui-strings.js");
    ASSERT_TRUE(in) << "web/assets/ui-strings.js";
    std::stringstream text;
    text << in.rdbuf();
    const std::string js = text.str();
    int compared = 0;
    for (const char* lang : {"fr", "de", "es", "ko"}) {
        const auto at = js.find(std::string("    ") + lang + ": {");
        ASSERT_NE(at, std::string::npos) << lang;
        const auto end = js.find("\n    }", at);
        const std::string table = js.substr(at, end - at);
        for (const char* key : {"sources", "licence", "credits", "otherMaps"}) {
            const std::regex entry(std::string("\\n\\s+") + key + ": '([^']*)'");
            std::smatch m;
            ASSERT_TRUE(std::regex_search(table, m, entry)) << lang << " " << key;
            EXPECT_EQ(uiText(key, lang), m[1].str()) << lang << " " << key;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 16);
}

namespace {

class FakeNames final : public LanguageNames {
public:
    [[nodiscard]] std::string endonym(std::string_view lang) const override {
        return lang == "fr" ? "Français" : "";
    }
};

} // namespace

TEST(LanguageName, FromTheInstalledNamesElseTheCode) {
    setLanguageNames(nullptr);
    EXPECT_EQ(languageName("fr"), "fr");
    setLanguageNames(std::make_shared<FakeNames>());
    EXPECT_EQ(languageName("fr"), "Français");
    EXPECT_EQ(languageName("xx"), "xx");
    setLanguageNames(nullptr);
}
