// SPDX-License-Identifier: MIT
// Flow bands: the centre line through the flow's points, the strength tapering smoothly
// along it, and when the band grows (its `flow` actions).
#include "mapreel/timeline/easing.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::timeline {

namespace {

/// Points per span of the smoothed centre line (smoothRoute's sampling).
constexpr int kSamplesPerSpan = 24;

} // namespace

std::vector<double> taperedValues(const std::vector<double>& knotArc,
                                  const std::vector<double>& knotValue,
                                  const std::vector<double>& at) {
    const std::size_t n = knotArc.size();
    std::vector<double> out;
    out.reserve(at.size());
    if (n == 0 || knotValue.size() != n)
        return std::vector<double>(at.size(), 0.0);
    if (n == 1)
        return std::vector<double>(at.size(), knotValue[0]);
    // Secant slopes, then Fritsch-Carlson tangents: zero at a local extremum, the weighted
    // harmonic mean of the secants elsewhere, so no span overshoots its two knots.
    std::vector<double> h(n - 1);
    std::vector<double> d(n - 1);
    for (std::size_t k = 0; k + 1 < n; ++k) {
        h[k] = knotArc[k + 1] - knotArc[k];
        d[k] = h[k] > 0 ? (knotValue[k + 1] - knotValue[k]) / h[k] : 0;
    }
    std::vector<double> m(n, 0.0);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (std::size_t k = 1; k + 1 < n; ++k) {
        if (d[k - 1] * d[k] <= 0 || h[k - 1] <= 0 || h[k] <= 0)
            continue;
        const double w1 = 2 * h[k] + h[k - 1];
        const double w2 = h[k] + 2 * h[k - 1];
        m[k] = (w1 + w2) / (w1 / d[k - 1] + w2 / d[k]);
    }
    // An end tangent steeper than three secants would overshoot: clamp it.
    for (std::size_t k : {std::size_t{0}, n - 1}) {
        const double sec = k == 0 ? d[0] : d[n - 2];
        if (m[k] * sec <= 0)
            m[k] = 0;
        else if (std::abs(m[k]) > 3 * std::abs(sec))
            m[k] = 3 * sec;
    }
    std::size_t span = 0;
    for (const double x : at) {
        while (span + 2 < n && x > knotArc[span + 1])
            ++span;
        while (span > 0 && x < knotArc[span])
            --span;
        const double len = h[span];
        if (len <= 0) {
            out.push_back(knotValue[span + 1]);
            continue;
        }
        const double s = std::clamp((x - knotArc[span]) / len, 0.0, 1.0);
        const double s2 = s * s;
        const double s3 = s2 * s;
        const double y = (2 * s3 - 3 * s2 + 1) * knotValue[span] +
                         (s3 - 2 * s2 + s) * len * m[span] +
                         (-2 * s3 + 3 * s2) * knotValue[span + 1] + (s3 - s2) * len * m[span + 1];
        out.push_back(y);
    }
    return out;
}

double flowLength(const CompiledFlow& f, double t) {
    double length = 0;
    for (const auto& g : f.growths) {
        if (t < g.start)
            return length;
        if (t >= g.end || g.end <= g.start) {
            length = g.to;
            continue;
        }
        return g.from + (g.to - g.from) * easeOut(progress(t, g.start, g.end));
    }
    return length;
}

void Timeline::compileFlows() {
    const auto& s = *story_;
    for (const auto& flow : s.flows) {
        CompiledFlow cf;
        cf.source = &flow;
        if (flow.color)
            cf.color = *flow.color;
        else if (const auto* side = s.side(flow.side))
            cf.color = side->color;
        LineString controls;
        std::vector<double> strengths;
        for (const auto& p : flow.points) {
            std::optional<Point> at = p.at.at;
            if (!at)
                if (const auto* place = s.place(p.at.place))
                    at = place->at;
            if (!at)
                continue;
            controls.push_back(projection_.point(*at));
            strengths.push_back(p.strength);
        }
        if (controls.size() < 2 || controls.size() != flow.points.size())
            continue;
        cf.path = smoothRoute(controls, kSamplesPerSpan);
        double acc = 0;
        cf.cumulative.push_back(0);
        for (std::size_t k = 1; k < cf.path.size(); ++k) {
            acc += std::hypot(cf.path[k].x - cf.path[k - 1].x, cf.path[k].y - cf.path[k - 1].y);
            cf.cumulative.push_back(acc);
        }
        std::vector<double> knotArc;
        for (std::size_t k = 0; k < controls.size(); ++k) {
            const std::size_t i =
                std::min(cf.path.size() - 1, k * static_cast<std::size_t>(kSamplesPerSpan));
            cf.pointIndex.push_back(i);
            knotArc.push_back(cf.cumulative[i]);
        }
        cf.strength = taperedValues(knotArc, strengths, cf.cumulative);
        // Growths, from the flow actions of the steps, in order.
        double reached = 0;
        bool shown = false;
        for (std::size_t i = 0; i < clock_.steps().size(); ++i) {
            const auto& st = clock_.steps()[i];
            for (const auto& action : st.source->actions) {
                const auto* fa = std::get_if<story::FlowAction>(&action.what);
                if (fa == nullptr || fa->flow != flow.id)
                    continue;
                const double target = fa->to == story::kWholeFlow || fa->to >= knotArc.size()
                                          ? cf.cumulative.back()
                                          : knotArc[fa->to];
                FlowGrowth g{st.start + fa->window.start * st.duration,
                             st.start + fa->window.end * st.duration, reached,
                             std::max(reached, target)};
                if (!shown)
                    cf.start = g.start;
                shown = true;
                reached = g.to;
                cf.growths.push_back(g);
                int j = fa->until.empty() ? static_cast<int>(i) : s.stepIndex(fa->until);
                if (j < 0)
                    j = static_cast<int>(i);
                cf.hideAt = std::max(cf.hideAt, clock_.steps()[static_cast<std::size_t>(j)].end() +
                                                    kFadeSeconds);
            }
        }
        if (!shown)
            continue; // a flow no step shows is never drawn
        flows_.push_back(std::move(cf));
    }
}

} // namespace mapreel::timeline
