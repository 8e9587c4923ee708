// SPDX-License-Identifier: MIT
#include "mapreel/core/interrupt.hpp"

#include "mapreel/core/error.hpp"

#include <atomic>

namespace mapreel {

namespace {

// A signal handler can reach only a global; a lock-free atomic is safe to set from one.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<bool> gInterrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

} // namespace

void requestInterrupt() noexcept {
    gInterrupted.store(true);
}

void checkInterrupted() {
    if (gInterrupted.load())
        throw Interrupted();
}

} // namespace mapreel
