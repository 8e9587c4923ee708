// SPDX-License-Identifier: MIT
#pragma once

#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/geo/geo.hpp"
#include "mapreel/geo/stored_ops.hpp"
#include "mapreel/story/story.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

/// What the mapreel subcommands share: exit codes, finding the bundled data and web files,
/// loading stories with printed diagnostics, and the interrupt flag.
namespace mapreel::cli {

/// Documented exit codes; 124-127 and 137 are left to `timeout` and the shell.
enum class ExitCode : int {
    Ok = 0,
    Usage = 2,
    InvalidStory = 3,
    DataError = 4,
    OutputError = 5,
    EncodeError = 6,
    Interrupted = 7,
    Internal = 70,
};

[[nodiscard]] inline int code(ExitCode c) {
    return static_cast<int>(c);
}

/// Installs SIGINT/SIGTERM handlers that set the interrupt flag.
void installSignalHandlers();
/// Throws Interrupted once SIGINT or SIGTERM has arrived.
void checkInterrupted();

/// The whole file as bytes; empty when it cannot be read.
[[nodiscard]] std::string readFile(const std::string& path);

/// Prints diagnostics like a compiler; with source lines and carets on a terminal.
void printDiagnostics(const Diagnostics& diags, const std::string& path);

/// The bundled data folder: $MAPREEL_DATA_DIR, next to the executable, or the source tree.
[[nodiscard]] std::string dataDir();

/// The web player's files (player.html, catalogue.html, assets/): $MAPREEL_WEB_DIR,
/// share/mapreel/web of an installed tree, the source tree next to a build folder, or the
/// source tree this binary was built from. Throws DataError when none holds them.
[[nodiscard]] std::string webDir();

/// Loads a story or prints why not (nullptr). Warnings are printed unless quiet.
[[nodiscard]] std::shared_ptr<const story::Story> load(const std::string& path, bool quiet);

/// The language to show a story in: `requested`, or the story's first (English when it names
/// none); nullopt, with the reason printed, when the story is not written in `requested`.
[[nodiscard]] std::optional<std::string> storyLanguage(const story::Story& story,
                                                       const std::string& requested);

/// The adapters behind the geo interfaces, for one timeline.
/// Slow geometry results (clipped layers, country unions) are kept on disk between runs
/// (geo::StoredGeometryOps in the cache folder), unless MAPREEL_NO_CACHE is set.
struct Services {
    adapters::GdalFeatureSource features;
    adapters::ProjFactory projectors;
    adapters::GeosOps ops;
    std::optional<geo::StoredGeometryOps> stored;
    Services() {
        if (const auto folder = geo::cacheFolder())
            stored.emplace(ops, *folder / "geometry");
    }
    geo::Services view() {
        geo::GeometryOps& o = stored ? static_cast<geo::GeometryOps&>(*stored) : ops;
        return {features, projectors, o, dataDir()};
    }
};

/// Parses WIDTHxHEIGHT: even sides from 16 to 8192.
[[nodiscard]] bool parseSize(const std::string& s, int& w, int& h);

/// Frames A:B of a render, A included and B excluded.
struct FrameRange {
    int first = 0;
    int last = 0;
};
/// Parses A:B with 0 <= A < B; nullopt otherwise.
[[nodiscard]] std::optional<FrameRange> parseFrameRange(std::string_view text);

/// Parses LON,LAT in degrees (x = longitude) within [-180, 180] x [-90, 90]; nullopt otherwise.
[[nodiscard]] std::optional<Point> parseLonLat(std::string_view text);

/// Narrative time of a still: a step's settled moment (id or number from 1), a date, or
/// seconds (when >= 0). Throws std::invalid_argument naming what is wrong.
[[nodiscard]] double stillTime(const timeline::Timeline& tl, const std::string& step,
                               const std::string& date, double seconds);

/// Draws a progress bar on stderr.
void progressLine(int done, int total, double elapsed);

} // namespace mapreel::cli
