// SPDX-License-Identifier: MIT
#include "speech_synth.hpp"

#include "mapreel/core/error.hpp"

#include <espeak-ng/speak_lib.h>

#include <mutex>
#include <span>

namespace mapreel::adapters {

namespace {

/// What the synthesis callback fills; exceptions never cross espeak-ng's C callback.
struct Collector {
    Speech* speech = nullptr;
    std::vector<std::size_t> wordChars; ///< code point positions (0-based) of words
    bool failed = false;
};

int onSynth(short* wav, int count, espeak_EVENT* events) {
    if (!events)
        return 0;
    auto* c = static_cast<Collector*>(events->user_data);
    if (!c)
        return 0;
    try {
        if (wav && count > 0) {
            const std::span<const short> samples(wav, static_cast<std::size_t>(count));
            c->speech->pcm.insert(c->speech->pcm.end(), samples.begin(), samples.end());
        }
        for (espeak_EVENT* e = events; e->type != espeakEVENT_LIST_TERMINATED; ++e) { // NOLINT
            if (e->type == espeakEVENT_WORD && e->text_position > 0) {
                c->speech->words.push_back(
                    {static_cast<std::size_t>(e->text_position - 1), e->audio_position / 1000.0});
            }
        }
    } catch (...) {
        c->failed = true;
        return 1; // stop synthesis
    }
    return 0;
}

std::mutex& engineMutex() {
    static std::mutex m;
    return m;
}

/// The engine's sample rate once espeak_Initialize has run; 0 before.
int& engineRate() {
    static int rate = 0;
    return rate;
}

/// Byte offset of code point `index` in UTF-8 `text` (the end when past it).
std::size_t byteOffset(const std::string& text, std::size_t index) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U)
            continue;
        if (points == index)
            return i;
        ++points;
    }
    return text.size();
}

} // namespace

SpeechSynthesizer::SpeechSynthesizer(const std::string& lang) : lang_(lang) {
    const std::lock_guard lock(engineMutex());
    if (engineRate() <= 0) {
        engineRate() =
            espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (engineRate() <= 0)
            throw DataError("cannot start the espeak-ng speech synthesiser (is espeak-ng-data "
                            "installed?)");
        espeak_SetSynthCallback(onSynth);
    }
    espeak_VOICE voice{};
    const std::string base = lang.substr(0, lang.find_first_of("-_"));
    voice.languages = base.c_str();
    if (espeak_SetVoiceByProperties(&voice) != EE_OK)
        throw DataError("espeak-ng has no voice for language '" + lang +
                        "' (see `espeak-ng --voices`)");
}

SpeechSynthesizer::~SpeechSynthesizer() = default;

Speech SpeechSynthesizer::speak(const std::string& text, int wordsPerMinute) {
    const std::lock_guard lock(engineMutex());
    espeak_VOICE voice{};
    const std::string base = lang_.substr(0, lang_.find_first_of("-_"));
    voice.languages = base.c_str();
    if (espeak_SetVoiceByProperties(&voice) != EE_OK)
        throw DataError("espeak-ng has no voice for language '" + lang_ + "'");
    espeak_SetParameter(espeakRATE, wordsPerMinute, 0);
    Speech speech;
    speech.sampleRate = engineRate();
    Collector collector{&speech, {}, false};
    const espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                         espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &collector);
    if (rc != EE_OK || espeak_Synchronize() != EE_OK || collector.failed)
        throw DataError("espeak-ng could not speak the narration");
    for (auto& w : speech.words)
        w.offset = byteOffset(text, w.offset);
    return speech;
}

} // namespace mapreel::adapters
