// SPDX-License-Identifier: MIT
#include "mapreel/preview/hud.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace mapreel::preview {

namespace {

using scene::Align;
using scene::Font;

// The overlays are tool chrome, not part of the map: neutral dark glass, so they never
// read as a side's colour.
const Color kGlass{0.08, 0.09, 0.11, 0.78};
const Color kBar{0.12, 0.13, 0.15, 1};
const Color kInk{0.96, 0.96, 0.94, 1};
const Color kDim{0.72, 0.74, 0.78, 1};
const Color kTrack{1, 1, 1, 0.25};
const Color kPlayed{0.98, 0.80, 0.30, 1};
const Color kErrorGlass{0.30, 0.05, 0.05, 0.90};
const Color kErrorEdge{0.95, 0.35, 0.30, 1};

Ring rectRing(const Rect& r) {
    return {{r.minX, r.minY}, {r.maxX, r.minY}, {r.maxX, r.maxY}, {r.minX, r.maxY}};
}

scene::Fill box(const Rect& r, const Color& c) {
    scene::Fill f;
    f.path.rings.push_back(rectRing(r));
    f.color = c;
    return f;
}

scene::Text label(std::string text, Point at, double size, const Color& c, Align align,
                  bool bold = false) {
    scene::Text t;
    t.text = std::move(text);
    t.at = at;
    t.font = Font{"Noto Sans", size, bold};
    t.color = c;
    t.align = align;
    t.valign = Align::Centre;
    return t;
}

void addBar(const HudState& s, std::vector<scene::Item>& out, scene::TextMeasurer& measurer) {
    const double u = hudUnit(s.height);
    const Rect bar = scrubBar(s.width, s.height);
    const Rect track = scrubTrack(s.width, s.height);
    out.emplace_back(box(bar, kBar));

    // Play state: a triangle when playing, two bars when paused.
    const double cy = (track.minY + track.maxY) / 2;
    const double ix = bar.minX + 14 * u;
    const double r = 7 * u;
    scene::Fill icon;
    icon.color = kInk;
    if (s.playing)
        icon.path.rings.push_back({{ix, cy - r}, {ix + 1.7 * r, cy}, {ix, cy + r}});
    else {
        icon.path.rings.push_back(rectRing({ix, cy - r, ix + 0.6 * r, cy + r}));
        icon.path.rings.push_back(rectRing({ix + 1.1 * r, cy - r, ix + 1.7 * r, cy + r}));
    }
    out.emplace_back(std::move(icon));

    // Top row: step and title on the left, time in the middle, the date on the right.
    const double row = bar.minY + 13 * u;
    const double small = 12 * u;
    std::string stepText = s.step >= 0 ? "Step " + std::to_string(s.step + 1) + "/" +
                                             std::to_string(s.stepStarts.size())
                                       : std::string("No steps");
    if (!s.stepTitle.empty())
        stepText += "  " + s.stepTitle;
    const std::string dateText = s.date;
    const std::string times = clockText(s.time) + " / " + clockText(s.duration);
    out.emplace_back(label(times, {track.maxX, row}, small, kDim, Align::End));
    const double timesWidth = measurer.measure(times, Font{"Noto Sans", small}).x;
    // The title gives way to the time: cut it rather than overlap.
    const double room = track.width() - timesWidth - 16 * u;
    while (stepText.size() > 4 &&
           measurer.measure(stepText, Font{"Noto Sans", small, true}).x > room) {
        stepText.resize(stepText.size() - 4);
        while (!stepText.empty() && (static_cast<unsigned char>(stepText.back()) & 0xC0) == 0x80)
            stepText.pop_back(); // never cut a UTF-8 sequence in half
        stepText += "…";
    }
    out.emplace_back(label(stepText, {track.minX, row}, small, kInk, Align::Start, true));
    if (!dateText.empty())
        out.emplace_back(label(dateText, {bar.maxX - 12 * u, (bar.minY + bar.maxY) / 2}, 15 * u,
                               kInk, Align::End, true));

    // Track, played part, step marks, playhead.
    const double th = 4 * u;
    const Rect line{track.minX, cy - th / 2, track.maxX, cy + th / 2};
    out.emplace_back(box(line, kTrack));
    const double frac = s.duration > 0 ? std::clamp(s.time / s.duration, 0.0, 1.0) : 0.0;
    const double headX = track.minX + frac * track.width();
    out.emplace_back(box({line.minX, line.minY, headX, line.maxY}, kPlayed));
    for (std::size_t i = 1; i < s.stepStarts.size(); ++i) {
        if (s.duration <= 0)
            break;
        const double x =
            track.minX + std::clamp(s.stepStarts[i] / s.duration, 0.0, 1.0) * track.width();
        out.emplace_back(box({x - 1 * u, cy - 7 * u, x + 1 * u, cy + 7 * u}, kInk));
    }
    scene::Fill head;
    head.color = kPlayed;
    Ring disc;
    for (int k = 0; k < 24; ++k) {
        const double a = 2 * std::numbers::pi * k / 24;
        disc.push_back({headX + 7 * u * std::cos(a), cy + 7 * u * std::sin(a)});
    }
    head.path.rings.push_back(std::move(disc));
    out.emplace_back(std::move(head));
}

/// A panel of wrapped lines at the top-left of `area`, `width` wide.
void addPanel(const std::string& title, const std::vector<std::string>& lines, double x, double y,
              double width, const Color& glass, const Color& edge, double u, bool monospace,
              std::vector<scene::Item>& out, scene::TextMeasurer& measurer) {
    const double pad = 12 * u;
    scene::Paragraph p;
    p.title = title;
    for (const auto& l : lines)
        p.text += (p.text.empty() ? "" : "\n") + l;
    p.titleFont = Font{"Noto Sans", 15 * u, true};
    p.font = Font{monospace ? "DejaVu Sans Mono" : "Noto Sans", 13 * u};
    p.color = kInk;
    p.box = Rect{x + pad, y + pad, x + width - pad, y + pad + 1};
    const double h = measurer.paragraphHeight(p);
    p.box.maxY = p.box.minY + h;
    scene::Panel panel;
    panel.box = Rect{x, y, x + width, y + h + 2 * pad - 13 * u * 0.5};
    panel.radius = 6 * u;
    panel.fill = glass;
    panel.stroke = edge;
    panel.strokeWidth = edge.a > 0 ? 1.5 * u : 0;
    out.emplace_back(panel);
    out.emplace_back(std::move(p));
}

} // namespace

