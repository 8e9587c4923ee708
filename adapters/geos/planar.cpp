// SPDX-License-Identifier: MIT
#include "planar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <limits>
#include <vector>

namespace mapreel::adapters::planar {

Clock::time_point Clock::now() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec));
}

namespace {

/// Looks at the clock every few thousand units of work (a point measured, an edge tested).
class Watch {
public:
    explicit Watch(Clock::time_point until) : until_(until) {}

    /// Counts `units` of work; false once the time is up.
    bool tick(std::uint64_t units = 1) {
        work_ += units;
        if (work_ >= nextLook_) {
            nextLook_ = work_ + kEvery;
            expired_ = expired_ || Clock::now() > until_;
        }
        return !expired_;
    }
    [[nodiscard]] bool expired() const noexcept { return expired_; }

private:
    static constexpr std::uint64_t kEvery = 4096;
    Clock::time_point until_;
    std::uint64_t work_ = 0;
    std::uint64_t nextLook_ = kEvery;
    bool expired_ = false;
};

/// An edge of ring `ring`, from its point `index` to the next.
struct Edge {
    Point a;
    Point b;
    std::uint32_t ring = 0;
    std::uint32_t index = 0;
};

Rect envelope(const Edge& e) noexcept {
    Rect r;
    r.expand(e.a);
    r.expand(e.b);
    return r;
}

int orientation(Point a, Point b, Point c) noexcept {
    const double d = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    return static_cast<int>(d > 0) - static_cast<int>(d < 0);
}

/// Whether `p`, on the line through a and b, lies between them.
bool between(Point p, Point a, Point b) noexcept {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

bool touches(const Edge& e, const Edge& f) noexcept {
    const int o1 = orientation(e.a, e.b, f.a);
    const int o2 = orientation(e.a, e.b, f.b);
    const int o3 = orientation(f.a, f.b, e.a);
    const int o4 = orientation(f.a, f.b, e.b);
    if (o1 * o2 < 0 && o3 * o4 < 0)
        return true;
    return (o1 == 0 && between(f.a, e.a, e.b)) || (o2 == 0 && between(f.b, e.a, e.b)) ||
           (o3 == 0 && between(e.a, f.a, f.b)) || (o4 == 0 && between(e.b, f.a, f.b));
}

/// Whether e and f meet anywhere but at an end point they share: a crossing, a touch in the
/// middle of one of them, or a collinear overlap.
bool meetInside(const Edge& e, const Edge& f) noexcept {
    if (!touches(e, f))
        return false;
    const bool shared = e.a == f.a || e.a == f.b || e.b == f.a || e.b == f.b;
    if (!shared)
        return true;
    if (e.a == e.b || f.a == f.b)
        return false; // a point on the other's end
    if (orientation(e.a, e.b, f.a) != 0 || orientation(e.a, e.b, f.b) != 0)
        return false; // two lines through one shared point meet only there
    // Collinear with a shared end: an overlap of any length is inside both.
    const bool alongX = std::abs(e.b.x - e.a.x) >= std::abs(e.b.y - e.a.y);
    const auto lo = [alongX](const Edge& s) {
        return alongX ? std::min(s.a.x, s.b.x) : std::min(s.a.y, s.b.y);
    };
    const auto hi = [alongX](const Edge& s) {
        return alongX ? std::max(s.a.x, s.b.x) : std::max(s.a.y, s.b.y);
    };
    return std::min(hi(e), hi(f)) > std::max(lo(e), lo(f));
}

/// Distance from `p` to the segment a-b; +infinity when it cannot be computed, so that a
/// point is never dropped on the strength of a NaN.
double distance(Point p, Point a, Point b) noexcept {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = 0;
    if (len2 > 0 && std::isfinite(len2))
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0);
    const double d = std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
    return std::isnan(d) ? std::numeric_limits<double>::infinity() : d;
}

/// A uniform grid of edges over a known extent. Edges that would cover many cells are kept
/// in one list that every query reads, so an insertion costs a bounded number of cells.
class EdgeGrid {
public:
    /// A grid of about four edges a cell for `edges` edges, at most kMaxSide cells a side.
    EdgeGrid(const Rect& extent, std::size_t edges)
        : extent_(extent), side_(sideFor(edges)),
          cellW_(extent.width() > 0 ? extent.width() / static_cast<double>(side_) : 1),
          cellH_(extent.height() > 0 ? extent.height() / static_cast<double>(side_) : 1),
          cells_(side_ * side_) {}

