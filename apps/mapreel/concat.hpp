// SPDX-License-Identifier: MIT
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace mapreel::cli {

/// Options of `mapreel concat CHUNK... -o OUT`.
struct ConcatOptions {
    std::vector<std::string> chunks;
    std::string output;
    bool quiet = false;
};

/// Registers `mapreel concat` on `app`.
CLI::App* addConcatCommand(CLI::App& app, ConcatOptions& options, const std::string& footer);

/// Joins the chunks into one video; returns an exit code (cli::ExitCode). Throws
/// EncodeError or IoError for chunks that cannot be joined or an output that cannot be
/// written.
[[nodiscard]] int runConcat(const ConcatOptions& options);

} // namespace mapreel::cli
