// SPDX-License-Identifier: MIT
#include "geos_ops.hpp"

#include "geos/handles.hpp"

#include "planar.hpp"

#include "mapreel/core/error.hpp"

#include <geos_c.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mapreel::adapters {

namespace {

void ignoreNotice(const char* message, void* userdata) {
    (void)message;
    (void)userdata;
}

void contextMessage(const char* message, void* userdata) {
    auto* last = static_cast<std::string*>(userdata);
    *last = message != nullptr ? message : "";
}

/// Beyond any map coordinate: degrees, projected metres and pixels all stay far below.
/// GEOS's spatial indexes stop converging on envelopes spanning hundreds of orders of
/// magnitude (1e-300 to 1e200: a hang found by the geometry fuzzer), so such points are
/// treated like NaN.
constexpr double kMaxCoordinate = 1e12;

bool finite(Point p) noexcept {
    return std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) <= kMaxCoordinate &&
           std::abs(p.y) <= kMaxCoordinate;
}

/// The finite points of `r` without consecutive repeats: what GEOS is given. NaN or infinite
/// coordinates (a corrupt file, an overflow) would otherwise make every operation fail.
Ring cleaned(const Ring& r) {
    Ring out;
    out.reserve(r.size());
    for (const auto& p : r)
        if (finite(p) && (out.empty() || !(out.back() == p)))
            out.push_back(p);
    return out;
}

/// `box` as GEOS can clip by it: NaN makes no box (nothing is inside it; GEOS's rectangle
/// clipping looped for ever on one, found by the geometry fuzzer), and coordinates beyond
/// kMaxCoordinate, where no point handed to GEOS lies, are brought to it.
std::optional<Rect> clipBox(const Rect& box) noexcept {
    if (std::isnan(box.minX) || std::isnan(box.minY) || std::isnan(box.maxX) ||
        std::isnan(box.maxY))
        return std::nullopt;
    const auto limit = [](double v) { return std::clamp(v, -kMaxCoordinate, kMaxCoordinate); };
    return Rect{limit(box.minX), limit(box.minY), limit(box.maxX), limit(box.maxY)};
}

/// Whether a ring can enclose any area: three points not all on one line. (Its signed
/// area is no test: the two lobes of a bow-tie cancel out.)
bool hasArea(const Ring& r) noexcept {
    if (r.size() < 3)
        return false;
    const Point a = r.front();
    std::size_t i = 1;
    while (i < r.size() && r[i] == a)
        ++i;
    if (i == r.size())
        return false;
    const Point b = r[i];
    for (std::size_t k = i + 1; k < r.size(); ++k) {
        const double cross = (b.x - a.x) * (r[k].y - a.y) - (b.y - a.y) * (r[k].x - a.x);
        if (cross != 0 && std::isfinite(cross))
            return true;
    }
    return false;
}

/// `p` without non-finite points, repeats and rings that cannot enclose an area; nullopt
/// when its outer ring is one of those.
std::optional<Polygon> drawable(const Polygon& p) {
    Polygon out;
    for (const auto& r : p.rings) {
        Ring c = cleaned(r);
        if (c.size() > 1 && c.front() == c.back())
            c.pop_back();
        if (hasArea(c))
            out.rings.push_back(std::move(c));
        else if (out.rings.empty())
            return std::nullopt;
    }
    if (out.rings.empty())
        return std::nullopt;
    return out;
}

/// Polygons up to this many points are checked and repaired by GEOS without a count first.
constexpr std::size_t kCountedFrom = 20000;
/// GEOS's validity check and repair compare every pair of edges whose bounding boxes meet:
/// about one pair per point on real coastlines, hundreds on a ring zig-zagging across
/// itself, where the check alone takes minutes and the repair gigabytes. Past this many
/// pairs per point, a polygon is refused before GEOS starts, at once and in bounded memory.
constexpr std::size_t kMaxPairsPerPoint = 64;

std::size_t pointCount(const MultiPolygon& mp) noexcept {
    std::size_t n = 0;
    for (const auto& p : mp)
        for (const auto& r : p.rings)
            n += r.size();
    return n;
}

