// SPDX-License-Identifier: MIT
#include "gdal_source.hpp"

#include "mapreel/core/error.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace mapreel::adapters {

namespace {

struct DatasetCloser {
    void operator()(void* ds) const noexcept {
        if (ds)
            GDALClose(ds);
    }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

struct FeatureDestroyer {
    void operator()(OGRFeatureH f) const noexcept {
        if (f)
            OGR_F_Destroy(f);
    }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;

Ring readRing(OGRGeometryH ring) {
    Ring out;
    const int n = OGR_G_GetPointCount(ring);
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        out.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
    if (out.size() > 1 && out.front() == out.back())
        out.pop_back();
    return out;
}

void collect(OGRGeometryH g, geo::Feature& f) {
    if (!g)
        return;
    switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
    case wkbPoint:
        f.points.push_back({OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)});
        break;
    case wkbLineString:
        f.lines.push_back(readRing(g));
        if (f.lines.back().size() < 2)
            f.lines.pop_back();
        else {
            // readRing drops a closing duplicate; lines keep it.
            const int n = OGR_G_GetPointCount(g);
            if (n > 1 && OGR_G_GetX(g, 0) == OGR_G_GetX(g, n - 1) &&
                OGR_G_GetY(g, 0) == OGR_G_GetY(g, n - 1))
                f.lines.back().push_back(f.lines.back().front());
        }
        break;
    case wkbPolygon: {
        Polygon p;
        for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) {
            Ring r = readRing(OGR_G_GetGeometryRef(g, i));
            if (r.size() >= 3)
                p.rings.push_back(std::move(r));
            else if (i == 0)
                break;
        }
        if (!p.rings.empty())
            f.polygons.push_back(std::move(p));
        break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
        for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
            collect(OGR_G_GetGeometryRef(g, i), f);
        break;
    default:
        break;
    }
}

/// The variable's value, or null when unset. getenv races only with setenv, which mapreel
/// never calls.
const char* environment(const char* name) noexcept {
    return std::getenv(name); // NOLINT(concurrency-mt-unsafe)
}

/// Compressed GeoJSON/TopoJSON must be parsed whole on every open; the first read
/// converts it once to a GeoPackage (spatially indexed) in the user's cache, keyed by the
/// source's size and time, and later runs read that. Any failure falls back to the source.
std::string cachedPath(const std::string& path) {
    namespace fs = std::filesystem;
    const std::string prefix = "/vsigzip/";
    if (path.rfind(prefix, 0) != 0 || environment("MAPREEL_NO_CACHE") != nullptr)
        return path;
    const fs::path source = path.substr(prefix.size());
    std::error_code ec;
    const auto size = fs::file_size(source, ec);
    if (ec)
        return path;
    const auto stamp = fs::last_write_time(source, ec).time_since_epoch().count();
    fs::path dir;
    if (const char* xdg = environment("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
        dir = fs::path(xdg) / "mapreel";
    else if (const char* home = environment("HOME"); home != nullptr && *home != '\0')
        dir = fs::path(home) / ".cache" / "mapreel";
    else
        return path;
    const fs::path target = dir / (source.stem().stem().string() + "-" + std::to_string(size) +
                                   "-" + std::to_string(stamp) + ".gpkg");
    if (fs::exists(target, ec))
        return target.string();
    fs::create_directories(dir, ec);
    if (ec)
        return path;
    DatasetPtr in(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!in)
        return path;
    const fs::path temp = dir / (target.filename().string() + ".part-" + std::to_string(getpid()));
    // GDAL takes the argument list as mutable C strings.
    std::array<std::string, 4> args{"-f", "GPKG", "-lco", "SPATIAL_INDEX=YES"};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH src = in.get();
    int usageError = 0;
    DatasetPtr out(GDALVectorTranslate(temp.c_str(), nullptr, 1, &src, opts, &usageError));
    GDALVectorTranslateOptionsFree(opts);
    const bool ok = out != nullptr && usageError == 0;
    out.reset();
    if (!ok) {
        fs::remove(temp, ec);
        return path;
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        return path;
    }
    return target.string();
}

} // namespace

GdalFeatureSource::GdalFeatureSource() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::vector<geo::Feature> GdalFeatureSource::read(const geo::LayerQuery& q) {
    CPLErrorReset();
    const std::string path = cachedPath(q.path);
    CPLErrorReset();
    DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        std::string why = CPLGetLastErrorMsg();
        throw DataError("cannot open data file '" + q.path + "'" + (why.empty() ? "" : ": " + why));
    }
    OGRLayerH layer = q.layer.empty() ? GDALDatasetGetLayer(ds.get(), 0)
                                      : GDALDatasetGetLayerByName(ds.get(), q.layer.c_str());
    if (!layer)
        throw DataError("data file '" + q.path + "' has no layer '" + q.layer + "'");
    if (!q.where.empty() && OGR_L_SetAttributeFilter(layer, q.where.c_str()) != OGRERR_NONE)
        throw DataError("invalid filter '" + q.where + "' on '" + q.path +
                        "': " + CPLGetLastErrorMsg());
    if (q.bbox)
        OGR_L_SetSpatialFilterRect(layer, q.bbox->minX, q.bbox->minY, q.bbox->maxX, q.bbox->maxY);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int fields = OGR_FD_GetFieldCount(defn);
    std::vector<geo::Feature> out;
    OGR_L_ResetReading(layer);
    while (FeaturePtr f{OGR_L_GetNextFeature(layer)}) {
        geo::Feature feature;
        for (int i = 0; i < fields; ++i)
            if (OGR_F_IsFieldSetAndNotNull(f.get(), i) != 0)
                feature.attributes[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] =
                    OGR_F_GetFieldAsString(f.get(), i);
        if (!q.attributesOnly)
            collect(OGR_F_GetGeometryRef(f.get()), feature);
        out.push_back(std::move(feature));
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw DataError("error reading '" + q.path + "': " + CPLGetLastErrorMsg());
    return out;
}

} // namespace mapreel::adapters
