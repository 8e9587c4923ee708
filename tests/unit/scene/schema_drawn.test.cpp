// SPDX-License-Identifier: MIT
// Every key of the story reference (schemas/story.schema.json) has a row here: a key that
// draws is set to another value in a story that uses every feature, and the frames across
// the story must change (and show the colour asked for, where the key is a colour); a key
// that does not draw says why. A key documented without a row fails the test, so no option
// can be documented without proof that it reaches the picture. Canvas style keys have their
// own table (theme_keys.hpp, tested in theme_drawn.test.cpp).
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/render/frame.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace mapreel;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

/// One key of the schema: how to set it to another value in kBase (replace `find`, which
/// must occur once, by `replace`), and the colour that must then appear; or, for a key that
/// draws nothing, why.
struct Row {
    std::string_view key;
    std::string_view find;
    std::string_view replace;
    std::string_view colour = {}; ///< "#rrggbb" that must appear once the key is set
    std::string_view notDrawn = {};
};

constexpr std::string_view kBase = R"(mapreel: 1
id: every-key
title: "Every key"
subtitle: "Each feature once"
period: [1950-06-25, 1950-09-30]
languages: [en, fr]
series: test-series
licence: "CC-BY-4.0"
credits: "Made for the test"
sources:
  - {id: book, title: "A book", author: "Author", year: "1999", publisher: "Press", url: "https://example.org/book", note: "Chapter 2"}
  - {id: atlas, title: "An atlas", author: "Mapper", year: "2001"}
canvas: {size: [1920, 1080], fps: 30, theme: classic, reading-wpm: 150, style: {land: "#eeeeee"}}
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
  focus: [AAA]
  layers: [bathymetry, land, lakes, rivers, borders]
sides:
  - {id: red, name: "Red", color: "#c4302b"}
  - {id: blue, name: "Blue", color: "#2f6db5"}
  - {id: green, name: "Green", color: "#2e8b57"}
regions:
  area: {polygon: [[10.1, 10.1], [12.9, 10.1], [12.9, 11.9], [10.1, 11.9]]}
  corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}
places:
  - {id: capital, name: "Capital", at: [10.6, 11.6], kind: capital, source: book}
  - {id: city, name: "City", at: [12.4, 11.6], rank: 2, confidence: high, note: "sure"}
  - {id: town, name: "Town", at: [11.0, 10.4], rank: 4}
fronts:
  - id: front
    region: area
    left: red
    right: blue
    pockets:
      - {id: enclave, side: red, polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]], source: book, confidence: low, note: "an enclave"}
    keyframes:
      - {date: 1950-06-25, line: [[11.5, 10.0], [11.5, 12.0]], source: book, confidence: medium, note: "first"}
      - {date: 1950-08-15, line: [[11.0, 10.0], [11.0, 12.0]], source: atlas}
territories:
  - id: held
    side: green
    name: "Held land"
    keyframes:
      - {date: 1950-06-25, region: corner, source: book, confidence: high, note: "held"}
lines:
  - {id: boundary, name: "Boundary line", style: boundary, coords: [[10.2, 11.3], [12.8, 11.3]], source: book, confidence: high, note: "drawn"}
  - {id: ring, name: "Ring", circle: {centre: [11.2, 10.9], radius-km: 20}}
  - {id: plain, coords: [[10.3, 10.15], [12.7, 10.15]]}
zones:
  - {id: zone, name: "Buffer zone", along: plain, width-km: 4, source: book, confidence: high, note: "zone"}
flows:
  - {id: army, name: "The army", side: red, unit: men, source: book, confidence: low, note: "guessed", points: [{at: [10.4, 11.85], strength: 40000, label: true, source: book, confidence: low, note: "start"}, {at: [11.5, 11.85], strength: 30000}, {at: [12.6, 11.85], strength: 10000}]}
charts:
  - {id: temp, title: "Cold", unit: "C", kind: line, corner: bottom-right, values: [{date: 1950-06-25, value: 0, source: book, confidence: high, note: "measured"}, {date: 1950-09-01, value: -10}]}
labels:
  - {id: sea, text: "Sea", at: [10.3, 10.25], kind: sea}
  - {text: "Country", at: [11.8, 11.75], kind: country}
facts:
  - {place: town, side: red, date: 1950-06-25, source: book, confidence: high, note: "town"}
steps:
  - id: one
    title: "One"
    date: 1950-06-25
    duration: 10
    cite: [book]
    narration: "Everything happens."
    actions:
      - arrow: {id: push, side: red, route: [[10.3, 10.3], [11.2, 11.2]], label: "Land arrow", source: book, confidence: medium, note: "push"}
      - marker: {kind: battle, at: [10.8, 10.6], label: "Battle", side: red, source: book, confidence: high, note: "fight"}
      - marker: {kind: capture, at: town, side: blue, label: "Taken", fact: false}
      - callout: {at: [11.5, 11.55], text: "A callout"}
      - flow: {id: army, window: [0, 0.5]}
      - highlight: {place: city}
      - highlight: {region: {polygon: [[10.9, 11.15], [11.3, 11.15], [11.3, 11.4], [10.9, 11.4]]}}
  - id: two
    title: "Two"
    date: 1950-07-25
    duration: 10
    narration: "Later."
  - id: three
    title: "Three"
    dates: [1950-08-01, 1950-09-01]
    duration: 10
    narration: "Much later."
)";

