// SPDX-License-Identifier: MIT
#include "mapreel/publish/captions.hpp"

#include "mapreel/core/ui_text.hpp"
#include "mapreel/timeline/clock.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace mapreel::publish {

namespace {

constexpr double kCueGap = 0.001; ///< seconds between consecutive caption cues

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

/// Words [from, to) of a text's word list.
struct WordSpan {
    std::size_t from = 0;
    std::size_t to = 0;
};

std::string join(const std::vector<std::string>& ws, WordSpan span) {
    std::string out;
    for (std::size_t i = span.from; i < span.to; ++i) {
        if (i > span.from)
            out += ' ';
        out += ws[i];
    }
    return out;
}

bool isUpperAscii(char c) {
    return c >= 'A' && c <= 'Z';
}

/// Whether ws[i] ends a sentence, judged with the word after it (if any). Initials and
/// common abbreviations ("E.", "Gen.", "U.S.") do not.
bool endsSentence(const std::vector<std::string>& ws, std::size_t i) {
    static const std::string kNone;
    const std::string& next = i + 1 < ws.size() ? ws[i + 1] : kNone;
    std::string w = ws[i];
    // Closing quotes and brackets after the stop: `said "go."`, `(1950).`
    while (!w.empty() && (w.back() == '"' || w.back() == '\'' || w.back() == ')'))
        w.pop_back();
    if (w.size() >= 3 && (w.ends_with("\xE2\x80\x9D") || w.ends_with("\xE2\x80\x99")))
        w.resize(w.size() - 3);
    if (w.empty())
        return false;
    const char last = w.back();
    if (last != '.' && last != '!' && last != '?')
        return false;
    if (next.empty())
        return true;
    if (last == '.') {
        const std::string stem = w.substr(0, w.size() - 1);
        if (stem.size() == 1 && isUpperAscii(stem[0]))
            return false; // an initial: "Roy E. Appleman"
        if (stem.find('.') != std::string::npos)
            return false; // "U.S.", "e.g."
        static const std::array<std::string_view, 16> kAbbreviations = {
            "Mr",  "Mrs",  "Ms",  "Dr",  "St", "Gen", "Col", "Lt",
            "Maj", "Capt", "Sgt", "Adm", "No", "vs",  "cf",  "approx"};
        if (std::find(kAbbreviations.begin(), kAbbreviations.end(), stem) != kAbbreviations.end())
            return false;
    }
    // The next sentence starts with a capital, a digit, a quote or a non-ASCII letter.
    const auto first = static_cast<unsigned char>(next[0]);
    return isUpperAscii(next[0]) || (first >= '0' && first <= '9') || next[0] == '"' ||
           next[0] == '\'' || next[0] == '(' || first >= 0x80;
}

/// How much worse a break after `word` reads than one after a comma: nothing after
/// punctuation, more after a word that leads into the next ("the", "of", "and").
std::size_t breakPenalty(const std::string& word, std::size_t unit) {
    if (word.empty())
        return 0;
    const char last = word.back();
    if (last == ',' || last == ';' || last == ':' || last == '.' || last == ')' ||
        word.ends_with("\xE2\x80\x94")) // em dash
        return 0;
    static const std::array<std::string_view, 18> kLeading = {
        "a",   "an",  "the", "of",   "to",   "in",  "on",  "at",  "by",
        "for", "and", "or",  "with", "from", "his", "her", "its", "their"};
    const bool leading =
        std::find(kLeading.begin(), kLeading.end(), std::string_view{word}) != kLeading.end();
    return leading ? 2 * unit : unit;
}

/// Splits the words of `span` into the fewest runs for which `fits` holds and, among those,
/// the runs whose longest plus the penalties of their breaks is least: balanced lines and
/// cues that break at punctuation when they can.
template <class Fits>
std::vector<std::size_t> balancedBreaks(const std::vector<std::string>& ws,
                                        const std::vector<std::size_t>& lengths, WordSpan span,
                                        std::size_t penaltyUnit, Fits fits) {
    const std::size_t from = span.from;
    const std::size_t n = span.to - span.from;
    struct Best {
        std::size_t count = std::numeric_limits<std::size_t>::max();
        std::size_t longest = 0;
        std::size_t penalty = 0;
        std::size_t previous = 0;
    };
    // Built by push_back rather than sized construction: GCC 12 reports a false null
    // dereference for `best[0]` after `vector(n + 1)`.
    std::vector<Best> best;
    best.reserve(n + 1);
    best.push_back(Best{0, 0, 0, 0});
    best.resize(n + 1);
    for (std::size_t j = 1; j <= n; ++j) {
        const std::size_t here = j < n ? breakPenalty(ws[from + j - 1], penaltyUnit) : 0;
        std::size_t length = 0;
        for (std::size_t i = j; i-- > 0;) {
            length += lengths[from + i] + (i + 1 < j ? 1 : 0);
            if (i + 1 < j && !fits(WordSpan{from + i, from + j}, length))
                break; // longer runs only get worse
            if (best[i].count == std::numeric_limits<std::size_t>::max())
                continue;
            const Best candidate{best[i].count + 1, std::max(best[i].longest, length),
                                 best[i].penalty + here, i};
            const std::size_t score = candidate.longest + candidate.penalty;
            if (candidate.count < best[j].count ||
                (candidate.count == best[j].count && score < best[j].longest + best[j].penalty))
                best[j] = candidate;
        }
    }
    std::vector<std::size_t> breaks; // run starts, relative to `from`
    for (std::size_t j = n; j > 0; j = best[j].previous)
        breaks.push_back(best[j].previous);
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

/// Lays the words of `span` out as balanced lines of at most `maxLineChars` each.
std::vector<std::string> layoutLines(const std::vector<std::string>& ws,
                                     const std::vector<std::size_t>& lengths, WordSpan span,
                                     std::size_t maxLineChars) {
    const auto breaks = balancedBreaks(
        ws, lengths, span, 8, [&](WordSpan, std::size_t length) { return length <= maxLineChars; });
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < breaks.size(); ++k) {
        const std::size_t a = span.from + breaks[k];
        const std::size_t b = k + 1 < breaks.size() ? span.from + breaks[k + 1] : span.to;
        lines.push_back(join(ws, {a, b}));
    }
    return lines;
}

/// The fewest lines of at most `maxLineChars` that hold the words of `span`.
std::size_t lineCount(const std::vector<std::size_t>& lengths, WordSpan span,
                      std::size_t maxLineChars) {
    // Greedy filling gives the fewest lines.
    std::size_t lines = 0;
    std::size_t current = 0;
    for (std::size_t i = span.from; i < span.to; ++i) {
        if (lines == 0 || current + 1 + lengths[i] > maxLineChars) {
            ++lines;
            current = lengths[i];
        } else {
            current += 1 + lengths[i];
        }
    }
    return lines;
}

/// A cue's worth of text before timing: its words, laid out in lines.
struct Chunk {
    std::vector<std::string> lines;
    std::size_t words = 0;
};

std::vector<Chunk> chunks(std::string_view text, const CaptionLayout& layout) {
    const auto ws = words(text);
    std::vector<std::size_t> lengths;
    lengths.reserve(ws.size());
    for (const auto& w : ws)
        lengths.push_back(displayLength(w));
    const std::size_t maxLines = std::max<std::size_t>(1, layout.maxLines);
    const std::size_t lineChars = std::max<std::size_t>(1, layout.maxLineChars);
    auto fitsCue = [&](WordSpan span, std::size_t) {
        return lineCount(lengths, span, lineChars) <= maxLines;
    };

    // Sentences as word ranges.
    std::vector<WordSpan> sentences;
    std::size_t start = 0;
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (endsSentence(ws, i)) {
            sentences.push_back({start, i + 1});
            start = i + 1;
        }
    }
    if (start < ws.size())
        sentences.push_back({start, ws.size()});