    void insert(std::uint32_t id, const Rect& box) {
        if (id >= stamp_.size())
            stamp_.resize(static_cast<std::size_t>(id) + 1, 0);
        all_.push_back(id);
        const Span s = span(box);
        if (s.count() > kBigCells) {
            big_.push_back(id);
            return;
        }
        for (std::size_t y = s.y0; y <= s.y1; ++y)
            for (std::size_t x = s.x0; x <= s.x1; ++x)
                cells_[y * side_ + x].push_back(id);
    }

    /// Calls visit(id) once for every edge whose cells meet `box`, until it returns false;
    /// false when a visit did.
    template <typename Visit> bool query(const Rect& box, Visit&& visit) {
        if (++query_ == 0) { // wrapped: forget every earlier stamp
            std::fill(stamp_.begin(), stamp_.end(), 0);
            query_ = 1;
        }
        const auto once = [&](std::uint32_t id) {
            if (stamp_[id] == query_)
                return true;
            stamp_[id] = query_;
            return visit(id);
        };
        const Span s = span(box);
        if (s.count() >= all_.size()) {
            return std::all_of(all_.begin(), all_.end(), once);
        }
        if (!std::all_of(big_.begin(), big_.end(), once))
            return false;
        for (std::size_t y = s.y0; y <= s.y1; ++y)
            for (std::size_t x = s.x0; x <= s.x1; ++x)
                if (!std::all_of(cells_[y * side_ + x].begin(), cells_[y * side_ + x].end(), once))
                    return false;
        return true;
    }

private:
    static constexpr std::size_t kMaxSide = 512;
    static constexpr std::size_t kBigCells = 64;

    struct Span {
        std::size_t x0, y0, x1, y1;
        [[nodiscard]] std::size_t count() const noexcept { return (x1 - x0 + 1) * (y1 - y0 + 1); }
    };

    static std::size_t sideFor(std::size_t edges) noexcept {
        const auto side = static_cast<std::size_t>(
            std::ceil(std::sqrt(static_cast<double>(std::max<std::size_t>(edges, 1)) / 4)));
        return std::clamp<std::size_t>(side, 1, kMaxSide);
    }

    [[nodiscard]] std::size_t cell(double v, double origin, double size) const noexcept {
        const double c = std::floor((v - origin) / size);
        if (!(c > 0))
            return 0;
        return static_cast<std::size_t>(std::min(c, static_cast<double>(side_ - 1)));
    }

    [[nodiscard]] Span span(const Rect& box) const noexcept {
        return {cell(box.minX, extent_.minX, cellW_), cell(box.minY, extent_.minY, cellH_),
                cell(box.maxX, extent_.minX, cellW_), cell(box.maxY, extent_.minY, cellH_)};
    }

