// SPDX-License-Identifier: MIT
#include "mapreel/geo/stored_ops.hpp"

#include "mapreel/geo/geometry_key.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <type_traits>

#include <unistd.h>

namespace mapreel::geo {

namespace {

namespace fs = std::filesystem;

/// Two independent 64-bit hashes of the key's bits (FNV-1a, and a multiply-rotate mix with
/// a different seed): 128 bits name the file, and the file repeats them.
struct KeyHash {
    std::uint64_t a = 0xcbf29ce484222325ULL;
    std::uint64_t b = 0x9e3779b97f4a7c15ULL;

    explicit KeyHash(const std::vector<double>& key) {
        constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
        constexpr std::uint64_t kMix = 0xff51afd7ed558ccdULL;
        for (double v : key) {
            const auto bits = std::bit_cast<std::uint64_t>(v);
            for (int i = 0; i < 8; ++i) {
                a ^= (bits >> (8 * i)) & 0xffU;
                a *= kFnvPrime;
            }
            b = std::rotl(b ^ bits, 29) * kMix;
        }
        b ^= key.size();
    }

    [[nodiscard]] std::string name() const {
        constexpr std::string_view kDigits = "0123456789abcdef";
        std::string s;
        for (std::uint64_t h : {a, b})
            for (int shift = 60; shift >= 0; shift -= 4)
                s.push_back(kDigits[(h >> static_cast<unsigned>(shift)) & 0xfU]);
        return s + ".geom";
    }
};

constexpr std::array<char, 8> kMagic = {'M', 'R', 'G', 'E', 'O', 'M', '1', '\n'};
constexpr std::uint64_t kPolygons = 1;
constexpr std::uint64_t kLines = 2;

/// Appends raw numbers to a byte buffer.
class Writer {
public:
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void line(const std::vector<Point>& l) {
        u64(l.size());
        for (const auto& p : l) {
            f64(p.x);
            f64(p.y);
        }
    }
    void value(const MultiPolygon& mp) {
        u64(kPolygons);
        u64(mp.size());
        for (const auto& poly : mp) {
            u64(poly.rings.size());
            for (const auto& r : poly.rings)
                line(r);
        }
    }
    void value(const MultiLineString& ml) {
        u64(kLines);
        u64(ml.size());
        for (const auto& l : ml)
            line(l);
    }
    [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }

private:
    void raw(const void* p, std::size_t n) { bytes_.append(static_cast<const char*>(p), n); }
    std::string bytes_;
};

/// Reads numbers back; any read past the end makes ok() false.
class Reader {
public:
    explicit Reader(std::string bytes) : bytes_(std::move(bytes)) {}
    std::uint64_t u64() {
        std::uint64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    double f64() {
        double v = 0;
        raw(&v, sizeof v);
        return v;
    }
    /// A count that fits in what is left of the file (each item at least `itemBytes`).
    std::size_t count(std::size_t itemBytes) {
        const auto n = u64();
        if (n > (bytes_.size() - at_) / itemBytes)
            ok_ = false;
        return ok_ ? static_cast<std::size_t>(n) : 0;
    }
    std::vector<Point> line() {
        std::vector<Point> l(count(2 * sizeof(double)));
        for (auto& p : l) {
            p.x = f64();
            p.y = f64();
        }
        return l;
    }
    void value(MultiPolygon& mp) {
        if (u64() != kPolygons) {
            ok_ = false;
            return;
        }
        mp.resize(count(sizeof(std::uint64_t)));
        for (auto& poly : mp) {
            poly.rings.resize(count(sizeof(std::uint64_t)));
            for (auto& r : poly.rings)
                r = line();
        }
    }
    void value(MultiLineString& ml) {
        if (u64() != kLines) {
            ok_ = false;
            return;
        }
        ml.resize(count(sizeof(std::uint64_t)));
        for (auto& l : ml)
            l = line();
    }
    [[nodiscard]] bool ok() const noexcept { return ok_; }
    [[nodiscard]] bool atEnd() const noexcept { return at_ == bytes_.size(); }
    bool prefix(const std::array<char, 8>& magic) {
        if (bytes_.size() < magic.size() || std::memcmp(bytes_.data(), magic.data(), 8) != 0)
            return ok_ = false;
        at_ = magic.size();
        return true;
    }

private:
    void raw(void* p, std::size_t n) {
        if (!ok_ || bytes_.size() - at_ < n) {
            ok_ = false;
            return;
        }
        std::memcpy(p, bytes_.data() + at_, n);
        at_ += n;
    }
    std::string bytes_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

std::string readAll(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size == 0)
        return {};
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        return {};
    return bytes;
}

} // namespace

StoredGeometryOps::StoredGeometryOps(GeometryOps& inner, fs::path folder,
                                     std::chrono::milliseconds minimumWork)
    : inner_(inner), folder_(std::move(folder)), minimumWork_(minimumWork) {}

template <class T, class Compute>
T StoredGeometryOps::remember(const std::vector<double>& key, Compute compute) {
    const KeyHash hash(key);
    const fs::path file = folder_ / hash.name();
    auto stored = [&](const fs::path& path) -> std::optional<T> {
        std::string bytes = readAll(path);
        if (bytes.empty())
            return std::nullopt;
        Reader r(std::move(bytes));
        T value;
        if (r.prefix(kMagic) && r.u64() == hash.a && r.u64() == hash.b && r.u64() == key.size()) {
            r.value(value);
            if (r.ok() && r.atEnd())
                return value;
        }
        return std::nullopt;
    };
    auto found = stored(file);
    for (std::size_t i = 0; !found && i < prepared_.size(); ++i)
        found = stored(prepared_[i] / hash.name());
    if (found) {
        ++reads_;
        return std::move(*found);
    }
    const auto started = std::chrono::steady_clock::now();
    T value = compute();
    ++computed_;
    if (std::chrono::steady_clock::now() - started < minimumWork_)
        return value;
    // Best effort: a folder that cannot be written only means the next run computes again.
    Writer w;
    w.u64(0); // room for the magic, filled below
    w.u64(hash.a);
    w.u64(hash.b);
    w.u64(key.size());
    w.value(value);
    std::string bytes = w.bytes();
    std::memcpy(bytes.data(), kMagic.data(), kMagic.size());
    std::error_code ec;
    fs::create_directories(folder_, ec);
    const fs::path temp = folder_ / (hash.name() + ".part-" + std::to_string(getpid()));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            out.close();
            fs::remove(temp, ec);
            return value;
        }
    }
    fs::rename(temp, file, ec);
    if (ec)
        fs::remove(temp, ec);
    return value;
}