    // Word ranges of the cues: whole sentences share a cue while they fit; a sentence too
    // long for one cue is cut into balanced parts.
    // Cue ranges follow each other, so the previous cue always ends at word a - 1.
    std::vector<WordSpan> ranges;
    for (const auto& sentence : sentences) {
        const std::size_t a = sentence.from;
        const std::size_t b = sentence.to;
        if (!ranges.empty() && fitsCue({ranges.back().from, b}, 0) && endsSentence(ws, a - 1)) {
            ranges.back().to = b;
            continue;
        }
        const auto breaks = balancedBreaks(ws, lengths, sentence, 20, fitsCue);
        for (std::size_t k = 0; k < breaks.size(); ++k)
            ranges.push_back({a + breaks[k], k + 1 < breaks.size() ? a + breaks[k + 1] : b});
    }

    std::vector<Chunk> out;
    out.reserve(ranges.size());
    for (const auto& range : ranges)
        out.push_back({layoutLines(ws, lengths, range, lineChars), range.to - range.from});
    return out;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        if (!out.empty())
            out += '\n';
        out += l;
    }
    return out;
}

/// Joins the two neighbouring chunks with the fewest words; the result may exceed the
/// line limit, which only happens when a step is too short for its narration.
void mergeSmallestPair(std::vector<Chunk>& cs, std::size_t maxLineChars) {
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < cs.size(); ++i)
        if (cs[i].words + cs[i + 1].words < cs[best].words + cs[best + 1].words)
            best = i;
    std::vector<std::string> ws;
    for (const auto* c : {&cs[best], &cs[best + 1]})
        for (const auto& line : c->lines)
            for (auto& w : words(line))
                ws.push_back(std::move(w));
    std::vector<std::size_t> lengths;
    lengths.reserve(ws.size());
    for (const auto& w : ws)
        lengths.push_back(displayLength(w));
    cs[best] = {layoutLines(ws, lengths, {0, ws.size()}, maxLineChars),
                cs[best].words + cs[best + 1].words};
    cs.erase(cs.begin() + static_cast<std::ptrdiff_t>(best) + 1);
}

