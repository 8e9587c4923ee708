// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"
#include "mapreel/core/date.hpp"
#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/geometry.hpp"
#include "mapreel/core/text.hpp"
#include "mapreel/story/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mapreel::story::detail {

/// Shared state of one load: where diagnostics go and the limits in force.
struct Context {
    std::string file;
    Diagnostics& diags;
    const LoadLimits& limits;
    std::set<std::string> languages;
    std::size_t coordinates = 0;

    [[nodiscard]] SourceLoc loc(const YAML::Node& n) const;
    void error(const YAML::Node& n, std::string message, std::string hint = {}) const;
    void warning(const YAML::Node& n, std::string message, std::string hint = {}) const;
};

/// Human name of a YAML node type for messages ("a list", "a mapping").
[[nodiscard]] std::string describe(const YAML::Node& n);

/// Reads one mapping: typed getters report wrong types, and finish() reports every key
/// that was not one of `allowed`, with a did-you-mean hint.
class MapReader {
public:
    MapReader(Context& ctx, const YAML::Node& node, std::string what,
              std::vector<std::string> allowed);

    /// False when the node was not a mapping (already reported).
    [[nodiscard]] bool ok() const noexcept { return ok_; }
    [[nodiscard]] const YAML::Node& node() const noexcept { return node_; }
    [[nodiscard]] const std::string& what() const noexcept { return what_; }
    void setWhat(std::string what) { what_ = std::move(what); }

    /// The value under `key`, or an undefined node. Reports a missing required key.
    [[nodiscard]] YAML::Node get(const std::string& key, bool required = false);
    [[nodiscard]] bool has(const std::string& key) const;

    [[nodiscard]] std::optional<std::string> str(const std::string& key, bool required = false);
    [[nodiscard]] std::optional<std::string> id(const std::string& key, bool required = true);
    [[nodiscard]] std::optional<double> number(const std::string& key, double min, double max,
                                               bool required = false);
    [[nodiscard]] std::optional<int> integer(const std::string& key, int min, int max,
                                             bool required = false);
    [[nodiscard]] std::optional<bool> boolean(const std::string& key);
    [[nodiscard]] std::optional<Date> date(const std::string& key, bool required = false);
    [[nodiscard]] std::optional<Color> color(const std::string& key, bool required = false);
    [[nodiscard]] LocalizedText text(const std::string& key, bool required = false);
    [[nodiscard]] std::vector<std::string> strings(const std::string& key);
    /// One value out of `choices`; reports others with a did-you-mean.
    [[nodiscard]] std::optional<std::string>
    choice(const std::string& key, const std::vector<std::string>& choices, bool required = false);

    /// Reports unknown keys. Call once after all getters.
    void finish();

private:
    Context& ctx_;
    YAML::Node node_;
    std::string what_;
    std::vector<std::string> allowed_;
    bool ok_ = true;
};

/// Scalar helpers usable on any node.
[[nodiscard]] std::optional<std::string> scalar(Context& ctx, const YAML::Node& n,
                                                const std::string& what);
[[nodiscard]] std::optional<double> number(Context& ctx, const YAML::Node& n,
                                           const std::string& what);
[[nodiscard]] LocalizedText text(Context& ctx, const YAML::Node& n, const std::string& what);
[[nodiscard]] std::optional<Date> date(Context& ctx, const YAML::Node& n, const std::string& what);
/// `[lon, lat]` with range checks.
[[nodiscard]] std::optional<Point> lonLat(Context& ctx, const YAML::Node& n,
                                          const std::string& what);
/// A list of `[lon, lat]` pairs with at least `minPoints`.
[[nodiscard]] std::optional<LineString> lonLatList(Context& ctx, const YAML::Node& n,
                                                   const std::string& what, std::size_t minPoints);
/// `[lon_min, lat_min, lon_max, lat_max]`.
[[nodiscard]] std::optional<Rect> extent(Context& ctx, const YAML::Node& n,
                                         const std::string& what);
/// A valid id: letters, digits, '-' and '_', starting with a letter.
[[nodiscard]] bool validId(std::string_view s) noexcept;

} // namespace mapreel::story::detail
