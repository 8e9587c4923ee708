// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct AVFormatContext;

namespace mapreel::adapters {

/// A chapter of a video being written, on its clock.
struct ChapterMark {
    std::int64_t startMs = 0; ///< milliseconds from the first frame
    std::int64_t endMs = 0;   ///< milliseconds; after startMs
    std::string title;
};

/// Gives `fmt` (an output whose header is not written yet) the chapters `marks`, in order,
/// numbered from 1: Matroska (WebM) forbids a chapter UID of 0, and libav's muxer would
/// otherwise shift every id by one; MP4 stores no ids. Throws EncodeError when out of memory.
void setChapters(AVFormatContext* fmt, const std::vector<ChapterMark>& marks);

} // namespace mapreel::adapters