/// Splits `total` into durations proportional to `weights`, none below `minimum`
/// (requires weights.size() * minimum <= total).
std::vector<double> proportional(double total, const std::vector<double>& weights, double minimum) {
    const std::size_t n = weights.size();
    std::vector<double> out(n, 0.0);
    std::vector<bool> pinned(n, false);
    while (true) {
        double freeWeight = 0;
        double freeTime = total;
        for (std::size_t i = 0; i < n; ++i) {
            if (pinned[i])
                freeTime -= minimum;
            else
                freeWeight += weights[i];
        }
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (pinned[i]) {
                out[i] = minimum;
                continue;
            }
            out[i] = freeWeight > 0 ? freeTime * weights[i] / freeWeight : freeTime;
            if (out[i] < minimum) {
                pinned[i] = true;
                changed = true;
            }
        }
        if (!changed)
            return out;
    }
}

std::string collapseSpaces(std::string_view text) {
    const auto ws = words(text);
    return join(ws, {0, ws.size()});
}

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

} // namespace

std::size_t displayLength(std::string_view text) noexcept {
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U)
            ++n;
    return n;
}

std::vector<std::string> splitCaptionText(std::string_view text, const CaptionLayout& layout) {
    std::vector<std::string> out;
    for (const auto& c : chunks(text, layout))
        out.push_back(joinLines(c.lines));
    return out;
}

std::vector<Cue> captionCues(const story::Story& story, const std::string& lang,
                             const CaptionLayout& layout) {
    return spokenCaptionCues(story, lang, {}, layout);
}

namespace {

/// Byte offsets of the words of `text`, split as words() splits it.
std::vector<std::size_t> wordStarts(std::string_view text) {
    std::vector<std::size_t> out;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool space =
            c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
        if (!space && !inWord)
            out.push_back(i);
        inWord = !space;
    }
    return out;
}

/// Seconds at which the word at byte `offset` is heard: the last word time at or before it.
std::optional<double> heardAt(const std::vector<WordTime>& words, std::size_t offset) {
    std::optional<double> at;
    for (const auto& w : words) {
        if (w.offset > offset)
            break;
        at = w.seconds;
    }
    return at;
}

} // namespace