/// `n` with thousands separated by commas, as the messages print counts.
std::string counted(std::size_t n) {
    std::string digits = std::to_string(n);
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

/// Throws DataError when `mp` is too dense for GEOS to check or repair in reasonable time
/// and memory (see kMaxPairsPerPoint).
void refuseDense(const MultiPolygon& mp) {
    const std::size_t points = pointCount(mp);
    if (points <= kCountedFrom)
        return;
    MultiPolygon clean; // finite coordinates, as the count needs
    for (const auto& p : mp)
        if (auto d = drawable(p))
            clean.push_back(std::move(*d));
    const std::size_t pairs = planar::overlappingEdgePairs(clean);
    if (pairs > kMaxPairsPerPoint * points)
        throw DataError("geometry too dense to check or repair: " + counted(points) +
                        " points whose edges lie across one another " + counted(pairs) +
                        " times (over " + std::to_string(kMaxPairsPerPoint) +
                        " per point: a ring that zig-zags over itself?); simplify the data "
                        "first (ogr2ogr -simplify) or repair it in a GIS (ogr2ogr -makevalid)");
}

/// When the running GEOS operation of this thread must give up, and whether it did. GEOS's
/// interrupt callback takes no user data, so its state can only live in thread-locals.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): see above.
thread_local planar::Clock::time_point tDeadline = planar::Clock::time_point::max();
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): see above.
thread_local bool tTimedOut = false;

/// Thrown through GEOS when this thread's operation is past its deadline.
class OutOfTime : public std::exception {
public:
    [[nodiscard]] const char* what() const noexcept override { return "out of time"; }
};

/// Called by GEOS from its long loops (GEOS_CHECK_FOR_INTERRUPTS), in the thread running
/// the operation. GEOS_interruptRequest() would stop the operations of every thread (its
/// flag is process-wide): a time-out in one render thread failed the others. Instead the
/// callback throws in its own thread only; the exception unwinds GEOS's C++ frames as its
/// own InterruptedException would, from the same places, and GEOS's C API turns it into a
/// failed call (null, or 2 from the predicates) like any other exception.
extern "C" void checkDeadline() {
    if (planar::Clock::now() > tDeadline) {
        tTimedOut = true;
        throw OutOfTime();
    }
}

/// Gives the operations in its scope `budget` of this thread's CPU time.
class Deadline {
public:
    explicit Deadline(std::chrono::milliseconds budget) {
        static std::once_flag once;
        std::call_once(once, [] { GEOS_interruptRegisterCallback(&checkDeadline); });
        tDeadline = planar::Clock::now() + budget;
        tTimedOut = false;
    }
    ~Deadline() { tDeadline = planar::Clock::time_point::max(); }
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;
    Deadline(Deadline&&) = delete;
    Deadline& operator=(Deadline&&) = delete;
};

} // namespace

class GeosOps::Impl {
public:
    explicit Impl(std::chrono::milliseconds budget)
        : budget_(budget), context_(GEOS_init_r()), ctx_(context_.get()) {
        GEOSContext_setErrorMessageHandler_r(ctx_, &contextMessage, &lastError_);
        GEOSContext_setNoticeMessageHandler_r(ctx_, &ignoreNotice, nullptr);
    }
    ~Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    GeomPtr wrap(GEOSGeometry* g) {
        if (!g && tTimedOut)
            throw DataError("geometry too complex: GEOS gave up after " +
                            std::to_string(budget_.count()) +
                            " ms (a polygon that crosses itself a great many times?); simplify "
                            "the data (ogr2ogr -simplify) or repair it in a GIS (ogr2ogr "
                            "-makevalid)");
        if (!g)
            throw DataError("geometry operation failed: " +
                            (lastError_.empty() ? std::string("GEOS gave no reason") : lastError_));
        return GeomPtr(g, {ctx_});
    }

