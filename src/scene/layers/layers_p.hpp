// SPDX-License-Identifier: MIT
#pragma once
// One builder per layer: each appends the layer's items to the frame's display list, in
// the order evaluate() calls them. Private to src/scene.

#include "scene/frame_p.hpp"

#include <string>
#include <vector>

namespace mapreel::scene::detail {

/// Sea bands, land, lakes, rivers, graticule and borders, into the cacheable base.
void appendBase(Frame& f);
/// The base layers marked `above: sides`, over the fronts and territories.
void appendBaseAboveSides(Frame& f);
/// Each front's two sides, clipped to the front's region, with the left side's edge.
void appendFronts(Frame& f);
/// Territories, cross-fading from each keyframe's area to the next, into `out`.
void appendTerritories(Frame& f, std::vector<Item>& out);
/// Whether the territories can be drawn with the cacheable base: the map has no fronts (which
/// are drawn under them) and no territory is cross-fading at this moment. Then `key` gains
/// which keyframe each territory shows, so the base is drawn again when one changes.
bool territoriesSettled(const Frame& f, std::uint64_t& key);
/// Zones: buffered areas along lines.
void appendZones(Frame& f);
/// Zones' names, along them or beside them: over the lines, which may run down a zone.
void appendZoneNames(Frame& f);
/// Lines (boundaries, demarcation lines, fronts, routes).
void appendLines(Frame& f);
/// The lines' names, along them, where they have room.
void appendLineNames(Frame& f);
/// Territories' names inside their areas, where they have room.
void appendTerritoryNames(Frame& f);
/// Boxes along the route of every arrow on screen, so that arrow and marker labels sit
/// beside the arrows rather than on them. Places may still sit on arrows: routes run through towns.
void reserveArrows(Frame& f);
/// Arrows growing along their routes, with their labels.
void appendArrows(Frame& f);
/// Marker symbols are small and must stay visible: arrow labels are placed around them.
void reserveMarkers(Frame& f);
/// Marker symbols (battles, captures, landings, ...) with their labels.
void appendMarkers(Frame& f);
/// Authored notes on the map: always shown, so places and map labels give way to them.
void appendCallouts(Frame& f);
/// Place dots and names, most important first, where they fit.
void appendPlaces(Frame& f);
/// Free labels (seas, countries, rivers, regions), where they fit.
void appendMapLabels(Frame& f);
/// Names of oceans, seas and continents (the map's `world-labels`) at the zoom levels they
/// suit, where they fit after the story's own labels.
void appendGeographyLabels(Frame& f);
/// Rings pulsing once over the places highlighted by the steps.
void appendHighlights(Frame& f);
/// The legend: the author's rows, or the sides, arrow styles and named zones on the map.
void appendLegend(Frame& f, std::vector<Item>& panels);
/// Flow bands growing along their routes, with the values written at their points.
/// A step's pictures in a card left of the map, with caption and credit.
void appendPictures(Frame& f, std::vector<Item>& panels);
void appendFlows(Frame& f);
/// The values at the flows' points, where they have room once the authored labels are placed.
void appendFlowValues(Frame& f);
/// The scale of the flow bands on screen, in a card over the legend of the sides.
void appendFlowLegend(Frame& f, std::vector<Item>& panels);
/// Charts of dated values, drawn up to the date on screen, in their corners.
void appendCharts(Frame& f);
/// Where a chart's card goes in `corner`: clear of the title, date, legend and narration.
[[nodiscard]] Rect chartBox(const Frame& f, story::Corner corner);
/// `v` with its digits grouped as `lang` writes them (1,000 / 1 000 / 1.000), whole
/// from 100 up and to a tenth below; a true minus sign.
[[nodiscard]] std::string groupedNumber(double v, const std::string& lang);
/// Pixels (at 1080 lines) per unit of strength of a flow: its `scale`, else the one the
/// flows of its unit share, whose strongest point is 40 pixels wide.
[[nodiscard]] double flowPixelsPerUnit(const timeline::Timeline& tl, const story::Flow& flow);
/// The title block, date, legend and narration card. The date goes straight to the
/// scene's top list; the rest into `panels`. Called first: panels reserve their space.
void appendPanels(Frame& f, std::vector<Item>& panels);

} // namespace mapreel::scene::detail
