// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/error.hpp"

#include <array>
#include <string>

extern "C" {
#include <libavutil/error.h>
}

namespace mapreel::adapters {

/// libav's text for an error code.
inline std::string avError(int code) {
    std::array<char, AV_ERROR_MAX_STRING_SIZE> buf{};
    av_strerror(code, buf.data(), buf.size());
    return buf.data();
}

/// Throws EncodeError("what: libav's reason") when `code` is a libav error.
inline void check(int code, const std::string& what) {
    if (code < 0)
        throw EncodeError(what + ": " + avError(code));
}

} // namespace mapreel::adapters
