// SPDX-License-Identifier: MIT
#include "mapreel/timeline/field.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace mapreel::timeline {

namespace {

struct Segment {
    Point a;
    Point b;
};

/// Rows of x-crossings for the even-odd inside test, one scan per grid row.
std::vector<double> crossings(const std::vector<Segment>& segs, double y) {
    std::vector<double> xs;
    for (const auto& s : segs) {
        if ((s.a.y > y) != (s.b.y > y))
            xs.push_back(s.a.x + (y - s.a.y) * (s.b.x - s.a.x) / (s.b.y - s.a.y));
    }
    std::sort(xs.begin(), xs.end());
    return xs;
}

/// The squared distance from `p` to the segment ab.
double segmentDistanceSquared(Point p, Point a, Point b) noexcept {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = p.x - (a.x + t * dx);
    const double ey = p.y - (a.y + t * dy);
    return ex * ex + ey * ey;
}

} // namespace

SignedField::SignedField(const std::vector<Ring>& shape, const Rect& box, double cell)
    : box_(box), cell_(cell) {
    nx_ = std::max(2, static_cast<int>(std::ceil(box.width() / cell)) + 1);
    ny_ = std::max(2, static_cast<int>(std::ceil(box.height() / cell)) + 1);
    v_.assign(static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_), 0.0F);

    std::vector<Segment> segs;
    for (const auto& ring : shape)
        for (std::size_t i = 0, n = ring.size(); i < n; ++i)
            segs.push_back({ring[i], ring[(i + 1) % n]});

    // Each cell's distance is the nearest of all segments, found exactly but without
    // measuring every one: per row, the segments are taken in order of their vertical gap
    // to the row, and the search stops once that gap alone is farther than the nearest
    // found. Squared distances until the end keep the inner loop free of square roots.
    struct Near {
        double gap2; ///< squared vertical gap between the row and the segment
        const Segment* s;
    };
    std::vector<Near> byGap(segs.size());
    for (int j = 0; j < ny_; ++j) {
        const double y = box_.minY + j * cell_;
        const auto xs = crossings(segs, y);
        for (std::size_t k = 0; k < segs.size(); ++k) {
            const auto& s = segs[k];
            const double lo = std::min(s.a.y, s.b.y);
            const double hi = std::max(s.a.y, s.b.y);
            const double gap = y < lo ? lo - y : (y > hi ? y - hi : 0.0);
            byGap[k] = {gap * gap, &s};
        }
        std::sort(byGap.begin(), byGap.end(),
                  [](const Near& l, const Near& r) { return l.gap2 < r.gap2; });
        std::size_t next = 0;
        bool inside = false;
        for (int i = 0; i < nx_; ++i) {
            const double x = box_.minX + i * cell_;
            while (next < xs.size() && xs[next] < x) {
                inside = !inside;
                ++next;
            }
            double best2 = std::numeric_limits<double>::infinity();
            for (const auto& n : byGap) {
                if (n.gap2 >= best2)
                    break;
                best2 = std::min(best2, segmentDistanceSquared({x, y}, n.s->a, n.s->b));
            }
            const double d = std::sqrt(best2);
            v_[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) +
               static_cast<std::size_t>(i)] = static_cast<float>(inside ? -d : d);
        }
    }
}

SignedField SignedField::blend(const SignedField& a, const SignedField& b, double s) {
    SignedField out = a;
    const auto fa = static_cast<float>(1 - s);
    const auto fb = static_cast<float>(s);
    for (std::size_t k = 0; k < out.v_.size(); ++k)
        out.v_[k] = fa * a.v_[k] + fb * b.v_[k];
    return out;
}

SignedField SignedField::toPoint(Point p, const Rect& box, double cell) {
    SignedField out;
    out.box_ = box;
    out.cell_ = cell;
    out.nx_ = std::max(2, static_cast<int>(std::ceil(box.width() / cell)) + 1);
    out.ny_ = std::max(2, static_cast<int>(std::ceil(box.height() / cell)) + 1);
    out.v_.resize(static_cast<std::size_t>(out.nx_) * static_cast<std::size_t>(out.ny_));
    for (int j = 0; j < out.ny_; ++j)
        for (int i = 0; i < out.nx_; ++i)
            out.v_[static_cast<std::size_t>(j) * static_cast<std::size_t>(out.nx_) +
                   static_cast<std::size_t>(i)] =
                static_cast<float>(
                    std::hypot(box.minX + i * cell - p.x, box.minY + j * cell - p.y));
    return out;
}

