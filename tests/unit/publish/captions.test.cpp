// SPDX-License-Identifier: MIT
#include "mapreel/publish/captions.hpp"
#include "mapreel/timeline/clock.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace mapreel;
using namespace mapreel::publish;

namespace {

story::Step step(std::string id, std::string title, std::string narration,
                 std::optional<double> seconds) {
    story::Step s;
    s.id = std::move(id);
    s.title = LocalizedText(std::move(title));
    s.narration = LocalizedText(std::move(narration));
    s.duration = seconds;
    s.dateFrom = s.dateTo = Date{1950, 6, 25, DatePrecision::Day};
    return s;
}

story::Story storyWith(std::vector<story::Step> steps) {
    story::Story s;
    s.id = "t";
    s.title = LocalizedText("A title");
    s.canvas.fps = 30;
    s.steps = std::move(steps);
    return s;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

constexpr const char* kLong =
    "Just before dawn on Sunday 25 June 1950, Soviet-built tanks led North Korea's army "
    "across the parallel. The main thrust came down the Uijongbu corridor toward Seoul. The "
    "outgunned South Korean army gave way, and Seoul fell on 28 June.";

} // namespace

TEST(Captions, EmptyNarrationHasNoCues) {
    EXPECT_TRUE(splitCaptionText("").empty());
    EXPECT_TRUE(splitCaptionText("  \n\t ").empty());
    const auto s = storyWith({step("a", "A", "", 5.0)});
    EXPECT_TRUE(captionCues(s, "en").empty());
}

TEST(Captions, AWordLongerThanALineStaysWhole) {
    const std::string word(50, 'x');
    const auto parts = splitCaptionText("See " + word + " here.");
    std::string all;
    for (const auto& p : parts)
        all += p + "\n";
    EXPECT_NE(all.find(word), std::string::npos);
}

TEST(Captions, EveryCueHasAtMostTwoLinesOf42) {
    const auto parts = splitCaptionText(kLong);
    ASSERT_GE(parts.size(), 3U);
    std::string rebuilt;
    for (const auto& p : parts) {
        const auto ls = lines(p);
        EXPECT_LE(ls.size(), 2U) << p;
        for (const auto& l : ls) {
            EXPECT_LE(displayLength(l), 42U) << l;
            rebuilt += (rebuilt.empty() ? "" : " ") + l;
        }
    }
    EXPECT_EQ(rebuilt, kLong); // nothing lost, nothing reordered
}

TEST(Captions, SentencesStartNewCues) {
    const auto parts = splitCaptionText(kLong);
    // "The main thrust ..." is its own sentence, short enough for one cue.
    bool found = false;
    for (const auto& p : parts)
        if (p.rfind("The main thrust", 0) == 0)
            found = true;
    EXPECT_TRUE(found);
}

TEST(Captions, ShortSentencesShareACue) {
    const auto parts = splitCaptionText("Seoul fell. The road was open.");
    ASSERT_EQ(parts.size(), 1U);
    EXPECT_EQ(parts[0], "Seoul fell. The road was open.");
}

TEST(Captions, InitialsDoNotEndSentences) {
    // Narrow cues, so that a wrong stop after "E." would leave "Roy E." alone in a cue.
    const auto parts = splitCaptionText("Roy E. Appleman wrote the history.", {20, 1, 1.0});
    ASSERT_EQ(parts.size(), 2U);
    EXPECT_EQ(parts[0], "Roy E. Appleman");
}

TEST(Captions, LongSentenceSplitsIntoBalancedParts) {
    const std::string sentence =
        "The ceasefire line became the Military Demarcation Line and each side pulled back two "
        "kilometres from it.";
    const auto parts = splitCaptionText(sentence);
    ASSERT_EQ(parts.size(), 2U);
    const auto a = displayLength(parts[0]);
    const auto b = displayLength(parts[1]);
    EXPECT_LT(a > b ? a - b : b - a, 30U);
}

TEST(Captions, TwoLinesAreBalanced) {
    const auto parts = splitCaptionText("On 15 September the UN commander struck far behind.");
    ASSERT_EQ(parts.size(), 1U);
    const auto ls = lines(parts[0]);
    ASSERT_EQ(ls.size(), 2U);
    EXPECT_LT(
        std::abs(static_cast<int>(displayLength(ls[0])) - static_cast<int>(displayLength(ls[1]))),
        12);
}

TEST(Captions, CodePointsNotBytes) {
    EXPECT_EQ(displayLength("Séoul"), 5U);
    EXPECT_EQ(displayLength("한국"), 2U);
}

TEST(Captions, CuesCoverTheStepInProportionToWords) {
    const auto s = storyWith({step("a", "A", "One two three.", 4.0), step("b", "B", kLong, 20.0)});
    const auto cues = captionCues(s, "en");
    ASSERT_GE(cues.size(), 4U);
    EXPECT_DOUBLE_EQ(cues.front().start, 0.0);
    EXPECT_NEAR(cues.front().end, 4.0 - 0.001, 1e-9); // never showing with the next one
    EXPECT_DOUBLE_EQ(cues[1].start, 4.0);
    EXPECT_NEAR(cues.back().end, 24.0, 1e-9);
    double words = 0;
    for (std::size_t i = 1; i < cues.size(); ++i) {
        EXPECT_NEAR(cues[i].start, cues[i - 1].end + 0.001, 1e-9); // 1 ms apart
        std::istringstream in(cues[i].text);
        for (std::string w; in >> w;)
            ++words;
    }
    // Seconds per word is the same for every cue of step b.
    for (std::size_t i = 1; i < cues.size(); ++i) {
        double n = 0;
        std::istringstream in(cues[i].text);
        for (std::string w; in >> w;)
            ++n;
        const double gap = i + 1 < cues.size() ? 0.001 : 0.0;
        EXPECT_NEAR((cues[i].end + gap - cues[i].start) / n, 20.0 / words, 1e-9);
    }
}

TEST(Captions, NoCueShorterThanASecond) {
    // Three cues' worth of text in 3.2 s: the one-word cue is held for a full second.
    const auto s =
        storyWith({step("a", "A",
                        "Yes. The UN Security Council condemned the attack and asked members to "
                        "help. Truman resolved to stop the invasion of the South.",
                        3.2)});
    const auto cues = captionCues(s, "en");
    ASSERT_GE(cues.size(), 2U);
    for (const auto& c : cues)
        EXPECT_GE(c.end - c.start, 1.0 - 0.001 - 1e-9) << c.text;
}

TEST(Captions, ATooShortStepMergesItsCues) {
    const auto s = storyWith({step("a", "A", kLong, 2.5)});
    const auto cues = captionCues(s, "en");
    ASSERT_EQ(cues.size(), 2U);
    for (const auto& c : cues)
        EXPECT_GE(c.end - c.start, 1.0 - 0.001 - 1e-9);
}

TEST(Captions, CuesEndWithTheVideo) {
    // 10.01 s at 30 fps is 300 whole frames: the video ends at 10 s.
    const auto s = storyWith({step("a", "A", "Hello there.", 10.01)});
    EXPECT_DOUBLE_EQ(timeline::Clock(s, "en").videoSeconds(), 10.0);
    const auto cues = captionCues(s, "en");
    ASSERT_EQ(cues.size(), 1U);
    EXPECT_DOUBLE_EQ(cues[0].end, 10.0);
}

TEST(Captions, NarrationInTheRequestedLanguage) {
    auto st = step("a", "A", "", 5.0);
    st.narration.set("en", "In English.");
    st.narration.set("fr", "En français.");
    const auto s = storyWith({st});
    EXPECT_EQ(captionCues(s, "fr").at(0).text, "En français.");
    EXPECT_EQ(captionCues(s, "en").at(0).text, "In English.");
}

TEST(WebVtt, EscapesMarkupAndKeepsCuesIntact) {
    const std::vector<Cue> cues = {{0, 1.5, "a <b>bold</b> & --> claim", "x"},
                                   {1.5, 3723.25, "two\n\nlines", ""}};
    const std::string vtt = toWebVtt(cues);
    EXPECT_EQ(vtt, "WEBVTT\n\n"
                   "x\n00:00:00.000 --> 00:00:01.500\n"
                   "a &lt;b&gt;bold&lt;/b&gt; &amp; --&gt; claim\n\n"
                   "00:00:01.500 --> 01:02:03.250\ntwo\nlines\n");
}

TEST(WebVtt, Timestamps) {
    EXPECT_EQ(vttTimestamp(0), "00:00:00.000");
    EXPECT_EQ(vttTimestamp(59.9996), "00:01:00.000");
    EXPECT_EQ(vttTimestamp(-1), "00:00:00.000");
    EXPECT_EQ(clockTimestamp(0), "0:00");
    EXPECT_EQ(clockTimestamp(65.9), "1:05");
    EXPECT_EQ(clockTimestamp(3723), "1:02:03");
    EXPECT_EQ(clockTimestamp(29.9999999), "0:30");
}

TEST(Chapters, OnePerStepWithTitleAndId) {
    const auto s = storyWith({step("a", "First  step", "x", 4.0), step("b", "", "y", 6.0)});
    const auto ch = chapterCues(s, "en");
    ASSERT_EQ(ch.size(), 2U);
    EXPECT_EQ(ch[0], (Cue{0, 4, "First step", "a"}));
    EXPECT_EQ(ch[1], (Cue{4, 10, "Step 2", "b"}));
}

TEST(Chapters, ShortOnesMergeForward) {
    const std::vector<Cue> ch = {{0, 4, "A", "a"},
                                 {4, 8, "B", "b"},
                                 {8, 20, "C", "c"},
                                 {20, 45, "D", "d"},
                                 {45, 49, "E", "e"}};
    const auto merged = mergeShortChapters(ch, 10);
    ASSERT_EQ(merged.size(), 2U);
    EXPECT_EQ(merged[0], (Cue{0, 20, "A", "a"}));
    EXPECT_EQ(merged[1], (Cue{20, 49, "D", "d"})); // the short last one joined D
    // The short last chapter joins the one before.
    const auto tail = mergeShortChapters({{0, 20, "A", "a"}, {20, 25, "B", "b"}}, 10);
    ASSERT_EQ(tail.size(), 1U);
    EXPECT_EQ(tail[0], (Cue{0, 25, "A", "a"}));
}

TEST(Description, ChaptersFromZeroAndAtLeastTenSeconds) {
    auto s = storyWith({step("a", "Start", "x", 4.0), step("b", "Invasion <now>", "y", 12.0),
                        step("c", "Inchon", "z", 30.0), step("d", "End", "w", 20.0)});
    s.subtitle = LocalizedText("Sub");
    s.licence = "CC-BY-4.0";
    story::Source src;
    src.id = "app";
    src.author = "Roy E. Appleman";
    src.year = "1961";
    src.title = "South to the Naktong";
    src.publisher = "CMH";
    src.url = "https://example.org/";
    s.sources.push_back(src);
    const std::string d = videoDescription(s, "en");
    EXPECT_EQ(d, "A title\nSub\n\n"
                 "0:00 Start\n"
                 "0:16 Inchon\n"
                 "0:46 End\n"
                 "Licence: CC-BY-4.0\n\n"
                 "Sources:\n"
                 "- Roy E. Appleman (1961). South to the Naktong. CMH. https://example.org/\n");
    EXPECT_EQ(d.find('<'), std::string::npos);
}

TEST(Description, NoAngleBrackets) {
    auto s = storyWith({step("a", "A <script>", "x", 12.0)});
    const std::string d = videoDescription(s, "en");
    EXPECT_EQ(d.find('<'), std::string::npos);
    EXPECT_EQ(d.find('>'), std::string::npos);
    EXPECT_NE(d.find("0:00 A \xE2\x80\xB9script\xE2\x80\xBA"), std::string::npos);
}
