// SPDX-License-Identifier: MIT
#include "mapreel/preview/reload.hpp"
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace mapreel;
using namespace mapreel::preview;

namespace {

/// A file system of stamps the test edits.
struct FakeFiles {
    std::map<std::string, FileStamp> stamps;
    StatFn stat() {
        return [this](const std::string& p) {
            auto it = stamps.find(p);
            return it == stamps.end() ? FileStamp{} : it->second;
        };
    }
};

} // namespace

TEST(PreviewChangeDetector, MissingFileIsAChangeToo) {
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {100, 10};
    ChangeDetector d(0.1);
    d.watch({"/s/story.yaml"}, {{100, 10}});
    fs.stamps.erase("/s/story.yaml");
    EXPECT_FALSE(d.poll(fs.stat(), 0.0));
    EXPECT_TRUE(d.poll(fs.stat(), 0.2));
}

TEST(PreviewChangeDetector, NothingChangedNothingToDo) {
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {100, 10};
    ChangeDetector d(0.1);
    d.watch({"/s/story.yaml"}, {{100, 10}});
    for (int step = 0; step < 20; ++step)
        EXPECT_FALSE(d.poll(fs.stat(), step * 0.1));
}

TEST(PreviewChangeDetector, WaitsForAChangeToSettle) {
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {100, 10};
    fs.stamps["/s/data.geojson"] = {100, 50};
    ChangeDetector d(0.1);
    d.watch({"/s/story.yaml", "/s/data.geojson"}, {{100, 10}, {100, 50}});
    fs.stamps["/s/data.geojson"] = {200, 0}; // truncated...
    EXPECT_FALSE(d.poll(fs.stat(), 1.0));
    fs.stamps["/s/data.geojson"] = {201, 70}; // ...then written
    EXPECT_FALSE(d.poll(fs.stat(), 1.1));
    EXPECT_FALSE(d.poll(fs.stat(), 1.15));
    EXPECT_TRUE(d.poll(fs.stat(), 1.25));
}

TEST(PreviewChangeDetector, ChangeMadeDuringALoadIsSeen) {
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {300, 12}; // saved again while the old stamps were loading
    ChangeDetector d(0.0);
    d.watch({"/s/story.yaml"}, {{200, 11}});
    EXPECT_TRUE(d.poll(fs.stat(), 0));
}

TEST(PreviewChangeDetector, ReportsAChangeOnceWhileItsLoadRuns) {
    // Loads run in the background: polls keep coming while one runs, and the same saved
    // change must not start it again (each start would cancel the one running).
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {100, 10};
    ChangeDetector d(0.05);
    d.watch({"/s/story.yaml"}, {{100, 10}});
    fs.stamps["/s/story.yaml"] = {200, 11};
    EXPECT_FALSE(d.poll(fs.stat(), 0.0));
    EXPECT_TRUE(d.poll(fs.stat(), 0.05));
    for (int step = 2; step < 10; ++step)
        EXPECT_FALSE(d.poll(fs.stat(), step * 0.05));
    // A further save while it loads is a new change.
    fs.stamps["/s/story.yaml"] = {300, 12};
    EXPECT_FALSE(d.poll(fs.stat(), 0.5));
    EXPECT_TRUE(d.poll(fs.stat(), 0.55));
    // The load done, watch() sets the stamps it saw: an older read shows up as a change.
    d.watch({"/s/story.yaml"}, {{200, 11}});
    EXPECT_FALSE(d.poll(fs.stat(), 0.6));
    EXPECT_TRUE(d.poll(fs.stat(), 0.65));
}

TEST(PreviewChangeDetector, ChangedBackIsNoChange) {
    FakeFiles fs;
    fs.stamps["/s/story.yaml"] = {100, 10};
    ChangeDetector d(0.1);
    d.watch({"/s/story.yaml"}, {{100, 10}});
    fs.stamps["/s/story.yaml"] = {150, 10};
    EXPECT_FALSE(d.poll(fs.stat(), 0));
    fs.stamps["/s/story.yaml"] = {100, 10};
    EXPECT_FALSE(d.poll(fs.stat(), 0.5));
}

TEST(PreviewLoadStatus, ErrorsShowUntilALoadSucceeds) {
    LoadStatus s;
    EXPECT_FALSE(s.hasErrors());
    Diagnostics diags;
    diags.warning({"story.yaml", 3, 1}, "unused place 'x'");
    diags.error({"story.yaml", 12, 5}, "unknown layer 'rivers'", "did you mean 'river'?");
    s.failed(diags);
    ASSERT_TRUE(s.hasErrors());
    ASSERT_EQ(s.errors().size(), 1U) << "warnings are not errors";
    EXPECT_EQ(s.errors()[0].rfind("story.yaml:12:5: error: unknown layer 'rivers'", 0), 0U)
        << s.errors()[0];
    const int g = s.generation();
    s.succeeded();
    EXPECT_FALSE(s.hasErrors());
    EXPECT_GT(s.generation(), g);
}

TEST(PreviewLoadStatus, EnvironmentFailureNamesTheFile) {
    LoadStatus s;
    s.failed("a/story.yaml", "cannot open 'zones.geojson'");
    ASSERT_TRUE(s.hasErrors());
    EXPECT_EQ(s.errors()[0], "a/story.yaml: error: cannot open 'zones.geojson'");
}

TEST(PreviewWatchedFiles, StoryFirstThenEveryFileItReads) {
    // The loader checks that named files exist, so they are made in a scratch folder.
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("mapreel-watch-" + std::to_string(::getpid()));
    fs::create_directories(dir / "extra");
    fs::create_directories(dir / "abs");
    for (const char* f : {"extra/land.geojson", "zones.geojson", "abs/more.geojson"})
        std::ofstream(dir / f) << "{}";
    const std::string d = dir.string();
    const std::string text = R"(mapreel: 1
id: t
title: T
languages: [en]
canvas: {size: [640, 360], fps: 10}
map:
  projection: "EPSG:3857"
  view: {extent: [0, 0, 10, 10]}
  layers: [land, {file: extra/land.geojson}]
sides:
  - {id: a, name: A, color: "#c4302b"}
regions:
  r1: {file: zones.geojson, layer: zones}
  r2: {union: [{file: )" + d +
                             R"(/abs/more.geojson}, {file: zones.geojson}]}
steps:
  - id: s1
    title: One
    date: 1950-01-01
    narration: "Text."
)";
    auto loaded = story::loadStoryFromText(text, d + "/t.yaml");
    fs::remove_all(dir);
    ASSERT_TRUE(loaded) << format(loaded.error().items().front());
    const auto files = watchedFiles(loaded->story);
    ASSERT_FALSE(files.empty());
    EXPECT_EQ(files.front(), d + "/t.yaml");
    auto has = [&](const std::string& f) {
        return std::find(files.begin(), files.end(), f) != files.end();
    };
    EXPECT_TRUE(has(d + "/extra/land.geojson"));
    EXPECT_TRUE(has(d + "/zones.geojson"));
    EXPECT_TRUE(has(d + "/abs/more.geojson"));
    EXPECT_EQ(std::count(files.begin(), files.end(), d + "/zones.geojson"), 1);
    EXPECT_EQ(files.size(), 4U);
}
