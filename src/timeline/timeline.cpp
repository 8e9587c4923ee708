// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/geo/geodesic.hpp"
#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace mapreel::timeline {

namespace {

/// A territory change cross-fades over about a second of video, never less than this.
constexpr double kTerritoryFadeSeconds = 1.0;
constexpr double kMinTerritoryFadeSeconds = 0.6;

/// A line's lon/lat points: as written, along geodesics, or its circle (closed) or arc.
LineString lineLonLat(const story::Line& l, const geo::Geodesic& geodesic) {
    if (l.circle) {
        const auto& c = *l.circle;
        if (c.bearings)
            return geo::geodesicArc(geodesic, c.centre, c.radiusKm, c.bearings->x, c.bearings->y);
        LineString ring = geo::geodesicCircle(geodesic, c.centre, c.radiusKm);
        ring.push_back(ring.front());
        return ring;
    }
    return l.geodesic ? geo::greatCirclePath(geodesic, l.coords) : l.coords;
}

} // namespace

Timeline::~Timeline() = default;

Timeline::Timeline(std::shared_ptr<const story::Story> story, geo::Services& services,
                   std::string lang)
    : story_(std::move(story)), clock_(*story_, lang),
      projection_(services.projectors.create(projectionDefinition(story_->map.projection))) {
    const auto& s = *story_;
    countryAtlas_.emplace(services.features, services.dataDir);
    countryAtlas_->expect(countriesNamed(s));

    // Everything any camera can show, plus a margin, bounds what is loaded.
    Rect lonLatBox;
    auto addView = [&](const story::MapView& v) {
        if (v.extent)
            lonLatBox.expand(*v.extent);
        else if (v.centre) {
            const double halfDeg =
                v.widthKm / 111.32 / 2 / std::max(0.1, std::cos(v.centre->y * M_PI / 180));
            lonLatBox.expand(Rect{v.centre->x - halfDeg, v.centre->y - halfDeg * 0.6,
                                  v.centre->x + halfDeg, v.centre->y + halfDeg * 0.6});
        }
    };
    addView(s.map.view);
    for (const auto& step : s.steps)
        if (step.camera)
            addView(step.camera->view);
    const double margin = std::max(lonLatBox.width(), lonLatBox.height()) * 1.2;
    lonLatBox = lonLatBox.inflated(margin);
    if (lonLatBox.minX < -180 || lonLatBox.maxX > 180) {
        // A view over the 180th meridian (a map centred on the Pacific) needs data from both
        // of its sides: load every longitude.
        lonLatBox.minX = -180;
        lonLatBox.maxX = 180;
    }
    lonLatBox.minX = std::max(-180.0, lonLatBox.minX);
    lonLatBox.maxX = std::min(180.0, lonLatBox.maxX);
    lonLatBox.minY = std::max(-89.9, lonLatBox.minY);
    lonLatBox.maxY = std::min(89.9, lonLatBox.maxY);

    loadBase(services, lonLatBox);
    loadWorldFrame(services);
    compileFronts(services, lonLatBox);

    for (const auto& t : s.territories) {
        CompiledTerritory ct{t.id, t.side, {}, &t};
        for (const auto& k : t.keyframes) {
            ct.keyframes.push_back(
                {k.loc, toHistTime(k.date),
                 k.region ? resolveRegion(*k.region, services, lonLatBox, 0) : MultiPolygon{}});
            if (!t.name.empty() && !ct.keyframes.back().area.empty())
                ct.keyframes.back().nameAt = interiorPoint(ct.keyframes.back().area);
        }
        territories_.push_back(std::move(ct));
    }
    for (const auto& l : s.lines) {
        // A line over the seam is drawn as pieces at both edges of the map; the longest
        // piece carries the name.
        const std::size_t first = lines_.size();
        for (const auto& part : projection_.cutAtSeam(lineLonLat(l, services.geodesic)))
            lines_.push_back({&l, projection_.line(part), false});
        auto longest =
            std::max_element(lines_.begin() + static_cast<std::ptrdiff_t>(first), lines_.end(),
                             [](const CompiledLine& a, const CompiledLine& b) {
                                 return length(a.line) < length(b.line);
                             });
        if (longest != lines_.end())
            longest->named = true;
    }
    for (const auto& z : s.zones) {
        const auto* line = s.line(z.along);
        if (!line)
            continue;
        std::vector<MultiPolygon> parts;
        for (const auto& part : projection_.cutAtSeam(lineLonLat(*line, services.geodesic)))
            parts.push_back(services.ops.buffer(projection_.line(part), z.widthKm * 500.0));
        zones_.push_back({&z, parts.size() == 1 ? parts.front() : services.ops.unite(parts)});
    }
    for (const auto& p : s.places)
        places_.push_back({&p, projection_.point(p.at)});
    for (const auto& l : s.labels)
        labels_.push_back({&l, projection_.point(l.at)});
    compileCameras();
    compileActions(services, lonLatBox);
    compileFlows();
    timeTerritoryFades();
    compileFacts();
    countryAtlas_.reset();
}

void Timeline::compileCameras() {
    const auto& s = *story_;
    Rect camera = projection_.view(s.map.view);
    for (const auto& step : s.steps) {
        if (step.camera)
            camera = projection_.view(step.camera->view);
        cameras_.push_back(camera);
    }
}

void Timeline::timeTerritoryFades() {
    for (auto& territory : territories_) {
        for (auto& k : territory.keyframes) {
            const Clock::Moment m = clock_.momentOf(k.date);
            if (m.t < 0 || !std::isfinite(m.t)) {
                k.fadeStart = k.fadeEnd = m.t;
                continue;
            }
            const double settled = clock_.settledTime(m.step);
            k.fadeEnd = std::max(m.t, std::min(m.t + kTerritoryFadeSeconds, settled));
            k.fadeStart = std::max(0.0, std::min(m.t, k.fadeEnd - kMinTerritoryFadeSeconds));
        }
    }
}

double Timeline::visibility(const std::string& id, const story::Visibility& v, double t) const {
    double alpha = 1;
    if (v.dates) {
        const HistTime d = clock_.dateAt(t);
        if (v.dates->from && d < toHistTime(*v.dates->from))
            alpha = 0;
        if (v.dates->to && d > toHistTime(*v.dates->to))
            alpha = 0;
    }
    if (v.steps) {
        const int a = story_->stepIndex(v.steps->from);
        const int b = story_->stepIndex(v.steps->to);
        if (a >= 0 && b >= 0) {
            const double start = clock_.steps()[static_cast<std::size_t>(a)].start;
            const double end = clock_.steps()[static_cast<std::size_t>(b)].end();
            alpha = std::min(progress(t, start, start + kFadeSeconds),
                             1 - progress(t, end - kFadeSeconds, end));
        }
    }
    // Explicit show/hide actions override, latest first, with a fade.
    const auto toggle = std::find_if(toggles_.rbegin(), toggles_.rend(),
                                     [&](const Toggle& g) { return g.target == id && g.at <= t; });
    if (toggle == toggles_.rend())
        return alpha;
    const double f = progress(t, toggle->at, toggle->at + kFadeSeconds);
    return toggle->show ? std::max(alpha * (1 - f), f) : alpha * (1 - f);
}

} // namespace mapreel::timeline
