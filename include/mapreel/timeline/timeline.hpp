// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/date.hpp"
#include "mapreel/core/geometry.hpp"
#include "mapreel/geo/catalogue.hpp"
#include "mapreel/geo/geo.hpp"
#include "mapreel/story/story.hpp"
#include "mapreel/timeline/clock.hpp"
#include "mapreel/timeline/field.hpp"
#include "mapreel/timeline/projection.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

/// Story -> Timeline: geometry loaded, projected and clipped once; keyframes resolved;
/// steps laid out on the narrative clock. Evaluating it at a time is cheap and pure.
namespace mapreel::timeline {

/// A river with its Natural Earth scale rank (0 = largest).
struct River {
    LineString line;
    int rank = 10;
};

/// A layer of the story's own file, projected and clipped.
struct FileLayer {
    const story::LayerSpec* spec = nullptr;
    MultiPolygon polygons;
    MultiLineString lines;
};

/// The static base map in projected coordinates.
struct BaseMap {
    std::vector<MultiPolygon> depthBands; ///< shallow to deep
    MultiPolygon land;                    ///< all land
    MultiPolygon focus;                   ///< land of the focus countries
    MultiPolygon lakes;
    std::vector<River> rivers;
    MultiLineString borders;
    MultiLineString disputed;
    MultiLineString graticule;
    std::vector<FileLayer> files; ///< in the order of the story's layers
    bool hasLand = false;
    /// The edge of the globe on a projection of the whole globe (one with a seam that maps the
    /// poles too), projected, closed; empty on maps of part of the globe, conics, Mercators.
    Ring outline;
    MultiLineString mapGraticule; ///< the lines of the map's `graticule:` (every N degrees)
};

/// A name of an ocean, sea or continent, drawn on wide views (the map's `world-labels`).
struct GeographyLabel {
    LocalizedText text;
    bool continent = false; ///< a continent (else an ocean or a sea)
    bool ocean = false;
    double minZoom = 0; ///< drawn from this web-map zoom level ...
    double maxZoom = 0; ///< ... to this one
    Point at;           ///< projected
};

/// One keyframe of a front, with the region each side holds.
struct CompiledKeyframe {
    SourceLoc loc; ///< the keyframe in the story
    HistTime date = 0;
    std::vector<Ring> left; ///< even-odd rings of the left side's area (before clipping)
    mutable std::once_flag fieldOnce;
    mutable SignedField field;
};

/// One keyframe of a moving pocket.
struct CompiledPocketKeyframe {
    SourceLoc loc;
    HistTime date = 0;
    std::vector<Ring> rings; ///< projected; empty when the pocket is gone (or not yet there)
    Point centre;            ///< where the pocket grows from or shrinks to
    mutable std::once_flag fieldOnce;
    mutable SignedField field;
};

/// A pocket of a front that moves on keyframes of its own.
struct CompiledPocket {
    std::string id;
    bool left = false; ///< held by the front's left side (else its right)
    std::vector<std::unique_ptr<CompiledPocketKeyframe>> keyframes;
};

/// A front compiled for evaluation: the contested region and its keyframes.
struct CompiledFront {
    std::string id;
    std::string left;
    std::string right;
    MultiPolygon region; ///< projected
    Rect gridBox;
    double cell = 1000;
    std::vector<std::unique_ptr<CompiledKeyframe>> keyframes;
    std::vector<CompiledPocket> pockets; ///< moving pockets, combined with the morph
};

/// The left side's area of a front at one date, as even-odd rings to be clipped to
/// the region; `exact` when the date is a keyframe (or outside the keyframe range).
struct FrontState {
    std::vector<Ring> left;
    bool exact = false;
};

struct CompiledTerritoryKeyframe {
    SourceLoc loc; ///< the keyframe in the story
    HistTime date = 0;
    MultiPolygon area; ///< projected; empty = none
    /// The cross-fade from the previous keyframe, in narrative seconds: it starts when the
    /// historical clock reaches `date` and ends by the step's settled moment, so a change
    /// dated on a step's last day is complete in that step's still. Before the story's
    /// first date both are negative (shown from the start); never reached, both infinite.
    double fadeStart = 0;
    double fadeEnd = 0;
    Point nameAt; ///< projected: where the territory's name sits inside the area
};

struct CompiledTerritory {
    std::string id;
    std::string side;
    std::vector<CompiledTerritoryKeyframe> keyframes;
    const story::Territory* source = nullptr;
};

/// A territory at one narrative moment: the keyframe shown, the one it cross-fades from, and
/// how far the current keyframe's fade has gone (0..1; a first keyframe shows whole whatever
/// it says).
struct TerritoryState {
    const CompiledTerritoryKeyframe* current = nullptr; ///< null before the first keyframe
    const CompiledTerritoryKeyframe* previous = nullptr;
    double fade = 1;
};

/// The state of `territory` at narrative time `t`.
[[nodiscard]] TerritoryState territoryAt(const CompiledTerritory& territory, double t);

struct CompiledLine {
    const story::Line* source = nullptr;
    LineString line;   ///< projected
    bool named = true; ///< carries the line's name (a line cut at the map's edge names one piece)
};

struct CompiledZone {
    const story::Zone* source = nullptr;
    MultiPolygon area; ///< projected
};

struct CompiledPlace {
    const story::Place* source = nullptr;
    Point at; ///< projected
};

struct CompiledLabel {
    const story::MapLabel* source = nullptr;
    Point at; ///< projected
};

struct CompiledArrow {
    const story::ArrowAction* source = nullptr;
    std::string id;
    Color color;
    LineString route;               ///< projected control points, tail to head
    LineString path;                ///< smoothed curve, projected
    std::vector<double> cumulative; ///< arc length at each path point
    double start = 0;               ///< narrative seconds: growth starts
    double end = 0;                 ///< growth ends
    double hideAt = 0;              ///< fade-out ends
};

/// One growth of a flow band: over [start, end] (narrative seconds) its drawn length goes
/// from `from` to `to` (map units along its path).
struct FlowGrowth {
    double start = 0;
    double end = 0;
    double from = 0;
    double to = 0;
};

/// A flow band compiled for drawing: its centre line and the strength all along it.
struct CompiledFlow {
    const story::Flow* source = nullptr;
    Color color;
    LineString path;                     ///< smoothed centre line, projected, tail to head
    std::vector<double> cumulative;      ///< arc length at each path point
    std::vector<double> strength;        ///< the strength at each path point, tapering smoothly
    std::vector<std::size_t> pointIndex; ///< the path index of each of the flow's points
    std::vector<FlowGrowth> growths;     ///< from its `flow` actions, in time order
    double start = 0;                    ///< narrative seconds: first shown
    double hideAt = 0;                   ///< fade-out ends
};

/// The length along `f`'s path drawn at narrative time `t`: 0 before its first growth,
/// growing with an ease-out over each growth's window, held between them.
[[nodiscard]] double flowLength(const CompiledFlow& f, double t);

/// Values at arc lengths `at` of a monotone cubic (Fritsch-Carlson) through the knots
/// (`knotArc`, increasing or equal; `knotValue`): smooth, through every knot exactly, and
/// never beyond its neighbours' values, so a band tapers without steps or bulges.
[[nodiscard]] std::vector<double> taperedValues(const std::vector<double>& knotArc,
                                                const std::vector<double>& knotValue,
                                                const std::vector<double>& at);

struct CompiledMarker {
    const story::MarkerAction* source = nullptr;
    Point at;
    std::string label;
    double start = 0;
    double hideAt = 0;
};

/// A picture shown with its step: over [start, end] of narrative time, fading at both ends.
struct CompiledImage {
    const story::ImageAction* source = nullptr;
    std::string file; ///< resolved against the story's folder
    double start = 0;
    double end = 0;
};

struct CompiledCallout {
    const story::CalloutAction* source = nullptr;
    Point at;
    double start = 0;
    double hideAt = 0;
};

struct CompiledHighlight {
    Point at;          ///< projected: the place, or the middle of the region
    MultiPolygon area; ///< projected region; empty for a place
    double start = 0;
    double end = 0;
    Color color;
};

/// A run of whole days over which one side holds a point.
struct Holding {
    HistTime from = 0; ///< first day
    HistTime to = 0;   ///< last day
    std::string side;  ///< a side id, or story::kNoSide
    bool operator==(const Holding&) const = default;
};

/// What decides who holds a point on a date: a front and the keyframes around the date, or
/// the territory drawn on top there and its keyframe; all null when nothing covers it.
struct ControlCause {
    const CompiledFront* front = nullptr;
    const CompiledKeyframe* before = nullptr; ///< the front's keyframe on or before the date
    const CompiledKeyframe* after = nullptr;  ///< the next one, when the date lies between
    const CompiledTerritory* territory = nullptr;
    const CompiledTerritoryKeyframe* territoryKeyframe = nullptr;
};

/// A fact of the story (stated, or implied by a marker) with the point it is about.
struct CompiledFact {
    story::Fact fact;
    Point lonLat;
    std::string name; ///< how messages name the point: the place's name, the label, the code
};

/// Seconds a line, zone, label or action takes to fade in or out.
inline constexpr double kFadeSeconds = 0.8;

/// Visibility of a line, zone or label by id over both clocks.
struct Toggle {
    std::string target;
    double at = 0; ///< narrative seconds
    bool show = true;
};

class Timeline {
public:
    /// Loads and prepares everything; throws Error on environment failures.
    Timeline(std::shared_ptr<const story::Story> story, geo::Services& services,
             std::string lang = {});
    Timeline(const Timeline&) = delete;
    Timeline& operator=(const Timeline&) = delete;
    ~Timeline();

