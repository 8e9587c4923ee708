// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/publish/narration.hpp"

#include <memory>
#include <string>

namespace mapreel::adapters {

class SpeechSynthesizer;

/// The library's voices: recordings decoded with libav (adapters/av), speech synthesised
/// with espeak-ng (adapters/speech) and resampled to publish::kAudioRate. Use from one
/// thread (espeak-ng keeps global state).
class NarrationVoices final : public publish::VoiceSource {
public:
    NarrationVoices();
    ~NarrationVoices() override;
    NarrationVoices(const NarrationVoices&) = delete;
    NarrationVoices& operator=(const NarrationVoices&) = delete;
    NarrationVoices(NarrationVoices&&) = delete;
    NarrationVoices& operator=(NarrationVoices&&) = delete;

    [[nodiscard]] std::vector<float> decode(const std::string& path) override;
    void startSpeaking(const std::string& lang) override;
    [[nodiscard]] publish::StepVoice speak(const std::string& text, int wordsPerMinute) override;

private:
    std::unique_ptr<SpeechSynthesizer> synth_;
};

} // namespace mapreel::adapters