// clang-format off
const std::vector<Row> kRows = {
    // The story as a whole.
    {".mapreel", {}, {}, {}, "the format version; only 1 exists"},
    {".id", {}, {}, {}, "names the output files and the site's page, not drawn"},
    {".title", R"(title: "Every key")", R"(title: "Another title")"},
    {".subtitle", R"(subtitle: "Each feature once")", R"(subtitle: "Another subtitle")"},
    {".period", {}, {}, {}, "the span facts must lie in (facts tests), not drawn"},
    {".languages", {}, {}, {}, "which translations the story has; --lang picks one (tests/cli)"},
    {".series", {}, {}, {}, "groups stories on the site (site tests), not drawn in a map"},
    {".licence", {}, {}, {}, "shown on the site and in the handout, not in the map"},
    {".license", {}, {}, {}, "spelling of licence"},
    {".credits", {}, {}, {}, "shown on the site and in the handout, not in the map"},
    // Sources: cited in the narration's footnote.
    {"#source.id", {}, {}, {}, "referred to by cite and source"},
    {"#source.title", {}, {}, {}, "the footnote names a source by author and year"},
    {"#source.author", R"(author: "Author")", R"(author: "Writer")"},
    {"#source.year", R"(year: "1999")", R"(year: "2005")"},
    {"#source.publisher", {}, {}, {}, "in the site's and handout's source list, not the map"},
    {"#source.url", {}, {}, {}, "in the site's and handout's source list, not the map"},
    {"#source.note", {}, {}, {}, "a note for authors"},
    // Canvas.
    {"#canvas.size", "size: [1920, 1080]", "size: [1280, 720]"},
    {"#canvas.fps", {}, {}, {}, "frames per second of the video; the picture at a moment is the same (tests/cli checks the video's rate)"},
    {"#canvas.theme", "theme: classic", "theme: dark"},
    {"#canvas.reading-wpm", {}, {}, {}, "only times steps without a duration (clock tests)"},
    {"#canvas.style", R"(style: {land: "#eeeeee"})", R"(style: {land: "#abcdef"})", "#abcdef"},
    // Map.
    {"#map.projection", "projection: plate-carree", "projection: lambert-conformal"},
    {"#map.focus", "focus: [AAA]", "focus: []"},
    {"#map.layers", "layers: [bathymetry, land, lakes, rivers, borders]", "layers: [land, lakes, rivers, borders]"},
    {"#view.extent", "view: {extent: [10.0, 10.0, 13.0, 12.0]}", "view: {extent: [10.0, 10.0, 14.0, 12.0]}"},
    {"#view.centre", "view: {extent: [10.0, 10.0, 13.0, 12.0]}", "view: {centre: [11.0, 11.0], width-km: 300}"},
    {"#view.center", "view: {extent: [10.0, 10.0, 13.0, 12.0]}", "view: {center: [11.0, 11.0], width-km: 300}"},
    {"#view.width-km", "view: {extent: [10.0, 10.0, 13.0, 12.0]}", "view: {centre: [11.5, 11.0], width-km: 200}"},
    {"#layer.base", "layers: [bathymetry, land, lakes, rivers, borders]", "layers: [bathymetry, land, lakes, rivers, borders, {base: disputed}]"},
    {"#layer.fill", "layers: [bathymetry, land, lakes, rivers, borders]", R"(layers: [bathymetry, {base: land, fill: "#abcdef"}, lakes, rivers, borders])", "#abcdef"},
    {"#layer.stroke", "layers: [bathymetry, land, lakes, rivers, borders]", R"(layers: [bathymetry, land, lakes, {base: rivers, stroke: "#abcdef"}, borders])", "#abcdef"},
    {"#layer.width", "layers: [bathymetry, land, lakes, rivers, borders]", "layers: [bathymetry, land, lakes, {base: rivers, width: 6}, borders]"},
    {"#layer.above", "layers: [bathymetry, land, lakes, rivers, borders]", "layers: [bathymetry, land, lakes, {base: rivers, above: sides}, borders]"},
    {"#layer.file", "layers: [bathymetry, land, lakes, rivers, borders]", R"(layers: [bathymetry, land, {file: extra.geojson, stroke: "#abcdef"}])", "#abcdef"},
    {"#layer.layer", {}, {}, {}, "with file: which layer of a multi-layer file (GDAL adapter tests)"},
    {"#layer.where", {}, {}, {}, "with file: an attribute filter (GDAL adapter tests)"},
    // Sides.
    {"#side.id", {}, {}, {}, "referred to by fronts, territories, arrows and markers"},
    {"#side.name", R"(name: "Red")", R"(name: "Crimson")"},
    {"#side.color", R"(name: "Red", color: "#c4302b")", R"(name: "Red", color: "#abcdef")", "#abcdef"},
    {"#side.colour", R"(name: "Red", color: "#c4302b")", R"(name: "Red", colour: "#abcdef")", "#abcdef"},
    {"#side.hatch", R"(name: "Green", color: "#2e8b57")", R"(name: "Green", color: "#2e8b57", hatch: cross)"},
    // Regions.
    {"#region.polygon", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {polygon: [[12.4, 10.2], [12.8, 10.2], [12.8, 10.6], [12.4, 10.6]]}"},
    {"#region.countries", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {countries: [AAA]}"},
    {"#region.circle", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {circle: {centre: [12.6, 10.4], radius-km: 15}}"},
    {"#circle.centre", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {circle: {centre: [12.5, 10.4], radius-km: 15}}"},
    {"#circle.center", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {circle: {center: [12.5, 10.4], radius-km: 15}}"},
    {"#circle.radius-km", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {circle: {centre: [12.6, 10.4], radius-km: 25}}"},
    {"#region.file", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {file: extra.geojson}"},
    {"#region.layer", {}, {}, {}, "with file: which layer of a multi-layer file (GDAL adapter tests)"},
    {"#region.where", {}, {}, {}, "with file: an attribute filter (GDAL adapter tests)"},
    {"#region.union", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {union: [{polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}, {polygon: [[10.2, 10.2], [10.4, 10.2], [10.4, 10.4], [10.2, 10.4]]}]}"},
    {"#region.intersection", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {intersection: [{polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}, {polygon: [[10.2, 10.2], [10.4, 10.2], [10.4, 10.4], [10.2, 10.4]]}]}"},
    {"#region.difference", "corner: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}", "corner: {difference: [{polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}, {polygon: [[12.4, 10.1], [12.9, 10.1], [12.9, 10.6], [12.4, 10.6]]}]}"},
    // Places.
    {"#place.id", {}, {}, {}, "referred to by facts, highlights and visibility"},
    {"#place.name", R"(name: "Capital")", R"(name: "Metropolis")"},
    {"#place.at", "at: [10.6, 11.6], kind: capital", "at: [10.7, 11.5], kind: capital"},
    {"#place.kind", "kind: capital, source: book", "kind: town, source: book"},
    {"#place.rank", "rank: 4}", "rank: 1}"},
    {"#place.label", R"(name: "Town", at: [11.0, 10.4], rank: 4)", R"(name: "Town", at: [11.0, 10.4], rank: 4, label: left)"},
    {"#place.visible", R"(name: "Town", at: [11.0, 10.4], rank: 4)", R"(name: "Town", at: [11.0, 10.4], rank: 4, visible: {from: 1950-08-01})"},
    {"#place.source", {}, {}, {}, "provenance: in check, the site's sources and the handout"},
    {"#place.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#place.note", {}, {}, {}, "a note for authors"},
    // Visibility (on a place, a line, a zone and a label).
    {"#visible.from", R"(rank: 4)", R"(rank: 4, visible: {from: 1950-08-01})"},
    {"#visible.to", R"(rank: 4)", R"(rank: 4, visible: {to: 1950-07-01})"},
    {"#visible.steps", R"(rank: 4)", R"(rank: 4, visible: {steps: [two, three]})"},
    // Fronts.
    {"#front.id", {}, {}, {}, "referred to by show and hide"},
    {"#front.region", "    region: area\n", "    region: corner\n"},
    {"#front.left", "    left: red\n    right: blue\n", "    left: green\n    right: red\n"},
    {"#front.right", "    right: blue\n", "    right: green\n"},
    {"#keyframe.date", "{date: 1950-08-15, line:", "{date: 1950-07-10, line:"},
    {"#keyframe.line", "line: [[11.0, 10.0], [11.0, 12.0]]", "line: [[10.8, 10.0], [11.3, 12.0]]"},
    {"#keyframe.pockets", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas}", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas, pockets: [{side: blue, polygon: [[10.3, 11.5], [10.5, 11.5], [10.5, 11.7], [10.3, 11.7]]}]}"},
    {"#keyframe.pockets[].side", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas}", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas, pockets: [{side: red, polygon: [[12.3, 11.5], [12.5, 11.5], [12.5, 11.7], [12.3, 11.7]]}]}"},
    {"#keyframe.pockets[].polygon", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas}", "line: [[11.0, 10.0], [11.0, 12.0]], source: atlas, pockets: [{side: blue, polygon: [[10.2, 11.2], [10.5, 11.2], [10.5, 11.7], [10.2, 11.7]]}]}"},
    {"#keyframe.pockets[].id", {}, {}, {}, "names the pocket in messages"},
    {"#keyframe.pockets[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#keyframe.pockets[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#keyframe.pockets[].note", {}, {}, {}, "a note for authors"},
    {"#keyframe.source", {}, {}, {}, "provenance: in check and the site"},
    {"#keyframe.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#keyframe.note", {}, {}, {}, "a note for authors"},
    {"#front.pockets[].side", "{id: enclave, side: red,", "{id: enclave, side: blue,"},
    {"#front.pockets[].polygon", "polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]]", "polygon: [[12.0, 11.4], [12.3, 11.4], [12.3, 11.7], [12.0, 11.7]]"},
    {"#front.pockets[].keyframes", "polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]], source: book", "keyframes: [{date: 1950-06-25, polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]]}, {date: 1950-09-01, polygon: none}], source: book"},
    {"#front.pockets[].keyframes[].date", "polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]], source: book", "keyframes: [{date: 1950-08-01, polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]]}], source: book"},
    {"#front.pockets[].keyframes[].polygon", "polygon: [[12.1, 11.5], [12.3, 11.5], [12.3, 11.7], [12.1, 11.7]], source: book", "keyframes: [{date: 1950-06-25, polygon: [[12.0, 11.5], [12.3, 11.5], [12.3, 11.7], [12.0, 11.7]]}], source: book"},
    {"#front.pockets[].keyframes[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#front.pockets[].keyframes[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#front.pockets[].keyframes[].note", {}, {}, {}, "a note for authors"},
    {"#front.pockets[].id", {}, {}, {}, "names the pocket in messages"},
    {"#front.pockets[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#front.pockets[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#front.pockets[].note", {}, {}, {}, "a note for authors"},
    // Territories.
    {"#territory.id", {}, {}, {}, "referred to by show and hide"},
    {"#territory.side", "    side: green\n", "    side: blue\n"},
    {"#territory.name", R"(name: "Held land")", R"(name: "Occupied land")"},
    {"#territory.keyframes[].date", "{date: 1950-06-25, region: corner", "{date: 1950-08-01, region: corner"},
    {"#territory.keyframes[].region", "region: corner, source: book", "region: area, source: book"},
    {"#territory.keyframes[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#territory.keyframes[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#territory.keyframes[].note", {}, {}, {}, "a note for authors"},
    // Lines.
    {"#line.id", {}, {}, {}, "referred to by zones, show and hide"},
    {"#line.name", R"(name: "Boundary line")", R"(name: "Border line")"},
    {"#line.style", "style: boundary, coords", "style: front, coords"},
    {"#line.coords", "coords: [[10.2, 11.3], [12.8, 11.3]]", "coords: [[10.2, 11.2], [12.8, 11.4]]"},
    {"#line.color", "style: boundary, coords", R"(style: boundary, color: "#abcdef", coords)", "#abcdef"},
    {"#line.colour", "style: boundary, coords", R"(style: boundary, colour: "#abcdef", coords)", "#abcdef"},
    {"#line.geodesic", "coords: [[10.2, 11.3], [12.8, 11.3]]", "coords: [[10.2, 11.3], [12.8, 11.3]], geodesic: true"},
    {"#line.circle", "circle: {centre: [11.2, 10.9], radius-km: 20}", "circle: {centre: [11.2, 10.9], radius-km: 30}"},
    {"#circleLine.centre", "circle: {centre: [11.2, 10.9], radius-km: 20}", "circle: {centre: [11.4, 10.9], radius-km: 20}"},
    {"#circleLine.center", "circle: {centre: [11.2, 10.9], radius-km: 20}", "circle: {center: [11.4, 10.9], radius-km: 20}"},
    {"#circleLine.radius-km", "circle: {centre: [11.2, 10.9], radius-km: 20}", "circle: {centre: [11.2, 10.9], radius-km: 35}"},
    {"#circleLine.bearings", "circle: {centre: [11.2, 10.9], radius-km: 20}", "circle: {centre: [11.2, 10.9], radius-km: 20, bearings: [0, 180]}"},
    {"#line.visible", "coords: [[10.2, 11.3], [12.8, 11.3]]", "coords: [[10.2, 11.3], [12.8, 11.3]], visible: {steps: [two, three]}"},
    {"#line.source", {}, {}, {}, "provenance: in check and the site"},
    {"#line.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#line.note", {}, {}, {}, "a note for authors"},
    // Zones.
    {"#zone.id", {}, {}, {}, "referred to by show and hide"},
    {"#zone.along", "along: plain", "along: boundary"},
    {"#zone.width-km", "width-km: 4", "width-km: 12"},
    {"#zone.color", "{id: zone,", R"({id: zone, color: "#abcdef",)", "#abcdef"},
    {"#zone.colour", "{id: zone,", R"({id: zone, colour: "#abcdef",)", "#abcdef"},
    {"#zone.name", R"(name: "Buffer zone")", R"(name: "Neutral zone")"},
    {"#zone.visible", "width-km: 4,", "width-km: 4, visible: {steps: [two, three]},"},
    {"#zone.source", {}, {}, {}, "provenance: in check and the site"},
    {"#zone.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#zone.note", {}, {}, {}, "a note for authors"},
    // Labels.
    {"#label.id", {}, {}, {}, "referred to by show and hide"},
    {"#label.text", R"(text: "Sea")", R"(text: "Ocean")"},
    {"#label.at", "at: [10.3, 10.25], kind: sea", "at: [10.5, 10.25], kind: sea"},
    {"#label.kind", "at: [10.3, 10.25], kind: sea", "at: [10.3, 10.25], kind: region"},
    {"#label.angle", "at: [10.3, 10.25], kind: sea", "at: [10.3, 10.25], kind: sea, angle: 30"},
    {"#label.visible", "at: [10.3, 10.25], kind: sea", "at: [10.3, 10.25], kind: sea, visible: {to: 1950-07-01}"},
    // Facts: stated, checked by `mapreel check`, never drawn.
    {"#fact.place", {}, {}, {}, "facts are checked by check, not drawn (facts tests)"},
    {"#fact.at", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.country", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.side", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.date", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.dates", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.label", {}, {}, {}, "facts are checked by check, not drawn"},
    {"#fact.source", {}, {}, {}, "provenance: in check and the site"},
    {"#fact.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#fact.note", {}, {}, {}, "a note for authors"},
    // Steps.
    {"#step.id", {}, {}, {}, "names the step in deep links, --step and until"},
    {"#step.title", R"(title: "Two")", R"(title: "Second")"},
    {"#step.date", "date: 1950-07-25", "date: 1950-08-25"},
    {"#step.dates", "dates: [1950-08-01, 1950-09-01]", "dates: [1950-08-01, 1950-09-20]"},
    {"#step.precision", "    date: 1950-07-25\n", "    date: 1950-07-25\n    precision: month\n"},
    {"#step.flashback", {}, {}, {}, "silences the warning for a step that goes back in time"},
    {"#step.duration", "    duration: 10\n    narration: \"Later.\"", "    duration: 14\n    narration: \"Later.\""},
    {"#step.narration", R"(narration: "Later.")", R"(narration: "Much later than that.")"},
    {"#step.cite", "    cite: [book]\n", "    cite: [atlas]\n"},
    {"#step.camera", "    date: 1950-07-25\n", "    date: 1950-07-25\n    camera: {centre: [11.0, 11.0], width-km: 120}\n"},
    {"#step.audio", {}, {}, {}, "recorded narration; heard, not drawn (audio tests)"},
    // Actions.
    {"#action.arrow.side", "arrow: {id: push, side: red,", "arrow: {id: push, side: blue,"},
    {"#action.arrow.route", "route: [[10.3, 10.3], [11.2, 11.2]]", "route: [[10.3, 10.3], [10.9, 11.4]]"},
    {"#action.arrow.style", R"(label: "Land arrow")", R"(label: "Land arrow", style: sea)"},
    {"#action.arrow.geodesic", R"(label: "Land arrow")", R"(label: "Land arrow", geodesic: true)"},
    {"#action.arrow.label", R"(label: "Land arrow")", R"(label: "Attack")"},
    {"#action.arrow.window", R"(label: "Land arrow")", R"(label: "Land arrow", window: [0.4, 0.6])"},
    {"#action.arrow.until", R"(label: "Land arrow")", R"(label: "Land arrow", until: three)"},
    {"#action.arrow.label-at", R"(label: "Land arrow")", R"(label: "Land arrow", label-at: along)"},
    {"#action.arrow.id", {}, {}, {}, "referred to by show and hide"},
    {"#action.arrow.source", {}, {}, {}, "provenance: in check and the site"},
    {"#action.arrow.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#action.arrow.note", {}, {}, {}, "a note for authors"},
    {"#action.marker.kind", "marker: {kind: battle,", "marker: {kind: landing,"},
    {"#action.marker.at", "at: [10.8, 10.6]", "at: [10.9, 10.7]"},
    {"#action.marker.label", R"(label: "Battle")", R"(label: "Fight")"},
    {"#action.marker.side", R"(label: "Battle", side: red)", R"(label: "Battle", side: blue)"},
    {"#action.marker.window", R"(label: "Battle", side: red)", R"(label: "Battle", side: red, window: [0.5, 0.7])"},
    {"#action.marker.until", R"(label: "Battle", side: red)", R"(label: "Battle", side: red, until: two)"},
    {"#action.marker.pulse", R"(label: "Taken", fact: false)", R"(label: "Taken", fact: false, pulse: true)"},
    {"#action.marker.label-at", R"(label: "Taken", fact: false)", R"(label: "Taken", label-at: left, fact: false)"},
    {"#action.marker.fact", {}, {}, {}, "whether the marker states a fact for check (facts tests)"},
    {"#action.marker.source", {}, {}, {}, "provenance: in check and the site"},
    {"#action.marker.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#action.marker.note", {}, {}, {}, "a note for authors"},
    {"#action.callout.at", "at: [11.5, 11.55], text", "at: [11.2, 11.55], text"},
    {"#action.callout.label-at", R"(text: "A callout")", R"(text: "A callout", label-at: below)"},
    {"#action.callout.text", R"(text: "A callout")", R"(text: "Another callout")"},
    {"#action.callout.window", R"(text: "A callout")", R"(text: "A callout", window: [0.5, 0.7])"},
    {"#action.callout.until", R"(text: "A callout")", R"(text: "A callout", until: three)"},
    {"#action.highlight.place", "highlight: {place: city}", "highlight: {place: town}"},
    {"#action.highlight.region", "highlight: {region: {polygon: [[10.9, 11.15], [11.3, 11.15], [11.3, 11.4], [10.9, 11.4]]}}", "highlight: {region: corner}"},
    {"#action.highlight.color", "highlight: {place: city}", R"(highlight: {place: city, color: "#abcdef"})", "#abcdef"},
    {"#action.highlight.window", "highlight: {place: city}", "highlight: {place: city, window: [0.5, 0.7]}"},
    {"#action.show.target", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - show: sea\n"},
    {"#action.show.window", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - hide: {target: sea, window: [0.5, 0.6]}\n      - show: {target: sea, window: [0.8, 0.9]}\n"},
    {"#action.hide.target", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - hide: sea\n"},
    {"#action.hide.window", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - hide: {target: sea, window: [0.5, 0.6]}\n"},
    {"#action.image.file", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - image: {file: picture.png}\n"},
    {"#action.image.caption", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - image: {file: picture.png, caption: \"A picture\"}\n"},
    {"#action.image.credit", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - image: {file: picture.png, credit: \"Archive\"}\n"},
    {"#action.image.window", "      - highlight: {place: city}\n", "      - highlight: {place: city}\n      - image: {file: picture.png, window: [0.5, 0.7]}\n"},
    // Quantities: flow bands and charts.
    {"#flow.id", {}, {}, {}, "named by flow actions"},
    {"#flow.name", {}, {}, {}, "for other authors; the legend shows the scale, not the name"},
    {"#flow.side", "{id: army, name: \"The army\", side: red,", "{id: army, name: \"The army\", side: blue,"},
    {"#flow.color", "side: red, unit: men", R"(side: red, color: "#abcdef", unit: men)", "#abcdef"},
    {"#flow.colour", "side: red, unit: men", R"(side: red, colour: "#abcdef", unit: men)", "#abcdef"},
    {"#flow.unit", "unit: men", "unit: horses"},
    {"#flow.scale.strength", "unit: men,", "unit: men, scale: {strength: 20000, width: 10},"},
    {"#flow.scale.width", "unit: men,", "unit: men, scale: {strength: 10000, width: 30},"},
    {"#flow.points[].at", "{at: [11.5, 11.85], strength: 30000}", "{at: [11.5, 11.6], strength: 30000}"},
    {"#flow.points[].strength", "{at: [11.5, 11.85], strength: 30000}", "{at: [11.5, 11.85], strength: 5000}"},
    {"#flow.points[].label", "{at: [11.5, 11.85], strength: 30000}", "{at: [11.5, 11.85], strength: 30000, label: \"Halfway\"}"},
    {"#flow.points[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#flow.points[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#flow.points[].note", {}, {}, {}, "a note for authors"},
    {"#flow.source", {}, {}, {}, "provenance: in check and the site"},
    {"#flow.confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#flow.note", {}, {}, {}, "a note for authors"},
    {"#action.flow.id", {}, {}, {}, "names the flow the action grows"},
    {"#action.flow.to", "flow: {id: army, window: [0, 0.5]}", "flow: {id: army, to: 2, window: [0, 0.5]}"},
    {"#action.flow.window", "flow: {id: army, window: [0, 0.5]}", "flow: {id: army, window: [0.4, 0.9]}"},
    {"#action.flow.until", "flow: {id: army, window: [0, 0.5]}", "flow: {id: army, window: [0, 0.5], until: three}"},
    {"#chart.id", {}, {}, {}, "named by show and hide"},
    {"#chart.title", R"(title: "Cold")", R"(title: "Temperature")"},
    {"#chart.unit", R"(unit: "C")", R"(unit: "F")"},
    {"#chart.kind", "kind: line", "kind: bars"},
    {"#chart.corner", "corner: bottom-right", "corner: top-left"},
    {"#chart.color", "kind: line,", R"(kind: line, color: "#abcdef",)", "#abcdef"},
    {"#chart.colour", "kind: line,", R"(kind: line, colour: "#abcdef",)", "#abcdef"},
    {"#chart.values[].date", "{date: 1950-09-01, value: -10}", "{date: 1950-07-01, value: -10}"},
    {"#chart.values[].value", "{date: 1950-09-01, value: -10}", "{date: 1950-09-01, value: -30}"},
    {"#chart.values[].source", {}, {}, {}, "provenance: in check and the site"},
    {"#chart.values[].confidence", {}, {}, {}, "provenance: in check and the site"},
    {"#chart.values[].note", {}, {}, {}, "a note for authors"},
    // The author's legend (against the automatic one), the calendar, world maps, the card.
    {"#legendEntry.side", "facts:\n", "legend:\n  - side: red\nfacts:\n"},
    {"#legendEntry.arrow", "facts:\n", "legend:\n  - arrow: advance\nfacts:\n"},
    {"#legendEntry.marker", "facts:\n", "legend:\n  - marker: battle\nfacts:\n"},
    {"#legendEntry.zone", "facts:\n", "legend:\n  - zone: zone\nfacts:\n"},
    {"#legendEntry.line", "facts:\n", "legend:\n  - line: boundary\nfacts:\n"},
    {"#legendEntry.label", "facts:\n", "legend:\n  - {side: red, label: \"Reds\"}\nfacts:\n"},
    {".calendar", "credits: \"Made for the test\"\n", "credits: \"Made for the test\"\ncalendar: julian\n"},
    {"#map.graticule", "  focus: [AAA]\n", "  focus: [AAA]\n  graticule: 1\n"},
    {"#map.world-labels", "  focus: [AAA]\n", "  focus: [AAA]\n  world-labels: true\n"},
    {"#canvas.narration-card", "theme: classic,", "theme: classic, narration-card: off,"},
    {"#action.marker.image", "marker: {kind: battle,", "marker: {image: picture.png, kind: battle,"},
};
// clang-format on

/// Every key of the schema, as a path: `.title`, `#place.name` for a key of a definition
/// (written once, wherever it is used), `[]` for the items of a list, `.*` for the values
/// of a map. `containers` gets the keys whose value holds keys of its own.
struct SchemaKeys {
    std::set<std::string> keys;
    std::set<std::string> containers;
};

class SchemaWalker {
public:
    explicit SchemaWalker(YAML::Node root) : root_(std::move(root)) {}

    SchemaKeys walk() {
        visit(root_, "");
        return std::move(out_);
    }

private:
    /// Visits `node` at `path`; returns whether it (or what it refers to) holds keys.
    bool visit(const YAML::Node& node, const std::string& path) {
        if (!node.IsMap())
            return false;
        bool holdsKeys = false;
        if (const auto ref = node["$ref"]) {
            const std::string name = ref.as<std::string>().substr(std::string("#/$defs/").size());
            if (!walked_.contains(name)) {
                walked_[name] = false;
                walked_[name] = visit(root_["$defs"][name], "#" + name);
            }
            holdsKeys |= walked_[name];
        }
        if (const auto props = node["properties"]) {
            for (const auto& p : props) {
                const std::string key = path + "." + p.first.as<std::string>();
                out_.keys.insert(key);
                if (visit(p.second, key))
                    out_.containers.insert(key);
                holdsKeys = true;
            }
        }
        if (const auto items = node["items"]; items && items.IsMap())
            holdsKeys |= visit(items, path + "[]");
        if (const auto values = node["additionalProperties"]; values && values.IsMap())
            holdsKeys |= visit(values, path + ".*");
        for (const char* k : {"oneOf", "anyOf", "allOf"})
            if (const auto list = node[k])
                for (const auto& alt : list)
                    holdsKeys |= visit(alt, path);
        for (const char* k : {"if", "then", "else"})
            if (const auto sub = node[k])
                holdsKeys |= visit(sub, path);
        return holdsKeys;
    }

    YAML::Node root_;
    std::map<std::string, bool> walked_;
    SchemaKeys out_;
};

SchemaKeys schemaKeys() {
    return SchemaWalker(
               YAML::LoadFile(std::string(MAPREEL_SOURCE_DIR) + "/schemas/story.schema.json"))
        .walk();
}

/// The story's folder: the files that keys name (a GeoJSON layer, a picture).
std::filesystem::path storyFolder() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / "mapreel-schema-drawn";
        std::filesystem::create_directories(d);
        std::ofstream(d / "extra.geojson") << "{}";
        // An 8x8 PNG, white.
        static const unsigned char png[] = {
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
            0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x02,
            0x00, 0x00, 0x00, 0x4b, 0x6d, 0x29, 0xdc, 0x00, 0x00, 0x00, 0x12, 0x49, 0x44,
            0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0x04, 0x0c, 0x0c, 0x8c, 0x44, 0x70,
            0x00, 0x00, 0x1c, 0x00, 0x7f, 0x81, 0x4e, 0x3a, 0x23, 0x00, 0x00, 0x00, 0x00,
            0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
        std::ofstream(d / "picture.png", std::ios::binary)
            .write(reinterpret_cast<const char*>(png), sizeof png);
        return d;
    }();
    return dir;
}

/// Plate carrée sheared by an amount that depends on the projection's definition, so that
/// the choice of projection shows in the picture on fake services too.
class ShearedProjector final : public geo::Projector {
public:
    explicit ShearedProjector(std::string definition)
        : definition_(std::move(definition)),
          shear_(static_cast<double>(std::hash<std::string>{}(definition_) % 97) / 400) {}
    [[nodiscard]] std::optional<Point> forward(Point lonLat) const override {
        auto p = plain_.forward(lonLat);
        if (p)
            p->x += p->y * shear_;
        return p;
    }
    [[nodiscard]] std::optional<Point> inverse(Point xy) const override {
        return plain_.inverse({xy.x - xy.y * shear_, xy.y});
    }
    [[nodiscard]] std::string definition() const override { return definition_; }

private:
    mapreel::testing::FakeProjector plain_;
    std::string definition_;
    double shear_;
};

class ShearedProjectorFactory final : public geo::ProjectorFactory {
public:
    [[nodiscard]] std::unique_ptr<geo::Projector> create(const std::string& definition) override {
        return std::make_unique<ShearedProjector>(definition);
    }
};

/// The frames of a story every half second, on the fake geo services.
std::vector<scene::Scene> frames(std::string_view yaml) {
    FakeGeo geo;
    mapreel::testing::serveBaseData(geo);
    geo::Feature extra; // what extra.geojson holds: a line and an area
    extra.lines = {{{10.4, 10.8}, {12.6, 10.9}}};
    extra.polygons = {mapreel::testing::square(10.3, 10.3, 0.3)};
    geo.features.add("extra.geojson", extra);
    geo::Feature sea; // a name from the world labels
    sea.points = {{11.6, 10.6}};
    sea.attributes = {
        {"name", "Mare Nostrum"}, {"kind", "sea"}, {"min_zoom", "0"}, {"max_zoom", "30"}};
    geo.features.add("geography-labels.geojson.gz", sea);
    auto loaded = story::loadStoryFromText(yaml, (storyFolder() / "story.yaml").string());
    if (!loaded)
        throw std::runtime_error(format(loaded.error().items().front()));
    auto story = std::make_shared<const story::Story>(std::move(loaded->story));
    ShearedProjectorFactory projectors;
    geo::Services services{geo.features, projectors, geo.ops, geo.geodesic, "/fake-data"};
    const timeline::Timeline tl(story, services, "");
    const auto theme = render::themeOf(*story);
    FixedTextMeasurer measurer;
    std::vector<scene::Scene> out;
    for (double t = 0; t <= tl.clock().duration(); t += 0.5)
        out.push_back(
            scene::evaluate(tl, t, theme, measurer, story->canvas.width, story->canvas.height));
    return out;
}

/// Whether `colour` is drawn anywhere in the frames.
bool drawsColour(const std::vector<scene::Scene>& scenes, const Color& colour) {
    auto same = [&](const Color& c) {
        return std::abs(c.r - colour.r) < 1e-3 && std::abs(c.g - colour.g) < 1e-3 &&
               std::abs(c.b - colour.b) < 1e-3 && c.a > 0;
    };
    auto in = [&](const scene::Item& item) {
        return std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, scene::ClippedGroup>) {
                    for (const auto& f : x.fills)
                        if (same(f.color))
                            return true;
                    for (const auto& s : x.strokes)
                        if (same(s.color))
                            return true;
                    return false;
                } else if constexpr (std::is_same_v<T, scene::Panel>) {
                    return same(x.fill) || same(x.stroke);
                } else if constexpr (std::is_same_v<T, scene::Picture>) {
                    return false;
                } else {
                    return same(x.color);
                }
            },
            item);
    };
    for (const auto& s : scenes)
        for (const auto* list : {&s.base, &s.items, &s.overlay, &s.top})
            for (const auto& item : *list)
                if (in(item))
                    return true;
    return false;
}

std::string replaced(std::string_view base, const Row& row) {
    std::string text(base);
    const auto at = text.find(row.find);
    text.replace(at, row.find.size(), row.replace);
    return text;
}

} // namespace

TEST(SchemaKeys, EveryKeyHasARowAndEveryRowAKey) {
    const auto schema = schemaKeys();
    std::set<std::string> rowKeys;
    for (const auto& row : kRows) {
        EXPECT_TRUE(rowKeys.insert(std::string(row.key)).second) << row.key << " has two rows";
        EXPECT_TRUE(schema.keys.contains(std::string(row.key)))
            << row.key << " has a row but is not in the schema";
        EXPECT_FALSE(schema.containers.contains(std::string(row.key)) && row.notDrawn.empty() &&
                     row.find.empty())
            << row.key;
    }
    for (const auto& key : schema.keys) {
        if (key.starts_with("#canvas.style.") || schema.containers.contains(key))
            continue; // the theme keys' own table; keys whose own keys have rows
        EXPECT_TRUE(rowKeys.contains(key))
            << key << " is in the schema but has no row: show that it draws, or say why not";
    }
}

TEST(SchemaKeys, EveryDrawingKeyChangesThePicture) {
    const auto base = frames(kBase);
    for (const auto& row : kRows) {
        if (!row.notDrawn.empty()) {
            EXPECT_TRUE(row.find.empty()) << row.key;
            continue;
        }
        ASSERT_FALSE(row.find.empty()) << row.key << " neither draws nor says why not";
        const auto first = kBase.find(row.find);
        ASSERT_NE(first, std::string_view::npos) << row.key << ": '" << row.find << "' not found";
        ASSERT_EQ(kBase.find(row.find, first + 1), std::string_view::npos)
            << row.key << ": '" << row.find << "' is not unique";
        std::vector<scene::Scene> changed;
        try {
            changed = frames(replaced(kBase, row));
        } catch (const std::exception& e) {
            ADD_FAILURE() << row.key << ": the story with the key set does not load: " << e.what();
            continue;
        }
        EXPECT_TRUE(changed != base) << row.key << " changes nothing in the picture";
        if (!row.colour.empty()) {
            const auto colour = parseColor(std::string(row.colour));
            ASSERT_TRUE(colour) << row.key;
            EXPECT_FALSE(drawsColour(base, *colour)) << row.key << ": the base already draws it";
            EXPECT_TRUE(drawsColour(changed, *colour))
                << row.key << " does not draw the colour asked for, " << row.colour;
        }
    }
}
