// SPDX-License-Identifier: MIT
#include "mapreel/publish/starter.hpp"

namespace mapreel::publish {

std::string starterStory(const std::string& id) {
    return R"(# A mapreel story. Reference: docs/story-format.md
mapreel: 1
id: )" + id +
           R"(
title: "My first map"
subtitle: "Two sides and a moving front"
languages: [en]
sources:
  - id: own
    title: "Author's own estimate"

canvas: {size: [1920, 1080], fps: 30, theme: classic}

map:
  # Any PROJ string, an EPSG code such as "EPSG:3035", or a preset (equal-earth, korea-lcc, ...)
  projection: "+proj=lcc +lat_1=33 +lat_2=43 +lon_0=127.5 +lat_0=38 +datum=WGS84 +units=m"
  view: {extent: [123.5, 33.5, 131.5, 43.0]}   # lon_min, lat_min, lon_max, lat_max
  focus: [KOR, PRK]                            # countries drawn as land in focus
  layers: [bathymetry, land, lakes, rivers, borders]

sides:
  - {id: north, name: "North", color: "#c4302b"}
  - {id: south, name: "South", color: "#2f6db5"}

places:
  - {id: seoul, name: Seoul, at: [126.98, 37.57], kind: capital}
  - {id: pyongyang, name: Pyongyang, at: [125.75, 39.03], kind: capital}
  - {id: busan, name: Busan, at: [129.03, 35.10], kind: city, rank: 2}

regions:
  peninsula: {countries: [KOR, PRK]}

fronts:
  - id: front
    region: peninsula
    left: north          # walking the line from its first point, 'north' is on the left
    right: south
    keyframes:
      - date: 1950-06-25
        line: [[124.5, 38.0], [129.2, 38.0]]
        source: own
      - date: 1950-08-01
        line: [[124.5, 36.2], [127.5, 36.0], [129.8, 36.3]]
        source: own
        confidence: low

steps:
  - id: start
    title: "The line"
    date: 1950-06-25
    narration: "The front begins on the 38th parallel."
  - id: advance
    title: "The advance"
    dates: [1950-06-25, 1950-08-01]
    narration: "The front moves south over five weeks; the arrow shows the main thrust."
    actions:
      - arrow: {side: north, route: [seoul, [127.6, 36.4]], window: [0.1, 0.8], source: own}
)";
}

} // namespace mapreel::publish