    [[nodiscard]] GEOSGeometry* ring(const Ring& r, bool asLine) const {
        const auto n = static_cast<unsigned>(r.size() + (asLine ? 0 : 1));
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, n, 2);
        if (!seq)
            return nullptr;
        for (unsigned i = 0; i < r.size(); ++i)
            GEOSCoordSeq_setXY_r(ctx_, seq, i, r[i].x, r[i].y);
        if (!asLine)
            GEOSCoordSeq_setXY_r(ctx_, seq, n - 1, r[0].x, r[0].y);
        return asLine ? GEOSGeom_createLineString_r(ctx_, seq)
                      : GEOSGeom_createLinearRing_r(ctx_, seq);
    }

    /// A GEOS multipolygon of the rings that can be one: non-finite points and repeats are
    /// dropped, rings without area are left out (a polygon without an area-bearing shell
    /// entirely). Whatever GEOS refuses to build is left out too, never passed on as null.
    GeomPtr toGeos(const MultiPolygon& mp) {
        std::vector<GeomPtr> polys;
        for (const auto& p : mp) {
            if (p.rings.empty())
                continue;
            const Ring outer = cleaned(p.rings[0]);
            if (!hasArea(outer))
                continue;
            GeomPtr shell = adopt(ring(outer, false));
            if (!shell)
                continue;
            std::vector<GeomPtr> holes;
            for (std::size_t i = 1; i < p.rings.size(); ++i) {
                const Ring inner = cleaned(p.rings[i]);
                if (hasArea(inner))
                    if (GeomPtr h = adopt(ring(inner, false)))
                        holes.push_back(std::move(h));
            }
            std::vector<GEOSGeometry*> rawHoles;
            rawHoles.reserve(holes.size());
            for (auto& h : holes)
                rawHoles.push_back(h.release());
            // The polygon takes ownership of the shell and the holes, even when it fails.
            if (GeomPtr poly =
                    adopt(GEOSGeom_createPolygon_r(ctx_, shell.release(), rawHoles.data(),
                                                   static_cast<unsigned>(rawHoles.size()))))
                polys.push_back(std::move(poly));
        }
        return collection(GEOS_MULTIPOLYGON, polys);
    }

    GeomPtr toGeos(const MultiLineString& ml) {
        std::vector<GeomPtr> lines;
        for (const auto& l : ml) {
            const LineString line = cleaned(l);
            if (line.size() >= 2)
                if (GeomPtr g = adopt(ring(line, true)))
                    lines.push_back(std::move(g));
        }
        return collection(GEOS_MULTILINESTRING, lines);
    }

    /// Takes ownership of a geometry GEOS may have failed to make (null).
    GeomPtr adopt(GEOSGeometry* g) const { return GeomPtr(g, {ctx_}); }

    GeomPtr collection(int type, std::vector<GeomPtr>& parts) {
        std::vector<GEOSGeometry*> raw;
        raw.reserve(parts.size());
        for (auto& p : parts)
            raw.push_back(p.release());
        return wrap(
            GEOSGeom_createCollection_r(ctx_, type, raw.data(), static_cast<unsigned>(raw.size())));
    }

    [[nodiscard]] LineString coords(const GEOSGeometry* g, bool dropClosing) const {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx_, g);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(ctx_, seq, &n);
        LineString out;
        out.reserve(n);
        for (unsigned i = 0; i < n; ++i) {
            double x = 0;
            double y = 0;
            GEOSCoordSeq_getXY_r(ctx_, seq, i, &x, &y);
            if (std::isfinite(x) && std::isfinite(y))
                out.push_back({x, y});
        }
        if (dropClosing && out.size() > 1 && out.front() == out.back())
            out.pop_back();
        return out;
    }

    void polygons(const GEOSGeometry* g, MultiPolygon& out) {
        const int type = GEOSGeomTypeId_r(ctx_, g);
        if (type == GEOS_POLYGON) {
            Polygon p;
            p.rings.push_back(coords(GEOSGetExteriorRing_r(ctx_, g), true));
            const int holes = GEOSGetNumInteriorRings_r(ctx_, g);
            for (int i = 0; i < holes; ++i)
                p.rings.push_back(coords(GEOSGetInteriorRingN_r(ctx_, g, i), true));
            if (p.rings.front().size() >= 3)
                out.push_back(std::move(p));
        } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
            const int n = GEOSGetNumGeometries_r(ctx_, g);
            for (int i = 0; i < n; ++i)
                polygons(GEOSGetGeometryN_r(ctx_, g, i), out);
        }
    }

    void lines(const GEOSGeometry* g, MultiLineString& out) {
        const int type = GEOSGeomTypeId_r(ctx_, g);
        if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
            auto l = coords(g, false);
            if (l.size() >= 2)
                out.push_back(std::move(l));
        } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
            const int n = GEOSGetNumGeometries_r(ctx_, g);
            for (int i = 0; i < n; ++i)
                lines(GEOSGetGeometryN_r(ctx_, g, i), out);
        }
    }

    MultiPolygon fromGeos(const GeomPtr& g) {
        MultiPolygon out;
        polygons(g.get(), out);
        return out;
    }

    /// `g` itself when valid, else repaired: self-intersections, bow-ties, holes outside
    /// their shell and overlapping parts become a valid multipolygon ("structure" keeps
    /// areas and drops collapsed edges, so a repaired polygon has no stray lines).
    GeomPtr valid(GeomPtr g) {
        if (GEOSisValid_r(ctx_, g.get()) == 1)
            return g;
        GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx_);
        GEOSMakeValidParams_setMethod_r(ctx_, params, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(ctx_, params, 0);
        GEOSGeometry* repaired = GEOSMakeValidWithParams_r(ctx_, g.get(), params);
        GEOSMakeValidParams_destroy_r(ctx_, params);
        if (!repaired) // the linework method copes with some inputs the structure one rejects
            repaired = GEOSMakeValid_r(ctx_, g.get());
        return wrap(repaired);
    }

    /// `mp` as a valid GEOS geometry, unless it is too dense to check or repair.
    GeomPtr validOf(const MultiPolygon& mp) {
        refuseDense(mp);
        return valid(toGeos(mp));
    }

    /// The thread's GEOS context, owned by this object.
    [[nodiscard]] GEOSContextHandle_t ctx() const noexcept { return ctx_; }
    [[nodiscard]] std::chrono::milliseconds budget() const noexcept { return budget_; }

