// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace mapreel::scene {

/// Colours, fonts, sizes and opacities of a named theme at 1080p; every size scales with
/// the canvas height. Each field but seaBands and narrationCard is one key of story::kThemeKeys
/// (named in kebab-case there: `seaArrowWidth` is `sea-arrow-width`), which gives its classic
/// value; makeTheme() fills them all.
struct Theme {
    std::array<Color, 4> seaBands; ///< depth bands, shallow to deep; the last is seaDeep

    // Colours of the base map, text and panels.
    Color sea;         ///< colour of the sea
    Color seaDeep;     ///< colour of the deepest band of the sea
    Color land;        ///< colour of land in focus (all land when the map has no focus)
    Color landForeign; ///< colour of land outside the focus countries
    Color river;       ///< colour of rivers and lake shores
    Color lake;        ///< colour of lakes
    Color border;      ///< colour of borders, and the edges of panels
    Color coast;       ///< colour of coastlines
    Color text;        ///< colour of place names, callouts and marker labels
    Color halo;        ///< colour of the halo around map text, and behind lines
    Color panel;       ///< colour of the title, date, legend and narration cards
    Color panelText;   ///< colour of text on the cards
    Color muted;       ///< colour of subtitles, country and region labels, source notes
    Color accent;      ///< colour of the date, and markers without a side

    // Fonts.
    std::string fontSerif; ///< font family of place names and map labels
    std::string fontSans;  ///< font family of titles, the date, narration, arrow and marker labels

    // Widths, the sides' opacity and type sizes.
    double borderWidth = 0;   ///< width of borders (px)
    double riverWidth = 0;    ///< width of the largest rivers (smaller ones are thinner) (px)
    double sideOpacity = 0;   ///< opacity of the sides' fills over the base map (0..1)
    double frontWidth = 0;    ///< width of the edge of a front's left side (px)
    double titleSize = 0;     ///< type size of the story's title (px)
    double narrationSize = 0; ///< type size of the narration (px)
    double dateSize = 0;      ///< type size of the date (px)
    double labelSize =
        0; ///< type size of map labels; unused, as every kind of label has its own size (px)

    // Base map.
    double coastWidth = 0;       ///< width of coastlines (px)
    double lakeEdgeWidth = 0;    ///< width of lake shores (px)
    double graticuleWidth = 0;   ///< width of graticule lines (px)
    double graticuleOpacity = 0; ///< opacity of the graticule (0..1)
    Color graticuleColour;       ///< colour of the graticule
    Color outlineColour;         ///< colour of the outline of a world map (the edge of the globe)
    double outlineWidth = 0;     ///< width of the outline of a world map (px)
    Color outsideColour;         ///< colour beyond the outline of a world map
    double disputedDash = 0;     ///< dashes of disputed borders (px)
    double disputedGap = 0;      ///< gaps between dashes of disputed borders (px)

    // Fronts and territories.
    double frontEdgeDarken = 0;     ///< how much darker than its side a front's edge is (0..1)
    double territoryEdgeWidth = 0;  ///< width of the edge of a territory (px)
    double territoryEdgeDarken = 0; ///< how much darker than its side a territory's edge is (0..1)

    // Zones.
    Color zoneColour;           ///< colour of zones without a colour of their own
    double zoneOpacity = 0;     ///< opacity of a zone's fill (0..1)
    double zoneEdgeOpacity = 0; ///< opacity of a zone's edge (0..1)
    double zoneEdgeWidth = 0;   ///< width of a zone's edge (px)

    // Lines.
    Color lineColour;            ///< colour of lines without a colour of their own
    double lineWidth = 0;        ///< width of boundary and route lines (px)
    double boundaryDash = 0;     ///< dashes of boundary lines (px)
    double boundaryGap = 0;      ///< gaps between dashes of boundary lines (px)
    double demarcationWidth = 0; ///< width of demarcation lines (px)
    double frontLineWidth = 0;   ///< width of lines of style front (px)
    double routeDash = 0;        ///< dots of route lines (px)
    double routeGap = 0;         ///< gaps between dots of route lines (px)
    double lineHaloWidth = 0;    ///< how much wider than its line the halo behind it is (px)
    double lineHaloOpacity = 0;  ///< opacity of the halo behind lines (0..1)
    double lineNameSize = 0;     ///< type size of a line's name (px)
    double lineNameSpacing = 0;  ///< letter spacing of a line's name (px)
    double lineNameOffset = 0;   ///< distance of a line's name from the line (px)
    double lineNameMargin = 0;   ///< how far inside the frame a line's name stays (px)
    double lineNameHalo = 0;     ///< width of the halo of a line's name (px)

