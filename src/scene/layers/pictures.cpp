// SPDX-License-Identifier: MIT
#include "scene/layers/layers_p.hpp"

#include "mapreel/timeline/easing.hpp"

#include <algorithm>
#include <cmath>

namespace mapreel::scene::detail {

using timeline::clamp01;
using timeline::progress;

namespace {

constexpr double kPictureFade = 0.5; ///< seconds to fade a picture in and out

} // namespace

/// A step's pictures: a card on the left of the map, between the title and the legend,
/// holding the picture (scaled to fit, never more than one and a half times its own size)
/// with its caption and credit under it. Labels give way to it while it is up.
void appendPictures(Frame& f, std::vector<Item>& panels) {
    const auto& th = f.th;
    const double u = f.u;
    const std::string& lang = f.tl.lang();
    for (const auto& im : f.tl.images()) {
        if (f.t < im.start || f.t > im.end + kPictureFade || im.source->width <= 0 ||
            im.source->height <= 0)
            continue;
        double a = clamp01(progress(f.t, im.start, im.start + kPictureFade)) *
                   (1 - progress(f.t, im.end, im.end + kPictureFade));
        a = std::round(a * 32) / 32; // fades in 32 levels keep the overlay cacheable
        if (a <= 0)
            continue;
        const double pad = th.narrationPadding * u;
        const double gap = th.panelMargin * u;
        const double top = (f.titleBox.empty() ? f.layout.title.maxY : f.titleBox.maxY) + gap * 2;
        const double bottom =
            (f.legendBox.empty() ? f.layout.legend.minY : f.legendBox.minY) - gap * 2;
        const double left = f.layout.title.minX;
        const double maxW = 0.25 * f.layout.width - 2 * pad;

        Paragraph words;
        words.text = im.source->caption.get(lang);
        words.footnote = im.source->credit.get(lang);
        words.font = Font{th.fontSans, th.narrationSize * 0.8 * u, false, false, 0};
        words.footnoteFont = Font{th.fontSans, th.footnoteSize * u, false, true, 0};
        words.color = th.panelText.withAlpha(a);
        words.footnoteColor = th.muted.withAlpha(a);
        const bool hasWords = !words.text.empty() || !words.footnote.empty();

        const double w0 = im.source->width;
        const double h0 = im.source->height;
        // The caption's height depends on the width; measure it at the widest first.
        words.box = Rect{0, 0, maxW, 0};
        const double wordsH = hasWords ? f.measure.paragraphHeight(words) + pad * 0.5 : 0;
        const double maxH = std::min(bottom - top, 0.45 * f.layout.height) - 2 * pad - wordsH;
        if (maxH <= 8 * u)
            continue;
        const double scale = std::min({maxW / w0, maxH / h0, 1.5 * u});
        const double pw = w0 * scale;
        const double ph = h0 * scale;
        const double cardW = std::max(pw, hasWords ? std::min(maxW, 220 * u) : 0.0) + 2 * pad;
        words.box = Rect{left + pad, 0, left + cardW - pad, 0};
        const double textH = hasWords ? f.measure.paragraphHeight(words) + pad * 0.5 : 0;
        const Rect card{left, top, left + cardW, top + ph + textH + 2 * pad};
        panels.emplace_back(Panel{card, th.narrationRadius * u, th.panel,
                                  th.border.withAlpha(th.panelEdgeOpacity), th.panelEdgeWidth * u,
                                  th.narrationShadow * u, a});
        const double px = left + (cardW - pw) / 2;
        panels.emplace_back(Picture{im.file, Rect{px, top + pad, px + pw, top + pad + ph}, a});
        if (hasWords) {
            words.box =
                Rect{left + pad, top + pad + ph + pad * 0.5, left + cardW - pad, card.maxY - pad};
            panels.emplace_back(std::move(words));
        }
        f.occupied.push_back(card.inflated(gap));
        f.overlayKey =
            hashCombine(f.overlayKey, a + 7919 * static_cast<double>(&im - f.tl.images().data()));
    }
}

} // namespace mapreel::scene::detail
