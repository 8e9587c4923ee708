// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/expected.hpp"
#include "mapreel/core/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mapreel::story {

/// A story id listed in a series, with where it was written.
struct SeriesEntry {
    SourceLoc loc;
    std::string id;
};

/// A series of stories shown together in a site's catalogue, read from `series.yaml`.
struct Series {
    std::string path; ///< the file it was read from
    SourceLoc loc;
    std::string id;
    LocalizedText title;
    LocalizedText description;
    std::vector<SeriesEntry> maps; ///< story ids in catalogue order
};

/// Reads and validates a series file; every problem comes back with file:line:col.
[[nodiscard]] Expected<Series, Diagnostics> loadSeries(const std::string& path);

/// Same as loadSeries for text already in memory; `path` names it in diagnostics.
[[nodiscard]] Expected<Series, Diagnostics> loadSeriesFromText(std::string_view text,
                                                               const std::string& path);

} // namespace mapreel::story
