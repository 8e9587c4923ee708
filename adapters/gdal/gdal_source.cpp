// SPDX-License-Identifier: MIT
#include "gdal_source.hpp"

#include "gdal/handles.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/geo/stored_ops.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace mapreel::adapters {

namespace {

/// Vertices one read may return: enough for a detailed country at full resolution, small
/// enough that a hostile or mistaken file cannot exhaust memory or stall the geometry code.
constexpr std::size_t kMaxVertices = 5'000'000;
/// How far outside -180..180 / -90..90 a coordinate may lie (rounding in real data).
constexpr double kDegreeSlack = 1e-6;

/// Reads the geometries of one feature and rejects what no map can use: coordinates that
/// are not finite numbers, that are not longitude/latitude, or too many of them.
class Collector {
public:
    Collector(const std::string& path, std::size_t& vertices) : path_(path), vertices_(vertices) {}

    void feature(long index) noexcept { feature_ = index; }

    void collect(OGRGeometryH g, geo::Feature& f) {
        if (!g)
            return;
        switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
        case wkbPoint:
            // GeoJSON cannot write an empty point but GDAL reads [NaN, 1] as one: dropping it
            // would lose a place without a word.
            if (OGR_G_IsEmpty(g) != 0)
                throw DataError("data file '" + path_ + "': the feature with FID " +
                                std::to_string(feature_) +
                                " has an empty point (GDAL reads a point whose coordinates are "
                                "not numbers, such as NaN, as empty); fix or remove that feature");
            f.points.push_back(point(g, 0));
            break;
        case wkbLineString: {
            // A line keeps its closing point; a single point is no line and is dropped.
            LineString line = points(g);
            if (line.size() >= 2)
                f.lines.push_back(std::move(line));
            break;
        }
        case wkbPolygon: {
            Polygon p;
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) {
                Ring r = points(OGR_G_GetGeometryRef(g, i));
                // Closed or not, a ring is stored without its closing point.
                if (r.size() > 1 && r.front() == r.back())
                    r.pop_back();
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

    /// Checks the coordinates of `g` as collect() does, without keeping or counting them (a
    /// feature outside the view: a broken file is reported whatever the view).
    void check(OGRGeometryH g) {
        geo::Feature scratch;
        counting_ = false;
        try {
            collect(g, scratch);
        } catch (...) {
            counting_ = true;
            throw;
        }
        counting_ = true;
    }

private:
    [[nodiscard]] Point point(OGRGeometryH g, int i) {
        const Point p{OGR_G_GetX(g, i), OGR_G_GetY(g, i)};
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            throw DataError("data file '" + path_ + "': the feature with FID " +
                            std::to_string(feature_) +
                            " has a coordinate that is not a number (NaN or infinite); fix or "
                            "remove that feature");
        if (std::abs(p.x) > 180 + kDegreeSlack || std::abs(p.y) > 90 + kDegreeSlack)
            throw DataError("data file '" + path_ + "': the feature with FID " +
                            std::to_string(feature_) + " has the point (" + number(p.x) + ", " +
                            number(p.y) +
                            "), outside longitude -180..180 / latitude -90..90; mapreel reads "
                            "WGS 84 longitude/latitude (reproject with ogr2ogr -t_srs EPSG:4326)");
        if (counting_ && ++vertices_ > kMaxVertices)
            throw DataError("data file '" + path_ + "' has more than " +
                            std::to_string(kMaxVertices) +
                            " vertices in the map's view; simplify it first (e.g. ogr2ogr "
                            "-simplify 0.001)");
        return p;
    }

    [[nodiscard]] LineString points(OGRGeometryH g) {
        LineString out;
        if (!g)
            return out;
        const int n = OGR_G_GetPointCount(g);
        out.reserve(static_cast<std::size_t>(std::max(0, n)));
        for (int i = 0; i < n; ++i)
            out.push_back(point(g, i));
        return out;
    }

    static std::string number(double v) {
        std::array<char, 32> buf{};
        const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
        return ec == std::errc{} ? std::string(buf.data(), end) : std::string("?");
    }

    const std::string& path_;
    std::size_t& vertices_;
    long feature_ = 0;
    bool counting_ = true;
};

/// Whether the envelope of `g` meets `box`; true when it is not finite, so that the
/// coordinates are looked at (and rejected) rather than filtered out.
bool meets(OGRGeometryH g, const Rect& box) {
    if (!g || OGR_G_IsEmpty(g) != 0)
        return true;
    OGREnvelope e;
    OGR_G_GetEnvelope(g, &e);
    if (!std::isfinite(e.MinX) || !std::isfinite(e.MinY) || !std::isfinite(e.MaxX) ||
        !std::isfinite(e.MaxY))
        return true;
    return box.intersects(Rect{e.MinX, e.MinY, e.MaxX, e.MaxY});
}

/// GDAL's last error message without the source position some messages start with.
std::string gdalMessage() {
    std::string why = CPLGetLastErrorMsg();
    if (why.starts_with("In file ")) {
        const auto atLine = why.find(", at line ");
        const auto comma = atLine == std::string::npos ? atLine : why.find(", ", atLine + 2);
        if (comma != std::string::npos)
            why.erase(0, comma + 2);
    }
    return why;
}

/// Why GDAL could not open `path`, in words a story author can act on.
std::string openProblem(const std::string& path) {
    namespace fs = std::filesystem;
    std::string why = gdalMessage();
    std::error_code ec;
    const std::string plain = path.starts_with("/vsigzip/") ? path.substr(9) : path;
    if (!path.starts_with("/vsi") || path.starts_with("/vsigzip/")) {
        if (!fs::exists(plain, ec))
            return "the file does not exist";
        if (!fs::is_regular_file(plain, ec))
            return "it is not a file";
        if (fs::file_size(plain, ec) == 0)
            return "the file is empty";
    }
    if (why.find("decompression failed") != std::string::npos ||
        why.find("gzip") != std::string::npos || why.find("zlib") != std::string::npos)
        return "it is compressed but corrupt or truncated (" + why + ")";
    if (plain.ends_with(".gz") && !why.empty())
        return why + " (the compressed file may be truncated)";
    if (why.empty())
        return "GDAL does not recognise its format (GeoJSON, TopoJSON, GeoPackage, Shapefile, "
               "KML, ... are read by their content)";
    return why;
}

} // namespace

std::string GdalFeatureSource::converted(const std::string& path) const {
    namespace fs = std::filesystem;
    const std::string prefix = "/vsigzip/";
    if (path.rfind(prefix, 0) != 0 || !cache_)
        return path;
    const fs::path source = path.substr(prefix.size());
    std::error_code ec;
    const auto size = fs::file_size(source, ec);
    if (ec)
        return path;
    const auto stamp = fs::last_write_time(source, ec).time_since_epoch().count();
    // Keyed by the source's size and time: an edited source is converted again.
    const std::string name = source.stem().stem().string() + "-" + std::to_string(size) + "-" +
                             std::to_string(stamp) + ".gpkg";
    const fs::path& dir = *cache_;
    const fs::path target = dir / name;
    if (fs::exists(target, ec))
        return target.string();
    for (const auto& folder : prepared_)
        if (fs::exists(folder / name, ec))
            return (folder / name).string();
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

GdalFeatureSource::GdalFeatureSource() : GdalFeatureSource(geo::cacheFolder(), {}) {}

GdalFeatureSource::GdalFeatureSource(std::optional<std::filesystem::path> cache,
                                     std::vector<std::filesystem::path> prepared)
    : cache_(std::move(cache)), prepared_(std::move(prepared)) {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::vector<geo::Feature> GdalFeatureSource::read(const geo::LayerQuery& q) {
    CPLErrorReset();
    const std::string path = converted(q.path);
    CPLErrorReset();
    DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds && path.ends_with(".gz") && !path.starts_with("/vsi")) {
        // `file: borders.geojson.gz` means the compressed GeoJSON, as GDAL's /vsigzip/ reads it.
        CPLErrorReset();
        const std::string zipped = "/vsigzip/" + path;
        ds.reset(GDALOpenEx(zipped.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr,
                            nullptr));
    }
    if (!ds)
        throw DataError("cannot open data file '" + q.path + "': " + openProblem(q.path));
    OGRLayerH layer = q.layer.empty() ? GDALDatasetGetLayer(ds.get(), 0)
                                      : GDALDatasetGetLayerByName(ds.get(), q.layer.c_str());
    if (!layer)
        throw DataError("data file '" + q.path + "' has no layer '" + q.layer + "'");
    if (!q.where.empty() && OGR_L_SetAttributeFilter(layer, q.where.c_str()) != OGRERR_NONE)
        throw DataError("invalid filter '" + q.where + "' on '" + q.path +
                        "': " + CPLGetLastErrorMsg());
    // GDAL's spatial filter silently leaves out features whose envelope is not finite (a
    // point at infinity), so it is used only where it is an index lookup (GeoPackage,
    // Shapefile with .qix); elsewhere it would only compare envelopes, as done below, after
    // the coordinates are checked.
    const bool ownFilter =
        q.bbox && OGR_L_TestCapability(layer, OLCFastSpatialFilter) == 0 && !q.attributesOnly;
    if (q.bbox && !ownFilter)
        OGR_L_SetSpatialFilterRect(layer, q.bbox->minX, q.bbox->minY, q.bbox->maxX, q.bbox->maxY);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int fields = OGR_FD_GetFieldCount(defn);
    std::vector<geo::Feature> out;
    std::size_t vertices = 0;
    Collector collector(q.path, vertices);
    OGR_L_ResetReading(layer);
    while (FeaturePtr f{OGR_L_GetNextFeature(layer)}) {
        collector.feature(static_cast<long>(OGR_F_GetFID(f.get())));
        OGRGeometryH geometry = OGR_F_GetGeometryRef(f.get());
        if (ownFilter && !meets(geometry, *q.bbox)) {
            collector.check(geometry);
            continue;
        }
        geo::Feature feature;
        for (int i = 0; i < fields; ++i)
            if (OGR_F_IsFieldSetAndNotNull(f.get(), i) != 0)
                feature.attributes[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] =
                    OGR_F_GetFieldAsString(f.get(), i);
        if (!q.attributesOnly)
            collector.collect(geometry, feature);
        out.push_back(std::move(feature));
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw DataError("error reading data file '" + q.path + "': " + gdalMessage());
    return out;
}

} // namespace mapreel::adapters
