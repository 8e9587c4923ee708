// SPDX-License-Identifier: MIT
#include "mapreel/publish/narration.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/interrupt.hpp"
#include "mapreel/core/paths.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::publish {

namespace {

/// Each step's voice in `lang`.
std::vector<std::optional<StepVoice>> stepVoices(const story::Story& story, const std::string& lang,
                                                 bool synthesise, VoiceSource& source,
                                                 const std::function<void()>& onSpeaking) {
    std::vector<std::optional<StepVoice>> voices(story.steps.size());
    const bool firstLanguage = story.languages.empty() || story.defaultLanguage() == lang;
    bool speaking = false;
    const auto wpm = static_cast<int>(std::clamp(story.canvas.readingWpm * 1.1, 80.0, 400.0));
    for (std::size_t i = 0; i < story.steps.size(); ++i) {
        checkInterrupted();
        const auto& step = story.steps[i];
        if (!step.audio.empty() && firstLanguage) {
            const auto file = resolvePath(story.baseDir, step.audio);
            try {
                voices[i] = StepVoice{source.decode(file), {}};
            } catch (const DataError& e) {
                throw DataError(story.path + ":" + std::to_string(step.loc.line) + ":" +
                                std::to_string(step.loc.column) + ": step '" + step.id +
                                "': " + e.what() +
                                " (use any format FFmpeg reads: WAV, MP3, "
                                "Ogg, FLAC, M4A)");
            }
            continue;
        }
        const std::string text = step.narration.get(lang);
        if (!synthesise || text.find_first_not_of(" \t\r\n") == std::string::npos)
            continue;
        if (!speaking) {
            source.startSpeaking(lang);
            speaking = true;
            if (onSpeaking)
                onSpeaking();
        }
        StepVoice v = source.speak(text, wpm);
        // Synthesised speech is quiet; bring its peak to -1 dBFS like recorded narration.
        float peak = 0;
        for (const float s : v.samples)
            peak = std::max(peak, std::abs(s));
        if (peak > 0.01F)
            for (float& s : v.samples)
                s *= 0.89F / peak;
        voices[i] = std::move(v);
    }
    return voices;
}

} // namespace

std::vector<std::string> renderLanguages(const story::Story& story, const std::string& requested,
                                         std::string& warning) {
    const auto& langs = story.languages;
    if (requested == "all")
        return langs.empty() ? std::vector<std::string>{story.defaultLanguage()} : langs;
    if (requested.empty())
        return std::vector<std::string>{story.defaultLanguage()};
    if (langs.empty() || std::find(langs.begin(), langs.end(), requested) != langs.end())
        return std::vector<std::string>{requested};
    warning = "the story is not written in '" + requested + "' (its languages: ";
    for (std::size_t i = 0; i < langs.size(); ++i)
        warning += (i > 0 ? ", " : "") + langs[i];
    warning += ", or all); using '" + story.defaultLanguage() + "' instead";
    return std::vector<std::string>{story.defaultLanguage()};
}

bool Narration::voiced() const noexcept {
    return std::any_of(voices.begin(), voices.end(), [](const auto& v) { return v.has_value(); });
}

std::vector<std::optional<Spoken>> Narration::spoken() const {
    // Captions follow the voice where there is one: over the speech, word by word.
    std::vector<std::optional<Spoken>> out(story->steps.size());
    for (std::size_t i = 0; i < voices.size(); ++i) {
        if (!voices[i])
            continue;
        auto words = voices[i]->words;
        for (auto& word : words)
            word.seconds += kNarrationLead;
        out[i] = Spoken{kNarrationLead, kNarrationLead + voices[i]->seconds(), std::move(words)};
    }
    return out;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a window is t0, then t1.
AudioTrack Narration::takeAudioTrack(const timeline::Clock& clock, double t0, double t1) {
    AudioTrack audio;
    for (std::size_t i = 0; i < voices.size(); ++i) {
        if (!voices[i])
            continue;
        const double start = clock.steps()[i].start + kNarrationLead - t0;
        auto samples = std::move(voices[i]->samples);
        if (start + static_cast<double>(samples.size()) / kAudioRate <= 0 || start >= t1 - t0)
            continue;
        if (start < 0) { // the window opens in the middle of this narration
            const auto skip = std::min(samples.size(),
                                       static_cast<std::size_t>(std::lround(-start * kAudioRate)));
            samples.erase(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(skip));
        }
        audio.clips.push_back({std::max(0.0, start), std::move(samples)});
    }
    return audio;
}

Narration narrate(const story::Story& original, const std::string& lang, int fps, bool synthesise,
                  VoiceSource& voices, const std::function<void()>& onSpeaking) {
    Narration n;
    n.voices = stepVoices(original, lang, synthesise, voices, onSpeaking);
    auto story = std::make_shared<story::Story>(original);
    story->canvas.fps = fps;
    for (std::size_t i = 0; i < n.voices.size(); ++i) {
        if (!n.voices[i])
            continue;
        story->steps[i].duration =
            std::max(timeline::stepSeconds(original, original.steps[i], lang),
                     kNarrationLead + n.voices[i]->seconds() + kNarrationPause);
    }
    n.story = std::move(story);
    return n;
}

} // namespace mapreel::publish
