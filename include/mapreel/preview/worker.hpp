// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/preview/cache.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

/// Loading off the window's thread: the preview keeps drawing the last good story while a
/// new one is read and compiled, and swaps it in when it is ready.
namespace mapreel::preview {

/// What a running job may ask: whether it is still wanted.
class JobToken {
public:
    JobToken(const std::atomic<std::uint64_t>& latest, std::uint64_t ticket,
             const std::atomic<bool>& stopping) noexcept
        : latest_(&latest), ticket_(ticket), stopping_(&stopping) {}

    /// True once a newer job was submitted or the worker is shutting down.
    [[nodiscard]] bool cancelled() const noexcept {
        return stopping_->load() || latest_->load() != ticket_;
    }
    /// Throws Cancelled when cancelled(): the job's checkpoint.
    void check() const {
        if (cancelled())
            throw Cancelled{};
    }
    /// The job's number, from 1, increasing with each submit().
    [[nodiscard]] std::uint64_t ticket() const noexcept { return ticket_; }

private:
    const std::atomic<std::uint64_t>* latest_;
    std::uint64_t ticket_;
    const std::atomic<bool>* stopping_;
};

/// One background thread that runs the latest submitted job, one at a time. Submitting a
/// job supersedes the one waiting and cancels the one running (it sees its token cancelled
/// at its next checkpoint); only the result of the latest job is ever delivered. The
/// destructor cancels and joins, so whatever a job uses must outlive the worker.
template <class Result> class LatestJobWorker {
public:
    using Job = std::function<Result(const JobToken&)>;

    /// What a finished job left: its ticket and its result, or the exception it threw
    /// (other than Cancelled), to be rethrown on the caller's thread.
    struct Done {
        std::uint64_t ticket = 0;
        std::optional<Result> result;
        std::exception_ptr error;
    };

    /// `notify` is called on the worker's thread after a result is stored (to wake the
    /// window's loop); it must be thread-safe. Starts the thread.
    explicit LatestJobWorker(std::function<void()> notify = {})
        : notify_(std::move(notify)), thread_([this] { loop(); }) {}

    ~LatestJobWorker() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
            stopAtomic_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    LatestJobWorker(const LatestJobWorker&) = delete;
    LatestJobWorker& operator=(const LatestJobWorker&) = delete;

    /// Queues `job` in place of any waiting one and cancels the running one; returns its
    /// ticket.
    std::uint64_t submit(Job job) {
        std::uint64_t ticket = 0;
        {
            const std::lock_guard lock(mutex_);
            ticket = ++submitted_;
            latest_ = ticket;
            pending_ = std::move(job);
            done_.reset(); // an older result is stale from now on
        }
        wake_.notify_all();
        return ticket;
    }

    /// The latest job's outcome once it has finished, exactly once; nullopt before.
    [[nodiscard]] std::optional<Done> take() {
        const std::lock_guard lock(mutex_);
        return std::exchange(done_, std::nullopt);
    }

    /// Blocks until the latest submitted job has finished, then takes its outcome (nullopt
    /// when nothing was submitted since the last take). For scripted runs, which must not
    /// depend on how long a load takes.
    [[nodiscard]] std::optional<Done> wait() {
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [&] { return done_ || (!pending_ && !running_); });
        return std::exchange(done_, std::nullopt);
    }

    /// True while a job waits or runs.
    [[nodiscard]] bool busy() const {
        const std::lock_guard lock(mutex_);
        return pending_ != nullptr || running_;
    }

private:
    void loop() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || pending_ != nullptr; });
            if (stopping_)
                return;
            Job job = std::exchange(pending_, nullptr);
            const std::uint64_t ticket = submitted_;
            running_ = true;
            lock.unlock();
            Done done{ticket, std::nullopt, nullptr};
            bool cancelled = false;
            try {
                done.result.emplace(job(JobToken(latest_, ticket, stopAtomic_)));
            } catch (const Cancelled&) {
                cancelled = true;
            } catch (...) {
                done.error = std::current_exception();
            }
            job = nullptr; // whatever the job holds goes before the result is announced
            lock.lock();
            running_ = false;
            const bool current = !cancelled && ticket == submitted_ && !stopping_;
            if (current)
                done_ = std::move(done);
            finished_.notify_all();
            if (current && notify_) {
                lock.unlock();
                notify_();
                lock.lock();
            }
        }
    }

    std::function<void()> notify_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;     ///< a job was submitted or the worker stops
    std::condition_variable finished_; ///< a job finished
    Job pending_;
    bool running_ = false;
    bool stopping_ = false;
    std::uint64_t submitted_ = 0;
    std::optional<Done> done_;
    std::atomic<std::uint64_t> latest_{0}; ///< submitted_, readable without the lock
    std::atomic<bool> stopAtomic_{false};  ///< stopping_, readable without the lock
    std::thread thread_;                   ///< last: starts after everything it uses
};

} // namespace mapreel::preview
