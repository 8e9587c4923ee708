// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/expected.hpp"
#include "mapreel/story/story.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mapreel::story {

/// Limits that keep the loader bounded on hostile input.
struct LoadLimits {
    std::size_t maxFileBytes = 8U << 20;
    int maxNesting = 48;
    std::size_t maxSteps = 5000;
    std::size_t maxTextBytes = 20000; ///< per text field
    std::size_t maxCoordinates = 200000;
    int maxCanvasSide = 8192;
    double maxStepSeconds = 600;
    /// Images: pixels on a side and in all, so that no small file decodes to gigabytes.
    std::uint64_t maxImageSide = 16384;
    std::uint64_t maxImagePixels = 64'000'000;
};

/// The result of loading: a story and its warnings, or every problem found.
struct Loaded {
    Story story;
    Diagnostics warnings;
};

/// Reads and validates a story file. Never throws on bad content; every problem, not
/// only the first, comes back as a Diagnostic with file:line:col.
[[nodiscard]] Expected<Loaded, Diagnostics> loadStory(const std::string& path,
                                                      const LoadLimits& limits = {});

/// Same as loadStory for text already in memory; `path` names it in diagnostics and
/// anchors relative file paths.
[[nodiscard]] Expected<Loaded, Diagnostics>
loadStoryFromText(std::string_view text, const std::string& path, const LoadLimits& limits = {});

} // namespace mapreel::story
