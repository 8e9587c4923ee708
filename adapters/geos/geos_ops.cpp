// SPDX-License-Identifier: MIT
#include "geos_ops.hpp"

#include "mapreel/core/error.hpp"

#include <geos_c.h>

#include <cmath>
#include <string>

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

} // namespace

class GeosOps::Impl {
public:
    Impl() : ctx_(GEOS_init_r()) {
        GEOSContext_setErrorMessageHandler_r(ctx_, &contextMessage, &lastError_);
        GEOSContext_setNoticeMessageHandler_r(ctx_, &ignoreNotice, nullptr);
    }
    ~Impl() { GEOS_finish_r(ctx_); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    struct GeomDeleter {
        GEOSContextHandle_t ctx;
        void operator()(GEOSGeometry* g) const noexcept {
            if (g)
                GEOSGeom_destroy_r(ctx, g);
        }
    };
    using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

    GeomPtr wrap(GEOSGeometry* g) {
        if (!g)
            throw DataError("geometry operation failed: " + lastError_);
        return GeomPtr(g, GeomDeleter{ctx_});
    }

    [[nodiscard]] GEOSGeometry* ring(const Ring& r, bool asLine) const {
        const auto n = static_cast<unsigned>(r.size() + (asLine ? 0 : 1));
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, n, 2);
        for (unsigned i = 0; i < r.size(); ++i)
            GEOSCoordSeq_setXY_r(ctx_, seq, i, r[i].x, r[i].y);
        if (!asLine)
            GEOSCoordSeq_setXY_r(ctx_, seq, n - 1, r[0].x, r[0].y);
        return asLine ? GEOSGeom_createLineString_r(ctx_, seq)
                      : GEOSGeom_createLinearRing_r(ctx_, seq);
    }

    GeomPtr toGeos(const MultiPolygon& mp) {
        std::vector<GEOSGeometry*> polys;
        for (const auto& p : mp) {
            if (p.rings.empty() || p.rings[0].size() < 3)
                continue;
            GEOSGeometry* shell = ring(p.rings[0], false);
            std::vector<GEOSGeometry*> holes;
            for (std::size_t i = 1; i < p.rings.size(); ++i)
                if (p.rings[i].size() >= 3)
                    holes.push_back(ring(p.rings[i], false));
            polys.push_back(GEOSGeom_createPolygon_r(ctx_, shell, holes.data(),
                                                     static_cast<unsigned>(holes.size())));
        }
        return wrap(GEOSGeom_createCollection_r(ctx_, GEOS_MULTIPOLYGON, polys.data(),
                                                static_cast<unsigned>(polys.size())));
    }

    GeomPtr toGeos(const MultiLineString& ml) {
        std::vector<GEOSGeometry*> lines;
        for (const auto& l : ml)
            if (l.size() >= 2)
                lines.push_back(ring(l, true));
        return wrap(GEOSGeom_createCollection_r(ctx_, GEOS_MULTILINESTRING, lines.data(),
                                                static_cast<unsigned>(lines.size())));
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

    GeomPtr valid(GeomPtr g) {
        if (GEOSisValid_r(ctx_, g.get()) == 1)
            return g;
        return wrap(GEOSMakeValid_r(ctx_, g.get()));
    }

    /// The thread's GEOS context, owned by this object.
    [[nodiscard]] GEOSContextHandle_t ctx() const noexcept { return ctx_; }

private:
    GEOSContextHandle_t ctx_;
    std::string lastError_;
};

GeosOps::GeosOps() : impl_(std::make_unique<Impl>()) {}
GeosOps::~GeosOps() = default;

MultiPolygon GeosOps::intersection(const MultiPolygon& a, const MultiPolygon& b) {
    auto& impl = *impl_;
    auto ga = impl.valid(impl.toGeos(a));
    auto gb = impl.valid(impl.toGeos(b));
    return impl.fromGeos(impl.wrap(GEOSIntersection_r(impl.ctx(), ga.get(), gb.get())));
}

MultiPolygon GeosOps::difference(const MultiPolygon& a, const MultiPolygon& b) {
    auto& impl = *impl_;
    auto ga = impl.valid(impl.toGeos(a));
    auto gb = impl.valid(impl.toGeos(b));
    return impl.fromGeos(impl.wrap(GEOSDifference_r(impl.ctx(), ga.get(), gb.get())));
}

MultiPolygon GeosOps::unite(const std::vector<MultiPolygon>& parts) {
    auto& impl = *impl_;
    MultiPolygon all;
    for (const auto& p : parts)
        all.insert(all.end(), p.begin(), p.end());
    if (all.empty())
        return {};
    auto g = impl.toGeos(all);
    return impl.fromGeos(impl.wrap(GEOSUnaryUnion_r(impl.ctx(), impl.valid(std::move(g)).get())));
}

MultiPolygon GeosOps::clip(const MultiPolygon& a, const Rect& box) {
    auto& impl = *impl_;
    MultiPolygon out;
    // Clip polygon by polygon: one bad ring in the data must not lose the rest.
    for (const auto& p : a) {
        if (p.rings.empty() || !bounds(p.rings.front()).intersects(box))
            continue;
        if (box.contains({bounds(p.rings.front()).minX, bounds(p.rings.front()).minY}) &&
            box.contains({bounds(p.rings.front()).maxX, bounds(p.rings.front()).maxY})) {
            out.push_back(p);
            continue;
        }
        auto g = impl.valid(impl.toGeos(MultiPolygon{p}));
        auto c = impl.wrap(
            GEOSClipByRect_r(impl.ctx(), g.get(), box.minX, box.minY, box.maxX, box.maxY));
        impl.polygons(c.get(), out);
    }
    return out;
}

MultiLineString GeosOps::clip(const MultiLineString& a, const Rect& box) {
    auto& impl = *impl_;
    MultiLineString out;
    for (const auto& l : a) {
        if (l.size() < 2 || !bounds(MultiLineString{l}).intersects(box))
            continue;
        auto g = impl.toGeos(MultiLineString{l});
        auto c = impl.wrap(
            GEOSClipByRect_r(impl.ctx(), g.get(), box.minX, box.minY, box.maxX, box.maxY));
        impl.lines(c.get(), out);
    }
    return out;
}

MultiPolygon GeosOps::buffer(const LineString& line, double distance) {
    auto& impl = *impl_;
    if (line.size() < 2)
        return {};
    auto g = impl.wrap(impl.ring(line, true));
    GEOSBufferParams* params = GEOSBufferParams_create_r(impl.ctx());
    GEOSBufferParams_setEndCapStyle_r(impl.ctx(), params, GEOSBUF_CAP_FLAT);
    GEOSBufferParams_setJoinStyle_r(impl.ctx(), params, GEOSBUF_JOIN_ROUND);
    GEOSGeometry* buffered = GEOSBufferWithParams_r(impl.ctx(), g.get(), params, distance);
    GEOSBufferParams_destroy_r(impl.ctx(), params);
    return impl.fromGeos(impl.wrap(buffered));
}

MultiPolygon GeosOps::makeValid(const MultiPolygon& a) {
    auto& impl = *impl_;
    if (a.empty())
        return {};
    return impl.fromGeos(impl.valid(impl.toGeos(a)));
}

MultiPolygon GeosOps::simplify(const MultiPolygon& a, double tolerance) {
    auto& impl = *impl_;
    auto g = impl.toGeos(a);
    return impl.fromGeos(impl.wrap(GEOSTopologyPreserveSimplify_r(impl.ctx(), g.get(), tolerance)));
}

} // namespace mapreel::adapters
