// SPDX-License-Identifier: MIT
#include "mapreel/preview/cache.hpp"

#include "mapreel/geo/geometry_key.hpp"

#include <bit>
#include <cstring>
#include <utility>

namespace mapreel::preview {

namespace {

using geo::GeometryKey;
using Op = geo::GeometryOp;

/// A query as one string: fields separated by a byte no path or SQL filter contains.
std::string queryKey(const geo::LayerQuery& q) {
    std::string key = q.path;
    for (const auto* field : {&q.layer, &q.where}) {
        key += '\x1f';
        key += *field;
    }
    key += '\x1f';
    if (q.bbox)
        for (double v : {q.bbox->minX, q.bbox->minY, q.bbox->maxX, q.bbox->maxY})
            key += std::to_string(std::bit_cast<std::uint64_t>(v)) + ",";
    key += q.attributesOnly ? "a" : "g";
    return key;
}

} // namespace

std::string fileBeneath(const std::string& gdalPath) {
    if (gdalPath.rfind("/vsi", 0) != 0)
        return gdalPath;
    const auto slash = gdalPath.find('/', 1);
    if (slash == std::string::npos)
        return gdalPath;
    // "/vsigzip/" + "/abs/file" doubles the slash: one is enough.
    const auto start = gdalPath.find_first_not_of('/', slash);
    return start == std::string::npos ? gdalPath : gdalPath.substr(start - 1);
}

CachingFeatureSource::CachingFeatureSource(geo::FeatureSource& inner, StatFn stat)
    : inner_(inner), stat_(std::move(stat)) {}

std::vector<geo::Feature> CachingFeatureSource::read(const geo::LayerQuery& query) {
    if (checkpoint_)
        checkpoint_();
    const FileStamp stamp = stat_(fileBeneath(query.path));
    const std::string key = queryKey(query);
    if (stamp.size < 0) {
        // Missing (or not a plain file): nothing to check a copy against, so never keep one.
        entries_.erase(key);
        ++misses_;
        return inner_.read(query);
    }
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.stamp == stamp) {
        ++hits_;
        it->second.used = true;
        return it->second.features;
    }
    ++misses_;
    auto features = inner_.read(query);
    // A file rewritten while it was read carries a new stamp: keep the copy only when the
    // stamp held, so the next read after that write reads again.
    if (stat_(fileBeneath(query.path)) == stamp)
        entries_.insert_or_assign(key, Entry{stamp, features, true});
    else
        entries_.erase(key);
    return features;
}

void CachingFeatureSource::sweep() {
    std::erase_if(entries_, [](const auto& kv) { return !kv.second.used; });
    for (auto& [key, entry] : entries_)
        entry.used = false;
}

CacheStats CachingFeatureSource::stats() const noexcept {
    return {hits_, misses_, entries_.size()};
}

void CachingFeatureSource::resetStats() noexcept {
    hits_ = 0;
    misses_ = 0;
}

std::size_t CachingGeometryOps::KeyHash::operator()(const Key& k) const noexcept {
    // FNV-1a over the bits of each number: exact, like the comparison.
    std::uint64_t h = 1469598103934665603ULL;
    for (double v : k) {
        h ^= std::bit_cast<std::uint64_t>(v);
        h *= 1099511628211ULL;
    }
    return static_cast<std::size_t>(h);
}

bool CachingGeometryOps::KeyEqual::operator()(const Key& a, const Key& b) const noexcept {
    // Bit for bit: NaN equals itself and -0 is not 0, as the computation would see them.
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

CachingGeometryOps::CachingGeometryOps(geo::GeometryOps& inner) : inner_(inner) {}

CachingGeometryOps::~CachingGeometryOps() = default;

template <class T> T CachingGeometryOps::remember(Key key, const std::function<T()>& compute) {
    if (checkpoint_)
        checkpoint_();
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        if (const auto* r = std::get_if<T>(&it->second.result)) {
            ++hits_;
            it->second.used = true;
            return *r;
        }
    }
    ++misses_;
    T result = compute();
    entries_.insert_or_assign(std::move(key), Entry{result, true});
    return result;
}

MultiPolygon CachingGeometryOps::intersection(const MultiPolygon& a, const MultiPolygon& b) {
    return remember<MultiPolygon>(GeometryKey(Op::Intersection).add(a).add(b).take(),
                                  [&] { return inner_.intersection(a, b); });
}

MultiPolygon CachingGeometryOps::difference(const MultiPolygon& a, const MultiPolygon& b) {
    return remember<MultiPolygon>(GeometryKey(Op::Difference).add(a).add(b).take(),
                                  [&] { return inner_.difference(a, b); });
}

MultiPolygon CachingGeometryOps::unite(const std::vector<MultiPolygon>& parts) {
    GeometryKey key(Op::Unite);
    key.add(static_cast<double>(parts.size()));
    for (const auto& p : parts)
        key.add(p);
    return remember<MultiPolygon>(key.take(), [&] { return inner_.unite(parts); });
}

MultiPolygon CachingGeometryOps::clip(const MultiPolygon& a, const Rect& box) {
    return remember<MultiPolygon>(GeometryKey(Op::ClipPolygons).add(a).add(box).take(),
                                  [&] { return inner_.clip(a, box); });
}

MultiLineString CachingGeometryOps::clip(const MultiLineString& a, const Rect& box) {
    return remember<MultiLineString>(GeometryKey(Op::ClipLines).add(a).add(box).take(),
                                     [&] { return inner_.clip(a, box); });
}

MultiPolygon CachingGeometryOps::buffer(const LineString& line, double distance) {
    return remember<MultiPolygon>(GeometryKey(Op::Buffer).add(line).add(distance).take(),
                                  [&] { return inner_.buffer(line, distance); });
}

MultiPolygon CachingGeometryOps::makeValid(const MultiPolygon& a) {
    return remember<MultiPolygon>(GeometryKey(Op::MakeValid).add(a).take(),
                                  [&] { return inner_.makeValid(a); });
}

MultiPolygon CachingGeometryOps::simplify(const MultiPolygon& a, double tolerance) {
    return remember<MultiPolygon>(GeometryKey(Op::Simplify).add(a).add(tolerance).take(),
                                  [&] { return inner_.simplify(a, tolerance); });
}

void CachingGeometryOps::sweep() {
    std::erase_if(entries_, [](const auto& kv) { return !kv.second.used; });
    for (auto& [key, entry] : entries_)
        entry.used = false;
}

CacheStats CachingGeometryOps::stats() const noexcept {
    return {hits_, misses_, entries_.size()};
}

void CachingGeometryOps::resetStats() noexcept {
    hits_ = 0;
    misses_ = 0;
}

} // namespace mapreel::preview
