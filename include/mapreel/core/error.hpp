// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace mapreel {

/// Root of environment failures (missing file, library error, codec absent). Story mistakes
/// are Diagnostics, never exceptions; bugs are assertions.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A file could not be read or written.
class IoError : public Error {
public:
    using Error::Error;
};

/// Bundled or user data is missing, truncated or corrupt.
class DataError : public Error {
public:
    using Error::Error;
};

/// A coordinate reference system could not be created or used.
class ProjectionError : public Error {
public:
    using Error::Error;
};

/// The video encoder or muxer failed or is unavailable.
class EncodeError : public Error {
public:
    using Error::Error;
};

/// The user asked to stop (SIGINT/SIGTERM).
class Interrupted : public Error {
public:
    Interrupted() : Error("interrupted") {}
};

} // namespace mapreel
