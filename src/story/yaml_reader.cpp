// SPDX-License-Identifier: MIT
#include "yaml_reader_p.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace mapreel::story::detail {

SourceLoc Context::loc(const YAML::Node& n) const {
    if (!n.IsDefined() || n.Mark().is_null())
        return {file, 0, 0};
    return {file, n.Mark().line + 1, n.Mark().column + 1};
}

void Context::error(const YAML::Node& n, std::string message, std::string hint) const {
    diags.error(loc(n), std::move(message), std::move(hint));
}

void Context::warning(const YAML::Node& n, std::string message, std::string hint) const {
    diags.warning(loc(n), std::move(message), std::move(hint));
}

std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Null:
        return "nothing";
    case YAML::NodeType::Scalar:
        return "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Undefined:
        return "nothing";
    }
    return "something else";
}

bool validId(std::string_view s) noexcept {
    if (s.empty() || s.size() > 64)
        return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

MapReader::MapReader(Context& ctx, const YAML::Node& node, std::string what,
                     std::vector<std::string> allowed)
    : ctx_(ctx), node_(node), what_(std::move(what)), allowed_(std::move(allowed)) {
    if (!node_.IsMap()) {
        ctx_.error(node_, what_ + " must be a mapping of keys to values, not " + describe(node_));
        ok_ = false;
    }
}

bool MapReader::has(const std::string& key) const {
    return ok_ && node_[key].IsDefined();
}

YAML::Node MapReader::get(const std::string& key, bool required) {
    if (!ok_)
        return YAML::Node(YAML::NodeType::Undefined);
    YAML::Node v = node_[key];
    if (required && (!v.IsDefined() || v.IsNull()))
        ctx_.error(node_, "missing required key '" + key + "' in " + what_);
    if (!v.IsDefined())
        return YAML::Node(YAML::NodeType::Undefined);
    return v;
}

std::optional<std::string> MapReader::str(const std::string& key, bool required) {
    auto v = get(key, required);
    if (!v.IsDefined() || v.IsNull())
        return std::nullopt;
    return scalar(ctx_, v, "'" + key + "' in " + what_);
}

std::optional<std::string> MapReader::id(const std::string& key, bool required) {
    auto s = str(key, required);
    if (s && !validId(*s)) {
        ctx_.error(get(key), "'" + *s + "' is not a valid id for '" + key + "' in " + what_,
                   "ids start with a letter and use letters, digits, '-' and '_' (at most 64)");
        return std::nullopt;
    }
    return s;
}

std::optional<double> MapReader::number(const std::string& key, double min, double max,
                                        bool required) {
    auto v = get(key, required);
    if (!v.IsDefined() || v.IsNull())
        return std::nullopt;
    auto d = detail::number(ctx_, v, "'" + key + "' in " + what_);
    if (d && (*d < min || *d > max)) {
        std::ostringstream msg;
        msg << "'" << key << "' in " << what_ << " is " << *d << ", outside " << min << ".." << max;
        ctx_.error(v, msg.str());
        return std::nullopt;
    }
    return d;
}

std::optional<int> MapReader::integer(const std::string& key, int min, int max, bool required) {
    auto d = number(key, min, max, required);
    if (!d)
        return std::nullopt;
    if (std::floor(*d) != *d) {
        ctx_.error(get(key), "'" + key + "' in " + what_ + " must be a whole number");
        return std::nullopt;
    }
    return static_cast<int>(*d);
}

std::optional<bool> MapReader::boolean(const std::string& key) {
    auto s = str(key);
    if (!s)
        return std::nullopt;
    if (*s == "true" || *s == "yes" || *s == "on")
        return true;
    if (*s == "false" || *s == "no" || *s == "off")
        return false;
    ctx_.error(get(key), "'" + key + "' in " + what_ + " must be true or false, not '" + *s + "'");
    return std::nullopt;
}

std::optional<Date> MapReader::date(const std::string& key, bool required) {
    auto v = get(key, required);
    if (!v.IsDefined() || v.IsNull())
        return std::nullopt;
    return detail::date(ctx_, v, "'" + key + "' in " + what_);
}

std::optional<Color> MapReader::color(const std::string& key, bool required) {
    auto s = str(key, required);
    if (!s)
        return std::nullopt;
    auto c = parseColor(*s);
    if (!c)
        ctx_.error(get(key), "'" + *s + "' is not a colour ('" + key + "' in " + what_ + ")",
                   "write #rrggbb, #rrggbbaa or a basic name such as 'red'");
    return c;
}

LocalizedText MapReader::text(const std::string& key, bool required) {
    auto v = get(key, required);
    if (!v.IsDefined() || v.IsNull())
        return {};
    return detail::text(ctx_, v, "'" + key + "' in " + what_);
}

std::vector<std::string> MapReader::strings(const std::string& key) {
    std::vector<std::string> out;
    auto v = get(key);
    if (!v.IsDefined() || v.IsNull())
        return out;
    if (v.IsScalar()) {
        out.push_back(v.Scalar());
        return out;
    }
    if (!v.IsSequence()) {
        ctx_.error(v, "'" + key + "' in " + what_ + " must be a list of names, not " + describe(v));
        return out;
    }
    for (const auto& item : v)
        if (auto s = scalar(ctx_, item, "an item of '" + key + "' in " + what_))
            out.push_back(*s);
    return out;
}

std::optional<std::string>
MapReader::choice(const std::string& key, const std::vector<std::string>& choices, bool required) {
    auto s = str(key, required);
    if (!s)
        return std::nullopt;
    if (std::find(choices.begin(), choices.end(), *s) != choices.end())
        return s;
    std::string list;
    for (const auto& c : choices)
        list += (list.empty() ? "" : ", ") + c;
    auto near = closestMatch(*s, choices);
    ctx_.error(get(key),
               "unknown " + key + " '" + *s + "' in " + what_ +
                   (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
               "choose one of: " + list);
    return std::nullopt;
}

void MapReader::finish() {
    if (!ok_)
        return;
    std::map<std::string, int> seen; // key -> line of its first use
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        // A copy: yaml-cpp's iterator returns a temporary pair, `it->first` dies with it.
        const YAML::Node keyNode = it->first;
        if (!keyNode.IsScalar()) {
            ctx_.error(keyNode, "keys in " + what_ + " must be plain names");
            continue;
        }
        const std::string& key = keyNode.Scalar();
        // YAML keeps only the first of two equal keys: the second would be ignored silently.
        if (auto [first, inserted] = seen.try_emplace(key, ctx_.loc(keyNode).line); !inserted) {
            ctx_.error(keyNode, "duplicate key '" + key + "' in " + what_,
                       "the first is on line " + std::to_string(first->second) +
                           "; only that one is read");
            continue;
        }
        if (std::find(allowed_.begin(), allowed_.end(), key) != allowed_.end())
            continue;
        // No key is long: skip the (quadratic) did-you-mean on a pasted paragraph.
        constexpr std::size_t kLongKey = 64;
        const std::string shown = key.size() > kLongKey ? key.substr(0, kLongKey) + "..." : key;
        auto near = key.size() > kLongKey ? std::string{} : closestMatch(key, allowed_);
        std::string list;
        for (const auto& a : allowed_)
            list += (list.empty() ? "" : ", ") + a;
        ctx_.error(keyNode,
                   "unknown key '" + shown + "' in " + what_ +
                       (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
                   near.empty() ? "allowed keys: " + list : std::string{});
    }
}

std::optional<std::string> scalar(Context& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
        ctx.error(n, what + " must be a single value, not " + describe(n));
        return std::nullopt;
    }
    if (n.Scalar().size() > ctx.limits.maxTextBytes) {
        ctx.error(n, what + " is too long (" + std::to_string(n.Scalar().size()) +
                         " bytes, at most " + std::to_string(ctx.limits.maxTextBytes) + ")");
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<double> number(Context& ctx, const YAML::Node& n, const std::string& what) {
    auto s = scalar(ctx, n, what);
    if (!s)
        return std::nullopt;
    try {
        std::size_t used = 0;
        double d = std::stod(*s, &used);
        if (used != s->size() || !std::isfinite(d))
            throw std::invalid_argument("trailing");
        return d;
    } catch (const std::exception&) {
        ctx.error(n, what + " must be a number, not '" + *s + "'");
        return std::nullopt;
    }
}

LocalizedText text(Context& ctx, const YAML::Node& n, const std::string& what) {
    LocalizedText t;
    if (n.IsScalar()) {
        if (auto s = scalar(ctx, n, what))
            t = LocalizedText(*s);
        return t;
    }
    if (!n.IsMap()) {
        ctx.error(n, what + " must be text or a mapping of language codes to text, not " +
                         describe(n));
        return t;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
        auto lang = scalar(ctx, it->first, "a language code in " + what);
        if (!lang)
            continue;
        if (!ctx.languages.empty() && !ctx.languages.contains(*lang)) {
            std::vector<std::string> known(ctx.languages.begin(), ctx.languages.end());
            // Every two-letter code is two edits from every other: only suggest a near typo
            // ('eng' for 'en'), not 'en' for a language that was simply not declared.
            auto near = closestMatch(*lang, known);
            if (!near.empty() && editDistance(*lang, near) > 1)
                near.clear();
            ctx.error(it->first,
                      "language '" + *lang + "' in " + what + " is not in the story's languages" +
                          (near.empty() ? std::string{} : " (did you mean '" + near + "'?)"),
                      "add it to 'languages' at the top of the story");
            continue;
        }
        if (auto s = scalar(ctx, it->second, what + " (" + *lang + ")"))
            t.set(*lang, *s);
    }
    return t;
}

std::optional<Date> date(Context& ctx, const YAML::Node& n, const std::string& what) {
    auto s = scalar(ctx, n, what);
    if (!s)
        return std::nullopt;
    auto d = parseDate(*s);
    if (!d)
        ctx.error(n, "'" + *s + "' is not a date (" + what + "): " + dateParseProblem(*s),
                  "write YYYY, YYYY-MM or YYYY-MM-DD; years before 1 as '44 BCE'");
    return d;
}

std::optional<Point> lonLat(Context& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsSequence() || n.size() != 2) {
        ctx.error(n, what + " must be a [lon, lat] pair, not " + describe(n));
        return std::nullopt;
    }
    auto lon = number(ctx, n[0], "the longitude of " + what);
    auto lat = number(ctx, n[1], "the latitude of " + what);
    if (!lon || !lat)
        return std::nullopt;
    if (*lon < -180 || *lon > 180) {
        ctx.error(n[0], "longitude " + n[0].Scalar() + " of " + what + " is outside -180..180",
                  "coordinates are [lon, lat]: did you swap them?");
        return std::nullopt;
    }
    if (*lat < -90 || *lat > 90) {
        ctx.error(n[1], "latitude " + n[1].Scalar() + " of " + what + " is outside -90..90",
                  "coordinates are [lon, lat]: did you swap them?");
        return std::nullopt;
    }
    if (++ctx.coordinates > ctx.limits.maxCoordinates) {
        if (ctx.coordinates == ctx.limits.maxCoordinates + 1)
            ctx.error(n,
                      "too many coordinates in the story (more than " +
                          std::to_string(ctx.limits.maxCoordinates) + ")",
                      "move large geometry into a data file and reference it");
        return std::nullopt;
    }
    return Point{*lon, *lat};
}

std::optional<LineString> lonLatList(Context& ctx, const YAML::Node& n, const std::string& what,
                                     std::size_t minPoints) {
    if (!n.IsSequence()) {
        ctx.error(n, what + " must be a list of [lon, lat] pairs, not " + describe(n));
        return std::nullopt;
    }
    LineString out;
    bool ok = true;
    for (std::size_t i = 0; i < n.size(); ++i) {
        auto p = lonLat(ctx, n[i], "point " + std::to_string(i + 1) + " of " + what);
        if (p)
            out.push_back(*p);
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    if (out.size() < minPoints) {
        ctx.error(n, what + " needs at least " + std::to_string(minPoints) + " points, has " +
                         std::to_string(out.size()));
        return std::nullopt;
    }
    return out;
}

std::optional<Rect> extent(Context& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsSequence() || n.size() != 4) {
        ctx.error(n, what + " must be [lon_min, lat_min, lon_max, lat_max], not " + describe(n));
        return std::nullopt;
    }
    std::vector<double> v;
    for (std::size_t i = 0; i < 4; ++i) {
        auto d = number(ctx, n[i], what);
        if (!d)
            return std::nullopt;
        v.push_back(*d);
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
        ctx.error(n, what + " lies outside the globe (lon -180..180, lat -90..90)");
        return std::nullopt;
    }
    if (v[0] >= v[2] || v[1] >= v[3]) {
        ctx.error(n, what + " is empty: lon_min must be below lon_max and lat_min below lat_max",
                  "write [lon_min, lat_min, lon_max, lat_max]");
        return std::nullopt;
    }
    return Rect{v[0], v[1], v[2], v[3]};
}

} // namespace mapreel::story::detail
