// SPDX-License-Identifier: MIT
#include "mapreel/preview/worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>

using namespace mapreel::preview;
using namespace std::chrono_literals;

namespace {

/// A gate a job waits at until the test opens it; bounded, so a broken worker fails the
/// test instead of hanging it.
class Gate {
public:
    void open() { promise_.set_value(); }
    [[nodiscard]] bool await() const { return future_.wait_for(30s) == std::future_status::ready; }

private:
    std::promise<void> promise_;
    std::shared_future<void> future_{promise_.get_future().share()};
};

} // namespace

TEST(PreviewWorker, NothingSubmittedNothingDone) {
    LatestJobWorker<int> worker;
    EXPECT_FALSE(worker.take());
    EXPECT_FALSE(worker.busy());
    EXPECT_FALSE(worker.wait()) << "waiting with nothing submitted returns at once";
}

TEST(PreviewWorker, DeliversTheResultOnceAndNotifies) {
    std::atomic<int> notified{0};
    LatestJobWorker<std::string> worker([&] { ++notified; });
    const auto ticket = worker.submit([](const JobToken& t) {
        EXPECT_FALSE(t.cancelled());
        return std::string("story");
    });
    auto done = worker.wait();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->ticket, ticket);
    ASSERT_TRUE(done->result);
    EXPECT_EQ(*done->result, "story");
    EXPECT_FALSE(done->error);
    EXPECT_FALSE(worker.take()) << "a result is delivered once";
    // The notification follows the result (it wakes the window after the result is there).
    for (int i = 0; i < 30000 && notified.load() == 0; ++i)
        std::this_thread::sleep_for(1ms);
    EXPECT_EQ(notified.load(), 1);
}

TEST(PreviewWorker, ANewerJobCancelsTheRunningOneAndOnlyItsResultArrives) {
    LatestJobWorker<int> worker;
    Gate started;
    Gate release;
    std::atomic<bool> firstSawCancel{false};
    worker.submit([&](const JobToken& t) {
        started.open();
        EXPECT_TRUE(release.await());
        firstSawCancel = t.cancelled();
        t.check(); // throws Cancelled: superseded
        return 1;
    });
    ASSERT_TRUE(started.await());
    EXPECT_TRUE(worker.busy());
    worker.submit([](const JobToken&) { return 2; });
    release.open();
    auto done = worker.wait();
    ASSERT_TRUE(done);
    ASSERT_TRUE(done->result);
    EXPECT_EQ(*done->result, 2);
    EXPECT_TRUE(firstSawCancel.load());
    EXPECT_FALSE(worker.take());
}

TEST(PreviewWorker, AStaleResultIsDroppedEvenWhenTheJobIgnoresItsToken) {
    LatestJobWorker<int> worker;
    Gate started;
    Gate release;
    worker.submit([&](const JobToken&) {
        started.open();
        EXPECT_TRUE(release.await());
        return 1; // finishes anyway
    });
    ASSERT_TRUE(started.await());
    const auto second = worker.submit([](const JobToken&) { return 2; });
    release.open();
    auto done = worker.wait();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->ticket, second);
    EXPECT_EQ(done->result.value_or(0), 2);
}

TEST(PreviewWorker, OnlyTheLatestOfManyWaitingJobsRuns) {
    LatestJobWorker<int> worker;
    Gate started;
    Gate release;
    std::atomic<int> runs{0};
    worker.submit([&](const JobToken&) {
        ++runs;
        started.open();
        EXPECT_TRUE(release.await());
        return 0;
    });
    ASSERT_TRUE(started.await());
    for (int i = 1; i <= 5; ++i)
        worker.submit([&runs, i](const JobToken&) {
            ++runs;
            return i;
        });
    release.open();
    auto done = worker.wait();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->result.value_or(-1), 5);
    EXPECT_EQ(runs.load(), 2) << "the first job and the last; the ones between never ran";
}

TEST(PreviewWorker, AnExceptionIsCarriedToTheCaller) {
    LatestJobWorker<int> worker;
    worker.submit([](const JobToken&) -> int { throw std::runtime_error("no data"); });
    auto done = worker.wait();
    ASSERT_TRUE(done);
    EXPECT_FALSE(done->result);
    ASSERT_TRUE(done->error);
    EXPECT_THROW(std::rethrow_exception(done->error), std::runtime_error);
}

TEST(PreviewWorker, ShutdownCancelsTheRunningJobAndJoins) {
    Gate started;
    std::atomic<bool> sawCancel{false};
    const auto begin = std::chrono::steady_clock::now();
    {
        LatestJobWorker<int> worker;
        worker.submit([&](const JobToken& t) {
            started.open();
            // A long load that checks its token now and then, as the caches do.
            while (!t.cancelled())
                std::this_thread::sleep_for(1ms);
            sawCancel = true;
            t.check();
            return 1;
        });
        ASSERT_TRUE(started.await());
    } // the destructor cancels and joins
    EXPECT_TRUE(sawCancel.load());
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 30s);
}

TEST(PreviewWorker, TokensOfLaterTicketsAreNotCancelled) {
    std::atomic<std::uint64_t> latest{3};
    std::atomic<bool> stopping{false};
    const JobToken current(latest, 3, stopping);
    const JobToken old(latest, 2, stopping);
    EXPECT_FALSE(current.cancelled());
    EXPECT_TRUE(old.cancelled());
    EXPECT_THROW(old.check(), Cancelled);
    stopping = true;
    EXPECT_TRUE(current.cancelled());
}
