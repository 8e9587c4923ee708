// SPDX-License-Identifier: MIT
#pragma once

#include "factories/install_paths.hpp"

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/size.hpp"
#include "mapreel/story/story.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

/// What the mapreel commands share: exit codes, finding the bundled data and web files,
/// loading stories with printed diagnostics. Each command lives in its own file.
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

/// The help text's list of exit codes.
inline constexpr const char* kExitCodes = R"(Exit codes:
  0  success
  2  bad command-line usage
  3  the story has errors (printed as file:line:col)
  4  a data file is missing, unreadable or corrupt, or a projection is invalid
  5  an output file cannot be written
  6  the video encoder failed or is unavailable
  7  interrupted (SIGINT/SIGTERM); earlier outputs are left untouched
)";

/// --size `text` (`fallback` when empty); nullopt, with the problem printed, when malformed.
[[nodiscard]] std::optional<PixelSize> sizeOption(const std::string& text, PixelSize fallback);

/// Prints diagnostics like a compiler; with source lines and carets on a terminal.
void printDiagnostics(const Diagnostics& diags, const std::string& path);

using adapters::dataDir;
using adapters::webDir;

/// Loads a story or prints why not (nullptr). Warnings are printed unless quiet.
[[nodiscard]] std::shared_ptr<const story::Story> load(const std::string& path, bool quiet);

/// The one story file a command reads, as its required first argument.
void addStoryArgument(CLI::App& cmd, std::string& story);
/// The language to show `story` in: `requested`, else its first (with a warning naming both
/// when the story is not written in `requested`); nullopt, with the reason printed, for
/// `all`.
[[nodiscard]] std::optional<std::string> storyLanguage(const story::Story& story,
                                                       const std::string& requested);

/// `--narration-card on|off` on `cmd`, stored in `value` ("" when not given).
void addNarrationCardOption(CLI::App& cmd, std::string& value, const std::string& defaultText);
/// `story` with its narration card chosen: `flag` ("on" or "off") when given, else the
/// story's `canvas: narration-card`, else `fallback` (on for videos, off for the site).
[[nodiscard]] std::shared_ptr<const story::Story>
withNarrationCard(std::shared_ptr<const story::Story> story, const std::string& flag,
                  bool fallback);

/// Whether an output may be made from `tl`: every fact holds, or `allowFailing`. Prints the
/// failing facts (and how to go on anyway) when it may not.
[[nodiscard]] bool factsAllowOutput(const timeline::Timeline& tl, bool allowFailing);
inline constexpr const char* kAllowFailingFacts =
    "Make the output even when the map contradicts some of the story's facts";

/// A progress bar on stderr (redrawn every tenth frame, ended after the last), or nothing
/// when quiet or stderr is not a terminal.
[[nodiscard]] std::function<void(int done, int total, double seconds)> progressBar(bool quiet);

/// A registered subcommand and what runs it once parsed.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

Command addRender(CLI::App& app);
Command addStill(CLI::App& app);
Command addHandout(CLI::App& app);
Command addConcat(CLI::App& app);
Command addCheck(CLI::App& app);
Command addProbe(CLI::App& app);
Command addNew(CLI::App& app);
Command addSite(CLI::App& app);
Command addPreview(CLI::App& app);
Command addPrepare(CLI::App& app);

} // namespace mapreel::cli
