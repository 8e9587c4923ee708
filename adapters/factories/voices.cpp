// SPDX-License-Identifier: MIT
#include "factories/voices.hpp"

#include "av/video_encoder.hpp"
#include "speech/speech_synth.hpp"

namespace mapreel::adapters {

static_assert(publish::kAudioRate == kAudioRate);

NarrationVoices::NarrationVoices() = default;
NarrationVoices::~NarrationVoices() = default;

std::vector<float> NarrationVoices::decode(const std::string& path) {
    return decodeAudioFile(path);
}

void NarrationVoices::startSpeaking(const std::string& lang) {
    synth_ = std::make_unique<SpeechSynthesizer>(lang);
}

publish::StepVoice NarrationVoices::speak(const std::string& text, int wordsPerMinute) {
    if (!synth_)
        startSpeaking("en");
    const auto speech = synth_->speak(text, wordsPerMinute);
    publish::StepVoice v{resampleToAudioRate(speech.pcm, speech.sampleRate), {}};
    v.words.reserve(speech.words.size());
    for (const auto& w : speech.words)
        v.words.push_back({w.offset, w.seconds});
    return v;
}

} // namespace mapreel::adapters