    [[nodiscard]] const story::Story& story() const noexcept { return *story_; }
    [[nodiscard]] const std::string& lang() const noexcept { return clock_.lang(); }
    [[nodiscard]] const geo::Projector& projector() const noexcept {
        return projection_.projector();
    }
    [[nodiscard]] const MapProjection& projection() const noexcept { return projection_; }
    /// The narrative clock: step times, the date on screen, frames.
    [[nodiscard]] const Clock& clock() const noexcept { return clock_; }
    /// The projected extent step `step` shows (its camera, else the one before, else the map's).
    [[nodiscard]] const Rect& camera(int step) const noexcept {
        return cameras_[static_cast<std::size_t>(step)];
    }

    [[nodiscard]] const BaseMap& base() const noexcept { return base_; }
    [[nodiscard]] const std::vector<CompiledFront>& fronts() const noexcept { return fronts_; }
    [[nodiscard]] FrontState frontAt(const CompiledFront& f, HistTime date) const;
    [[nodiscard]] const std::vector<CompiledTerritory>& territories() const noexcept {
        return territories_;
    }
    [[nodiscard]] const std::vector<CompiledLine>& lines() const noexcept { return lines_; }
    [[nodiscard]] const std::vector<CompiledZone>& zones() const noexcept { return zones_; }
    [[nodiscard]] const std::vector<CompiledPlace>& places() const noexcept { return places_; }
    [[nodiscard]] const std::vector<CompiledLabel>& labels() const noexcept { return labels_; }
    /// Names of oceans, seas and continents; empty unless the map's `world-labels` is on
    /// (by default on views at least 3,000 km wide).
    [[nodiscard]] const std::vector<GeographyLabel>& geographyLabels() const noexcept {
        return geographyLabels_;
    }
    /// The projected bounds of the whole globe on a world projection (one with a seam):
    /// a camera never shows past them where it can help it. Empty otherwise.
    [[nodiscard]] const Rect& worldBounds() const noexcept { return worldBounds_; }
    /// `geometry` (held by this timeline: its base map, territories, regions, zones) with
    /// every vertex snapped to a grid of `cell` map units and repeated points dropped, made
    /// once per geometry and cell and kept. Snapping moves each vertex by itself, so two
    /// shapes that share a border still share it, with no sliver or gap between them.
    /// Thread-safe.
    [[nodiscard]] const MultiPolygon& generalised(const MultiPolygon& geometry, double cell) const;
    [[nodiscard]] const MultiLineString& generalised(const MultiLineString& geometry,
                                                     double cell) const;
    [[nodiscard]] const std::vector<CompiledArrow>& arrows() const noexcept { return arrows_; }
    [[nodiscard]] const std::vector<CompiledMarker>& markers() const noexcept { return markers_; }
    [[nodiscard]] const std::vector<CompiledFlow>& flows() const noexcept { return flows_; }
    [[nodiscard]] const std::vector<CompiledCallout>& callouts() const noexcept {
        return callouts_;
    }
    [[nodiscard]] const std::vector<CompiledImage>& images() const noexcept { return images_; }
    [[nodiscard]] const std::vector<CompiledHighlight>& highlights() const noexcept {
        return highlights_;
    }
    /// How much each side (in the order of story().sides) shows on the map at narrative
    /// time `t`, in [0, 1]: its front areas, territories, arrows and markers, fading as they
    /// do. The legend lists the sides above zero.
    [[nodiscard]] std::vector<double> sidePresence(double t) const;
    /// Opacity in [0, 1] of a line, zone or label (by id) at narrative time `t`.
    [[nodiscard]] double visibility(const std::string& id, const story::Visibility& v,
                                    double t) const;

