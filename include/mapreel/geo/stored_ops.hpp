// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mapreel::geo {

/// GeometryOps that keep the results of slow operations on disk, named by a 128-bit hash of
/// the operation and its exact input, so that the next run of the same story (or of another
/// story over the same base data) reads them instead of computing them: clipping the bundled
/// layers to the view and building country unions are most of a story's start-up.
///
/// A result is stored when computing it took at least `minimumWork`; each file also holds
/// the length of the input key and a second hash, and a file that does not match, is
/// truncated or unreadable is ignored (and replaced). Files are written under a temporary
/// name and renamed, so concurrent runs share the folder safely. GEOS is deterministic, so a
/// stored result is the result. One thread at a time, as GeometryOps.
class StoredGeometryOps final : public GeometryOps {
public:
    /// Computes through `inner` (which must outlive this object) and stores in `folder`,
    /// created when first needed.
    StoredGeometryOps(GeometryOps& inner, std::filesystem::path folder,
                      std::chrono::milliseconds minimumWork = std::chrono::milliseconds(5));

    [[nodiscard]] MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) override;
    [[nodiscard]] MultiPolygon unite(const std::vector<MultiPolygon>& parts) override;
    [[nodiscard]] MultiPolygon clip(const MultiPolygon& a, const Rect& box) override;
    [[nodiscard]] MultiLineString clip(const MultiLineString& a, const Rect& box) override;
    [[nodiscard]] MultiPolygon buffer(const LineString& line, double distance) override;
    [[nodiscard]] MultiPolygon makeValid(const MultiPolygon& a) override;
    [[nodiscard]] MultiPolygon simplify(const MultiPolygon& a, double tolerance) override;

    /// Also looks for results in `folder`, read-only, after its own folder: results
    /// prepared beside the installation (`mapreel prepare` at build time).
    void alsoReadFrom(std::filesystem::path folder) { prepared_.push_back(std::move(folder)); }
    /// Stores every result however quickly it was computed: what `mapreel prepare` wants,
    /// since how long an operation takes varies between runs and machines, and a result
    /// skipped as cheap there would be computed, and stored, by the first real run.
    void storeEveryResult() noexcept { minimumWork_ = std::chrono::milliseconds(0); }
    /// Where new results are stored.
    [[nodiscard]] const std::filesystem::path& folder() const noexcept { return folder_; }

    /// Results read from disk, and computed, since construction.
    [[nodiscard]] long reads() const noexcept { return reads_; }
    [[nodiscard]] long computed() const noexcept { return computed_; }

private:
    template <class T, class Compute> T remember(const std::vector<double>& key, Compute compute);

    GeometryOps& inner_;
    std::filesystem::path folder_;
    std::vector<std::filesystem::path> prepared_;
    std::chrono::milliseconds minimumWork_;
    long reads_ = 0;
    long computed_ = 0;
};

/// The folder mapreel keeps derived data in: $MAPREEL_CACHE_DIR, else $XDG_CACHE_HOME/mapreel
/// or ~/.cache/mapreel; nullopt when none is set or MAPREEL_NO_CACHE is.
[[nodiscard]] std::optional<std::filesystem::path> cacheFolder();

} // namespace mapreel::geo
