// SPDX-License-Identifier: MIT
#include "mapreel/publish/site.hpp"

#include "mapreel/core/ui_text.hpp"
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

using namespace mapreel;
using namespace mapreel::publish;

namespace {

story::Story storyAt(std::string path, std::string id, std::string seriesKey = {}) {
    story::Story s;
    s.path = std::move(path);
    s.id = std::move(id);
    s.series = std::move(seriesKey);
    s.title = LocalizedText("Title of " + s.id);
    return s;
}

story::Series series(const char* text, const char* path) {
    auto r = story::loadSeriesFromText(text, path);
    EXPECT_TRUE(r) << (r ? std::string{} : format(r.error().items().front()));
    return r ? *r : story::Series{};
}

/// Names languages as ICU would for the three the tests use.
class ThreeNames final : public LanguageNames {
public:
    [[nodiscard]] std::string endonym(std::string_view lang) const override {
        return lang == "fr" ? "Français" : lang == "en" ? "English" : lang == "de" ? "Deutsch" : "";
    }
};

std::vector<std::string> ids(const SeriesGroup& g) {
    std::vector<std::string> out;
    for (const auto* s : g.maps)
        out.push_back(s->id);
    return out;
}

} // namespace

TEST(Series, ErrorsHaveLineAndColumn) {
    auto r = story::loadSeriesFromText("id: cold-war\ntitle: T\nmaps: [a, a]\nmapz: 1\n",
                                       "s/series.yaml");
    ASSERT_FALSE(r);
    const auto& items = r.error().items();
    ASSERT_EQ(items.size(), 2U);
    EXPECT_EQ(format(items[0]).rfind("s/series.yaml:3:11: error: story 'a' is listed twice", 0), 0U)
        << format(items[0]);
    EXPECT_NE(format(items[1]).find("s/series.yaml:4:1: error:"), std::string::npos)
        << format(items[1]);
    EXPECT_NE(format(items[1]).find("did you mean 'maps'"), std::string::npos);
}

TEST(Series, MapsMustBeAList) {
    auto r = story::loadSeriesFromText("id: x\ntitle: T\nmaps: korean-war\n", "series.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(format(r.error().items().front()).find("series.yaml:3:7"), std::string::npos);
}

TEST(Series, Reads) {
    const auto s = series("id: cold-war\ntitle: The Cold War\ndescription: >\n  Long\n  text\n"
                          "maps:\n  - korean-war\n  - berlin\n",
                          "stories/cold-war/series.yaml");
    EXPECT_EQ(s.id, "cold-war");
    EXPECT_EQ(s.title.get("en"), "The Cold War");
    EXPECT_EQ(s.description.get("en"), "Long text\n");
    ASSERT_EQ(s.maps.size(), 2U);
    EXPECT_EQ(s.maps[1].id, "berlin");
    EXPECT_EQ(s.maps[1].loc.line, 8);
}

TEST(Grouping, ListedIdWithoutStoryIsAnError) {
    const auto a = storyAt("d/cw/a.yaml", "a");
    const auto s = series("id: cw\ntitle: T\nmaps: [a, b-story]\n", "d/cw/series.yaml");
    auto r = groupSeries({&a}, {s});
    ASSERT_FALSE(r);
    EXPECT_EQ(
        format(r.error().items().front())
            .rfind("d/cw/series.yaml:3:11: error: series 'cw' lists 'b-story' but no story", 0),
        0U)
        << format(r.error().items().front());
}

TEST(Grouping, DuplicateIdsAreErrors) {
    const auto a = storyAt("d/a.yaml", "a");
    const auto b = storyAt("d/b.yaml", "a");
    EXPECT_FALSE(groupSeries({&a, &b}, {}));
}

TEST(Grouping, ListedOrderThenUnlistedByKeyFolderOrOther) {
    const auto a = storyAt("d/cw/a.yaml", "a");
    const auto b = storyAt("d/cw/b.yaml", "b");
    const auto c = storyAt("d/cw/sub/c.yaml", "c");          // by folder
    const auto d = storyAt("d/elsewhere/d.yaml", "d", "cw"); // by its series key
    const auto e = storyAt("d/loose/e.yaml", "e");           // no series at all
    const auto f = storyAt("d/ww/f.yaml", "f");
    const auto cw = series("id: cw\ntitle: Cold War\nmaps: [b, a]\n", "d/cw/series.yaml");
    const auto ww = series("id: ww\ntitle: World War\nmaps: [f]\n", "d/ww/series.yaml");
    auto r = groupSeries({&a, &b, &c, &d, &e, &f}, {cw, ww});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->size(), 3U);
    EXPECT_EQ(ids((*r)[0]), (std::vector<std::string>{"b", "a", "c", "d"}));
    EXPECT_EQ(ids((*r)[1]), (std::vector<std::string>{"f"}));
    EXPECT_EQ((*r)[2].id, "other-maps");
    EXPECT_EQ(ids((*r)[2]), (std::vector<std::string>{"e"}));
}

