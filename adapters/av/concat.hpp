// SPDX-License-Identifier: MIT
#pragma once

#include "video_encoder.hpp"

#include <string>
#include <vector>

namespace mapreel::adapters {

/// Joins chunk videos of one story into `output` without re-encoding. The chunks may be
/// given in any order; they are sorted by the frames they hold, which must follow one
/// another without a gap or an overlap. Video, narration and caption packets are copied
/// with their times shifted, and chapters cut at chunk boundaries are merged again.
/// Returns the frames the joined file holds. Throws EncodeError naming the file when a
/// chunk cannot be read, is not a mapreel chunk, or does not fit with the others (other
/// streams, size, codec settings or story length).
ChunkInfo concatVideos(const std::vector<std::string>& inputs, const std::string& output);

} // namespace mapreel::adapters
