// SPDX-License-Identifier: MIT
// Fuzz target for geometry repair (adapters/geos): any polygons and lines, including NaN,
// infinite and huge coordinates, rings of any length, open or closed, crossing themselves,
// must come back as drawable geometry (finite coordinates, rings of three points or more)
// or as a DataError; never a crash, a hang, a leak or undefined behaviour.
//
// Input bytes: one byte choosing the operation, then the geometry. Each ring or line starts
// with a byte giving its point count; each point is a tag byte, then either two raw 8-byte
// doubles (tag % 8 == 0: NaN, infinities, subnormals, 1e308...) or two 2-byte integers in
// hundredths of a degree (small, so that edges really cross). Built like the story fuzzer
// (tests/fuzz/CMakeLists.txt): mapreel_geometry_fuzzer with libFuzzer,
// mapreel_geometry_replay with any compiler.
#include "geos/geos_ops.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/geometry.hpp"

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

namespace {

/// Reads the fuzzer's bytes front to back; past the end, every read gives zeros.
class Bytes {
public:
    explicit Bytes(std::span<const std::uint8_t> data) : data_(data) {}

    [[nodiscard]] bool empty() const noexcept { return at_ >= data_.size(); }

    std::uint8_t byte() noexcept { return at_ < data_.size() ? data_[at_++] : 0; }

    double rawDouble() noexcept {
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8U) | byte();
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }

    double small() noexcept {
        const auto hi = static_cast<unsigned>(byte());
        const auto lo = static_cast<unsigned>(byte());
        const auto v = static_cast<std::int16_t>(static_cast<std::uint16_t>((hi << 8U) | lo));
        return v / 100.0;
    }

    mapreel::Point point() noexcept {
        if (byte() % 8 == 0) {
            const double x = rawDouble();
            return {x, rawDouble()};
        }
        const double x = small();
        return {x, small()};
    }

    mapreel::LineString line(std::size_t& budget) noexcept {
        mapreel::LineString out;
        const std::size_t n = byte();
        for (std::size_t i = 0; i < n && budget > 0 && !empty(); ++i, --budget)
            out.push_back(point());
        return out;
    }

private:
    std::span<const std::uint8_t> data_;
    std::size_t at_ = 0;
};

/// Points the fuzzer may build: enough for thousands of crossings, few enough for speed.
constexpr std::size_t kMaxPoints = 4000;

mapreel::MultiPolygon polygons(Bytes& in, std::size_t& budget) {
    mapreel::MultiPolygon out;
    const int count = 1 + in.byte() % 4;
    for (int p = 0; p < count && !in.empty(); ++p) {
        mapreel::Polygon poly;
        const int rings = 1 + in.byte() % 3;
        for (int r = 0; r < rings && !in.empty(); ++r)
            poly.rings.push_back(in.line(budget));
        out.push_back(std::move(poly));
    }
    return out;
}

void expectDrawable(const mapreel::MultiPolygon& mp) {
    for (const auto& p : mp)
        for (const auto& r : p.rings) {
            if (r.size() < 3)
                std::abort();
            for (const auto& q : r)
                if (!std::isfinite(q.x) || !std::isfinite(q.y))
                    std::abort();
        }
}

void expectDrawable(const mapreel::MultiLineString& ml) {
    for (const auto& l : ml) {
        if (l.size() < 2)
            std::abort();
        for (const auto& q : l)
            if (!std::isfinite(q.x) || !std::isfinite(q.y))
                std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // One GEOS context for the whole run, as one render thread has. An operation that GEOS
    // cannot finish in 2 s gives up with a DataError, well inside libFuzzer's -timeout.
    static mapreel::adapters::GeosOps ops(std::chrono::seconds(2));
    Bytes in({data, size});
    std::size_t budget = kMaxPoints;
    const int op = in.byte() % 8;
    try {
        switch (op) {
        case 0:
            expectDrawable(ops.makeValid(polygons(in, budget)));
            break;
        case 1: {
            const auto a = polygons(in, budget);
            expectDrawable(ops.intersection(a, polygons(in, budget)));
            break;
        }
        case 2: {
            const auto a = polygons(in, budget);
            expectDrawable(ops.difference(a, polygons(in, budget)));
            break;
        }
        case 3: {
            const auto a = polygons(in, budget);
            expectDrawable(ops.unite({a, polygons(in, budget)}));
            break;
        }
        case 4: {
            const auto a = polygons(in, budget);
            const mapreel::Point c = in.point();
            const mapreel::Point d = in.point();
            expectDrawable(ops.clip(a, mapreel::Rect{c.x, c.y, d.x, d.y}));
            break;
        }
        case 5: {
            mapreel::MultiLineString lines;
            const int count = 1 + in.byte() % 4;
            for (int i = 0; i < count && !in.empty(); ++i)
                lines.push_back(in.line(budget));
            const mapreel::Point c = in.point();
            expectDrawable(ops.clip(lines, mapreel::Rect{-std::abs(c.x), -std::abs(c.y),
                                                         std::abs(c.x), std::abs(c.y)}));
            break;
        }
        case 6: {
            const auto line = in.line(budget);
            expectDrawable(ops.buffer(line, in.small()));
            break;
        }
        default: {
            const auto a = polygons(in, budget);
            expectDrawable(ops.simplify(a, std::abs(in.small()) / 10));
            break;
        }
        }
    } catch (const mapreel::DataError&) {
        // A geometry GEOS refuses, with its reason: an answer, not a failure.
    }
    return 0;
}
