// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mapreel/core/size.hpp"
#include "mapreel/preview/player.hpp"

/// What the preview needs of a window, so its loop runs the same against SDL (adapters/sdl)
/// and against a scripted, headless stand-in.
namespace mapreel::preview {

/// The keys the preview understands; everything else is Other.
enum class Key { Space, Left, Right, Comma, Period, Home, End, G, H, Q, Escape, Other };

enum class InputKind { Key, MouseMove, MouseDown, MouseUp, Resize, Expose, Quit };

/// One input event; mouse positions are in canvas pixels (not window points).
struct InputEvent {
    InputKind kind = InputKind::Expose;
    Key key = Key::Other;
    double x = 0;
    double y = 0;
};

/// A window the preview draws into.
class Display {
public:
    virtual ~Display() = default;
    /// Pixels to draw at: the drawable size, which HiDPI screens make larger than the
    /// window's size in points. Drawing at it keeps text sharp.
    [[nodiscard]] virtual PixelSize pixelSize() = 0;
    /// Waits up to `timeout` seconds for input, then returns everything pending.
    [[nodiscard]] virtual std::vector<InputEvent> wait(double timeout) = 0;
    /// Shows premultiplied BGRA pixels (Cairo ARGB32), `stride` bytes per row.
    virtual void present(const std::uint8_t* bgra, int width, int height, int stride) = 0;
    /// Monotonic seconds.
    [[nodiscard]] virtual double now() = 0;
    /// Makes a wait() in progress, or the next one, return early. The only member that may
    /// be called from another thread (the loader's, when a load is done).
    virtual void wake() noexcept {}
    /// Sets the window's title (the story's title and state); ignored without a window.
    virtual void setTitle(const std::string& /*title*/) {}
};

/// The name of a key in traces and headless scripts ("space", "left", "g", ...).
[[nodiscard]] const char* keyName(Key key) noexcept;

/// A window for a story's `canvas`: its size, scaled down (never up) to fit `screen`.
[[nodiscard]] PixelSize fitWindow(PixelSize canvas, PixelSize screen);

/// The player command a key stands for, if any.
[[nodiscard]] std::optional<Command> commandFor(Key key) noexcept;

} // namespace mapreel::preview
