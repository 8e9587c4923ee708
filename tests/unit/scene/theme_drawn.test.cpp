// SPDX-License-Identifier: MIT
// Every theme key changes the picture: a story that uses every layer, marker kind, line
// style and panel is evaluated with the classic theme and with each key overridden, on
// fake geo services; the display lists must differ (a documented key that draws nothing
// would be a lie).
#include "support/fake_base_data.hpp"
#include "support/fake_geo.hpp"
#include "support/recording_canvas.hpp"
#include "support/theme_values.hpp"

#include "mapreel/scene/evaluate.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/story/theme_keys.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace mapreel;
using mapreel::story::ThemeKeyKind;
using mapreel::testing::FakeGeo;
using mapreel::testing::FixedTextMeasurer;

namespace {

/// Keys documented as drawing nothing today.
const std::set<std::string_view> kUnusedKeys = {
    "label-size", // every kind of map label has its own size key
};

constexpr const char* kStory = R"(mapreel: 1
id: everything
title: "Everything"
subtitle: "Every layer, symbol and panel"
calendar: julian
sources:
  - {id: book, title: "A book", author: "Author", year: "1999"}
map:
  projection: plate-carree
  view: {extent: [10.0, 10.0, 13.0, 12.0]}
  focus: [AAA]
  layers: [bathymetry, land, lakes, rivers, borders, disputed, graticule]
sides:
  - {id: red, name: "Red", color: "#c4302b"}
  - {id: blue, name: "Blue", color: "#2f6db5", hatch: cross}
regions:
  area: {polygon: [[10.1, 10.1], [12.9, 10.1], [12.9, 11.9], [10.1, 11.9]]}
places:
  - {id: capital, name: "Capital", at: [10.6, 11.6], kind: capital}
  - {id: city, name: "City", at: [12.4, 11.6], rank: 2}
  - {id: town, name: "Town", at: [11.0, 10.4], rank: 4}
  - {id: port, name: "Eastport", at: [12.5, 10.45], rank: 2}
fronts:
  - id: front
    region: area
    left: red
    right: blue
    keyframes:
      - {date: 1950-06-25, line: [[11.5, 10.0], [11.5, 12.0]]}
territories:
  - id: held
    side: blue
    keyframes:
      - {date: 1950-06-25, region: {polygon: [[12.5, 10.2], [12.8, 10.2], [12.8, 10.5], [12.5, 10.5]]}}
lines:
  - {id: boundary, name: "Boundary line", style: boundary, coords: [[10.2, 11.3], [12.8, 11.3]]}
  - {id: demarcation, name: "Demarcation line", style: demarcation, coords: [[10.2, 10.9], [12.8, 10.9]]}
  - {id: front-line, name: "Front line", style: front, coords: [[10.2, 10.7], [12.8, 10.7]]}
  - {id: route, name: "Route line", style: route, coords: [[10.2, 10.5], [12.8, 10.5]]}
  - {id: north, name: "Northern line", coords: [[10.2, 12.2], [12.8, 12.2]]}
  - {id: plain, coords: [[10.3, 10.15], [12.7, 10.15]], style: boundary}
zones:
  - {id: zone, along: plain, width-km: 4}
labels:
  - {text: "Sea", at: [12.3, 10.2], kind: sea}
  - {text: "Country", at: [11.8, 11.75], kind: country}
  - {text: "River", at: [11.25, 11.45], kind: river}
  - {text: "Region", at: [10.35, 11.1], kind: region}
steps:
  - id: one
    title: "One"
    date: 1950-06-25
    duration: 10
    cite: [book]
    narration: "Everything happens."
    actions:
      - arrow: {side: red, route: [[10.3, 10.3], [11.2, 11.2]], label: "Land arrow"}
      - arrow: {side: blue, route: [[12.7, 10.3], [11.8, 11.2]], style: sea, label: "Sea arrow"}
      - arrow: {side: red, route: [[10.3, 11.9], [11.2, 11.6]], style: air}
      - arrow: {side: blue, route: [[12.7, 11.9], [11.8, 11.6]], style: retreat}
      - arrow: {side: red, route: [[11.3, 10.08], [11.9, 10.12]], style: supply}
      - marker: {kind: fire, at: [10.5, 10.8]}
      - marker: {kind: massacre, at: [12.5, 10.8]}
      - marker: {kind: epidemic, at: [11.1, 11.0]}
      - marker: {kind: battle, at: [10.8, 10.6], label: "Battle"}
      - marker: {kind: capture, at: [12.2, 10.6], side: red, label: "Capture", fact: false}
      - marker: {kind: treaty, at: [11.5, 10.3], label: "Treaty"}
      - marker: {kind: site, at: [12.0, 11.1], label: "Site"}
      - callout: {at: [11.5, 11.55], text: "A callout"}
      - callout: {at: [10.5, 12.3], text: "Under the title"}
      - highlight: {place: city}
      - highlight: {region: {polygon: [[10.9, 11.15], [11.3, 11.15], [11.3, 11.4], [10.9, 11.4]]}}
  - {id: two, title: "Two", date: 1950-07-25, duration: 10}
)";

/// The frames at a few moments of the first step, as one display list each.
std::vector<scene::Scene> frames(const timeline::Timeline& tl, const scene::Theme& theme) {
    std::vector<scene::Scene> out;
    FixedTextMeasurer measurer;
    for (const double t : {0.6, 5.0})
        out.push_back(scene::evaluate(tl, t, theme, measurer, 1920, 1080));
    return out;
}

} // namespace

TEST(ThemeKeys, EveryKeyChangesThePicture) {
    FakeGeo geo;
    serveBaseData(geo);
    const auto tl = geo.timeline(kStory);
    const auto classic = frames(*tl, scene::makeTheme("classic", {}));
    for (const auto& key : story::kThemeKeys) {
        const std::string name(key.name);
        const auto changed = frames(
            *tl, scene::makeTheme("classic", {{name, mapreel::testing::otherThemeValue(key)}}));
        if (kUnusedKeys.contains(key.name))
            EXPECT_EQ(changed, classic) << name << " is listed as unused but changes the picture";
        else
            EXPECT_NE(changed, classic) << name << " changes nothing in the picture";
    }
}
