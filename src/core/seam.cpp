// SPDX-License-Identifier: MIT
#include "mapreel/core/seam.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel {

namespace {

constexpr double kRad = M_PI / 180.0;
/// How far short of the seam a cut piece ends: far below any visible distance, far above
/// the rounding of a degree-to-radian conversion, so a projection keeps it on its side.
constexpr double kSeamGap = 1e-9;

double validStep(double stepDeg) noexcept {
    return std::isfinite(stepDeg) && stepDeg > 0 ? std::min(stepDeg, 90.0) : kGeodesicStepDeg;
}

/// A longitude difference taken the shorter way round, in [-180, 180].
double lonDelta(double from, double to) noexcept {
    double d = to - from;
    while (d > 180)
        d -= 360;
    while (d < -180)
        d += 360;
    return d;
}

/// Back from unwrapped longitudes relative to the map's centre `centre`: pieces that touch
/// the window edge stay a hair inside it.
Point fromRelative(Point p, double centre) noexcept {
    const double rel = std::clamp(p.x, -180.0 + kSeamGap, 180.0 - kSeamGap);
    double lon = rel + centre;
    if (lon > 180 || lon <= -180)
        lon = normalizeLon(lon);
    return {lon, p.y};
}

/// Sutherland-Hodgman clip of a ring to the half-plane x >= edge (keepAbove) or x <= edge.
Ring clipHalf(const Ring& ring, double edge, bool keepAbove) {
    Ring out;
    const std::size_t n = ring.size();
    if (n == 0)
        return out;
    auto inside = [&](Point p) { return keepAbove ? p.x >= edge : p.x <= edge; };
    for (std::size_t i = 0; i < n; ++i) {
        const Point a = ring[(i + n - 1) % n];
        const Point b = ring[i];
        const bool ina = inside(a);
        const bool inb = inside(b);
        if (ina != inb) {
            const double t = (edge - a.x) / (b.x - a.x);
            out.push_back({edge, a.y + (b.y - a.y) * t});
        }
        if (inb)
            out.push_back(b);
    }
    return out;
}

/// Inserts points every `step` degrees along edges lying on x == lo or x == hi (a meridian
/// at the map's edge, curved once projected) and along the poles.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the window, low edge first, then the step.
Ring densifyEdges(const Ring& ring, double lo, double hi, double step) {
    Ring out;
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Point a = ring[i];
        const Point b = ring[(i + 1) % n];
        out.push_back(a);
        const bool meridian = a.x == b.x && (a.x == lo || a.x == hi);
        const bool pole = a.y == b.y && std::abs(a.y) == 90;
        const double span = meridian ? std::abs(b.y - a.y) : pole ? std::abs(b.x - a.x) : 0;
        const int pieces = static_cast<int>(std::ceil(span / step));
        for (int k = 1; k < pieces; ++k)
            out.push_back(a + (b - a) * (static_cast<double>(k) / pieces));
    }
    return out;
}

/// A ring with longitudes unwrapped (each edge the shorter way round) relative to `centre`,
/// and how far it winds round in longitude (0, 360 or -360).
struct Unwrapped {
    Ring ring;
    double winding = 0;
};

Unwrapped unwrap(const Ring& ring, double centre) {
    Unwrapped u;
    if (ring.empty())
        return u;
    double rel = normalizeLon(ring.front().x - centre);
    double x = rel;
    u.ring.push_back({x, ring.front().y});
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const double next = normalizeLon(ring[i].x - centre);
        x += lonDelta(rel, next);
        rel = next;
        u.ring.push_back({x, ring[i].y});
    }
    const double total = x + lonDelta(rel, normalizeLon(ring.front().x - centre)) - u.ring[0].x;
    u.winding = std::round(total / 360) * 360;
    return u;
}

/// True when a vertex lies on the seam itself: data cut there already (Natural Earth,
/// world-atlas) write such vertices as -180 or 180 whichever side they belong to.
bool onSeam(Point p, double centre) noexcept {
    return normalizeLon(p.x - centre) == 180;
}

/// A longitude relative to the map's centre as written: a vertex exactly on the seam keeps
/// the side it was written on (-180 or 180).
double writtenRel(double lon, double centre) noexcept {
    const double rel = lon - centre;
    return rel >= -180 && rel <= 180 ? rel : normalizeLon(rel);
}

