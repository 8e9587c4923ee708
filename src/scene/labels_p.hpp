// SPDX-License-Identifier: MIT
#pragma once
// Label placement: candidate spots around a point, the freest of them, and keeping a box
// on screen and off the panels. Private to src/scene.

#include "scene/frame_p.hpp"

#include <vector>

namespace mapreel::scene::detail {

/// A label anchored beside a point: where its text starts, how it aligns, and its box.
struct LabelSpot {
    Point at;
    Align align = Align::Start;
    Rect box;
};

/// Candidate spots for a label of size `sz` around `c`, `gap` pixels away, in order of
/// preference: right, left, above, below, then the four diagonals.
[[nodiscard]] std::vector<LabelSpot> spotsAround(Point c, Point sz, double gap);

/// The boxes a text of size `sz` centred on `at` and turned by `angle` degrees covers: a
/// row of small upright boxes along it (one upright box around a steep text would claim
/// much more of the map than the text covers).
[[nodiscard]] std::vector<Rect> boxesAlong(Point at, double angle, Point sz);

/// `spots` (as spotsAround gives them) with the one `hint` names first: an author's
/// preference, taken when it is free.
[[nodiscard]] std::vector<LabelSpot> preferring(std::vector<LabelSpot> spots,
                                                story::LabelHint hint);

/// The first free spot, else the one that covers the least of what is already placed:
/// authored labels (markers, arrows) are always shown, and places give way to them.
[[nodiscard]] LabelSpot bestSpot(const Frame& f, const std::vector<LabelSpot>& spots);

/// Moves a centred text box of size `sz` at `at` the least needed to lie inside the frame's
/// margins and clear of the title, date, legend and narration panels (a callout is text
/// without a leader, so the shift does not mislead).
[[nodiscard]] Point keepOnScreen(const Frame& f, Point at, Point sz);

} // namespace mapreel::scene::detail