TEST(StoryScript, TextCannotBreakOutOfTheScript) {
    auto loaded = story::loadStoryFromText(R"(mapreel: 1
id: evil
title: "</script><script>alert(1)</script>"
languages: [en, fr]
sources: [{id: s, title: "A <b>book</b>", author: "X", year: 1999}]
map: {projection: "EPSG:4326", view: {extent: [0, 0, 10, 10]}}
sides: [{id: a, name: A, color: "#ff0000"}]
steps:
  - id: one
    title: {en: "One \u2028 & more", fr: "Un"}
    date: 1950-06
    narration: "Hello <img src=x onerror=alert(1)> world."
    duration: 5
)",
                                           "evil.yaml");
    ASSERT_TRUE(loaded) << format(loaded.error().items().front());
    PlayerPage page{&loaded->story,
                    "en",
                    {"en", "fr"},
                    "cw",
                    "Cold </script>",
                    true,
                    "https://maps.example.org/"};
    setLanguageNames(std::make_shared<ThreeNames>());
    const std::string js = storyScript(page);
    setLanguageNames(nullptr);
    EXPECT_EQ(js.find("</"), std::string::npos);
    EXPECT_EQ(js.find("<img"), std::string::npos);
    EXPECT_EQ(js.find("\xE2\x80\xA8"), std::string::npos);
    EXPECT_NE(js.find("window.MAPREEL_STORY = {"), std::string::npos);
    EXPECT_NE(js.find("\"videoWebm\": \"video.webm\""), std::string::npos);
    EXPECT_NE(js.find("\"dates\": [\n        \"1950-06\",\n        \"1950-06\"\n      ]"),
              std::string::npos)
        << js;
    EXPECT_NE(js.find("\"precision\": \"month\""), std::string::npos);
    EXPECT_NE(js.find("\"name\": \"Français\""), std::string::npos);
    EXPECT_NE(js.find("https://maps.example.org/maps/evil/en/index.html"), std::string::npos);
    EXPECT_NE(js.find("\"duration\": 5"), std::string::npos);
    EXPECT_NE(js.find("\"captionCues\""), std::string::npos);
}

TEST(CatalogueScript, LinksToTheFirstLanguage) {
    auto a = storyAt("d/a.yaml", "a");
    a.subtitle = LocalizedText("Sub <x>");
    story::Step st;
    st.dateFrom = Date{1950, 6, 25, DatePrecision::Day};
    st.dateTo = Date{1953, 7, 27, DatePrecision::Day};
    a.steps.push_back(st);
    const SeriesGroup g{"cw", LocalizedText("Cold War"), LocalizedText("About"), {&a}};
    const std::string js = catalogueScript("Maps", {g}, {{"a", {"fr", "en"}}});
    EXPECT_NE(js.find("\"href\": \"maps/a/fr/index.html\""), std::string::npos) << js;
    EXPECT_NE(js.find("\"thumbnail\": \"maps/a/fr/thumb.png\""), std::string::npos);
    EXPECT_NE(js.find("\"dates\": \"1950\xE2\x80\x93"
                      "1953\""),
              std::string::npos);
    EXPECT_NE(js.find("Sub \\u003cx\\u003e"), std::string::npos);
    EXPECT_EQ(js.find('<'), std::string::npos);
}

