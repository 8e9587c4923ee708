// SPDX-License-Identifier: MIT
#pragma once

#include <SDL.h>

#include <memory>

/// Owning handles for SDL objects (see STYLE.md §6).
namespace mapreel::adapters::sdl {

template <auto Free> struct Deleter {
    void operator()(auto* p) const noexcept {
        if (p)
            Free(p);
    }
};

using WindowPtr = std::unique_ptr<SDL_Window, Deleter<&SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, Deleter<&SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, Deleter<&SDL_DestroyTexture>>;

} // namespace mapreel::adapters::sdl