    // Arrows.
    double arrowWidth =
        0; ///< width of a land arrow's body at its head (the head is about twice as wide) (px)
    double seaArrowWidth = 0;   ///< width of a sea arrow's body at its head (px)
    double arrowOpacity = 0;    ///< opacity of a land arrow's fill (0..1)
    double arrowEdgeWidth = 0;  ///< width of a land arrow's outline (px)
    double arrowEdgeDarken = 0; ///< how much darker than its side a land arrow's outline is (0..1)
    double seaArrowLighten = 0; ///< how much lighter than its side a sea arrow's fill is (0..1)
    double seaArrowOpacity = 0; ///< opacity of a sea arrow's fill (0..1)
    double seaArrowEdgeWidth = 0; ///< width of a sea arrow's dashed outline (px)
    double seaArrowEdgeDarken =
        0;                    ///< how much darker than its side a sea arrow's outline is (0..1)
    double seaArrowDash = 0;  ///< dashes of a sea arrow's outline (px)
    double seaArrowGap = 0;   ///< gaps between dashes of a sea arrow's outline (px)
    double airArrowWidth = 0; ///< width of an air arrow's body at its head (px)
    double airTrailWidth = 0; ///< width of the dashed line along the middle of an air arrow (px)
    double retreatArrowWidth = 0;     ///< width of a retreat arrow's body at its head (px)
    double retreatArrowOpacity = 0;   ///< opacity of the pale fill inside a retreat arrow (0..1)
    double retreatArrowEdgeWidth = 0; ///< width of a retreat arrow's dashed outline (px)
    double retreatArrowDash = 0;      ///< dashes of a retreat arrow's outline (px)
    double retreatArrowGap = 0;       ///< gaps between dashes of a retreat arrow's outline (px)
    double supplyArrowWidth = 0;      ///< width of a supply line (px)
    double supplyArrowDash = 0;       ///< dashes of a supply line (px)
    double supplyArrowGap = 0;        ///< gaps between dashes of a supply line (px)
    double supplyHead = 0;            ///< length of the head of a supply line (px)
    double arrowLabelSize = 0;        ///< type size of an arrow's label (px)
    double arrowLabelGap = 0;         ///< distance of an arrow's label from its route (px)
    double arrowLabelDarken = 0;      ///< how much darker than its side an arrow's label is (0..1)
    double arrowLabelHalo = 0;        ///< width of the halo of an arrow's label (px)
    double arrowClearance = 0; ///< half the width kept clear of labels along an arrow's route (px)

    // Markers.
    double markerRadius = 0;     ///< radius of a marker symbol (px)
    Color battleFill;            ///< colour of battle stars
    Color battleEdge;            ///< colour of the outline and pulse of battle stars
    Color treatyFill;            ///< colour of treaty markers (outlined in the text colour)
    Color fireFill;              ///< colour of fire markers
    Color massacreFill;          ///< colour of massacre markers (outlined in the halo colour)
    Color epidemicFill;          ///< colour of epidemic markers
    double markerEdgeDarken = 0; ///< how much darker than its fill a marker's outline is (0..1)
    double markerEdgeWidth = 0;  ///< width of a marker's outline (px)
    double markerPulseWidth = 0; ///< width of the ring pulsing around a marker (px)
    double markerPulseOpacity =
        0;                      ///< opacity of the pulsing ring around a marker as it starts (0..1)
    double markerLabelSize = 0; ///< type size of a marker's label (px)
    double markerLabelGap = 0;  ///< distance of a marker's label from its centre (px)
    double markerLabelHalo = 0; ///< width of the halo of a marker's label (px)

    // Callouts.
    double calloutSize = 0; ///< type size of callouts (px)
    double calloutHalo = 0; ///< width of the halo of callouts (px)
    double calloutMargin =
        0; ///< how far a callout keeps from the frame's edges (half that from the panels) (px)
    double calloutClearance = 0; ///< space kept free of other labels around a callout (px)

    // Highlights.
    double highlightRadius = 0;      ///< radius of the ring around a highlighted place (px)
    double highlightWidth = 0;       ///< width of the ring around a highlighted place (px)
    double highlightFillOpacity = 0; ///< opacity of a highlighted region's fill
    double hatchSpacing = 0;         ///< between a hatch's lines or dots (px)
    double hatchWidth = 0;           ///< a hatch's line width, or dot radius (px)
    double hatchOpacity = 0;         ///< of a hatch over its side's fill

