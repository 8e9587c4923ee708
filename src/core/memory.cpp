// SPDX-License-Identifier: MIT
#include "mapreel/core/memory.hpp"

#include <algorithm>
#include <fstream>
#include <string>

namespace mapreel {

namespace {

/// The first number in the file, or 0 when it has none ("max" for a control group without
/// a limit).
std::uint64_t numberIn(const char* path) {
    std::ifstream in(path);
    std::uint64_t v = 0;
    return in >> v ? v : 0;
}

} // namespace

std::uint64_t availableMemory() noexcept {
    try {
        std::uint64_t available = 0;
        std::ifstream meminfo("/proc/meminfo");
        std::string key;
        std::uint64_t kib = 0;
        std::string unit;
        while (meminfo >> key >> kib) {
            std::getline(meminfo, unit);
            if (key == "MemAvailable:") {
                available = kib * 1024;
                break;
            }
        }
        // cgroup v2: the limit of this process's group, less what the group uses.
        const std::uint64_t limit = numberIn("/sys/fs/cgroup/memory.max");
        if (limit > 0) {
            const std::uint64_t used = numberIn("/sys/fs/cgroup/memory.current");
            const std::uint64_t left = limit > used ? limit - used : 0;
            available = available == 0 ? left : std::min(available, left);
        }
        return available;
    } catch (...) {
        return 0;
    }
}

} // namespace mapreel
