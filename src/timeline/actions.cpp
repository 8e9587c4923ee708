// SPDX-License-Identifier: MIT
#include "mapreel/timeline/timeline.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/geo/geodesic.hpp"
#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <tuple>

namespace mapreel::timeline {

LineString smoothRoute(const LineString& c, int samplesPerSpan) {
    if (c.size() < 2)
        return c;
    LineString out;
    // Phantom end points mirror the first and last spans so the curve ends on them.
    std::vector<Point> p;
    p.push_back(c[0] + (c[0] - c[1]));
    p.insert(p.end(), c.begin(), c.end());
    p.push_back(c.back() + (c.back() - c[c.size() - 2]));
    auto knot = [](double t, Point a, Point b) {
        return t + std::max(1e-9, std::sqrt(std::hypot(b.x - a.x, b.y - a.y)));
    };
    for (std::size_t i = 1; i + 2 < p.size(); ++i) {
        const Point p0 = p[i - 1];
        const Point p1 = p[i];
        const Point p2 = p[i + 1];
        const Point p3 = p[i + 2];
        const double t0 = 0;
        const double t1 = knot(t0, p0, p1);
        const double t2 = knot(t1, p1, p2);
        const double t3 = knot(t2, p2, p3);
        for (int s = 0; s < samplesPerSpan; ++s) {
            const double t = t1 + (t2 - t1) * s / samplesPerSpan;
            auto lerp = [](Point a, Point b, double ta, double tb, double tt) {
                return a * ((tb - tt) / (tb - ta)) + b * ((tt - ta) / (tb - ta));
            };
            const Point a1 = lerp(p0, p1, t0, t1, t);
            const Point a2 = lerp(p1, p2, t1, t2, t);
            const Point a3 = lerp(p2, p3, t2, t3, t);
            const Point b1 = lerp(a1, a2, t0, t2, t);
            const Point b2 = lerp(a2, a3, t1, t3, t);
            out.push_back(lerp(b1, b2, t1, t2, t));
        }
    }
    out.push_back(c.back());
    return out;
}

LineString grownArrow(const CompiledArrow& a, double t) {
    LineString part;
    if (a.path.size() < 2 || t <= a.start)
        return part;
    const double s =
        a.end > a.start ? std::clamp((t - a.start) / (a.end - a.start), 0.0, 1.0) : 1.0;
    if (s >= 1)
        return a.path; // exactly the head: no rounding in the eased length
    const double grow = easeOut(s);
    const double target = a.cumulative.back() * grow;
    for (std::size_t i = 0; i < a.path.size(); ++i) {
        if (a.cumulative[i] <= target) {
            part.push_back(a.path[i]);
            continue;
        }
        const double seg = a.cumulative[i] - a.cumulative[i - 1];
        const double k = seg > 0 ? (target - a.cumulative[i - 1]) / seg : 0;
        part.push_back(a.path[i - 1] + (a.path[i] - a.path[i - 1]) * k);
        break;
    }
    return part;
}

void Timeline::compileActions(geo::Services& services, const Rect& lonLatBox) {
    const geo::Geodesic& geodesic = services.geodesic;
    const auto& s = *story_;
    auto stepEnd = [&](const std::string& until, std::size_t fallback) {
        int j = until.empty() ? static_cast<int>(fallback) : s.stepIndex(until);
        if (j < 0)
            j = static_cast<int>(fallback);
        return clock_.steps()[static_cast<std::size_t>(j)].end();
    };
    auto locate = [&](const story::Waypoint& w) -> std::optional<Point> {
        if (w.at)
            return projection_.point(*w.at);
        if (const auto* p = s.place(w.place))
            return projection_.point(p->at);
        return std::nullopt;
    };
    for (std::size_t i = 0; i < clock_.steps().size(); ++i) {
        const auto& st = clock_.steps()[i];
        auto when = [&](const story::Window& w) {
            return std::pair{st.start + w.start * st.duration, st.start + w.end * st.duration};
        };
        for (const auto& action : st.source->actions) {
            if (const auto* a = std::get_if<story::ArrowAction>(&action.what)) {
                CompiledArrow ca;
                ca.source = a;
                ca.id = a->id;
                if (const auto* side = s.side(a->side))
                    ca.color = side->color;
                LineString lonLat;
                for (const auto& w : a->route) {
                    if (w.at)
                        lonLat.push_back(*w.at);
                    else if (const auto* p = s.place(w.place))
                        lonLat.push_back(p->at);
                }
                for (const auto& w : a->route)
                    if (auto p = locate(w))
                        ca.route.push_back(*p);
                if (ca.route.size() < 2)
                    continue;
                if (a->geodesic) {
                    // Along great circles: the arc is the path, not a smoothed curve.
                    const LineString arcs = geo::greatCirclePath(geodesic, lonLat);
                    if (projection_.seam() && crossesSeam(arcs, *projection_.seam()))
                        throw DataError(
                            action.loc.file + ":" + std::to_string(action.loc.line) + ":" +
                            std::to_string(action.loc.column) + ": arrow '" + a->id +
                            "' follows a great circle over the edge of this map (longitude " +
                            std::to_string(std::lround(*projection_.seam())) +
                            "), where it would break in two; split it into two arrows there, "
                            "or centre the projection elsewhere (+lon_0)");
                    ca.path = projection_.line(arcs);
                } else {
                    ca.path = smoothRoute(ca.route);
                }
                double acc = 0;
                ca.cumulative.push_back(0);
                for (std::size_t k = 1; k < ca.path.size(); ++k) {
                    acc += std::hypot(ca.path[k].x - ca.path[k - 1].x,
                                      ca.path[k].y - ca.path[k - 1].y);
                    ca.cumulative.push_back(acc);
                }
                std::tie(ca.start, ca.end) = when(a->window);
                ca.hideAt = stepEnd(a->until, i) + kFadeSeconds;
                arrows_.push_back(std::move(ca));
            } else if (const auto* m = std::get_if<story::MarkerAction>(&action.what)) {
                auto at = locate(m->at);
                if (!at)
                    continue;
                std::string label = m->label.get(lang());
                if (label.empty())
                    if (const auto* p = s.place(m->at.place))
                        label = p->name.get(lang());
                CompiledMarker cm{m, *at, label, when(m->window).first,
                                  stepEnd(m->until, i) + kFadeSeconds};
                markers_.push_back(std::move(cm));
            } else if (const auto* c = std::get_if<story::CalloutAction>(&action.what)) {
                callouts_.push_back({c, projection_.point(c->at), when(c->window).first,
                                     stepEnd(c->until, i) + kFadeSeconds});
            } else if (const auto* h = std::get_if<story::HighlightAction>(&action.what)) {
                auto [hs, he] = when(h->window);
                const Color color = h->color.value_or(Color{1, 0.8, 0.2, 1});
                if (const auto* p = s.place(h->place)) {
                    highlights_.push_back({projection_.point(p->at), {}, hs, he, color});
                } else if (h->region) {
                    MultiPolygon area = resolveRegion(*h->region, services, lonLatBox, 0);
                    if (!area.empty()) {
                        const Point middle = interiorPoint(area);
                        highlights_.push_back({middle, std::move(area), hs, he, color});
                    }
                }
            } else if (const auto* im = std::get_if<story::ImageAction>(&action.what)) {
                std::filesystem::path file(im->file);
                if (file.is_relative())
                    file = std::filesystem::path(s.baseDir) / file;
                auto [from, to] = when(im->window);
                images_.push_back({im, file.string(), from, to});
            } else if (const auto* sh = std::get_if<story::ShowAction>(&action.what)) {
                toggles_.push_back({sh->target, when(sh->window).first, sh->show});
            }
        }
    }
}

} // namespace mapreel::timeline