    Rect extent_;
    std::size_t side_ = 1;
    double cellW_ = 1;
    double cellH_ = 1;
    std::vector<std::vector<std::uint32_t>> cells_;
    std::vector<std::uint32_t> big_;
    std::vector<std::uint32_t> all_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t query_ = 0;
};

/// Counts per position, with prefix sums in O(log n).
class Fenwick {
public:
    explicit Fenwick(std::size_t n) : tree_(n + 1, 0) {}
    /// Counts one more at `at` (one less when `more` is false).
    void add(std::size_t at, bool more = true) {
        for (std::size_t i = at + 1; i < tree_.size(); i += i & (~i + 1))
            tree_[i] += more ? 1 : -1;
    }
    /// The counts at positions 0..n-1.
    [[nodiscard]] std::int64_t sum(std::size_t n) const {
        std::int64_t s = 0;
        for (std::size_t i = std::min(n, tree_.size() - 1); i > 0; i -= i & (~i + 1))
            s += tree_[i];
        return s;
    }

private:
    std::vector<std::int64_t> tree_;
};

/// The rings of `polygons` in order, each closed (first point repeated at the end).
std::vector<Ring> closedRings(const MultiPolygon& polygons) {
    std::vector<Ring> out;
    for (const auto& p : polygons)
        for (const auto& r : p.rings) {
            Ring c = r;
            if (!c.empty())
                c.push_back(c.front());
            out.push_back(std::move(c));
        }
    return out;
}

/// The edges of closed rings; edge k of ring r joins its points k and k+1.
std::vector<Edge> edgesOf(const std::vector<Ring>& rings) {
    std::vector<Edge> edges;
    for (std::size_t r = 0; r < rings.size(); ++r)
        for (std::size_t k = 0; k + 1 < rings[r].size(); ++k)
            edges.push_back({rings[r][k], rings[r][k + 1], static_cast<std::uint32_t>(r),
                             static_cast<std::uint32_t>(k)});
    return edges;
}

Rect extentOf(const std::vector<Ring>& rings) {
    Rect box;
    for (const auto& r : rings)
        for (const auto& p : r)
            box.expand(p);
    return box;
}

/// A section of a ring still to simplify: points i..j, at recursion depth `depth` (1 for
/// the whole ring), as in GEOS.
struct Section {
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t depth = 1;
};

/// A simplified ring keeps at least three points and its closing one (GEOS's minimum size).
constexpr std::size_t kMinimumRingSize = 4;

} // namespace

std::optional<MultiPolygon> simplifyPreservingTopology(const MultiPolygon& polygons,
                                                       double tolerance, Clock::time_point until) {
    if (!(tolerance >= 0))
        tolerance = 0;
    const std::vector<Ring> rings = closedRings(polygons);
    std::vector<Edge> edges = edgesOf(rings);
    if (edges.size() >= std::numeric_limits<std::uint32_t>::max() / 2)
        return std::nullopt;
    // Where each ring's edges start in `edges`.
    std::vector<std::size_t> firstEdge(rings.size() + 1, 0);
    for (std::size_t r = 0; r < rings.size(); ++r)
        firstEdge[r + 1] = firstEdge[r] + (rings[r].empty() ? 0 : rings[r].size() - 1);

    Watch watch(until);
    const Rect extent = extentOf(rings);
    EdgeGrid input(extent, edges.size());
    for (std::uint32_t id = 0; id < edges.size(); ++id) {
        input.insert(id, envelope(edges[id]));
        if (!watch.tick())
            return std::nullopt;
    }
    std::vector<bool> removed(edges.size(), false);
    EdgeGrid output(extent, edges.size());

    // Whether the shortcut `c` over points i..j of ring r crosses an edge it must not: a new
    // edge, or an input edge other than the ones it replaces.
    const auto crossesSomething = [&](const Edge& c, std::size_t r, std::size_t i, std::size_t j) {
        bool bad = false;
        const Rect box = envelope(c);
        output.query(box, [&](std::uint32_t id) {
            bad = meetInside(c, edges[id]);
            return !bad && watch.tick();
        });
        if (bad || watch.expired())
            return true;
        input.query(box, [&](std::uint32_t id) {
            const Edge& e = edges[id];
            if (!removed[id] && meetInside(c, e))
                bad = e.ring != r || e.index < i || e.index >= j;
            return !bad && watch.tick();
        });
        return bad;
    };

    std::vector<Ring> simplified(rings.size());
    std::vector<Section> stack;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        const Ring& pts = rings[r];
        Ring& result = simplified[r]; // the first point of each edge kept
        if (pts.size() < 2)
            continue;
        stack.push_back({0, pts.size() - 1, 1});
        while (!stack.empty()) {
            const Section s = stack.back();
            stack.pop_back();
            if (s.i + 1 == s.j) { // an edge of the input: kept as it is
                result.push_back(pts[s.i]);
                continue;
            }
            const std::size_t resultSize = result.empty() ? 0 : result.size() + 1;
            bool shortcut = resultSize >= kMinimumRingSize || s.depth + 1 >= kMinimumRingSize;
            // The farthest point splits the section when the shortcut is not taken; it is
            // always strictly inside, so every section is smaller than its parent.
            std::size_t farthest = s.i + 1;
            double farthestDistance = -1;
            for (std::size_t k = s.i + 1; k < s.j; ++k) {
                const double d = distance(pts[k], pts[s.i], pts[s.j]);
                if (d > farthestDistance) {
                    farthestDistance = d;
                    farthest = k;
                }
            }
            if (!watch.tick(s.j - s.i))
                return std::nullopt;
            shortcut = shortcut && farthestDistance <= tolerance;
            const Edge candidate{pts[s.i], pts[s.j], static_cast<std::uint32_t>(r), 0};
            if (shortcut && crossesSomething(candidate, r, s.i, s.j))
                shortcut = false;
            if (watch.expired())
                return std::nullopt;
            if (shortcut) {
                for (std::size_t k = s.i; k < s.j; ++k)
                    removed[firstEdge[r] + k] = true;
                const auto id = static_cast<std::uint32_t>(edges.size());
                edges.push_back(candidate);
                output.insert(id, envelope(candidate));
                result.push_back(pts[s.i]);
                continue;
            }
            stack.push_back({farthest, s.j, s.depth + 1});
            stack.push_back({s.i, farthest, s.depth + 1});
        }
    }

    MultiPolygon out;
    std::size_t first = 0; // the polygon's first ring in `simplified`
    for (const auto& p : polygons) {
        if (!p.rings.empty() && simplified[first].size() >= 3) {
            Polygon q;
            for (std::size_t k = 0; k < p.rings.size(); ++k)
                if (simplified[first + k].size() >= 3)
                    q.rings.push_back(std::move(simplified[first + k]));
            out.push_back(std::move(q));
        }
        first += p.rings.size();
    }
    return out;
}

