// SPDX-License-Identifier: MIT
#include "mapreel/geo/stored_ops.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace mapreel::geo {
namespace {

namespace fs = std::filesystem;

/// Counts calls and returns results that depend on the input; each call "takes" `delay`.
class CountingOps final : public GeometryOps {
public:
    explicit CountingOps(std::chrono::milliseconds delay) : delay_(delay) {}
    int calls = 0;
    MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon&) override {
        return work(a);
    }
    MultiPolygon difference(const MultiPolygon& a, const MultiPolygon&) override { return work(a); }
    MultiPolygon unite(const std::vector<MultiPolygon>& parts) override {
        return work(parts.empty() ? MultiPolygon{} : parts.front());
    }
    MultiPolygon clip(const MultiPolygon& a, const Rect& box) override {
        auto r = work(a);
        r.front().rings.front().push_back({box.maxX, box.maxY});
        return r;
    }
    MultiLineString clip(const MultiLineString& a, const Rect&) override {
        ++calls;
        std::this_thread::sleep_for(delay_);
        return a;
    }
    MultiPolygon buffer(const LineString&, double) override { return work({}); }
    MultiPolygon makeValid(const MultiPolygon& a) override { return work(a); }
    MultiPolygon simplify(const MultiPolygon& a, double) override { return work(a); }

private:
    MultiPolygon work(MultiPolygon a) {
        ++calls;
        std::this_thread::sleep_for(delay_);
        a.push_back(Polygon{{{{1, 2}, {3, 4}, {5, 6}, {1, 2}}}});
        return a;
    }
    std::chrono::milliseconds delay_;
};

class StoredOpsTest : public ::testing::Test {
protected:
    void SetUp() override {
        folder = fs::temp_directory_path() /
                 ("mapreel-stored-ops-" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder);
    }
    void TearDown() override { fs::remove_all(folder); }
    fs::path folder;
    const MultiPolygon square{Polygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}};
    const Rect box{-1, -1, 2, 2};
};

TEST_F(StoredOpsTest, ASecondRunReadsWhatTheFirstComputed) {
    CountingOps inner(std::chrono::milliseconds(6));
    MultiPolygon first;
    {
        StoredGeometryOps stored(inner, folder);
        first = stored.clip(square, box);
        EXPECT_EQ(stored.computed(), 1);
    }
    StoredGeometryOps again(inner, folder);
    EXPECT_EQ(again.clip(square, box), first);
    EXPECT_EQ(inner.calls, 1);
    EXPECT_EQ(again.reads(), 1);
}

TEST_F(StoredOpsTest, AnotherInputOrBoxIsComputed) {
    CountingOps inner(std::chrono::milliseconds(6));
    StoredGeometryOps stored(inner, folder);
    static_cast<void>(stored.clip(square, box));
    static_cast<void>(stored.clip(square, Rect{-1, -1, 2, 3}));
    auto moved = square;
    moved.front().rings.front()[1].x = 1.0000000001;
    static_cast<void>(stored.clip(moved, box));
    static_cast<void>(stored.makeValid(square)); // same input, another operation
    EXPECT_EQ(inner.calls, 4);
    EXPECT_EQ(stored.reads(), 0);
}

TEST_F(StoredOpsTest, QuickResultsAreNotStored) {
    // "Quick" is anything under 10 s here: an instant operation stays under it however
    // busy the machine (the time is wall-clock).
    CountingOps inner(std::chrono::milliseconds(0));
    StoredGeometryOps stored(inner, folder, std::chrono::seconds(10));
    static_cast<void>(stored.clip(square, box));
    static_cast<void>(stored.clip(square, box));
    EXPECT_EQ(inner.calls, 2);
    EXPECT_FALSE(fs::exists(folder) && !fs::is_empty(folder));
}

TEST_F(StoredOpsTest, PreparingStoresEvenQuickResults) {
    CountingOps inner(std::chrono::milliseconds(0));
    {
        StoredGeometryOps preparing(inner, folder, std::chrono::seconds(10));
        preparing.storeEveryResult();
        static_cast<void>(preparing.clip(square, box));
    }
    StoredGeometryOps again(inner, folder, std::chrono::seconds(10));
    static_cast<void>(again.clip(square, box));
    EXPECT_EQ(inner.calls, 1);
    EXPECT_EQ(again.reads(), 1);
}

TEST_F(StoredOpsTest, ADamagedFileIsComputedAgainAndReplaced) {
    CountingOps inner(std::chrono::milliseconds(6));
    MultiPolygon first;
    {
        StoredGeometryOps stored(inner, folder);
        first = stored.unite({square, square});
    }
    ASSERT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
    const fs::path file = fs::directory_iterator(folder)->path();
    const auto size = fs::file_size(file);
    fs::resize_file(file, size - 5); // truncated
    StoredGeometryOps again(inner, folder);
    EXPECT_EQ(again.unite({square, square}), first);
    EXPECT_EQ(inner.calls, 2);
    EXPECT_EQ(fs::file_size(file), size); // written whole again
    {
        std::ofstream junk(file, std::ios::binary | std::ios::trunc);
        junk << "not a geometry file at all";
    }
    StoredGeometryOps third(inner, folder);
    EXPECT_EQ(third.unite({square, square}), first);
    EXPECT_EQ(inner.calls, 3);
    StoredGeometryOps fourth(inner, folder);
    EXPECT_EQ(fourth.unite({square, square}), first);
    EXPECT_EQ(inner.calls, 3);
}

TEST_F(StoredOpsTest, LinesRoundTrip) {
    CountingOps inner(std::chrono::milliseconds(6));
    const MultiLineString lines{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}, {4, 5}}, {}};
    {
        StoredGeometryOps stored(inner, folder);
        EXPECT_EQ(stored.clip(lines, box), lines);
    }
    StoredGeometryOps again(inner, folder);
    EXPECT_EQ(again.clip(lines, box), lines);
    EXPECT_EQ(inner.calls, 1);
}

TEST_F(StoredOpsTest, AnUnwritableFolderOnlyMeansComputingAgain) {
    CountingOps inner(std::chrono::milliseconds(6));
    fs::create_directories(folder.parent_path());
    { std::ofstream blocker(folder); } // a file where the folder should be
    StoredGeometryOps stored(inner, folder);
    const auto a = stored.clip(square, box);
    EXPECT_EQ(stored.clip(square, box), a);
    EXPECT_EQ(inner.calls, 2);
    fs::remove(folder);
}

} // namespace
} // namespace mapreel::geo
