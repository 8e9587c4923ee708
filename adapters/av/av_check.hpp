// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/error.hpp"

#include <array>
#include <cerrno>
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

/// Throws for a failed write to `path`: IoError naming the file when the file system
/// refused it (full disk, quota, read-only, I/O error), EncodeError otherwise.
inline void checkWrite(int code, const std::string& path) {
    if (code >= 0)
        return;
    for (int e : {ENOSPC, EDQUOT, EFBIG, EROFS, EIO, EACCES, EPERM})
        if (code == AVERROR(e))
            throw IoError("cannot write '" + path + "': " + avError(code));
    throw EncodeError("cannot write '" + path + "': " + avError(code));
}

} // namespace mapreel::adapters