private:
    std::chrono::milliseconds budget_;
    GeosContextPtr context_;
    GEOSContextHandle_t ctx_; ///< context_, for the calls
    std::string lastError_;
};

GeosOps::GeosOps(std::chrono::milliseconds budget) : impl_(std::make_unique<Impl>(budget)) {}
GeosOps::~GeosOps() = default;

MultiPolygon GeosOps::intersection(const MultiPolygon& a, const MultiPolygon& b) {
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    auto ga = impl.validOf(a);
    auto gb = impl.validOf(b);
    return impl.fromGeos(impl.wrap(GEOSIntersection_r(impl.ctx(), ga.get(), gb.get())));
}

MultiPolygon GeosOps::difference(const MultiPolygon& a, const MultiPolygon& b) {
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    auto ga = impl.validOf(a);
    auto gb = impl.validOf(b);
    return impl.fromGeos(impl.wrap(GEOSDifference_r(impl.ctx(), ga.get(), gb.get())));
}

MultiPolygon GeosOps::unite(const std::vector<MultiPolygon>& parts) {
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    MultiPolygon all;
    for (const auto& p : parts)
        all.insert(all.end(), p.begin(), p.end());
    if (all.empty())
        return {};
    // Each polygon is repaired alone: neighbours sharing a border make the multipolygon of
    // all of them invalid, and repairing that as a whole is itself a full union.
    std::vector<GeomPtr> valid;
    valid.reserve(all.size());
    double partsArea = 0;
    for (const auto& p : all) {
        auto g = impl.validOf(MultiPolygon{p});
        double area = 0;
        if (GEOSArea_r(impl.ctx(), g.get(), &area) == 1)
            partsArea += area;
        valid.push_back(std::move(g));
    }
    const auto g = impl.collection(GEOS_GEOMETRYCOLLECTION, valid);
    // Countries of one dataset share their borders vertex for vertex (a coverage), which a
    // coverage union dissolves in near-linear time. Its result is kept only when it is valid
    // and keeps the parts' total area, so overlapping or unmatched parts fall back to the
    // general union.
    if (all.size() > 1) {
        if (GeomPtr cover = impl.adopt(GEOSCoverageUnion_r(impl.ctx(), g.get()))) {
            double area = 0;
            if (GEOSisValid_r(impl.ctx(), cover.get()) == 1 &&
                GEOSArea_r(impl.ctx(), cover.get(), &area) == 1 &&
                std::abs(area - partsArea) <= 1e-9 * std::max(1.0, partsArea))
                return impl.fromGeos(cover);
        }
    }
    return impl.fromGeos(impl.wrap(GEOSUnaryUnion_r(impl.ctx(), g.get())));
}

