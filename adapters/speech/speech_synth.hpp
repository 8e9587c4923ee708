// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mapreel::adapters {

/// Where a word starts in synthesised speech.
struct WordMark {
    std::size_t offset = 0; ///< byte offset of the word in the text spoken
    double seconds = 0;     ///< from the start of the speech
};

/// Synthesised speech: mono 16-bit samples and the start of each word.
struct Speech {
    std::vector<std::int16_t> pcm;
    int sampleRate = 22050;
    std::vector<WordMark> words; ///< in text order
    [[nodiscard]] double seconds() const noexcept {
        return static_cast<double>(pcm.size()) / sampleRate;
    }
};

/// Text to speech with the espeak-ng library. espeak-ng keeps global state, so every
/// synthesiser in a process shares one engine; use them from one thread.
class SpeechSynthesizer {
public:
    /// Selects the voice for `lang` (an ISO 639-1 code such as "en", "fr", "ko");
    /// throws DataError when espeak-ng cannot start or has no voice for it.
    explicit SpeechSynthesizer(const std::string& lang);
    ~SpeechSynthesizer();
    SpeechSynthesizer(const SpeechSynthesizer&) = delete;
    SpeechSynthesizer& operator=(const SpeechSynthesizer&) = delete;
    SpeechSynthesizer(SpeechSynthesizer&&) = delete;
    SpeechSynthesizer& operator=(SpeechSynthesizer&&) = delete;

    /// Speaks UTF-8 `text` at `wordsPerMinute`; throws DataError on failure.
    [[nodiscard]] Speech speak(const std::string& text, int wordsPerMinute = 165);

private:
    std::string lang_;
};

} // namespace mapreel::adapters
