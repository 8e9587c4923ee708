// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"

#include <array>
#include <cstdint>
#include <string_view>

/// The keys of a story's `canvas: style:`, each one value of the theme: the one table that
/// the story reader checks values against, that scene::Theme has a field for (checked when
/// scene/theme.cpp compiles) and that schemas/story.schema.json describes (checked by a test).
namespace mapreel::story {

enum class ThemeKeyKind {
    Colour,  ///< `#rrggbb`, `#rrggbbaa` or a basic name
    Font,    ///< a font family
    Pixels,  ///< pixels at 1080p; scales with the canvas
    Fraction ///< an opacity or a mix towards black or white, 0..1
};

/// One theme key: its name, kind, allowed range and value in the classic theme.
struct ThemeKey {
    std::string_view name; ///< as written under `style:`
    ThemeKeyKind kind = ThemeKeyKind::Pixels;
    double min = 0;        ///< Pixels, Fraction: the smallest allowed value
    double max = 0;        ///< Pixels, Fraction: the largest allowed value
    Color colour;          ///< Colour: the classic theme's value
    double number = 0;     ///< Pixels, Fraction: the classic theme's value
    std::string_view font; ///< Font: the classic theme's value
    std::string_view help; ///< what it sets, as "Theme override: <kind> of <help>" reads
};

namespace detail {

/// `0xrrggbb` as a colour, exactly as parseColor reads "#rrggbb".
constexpr Color rgb(std::uint32_t v) {
    return {static_cast<double>((v >> 16U) & 0xffU) / 255.0,
            static_cast<double>((v >> 8U) & 0xffU) / 255.0, static_cast<double>(v & 0xffU) / 255.0,
            1.0};
}
/// `0xrrggbbaa` as a colour, exactly as parseColor reads "#rrggbbaa".
constexpr Color rgba(std::uint32_t v) {
    return {static_cast<double>((v >> 24U) & 0xffU) / 255.0,
            static_cast<double>((v >> 16U) & 0xffU) / 255.0,
            static_cast<double>((v >> 8U) & 0xffU) / 255.0, static_cast<double>(v & 0xffU) / 255.0};
}
constexpr ThemeKey colourKey(std::string_view name, Color classic, std::string_view help) {
    return {name, ThemeKeyKind::Colour, 0, 0, classic, 0, {}, help};
}
constexpr ThemeKey fontKey(std::string_view name, std::string_view classic, std::string_view help) {
    return {name, ThemeKeyKind::Font, 0, 0, {}, 0, classic, help};
}
/// A line width: 0..50 pixels.
constexpr ThemeKey widthKey(std::string_view name, double classic, std::string_view help) {
    return {name, ThemeKeyKind::Pixels, 0, 50, {}, classic, {}, help};
}
/// A type size: 4..400 pixels.
constexpr ThemeKey sizeKey(std::string_view name, double classic, std::string_view help) {
    return {name, ThemeKeyKind::Pixels, 4, 400, {}, classic, {}, help};
}
/// A distance, radius, dash or padding: 0..400 pixels.
constexpr ThemeKey lengthKey(std::string_view name, double classic, std::string_view help) {
    return {name, ThemeKeyKind::Pixels, 0, 400, {}, classic, {}, help};
}
constexpr ThemeKey fractionKey(std::string_view name, double classic, std::string_view help) {
    return {name, ThemeKeyKind::Fraction, 0, 1, {}, classic, {}, help};
}

} // namespace detail

/// Every theme key, in the order of the documentation and the schema.
inline constexpr std::array<ThemeKey, 153> kThemeKeys = {{
    detail::colourKey("sea", detail::rgb(0xb9d3e6), "colour of the sea"),
    detail::colourKey("sea-deep", detail::rgb(0x94b8d6), "colour of the deepest band of the sea"),
    detail::colourKey("land", detail::rgb(0xf2ead3),
                      "colour of land in focus (all land when the map has no focus)"),
    detail::colourKey("land-foreign", detail::rgb(0xe4dccb),
                      "colour of land outside the focus countries"),
    detail::colourKey("river", detail::rgb(0x7ea6c8), "colour of rivers and lake shores"),
    detail::colourKey("lake", detail::rgb(0xb9d3e6), "colour of lakes"),
    detail::colourKey("border", detail::rgb(0x8c8170),
                      "colour of borders, and the edges of panels"),
    detail::colourKey("coast", detail::rgb(0x9fb7c9), "colour of coastlines"),
    detail::colourKey("text", detail::rgb(0x2b2722),
                      "colour of place names, callouts and marker labels"),
    detail::colourKey("halo", detail::rgb(0xf7f2e4),
                      "colour of the halo around map text, and behind lines"),
    detail::colourKey("panel", detail::rgba(0xfbf7ecf0),
                      "colour of the title, date, legend and narration cards"),
    detail::colourKey("panel-text", detail::rgb(0x2b2722), "colour of text on the cards"),
    detail::colourKey("accent", detail::rgb(0x8a2b1f),
                      "colour of the date, and markers without a side"),
    detail::fontKey("font-serif", "Noto Serif", "font family of place names and map labels"),
    detail::fontKey("font-sans", "Noto Sans",
                    "font family of titles, the date, narration, arrow and marker labels"),
    detail::widthKey("border-width", 1.2, "width of borders"),
    detail::widthKey("river-width", 1.4, "width of the largest rivers (smaller ones are thinner)"),
    detail::fractionKey("side-opacity", 0.55, "opacity of the sides' fills over the base map"),
    detail::widthKey("front-width", 2.5, "width of the edge of a front's left side"),
    detail::sizeKey("title-size", 34, "type size of the story's title"),
    detail::sizeKey("narration-size", 25, "type size of the narration"),
    detail::sizeKey("date-size", 50, "type size of the date"),
    detail::sizeKey("label-size", 19,
                    "type size of map labels; unused, as every kind of label has its own size"),
    detail::colourKey("muted", detail::rgb(0x6b6358),
                      "colour of subtitles, country and region labels, source notes"),
    detail::widthKey("coast-width", 0.9, "width of coastlines"),
    detail::widthKey("lake-edge-width", 0.6, "width of lake shores"),
    detail::widthKey("graticule-width", 0.6, "width of graticule lines"),
    detail::fractionKey("graticule-opacity", 0.5, "opacity of the graticule"),
    detail::colourKey("graticule-colour", detail::rgb(0x5f87ab), "colour of the graticule"),
    detail::colourKey("outline-colour", detail::rgb(0x8c8170),
                      "colour of the outline of a world map (the edge of the globe)"),
    detail::widthKey("outline-width", 1.2, "width of the outline of a world map"),
    detail::colourKey("outside-colour", detail::rgb(0xf4f1ea),
                      "colour beyond the outline of a world map"),
    detail::lengthKey("disputed-dash", 4, "dashes of disputed borders"),
    detail::lengthKey("disputed-gap", 3, "gaps between dashes of disputed borders"),
    detail::fractionKey("front-edge-darken", 0.35,
                        "how much darker than its side a front's edge is"),
    detail::widthKey("territory-edge-width", 1.2, "width of the edge of a territory"),
    detail::fractionKey("territory-edge-darken", 0.3,
                        "how much darker than its side a territory's edge is"),
    detail::colourKey("zone-colour", Color{0.35, 0.33, 0.3, 1},
                      "colour of zones without a colour of their own"),
    detail::fractionKey("zone-opacity", 0.45, "opacity of a zone's fill"),
    detail::fractionKey("zone-edge-opacity", 0.8, "opacity of a zone's edge"),
    detail::widthKey("zone-edge-width", 1.0, "width of a zone's edge"),
    detail::colourKey("line-colour", Color{0.2, 0.18, 0.16, 1},
                      "colour of lines without a colour of their own"),
    detail::widthKey("line-width", 2.2, "width of boundary and route lines"),
    detail::lengthKey("boundary-dash", 10, "dashes of boundary lines"),
    detail::lengthKey("boundary-gap", 6, "gaps between dashes of boundary lines"),
    detail::widthKey("demarcation-width", 3, "width of demarcation lines"),
    detail::widthKey("front-line-width", 3.5, "width of lines of style front"),
    detail::lengthKey("route-dash", 3, "dots of route lines"),
    detail::lengthKey("route-gap", 4, "gaps between dots of route lines"),
    detail::widthKey("line-halo-width", 3, "how much wider than its line the halo behind it is"),
    detail::fractionKey("line-halo-opacity", 0.8, "opacity of the halo behind lines"),
    detail::sizeKey("line-name-size", 16, "type size of a line's name"),
    detail::lengthKey("line-name-spacing", 0.5, "letter spacing of a line's name"),
    detail::lengthKey("line-name-offset", 12, "distance of a line's name from the line"),
    detail::lengthKey("line-name-margin", 40, "how far inside the frame a line's name stays"),
    detail::widthKey("line-name-halo", 3, "width of the halo of a line's name"),
    detail::lengthKey("arrow-width", 20,
                      "width of a land arrow's body at its head (the head is about twice as wide)"),
    detail::lengthKey("sea-arrow-width", 16, "width of a sea arrow's body at its head"),
    detail::fractionKey("arrow-opacity", 0.92, "opacity of a land arrow's fill"),
    detail::widthKey("arrow-edge-width", 1.6, "width of a land arrow's outline"),
    detail::fractionKey("arrow-edge-darken", 0.45,
                        "how much darker than its side a land arrow's outline is"),
    detail::fractionKey("sea-arrow-lighten", 0.35,
                        "how much lighter than its side a sea arrow's fill is"),
    detail::fractionKey("sea-arrow-opacity", 0.8, "opacity of a sea arrow's fill"),
    detail::widthKey("sea-arrow-edge-width", 2.2, "width of a sea arrow's dashed outline"),
    detail::fractionKey("sea-arrow-edge-darken", 0.35,
                        "how much darker than its side a sea arrow's outline is"),
    detail::lengthKey("sea-arrow-dash", 7, "dashes of a sea arrow's outline"),
    detail::lengthKey("sea-arrow-gap", 4, "gaps between dashes of a sea arrow's outline"),
    detail::lengthKey("air-arrow-width", 9, "width of an air arrow's body at its head"),
    detail::widthKey("air-trail-width", 2,
                     "width of the dashed line along the middle of an air arrow"),
    detail::lengthKey("retreat-arrow-width", 18, "width of a retreat arrow's body at its head"),
    detail::fractionKey("retreat-arrow-opacity", 0.75,
                        "opacity of the pale fill inside a retreat arrow"),
    detail::widthKey("retreat-arrow-edge-width", 2.6, "width of a retreat arrow's dashed outline"),
    detail::lengthKey("retreat-arrow-dash", 9, "dashes of a retreat arrow's outline"),
    detail::lengthKey("retreat-arrow-gap", 5, "gaps between dashes of a retreat arrow's outline"),
    detail::widthKey("supply-arrow-width", 4, "width of a supply line"),
    detail::lengthKey("supply-arrow-dash", 10, "dashes of a supply line"),
    detail::lengthKey("supply-arrow-gap", 5, "gaps between dashes of a supply line"),
    detail::lengthKey("supply-head", 18, "length of the head of a supply line"),
    detail::sizeKey("arrow-label-size", 16, "type size of an arrow's label"),
    detail::lengthKey("arrow-label-gap", 22, "distance of an arrow's label from its route"),
    detail::fractionKey("arrow-label-darken", 0.5,
                        "how much darker than its side an arrow's label is"),
    detail::widthKey("arrow-label-halo", 3.5, "width of the halo of an arrow's label"),
    detail::lengthKey("arrow-clearance", 9,
                      "half the width kept clear of labels along an arrow's route"),
    detail::lengthKey("marker-radius", 15, "radius of a marker symbol"),
    detail::colourKey("battle-fill", Color{0.98, 0.72, 0.15, 1}, "colour of battle stars"),
    detail::colourKey("battle-edge", Color{0.55, 0.12, 0.08, 1},
                      "colour of the outline and pulse of battle stars"),
    detail::colourKey("treaty-fill", Color{0.98, 0.96, 0.9, 1},
                      "colour of treaty markers (outlined in the text colour)"),
    detail::colourKey("fire-fill", detail::rgb(0xe8591a), "colour of fire markers"),
    detail::colourKey("massacre-fill", detail::rgb(0x3a0d10),
                      "colour of massacre markers (outlined in the halo colour)"),
    detail::colourKey("epidemic-fill", detail::rgb(0x6f8f22), "colour of epidemic markers"),
    detail::fractionKey("marker-edge-darken", 0.5,
                        "how much darker than its fill a marker's outline is"),
    detail::widthKey("marker-edge-width", 1.6, "width of a marker's outline"),
    detail::widthKey("marker-pulse-width", 2, "width of the ring pulsing around a marker"),
    detail::fractionKey("marker-pulse-opacity", 0.7,
                        "opacity of the pulsing ring around a marker as it starts"),
    detail::sizeKey("marker-label-size", 17, "type size of a marker's label"),
    detail::lengthKey("marker-label-gap", 21, "distance of a marker's label from its centre"),
    detail::widthKey("marker-label-halo", 4, "width of the halo of a marker's label"),
    detail::sizeKey("callout-size", 18, "type size of callouts"),
    detail::widthKey("callout-halo", 4, "width of the halo of callouts"),
    detail::lengthKey("callout-margin", 12,
                      "how far a callout keeps from the frame's edges (half that from the panels)"),
    detail::lengthKey("callout-clearance", 3, "space kept free of other labels around a callout"),
    detail::lengthKey("highlight-radius", 26, "radius of the ring around a highlighted place"),
    detail::widthKey("highlight-width", 4, "width of the ring around a highlighted place"),
    detail::fractionKey("highlight-fill-opacity", 0.3,
                        "opacity of the fill of a highlighted region (its edge is opaque)"),
    detail::lengthKey("hatch-spacing", 14, "distance between the lines or dots of a side's hatch"),
    detail::widthKey("hatch-width", 1.6, "width of a hatch's lines (radius of its dots)"),
    detail::fractionKey("hatch-opacity", 0.7, "opacity of a side's hatch over its fill"),
    detail::lengthKey("capital-dot", 6.5, "radius of a capital's dot"),
    detail::lengthKey("major-place-dot", 5, "radius of the dot of a place of rank 1 or 2"),
    detail::lengthKey("place-dot", 4, "radius of the dot of other places"),
    detail::sizeKey("capital-size", 21, "type size of a capital's name"),
    detail::sizeKey("major-place-size", 19, "type size of the name of a place of rank 1 or 2"),
    detail::sizeKey("place-size", 17, "type size of other places' names"),
    detail::lengthKey("place-label-gap", 5, "space between a place's dot and its name"),
    detail::widthKey("capital-ring-width", 1.8, "width of the ring of a capital's dot"),
    detail::widthKey("place-halo", 3, "width of the halo of places' names"),
    detail::fractionKey("place-halo-opacity", 0.9, "opacity of the halo of places' names"),
    detail::sizeKey("sea-label-size", 22, "type size of sea labels"),
    detail::lengthKey("sea-label-spacing", 3, "letter spacing of sea labels"),
    detail::colourKey("sea-label-colour", Color{0.25, 0.42, 0.6, 1}, "colour of sea labels"),
    detail::sizeKey("country-label-size", 21, "type size of country labels"),
    detail::lengthKey("country-label-spacing", 4, "letter spacing of country labels"),
    detail::sizeKey("river-label-size", 15, "type size of river labels"),
    detail::colourKey("river-label-colour", Color{0.2, 0.4, 0.62, 1}, "colour of river labels"),
    detail::sizeKey("region-label-size", 18, "type size of region labels"),
    detail::lengthKey("region-label-spacing", 2, "letter spacing of region labels"),
    detail::widthKey("map-label-halo", 2.5, "width of the halo of map labels"),
    detail::fractionKey("map-label-halo-opacity", 0.7, "opacity of the halo of map labels"),
    detail::lengthKey("panel-radius", 8, "corner radius of the title, date and legend cards"),
    detail::widthKey("panel-edge-width", 1, "width of the edge of the cards"),
    detail::fractionKey("panel-edge-opacity", 0.4,
                        "opacity of the cards' edge (in the border colour)"),
    detail::lengthKey("panel-shadow", 6,
                      "offset of the shadow of the title, date and legend cards"),
    detail::lengthKey("panel-margin", 6,
                      "space kept free of labels around the title, date and legend cards"),
    detail::lengthKey("title-padding", 16, "padding inside the title card"),
    detail::sizeKey("subtitle-size", 19, "type size of the subtitle"),
    detail::lengthKey("subtitle-gap", 4, "space between the title and the subtitle"),
    detail::lengthKey("date-padding", 14, "padding inside the date card"),
    detail::sizeKey("date-second-size", 24, "type size of the date in the story's second calendar"),
    detail::sizeKey("legend-size", 18, "type size of the names of the sides in the legend"),
    detail::lengthKey("legend-padding", 14, "padding inside the legend"),
    detail::lengthKey("legend-row", 30, "height of a row of the legend"),
    detail::lengthKey("legend-swatch-width", 24, "width of a side's swatch in the legend"),
    detail::lengthKey("legend-swatch-height", 18, "height of a side's swatch in the legend"),
    detail::lengthKey("legend-text-offset", 34,
                      "distance from a swatch's left edge to its side's name"),
    detail::fractionKey("legend-swatch-opacity", 0.75, "opacity of a side's swatch in the legend"),
    detail::widthKey("legend-swatch-edge-width", 1.5, "width of the edge of a swatch"),
    detail::fractionKey("legend-swatch-edge-darken", 0.35,
                        "how much darker than its side a swatch's edge is"),
    detail::lengthKey("narration-title-increase", 3,
                      "how much larger than the narration the step's title is"),
    detail::sizeKey("footnote-size", 15, "type size of the sources under the narration"),
    detail::lengthKey("narration-padding", 22, "padding inside the narration card"),
    detail::lengthKey("narration-radius", 10, "corner radius of the narration card"),
    detail::lengthKey("narration-shadow", 8, "offset of the shadow of the narration card"),
    detail::lengthKey("narration-margin", 8, "space kept free of labels around the narration card"),
}};

/// The key named `name`, or null.
[[nodiscard]] constexpr const ThemeKey* findThemeKey(std::string_view name) noexcept {
    for (const auto& key : kThemeKeys)
        if (key.name == name)
            return &key;
    return nullptr;
}

} // namespace mapreel::story