/// True when an edge of the ring (closing edge included) jumps over the seam, taking
/// vertices on the seam on the side they are written on: data cut cleanly there (Natural
/// Earth's land) passes unchanged, while a ring that writes its right-hand edge as -180
/// (world-atlas's Russia) is repaired.
bool ringCrosses(const Ring& ring, double centre) noexcept {
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double a = writtenRel(ring[i].x, centre);
        const double b = writtenRel(ring[(i + 1) % n].x, centre);
        // From one edge of the map straight to the other (Natural Earth's Antarctica along
        // the pole, a depth band along the map's top): a planar edge, not a crossing.
        if (std::abs(b - a) > 180 && !(std::abs(a) == 180 && std::abs(b) == 180))
            return true;
    }
    return false;
}

/// The area (steradians) between the ring and the north pole, for a ring winding round it.
double northArea(const Ring& unwrapped) noexcept {
    double a = 0;
    const std::size_t n = unwrapped.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Point p = unwrapped[i];
        Point q = unwrapped[(i + 1) % n];
        if (i + 1 == n) // the closing edge, back to the start one turn on
            q.x = p.x + lonDelta(normalizeLon(p.x), normalizeLon(q.x));
        a += (q.x - p.x) * kRad * (1 - std::sin((p.y + q.y) / 2 * kRad));
    }
    return std::abs(a);
}

/// Closes a ring that winds once round a pole over that pole (+1 north, -1 south): the ring
/// starts where it crosses a window edge, runs a full turn to the same edge one window on,
/// then follows the edge to the pole and the pole back.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): centre longitude, pole, step differ.
Ring closeOverPole(const Ring& ring, double centre, int pole, double step) {
    // Start at the first edge that crosses the seam, cut exactly at the seam.
    const std::size_t n = ring.size();
    std::size_t cut = 0;
    double cutLat = ring.front().y;
    for (std::size_t i = 0; i < n; ++i) {
        const Point a = ring[i];
        const Point b = ring[(i + 1) % n];
        const double ra = normalizeLon(a.x - centre);
        const double rb = normalizeLon(b.x - centre);
        if (std::abs(rb - ra) > 180) {
            const double d = lonDelta(ra, rb);
            const double edge = d > 0 ? 180 : -180;
            const double t = d != 0 ? lonDelta(ra, edge) / d : 0;
            cutLat = a.y + (b.y - a.y) * std::clamp(t, 0.0, 1.0);
            cut = (i + 1) % n;
            break;
        }
    }
    Ring rotated;
    rotated.reserve(n + 1);
    rotated.push_back({centre + 180, cutLat});
    for (std::size_t k = 0; k < n; ++k)
        rotated.push_back(ring[(cut + k) % n]);
    Unwrapped u = unwrap(rotated, centre);
    // The cut point sits on the seam: start it on the edge the ring moves away from.
    const double start = u.winding > 0 ? -180 : 180;
    const double shift = start - u.ring.front().x;
    for (auto& p : u.ring)
        p.x += shift;
    const double end = start + u.winding;
    const double poleLat = pole > 0 ? 90.0 : -90.0;
    u.ring.push_back({end, cutLat});
    u.ring.push_back({end, poleLat});
    u.ring.push_back({start, poleLat});
    return densifyEdges(u.ring, std::min(start, end), std::max(start, end), step);
}

int windowOf(double x) noexcept {
    return static_cast<int>(std::floor((x + 180) / 360));
}

