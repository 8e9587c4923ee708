// SPDX-License-Identifier: MIT
// History as data: the probe answers from the same geometry that is drawn.
#include "cairo/cairo_canvas.hpp"
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mapreel;

namespace {

struct World {
    adapters::GdalFeatureSource features;
    adapters::ProjFactory projectors;
    adapters::ProjGeodesic geodesic;
    adapters::GeosOps ops;
    std::shared_ptr<const story::Story> story;
    std::unique_ptr<timeline::Timeline> tl;

    explicit World(const std::string& path) {
        auto loaded = story::loadStory(path);
        if (!loaded)
            throw std::runtime_error(format(loaded.error().items().front()));
        story = std::make_shared<const story::Story>(std::move(loaded->story));
        geo::Services services{features, projectors, ops, geodesic, MAPREEL_DATA_DIR};
        tl = std::make_unique<timeline::Timeline>(story, services);
    }
};

World& korea() {
    static World w(std::string(MAPREEL_SOURCE_DIR) + "/stories/cold-war/korean-war.yaml");
    return w;
}

struct Fact {
    std::string date, side, place;
    double lon = 0, lat = 0;
};

std::vector<Fact> facts() {
    std::vector<Fact> out;
    std::ifstream in(std::string(MAPREEL_SOURCE_DIR) + "/tests/data/korea-probe-facts.tsv");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream row(line);
        Fact f;
        std::string lon;
        std::string lat;
        std::getline(row, f.date, '\t');
        std::getline(row, lon, '\t');
        std::getline(row, lat, '\t');
        std::getline(row, f.side, '\t');
        std::getline(row, f.place, '\t');
        f.lon = std::stod(lon);
        f.lat = std::stod(lat);
        out.push_back(f);
    }
    return out;
}

} // namespace

TEST(KoreaProbe, HasEnoughFacts) {
    EXPECT_GE(facts().size(), 30U);
}

TEST(KoreaProbe, AnswersTheResearchedFacts) {
    for (const auto& f : facts()) {
        const auto d = parseDate(f.date);
        ASSERT_TRUE(d) << f.date;
        EXPECT_EQ(korea().tl->probe({f.lon, f.lat}, toHistTime(*d)), f.side)
            << f.place << " on " << f.date;
    }
}

TEST(KoreaFront, KeyframesAreExact) {
    const auto& tl = *korea().tl;
    for (const auto& front : tl.fronts())
        for (const auto& k : front.keyframes) {
            const auto state = tl.frontAt(front, k->date);
            EXPECT_TRUE(state.exact);
            EXPECT_EQ(state.left, k->left);
        }
}

TEST(KoreaFront, AreaChangesContinuouslyBetweenFrames) {
    // The left side's area inside the region, frame by frame across every step; a jump
    // larger than a small fraction of the region means a flicker or a snapping front.
    auto& w = korea();
    const auto& tl = *w.tl;
    ASSERT_FALSE(tl.fronts().empty());
    const auto& front = tl.fronts().front();
    const double regionArea = area(front.region);
    auto leftArea = [&](HistTime date) {
        const auto state = tl.frontAt(front, date);
        MultiPolygon rings;
        for (const auto& r : state.left)
            rings.push_back(Polygon{{r}});
        // Even-odd: intersect each ring with the region and alternate by nesting.
        double a = 0;
        for (std::size_t i = 0; i < rings.size(); ++i) {
            int depth = 0;
            for (std::size_t j = 0; j < rings.size(); ++j)
                if (i != j && contains(rings[j].rings[0], rings[i].rings[0][0]))
                    ++depth;
            a += (depth % 2 != 0 ? -1 : 1) *
                 area(w.ops.intersection(!rings[i].rings.empty() ? MultiPolygon{rings[i]}
                                                                 : MultiPolygon{},
                                         front.region));
        }
        return a;
    };
    double previous = -1;
    double worst = 0;
    const int frames = tl.clock().frameCount();
    for (int i = 0; i < frames; i += 3) {
        const double a = leftArea(tl.clock().dateAt(static_cast<double>(i) / tl.clock().fps()));
        if (previous >= 0)
            worst = std::max(worst, std::abs(a - previous) / regionArea);
        previous = a;
    }
    // Three frames (0.1 s) never move more than 2 % of the peninsula.
    EXPECT_LT(worst, 0.02);
}

TEST(KoreaProbe, AgreesWithRenderedPixels) {
    auto& w = korea();
    const auto& tl = *w.tl;
    const int width = 960;
    const int height = 540;
    adapters::CairoCanvas canvas(width, height);
    const auto theme = scene::makeTheme("classic", {});
    // A moment in the middle of a move, and one at rest.
    for (const int step : {2, 6}) {
        if (step >= static_cast<int>(tl.clock().steps().size()))
            continue;
        const auto& st = tl.clock().steps()[static_cast<std::size_t>(step)];
        const double t = st.start + st.duration * 0.5;
        render::draw(scene::evaluate(tl, t, theme, canvas, width, height), canvas);
        const auto img = adapters::snapshot(canvas);
        const auto view = scene::cameraAt(tl, scene::makeLayout(width, height), t);
        const Color north = w.story->side("north")->color;
        const Color south = w.story->side("south")->color;
        int agree = 0;
        int total = 0;
        // A quarter-degree grid over the peninsula, 124.5..130 E by 34.5..42.5 N.
        for (int ix = 0; ix <= 22; ++ix)
            for (int iy = 0; iy <= 32; ++iy) {
                const double lon = 124.5 + 0.25 * ix;
                const double lat = 34.5 + 0.25 * iy;
                const std::string side = tl.probe({lon, lat}, tl.clock().dateAt(t));
                if (side == "none")
                    continue;
                const Point px = view.apply(*tl.projector().forward({lon, lat}));
                const int x = static_cast<int>(px.x);
                const int y = static_cast<int>(px.y);
                if (x < 2 || y < 2 || x >= width - 2 || y >= height - 2)
                    continue;
                // Skip pixels whose neighbourhood is mixed (front line, borders, labels).
                auto redness = [&](int xx, int yy) {
                    const std::size_t at =
                        (static_cast<std::size_t>(yy) * static_cast<std::size_t>(width) +
                         static_cast<std::size_t>(xx)) *
                        4;
                    return static_cast<int>(img.bgra[at + 2]) - static_cast<int>(img.bgra[at]);
                };
                const int r0 = redness(x, y);
                bool uniform = true;
                for (int dy = -2; dy <= 2; ++dy)
                    for (int dx = -2; dx <= 2; ++dx)
                        if ((redness(x + dx, y + dy) > 0) != (r0 > 0))
                            uniform = false;
                if (!uniform || std::abs(r0) < 20)
                    continue;
                const bool looksNorth = r0 > 0;
                ++total;
                agree += (looksNorth == (side == "north")) ? 1 : 0;
                (void)north;
                (void)south;
            }
        ASSERT_GT(total, 50);
        EXPECT_GE(static_cast<double>(agree) / total, 0.97) << "step " << step;
    }
}
