// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/story/story.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Story -> text published beside the video: WebVTT captions and chapters, and a video
/// description with chapter timestamps. Pure: timing comes from the narrative clock
/// (timeline::Clock), so nothing here loads map data.
namespace mapreel::publish {

/// One timed text on the narrative clock.
struct Cue {
    double start = 0; ///< seconds from the start of the video
    double end = 0;   ///< seconds; greater than start
    std::string text; ///< plain text; lines separated by '\n'
    std::string id;   ///< optional cue identifier (chapters use the step id)
    bool operator==(const Cue&) const = default;
};

/// How caption text is cut into cues; the defaults follow common broadcast practice.
struct CaptionLayout {
    std::size_t maxLineChars = 42; ///< characters (code points) per line
    std::size_t maxLines = 2;      ///< lines per cue
    double minCueSeconds = 1.0;    ///< no cue is shorter, unless its whole step is
};

/// Number of code points in UTF-8 `text`.
[[nodiscard]] std::size_t displayLength(std::string_view text) noexcept;

/// Cuts `text` (any whitespace) into the texts of successive cues: whole sentences that fit
/// together share a cue, a longer sentence is split into balanced parts, and each cue's
/// lines are balanced. A single word longer than a line stays whole on its own line.
[[nodiscard]] std::vector<std::string> splitCaptionText(std::string_view text,
                                                        const CaptionLayout& layout = {});

/// Caption cues for every step's narration in `lang`, spread over the step in proportion
/// to their words; steps without narration have none. Each cue ends 1 ms before the next
/// starts, since browsers show a cue at its end time too.
[[nodiscard]] std::vector<Cue> captionCues(const story::Story& story, const std::string& lang,
                                           const CaptionLayout& layout = {});

/// A word of narration as heard: where it starts in the narration text and when.
struct WordTime {
    std::size_t offset = 0; ///< byte offset of the word in the step's narration
    double seconds = 0;     ///< from the start of the step
    bool operator==(const WordTime&) const = default;
};

/// When a step's narration is heard (recorded or synthesised), relative to the step's start.
struct Spoken {
    double start = 0;            ///< seconds; the voice begins
    double end = 0;              ///< seconds; the voice ends (may exceed the step's length)
    std::vector<WordTime> words; ///< word starts, in text order; empty when unknown
    bool operator==(const Spoken&) const = default;
};

/// Caption cues that follow the voice: a step with `spoken[i]` spreads its cues over the
/// time the voice is heard, each cue starting when its first word is spoken where word
/// times are known (in proportion to words otherwise); its last cue lasts to the step's
/// end. Steps without a voice (or beyond `spoken`) are timed as by captionCues().
[[nodiscard]] std::vector<Cue> spokenCaptionCues(const story::Story& story, const std::string& lang,
                                                 const std::vector<std::optional<Spoken>>& spoken,
                                                 const CaptionLayout& layout = {});

/// One chapter per step, titled by the step's title in `lang`, identified by the step id.
[[nodiscard]] std::vector<Cue> chapterCues(const story::Story& story, const std::string& lang);

/// Joins neighbouring chapters until each lasts at least `minSeconds` (a short chapter joins
/// the next one, a short last chapter the one before); a joined chapter keeps its first title.
[[nodiscard]] std::vector<Cue> mergeShortChapters(std::vector<Cue> chapters, double minSeconds);

/// `HH:MM:SS.mmm`, the WebVTT timestamp form.
[[nodiscard]] std::string vttTimestamp(double seconds);

/// `M:SS`, or `H:MM:SS` from an hour on, the form video sites read as chapter marks.
[[nodiscard]] std::string clockTimestamp(double seconds);

/// A complete WebVTT file. Text is escaped (`&`, `<`, `>`) so it can never read as markup.
[[nodiscard]] std::string toWebVtt(const std::vector<Cue>& cues);

/// One line citing a source: `Author (Year). Title. Publisher. URL`.
[[nodiscard]] std::string citation(const story::Source& source);

/// A plain-text video description: title, subtitle, chapter timestamps (first at 0:00, each
/// chapter at least `minChapterSeconds`), credits, licence and sources. Angle brackets are
/// replaced because video sites reject them in descriptions.
[[nodiscard]] std::string videoDescription(const story::Story& story, const std::string& lang,
                                           double minChapterSeconds = 10.0);

/// The same with the chapters given (a partial render's, shifted to its start).
[[nodiscard]] std::string videoDescription(const story::Story& story, const std::string& lang,
                                           const std::vector<Cue>& chapters,
                                           double minChapterSeconds = 10.0);

} // namespace mapreel::publish
