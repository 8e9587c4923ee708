// SPDX-License-Identifier: MIT
// The theme keys: one table (story::kThemeKeys) that the theme, the JSON Schema and the
// story format's documentation all follow.
#include "support/json_value.hpp"
#include "support/theme_values.hpp"

#include "mapreel/scene/theme.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/story/theme_keys.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace mapreel;
using mapreel::story::kThemeKeys;
using mapreel::story::ThemeKeyKind;

namespace {

std::string readFile(const std::string& relativePath) {
    std::ifstream in(std::string(MAPREEL_SOURCE_DIR) + "/" + relativePath);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST(ThemeKeys, NamesAreUniqueAndRangesHoldTheClassicValues) {
    std::set<std::string_view> names;
    for (const auto& key : kThemeKeys) {
        EXPECT_TRUE(names.insert(key.name).second) << key.name << " twice";
        EXPECT_FALSE(key.help.empty()) << key.name;
        if (key.kind == ThemeKeyKind::Pixels || key.kind == ThemeKeyKind::Fraction) {
            EXPECT_LE(key.min, key.number) << key.name;
            EXPECT_LE(key.number, key.max) << key.name;
        }
        if (key.kind == ThemeKeyKind::Fraction) {
            EXPECT_EQ(key.max, 1) << key.name;
        }
    }
}

TEST(ThemeKeys, TheClassicThemeIsTheTable) {
    const auto classic = scene::makeTheme("classic", {});
    for (const auto& key : kThemeKeys) {
        if (key.kind == ThemeKeyKind::Colour) {
            // Written back as the table's colour, the theme does not change.
            // Written back as the table's colour, the theme does not change (for the colours
            // that #rrggbb can write exactly).
            const auto c = parseColor(toHex(key.colour)).value();
            if (c != key.colour)
                continue;
            auto t = classic;
            ASSERT_TRUE(scene::setThemeValue(t, key.name, toHex(key.colour))) << key.name;
            EXPECT_EQ(t, classic) << key.name << " is not " << toHex(key.colour);
        } else if (key.kind == ThemeKeyKind::Font) {
            auto t = classic;
            ASSERT_TRUE(scene::setThemeValue(t, key.name, std::string(key.font)));
            EXPECT_EQ(t, classic) << key.name;
        } else {
            auto t = classic;
            std::ostringstream text;
            text.precision(17);
            text << key.number;
            ASSERT_TRUE(scene::setThemeValue(t, key.name, text.str()));
            EXPECT_EQ(t, classic) << key.name << " is not " << key.number
                                  << " in the classic theme";
        }
    }
}

TEST(ThemeKeys, EveryKeySetsItsOwnField) {
    const auto classic = scene::makeTheme("classic", {});
    for (const auto& key : kThemeKeys) {
        const std::string value = mapreel::testing::otherThemeValue(key);
        auto t = classic;
        ASSERT_TRUE(scene::setThemeValue(t, key.name, value)) << key.name;
        EXPECT_NE(t, classic) << key.name << " changes nothing";
        EXPECT_EQ(t, scene::makeTheme("classic", {{std::string(key.name), value}})) << key.name;
    }
}

TEST(ThemeKeys, UnknownKeysAndBadValuesAreRefused) {
    auto t = scene::makeTheme("classic", {});
    EXPECT_FALSE(scene::setThemeValue(t, "no-such-key", "1"));
    EXPECT_FALSE(scene::setThemeValue(t, "sea", "not a colour"));
    EXPECT_FALSE(scene::setThemeValue(t, "arrow-width", "wide"));
    EXPECT_EQ(t, scene::makeTheme("classic", {}));
}

TEST(ThemeKeys, SeaDeepIsTheDeepestBand) {
    const auto t = scene::makeTheme("dark", {{"sea-deep", "#010203"}});
    EXPECT_EQ(t.seaBands[3], parseColor("#010203").value());
    EXPECT_EQ(scene::makeTheme("classic", {}).seaBands[3], scene::makeTheme("classic", {}).seaDeep);
}

TEST(ThemeKeys, TheSchemaDescribesEveryKeyAsTheTableDoes) {
    const auto schema = mapreel::testing::parseJson(readFile("schemas/story.schema.json"));
    const auto& style = schema.at("$defs/canvas/properties/style");
    ASSERT_NE(style.find("additionalProperties"), nullptr);
    EXPECT_FALSE(style.at("additionalProperties").flag) << "unknown keys are errors";
    const auto& properties = style.at("properties").members;
    ASSERT_EQ(properties.size(), kThemeKeys.size());
    for (std::size_t i = 0; i < kThemeKeys.size(); ++i) {
        const auto& key = kThemeKeys[i];
        const auto& [name, property] = properties[i];
        ASSERT_EQ(name, key.name) << "the schema's keys follow the table's order";
        const auto* description = property.find("description");
        ASSERT_NE(description, nullptr) << key.name;
        EXPECT_EQ(description->text.rfind("Theme override: ", 0), 0U) << key.name;
        switch (key.kind) {
        case ThemeKeyKind::Colour:
            EXPECT_EQ(property.at("$ref").text, "#/$defs/colour") << key.name;
            break;
        case ThemeKeyKind::Font:
            EXPECT_EQ(property.at("type").text, "string") << key.name;
            break;
        case ThemeKeyKind::Pixels:
        case ThemeKeyKind::Fraction:
            EXPECT_EQ(property.at("type").text, "number") << key.name;
            EXPECT_EQ(property.at("minimum").number, key.min) << key.name;
            EXPECT_EQ(property.at("maximum").number, key.max) << key.name;
            break;
        }
    }
}

TEST(ThemeKeys, TheStoryFormatDocumentsEveryKey) {
    const std::string doc = readFile("docs/story-format.md");
    const auto start = doc.find("### Style overrides");
    ASSERT_NE(start, std::string::npos);
    const std::string section = doc.substr(start, doc.find("\n## ", start) - start);
    for (const auto& key : kThemeKeys) {
        std::string quoted(1, '`');
        quoted.append(key.name).push_back('`');
        EXPECT_NE(section.find(quoted), std::string::npos)
            << key.name << " is not in docs/story-format.md, Style overrides";
    }
}

TEST(ThemeKeys, TheStoryReaderChecksValuesByTheTable) {
    auto load = [](const std::string& style) {
        return story::loadStoryFromText(R"(mapreel: 1
id: t
title: "T"
canvas:
  style: )" + style + R"(
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
sides:
  - {id: red, name: "Red", color: "#c4302b"}
steps:
  - {id: one, title: "One", date: 1950-06-25, duration: 10}
)",
                                        "/fake-story/story.yaml");
    };
    const auto good =
        load(R"({arrow-width: 24, sea-label-colour: "#336699", panel-edge-opacity: 0.5})");
    ASSERT_TRUE(good) << format(good.error().items().front());
    EXPECT_EQ(good->story.canvas.style.at("arrow-width"), "24");
    const auto tooWide = load("{arrow-width: 500}");
    ASSERT_FALSE(tooWide);
    EXPECT_NE(format(tooWide.error().items().front()).find("outside 0..400"), std::string::npos);
    const auto notColour = load("{battle-fill: 12}");
    ASSERT_FALSE(notColour);
    EXPECT_NE(format(notColour.error().items().front()).find("is not a colour"), std::string::npos);
    const auto opacity = load("{zone-opacity: 45}");
    ASSERT_FALSE(opacity);
    EXPECT_NE(format(opacity.error().items().front()).find("outside 0..1"), std::string::npos);
}
