// SPDX-License-Identifier: MIT
#include "mapreel/geo/shared_borders.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <unordered_map>

namespace mapreel::geo {

namespace {

/// A vertex by its exact bits: shared borders repeat their vertices exactly.
struct VertexKey {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    explicit VertexKey(Point p) noexcept
        : x(std::bit_cast<std::uint64_t>(p.x + 0.0)), y(std::bit_cast<std::uint64_t>(p.y + 0.0)) {}
    bool operator==(const VertexKey&) const noexcept = default;
};

/// A directed edge by its two vertices.
struct EdgeKey {
    VertexKey from;
    VertexKey to;
    bool operator==(const EdgeKey&) const noexcept = default;
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v) noexcept {
    constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ULL;
    return (std::rotl(h, 23) ^ v) * kMul;
}

struct VertexHash {
    std::size_t operator()(const VertexKey& k) const noexcept {
        return static_cast<std::size_t>(mix(mix(0, k.x), k.y));
    }
};

struct EdgeHash {
    std::size_t operator()(const EdgeKey& k) const noexcept {
        return static_cast<std::size_t>(mix(mix(mix(mix(0, k.from.x), k.from.y), k.to.x), k.to.y));
    }
};

struct Edge {
    Point from;
    Point to;
    bool dropped = false; ///< a shared border, or already part of a ring
};

/// The angle turned counter-clockwise from the way back along `in` to `out`, in (0, 2 pi]:
/// the largest is the sharpest left turn.
double leftTurn(Point in, Point out) noexcept {
    const Point back{-in.x, -in.y};
    double a = std::atan2(back.x * out.y - back.y * out.x, back.x * out.x + back.y * out.y);
    if (a <= 0)
        a += 2 * std::numbers::pi;
    return a;
}

} // namespace

std::optional<MultiPolygon> uniteSharedBorders(const std::vector<MultiPolygon>& parts) {
    // Every ring as directed edges with its area on the left (outer rings counter-clockwise,
    // holes clockwise). A border two parts share comes once each way: both are dropped.
    std::vector<Edge> edges;
    std::unordered_map<EdgeKey, std::size_t, EdgeHash> seen;
    auto add = [&](Point a, Point b) {
        if (a == b || !seen.try_emplace({VertexKey(a), VertexKey(b)}, edges.size()).second)
            return; // a point repeated, or an edge already given (a part given twice)
        edges.push_back({a, b});
        if (const auto back = seen.find({VertexKey(b), VertexKey(a)});
            back != seen.end() && !edges[back->second].dropped) {
            edges[back->second].dropped = true;
            edges.back().dropped = true;
        }
    };
    for (const auto& part : parts)
        for (const auto& poly : part)
            for (std::size_t i = 0; i < poly.rings.size(); ++i) {
                const Ring& r = poly.rings[i];
                if (r.size() < 3)
                    continue;
                const bool forward = (i == 0) == (signedArea(r) > 0);
                const std::size_t n = r.size();
                for (std::size_t k = 0; k < n; ++k) {
                    const Point& a = r[k];
                    const Point& b = r[(k + 1) % n];
                    if (forward)
                        add(a, b);
                    else
                        add(b, a);
                }
            }

    // The edges left, joined end to start into rings; where several leave one vertex (two
    // areas touching at a corner) the sharpest left turn keeps each ring to its own area.
    std::unordered_map<VertexKey, std::vector<std::size_t>, VertexHash> leaving;
    for (std::size_t i = 0; i < edges.size(); ++i)
        if (!edges[i].dropped)
            leaving[VertexKey(edges[i].from)].push_back(i);
    std::vector<Ring> outers;
    std::vector<Ring> holes;
    for (std::size_t first = 0; first < edges.size(); ++first) {
        if (edges[first].dropped)
            continue;
        Ring ring;
        std::size_t at = first;
        const VertexKey start(edges[first].from);
        while (true) {
            Edge& e = edges[at];
            e.dropped = true;
            ring.push_back(e.from);
            if (VertexKey(e.to) == start)
                break;
            const auto out = leaving.find(VertexKey(e.to));
            if (out == leaving.end())
                return std::nullopt;
            const Point in{e.to.x - e.from.x, e.to.y - e.from.y};
            std::size_t next = edges.size();
            double best = -1;
            for (const std::size_t c : out->second) {
                if (edges[c].dropped)
                    continue;
                const double turn = leftTurn(
                    in, {edges[c].to.x - edges[c].from.x, edges[c].to.y - edges[c].from.y});
                if (turn > best) {
                    best = turn;
                    next = c;
                }
            }
            if (next == edges.size())
                return std::nullopt; // a dead end: the parts did not share their borders
            at = next;
        }
        const double a = signedArea(ring);
        if (ring.size() < 3 || a == 0)
            continue;
        (a > 0 ? outers : holes).push_back(std::move(ring));
    }

    // Each hole in the smallest outer ring around it.
    MultiPolygon out;
    out.reserve(outers.size());
    std::vector<Rect> box;
    std::vector<double> size;
    for (auto& r : outers) {
        box.push_back(bounds(r));
        size.push_back(signedArea(r));
        out.push_back(Polygon{{std::move(r)}});
    }
    for (auto& h : holes) {
        // The middle of an edge lies inside the area around the hole, never on its outline:
        // a hole may touch its outer ring at a vertex, not along an edge (that edge would
        // have been dropped as shared).
        const Point probe{(h[0].x + h[1].x) / 2, (h[0].y + h[1].y) / 2};
        std::size_t owner = out.size();
        for (std::size_t i = 0; i < out.size(); ++i)
            if (box[i].contains(probe) && (owner == out.size() || size[i] < size[owner]) &&
                contains(out[i].rings.front(), probe))
                owner = i;
        if (owner == out.size())
            return std::nullopt;
        out[owner].rings.push_back(std::move(h));
    }
    return out;
}

} // namespace mapreel::geo