std::vector<Cue> spokenCaptionCues(const story::Story& story, const std::string& lang,
                                   const std::vector<std::optional<Spoken>>& spoken,
                                   const CaptionLayout& layout) {
    const timeline::Clock clock(story, lang);
    const auto& spans = clock.steps();
    const double videoEnd = clock.videoSeconds();
    std::vector<Cue> cues;
    for (std::size_t s = 0; s < story.steps.size(); ++s) {
        const std::string text = story.steps[s].narration.get(lang);
        auto cs = chunks(text, layout);
        if (cs.empty())
            continue;
        const Spoken* voice = s < spoken.size() && spoken[s] ? &*spoken[s] : nullptr;
        // The cues share the time the voice is heard, else the whole step.
        const double stepStart = spans[s].start;
        const double stepEnd = spans[s].end();
        double from = stepStart;
        double to = stepEnd;
        if (voice) {
            from = std::clamp(stepStart + voice->start, stepStart, stepEnd);
            to = std::clamp(stepStart + voice->end, from, stepEnd);
            if (static_cast<double>(cs.size()) * layout.minCueSeconds > to - from + 1e-9)
                to = stepEnd; // too short a voice for its cues: use the pause after it too
        }
        while (cs.size() > 1 &&
               static_cast<double>(cs.size()) * layout.minCueSeconds > to - from + 1e-9)
            mergeSmallestPair(cs, std::max<std::size_t>(1, layout.maxLineChars));
        std::vector<double> weights;
        weights.reserve(cs.size());
        for (const auto& c : cs)
            weights.push_back(static_cast<double>(std::max<std::size_t>(1, c.words)));
        const auto durations = proportional(to - from, weights, layout.minCueSeconds);
        // Cue starts: in proportion to words, or when the cue's first word is heard.
        std::vector<double> starts;
        starts.reserve(cs.size());
        const auto offsets =
            voice && !voice->words.empty() ? wordStarts(text) : std::vector<std::size_t>{};
        double t = from;
        std::size_t word = 0;
        for (std::size_t i = 0; i < cs.size(); ++i) {
            double start = i == 0 ? stepStart : t;
            if (i > 0 && word < offsets.size())
                if (const auto heard = heardAt(voice->words, offsets[word]))
                    start = stepStart + *heard;
            if (i > 0)
                start = std::clamp(start, starts.back() + layout.minCueSeconds / 2,
                                   std::max(starts.back() + layout.minCueSeconds / 2,
                                            stepEnd - layout.minCueSeconds / 2));
            starts.push_back(start);
            t += durations[i];
            word += cs[i].words;
        }
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const double end = i + 1 == cs.size() ? stepEnd : starts[i + 1];
            Cue cue{starts[i], std::min(end, videoEnd), joinLines(cs[i].lines), {}};
            if (cue.end > cue.start)
                cues.push_back(std::move(cue));
        }
    }
    // Browsers treat a cue's end as inclusive: at the exact start of the next cue (where
    // the player seeks for a step) both would show. A millisecond apart they never meet.
    for (std::size_t i = 0; i + 1 < cues.size(); ++i)
        if (cues[i].end > cues[i + 1].start - kCueGap)
            cues[i].end = std::max(cues[i].start, cues[i + 1].start - kCueGap);
    return cues;
}

std::vector<Cue> chapterCues(const story::Story& story, const std::string& lang) {
    const timeline::Clock clock(story, lang);
    const auto& spans = clock.steps();
    const double videoEnd = clock.videoSeconds();
    std::vector<Cue> cues;
    for (std::size_t s = 0; s < story.steps.size(); ++s) {
        const auto& step = story.steps[s];
        std::string title = collapseSpaces(step.title.get(lang));
        if (title.empty())
            title = uiText("stepN", lang, {{"n", std::to_string(s + 1)}});
        const double end = std::min(spans[s].end(), videoEnd);
        if (end > spans[s].start)
            cues.push_back({spans[s].start, end, title, step.id});
    }
    return cues;
}

std::vector<Cue> mergeShortChapters(std::vector<Cue> chapters, double minSeconds) {
    std::vector<Cue> out;
    for (auto& c : chapters) {
        if (!out.empty() && out.back().end - out.back().start < minSeconds)
            out.back().end = c.end;
        else
            out.push_back(std::move(c));
    }
    if (out.size() > 1 && out.back().end - out.back().start < minSeconds) {
        out[out.size() - 2].end = out.back().end;
        out.pop_back();
    }
    return out;
}

namespace {

/// `value` (not negative) in decimal, zero-padded to at least `Width` digits.
template <std::size_t Width> std::string padded(long long value) {
    std::string digits = std::to_string(value);
    if (digits.size() < Width)
        digits.insert(0, Width - digits.size(), '0');
    return digits;
}

} // namespace

