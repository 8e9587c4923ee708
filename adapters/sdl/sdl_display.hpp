// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/preview/display.hpp"

#include <memory>
#include <string>

namespace mapreel::adapters {

/// A resizable SDL2 window that shows frames drawn elsewhere (by a CairoCanvas) and
/// reports keys, mouse and resizes as preview::InputEvent.
class SdlDisplay final : public preview::Display {
public:
    /// Opens a window of `width` x `height` points; throws Error with SDL's message when
    /// there is no display or the window cannot be created.
    SdlDisplay(const std::string& title, int width, int height);
    ~SdlDisplay() override;
    SdlDisplay(const SdlDisplay&) = delete;
    SdlDisplay& operator=(const SdlDisplay&) = delete;

    [[nodiscard]] PixelSize pixelSize() override;
    [[nodiscard]] std::vector<preview::InputEvent> wait(double timeout) override;
    void present(const std::uint8_t* bgra, int width, int height, int stride) override;
    [[nodiscard]] double now() override;
    /// Posts an SDL user event; SDL_PushEvent is safe from any thread.
    void wake() noexcept override;
    /// Sets the window title (the story's title and state).
    void setTitle(const std::string& title) override;

private:
    class Impl;
    const std::unique_ptr<Impl> impl_;
};

} // namespace mapreel::adapters
