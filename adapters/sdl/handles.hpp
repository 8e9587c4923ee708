// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

#include <SDL.h>

/// Owning handles for SDL objects (see STYLE.md §6).
namespace mapreel::adapters::sdl {

using WindowPtr = Handle<SDL_Window, &SDL_DestroyWindow>;
using RendererPtr = Handle<SDL_Renderer, &SDL_DestroyRenderer>;
using TexturePtr = Handle<SDL_Texture, &SDL_DestroyTexture>;

} // namespace mapreel::adapters::sdl
