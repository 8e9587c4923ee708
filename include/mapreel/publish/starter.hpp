// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace mapreel::publish {

/// A small, valid, commented story with the id `id` that renders: the starting point for
/// authors (`mapreel new`).
[[nodiscard]] std::string starterStory(const std::string& id);

} // namespace mapreel::publish
