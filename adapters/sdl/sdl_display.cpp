// SPDX-License-Identifier: MIT
#include "sdl/sdl_display.hpp"

#include "sdl/handles.hpp"

#include "mapreel/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace mapreel::adapters {

namespace {

using preview::InputEvent;
using preview::InputKind;
using preview::Key;

[[noreturn]] void fail(const std::string& what) {
    throw Error(what + ": " + SDL_GetError());
}

Key keyOf(SDL_Keycode k) {
    switch (k) {
    case SDLK_SPACE:
        return Key::Space;
    case SDLK_LEFT:
        return Key::Left;
    case SDLK_RIGHT:
        return Key::Right;
    case SDLK_COMMA:
        return Key::Comma;
    case SDLK_PERIOD:
        return Key::Period;
    case SDLK_HOME:
        return Key::Home;
    case SDLK_END:
        return Key::End;
    case SDLK_g:
        return Key::G;
    case SDLK_h:
        return Key::H;
    case SDLK_q:
        return Key::Q;
    case SDLK_ESCAPE:
        return Key::Escape;
    default:
        return Key::Other;
    }
}

} // namespace

class SdlDisplay::Impl {
public:
    Impl(const std::string& title, int width, int height) {
        // By default SDL asks X11 compositors to stand aside, which flickers other windows.
        SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
        if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
            fail("cannot open a window (is DISPLAY set? try --headless)");
        // Without a display SDL falls back to drivers that show nothing; a preview nobody
        // can see would run forever, so only take them when asked for by SDL_VIDEODRIVER.
        const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
        if ((driver == "offscreen" || driver == "dummy" || driver == "evdev") &&
            !SDL_getenv("SDL_VIDEODRIVER")) {
            SDL_QuitSubSystem(SDL_INIT_VIDEO);
            throw Error("cannot open a window: no display (SDL found only its '" + driver +
                        "' driver; is DISPLAY set? try --headless)");
        }
        window.reset(SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                      width, height,
                                      SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI));
        if (!window)
            fail("cannot create the preview window");
        // Accelerated where there is a GPU; SDL falls back to its software renderer
        // (virtual displays, remote sessions). No vsync: the loop paces itself and must
        // not block on a display that never refreshes.
        renderer.reset(SDL_CreateRenderer(window.get(), -1, 0));
        if (!renderer)
            fail("cannot create a renderer for the preview window");
        wakeEvent = SDL_RegisterEvents(1);
        frequency = static_cast<double>(SDL_GetPerformanceFrequency());
        origin = SDL_GetPerformanceCounter();
    }
    ~Impl() {
        texture.reset();
        renderer.reset();
        window.reset();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    /// Window points to drawable pixels (2 on a typical HiDPI screen).
    [[nodiscard]] std::pair<double, double> pointScale() const {
        int pw = 0;
        int ph = 0;
        int ww = 0;
        int wh = 0;
        SDL_GetRendererOutputSize(renderer.get(), &pw, &ph);
        SDL_GetWindowSize(window.get(), &ww, &wh);
        return {ww > 0 ? static_cast<double>(pw) / ww : 1.0,
                wh > 0 ? static_cast<double>(ph) / wh : 1.0};
    }

    void translate(const SDL_Event& e, std::vector<InputEvent>& out) const {
        switch (e.type) {
        case SDL_QUIT:
            out.push_back({InputKind::Quit});
            break;
        case SDL_KEYDOWN:
            out.push_back({InputKind::Key, keyOf(e.key.keysym.sym)});
            break;
        case SDL_MOUSEMOTION: {
            const auto [sx, sy] = pointScale();
            out.push_back({InputKind::MouseMove, Key::Other, e.motion.x * sx, e.motion.y * sy});
            break;
        }
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (e.button.button != SDL_BUTTON_LEFT)
                break;
            const auto [sx, sy] = pointScale();
            out.push_back(
                {e.type == SDL_MOUSEBUTTONDOWN ? InputKind::MouseDown : InputKind::MouseUp,
                 Key::Other, e.button.x * sx, e.button.y * sy});
            break;
        }
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
                out.push_back({InputKind::Resize});
            else if (e.window.event == SDL_WINDOWEVENT_EXPOSED)
                out.push_back({InputKind::Expose});
            break;
        default:
            break;
        }
    }

    sdl::WindowPtr window;
    sdl::RendererPtr renderer;
    sdl::TexturePtr texture;
    int textureWidth = 0;
    int textureHeight = 0;
    double frequency = 1;
    Uint64 origin = 0;
    Uint32 wakeEvent = static_cast<Uint32>(-1); ///< our user event type; set before any wake()
};

SdlDisplay::SdlDisplay(const std::string& title, int width, int height)
    : impl_(std::make_unique<Impl>(title, width, height)) {}

SdlDisplay::~SdlDisplay() = default;

PixelSize SdlDisplay::pixelSize() {
    int w = 0;
    int h = 0;
    if (SDL_GetRendererOutputSize(impl_->renderer.get(), &w, &h) != 0)
        SDL_GetWindowSize(impl_->window.get(), &w, &h);
    return {std::max(1, w), std::max(1, h)};
}

std::vector<preview::InputEvent> SdlDisplay::wait(double timeout) {
    std::vector<InputEvent> out;
    SDL_Event e;
    const int ms = static_cast<int>(std::clamp(std::ceil(timeout * 1000), 0.0, 1000.0));
    if (SDL_WaitEventTimeout(&e, ms) != 0) {
        impl_->translate(e, out);
        while (SDL_PollEvent(&e) != 0)
            impl_->translate(e, out);
    }
    return out;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the signature is fixed by preview::Display.
void SdlDisplay::present(const std::uint8_t* bgra, int width, int height, int stride) {
    if (!impl_->texture || impl_->textureWidth != width || impl_->textureHeight != height) {
        impl_->texture.reset();
        // ARGB8888 is Cairo's ARGB32 byte order on every platform (both are native-endian
        // 32-bit words); frames are opaque, so premultiplication does not show.
        impl_->texture.reset(SDL_CreateTexture(impl_->renderer.get(), SDL_PIXELFORMAT_ARGB8888,
                                               SDL_TEXTUREACCESS_STREAMING, width, height));
        if (!impl_->texture)
            fail("cannot create the preview texture");
        impl_->textureWidth = width;
        impl_->textureHeight = height;
    }
    if (SDL_UpdateTexture(impl_->texture.get(), nullptr, bgra, stride) != 0)
        fail("cannot upload a preview frame");
    SDL_RenderClear(impl_->renderer.get());
    // The frame is drawn at the drawable size, so this copy is 1:1, never a blurry scale.
    SDL_RenderCopy(impl_->renderer.get(), impl_->texture.get(), nullptr, nullptr);
    SDL_RenderPresent(impl_->renderer.get());
}

double SdlDisplay::now() {
    return static_cast<double>(SDL_GetPerformanceCounter() - impl_->origin) / impl_->frequency;
}

void SdlDisplay::wake() noexcept {
    if (impl_->wakeEvent == static_cast<Uint32>(-1))
        return;
    SDL_Event e{};
    e.type = impl_->wakeEvent;
    // A full queue only means the loop is already awake with events to handle.
    static_cast<void>(SDL_PushEvent(&e));
}

void SdlDisplay::setTitle(const std::string& title) {
    SDL_SetWindowTitle(impl_->window.get(), title.c_str());
}

} // namespace mapreel::adapters
