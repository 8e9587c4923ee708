// SPDX-License-Identifier: MIT
#include "mapreel/preview/scripted_display.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace mapreel::preview {

namespace {

/// Parses all of `text` as a number.
template <class T> bool parseNumber(std::string_view text, T& value) {
    const auto* end =
        text.data() + text.size(); // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic):
                                   // from_chars takes a range
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc{} && ptr == end;
}

/// Parses `A<sep>B`, both numbers.
template <class T> std::optional<std::pair<T, T>> parsePair(std::string_view text, char sep) {
    const auto at = text.find(sep);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::pair<T, T> out{};
    if (!parseNumber(text.substr(0, at), out.first) ||
        !parseNumber(text.substr(at + 1), out.second))
        return std::nullopt;
    return out;
}

} // namespace

ScriptedDisplay::ScriptedDisplay(const std::string& script, PixelSize size, int fps,
                                 render::CanvasFactory& canvases)
    : canvases_(canvases), size_(size), tick_(1.0 / std::max(1, fps)) {
    std::istringstream in(script);
    std::string token;
    while (in >> token)
        tokens_.push_back(token);
}

std::vector<InputEvent> ScriptedDisplay::wait(double /*timeout*/) {
    time_ += tick_;
    std::vector<InputEvent> out;
    if (idle_ > 0) {
        --idle_;
        return out;
    }
    while (next_ < tokens_.size()) {
        const std::string t = tokens_[next_++];
        const auto eq = t.find('=');
        const std::string name = t.substr(0, eq);
        const std::string arg = eq == std::string::npos ? "" : t.substr(eq + 1);
        if (name == "png") {
            writeShot(arg);
            continue;
        }
        if (name == "reload") {
            reload_ = true;
            continue;
        }
        if (name == "wait") {
            int n = 0;
            if (!parseNumber(arg, n) || n < 0)
                throw std::invalid_argument("script: '" + t + "' needs a count of frames");
            idle_ = std::max(0, n - 1);
            return out;
        }
        if (name == "mouse" || name == "click") {
            const auto xy = parsePair<double>(arg, ':');
            if (!xy)
                throw std::invalid_argument("script: '" + t + "' needs X:Y");
            const auto [x, y] = *xy;
            if (name == "mouse")
                out.push_back({InputKind::MouseMove, Key::Other, x, y});
            else {
                out.push_back({InputKind::MouseDown, Key::Other, x, y});
                out.push_back({InputKind::MouseUp, Key::Other, x, y});
            }
            return out;
        }
        if (name == "resize") {
            const auto wh = parsePair<int>(arg, 'x');
            if (!wh || wh->first < 16 || wh->second < 16)
                throw std::invalid_argument("script: '" + t + "' needs WIDTHxHEIGHT");
            size_ = {wh->first, wh->second};
            out.push_back({InputKind::Resize});
            return out;
        }
        for (Key k : {Key::Space, Key::Left, Key::Right, Key::Comma, Key::Period, Key::Home,
                      Key::End, Key::G, Key::H, Key::Q, Key::Escape})
            if (name == keyName(k)) {
                out.push_back({InputKind::Key, k});
                return out;
            }
        throw std::invalid_argument("script: unknown token '" + t + "'");
    }
    out.push_back({InputKind::Quit});
    return out;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the signature is preview::Display's.
void ScriptedDisplay::present(const std::uint8_t* bgra, int width, int height, int stride) {
    last_.width = width;
    last_.height = height;
    const auto row = static_cast<std::size_t>(width) * 4;
    const auto rows = static_cast<std::size_t>(height);
    const auto pitch = static_cast<std::size_t>(stride);
    const std::span<const std::uint8_t> pixels(bgra, pitch * rows);
    last_.bgra.resize(row * rows);
    for (std::size_t y = 0; y < rows; ++y) {
        const auto line = pixels.subspan(y * pitch, row);
        std::copy(line.begin(), line.end(),
                  last_.bgra.begin() + static_cast<std::ptrdiff_t>(y * row));
    }
}

bool ScriptedDisplay::takeReload() noexcept {
    return std::exchange(reload_, false);
}

void ScriptedDisplay::writeShot(const std::string& path) {
    if (path.empty() || last_.width == 0)
        throw std::invalid_argument("script: png=PATH needs a path and a drawn frame");
    canvases_.writePng(last_, path);
}

} // namespace mapreel::preview
