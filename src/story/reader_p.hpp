// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/story/story.hpp"

#include "yaml_reader_p.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

/// The story reader: one class whose members read the sections of a story file, split over
/// read_map.cpp (canvas, map, sides), read_features.cpp (places, regions, fronts,
/// territories, lines, zones, labels, circles), read_flows.cpp (flow bands, charts and the
/// flow action), read_steps.cpp (steps and their actions),
/// media.cpp (files a story points to) and validate.cpp (ids, references, order).
namespace mapreel::story::detail {

/// Ids referenced before they can be checked, with where they were written.
struct Ref {
    SourceLoc loc;
    std::string id;
    std::string what; ///< "side", "place", ...
};

class StoryReader {
public:
    StoryReader(Context& ctx, Story& story) : ctx_(ctx), story_(story) {}

    void load(const YAML::Node& root);

private:
    void readMeta(MapReader& top);
    void readSources(const YAML::Node& n);
    void readCanvas(const YAML::Node& n);
    void readMap(const YAML::Node& n);
    std::optional<MapView> readView(const YAML::Node& n, const std::string& what);
    void readSides(const YAML::Node& n);
    void readPlaces(const YAML::Node& n);
    void readRegions(const YAML::Node& n);
    std::optional<Region> readRegion(const YAML::Node& n, const std::string& what, int depth);
    void readFronts(const YAML::Node& n);
    void readPocketKeyframes(const YAML::Node& n, const std::string& what, Pocket& pocket);
    void readTerritories(const YAML::Node& n);
    void readLines(const YAML::Node& n);
    void readZones(const YAML::Node& n);
    void readLabels(const YAML::Node& n);
    void readFlows(const YAML::Node& n);
    void readCharts(const YAML::Node& n);
    /// The body of a `flow` action; the story's flows are already read.
    std::optional<FlowAction> readFlowAction(const YAML::Node& body, const std::string& what);
    void readSteps(const YAML::Node& n);
    void readFacts(const YAML::Node& n);
    /// `calendar:` (read_legend.cpp): one name, or a list of one or two.
    void readCalendar(const YAML::Node& n);
    /// `legend:` (read_legend.cpp): the author's rows, after sides, lines and zones.
    void readLegend(const YAML::Node& n);
    /// A marker's `image:`: an existing PNG of a sensible size.
    void checkMarkerImage(const YAML::Node& n, const std::string& file, const std::string& what);
    std::optional<Action> readAction(const YAML::Node& n, const std::string& what);
    Provenance readProvenance(MapReader& r);
    Visibility readVisibility(const YAML::Node& n, const std::string& what);
    Window readWindow(MapReader& r);
    /// `label-at` of an arrow (`along` allowed), a marker or a callout.
    LabelHint readLabelAt(MapReader& r, bool along);
    std::optional<Waypoint> readWaypoint(const YAML::Node& n, const std::string& what);
    /// `{center, radius-km}`, and with `arc` also `bearings: [from, to]`.
    /// Counts points the loader computes (circles, great circles) against the story's limit
    /// of positions; false, with an error at `n`, beyond it.
    bool countComputed(const YAML::Node& n, std::size_t points);
    std::optional<GeoCircle> readCircle(const YAML::Node& n, const std::string& what,
                                        bool arc = false);
    void checkFile(const YAML::Node& n, const std::string& file, const std::string& what);
    /// What checkFile checks, and that the file is an image (not too large) or audio.
    void checkImage(const YAML::Node& n, const std::string& file, const std::string& what);
    /// checkImage(), and a format the canvas draws (PNG or JPEG): the picture's size in
    /// pixels, or {0, 0} after an error.
    std::pair<int, int> checkPicture(const YAML::Node& n, const std::string& file,
                                     const std::string& what);
    void checkAudio(const YAML::Node& n, const std::string& file, const std::string& what);

    template <class F> void forEachItem(const YAML::Node& n, const std::string& what, F&& f) {
        if (!n.IsDefined() || n.IsNull())
            return;
        if (!n.IsSequence()) {
            ctx_.error(n, "'" + what + "' must be a list, not " + detail::describe(n),
                       "start each entry with '- '");
            return;
        }
        for (std::size_t i = 0; i < n.size(); ++i)
            f(n[i], i);
    }

    void ref(const YAML::Node& n, std::string id, std::string what) {
        refs_.push_back({ctx_.loc(n), std::move(id), std::move(what)});
    }
    void defineId(const YAML::Node& n, const std::string& id, const std::string& kind);
    void resolveReferences();
    void checkOrder();
    /// Labels naming days their step does not cover; places shown when they do not exist.
    void checkDates();

    Context& ctx_;
    Story& story_;
    std::vector<Ref> refs_;
    std::map<std::string, std::pair<std::string, SourceLoc>> ids_; ///< "kind:id" -> first def
    std::set<std::string> showable_;                               ///< line/zone/label ids
    /// Steps (by index) whose date failed to read: checks that compare dates skip them, so
    /// one bad date gives one error, not warnings about a date the file does not hold.
    std::set<std::size_t> undated_;
};

/// Arrow styles by name, aliases included (`advance` is `land`, `naval` is `sea`).
const std::map<std::string, ArrowStyle>& arrowStyles();
/// Marker kinds by name.
const std::map<std::string, MarkerKind>& markerKinds();

/// The keys of `m` (a name -> value table of the reader), in order, for choices and hints.
template <class Map> std::vector<std::string> keysOf(const Map& m) {
    std::vector<std::string> keys;
    keys.reserve(m.size());
    for (const auto& kv : m)
        keys.push_back(kv.first);
    return keys;
}

} // namespace mapreel::story::detail
