// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/story/loader.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace mapreel::story::detail {

/// Parses story text into a YAML tree, refusing what would make the parser or the reader
/// run away (nesting past the limit, aliases that expand without bound) and explaining
/// syntax errors by their likeliest cause (a tab, a colon without a space). nullopt, with
/// the problem in `diags`, when the text cannot be read; an empty document is a problem too.
[[nodiscard]] std::optional<YAML::Node> parseStoryYaml(std::string_view text,
                                                       const std::string& path,
                                                       const LoadLimits& limits,
                                                       Diagnostics& diags);

} // namespace mapreel::story::detail
