// SPDX-License-Identifier: MIT
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace mapreel::cli {

/// Options of `mapreel site DIR -o OUT`.
struct SiteOptions {
    std::string dir;                ///< where the stories and series.yaml files are
    std::string out;                ///< the site folder to write
    std::string sizeText;           ///< WIDTHxHEIGHT; empty: the canvas fitted into 1280x720
    int crf = 20;                   ///< x264 CRF scale
    bool webm = false;              ///< also write video.webm (VP9)
    std::vector<std::string> langs; ///< only these languages; empty: every story language
    std::string title;              ///< the catalogue's heading; empty: "Maps", translated
    std::string baseUrl;            ///< public address of OUT, for embed codes
    bool quiet = false;
};

/// Registers the `site` subcommand on `app`, filling `options`.
CLI::App* addSiteCommand(CLI::App& app, SiteOptions& options);

/// Builds the static site; returns an exit code (cli::ExitCode). Throws mapreel::Error
/// subclasses for environment failures, like the other commands.
[[nodiscard]] int runSite(const SiteOptions& options);

} // namespace mapreel::cli