double hudUnit(int height) noexcept {
    return std::max(1.0, height / 720.0);
}

int mapHeight(int height, bool showBar) noexcept {
    if (!showBar)
        return height;
    return std::max(1, height - static_cast<int>(std::lround(52 * hudUnit(height))));
}

Rect scrubBar(int width, int height) noexcept {
    return {0, static_cast<double>(mapHeight(height, true)), static_cast<double>(width),
            static_cast<double>(height)};
}

Rect scrubTrack(int width, int height) noexcept {
    const double u = hudUnit(height);
    const Rect bar = scrubBar(width, height);
    // Room on the right for the date; it is the widest thing on the bar.
    const double right = std::max(bar.minX + 80 * u, bar.maxX - 190 * u);
    return {bar.minX + 44 * u, bar.minY + 26 * u, right, bar.maxY - 6 * u};
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): width, height as in every HUD layout call.
double scrubTime(double x, int width, int height, double duration) noexcept {
    const Rect track = scrubTrack(width, height);
    if (track.width() <= 0)
        return 0;
    return std::clamp((x - track.minX) / track.width(), 0.0, 1.0) * std::max(0.0, duration);
}

std::vector<scene::Item> hudItems(const HudState& s, scene::TextMeasurer& measurer) {
    std::vector<scene::Item> out;
    const double u = hudUnit(s.height);
    const double margin = 14 * u;
    if (s.showBar)
        addBar(s, out, measurer);
    double y = margin;
    if (!s.probe.empty()) {
        // Beside the cursor, on whichever side has room, so it never hides the point.
        const double w = std::min(s.width - 2 * margin, 380 * u);
        const double gap = 18 * u;
        double x = s.cursor.x + gap;
        if (x + w > s.width - margin)
            x = s.cursor.x - gap - w;
        x = std::clamp(x, margin, std::max(margin, s.width - margin - w));
        const auto before = out.size();
        addPanel("Under the cursor", s.probe, x, 0, w, kGlass, Color{0, 0, 0, 0}, u, false, out,
                 measurer);
        auto& panel = std::get<scene::Panel>(out[before]);
        auto& text = std::get<scene::Paragraph>(out[before + 1]);
        const double h = panel.box.height();
        const double bottom = mapHeight(s.height, s.showBar) - margin;
        double top = s.cursor.y + gap;
        if (top + h > bottom)
            top = s.cursor.y - gap - h;
        top = std::clamp(top, margin, std::max(margin, bottom - h));
        panel.box.minY += top;
        panel.box.maxY += top;
        text.box.minY += top;
        text.box.maxY += top;
        // The error panel goes below the probe panel only when they would overlap.
        y = top < 200 * u ? std::max(y, panel.box.maxY + margin) : y;
    }
    if (!s.notice.empty()) {
        // A small pill at the top centre, between the map's title block and its date card.
        const double size = 13 * u;
        const double pad = 8 * u;
        const double w = measurer.measure(s.notice, Font{"Noto Sans", size, true}).x + 2 * pad;
        const double left = (s.width - w) / 2;
        const Rect pill{left, margin, left + w, margin + size + 2 * pad};
        scene::Panel panel;
        panel.box = pill;
        panel.radius = pill.height() / 2;
        panel.fill = kGlass;
        out.emplace_back(panel);
        out.emplace_back(
            label(s.notice, {pill.maxX - pad, pill.centre().y}, size, kInk, Align::End, true));
    }
    if (!s.errors.empty()) {
        const double w = std::min(s.width - 2 * margin, 900 * u);
        const auto n = s.errors.size();
        const std::string title = std::to_string(n) + (n == 1 ? " error" : " errors") +
                                  " in the story; showing the last good map";
        // A long list is cut: the first problems are the ones to fix first.
        std::vector<std::string> lines(
            s.errors.begin(),
            s.errors.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(n, 8)));
        if (n > 8)
            lines.push_back("… and " + std::to_string(n - 8) + " more (mapreel check lists all)");
        addPanel(title, lines, margin, y, w, kErrorGlass, kErrorEdge, u, true, out, measurer);
    }
    return out;
}

std::string clockText(double seconds) {
    seconds = std::max(0.0, seconds);
    const auto tenths = static_cast<long>(std::floor(seconds * 10 + 1e-6));
    const long secs = (tenths / 10) % 60;
    std::string text = std::to_string(tenths / 600);
    text += secs < 10 ? ":0" : ":";
    text += std::to_string(secs);
    text += '.';
    text += std::to_string(tenths % 10);
    return text;
}

} // namespace mapreel::preview
