// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"
#include "mapreel/preview/reload.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

/// What a reload of the live preview does not redo: reading data layers whose files did not
/// change, and geometry operations on the very same input. Compiling a story is a function
/// of the story text, the data files and these results; remembering them keeps an edit of
/// the story text from re-reading and re-clipping every layer.
namespace mapreel::preview {

/// Thrown from a cache's checkpoint when the load it serves is no longer wanted (a newer
/// edit, or the preview closing). Deliberately not a std::exception, so no handler for
/// environment errors on the way up swallows it.
struct Cancelled {};

/// Called before each read or operation; throws Cancelled to abandon the load.
using Checkpoint = std::function<void()>;

/// Hits and misses since the last call to resetStats(), and entries held.
struct CacheStats {
    long hits = 0;
    long misses = 0;
    std::size_t entries = 0;
};

/// The file beneath a GDAL path: /vsigzip/a/b.gz -> /a/b.gz; other paths unchanged.
[[nodiscard]] std::string fileBeneath(const std::string& gdalPath);

/// A FeatureSource that remembers what it read, keyed by the whole query (path, layer,
/// filter, box) and checked against the file's stamp (time and size) at every read: a file
/// that changed, or disappeared, is read again. One thread at a time.
class CachingFeatureSource final : public geo::FeatureSource {
public:
    /// Reads through `inner`, stats files with `stat`; both must outlive this object.
    CachingFeatureSource(geo::FeatureSource& inner, StatFn stat);

    [[nodiscard]] std::vector<geo::Feature> read(const geo::LayerQuery& query) override;

    /// Sets the checkpoint called before each read; empty for none.
    void setCheckpoint(Checkpoint checkpoint) { checkpoint_ = std::move(checkpoint); }
    /// Drops entries not used since the previous sweep (layers the story no longer reads).
    void sweep();
    [[nodiscard]] CacheStats stats() const noexcept;
    void resetStats() noexcept;

private:
    struct Entry {
        FileStamp stamp;
        std::vector<geo::Feature> features;
        bool used = true;
    };
    geo::FeatureSource& inner_;
    StatFn stat_;
    Checkpoint checkpoint_;
    std::unordered_map<std::string, Entry> entries_;
    long hits_ = 0;
    long misses_ = 0;
};

/// GeometryOps that remember each result by its exact input (every coordinate, bit for
/// bit), so the same clip, union or repair is computed once. GEOS is deterministic, so a
/// remembered result is the result. One thread at a time.
class CachingGeometryOps final : public geo::GeometryOps {
public:
    /// Computes through `inner`, which must outlive this object.
    explicit CachingGeometryOps(geo::GeometryOps& inner);
    ~CachingGeometryOps() override;
    CachingGeometryOps(const CachingGeometryOps&) = delete;
    CachingGeometryOps& operator=(const CachingGeometryOps&) = delete;

    [[nodiscard]] MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon unite(const std::vector<MultiPolygon>& parts) override;
    [[nodiscard]] MultiPolygon clip(const MultiPolygon& a, const Rect& box) override;
    [[nodiscard]] MultiLineString clip(const MultiLineString& a, const Rect& box) override;
    [[nodiscard]] MultiPolygon buffer(const LineString& line, double distance) override;
    [[nodiscard]] MultiPolygon makeValid(const MultiPolygon& a) override;
    [[nodiscard]] MultiPolygon simplify(const MultiPolygon& a, double tolerance) override;

    /// Sets the checkpoint called before each operation; empty for none.
    void setCheckpoint(Checkpoint checkpoint) { checkpoint_ = std::move(checkpoint); }
    /// Drops entries not used since the previous sweep.
    void sweep();
    [[nodiscard]] CacheStats stats() const noexcept;
    void resetStats() noexcept;

private:
    /// The operation and its input, flattened to numbers: compared whole on lookup.
    using Key = std::vector<double>;
    using Result = std::variant<MultiPolygon, MultiLineString>;
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    struct KeyEqual {
        bool operator()(const Key& a, const Key& b) const noexcept;
    };
    struct Entry {
        Result result;
        bool used = true;
    };
    template <class T> T remember(Key key, const std::function<T()>& compute);

    geo::GeometryOps& inner_;
    Checkpoint checkpoint_;
    std::unordered_map<Key, Entry, KeyHash, KeyEqual> entries_;
    long hits_ = 0;
    long misses_ = 0;
};

} // namespace mapreel::preview
