// SPDX-License-Identifier: MIT
#include "mapreel/render/visible_runs.hpp"

#include <algorithm>

namespace mapreel::render {

namespace {

/// Whether the segment from `a` to `b` may come within `box` (its bounding box meets it).
bool reaches(Point a, Point b, const Rect& box) {
    return std::max(a.x, b.x) >= box.minX && std::min(a.x, b.x) <= box.maxX &&
           std::max(a.y, b.y) >= box.minY && std::min(a.y, b.y) <= box.maxY;
}

/// Appends the runs of one ring (`closed`) or line: segment k goes from point k to point
/// k + 1, and a ring's last segment back to its first point.
void appendRuns(const std::vector<Point>& pts, bool closed, const Rect& box,
                std::vector<char>& seen, std::vector<PathRun>& out) {
    const std::size_t n = pts.size();
    if (n < 2)
        return;
    const std::size_t segments = closed ? n : n - 1;
    seen.assign(segments, 0);
    std::size_t count = 0;
    for (std::size_t k = 0; k < segments; ++k)
        if ((seen[k] = reaches(pts[k], pts[(k + 1) % n], box)))
            ++count;
    if (count == segments) {
        out.push_back({&pts, 0, n, closed});
        return;
    }
    if (count == 0)
        return;
    // A ring's walk starts just after a segment out of reach, so that a run crossing its
    // first point stays one run.
    std::size_t start = 0;
    if (closed)
        while (seen[(start + n - 1) % n] || !seen[start])
            ++start;
    std::size_t k = 0;
    while (k < segments) {
        const std::size_t s = (start + k) % n;
        if (!seen[s]) {
            ++k;
            continue;
        }
        std::size_t length = 0;
        while (k + length < segments && seen[(start + k + length) % n])
            ++length;
        out.push_back({&pts, s, length + 1, false});
        k += length;
    }
}

} // namespace

std::vector<PathRun> visibleRuns(const scene::Path& path, const Rect& frame, double reach) {
    const Rect box = frame.inflated(reach);
    std::vector<PathRun> out;
    std::vector<char> seen;
    for (const auto& ring : path.rings)
        appendRuns(ring, true, box, seen, out);
    for (const auto& line : path.lines)
        appendRuns(line, false, box, seen, out);
    return out;
}

} // namespace mapreel::render
