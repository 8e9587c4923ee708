// SPDX-License-Identifier: MIT
// `mapreel site` reads nothing outside the folder of stories: files a story names through
// an absolute path, a `..` or a symbolic link leading out are errors at the naming line.
#include "mapreel/publish/site.hpp"
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mapreel;

namespace {

class SiteSafety : public testing::Test {
protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("mapreel-site-safety-" + std::to_string(getpid()));
        fs::remove_all(base_);
        fs::create_directories(root() / "maps" / "data");
        fs::create_directories(base_ / "outside");
        write(base_ / "outside" / "secret.geojson",
              R"({"type": "FeatureCollection", "features": []})");
        write(root() / "maps" / "data" / "inside.geojson",
              R"({"type": "FeatureCollection", "features": []})");
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(base_, ec);
    }

    [[nodiscard]] fs::path root() const { return base_ / "stories"; }

    static void write(const fs::path& p, const std::string& text) {
        std::ofstream(p, std::ios::binary) << text;
    }

    /// A story in stories/maps/ whose region 'r' is read from `file`.
    [[nodiscard]] story::Story storyReading(const std::string& file) const {
        const std::string text = R"(mapreel: 1
id: demo
title: "Demo"
languages: [en]
map:
  projection: korea-lcc
  view: {extent: [124.0, 33.0, 131.0, 43.0]}
sides:
  - {id: north, name: North, color: "#c4302b"}
regions:
  r: {file: ")" + file + R"("}
steps:
  - id: start
    title: "Start"
    date: 1950-06-25
    narration: "The war begins."
)";
        const fs::path path = root() / "maps" / "demo.yaml";
        write(path, text);
        auto loaded = story::loadStory(path.string());
        EXPECT_TRUE(loaded.hasValue()) << (loaded ? "" : format(loaded.error().items().front()));
        return loaded ? loaded->story : story::Story{};
    }

    /// The one message filesOutside gives, as `check` prints it without the file name.
    [[nodiscard]] std::string problem(const story::Story& s) const {
        const auto diags = publish::filesOutside(s, {root().string()});
        if (diags.items().size() != 1)
            return std::to_string(diags.items().size()) + " diagnostics";
        const auto& d = diags.items().front();
        return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " + d.message;
    }

    [[nodiscard]] const fs::path& base() const { return base_; }

private:
    fs::path base_;
};

} // namespace

TEST_F(SiteSafety, FilesInsideTheFolderAreFine) {
    EXPECT_TRUE(
        publish::filesOutside(storyReading("data/inside.geojson"), {root().string()}).empty());
    EXPECT_TRUE(
        publish::filesOutside(storyReading("../maps/data/inside.geojson"), {root().string()})
            .empty());
}

TEST_F(SiteSafety, DotDotOutIsRejected) {
    EXPECT_EQ(problem(storyReading("../../outside/secret.geojson")),
              "11:6: '../../outside/secret.geojson', the data file of region 'r', climbs out of "
              "the stories folder");
}

TEST_F(SiteSafety, AbsolutePathIsRejected) {
    const std::string secret = (base() / "outside" / "secret.geojson").string();
    EXPECT_EQ(problem(storyReading(secret)),
              "11:6: '" + secret + "', the data file of region 'r', is an absolute path");
}

TEST_F(SiteSafety, SymbolicLinkLeadingOutIsRejected) {
    fs::create_symlink(base() / "outside" / "secret.geojson",
                       root() / "maps" / "data" / "link.geojson");
    EXPECT_EQ(problem(storyReading("data/link.geojson")),
              "11:6: 'data/link.geojson', the data file of region 'r', leads out of the stories "
              "folder (a symbolic link)");
    fs::create_directory_symlink(base() / "outside", root() / "maps" / "linked-dir");
    EXPECT_EQ(problem(storyReading("linked-dir/secret.geojson")),
              "11:6: 'linked-dir/secret.geojson', the data file of region 'r', leads out of the "
              "stories folder (a symbolic link)");
}

TEST_F(SiteSafety, ASecondAllowedFolderIsFine) {
    // Shipped stories read ../../data/cold-war/, the bundled data folder.
    const auto s = storyReading("../../outside/secret.geojson");
    EXPECT_TRUE(publish::filesOutside(s, {root().string(), (base() / "outside").string()}).empty());
    EXPECT_EQ(
        publish::filesOutside(s, {root().string(), (base() / "elsewhere").string()}).errorCount(),
        1U);
}

TEST_F(SiteSafety, EveryKindOfFileIsListed) {
    story::Story s;
    s.baseDir = (root() / "maps").string();
    s.map.layers.push_back({{}, std::nullopt, "/etc/passwd", {}, {}, {}, {}, 0});
    story::Step step;
    step.id = "one";
    step.audio = "../../outside/voice.mp3";
    story::Action image;
    image.what = story::ImageAction{"/tmp/photo.png", {}, {}, {}};
    step.actions.push_back(image);
    story::Region inner;
    inner.kind = story::Region::Kind::File;
    inner.file = "../../outside/secret.geojson";
    story::Region both;
    both.kind = story::Region::Kind::Union;
    both.operands = {inner, inner};
    story::Action highlight;
    highlight.what = story::HighlightAction{{}, both, std::nullopt, {}};
    step.actions.push_back(highlight);
    s.steps.push_back(step);
    const auto files = publish::storyFiles(s);
    ASSERT_EQ(files.size(), 5U);
    EXPECT_EQ(files[0].what, "data file of a layer");
    EXPECT_EQ(files[1].what, "narration audio of step 'one'");
    EXPECT_EQ(files[2].what, "image of step 'one'");
    EXPECT_EQ(files[3].what, "data file of a highlight of step 'one'");
    EXPECT_EQ(publish::filesOutside(s, {root().string()}).errorCount(), 5U);
}

TEST(Confined, ResolvesDotDotAndRejectsSiblingsWithACommonPrefix) {
    EXPECT_TRUE(publish::confined("/srv/stories/a/../b/x.yaml", "/srv/stories"));
    EXPECT_FALSE(publish::confined("/srv/stories/../x.yaml", "/srv/stories"));
    EXPECT_FALSE(publish::confined("/srv/stories-private/x.yaml", "/srv/stories"));
    EXPECT_TRUE(publish::confined("/srv/stories/", "/srv/stories"));
}