void SignedField::unite(const SignedField& other) {
    for (std::size_t k = 0; k < v_.size() && k < other.v_.size(); ++k)
        v_[k] = std::min(v_[k], other.v_[k]);
}

void SignedField::subtract(const SignedField& other) {
    for (std::size_t k = 0; k < v_.size() && k < other.v_.size(); ++k)
        v_[k] = std::max(v_[k], -other.v_[k]);
}

double SignedField::sample(Point p) const noexcept {
    if (v_.empty())
        return 1;
    const double fx = (p.x - box_.minX) / cell_;
    const double fy = (p.y - box_.minY) / cell_;
    if (fx < 0 || fy < 0 || fx > nx_ - 1 || fy > ny_ - 1)
        return 1;
    const int i = std::min(static_cast<int>(fx), nx_ - 2);
    const int j = std::min(static_cast<int>(fy), ny_ - 2);
    const double tx = fx - i;
    const double ty = fy - j;
    const double v00 = at(i, j);
    const double v10 = at(i + 1, j);
    const double v01 = at(i, j + 1);
    const double v11 = at(i + 1, j + 1);
    return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
}

std::vector<Ring> SignedField::contour() const {
    // Cell corners are sampled with a one-cell positive border so that contours close.
    auto value = [&](int i, int j) -> double {
        if (i < 0 || j < 0 || i >= nx_ || j >= ny_)
            return cell_;
        const double v = at(i, j);
        return v == 0 ? 1e-9 : v; // no corner exactly on the contour
    };
    auto point = [&](int i, int j) { return Point{box_.minX + i * cell_, box_.minY + j * cell_}; };
    // Edge ids: horizontal edge (i,j)-(i+1,j) and vertical edge (i,j)-(i,j+1) on the
    // extended grid from -1 to n.
    const long w = nx_ + 2;
    const long h = ny_ + 2;
    auto hEdge = [&](int i, int j) { return ((j + 1L) * w + (i + 1L)) * 2; };
    auto vEdge = [&](int i, int j) { return ((j + 1L) * w + (i + 1L)) * 2 + 1; };
    auto crossing = [&](long edge) {
        const long cellIndex = edge / 2;
        const int i = static_cast<int>(cellIndex % w) - 1;
        const int j = static_cast<int>(cellIndex / w) - 1;
        const int i2 = (edge % 2 == 0) ? i + 1 : i;
        const int j2 = (edge % 2 == 0) ? j : j + 1;
        const double a = value(i, j);
        const double b = value(i2, j2);
        const double t = a / (a - b);
        const Point pa = point(i, j);
        const Point pb = point(i2, j2);
        return Point{pa.x + t * (pb.x - pa.x), pa.y + t * (pb.y - pa.y)};
    };
    // Which corners of the extended grid are inside (the border never is): most cells
    // have all four corners on one side and are passed over on these bytes alone.
    std::vector<std::uint8_t> inside(static_cast<std::size_t>(w * h), 0);
    for (int j = 0; j < ny_; ++j)
        for (int i = 0; i < nx_; ++i)
            inside[static_cast<std::size_t>((j + 1L) * w + (i + 1L))] = at(i, j) < 0 ? 1 : 0;
    // Each segment goes from one edge crossing to the next along a contour.
    std::unordered_map<long, long> next;
    next.reserve(1024);
    for (int j = -1; j < ny_; ++j) {
        const std::uint8_t* below = &inside[static_cast<std::size_t>((j + 1L) * w)];
        const std::uint8_t* above = below + w;
        for (int i = -1; i < nx_; ++i) {
            const int code =
                below[i + 1] | (below[i + 2] << 1) | (above[i + 2] << 2) | (above[i + 1] << 3);
            if (code == 0 || code == 15)
                continue;
            const double v0 = value(i, j);         // bottom-left
            const double v1 = value(i + 1, j);     // bottom-right
            const double v2 = value(i + 1, j + 1); // top-right
            const double v3 = value(i, j + 1);     // top-left
            const long bottom = hEdge(i, j);
            const long right = vEdge(i + 1, j);
            const long top = hEdge(i, j + 1);
            const long left = vEdge(i, j);
            // Every link keeps the inside on the same hand, so segments chain into rings.
            auto link = [&](long from, long to) { next[from] = to; };
            const bool centreInside = (v0 + v1 + v2 + v3) < 0;
            switch (code) {
            case 1:
                link(left, bottom);
                break;
            case 2:
                link(bottom, right);
                break;
            case 3:
                link(left, right);
                break;
            case 4:
                link(right, top);
                break;
            case 5:
                if (centreInside) {
                    link(left, top);
                    link(right, bottom);
                } else {
                    link(left, bottom);
                    link(right, top);
                }
                break;
            case 6:
                link(bottom, top);
                break;
            case 7:
                link(left, top);
                break;
            case 8:
                link(top, left);
                break;
            case 9:
                link(top, bottom);
                break;
            case 10:
                if (centreInside) {
                    link(bottom, left);
                    link(top, right);
                } else {
                    link(bottom, right);
                    link(top, left);
                }
                break;
            case 11:
                link(top, right);
                break;
            case 12:
                link(right, left);
                break;
            case 13:
                link(right, bottom);
                break;
            case 14:
                link(bottom, left);
                break;
            default:
                break;
            }
        }
    }
    std::vector<Ring> rings;
    while (!next.empty()) {
        // Start from the smallest edge id so the output does not depend on hash order.
        long start = std::numeric_limits<long>::max();
        for (const auto& [from, to] : next)
            start = std::min(start, from);
        Ring ring;
        long e = start;
        while (true) {
            ring.push_back(crossing(e));
            auto it = next.find(e);
            if (it == next.end())
                break;
            const long to = it->second;
            next.erase(it);
            e = to;
            if (e == start)
                break;
        }
        if (ring.size() >= 3)
            rings.push_back(std::move(ring));
    }
    return rings;
}

