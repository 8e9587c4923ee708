// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"
#include "mapreel/core/geometry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

/// The display list of one frame, in pixels (y down). Pure data: any Canvas can draw it.
namespace mapreel::scene {

/// Closed rings and open polylines in pixel coordinates.
struct Path {
    std::vector<Ring> rings;
    std::vector<LineString> lines;
    [[nodiscard]] bool empty() const noexcept { return rings.empty() && lines.empty(); }
    bool operator==(const Path&) const = default;
};

enum class FillRule { NonZero, EvenOdd };

struct Fill {
    Path path;
    Color color;
    FillRule rule = FillRule::EvenOdd;
    std::optional<Path> clip; ///< even-odd clip region
    bool operator==(const Fill&) const = default;
};

struct Stroke {
    Path path;
    Color color;
    double width = 1;
    std::vector<double> dash;
    bool round = true;
    std::optional<Path> clip;
    bool operator==(const Stroke&) const = default;
};

struct Font {
    std::string family = "Noto Sans";
    double size = 16; ///< pixels
    bool bold = false;
    bool italic = false;
    double letterSpacing = 0; ///< pixels between letters
    bool operator==(const Font&) const = default;
};

enum class Align { Start, Centre, End };

struct Text {
    std::string text;
    Point at; ///< anchor point
    Font font;
    Color color;
    Color halo;
    double haloWidth = 0;
    double angle = 0; ///< degrees, counter-clockwise
    Align align = Align::Start;
    Align valign = Align::Centre;
    bool operator==(const Text&) const = default;
};

/// Wrapped text in a box; the first line may be a bold title.
struct Paragraph {
    std::string title;
    std::string text;
    std::string footnote;
    Rect box;
    Font titleFont;
    Font font;
    Font footnoteFont;
    Color color;
    Color footnoteColor;
    bool operator==(const Paragraph&) const = default;
};

struct Panel {
    Rect box;
    double radius = 8;
    Color fill;
    Color stroke;
    double strokeWidth = 0;
    double shadow = 0; ///< blur-like offset in pixels
    /// Opacity of the whole panel (fill, edge and shadow) in [0, 1]: a card fading with its
    /// text.
    double opacity = 1;
    bool operator==(const Panel&) const = default;
};

/// Fills and strokes drawn through one clip region. `clipKey` names the clip so a raster
/// canvas can keep it as a mask while it does not change (it changes with the camera).
struct ClippedGroup {
    Path clip;
    std::uint64_t clipKey = 0;
    std::vector<Fill> fills;
    std::vector<Stroke> strokes;
    bool operator==(const ClippedGroup&) const = default;
};

/// A picture file drawn into a box, scaled to fit it and centred (a marker's image symbol).
struct Picture {
    std::string file; ///< a PNG file, as the story resolved it (its folder prefixed)
    Rect box;         ///< pixels
    double opacity = 1;
    bool operator==(const Picture&) const = default;
};

using Item = std::variant<Fill, Stroke, Text, Paragraph, Panel, ClippedGroup, Picture>;

struct Scene {
    int width = 1920;
    int height = 1080;
    Color background;
    /// Items that only change with the camera; a canvas may cache them by `baseKey`.
    std::vector<Item> base;
    std::uint64_t baseKey = 0;
    std::vector<Item> items;
    /// Labels and panels: drawn over `items`, cacheable by `overlayKey` (they change with
    /// the camera, the step and fades, not every frame).
    std::vector<Item> overlay;
    std::uint64_t overlayKey = 0;
    /// Drawn last, every frame (the date).
    std::vector<Item> top;
    bool operator==(const Scene&) const = default;
};

/// Measures text for layout; implemented with the same shaping as the canvas.
class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    /// Width and height in pixels of one line.
    [[nodiscard]] virtual Point measure(const std::string& text, const Font& font) = 0;
    /// Height in pixels of the paragraph wrapped to its box width.
    [[nodiscard]] virtual double paragraphHeight(const Paragraph& p) = 0;
};

} // namespace mapreel::scene
