// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/color.hpp"
#include "mapreel/core/date.hpp"
#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/geometry.hpp"
#include "mapreel/core/text.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// The validated model of a story file. Every node keeps the SourceLoc it came from so
/// later stages can still point at the line that caused a problem.
namespace mapreel::story {

/// A source the story cites (bibliography entry).
struct Source {
    SourceLoc loc;
    std::string id;
    std::string title;
    std::string author;
    std::string publisher;
    std::string year;
    std::string url;
    std::string note;
};

/// Provenance of a piece of history: which sources, how sure, any note.
struct Provenance {
    std::vector<std::string> sources;
    std::string confidence; ///< "", high, medium or low
    std::string note;
};

/// A span on the historical clock; either end may be open.
struct DateSpan {
    std::optional<Date> from;
    std::optional<Date> to;
};

/// A span on the narrative clock expressed with step ids (inclusive).
struct StepSpan {
    std::string from;
    std::string to;
};

/// When a feature is visible: always, between dates, or during steps.
struct Visibility {
    std::optional<DateSpan> dates;
    std::optional<StepSpan> steps;
};

/// A circle on the Earth: every point within `radiusKm` of `centre` along geodesics (WGS84).
struct GeoCircle {
    Point centre;                  ///< lon/lat
    double radiusKm = 0;           ///< (0, half the Earth's circumference]
    std::optional<Point> bearings; ///< a line's arc: x from, y to, degrees clockwise
};

/// A geographic region: a polygon, a geodesic circle, a set of countries, a file feature, or
/// a boolean combination of other regions.
struct Region {
    enum class Kind { Polygon, Circle, Countries, File, Union, Intersection, Difference, Ref };
    SourceLoc loc;
    Kind kind = Kind::Polygon;
    MultiPolygon polygon;               ///< lon/lat, for Kind::Polygon
    GeoCircle circle;                   ///< for Kind::Circle
    std::vector<std::string> countries; ///< ISO 3166 alpha-3, for Kind::Countries
    std::string file;                   ///< path relative to the story, for Kind::File
    std::string layer;
    std::string where;            ///< OGR attribute filter
    std::vector<Region> operands; ///< for Union, Intersection, Difference
    std::string ref;              ///< region id, for Kind::Ref
};

enum class ProjectionKind { Proj, Epsg, Preset };

struct MapView {
    SourceLoc loc;
    std::optional<Rect> extent;  ///< lon/lat box
    std::optional<Point> centre; ///< lon/lat
    double widthKm = 0;          ///< with centre: the width of ground shown
};

enum class BaseLayer { Bathymetry, Land, Countries, Lakes, Rivers, Borders, Disputed, Graticule };

struct LayerSpec {
    SourceLoc loc;
    std::optional<BaseLayer> base; ///< a bundled layer, or
    std::string file;              ///< any GDAL-readable file
    std::string layer;
    std::string where;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double width = 0;        ///< 0: the theme's
    bool aboveSides = false; ///< `above: sides`: drawn over fronts and territories
};

struct MapSpec {
    SourceLoc loc;
    std::string projection; ///< PROJ string, "EPSG:n" or preset name, as written
    MapView view;
    std::vector<std::string> focus; ///< ISO alpha-3 of the countries in focus
    std::vector<LayerSpec> layers;
    double graticule = 0; ///< degrees between the lines of the map's graticule; 0 = none
    /// Names of oceans, seas and continents; unset = drawn on views at least 3,000 km wide.
    std::optional<bool> worldLabels;
};

/// The video frame a story asks for: size, rate, theme and its overrides, reading speed.
struct CanvasSpec {
    int width = 1920;
    int height = 1080;
    int fps = 30;
    std::string theme = "classic";
    std::map<std::string, std::string> style; ///< theme overrides, key -> value as written
    double readingWpm = 150;                  ///< narration reading speed
    /// `narration-card: on|off`: whether frames carry the narration card; unset: the
    /// output's default (on for videos, stills and handouts, off for site videos).
    std::optional<bool> narrationCard;
    SourceLoc loc;
};

struct Side {
    SourceLoc loc;
    std::string id;
    LocalizedText name;
    Color color;
    std::string hatch; ///< "", diagonal, cross, dots
};

enum class PlaceKind { Capital, City, Town, Port, Battle, Site };
/// Where a label goes beside its point (or, for an arrow, along it); Auto: the first free place.
enum class LabelHint { Auto, Left, Right, Above, Below, Along };

struct Place {
    SourceLoc loc;
    std::string id;
    LocalizedText name;
    Point at; ///< lon/lat
    PlaceKind kind = PlaceKind::City;
    int rank = 3; ///< 1 most important .. 5
    LabelHint label = LabelHint::Auto;
    Visibility visible;
    Provenance provenance;
};

/// Where a moving pocket stands on one date.
struct PocketKeyframe {
    SourceLoc loc;
    Date date;
    std::optional<Ring> polygon; ///< lon/lat; nullopt (`polygon: none`): gone, or not yet there
    Provenance provenance;
};

/// An area one side holds whatever the front line around it says: encircled troops, a
/// beachhead, an island. On a front keyframe it holds on that date and morphs with the
/// line; on the front itself it holds on every date (`polygon`) or moves on its own
/// keyframes (`keyframes`), growing, shrinking and merging with the side's main area.
struct Pocket {
    SourceLoc loc;
    std::string id; ///< optional, for messages
    std::string side;
    Ring polygon;                          ///< lon/lat, for a pocket without keyframes
    std::vector<PocketKeyframe> keyframes; ///< a moving pocket, earliest first
    Provenance provenance;
};

struct FrontKeyframe {
    SourceLoc loc;
    Date date;
    LineString line; ///< lon/lat, first to last point; `left` side on the left
    std::vector<Pocket> pockets;
    Provenance provenance;
};

/// A line dividing a region between two sides, moving on the historical clock.
struct Front {
    SourceLoc loc;
    std::string id;
    std::string region;
    std::string left;
    std::string right;
    std::vector<Pocket> pockets; ///< held at every date, e.g. an island far from the line
    std::vector<FrontKeyframe> keyframes;
};

struct TerritoryKeyframe {
    SourceLoc loc;
    Date date;
    std::optional<Region> region; ///< nullopt: the territory vanishes at this date
    Provenance provenance;
};

/// The area a side holds, keyed by date (country sets, polygons, file features).
struct Territory {
    SourceLoc loc;
    std::string id;
    std::string side;
    LocalizedText name;
    std::vector<TerritoryKeyframe> keyframes;
};

enum class LineStyle { Boundary, Demarcation, Front, Route };

struct Line {
    SourceLoc loc;
    std::string id;
    LocalizedText name;
    LineString coords;               ///< lon/lat as written; empty for a circle
    std::optional<GeoCircle> circle; ///< a circle or an arc of one, drawn on the ellipsoid
    bool geodesic = false;           ///< coords joined by geodesics (great circles), not straight
    LineStyle style = LineStyle::Boundary;
    std::optional<Color> color;
    Visibility visible;
    Provenance provenance;
};

struct Zone {
    SourceLoc loc;
    std::string id;
    LocalizedText name;
    std::string along; ///< line id
    double widthKm = 4;
    std::optional<Color> color;
    Visibility visible;
    Provenance provenance;
};

enum class LabelKind { Sea, Country, Region, River };

struct MapLabel {
    SourceLoc loc;
    std::string id;
    LocalizedText text;
    Point at; ///< lon/lat
    LabelKind kind = LabelKind::Region;
    double angle = 0; ///< degrees, counter-clockwise
    Visibility visible;
};

/// A route point: a place id or a lon/lat pair.
struct Waypoint {
    SourceLoc loc;
    std::string place;
    std::optional<Point> at;
};

/// One point of a flow band: where it is and how strong the flow is there.
struct FlowPoint {
    SourceLoc loc;
    Waypoint at;
    double strength = 0;    ///< in the flow's unit; 0 or more
    bool showValue = false; ///< `label: true`: the strength is written beside the point
    LocalizedText label;    ///< `label: text`: this text is written instead
    Provenance provenance;
};

/// How wide a flow band is drawn: `strength` units are `width` pixels wide (at 1080 lines).
struct FlowScale {
    double strength = 0; ///< above 0
    double width = 0;    ///< pixels at 1080 lines, above 0
};

/// A band along a route whose width is proportional to a quantity at each of its points
/// (Minard's flow map): an army's strength, refugees, supplies. Shown and grown by `flow`
/// actions of the steps.
struct Flow {
    SourceLoc loc;
    std::string id;
    LocalizedText name;
    std::string side;               ///< a side id, or
    std::optional<Color> color;     ///< a colour of its own
    LocalizedText unit;             ///< what the strength counts, e.g. "men" (the legend's scale)
    std::optional<FlowScale> scale; ///< default: the widest band of the unit is 40 pixels
    std::vector<FlowPoint> points;  ///< at least two, tail to head
    Provenance provenance;
};

enum class ChartKind { Line, Bars };
enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

/// One dated value of a chart.
struct ChartValue {
    SourceLoc loc;
    Date date;
    double value = 0;
    Provenance provenance;
};

/// A small chart of dated values that advances with the date on screen and marks the value
/// of the day (Minard's temperature graph), in a corner of the map.
struct Chart {
    SourceLoc loc;
    std::string id;
    LocalizedText title;
    LocalizedText unit; ///< written after the values, e.g. "°C"
    ChartKind kind = ChartKind::Line;
    Corner corner = Corner::BottomRight;
    std::optional<Color> color;
    std::vector<ChartValue> values; ///< at least one, strictly in date order
    Visibility visible;
};

/// Timing of an action inside its step, as fractions of the step's duration.
struct Window {
    double start = 0;
    double end = 1;
};

/// How an arrow is drawn: `land` (or `advance`), `sea` (or `naval`), `air`, `retreat`,
/// `supply`; each has its own look and theme keys, and a legend row while it is on the map.
enum class ArrowStyle { Land, Sea, Air, Retreat, Supply };

struct ArrowAction {
    std::string id;
    std::string side;
    std::vector<Waypoint> route;
    ArrowStyle style = ArrowStyle::Land;
    bool geodesic = false; ///< along great circles between the route points, not smoothed
    LocalizedText label;
    LabelHint labelAt = LabelHint::Auto; ///< where the label is tried first
    Window window;
    std::string until; ///< step id; empty = this step
    Provenance provenance;
};

enum class MarkerKind {
    Battle,
    Landing,
    Capture,
    Evacuation,
    Treaty,
    Site,
    Fire,
    Massacre,
    Epidemic
};

struct MarkerAction {
    MarkerKind kind = MarkerKind::Battle;
    Waypoint at;
    LocalizedText label;
    LabelHint labelAt = LabelHint::Auto; ///< where the label is tried first
    std::string side;
    Window window;
    std::string until;
    bool pulse = false;
    /// A capture, landing or evacuation with a side implies who holds the place (see
    /// impliedFacts); false when the marker is not about control.
    bool impliesFact = true;
    /// A PNG file (relative to the story) drawn instead of the kind's symbol; empty: none.
    std::string image;
    Provenance provenance;
};

struct CalloutAction {
    Point at; ///< lon/lat
    LocalizedText text;
    LabelHint labelAt = LabelHint::Auto; ///< which side of its point the text is tried first
    Window window;
    std::string until;
};

struct HighlightAction {
    std::string place; ///< place id, or
    std::optional<Region> region;
    std::optional<Color> color;
    Window window;
};

struct ImageAction {
    std::string file;
    LocalizedText caption;
    LocalizedText credit;
    Window window;
    int width = 0; ///< pixels, as the file says; 0 when unknown
    int height = 0;
};

/// Shows flow band `flow` (on the first such action) or grows it further along its route
/// (on later ones), from where it stands to point `to`, over the action's window.
struct FlowAction {
    std::string flow;   ///< flow id
    std::size_t to = 0; ///< index of the point the band grows to; kWholeFlow: the last
    Window window;
    std::string until; ///< step id; empty = this step
};

/// FlowAction::to when the action names no point: the band grows to its last point.
inline constexpr std::size_t kWholeFlow = static_cast<std::size_t>(-1);

struct ShowAction {
    std::string target;
    bool show = true;
    Window window;
};

struct Action {
    SourceLoc loc;
    std::variant<ArrowAction, MarkerAction, CalloutAction, HighlightAction, ImageAction, ShowAction,
                 FlowAction>
        what;
};

struct Camera {
    SourceLoc loc;
    MapView view;
};

struct Step {
    SourceLoc loc;
    /// A step that goes back in time on purpose: its dates may start before the previous
    /// step's end without a warning.
    bool flashback = false;
    std::string id;
    LocalizedText title;
    Date dateFrom;
    Date dateTo; ///< equal to dateFrom for a single date
    DatePrecision precision = DatePrecision::Day;
    LocalizedText narration;
    std::optional<double> duration; ///< seconds, if given
    std::optional<Camera> camera;
    std::vector<std::string> cite;
    std::vector<Action> actions;
    std::string audio; ///< recorded narration file, relative to the story
};

/// A dated fact a reader would check: which side's colour covers a point on every day of a
/// span (or nobody's).
struct Fact {
    SourceLoc loc;
    std::string place;       ///< a place id, or
    std::optional<Point> at; ///< a lon/lat point, or
    std::string country;     ///< an ISO 3166 alpha-3 code: a point well inside the country
    std::string label;       ///< how messages name an `at` point
    std::string side;        ///< a side id, or "none"
    Date from;               ///< the first day
    Date to;                 ///< the last day, at day precision
    Provenance provenance;
    /// The marker that implies this fact, or null for a fact the story states itself.
    const MarkerAction* marker = nullptr;
};

/// One row of an author-written legend: a feature and the text beside its swatch, shown
/// while that feature is on the map. A new kind of feature (bands) adds a Kind here, a
/// reader case and a case in the scene's legend.
struct LegendEntry {
    enum class Kind { Side, Arrow, Marker, Zone, Line };
    SourceLoc loc;
    Kind kind = Kind::Side;
    std::string id;                         ///< the side, zone or line id
    ArrowStyle arrow = ArrowStyle::Land;    ///< for Kind::Arrow
    MarkerKind marker = MarkerKind::Battle; ///< for Kind::Marker
    std::string side;    ///< Arrow, Marker: only that side's (and its colour); empty: any side's
    LocalizedText label; ///< empty: the side's, zone's or line's name, or the style's or kind's
};

/// The side id a fact gives when nobody's colour covers the point.
inline constexpr std::string_view kNoSide = "none";

struct Story {
    std::string path;    ///< the file it was read from
    std::string baseDir; ///< its folder; relative paths resolve against it
    int formatVersion = 1;
    std::string id;
    LocalizedText title;
    LocalizedText subtitle;
    std::string series;
    LocalizedText credits;
    std::string licence;
    std::vector<std::string> languages;
    std::vector<Source> sources;
    CanvasSpec canvas;
    MapSpec map;
    std::vector<Side> sides;
    std::vector<Place> places;
    std::map<std::string, Region> regions;
    std::vector<Front> fronts;
    std::vector<Territory> territories;
    std::vector<Line> lines;
    std::vector<Zone> zones;
    std::vector<MapLabel> labels;
    std::vector<Flow> flows;
    std::vector<Chart> charts;
    std::vector<Step> steps;
    std::vector<Fact> facts;
    std::optional<DateSpan> period; ///< the span the story says it covers, if it says
    /// The calendars the date panel writes each day in: the first as the date, the second
    /// (if any) beside it. `calendar: julian` is {Gregorian, Julian}.
    std::vector<Calendar> calendars{Calendar::Gregorian};
    /// An author-written legend, in order; nullopt: the automatic one.
    std::optional<std::vector<LegendEntry>> legend;

    [[nodiscard]] const Side* side(std::string_view sideId) const;
    [[nodiscard]] const Place* place(std::string_view placeId) const;
    [[nodiscard]] const Line* line(std::string_view lineId) const;
    [[nodiscard]] const Flow* flow(std::string_view flowId) const;
    [[nodiscard]] int stepIndex(std::string_view stepId) const; ///< -1 if absent
    /// The language used when none is asked for: the first the story lists, else English.
    [[nodiscard]] std::string defaultLanguage() const;
    /// The first and last day the story covers: its `period`, else its steps' dates.
    [[nodiscard]] DateSpan coveredDates() const;
};

/// The facts the story's markers imply: a capture or a landing by a side means that side
/// holds the place on the step's last date; an evacuation by a side means it still holds
/// the place on the step's first date. Markers without a side, and those with
/// `fact: false`, imply nothing. Each points back to its marker.
[[nodiscard]] std::vector<Fact> impliedFacts(const Story& story);

/// The last day of `d`'s period: the day itself, the month's last day or the year's.
[[nodiscard]] Date lastDayOf(const Date& d) noexcept;

} // namespace mapreel::story
