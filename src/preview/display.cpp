// SPDX-License-Identifier: MIT
#include "mapreel/preview/display.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::preview {

const char* keyName(Key k) noexcept {
    switch (k) {
    case Key::Space:
        return "space";
    case Key::Left:
        return "left";
    case Key::Right:
        return "right";
    case Key::Comma:
        return "comma";
    case Key::Period:
        return "period";
    case Key::Home:
        return "home";
    case Key::End:
        return "end";
    case Key::G:
        return "g";
    case Key::H:
        return "h";
    case Key::Q:
        return "q";
    case Key::Escape:
        return "escape";
    case Key::Other:
        break;
    }
    return "other";
}

PixelSize fitWindow(PixelSize canvas, PixelSize screen) {
    const double cw = canvas.width;
    const double ch = canvas.height;
    const double s = std::min({1.0, screen.width / cw, screen.height / ch});
    return {static_cast<int>(std::lround(cw * s)), static_cast<int>(std::lround(ch * s))};
}

} // namespace mapreel::preview
