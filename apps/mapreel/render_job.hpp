// SPDX-License-Identifier: MIT
#pragma once

#include "av/video_encoder.hpp"
#include "cli_common.hpp"

#include "mapreel/timeline/timeline.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mapreel::cli {

/// The codec a video file name asks for: `.mp4` H.264, `.webm` VP9, `.gif` GIF; nullopt
/// otherwise.
[[nodiscard]] std::optional<adapters::VideoCodec> codecForPath(const std::string& path);

/// Encoder settings for a video of `w`x`h` at the timeline's rate, by the path's extension.
[[nodiscard]] adapters::VideoSettings videoSettings(const std::string& path, int w, int h, int fps,
                                                    int crf);

/// A video file being written: where (usually an OutputFile's temporary path) and how.
struct VideoTarget {
    std::string path;
    adapters::VideoSettings settings;
};

/// Draws frames [first, last) of `tl` at `w`x`h` once each and encodes every frame into
/// every target, so an MP4 and a WebM cost one rendering pass. Throws EncodeError,
/// Interrupted; the targets are complete when it returns.
void renderVideo(const timeline::Timeline& tl, int w, int h, int first, int last,
                 const std::vector<VideoTarget>& targets, bool showProgress, int threads = 0);

/// Frames [first, last) of chunk `k` of `n` (1-based) of a story of `total` frames cut
/// into whole encoder segments of `segment` frames; nullopt, with the reason in `why`,
/// when there are fewer segments than chunks or k is out of range.
[[nodiscard]] std::optional<FrameRange> chunkFrames(int k, int n, int total, int segment,
                                                    std::string& why);

/// Draws the frame at narrative time `t` at `w`x`h` and writes it as PNG to `path`.
void renderPng(const timeline::Timeline& tl, double t, int w, int h, const std::string& path);

/// Numbered PNG files: `dir/prefix` + the frame number zero-padded to `digits` + `.png`.
struct FramePattern {
    std::string dir;
    std::string prefix;
    int digits = 5;
    [[nodiscard]] std::string name(int frame) const;
};

/// The PNG sequence an output path asks for: a path ending in `/` or naming an existing
/// folder (files 00000.png, 00001.png, ...), or a file name with one `%d` or `%0Nd` and
/// the extension `.png` (frames/map-%04d.png). nullopt for anything else.
[[nodiscard]] std::optional<FramePattern> framePatternForPath(const std::string& path);

/// `path` with `.lang` before its extension (`map.mp4` -> `map.fr.mp4`); a folder gets
/// `.lang` after its name (`frames/` -> `frames.fr/`), and so does the folder of a PNG
/// pattern (`f/map-%04d.png` -> `f.fr/map-%04d.png`; no folder: `fr/map-%04d.png`).
[[nodiscard]] std::string withLanguage(const std::string& path, const std::string& lang);

/// Narrative time (seconds) that `--from`/`--to` text names: a step id or number (its start,
/// or its end for `end`), a date YYYY-MM or YYYY-MM-DD (the moment the map shows it), or
/// seconds (`95`, `95.5` or `1:35`). Throws std::invalid_argument naming the problem.
[[nodiscard]] double resolveTimeArgument(const timeline::Timeline& tl, const std::string& text,
                                         bool end);

/// `cues` cut to the window [from, to) and shifted so that `from` is 0; cues that fall
/// outside vanish.
[[nodiscard]] std::vector<publish::Cue> windowCues(const std::vector<publish::Cue>& cues,
                                                   double from, double to);

/// `mapreel render` as parsed from the command line.
struct RenderOptions {
    std::string story;
    std::string output;
    std::string size;
    std::string frames;
    std::string from;
    std::string to;
    std::string lang;
    std::string dither = "bayer";
    int crf = 20;
    int fps = 0; ///< 0: the story's frame rate (10 for GIF)
    bool narrate = false;
    bool noEmbed = false;
    bool quiet = false;
    bool nullOutput = false;
    int threads = 0;   ///< 0: one per core
    std::string chunk; ///< "K/N": the K-th of N chunks (1-based)
    std::string captions;
    std::string chapters;
    std::string description;
};

/// Registers `mapreel render` on `app`.
CLI::App* addRenderCommand(CLI::App& app, RenderOptions& opts, const std::string& footer);

/// Runs `mapreel render`; returns an exit code (cli::ExitCode). Throws mapreel::Error
/// subclasses for environment failures.
[[nodiscard]] int runRender(const RenderOptions& opts);

} // namespace mapreel::cli
