// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/video.hpp"
#include "mapreel/story/story.hpp"
#include "mapreel/timeline/clock.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// Narration heard in a video: each step's voice (recorded or synthesised), the step
/// durations it stretches, the captions that follow it and the audio track.
namespace mapreel::publish {

inline constexpr double kNarrationLead = 0.3;  ///< seconds of quiet before a step's narration
inline constexpr double kNarrationPause = 0.8; ///< seconds after it, before the next step

/// A step's narration as heard: samples and, for synthesised speech, word times.
struct StepVoice {
    std::vector<float> samples; ///< mono at kAudioRate
    std::vector<WordTime> words;
    [[nodiscard]] double seconds() const noexcept {
        return static_cast<double>(samples.size()) / kAudioRate;
    }
};

/// Where voices come from; implemented by adapters (libav decodes, espeak-ng speaks).
class VoiceSource {
public:
    VoiceSource() = default;
    virtual ~VoiceSource() = default;
    VoiceSource(const VoiceSource&) = delete;
    VoiceSource& operator=(const VoiceSource&) = delete;
    VoiceSource(VoiceSource&&) = delete;
    VoiceSource& operator=(VoiceSource&&) = delete;

    /// A recording decoded to mono at kAudioRate; throws DataError with the reason.
    [[nodiscard]] virtual std::vector<float> decode(const std::string& path) = 0;
    /// Selects the voice of `lang` for speak(); throws DataError when there is none.
    virtual void startSpeaking(const std::string& lang) = 0;
    /// `text` spoken at `wordsPerMinute` by the voice selected last: mono at kAudioRate,
    /// with the byte offset and start of each word. Throws DataError.
    [[nodiscard]] virtual StepVoice speak(const std::string& text, int wordsPerMinute) = 0;
};

/// The languages a render of `story` is in: `requested`, the story's first when that is
/// empty, or every one for "all". A language the story is not written in gives its first
/// language instead, with a warning in `warning` naming both (the render goes on).
[[nodiscard]] std::vector<std::string>
renderLanguages(const story::Story& story, const std::string& requested, std::string& warning);

/// One language's narration of a story.
struct Narration {
    /// The story with each voiced step lasting at least as long as its voice, at the
    /// video's frame rate: the timeline, captions and chapters all follow it.
    std::shared_ptr<const story::Story> story;
    std::vector<std::optional<StepVoice>> voices; ///< one per step; none for a silent step

    [[nodiscard]] bool voiced() const noexcept;
    /// When each voice is heard within its step, for spokenCaptionCues().
    [[nodiscard]] std::vector<std::optional<Spoken>> spoken() const;
    /// The voices placed on the video's clock for the window [t0, t1) (seconds of the
    /// story), a voice cut where the window opens in the middle of it. Moves the samples
    /// out of `voices`.
    [[nodiscard]] AudioTrack takeAudioTrack(const timeline::Clock& clock, double t0, double t1);
};

/// Each step's voice in `lang`: its recorded `audio:` file (stories in their first
/// language), else, with `synthesise`, speech made from its narration (brought to -1 dBFS
/// like a recording); and the story retimed to them at `fps`. `onSpeaking` is told once,
/// when the voice is ready, before the first step is synthesised. Throws DataError naming the step
/// whose recording cannot be read, Interrupted.
[[nodiscard]] Narration narrate(const story::Story& original, const std::string& lang, int fps,
                                bool synthesise, VoiceSource& voices,
                                const std::function<void()>& onSpeaking = {});

} // namespace mapreel::publish
