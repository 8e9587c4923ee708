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

/// Appends the runs of `pts` (`segments` of them, segment k from point k to point k + 1,
/// modulo the size for a ring), starting the walk at segment `start`.
void appendRuns(const std::vector<Point>& pts, std::size_t segments, std::size_t start,
                const std::vector<char>& seen, std::vector<PathRun>& out) {
    const std::size_t n = pts.size();
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
    for (const auto& ring : path.rings) {
        const std::size_t n = ring.size();
        if (n < 2)
            continue;
        seen.assign(n, 0);
        std::size_t count = 0;
        for (std::size_t k = 0; k < n; ++k)
            if ((seen[k] = reaches(ring[k], ring[(k + 1) % n], box)))
                ++count;
        if (count == n) {
            out.push_back({&ring, 0, n, true});
        } else if (count > 0) {
            // Start the walk just after a segment out of reach, so that a run crossing the
            // ring's first point stays one run.
            std::size_t start = 0;
            while (seen[(start + n - 1) % n] || !seen[start])
                ++start;
            appendRuns(ring, n, start, seen, out);
        }
    }
    for (const auto& line : path.lines) {
        const std::size_t n = line.size();
        if (n < 2)
            continue;
        seen.assign(n, 0);
        std::size_t count = 0;
        for (std::size_t k = 0; k + 1 < n; ++k)
            if ((seen[k] = reaches(line[k], line[k + 1], box)))
                ++count;
        if (count == n - 1)
            out.push_back({&line, 0, n, false});
        else if (count > 0)
            appendRuns(line, n - 1, 0, seen, out);
    }
    return out;
}

} // namespace mapreel::render
