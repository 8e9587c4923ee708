// SPDX-License-Identifier: MIT
#include "mapreel/core/paths.hpp"

#include <filesystem>

namespace mapreel {

std::string resolvePath(const std::string& folder, const std::string& path) {
    // operator/ keeps an absolute right-hand side as it is.
    return (std::filesystem::path(folder) / path).string();
}

} // namespace mapreel
