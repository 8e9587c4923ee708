// SPDX-License-Identifier: MIT
#pragma once
// One builder per layer: each appends the layer's items to the frame's display list, in
// the order evaluate() calls them. Private to src/scene.

#include "scene/frame_p.hpp"

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
/// Lines (boundaries, demarcation lines, fronts, routes) with their names along them.
void appendLines(Frame& f);
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
/// The title block, date, legend and narration card. The date goes straight to the
/// scene's top list; the rest into `panels`. Called first: panels reserve their space.
void appendPanels(Frame& f, std::vector<Item>& panels);

} // namespace mapreel::scene::detail
