// SPDX-License-Identifier: MIT
#include "mapreel/preview/hud.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace mapreel;
using namespace mapreel::preview;

namespace {

/// Half an em per character, 1.2 em per line.
class FakeMeasurer final : public scene::TextMeasurer {
public:
    Point measure(const std::string& text, const scene::Font& font) override {
        return {static_cast<double>(text.size()) * font.size * 0.5, font.size * 1.2};
    }
    double paragraphHeight(const scene::Paragraph& p) override {
        const auto lines = 1 + std::count(p.text.begin(), p.text.end(), '\n');
        return (static_cast<double>(lines) + (p.title.empty() ? 0 : 1)) * p.font.size * 1.2;
    }
};

std::vector<std::string> texts(const std::vector<scene::Item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) {
        if (const auto* t = std::get_if<scene::Text>(&i))
            out.push_back(t->text);
        else if (const auto* p = std::get_if<scene::Paragraph>(&i))
            out.push_back(p->title + "|" + p->text);
    }
    return out;
}

bool anyContains(const std::vector<std::string>& v, const std::string& s) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& x) { return x.find(s) != std::string::npos; });
}

HudState sample() {
    HudState s;
    s.width = 1280;
    s.height = 720;
    s.time = 12.4;
    s.duration = 40;
    s.stepStarts = {0, 10, 25};
    s.step = 1;
    s.stepTitle = "The advance";
    s.date = "2 July 1950";
    return s;
}

} // namespace

TEST(PreviewHud, HiddenBarAndNoPanelsDrawNothing) {
    FakeMeasurer m;
    HudState s = sample();
    s.showBar = false;
    EXPECT_TRUE(hudItems(s, m).empty());
}

TEST(PreviewHud, BarShowsStepDateAndTime) {
    FakeMeasurer m;
    const auto t = texts(hudItems(sample(), m));
    EXPECT_TRUE(anyContains(t, "Step 2/3  The advance"));
    EXPECT_TRUE(anyContains(t, "2 July 1950"));
    EXPECT_TRUE(anyContains(t, "0:12.4 / 0:40.0"));
}

TEST(PreviewHud, OneMarkPerStepAfterTheFirst) {
    FakeMeasurer m;
    HudState s = sample();
    const auto withMarks = hudItems(s, m).size();
    s.stepStarts = {0};
    EXPECT_EQ(withMarks - hudItems(s, m).size(), 2U);
}

TEST(PreviewHud, ErrorPanelListsDiagnostics) {
    FakeMeasurer m;
    HudState s = sample();
    s.errors = {"story.yaml:12:5: error: unknown layer 'rivers'"};
    const auto t = texts(hudItems(s, m));
    EXPECT_TRUE(anyContains(t, "1 error in the story"));
    EXPECT_TRUE(anyContains(t, "story.yaml:12:5: error: unknown layer 'rivers'"));
}

TEST(PreviewHud, LongErrorListIsCut) {
    FakeMeasurer m;
    HudState s = sample();
    for (int i = 0; i < 12; ++i)
        s.errors.push_back("story.yaml:" + std::to_string(i + 1) + ":1: error: bad");
    const auto t = texts(hudItems(s, m));
    EXPECT_TRUE(anyContains(t, "12 errors"));
    EXPECT_TRUE(anyContains(t, "and 4 more"));
    EXPECT_FALSE(anyContains(t, "story.yaml:9:1"));
}

TEST(PreviewHud, ProbePanelSitsAboveTheErrors) {
    FakeMeasurer m;
    HudState s = sample();
    s.probe = {"127.000° E, 37.500° N", "Held by: North (north)"};
    s.errors = {"story.yaml:1:1: error: x"};
    const auto items = hudItems(s, m);
    std::vector<double> tops;
    for (const auto& i : items)
        if (const auto* p = std::get_if<scene::Panel>(&i))
            tops.push_back(p->box.minY);
    ASSERT_EQ(tops.size(), 2U);
    EXPECT_LT(tops[0], tops[1]);
}

TEST(PreviewHud, ScrubTrackMapsXToTime) {
    const Rect track = scrubTrack(1280, 720);
    EXPECT_DOUBLE_EQ(scrubTime(track.minX - 50, 1280, 720, 40), 0);
    EXPECT_DOUBLE_EQ(scrubTime(track.maxX + 50, 1280, 720, 40), 40);
    EXPECT_NEAR(scrubTime(track.centre().x, 1280, 720, 40), 20, 1e-9);
    EXPECT_GE(track.minY, scrubBar(1280, 720).minY);
}

TEST(PreviewHud, ClockText) {
    EXPECT_EQ(clockText(0), "0:00.0");
    EXPECT_EQ(clockText(72.45), "1:12.4");
    EXPECT_EQ(clockText(-3), "0:00.0");
}

TEST(PreviewHud, NoticeIsAPillAtTheTopCentreOnlyWhenSet) {
    FakeMeasurer m;
    auto s = sample();
    EXPECT_FALSE(anyContains(texts(hudItems(s, m)), "Reloading"));
    s.notice = "Reloading…";
    const auto items = hudItems(s, m);
    ASSERT_TRUE(anyContains(texts(items), "Reloading…"));
    const auto panel = std::find_if(items.begin(), items.end(), [](const scene::Item& i) {
        const auto* p = std::get_if<scene::Panel>(&i);
        return p != nullptr && p->box.minY < 40;
    });
    ASSERT_NE(panel, items.end()) << "no pill behind the notice";
    const auto& box = std::get<scene::Panel>(*panel).box;
    EXPECT_NEAR(box.centre().x, s.width / 2.0, 1.0);
    EXPECT_LT(box.maxY, 60) << "the pill sits at the top of the map";
    EXPECT_LT(box.width(), s.width / 3.0) << "small: the map stays readable around it";
}