    /// Id of the side controlling `lonLat` at `date`, or "none". Uses the same geometry
    /// that is drawn.
    [[nodiscard]] std::string probe(Point lonLat, HistTime date) const;
    /// Who holds `lonLat` on each whole day from `from` to `to`, as runs of days: exactly
    /// what probe() says day by day, found without asking it for every day. Empty when the
    /// point cannot be projected.
    [[nodiscard]] std::vector<Holding> holdings(Point lonLat, HistTime from, HistTime to) const;
    /// What decides who holds `lonLat` on `date`.
    [[nodiscard]] ControlCause causeAt(Point lonLat, HistTime date) const;
    /// The story's facts, stated and implied, with their points.
    [[nodiscard]] const std::vector<CompiledFact>& facts() const noexcept { return facts_; }

private:
    void loadBase(geo::Services& services, const Rect& lonLatBox);
    /// The globe's outline and bounds, the map's graticule and the geography labels.
    void loadWorldFrame(geo::Services& services);
    /// The projected shape of `r`, clipped to `lonLatBox`; each distinct region is built
    /// once per timeline (keyframes and territories repeat them, and unions are costly).
    MultiPolygon resolveRegion(const story::Region& r, geo::Services& services,
                               const Rect& lonLatBox, int depth);
    MultiPolygon buildRegion(const story::Region& r, geo::Services& services, const Rect& lonLatBox,
                             int depth);
    void compileFronts(geo::Services& services, const Rect& lonLatBox);
    /// Even-odd rings of the area the front's left side holds at keyframe `k`, pockets included.
    [[nodiscard]] std::vector<Ring> leftArea(const story::Front& f, const story::FrontKeyframe& k,
                                             const Rect& closeBox, geo::GeometryOps& ops) const;
    void compileCameras();
    void compileActions(geo::Services& services, const Rect& lonLatBox);
    void compileFlows();
    void timeTerritoryFades();
    void compileFacts();
    /// probe() for a projected point.
    [[nodiscard]] std::string sideAt(Point xy, HistTime date) const;
    /// The days on which who holds `xy` may change, within [from, to], sorted: keyframe
    /// dates and the days a front's morph crosses the point.
    [[nodiscard]] std::vector<HistTime> changeDays(Point xy, HistTime from, HistTime to) const;
    [[nodiscard]] static const SignedField& field(const CompiledFront& f,
                                                  const CompiledKeyframe& k);
    [[nodiscard]] static const SignedField& field(const CompiledFront& f,
                                                  const CompiledPocketKeyframe& k);
    /// The moving pocket's signed distance at `xy` on `date` (negative inside); nullopt
    /// while it is not there.
    [[nodiscard]] static std::optional<double>
    pocketValue(const CompiledFront& f, const CompiledPocket& p, Point xy, HistTime date);
    /// The same over the front's whole grid.
    [[nodiscard]] static std::optional<SignedField>
    pocketField(const CompiledFront& f, const CompiledPocket& p, HistTime date);
    /// Whether the front's left side holds `xy` on `date`, moving pockets included.
    [[nodiscard]] bool leftHolds(const CompiledFront& f, Point xy, HistTime date) const;