MultiPolygon StoredGeometryOps::intersection(const MultiPolygon& a, const MultiPolygon& b) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::Intersection).add(a).add(b).take(),
                                  [&] { return inner_.intersection(a, b); });
}

MultiPolygon StoredGeometryOps::difference(const MultiPolygon& a, const MultiPolygon& b) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::Difference).add(a).add(b).take(),
                                  [&] { return inner_.difference(a, b); });
}

MultiPolygon StoredGeometryOps::unite(const std::vector<MultiPolygon>& parts) {
    GeometryKey key(GeometryOp::Unite);
    key.add(static_cast<double>(parts.size()));
    for (const auto& p : parts)
        key.add(p);
    return remember<MultiPolygon>(key.take(), [&] { return inner_.unite(parts); });
}

MultiPolygon StoredGeometryOps::clip(const MultiPolygon& a, const Rect& box) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::ClipPolygons).add(a).add(box).take(),
                                  [&] { return inner_.clip(a, box); });
}

MultiLineString StoredGeometryOps::clip(const MultiLineString& a, const Rect& box) {
    return remember<MultiLineString>(GeometryKey(GeometryOp::ClipLines).add(a).add(box).take(),
                                     [&] { return inner_.clip(a, box); });
}

MultiPolygon StoredGeometryOps::buffer(const LineString& line, double distance) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::Buffer).add(line).add(distance).take(),
                                  [&] { return inner_.buffer(line, distance); });
}

MultiPolygon StoredGeometryOps::makeValid(const MultiPolygon& a) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::MakeValid).add(a).take(),
                                  [&] { return inner_.makeValid(a); });
}

MultiPolygon StoredGeometryOps::simplify(const MultiPolygon& a, double tolerance) {
    return remember<MultiPolygon>(GeometryKey(GeometryOp::Simplify).add(a).add(tolerance).take(),
                                  [&] { return inner_.simplify(a, tolerance); });
}

std::optional<fs::path> cacheFolder() {
    if (std::getenv("MAPREEL_NO_CACHE") != nullptr) // NOLINT(concurrency-mt-unsafe): read once
        return std::nullopt;
    if (const char* own = std::getenv("MAPREEL_CACHE_DIR"); // NOLINT(concurrency-mt-unsafe)
        own && *own)
        return fs::path(own);
    if (const char* xdg = std::getenv("XDG_CACHE_HOME");
        xdg && *xdg) // NOLINT(concurrency-mt-unsafe)
        return fs::path(xdg) / "mapreel";
    if (const char* home = std::getenv("HOME"); home && *home) // NOLINT(concurrency-mt-unsafe)
        return fs::path(home) / ".cache" / "mapreel";
    return std::nullopt;
}

} // namespace mapreel::geo