std::string vttTimestamp(double seconds) {
    const long long ms = std::llround(std::max(0.0, seconds) * 1000.0);
    return padded<2>(ms / 3600000) + ':' + padded<2>(ms / 60000 % 60) + ':' +
           padded<2>(ms / 1000 % 60) + '.' + padded<3>(ms % 1000);
}

std::string clockTimestamp(double seconds) {
    // Rounded down (with a little slack for float error) so a mark never points past the
    // start of what it names.
    const long long s = static_cast<long long>(std::floor(std::max(0.0, seconds) + 1e-6));
    if (s >= 3600)
        return std::to_string(s / 3600) + ':' + padded<2>(s / 60 % 60) + ':' + padded<2>(s % 60);
    return std::to_string(s / 60) + ':' + padded<2>(s % 60);
}

std::string toWebVtt(const std::vector<Cue>& cues) {
    std::string out = "WEBVTT\n";
    for (const auto& c : cues) {
        out += '\n';
        if (!c.id.empty())
            out += collapseSpaces(c.id) + '\n';
        out += vttTimestamp(c.start) + " --> " + vttTimestamp(c.end) + '\n';
        const std::string& text = c.text;
        // A blank line would end the cue early; the escapes keep text from reading as tags.
        std::string cleaned;
        std::size_t lineStart = 0;
        while (lineStart <= text.size()) {
            std::size_t lineEnd = text.find('\n', lineStart);
            if (lineEnd == std::string::npos)
                lineEnd = text.size();
            const std::string line = collapseSpaces(text.substr(lineStart, lineEnd - lineStart));
            if (!line.empty()) {
                if (!cleaned.empty())
                    cleaned += '\n';
                cleaned += line;
            }
            lineStart = lineEnd + 1;
        }
        replaceAll(cleaned, "&", "&amp;");
        replaceAll(cleaned, "<", "&lt;");
        replaceAll(cleaned, ">", "&gt;");
        out += cleaned + '\n';
    }
    return out;
}

std::string citation(const story::Source& s) {
    std::string out;
    auto sentence = [&](std::string part) {
        part = collapseSpaces(part);
        if (part.empty())
            return;
        if (!out.empty())
            out += ' ';
        out += part;
        if (out.back() != '.' && out.back() != '?' && out.back() != '!')
            out += '.';
    };
    const std::string year = s.year.empty() ? std::string{} : " (" + s.year + ")";
    if (!s.author.empty()) {
        sentence(s.author + year);
        sentence(s.title);
    } else {
        sentence(s.title + year);
    }
    sentence(s.publisher);
    if (!s.url.empty())
        out += (out.empty() ? "" : " ") + s.url;
    if (out.empty())
        out = s.id;
    return out;
}

std::string videoDescription(const story::Story& story, const std::string& lang,
                             double minChapterSeconds) {
    return videoDescription(story, lang, chapterCues(story, lang), minChapterSeconds);
}

std::string videoDescription(const story::Story& story, const std::string& lang,
                             const std::vector<Cue>& chapters, double minChapterSeconds) {
    std::string out;
    auto line = [&](std::string_view text) {
        out += collapseSpaces(text);
        out += '\n';
    };
    line(story.title.get(lang));
    if (!story.subtitle.get(lang).empty())
        line(story.subtitle.get(lang));
    out += '\n';
    for (const auto& c : mergeShortChapters(chapters, minChapterSeconds))
        line(clockTimestamp(c.start) + " " + c.text);
    if (!story.credits.get(lang).empty()) {
        out += '\n';
        line(story.credits.get(lang));
    }
    if (!story.licence.empty())
        line(uiText("licenceIs", lang, {{"licence", story.licence}}));
    if (!story.sources.empty()) {
        out += '\n';
        out += uiText("sources", lang);
        out += ":\n";
        for (const auto& s : story.sources)
            line("- " + citation(s));
    }
    // YouTube refuses descriptions containing angle brackets.
    replaceAll(out, "<", "\xE2\x80\xB9");
    replaceAll(out, ">", "\xE2\x80\xBA");
    return out;
}

} // namespace mapreel::publish
