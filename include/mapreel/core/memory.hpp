// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace mapreel {

/// The memory this process can still take without the system swapping, in bytes: the
/// kernel's MemAvailable, less where a control group (a container's limit) allows less;
/// 0 when the system does not say (not Linux).
[[nodiscard]] std::uint64_t availableMemory() noexcept;

} // namespace mapreel