    // Places.
    double capitalDot = 0;       ///< radius of a capital's dot (px)
    double majorPlaceDot = 0;    ///< radius of the dot of a place of rank 1 or 2 (px)
    double placeDot = 0;         ///< radius of the dot of other places (px)
    double capitalSize = 0;      ///< type size of a capital's name (px)
    double majorPlaceSize = 0;   ///< type size of the name of a place of rank 1 or 2 (px)
    double placeSize = 0;        ///< type size of other places' names (px)
    double placeLabelGap = 0;    ///< space between a place's dot and its name (px)
    double capitalRingWidth = 0; ///< width of the ring of a capital's dot (px)
    double placeHalo = 0;        ///< width of the halo of places' names (px)
    double placeHaloOpacity = 0; ///< opacity of the halo of places' names (0..1)

    // Map labels.
    double seaLabelSize = 0;        ///< type size of sea labels (px)
    double seaLabelSpacing = 0;     ///< letter spacing of sea labels (px)
    Color seaLabelColour;           ///< colour of sea labels
    double countryLabelSize = 0;    ///< type size of country labels (px)
    double countryLabelSpacing = 0; ///< letter spacing of country labels (px)
    double riverLabelSize = 0;      ///< type size of river labels (px)
    Color riverLabelColour;         ///< colour of river labels
    double regionLabelSize = 0;     ///< type size of region labels (px)
    double regionLabelSpacing = 0;  ///< letter spacing of region labels (px)
    double mapLabelHalo = 0;        ///< width of the halo of map labels (px)
    double mapLabelHaloOpacity = 0; ///< opacity of the halo of map labels (0..1)

    // Panels: title, date, legend, narration.
    double panelRadius = 0;      ///< corner radius of the title, date and legend cards (px)
    double panelEdgeWidth = 0;   ///< width of the edge of the cards (px)
    double panelEdgeOpacity = 0; ///< opacity of the cards' edge (in the border colour) (0..1)
    double panelShadow = 0;      ///< offset of the shadow of the title, date and legend cards (px)
    double panelMargin =
        0; ///< space kept free of labels around the title, date and legend cards (px)
    double titlePadding = 0;        ///< padding inside the title card (px)
    double subtitleSize = 0;        ///< type size of the subtitle (px)
    double subtitleGap = 0;         ///< space between the title and the subtitle (px)
    double datePadding = 0;         ///< padding inside the date card (px)
    double dateSecondSize = 0;      ///< type size of the date in the story's second calendar (px)
    double legendSize = 0;          ///< type size of the names of the sides in the legend (px)
    double legendPadding = 0;       ///< padding inside the legend (px)
    double legendRow = 0;           ///< height of a row of the legend (px)
    double legendSwatchWidth = 0;   ///< width of a side's swatch in the legend (px)
    double legendSwatchHeight = 0;  ///< height of a side's swatch in the legend (px)
    double legendTextOffset = 0;    ///< distance from a swatch's left edge to its side's name (px)
    double legendSwatchOpacity = 0; ///< opacity of a side's swatch in the legend (0..1)
    double legendSwatchEdgeWidth = 0;  ///< width of the edge of a swatch (px)
    double legendSwatchEdgeDarken = 0; ///< how much darker than its side a swatch's edge is (0..1)
    double narrationTitleIncrease =
        0;                       ///< how much larger than the narration the step's title is (px)
    double footnoteSize = 0;     ///< type size of the sources under the narration (px)
    double narrationPadding = 0; ///< padding inside the narration card (px)
    double narrationRadius = 0;  ///< corner radius of the narration card (px)
    double narrationShadow = 0;  ///< offset of the shadow of the narration card (px)
    double narrationMargin = 0;  ///< space kept free of labels around the narration card (px)

    /// Whether frames carry the narration card (not a theme key: each output chooses, from
    /// `canvas: narration-card` or `--narration-card`). Without it the map takes the card's
    /// width and the narration is left to the page or the captions.
    bool narrationCard = true;

    bool operator==(const Theme&) const = default;
};

/// The theme by name (classic, dark, print) with the story's overrides applied
/// (`canvas: style:`, key -> value as written; unknown keys and unreadable values are
/// ignored: the story reader has reported them).
[[nodiscard]] Theme makeTheme(const std::string& name,
                              const std::map<std::string, std::string>& overrides);

/// Sets the field that theme key `key` names from `value` as a story writes it; false
/// when the key is unknown or the value is not one of its kind.
bool setThemeValue(Theme& theme, std::string_view key, const std::string& value);

} // namespace mapreel::scene
