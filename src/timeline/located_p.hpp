// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/error.hpp"

#include <string>

namespace mapreel::timeline::detail {

/// A DataError that already names the story line that led to it.
class LocatedDataError : public DataError {
public:
    using DataError::DataError;
};

/// `build()`, with a DataError from it (a data file that cannot be read, geometry GEOS
/// refuses) prefixed with the story's `file:line:col` at `loc`, and naming the data `file`
/// when its message does not. The innermost located node wins.
template <typename Build> auto located(const SourceLoc& loc, const std::string& file, Build build) {
    try {
        return build();
    } catch (const LocatedDataError&) {
        throw;
    } catch (const DataError& e) {
        if (loc.line <= 0)
            throw;
        std::string message = e.what();
        if (!file.empty() && message.find(file) == std::string::npos)
            message = "data file '" + file + "': " + message;
        throw LocatedDataError(loc.file + ":" + std::to_string(loc.line) + ":" +
                               std::to_string(loc.column) + ": " + message);
    }
}

} // namespace mapreel::timeline::detail