/// Cuts one polygon at the seam; `poleHint` forces which pole a winding outer ring closes
/// over (+1 north, -1 south, 0: the one giving the smaller area).
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): centre longitude, pole, step differ.
void splitPolygon(const Polygon& poly, double centre, int poleHint, double step,
                  MultiPolygon& out) {
    if (poly.rings.empty())
        return;
    auto prepare = [&](const Ring& ring, int hint) {
        Unwrapped u = unwrap(ring, centre);
        if (u.winding == 0)
            return u.ring;
        int pole = hint;
        if (pole == 0) {
            const double north = northArea(u.ring);
            pole = north <= 4 * M_PI - north ? 1 : -1;
        }
        return closeOverPole(ring, centre, pole, step);
    };
    const Ring shell = prepare(poly.rings.front(), poleHint);
    if (shell.size() < 3)
        return;
    const Rect sb = bounds(shell);
    std::vector<Ring> holes;
    for (std::size_t i = 1; i < poly.rings.size(); ++i) {
        Ring h = prepare(poly.rings[i], 0);
        if (h.size() < 3)
            continue;
        // Bring the hole to the turn of the globe where it lies inside the shell.
        const double mid = bounds(h).centre().x;
        const double turns = std::round((sb.centre().x - mid) / 360);
        for (auto& p : h)
            p.x += turns * 360;
        holes.push_back(std::move(h));
    }
    for (int k = windowOf(sb.minX); k <= windowOf(sb.maxX); ++k) {
        const double lo = -180.0 + 360.0 * k;
        const double hi = lo + 360;
        auto clip = [&](const Ring& r) {
            Ring c = clipHalf(clipHalf(r, lo, true), hi, false);
            if (c.size() < 3 || std::abs(signedArea(c)) < 1e-12)
                return Ring{};
            c = densifyEdges(c, lo, hi, step);
            for (auto& p : c)
                p = fromRelative({p.x - 360.0 * k, p.y}, centre);
            return c;
        };
        Polygon piece;
        if (Ring c = clip(shell); !c.empty())
            piece.rings.push_back(std::move(c));
        else
            continue;
        for (const auto& h : holes)
            if (Ring c = clip(h); !c.empty())
                piece.rings.push_back(std::move(c));
        out.push_back(std::move(piece));
    }
}

/// Moves points lying on the meridian `seam` a hair towards `side` (-1 west, +1 east).
void nudgeOffSeam(LineString& points, double seam, double side) {
    for (auto& p : points)
        if (p.x == seam)
            p.x = seam + side * kSeamGap;
}

} // namespace

double normalizeLon(double lon) noexcept {
    if (lon > -180 && lon <= 180)
        return lon;
    double l = std::fmod(lon + 180.0, 360.0);
    if (l < 0)
        l += 360;
    return l == 0 ? 180.0 : l - 180.0;
}

bool antipodal(Point a, Point b) noexcept {
    constexpr double kTolerance = 0.01; // degrees: about 1 km
    if (std::abs(a.y + b.y) > kTolerance)
        return false;
    // Near a pole every meridian leads to the antipode.
    if (90 - std::abs(a.y) < kTolerance)
        return true;
    return std::abs(lonDelta(normalizeLon(a.x + 180), b.x)) * std::cos(a.y * kRad) < kTolerance;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): pole, then seam and step.
MultiPolygon capAtSeam(const Ring& circle, int pole, double seamLon, double stepDeg) {
    MultiPolygon out;
    splitPolygon(Polygon{{circle}}, seamLon - 180, pole, validStep(stepDeg), out);
    return out;
}

MultiPolygon globeLess(const MultiPolygon& holes, double seamLon, double stepDeg) {
    const double centreLon = seamLon - 180;
    Ring globe{{-180, -90}, {-180, 90}, {180, 90}, {180, -90}};
    globe = densifyEdges(globe, -180, 180, validStep(stepDeg));
    for (auto& p : globe)
        p = fromRelative(p, centreLon);
    Polygon world{{std::move(globe)}};
    for (const auto& piece : holes)
        if (!piece.rings.empty())
            world.rings.push_back(piece.rings.front());
    return {std::move(world)};
}

bool crossesSeam(const LineString& lonLat, double seamLon) noexcept {
    const double centre = seamLon - 180;
    for (std::size_t i = 1; i < lonLat.size(); ++i)
        if (std::abs(normalizeLon(lonLat[i].x - centre) - normalizeLon(lonLat[i - 1].x - centre)) >
            180)
            return true;
    return false;
}

