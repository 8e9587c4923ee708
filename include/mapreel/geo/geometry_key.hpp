// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <vector>

namespace mapreel::geo {

/// The operations of GeometryOps a key can stand for; the first number of every key.
enum class GeometryOp {
    Intersection = 1,
    Difference,
    Unite,
    ClipPolygons,
    ClipLines,
    Buffer,
    MakeValid,
    Simplify
};

/// Flattens an operation and its inputs into numbers, for caches that remember results by
/// their exact input: counts come before lists, so two different inputs never flatten to
/// the same numbers.
class GeometryKey {
public:
    explicit GeometryKey(GeometryOp op) { key_.push_back(static_cast<double>(op)); }

    GeometryKey& add(double v) {
        key_.push_back(v);
        return *this;
    }
    GeometryKey& add(const std::vector<Point>& line) {
        key_.push_back(static_cast<double>(line.size()));
        for (const auto& p : line) {
            key_.push_back(p.x);
            key_.push_back(p.y);
        }
        return *this;
    }
    GeometryKey& add(const MultiLineString& lines) {
        key_.push_back(static_cast<double>(lines.size()));
        for (const auto& l : lines)
            add(l);
        return *this;
    }
    GeometryKey& add(const MultiPolygon& mp) {
        key_.push_back(static_cast<double>(mp.size()));
        for (const auto& poly : mp) {
            key_.push_back(static_cast<double>(poly.rings.size()));
            for (const auto& r : poly.rings)
                add(r);
        }
        return *this;
    }
    GeometryKey& add(const Rect& r) {
        key_.insert(key_.end(), {r.minX, r.minY, r.maxX, r.maxY});
        return *this;
    }
    [[nodiscard]] std::vector<double> take() { return std::move(key_); }

private:
    std::vector<double> key_;
};

} // namespace mapreel::geo
