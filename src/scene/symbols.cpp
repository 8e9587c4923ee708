// SPDX-License-Identifier: MIT
#include "scene/symbols_p.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace mapreel::scene::detail {

Ring arrowOutline(const LineString& px, double w, bool& ok) {
    ok = false;
    double total = 0;
    std::vector<double> cum{0};
    for (std::size_t i = 1; i < px.size(); ++i) {
        total += std::hypot(px[i].x - px[i - 1].x, px[i].y - px[i - 1].y);
        cum.push_back(total);
    }
    if (total < 2)
        return {};
    double headLen = std::min(2.2 * w, total * 0.6);
    const double scale = headLen / (2.2 * w);
    const double headW = 2.3 * w * scale;
    const double bodyEnd = total - headLen;
    auto at = [&](double s) {
        std::size_t i = 1;
        while (i < cum.size() - 1 && cum[i] < s)
            ++i;
        const double seg = cum[i] - cum[i - 1];
        const double k = seg > 0 ? (s - cum[i - 1]) / seg : 0;
        const Point p = px[i - 1] + (px[i] - px[i - 1]) * k;
        Point d = px[i] - px[i - 1];
        const double len = std::hypot(d.x, d.y);
        d = len > 0 ? d * (1 / len) : Point{1, 0};
        return std::pair{p, Point{-d.y, d.x}};
    };
    LineString leftSide;
    LineString rightSide;
    const int n = std::max(2, static_cast<int>(bodyEnd / 4));
    for (int i = 0; i <= n; ++i) {
        const double s = bodyEnd * i / n;
        const double width = w * scale * (0.4 + 0.6 * (s / std::max(1.0, bodyEnd)));
        auto [p, nrm] = at(s);
        leftSide.push_back(p + nrm * (width / 2));
        rightSide.push_back(p - nrm * (width / 2));
    }
    auto [pb, nb] = at(bodyEnd);
    Ring ring = leftSide;
    ring.push_back(pb + nb * (headW / 2));
    ring.push_back(px.back());
    ring.push_back(pb - nb * (headW / 2));
    ring.insert(ring.end(), rightSide.rbegin(), rightSide.rend());
    ok = true;
    return ring;
}

Ring star(Point c, const StarShape& shape) {
    Ring ring;
    for (int i = 0; i < shape.points * 2; ++i) {
        const double r = i % 2 == 0 ? shape.outer : shape.inner;
        const double ang = shape.rotation + M_PI * i / shape.points;
        ring.push_back({c.x + r * std::sin(ang), c.y - r * std::cos(ang)});
    }
    return ring;
}

Ring circle(Point c, double r) {
    Ring ring;
    for (int i = 0; i < 32; ++i)
        ring.push_back(
            {c.x + r * std::cos(2 * M_PI * i / 32), c.y + r * std::sin(2 * M_PI * i / 32)});
    return ring;
}

} // namespace mapreel::scene::detail