Ring leftOfLine(const LineString& line, const Rect& box) {
    Ring ring;
    if (line.size() < 2)
        return ring;
    // Where a ray from `from` through `dir` leaves the box.
    auto exit = [&](Point from, Point dir) {
        double t = std::numeric_limits<double>::infinity();
        if (dir.x > 0)
            t = std::min(t, (box.maxX - from.x) / dir.x);
        if (dir.x < 0)
            t = std::min(t, (box.minX - from.x) / dir.x);
        if (dir.y > 0)
            t = std::min(t, (box.maxY - from.y) / dir.y);
        if (dir.y < 0)
            t = std::min(t, (box.minY - from.y) / dir.y);
        if (!std::isfinite(t) || t < 0)
            t = 0;
        Point p{from.x + dir.x * t, from.y + dir.y * t};
        p.x = std::clamp(p.x, box.minX, box.maxX);
        p.y = std::clamp(p.y, box.minY, box.maxY);
        return p;
    };
    const Point startHit = exit(line.front(), line.front() - line[1]);
    const Point endHit = exit(line.back(), line.back() - line[line.size() - 2]);
    // Position along the box perimeter, counter-clockwise from the bottom-left corner.
    const double w = box.width();
    const double h = box.height();
    auto perimeter = [&](Point p) {
        const double eps = 1e-9 * (w + h);
        if (std::abs(p.y - box.minY) < eps)
            return p.x - box.minX;
        if (std::abs(p.x - box.maxX) < eps)
            return w + (p.y - box.minY);
        if (std::abs(p.y - box.maxY) < eps)
            return w + h + (box.maxX - p.x);
        return 2 * w + h + (box.maxY - p.y);
    };
    const std::array<std::pair<double, Point>, 4> corners = {
        {{w, {box.maxX, box.minY}},
         {w + h, {box.maxX, box.maxY}},
         {2 * w + h, {box.minX, box.maxY}},
         {2 * w + 2 * h, {box.minX, box.minY}}}};
    ring.push_back(startHit);
    ring.insert(ring.end(), line.begin(), line.end());
    ring.push_back(endHit);
    const double total = 2 * (w + h);
    const double from = perimeter(endHit);
    double to = perimeter(startHit);
    if (to <= from)
        to += total;
    for (int lap = 0; lap < 2; ++lap)
        for (const auto& [pos, corner] : corners) {
            const double p = pos + lap * total;
            if (p > from && p < to)
                ring.push_back(corner);
        }
    return ring;
}

} // namespace mapreel::timeline