std::size_t overlappingEdgePairs(const MultiPolygon& polygons) {
    // A sweep along x: when an edge's box begins, the boxes open at that moment whose
    // y-ranges meet its own are counted, from two Fenwick trees over the y values (open boxes
    // by bottom and by top): those starting at or below its top, less those ending below
    // its bottom. O(n log n) whatever the shape.
    std::vector<Rect> boxes;
    for (const auto& e : edgesOf(closedRings(polygons)))
        boxes.push_back(envelope(e));
    std::vector<double> ys;
    ys.reserve(2 * boxes.size());
    for (const auto& b : boxes) {
        ys.push_back(b.minY);
        ys.push_back(b.maxY);
    }
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    // How many of ys are below v.
    const auto below = [&ys](double v) {
        return static_cast<std::size_t>(std::lower_bound(ys.begin(), ys.end(), v) - ys.begin());
    };
    Fenwick bottoms(ys.size());
    Fenwick tops(ys.size());

    struct Event {
        double x;
        bool end;
        std::size_t box;
    };
    std::vector<Event> events;
    events.reserve(2 * boxes.size());
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        events.push_back({boxes[i].minX, false, i});
        events.push_back({boxes[i].maxX, true, i});
    }
    // Boxes that only touch meet: at one x, beginnings come before ends.
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return a.x < b.x || (a.x == b.x && !a.end && b.end);
    });
    std::size_t pairs = 0;
    for (const auto& e : events) {
        const Rect& b = boxes[e.box];
        const std::size_t bottom = below(b.minY);
        const std::size_t top = below(b.maxY);
        if (e.end) {
            bottoms.add(bottom, false);
            tops.add(top, false);
            continue;
        }
        pairs += static_cast<std::size_t>(bottoms.sum(top + 1) - tops.sum(bottom));
        bottoms.add(bottom);
        tops.add(top);
    }
    return pairs;
}

} // namespace mapreel::adapters::planar