MultiLineString splitAtSeam(const LineString& lonLat, double seamLon) {
    const double centre = seamLon - 180;
    if (lonLat.size() < 2 ||
        (!crossesSeam(lonLat, seamLon) &&
         std::none_of(lonLat.begin(), lonLat.end(), [&](Point p) { return onSeam(p, centre); })))
        return {lonLat};
    MultiLineString parts;
    LineString current;
    // A vertex on the seam goes to the edge of the piece it belongs to: the piece so far, or
    // for the first vertex the side its neighbour lies on.
    auto place = [&](Point p, double side) {
        return onSeam(p, centre) ? fromRelative({side < 0 ? -180.0 : 180.0, p.y}, centre) : p;
    };
    auto sideOf = [&](Point p) { return normalizeLon(p.x - centre); };
    auto finish = [&] {
        if (current.size() >= 2 && length(current) > 1e-6)
            parts.push_back(std::move(current));
        current.clear();
    };
    {
        const auto next =
            std::find_if(lonLat.begin(), lonLat.end(), [&](Point p) { return !onSeam(p, centre); });
        current.push_back(place(lonLat.front(), next == lonLat.end() ? 1.0 : sideOf(*next)));
    }
    for (std::size_t i = 1; i < lonLat.size(); ++i) {
        const Point a = lonLat[i - 1];
        const Point b = lonLat[i];
        const double ra = normalizeLon(a.x - centre);
        const double rb = normalizeLon(b.x - centre);
        if (std::abs(rb - ra) > 180) {
            const double d = lonDelta(ra, rb);
            const double edge = d > 0 ? 180.0 : -180.0;
            const double t = d != 0 ? std::clamp((edge - ra) / d, 0.0, 1.0) : 0.0;
            const double lat = a.y + (b.y - a.y) * t;
            current.push_back(fromRelative({edge, lat}, centre));
            finish();
            current.push_back(fromRelative({-edge, lat}, centre));
        }
        current.push_back(place(b, sideOf(current.back())));
    }
    finish();
    // A closed line (a circle) cut open: its first and last pieces meet where it started.
    if (parts.size() > 2 && lonLat.front() == lonLat.back() &&
        parts.front().front() == parts.back().back()) {
        parts.back().insert(parts.back().end(), parts.front().begin() + 1, parts.front().end());
        parts.erase(parts.begin());
    }
    return parts;
}

MultiPolygon splitAtSeam(const MultiPolygon& lonLat, double seamLon) {
    const double centre = seamLon - 180;
    MultiPolygon out;
    out.reserve(lonLat.size());
    for (const auto& poly : lonLat) {
        const bool crosses = std::any_of(poly.rings.begin(), poly.rings.end(),
                                         [&](const Ring& r) { return ringCrosses(r, centre); });
        if (!crosses)
            out.push_back(poly);
        else
            splitPolygon(poly, centre, 0, kGeodesicStepDeg, out);
    }
    return out;
}

MultiPolygon cutAlongMeridian(const MultiPolygon& lonLat, double seamLon) {
    MultiPolygon out;
    out.reserve(lonLat.size());
    for (const auto& poly : lonLat) {
        if (poly.rings.empty())
            continue;
        const Rect b = bounds(poly.rings.front());
        if (!(b.minX < seamLon && seamLon < b.maxX)) {
            out.push_back(poly);
            continue;
        }
        for (const double side : {-1.0, 1.0}) {
            const double lo = side < 0 ? -180.0 : seamLon;
            const double hi = side < 0 ? seamLon : 180.0;
            Polygon piece;
            for (std::size_t i = 0; i < poly.rings.size(); ++i) {
                Ring c = clipHalf(clipHalf(poly.rings[i], lo, true), hi, false);
                if (c.size() < 3 || std::abs(signedArea(c)) < 1e-12) {
                    if (i == 0)
                        break;
                    continue;
                }
                c = densifyEdges(c, seamLon, seamLon, kGeodesicStepDeg);
                nudgeOffSeam(c, seamLon, side);
                piece.rings.push_back(std::move(c));
            }
            if (!piece.rings.empty())
                out.push_back(std::move(piece));
        }
    }
    return out;
}

MultiLineString cutAlongMeridian(const MultiLineString& lonLat, double seamLon) {
    MultiLineString out;
    out.reserve(lonLat.size());
    for (const auto& line : lonLat) {
        LineString current;
        auto finish = [&](double side) {
            nudgeOffSeam(current, seamLon, side);
            if (current.size() >= 2)
                out.push_back(std::move(current));
            current.clear();
        };
        for (std::size_t i = 0; i < line.size(); ++i) {
            const Point b = line[i];
            if (i > 0) {
                const Point a = line[i - 1];
                if ((a.x < seamLon && b.x > seamLon) || (a.x > seamLon && b.x < seamLon)) {
                    const double t = (seamLon - a.x) / (b.x - a.x);
                    current.push_back({seamLon, a.y + (b.y - a.y) * t});
                    finish(a.x < seamLon ? -1.0 : 1.0);
                    current.push_back({seamLon, a.y + (b.y - a.y) * t});
                }
            }
            current.push_back(b);
        }
        // The side of the last piece: where its points off the seam lie.
        double side = 1;
        for (const Point p : current)
            if (p.x != seamLon) {
                side = p.x < seamLon ? -1.0 : 1.0;
                break;
            }
        finish(side);
    }
    return out;
}

} // namespace mapreel