    std::shared_ptr<const story::Story> story_;
    Clock clock_;
    MapProjection projection_;
    BaseMap base_;
    std::vector<CompiledFront> fronts_;
    std::vector<CompiledTerritory> territories_;
    std::vector<CompiledLine> lines_;
    std::vector<CompiledZone> zones_;
    std::vector<CompiledPlace> places_;
    std::vector<CompiledLabel> labels_;
    std::vector<CompiledArrow> arrows_;
    std::vector<CompiledMarker> markers_;
    std::vector<CompiledFlow> flows_;
    std::vector<CompiledCallout> callouts_;
    std::vector<CompiledImage> images_;
    std::vector<CompiledHighlight> highlights_;
    std::vector<Rect> cameras_;
    std::vector<Toggle> toggles_;
    std::vector<CompiledFact> facts_;
    std::map<std::string, MultiPolygon> countryShapes_; ///< ISO alpha-3 -> projected shape
    /// The countries' source data while the story is compiled; released after it.
    std::optional<geo::CountryAtlas> countryAtlas_;
    std::map<std::string, MultiPolygon> regionShapes_; ///< regionKey() -> projected shape
    std::vector<GeographyLabel> geographyLabels_;
    Rect worldBounds_;
    struct GeneralisedCache;
    std::shared_ptr<GeneralisedCache> generalised_; ///< generalised() results
};

/// The part of arrow `a` drawn at narrative time `t`: empty before its window, growing along
/// its path with an ease-out, and the whole path, head included, from the window's end on.
[[nodiscard]] LineString grownArrow(const CompiledArrow& a, double t);

/// The ISO alpha-3 codes a story names (focus, regions, territories, highlights, facts), each
/// once: the country shapes its timeline reads.
[[nodiscard]] std::vector<std::string> countriesNamed(const story::Story& s);

/// Centripetal Catmull-Rom through the control points, sampled densely.
[[nodiscard]] LineString smoothRoute(const LineString& controls, int samplesPerSpan = 24);

} // namespace mapreel::timeline