MultiPolygon GeosOps::clip(const MultiPolygon& a, const Rect& box) {
    const auto sane = clipBox(box);
    if (!sane)
        return {};
    const Rect& within = *sane;
    auto& impl = *impl_;
    MultiPolygon out;
    // Clip polygon by polygon: one bad ring in the data must not lose the rest. The budget
    // is each polygon's: a world layer of a thousand sound polygons may take seconds in all.
    for (const auto& p : a) {
        if (p.rings.empty() || !bounds(p.rings.front()).intersects(within))
            continue;
        if (within.contains({bounds(p.rings.front()).minX, bounds(p.rings.front()).minY}) &&
            within.contains({bounds(p.rings.front()).maxX, bounds(p.rings.front()).maxY})) {
            // Inside the box: kept as it is, less what cannot be drawn.
            if (auto kept = drawable(p))
                out.push_back(std::move(*kept));
            continue;
        }
        const Deadline deadline(impl.budget());
        auto g = impl.validOf(MultiPolygon{p});
        auto c = impl.wrap(GEOSClipByRect_r(impl.ctx(), g.get(), within.minX, within.minY,
                                            within.maxX, within.maxY));
        impl.polygons(c.get(), out);
    }
    return out;
}

MultiLineString GeosOps::clip(const MultiLineString& a, const Rect& box) {
    const auto sane = clipBox(box);
    if (!sane)
        return {};
    const Rect& within = *sane;
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    MultiLineString out;
    for (const auto& l : a) {
        if (l.size() < 2 || !bounds(MultiLineString{l}).intersects(within))
            continue;
        auto g = impl.toGeos(MultiLineString{l});
        auto c = impl.wrap(GEOSClipByRect_r(impl.ctx(), g.get(), within.minX, within.minY,
                                            within.maxX, within.maxY));
        impl.lines(c.get(), out);
    }
    return out;
}

MultiPolygon GeosOps::buffer(const LineString& line, double distance) {
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    const LineString clean = cleaned(line);
    if (clean.size() < 2 || !std::isfinite(distance))
        return {};
    auto g = impl.wrap(impl.ring(clean, true));
    GEOSBufferParams* params = GEOSBufferParams_create_r(impl.ctx());
    GEOSBufferParams_setEndCapStyle_r(impl.ctx(), params, GEOSBUF_CAP_FLAT);
    GEOSBufferParams_setJoinStyle_r(impl.ctx(), params, GEOSBUF_JOIN_ROUND);
    GEOSGeometry* buffered = GEOSBufferWithParams_r(impl.ctx(), g.get(), params, distance);
    GEOSBufferParams_destroy_r(impl.ctx(), params);
    return impl.fromGeos(impl.wrap(buffered));
}

MultiPolygon GeosOps::makeValid(const MultiPolygon& a) {
    auto& impl = *impl_;
    const Deadline deadline(impl.budget());
    if (a.empty())
        return {};
    return impl.fromGeos(impl.validOf(a));
}

MultiPolygon GeosOps::simplify(const MultiPolygon& a, double tolerance) {
    // GEOS's TopologyPreservingSimplifier recurses without checking for interruption: on a
    // zig-zag of 30,000 points it runs for minutes, and on subnormal coordinates its
    // recursion never ends (both found by the geometry fuzzer). The same rules, without
    // recursion and within the time budget, are in planar.cpp.
    const auto budget = impl_->budget();
    MultiPolygon clean;
    for (const auto& p : a)
        if (auto d = drawable(p))
            clean.push_back(std::move(*d));
    auto out = planar::simplifyPreservingTopology(clean, tolerance, planar::Clock::now() + budget);
    if (!out)
        throw DataError("geometry too complex: simplifying a polygon of " +
                        counted(pointCount(clean)) + " points took more than " +
                        std::to_string(budget.count()) +
                        " ms (a ring that zig-zags over itself?); simplify the data first "
                        "(ogr2ogr -simplify) or repair it in a GIS (ogr2ogr -makevalid)");
    return std::move(*out);
}

} // namespace mapreel::adapters
