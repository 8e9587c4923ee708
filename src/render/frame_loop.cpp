// SPDX-License-Identifier: MIT
#include "mapreel/render/frame_loop.hpp"

#include "mapreel/core/interrupt.hpp"
#include "mapreel/core/memory.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mapreel::render {

namespace {

struct Span {
    int first = 0;
    int last = 0;
};

/// The job's frames cut at multiples of its segment length.
std::vector<Span> segmentsOf(const FrameJob& job) {
    std::vector<Span> spans;
    int at = job.first;
    while (at < job.last) {
        int end = job.last;
        if (job.segment > 0)
            end = std::min(job.last, (at / job.segment + 1) * job.segment);
        spans.push_back({at, end});
        at = end;
    }
    return spans;
}

/// Draws the frames of `span` on `canvas` into `work`, and finishes it; gives up early
/// when `stopped` says the run has ended.
void makeSegment(const Span& span, RasterCanvas& canvas, const DrawFrame& draw, SegmentWork* work,
                 const std::function<bool()>& stopped) {
    for (int i = span.first; i < span.last; ++i) {
        checkInterrupted();
        if (stopped && stopped())
            return;
        const bool drawn = draw(canvas, i);
        if (!work)
            continue;
        // A segment's first frame is always new to its work, even when the canvas showed it
        // already (at the end of the lane's previous segment).
        if (drawn || i == span.first)
            work->frame(canvas.pixels(), canvas.stride());
        else
            work->repeat(canvas.pixels(), canvas.stride());
    }
    if (work)
        work->finish();
}

/// Segments being made by the lanes, and those made but not yet committed.
class SegmentBoard {
public:
    SegmentBoard(std::size_t count, std::size_t ahead)
        : made_(count), ready_(count), ahead_(ahead) {}

    /// The next segment for a lane to make; nullopt when there is none left or the run
    /// has stopped. Waits while the lanes are too far ahead of the commits, so finished
    /// segments never pile up.
    std::optional<std::size_t> claim() {
        std::unique_lock lock(mutex_);
        changed_.wait(
            lock, [&] { return stopped_ || next_ >= made_.size() || next_ < committed_ + ahead_; });
        if (stopped_ || next_ >= made_.size())
            return std::nullopt;
        return next_++;
    }

    void done(std::size_t i, std::unique_ptr<SegmentWork> work) {
        const std::scoped_lock lock(mutex_);
        made_[i] = std::move(work);
        ready_[i] = true;
        changed_.notify_all();
    }

    /// Waits for segment `i` (checking for an interrupt now and then) and takes it; false
    /// when the run stopped on an error first.
    bool take(std::size_t i, std::unique_ptr<SegmentWork>& work) {
        constexpr auto kPoll = std::chrono::milliseconds(100);
        std::unique_lock lock(mutex_);
        while (!ready_[i] && !error_) {
            changed_.wait_for(lock, kPoll);
            if (!ready_[i] && !error_) {
                lock.unlock();
                checkInterrupted();
                lock.lock();
            }
        }
        if (!ready_[i])
            return false;
        work = std::move(made_[i]);
        committed_ = i + 1;
        changed_.notify_all();
        return true;
    }

    /// Stops the run, keeping the first error.
    void stop(std::exception_ptr error = nullptr) {
        const std::scoped_lock lock(mutex_);
        if (error && !error_)
            error_ = error;
        stopped_ = true;
        changed_.notify_all();
    }

    [[nodiscard]] bool stopped() {
        const std::scoped_lock lock(mutex_);
        return stopped_;
    }

    [[nodiscard]] std::exception_ptr error() {
        const std::scoped_lock lock(mutex_);
        return error_;
    }

private:
    std::vector<std::unique_ptr<SegmentWork>> made_;
    std::vector<bool> ready_;
    std::size_t ahead_;
    std::size_t next_ = 0;
    std::size_t committed_ = 0;
    bool stopped_ = false;
    std::exception_ptr error_;
    std::mutex mutex_;
    std::condition_variable changed_;
};

/// Stops the lanes on every way out of runSegments, before they are joined.
class StopOnExit {
public:
    explicit StopOnExit(SegmentBoard& board) : board_(board) {}
    StopOnExit(const StopOnExit&) = delete;
    StopOnExit& operator=(const StopOnExit&) = delete;
    StopOnExit(StopOnExit&&) = delete;
    StopOnExit& operator=(StopOnExit&&) = delete;
    ~StopOnExit() { board_.stop(); }

private:
    SegmentBoard& board_;
};

} // namespace

int lanesFor(int cores, std::uint64_t availableBytes, PixelSize size) noexcept {
    constexpr std::uint64_t kBytesPerPixel = 110;
    constexpr std::uint64_t kShared = 300ULL << 20;
    const int most = std::max(1, cores);
    if (availableBytes == 0)
        return most;
    const std::uint64_t lane = kBytesPerPixel *
                               static_cast<std::uint64_t>(std::max(1, size.width)) *
                               static_cast<std::uint64_t>(std::max(1, size.height));
    const std::uint64_t fit = availableBytes > kShared ? (availableBytes - kShared) / lane : 0;
    return static_cast<int>(std::clamp<std::uint64_t>(fit, 1, static_cast<std::uint64_t>(most)));
}

int threadCount(int requested, PixelSize size) noexcept {
    if (requested > 0)
        return requested;
    return lanesFor(static_cast<int>(std::thread::hardware_concurrency()), availableMemory(), size);
}

void runSegments(const FrameJob& job, CanvasFactory& canvases, const DrawFrame& draw,
                 const OpenSegment& open) {
    const auto spans = segmentsOf(job);
    const auto lanes = std::min(static_cast<std::size_t>(std::max(1, job.lanes)), spans.size());
    if (lanes <= 1) {
        const auto canvas = canvases.raster(job.size);
        for (const auto& span : spans) {
            auto work = open(span.first, span.last);
            makeSegment(span, *canvas, draw, work.get(), {});
            if (work)
                work->commit();
        }
        return;
    }
    // A lane may run one segment ahead of the others, no more: at most 2 x lanes
    // segments are held at once.
    SegmentBoard board(spans.size(), 2 * lanes);
    auto lane = [&] {
        try {
            const auto canvas = canvases.raster(job.size);
            while (const auto i = board.claim()) {
                auto work = open(spans[*i].first, spans[*i].last);
                makeSegment(spans[*i], *canvas, draw, work.get(), [&] { return board.stopped(); });
                board.done(*i, std::move(work));
            }
        } catch (...) {
            board.stop(std::current_exception());
        }
    };
    std::vector<std::jthread> threads;
    threads.reserve(lanes);
    for (std::size_t k = 0; k < lanes; ++k)
        threads.emplace_back(lane);
    const StopOnExit stopOnExit(board);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::unique_ptr<SegmentWork> work;
        if (!board.take(i, work))
            break;
        if (work)
            work->commit();
    }
    if (const auto error = board.error())
        std::rethrow_exception(error);
}

} // namespace mapreel::render
