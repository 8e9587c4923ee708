// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace mapreel {

/// `path` as read from `folder`: a relative path joined to the folder, an absolute one
/// unchanged. How every file a story names is found (its folder is Story::baseDir).
[[nodiscard]] std::string resolvePath(const std::string& folder, const std::string& path);

} // namespace mapreel