TEST(CatalogueScript, EveryLanguagePageInItsOwnLanguage) {
    auto a = storyAt("d/a.yaml", "a");
    a.title.set("en", "The war");
    a.title.set("fr", "La guerre");
    a.subtitle.set("fr", "En bref");
    auto b = storyAt("d/b.yaml", "b");
    LocalizedText title;
    title.set("en", "Cold War");
    title.set("fr", "Guerre froide");
    const SeriesGroup g{"cw", title, LocalizedText("Plain"), {&a, &b}};
    setLanguageNames(std::make_shared<ThreeNames>());
    const std::string js = catalogueScript("", {g}, {{"a", {"en", "fr"}}, {"b", {"de"}}});
    setLanguageNames(nullptr);
    EXPECT_EQ(js.find("\"title\": \"Maps\""), std::string::npos) << js;
    // The site's languages in order of first appearance, named in themselves.
    const auto en = js.find(R"("code": "en")");
    const auto fr = js.find(R"("code": "fr")");
    const auto de = js.find(R"("code": "de")");
    ASSERT_NE(en, std::string::npos) << js;
    EXPECT_LT(en, fr);
    EXPECT_LT(fr, de);
    EXPECT_NE(js.find("\"name\": \"Deutsch\""), std::string::npos);
    // Each page of a map is titled in its own language and links to itself.
    EXPECT_NE(js.find("\"fr\": {\n              \"title\": \"La guerre\",\n              "
                      "\"summary\": \"En bref\",\n              \"thumbnail\": "
                      "\"maps/a/fr/thumb.png\",\n              \"href\": \"maps/a/fr/index.html\""),
              std::string::npos)
        << js;
    EXPECT_NE(js.find("\"href\": \"maps/b/de/index.html\""), std::string::npos);
    // The series is translated where its file says so; a plain text is not repeated.
    EXPECT_NE(js.find("\"fr\": {\n          \"title\": \"Guerre froide\"\n        }"),
              std::string::npos)
        << js;
    EXPECT_EQ(js.find("Plain"), js.rfind("Plain"));
}

TEST(StoryText, FallsBackByAFixedOrder) {
    story::Story s = storyAt("d/a.yaml", "a");
    s.languages = {"fr", "de", "ko"};
    LocalizedText t;
    t.set("ko", "요약");
    t.set("de", "Zusammenfassung");
    // Not in `es`: the story's first language (fr) has none, nor English, so the first of
    // the story's languages that has one: de (not ko, nor the alphabetical first).
    auto r = storyText(s, t, "es");
    EXPECT_EQ(r.text, "Zusammenfassung");
    EXPECT_EQ(r.lang, "de");
    t.set("en", "Summary");
    r = storyText(s, t, "es");
    EXPECT_EQ(r.text, "Summary");
    EXPECT_EQ(r.lang, "en");
    t.set("fr", "Résumé");
    r = storyText(s, t, "es");
    EXPECT_EQ(r.text, "Résumé");
    EXPECT_EQ(r.lang, "fr");
    // In the language asked for: no language to mark.
    r = storyText(s, t, "ko");
    EXPECT_EQ(r.text, "요약");
    EXPECT_EQ(r.lang, "");
    // A plain text serves every language.
    EXPECT_EQ(storyText(s, LocalizedText("Plain"), "es").lang, "");
    EXPECT_EQ(storyText(s, LocalizedText("Plain"), "es").text, "Plain");
    EXPECT_EQ(storyText(s, LocalizedText(), "es").text, "");
}

TEST(CatalogueScript, SummaryMissingInALanguageFallsBackMarked) {
    auto a = storyAt("d/a.yaml", "a");
    a.languages = {"ko", "en"};
    a.title = LocalizedText();
    a.title.set("ko", "제목");
    a.title.set("en", "Title");
    a.subtitle.set("ko", "요약");
    // Alphabetically first, which an arbitrary pick would take.
    a.subtitle.set("de", "Zusammenfassung");
    SeriesGroup g{"g", LocalizedText("G"), {}, {&a}};
    const std::string js = catalogueScript({}, {g}, {{"a", {"ko", "en"}}});
    // The English page has no English summary: the story's first language's, marked ko.
    const auto en = js.find("\"en\": {\n");
    ASSERT_NE(en, std::string::npos) << js;
    const std::string page = js.substr(en, js.find('}', en) - en);
    EXPECT_NE(page.find("\"summary\": \"요약\""), std::string::npos) << page;
    EXPECT_NE(page.find("\"summaryLang\": \"ko\""), std::string::npos) << page;
}

TEST(StoryScript, SaysWhetherTheVideoHasTheNarrationCard) {
    auto s = storyAt("d/a.yaml", "a");
    PlayerPage page{&s, "en", {"en"}, "", "", false, ""};
    EXPECT_NE(storyScript(page).find("\"narrationCard\": true"), std::string::npos);
    s.canvas.narrationCard = false;
    EXPECT_NE(storyScript(page).find("\"narrationCard\": false"), std::string::npos);
}
