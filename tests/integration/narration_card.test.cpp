// SPDX-License-Identifier: MIT
// The narration card is never an empty box: in every story of stories/ and each of its
// languages, at the first frames of every step and evenly across it, a card is drawn only
// with its text, at least as visible as the card. And an output without the card draws none.
#include "story_timeline.hpp"

#include "../support/recording_canvas.hpp"

#include "mapreel/render/frame.hpp"
#include "mapreel/scene/evaluate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace mapreel;

namespace {

/// Every story file under stories/, relative to the source tree.
std::vector<std::string> storyFiles() {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    const fs::path root = fs::path(MAPREEL_SOURCE_DIR);
    for (const auto& e : fs::recursive_directory_iterator(root / "stories")) {
        if (!e.is_regular_file() || e.path().extension() != ".yaml")
            continue;
        std::ifstream in(e.path());
        std::stringstream text;
        text << in.rdbuf();
        if (text.str().find("\nmapreel:") != std::string::npos ||
            text.str().starts_with("mapreel:"))
            out.push_back(fs::relative(e.path(), root).string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The moments sampled in step `i`: its first four frames, eight spread evenly over it, its
/// last two frames.
std::vector<double> samples(const timeline::Timeline& tl, std::size_t i) {
    const auto& st = tl.clock().steps()[i];
    const double frame = 1.0 / tl.clock().fps();
    std::vector<double> ts;
    for (int k = 0; k < 4; ++k)
        ts.push_back(st.start + k * frame);
    for (int k = 1; k <= 8; ++k)
        ts.push_back(st.start + st.duration * k / 9);
    ts.push_back(st.end() - 2 * frame);
    ts.push_back(st.end() - frame);
    return ts;
}

/// What is wrong with the narration card of `sc` (empty when nothing): the card is the
/// panel inside the layout's narration rectangle, and the paragraph right after it is its
/// text.
std::string cardProblem(const scene::Scene& sc, const scene::Layout& layout) {
    const auto& items = sc.overlay;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto* panel = std::get_if<scene::Panel>(&items[k]);
        if (!panel || !layout.narration.inflated(1).contains({panel->box.minX, panel->box.minY}))
            continue;
        const auto* para =
            k + 1 < items.size() ? std::get_if<scene::Paragraph>(&items[k + 1]) : nullptr;
        if (!para)
            return "a narration card without a paragraph";
        if (para->title.empty() && para->text.empty())
            return "a narration card with no text";
        if (panel->opacity <= 0)
            return "a narration card drawn at opacity 0";
        if (para->color.a + 1e-9 < panel->opacity)
            return "a narration card at opacity " + std::to_string(panel->opacity) +
                   " with its text at " + std::to_string(para->color.a);
    }
    return {};
}

} // namespace

TEST(NarrationCard, NeverWithoutItsTextInAnyStepOfAnyStory) {
    const auto files = storyFiles();
    ASSERT_GE(files.size(), 9U) << "the stories of stories/ were not found";
    mapreel::testing::FixedTextMeasurer measurer;
    const int width = 1280;
    const int height = 720;
    int frames = 0;
    int withCard = 0;
    int withoutCard = 0;
    for (const auto& file : files) {
        const auto first = integration::storyTimeline(file);
        std::vector<std::string> langs = first->story().languages;
        if (langs.empty())
            langs.push_back(first->story().defaultLanguage());
        for (const auto& lang : langs) {
            const auto tl =
                lang == first->lang() ? nullptr : integration::storyTimeline(file, lang);
            const auto& timeline = tl ? *tl : *first;
            const auto theme = render::themeOf(timeline.story());
            ASSERT_TRUE(theme.narrationCard) << file;
            const auto layout = scene::makeLayout(width, height);
            for (std::size_t i = 0; i < timeline.clock().steps().size(); ++i) {
                for (const double t : samples(timeline, i)) {
                    const auto sc = scene::evaluate(timeline, t, theme, measurer, width, height);
                    const auto problem = cardProblem(sc, layout);
                    EXPECT_TRUE(problem.empty()) << file << " (" << lang << ") step " << i + 1
                                                 << " at " << t << " s: " << problem;
                    const bool card = std::any_of(
                        sc.overlay.begin(), sc.overlay.end(), [](const scene::Item& item) {
                            return std::holds_alternative<scene::Paragraph>(item);
                        });
                    ++(card ? withCard : withoutCard);
                    ++frames;
                }
            }
        }
    }
    // The samples saw cards, and moments without one (each step's first frame).
    EXPECT_GT(withCard, frames / 2);
    EXPECT_GT(withoutCard, 0);
}

TEST(NarrationCard, OffLeavesItOutAndWidensTheMap) {
    const auto tl = integration::storyTimeline("stories/cold-war/korean-war.yaml");
    mapreel::testing::FixedTextMeasurer measurer;
    auto theme = render::themeOf(tl->story());
    const double t = tl->clock().settledTime(2);
    const auto on = scene::evaluate(*tl, t, theme, measurer, 1280, 720);
    theme.narrationCard = false;
    const auto off = scene::evaluate(*tl, t, theme, measurer, 1280, 720);
    auto paragraphs = [](const scene::Scene& sc) {
        return std::count_if(sc.overlay.begin(), sc.overlay.end(), [](const scene::Item& item) {
            return std::holds_alternative<scene::Paragraph>(item);
        });
    };
    EXPECT_EQ(paragraphs(on), 1);
    EXPECT_EQ(paragraphs(off), 0);
    const auto wide = scene::makeLayout(1280, 720, false);
    const auto narrow = scene::makeLayout(1280, 720, true);
    EXPECT_GT(wide.mapArea.width(), narrow.mapArea.width() + 300);
    EXPECT_TRUE(wide.narration.empty());
    // The camera is fitted to the wider map area: the base map is drawn at another scale.
    EXPECT_NE(on.baseKey, off.baseKey);
}
