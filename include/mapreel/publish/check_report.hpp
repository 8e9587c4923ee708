// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/publish/json.hpp"
#include "mapreel/story/story.hpp"
#include "mapreel/timeline/facts.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <string>
#include <vector>

/// What `mapreel check` reports: the verdict on every fact, as text and as JSON.
namespace mapreel::publish {

/// The facts of the timeline's story checked against its map; an error for each fact the
/// map contradicts is added to `problems`.
[[nodiscard]] std::vector<timeline::FactVerdict> verifyFacts(const timeline::Timeline& tl,
                                                             Diagnostics& problems);

/// The verdict of every fact, one line each (`  ok    line 12: ...`), for `check --facts`.
[[nodiscard]] std::string factLines(const std::vector<timeline::FactVerdict>& verdicts);

/// One story's result for `check --json`: path, health, length (when `story` is not null),
/// problems and facts.
void writeCheckJson(JsonWriter& j, const std::string& path, const story::Story* story,
                    const Diagnostics& problems,
                    const std::vector<timeline::FactVerdict>& verdicts);

} // namespace mapreel::publish
