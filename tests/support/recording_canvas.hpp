// SPDX-License-Identifier: MIT
#pragma once
// A render::Canvas that draws nothing and records every call, for assertions on what a
// scene draws without Cairo; and a text measurer with fixed metrics, so that layout in
// tests does not depend on fonts.

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/scene.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mapreel::testing {

/// Records the calls made on it, in order, with copies of what was drawn.
class RecordingCanvas final : public render::Canvas {
public:
    enum class Call { Clear, Fill, Stroke, Text, Paragraph, Panel, ClippedGroup, Picture };

    void clear(const Color& c) override {
        calls_.push_back(Call::Clear);
        background_ = c;
    }
    void fill(const scene::Fill& f) override { record(Call::Fill, f); }
    void stroke(const scene::Stroke& s) override { record(Call::Stroke, s); }
    void text(const scene::Text& t) override { record(Call::Text, t); }
    void paragraph(const scene::Paragraph& p) override { record(Call::Paragraph, p); }
    void panel(const scene::Panel& p) override { record(Call::Panel, p); }
    void picture(const scene::Picture& p) override { record(Call::Picture, p); }
    /// Recorded as one group; its fills and strokes are not drawn one by one.
    void clippedGroup(const scene::ClippedGroup& g) override { record(Call::ClippedGroup, g); }
    void cached(std::uint64_t key, const std::function<void(Canvas&)>& draw) override {
        cacheKeys_.push_back(key);
        draw(*this);
    }
    void cachedOverlay(std::uint64_t key, const std::function<void(Canvas&)>& draw) override {
        overlayKeys_.push_back(key);
        draw(*this);
    }

    /// Every call, in order.
    [[nodiscard]] const std::vector<Call>& calls() const noexcept { return calls_; }
    /// What every call but clear() drew, in order.
    [[nodiscard]] const std::vector<scene::Item>& items() const noexcept { return items_; }
    /// The colour of the last clear().
    [[nodiscard]] const Color& background() const noexcept { return background_; }
    /// Keys passed to cached() and cachedOverlay(), in order.
    [[nodiscard]] const std::vector<std::uint64_t>& cacheKeys() const noexcept {
        return cacheKeys_;
    }
    [[nodiscard]] const std::vector<std::uint64_t>& overlayKeys() const noexcept {
        return overlayKeys_;
    }

    /// The drawn items of type T, in order.
    template <class T> [[nodiscard]] std::vector<T> drawn() const {
        std::vector<T> out;
        for (const auto& item : items_)
            if (const auto* x = std::get_if<T>(&item))
                out.push_back(*x);
        return out;
    }
    /// The texts drawn whose string is `s`.
    [[nodiscard]] std::vector<scene::Text> textsSaying(std::string_view s) const {
        std::vector<scene::Text> out;
        for (const auto& t : drawn<scene::Text>())
            if (t.text == s)
                out.push_back(t);
        return out;
    }
    /// How many calls of kind `c` were made.
    [[nodiscard]] std::size_t count(Call c) const noexcept {
        std::size_t n = 0;
        for (const auto k : calls_)
            n += k == c ? 1 : 0;
        return n;
    }

private:
    template <class T> void record(Call c, const T& item) {
        calls_.push_back(c);
        items_.emplace_back(item);
    }

    std::vector<Call> calls_;
    std::vector<scene::Item> items_;
    std::vector<std::uint64_t> cacheKeys_;
    std::vector<std::uint64_t> overlayKeys_;
    Color background_;
};

/// Text metrics without fonts: every character (UTF-8 code point) is `advance` ems wide and
/// a line is `lineHeight` ems high.
class FixedTextMeasurer final : public scene::TextMeasurer {
public:
    double advance = 0.55;
    double lineHeight = 1.25;

    [[nodiscard]] Point measure(const std::string& text, const scene::Font& font) override {
        return {static_cast<double>(codePoints(text)) * font.size * advance +
                    static_cast<double>(codePoints(text)) * font.letterSpacing,
                font.size * lineHeight};
    }
    [[nodiscard]] double paragraphHeight(const scene::Paragraph& p) override {
        auto lines = [&](const std::string& text, const scene::Font& font) {
            if (text.empty())
                return 0.0;
            const double width = std::max(1.0, p.box.width());
            const double chars = static_cast<double>(codePoints(text)) * font.size * advance;
            return std::ceil(chars / width) * font.size * lineHeight;
        };
        return lines(p.title, p.titleFont) + lines(p.text, p.font) +
               lines(p.footnote, p.footnoteFont);
    }

private:
    static std::size_t codePoints(const std::string& s) {
        std::size_t n = 0;
        for (const char ch : s)
            n += (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U ? 1 : 0;
        return n;
    }
};

} // namespace mapreel::testing
