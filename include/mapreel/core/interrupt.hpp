// SPDX-License-Identifier: MIT
#pragma once

/// The user's request to stop (SIGINT/SIGTERM), seen by every long loop of the library.
namespace mapreel {

/// Asks long-running work to stop at its next checkInterrupted(). Async-signal-safe: a
/// signal handler may call it.
void requestInterrupt() noexcept;

/// Throws Interrupted once requestInterrupt() has been called.
void checkInterrupted();

} // namespace mapreel
