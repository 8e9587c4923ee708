// SPDX-License-Identifier: MIT
#pragma once
// A story of the repository compiled with the real adapters, for integration tests.
#include "gdal/gdal_source.hpp"
#include "geos/geos_ops.hpp"
#include "proj/proj_geodesic.hpp"
#include "proj/proj_projector.hpp"

#include "mapreel/geo/stored_ops.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <memory>
#include <stdexcept>
#include <string>

namespace mapreel::integration {

/// Loads `relativePath` (from the source tree) and compiles its timeline (in `lang`, else the
/// story's first language); throws with the first diagnostic when the story does not load.
inline std::unique_ptr<timeline::Timeline> storyTimeline(const std::string& relativePath,
                                                         const std::string& lang = {}) {
    static adapters::GdalFeatureSource features;
    static adapters::ProjFactory projectors;
    static const adapters::ProjGeodesic geodesic;
    static adapters::GeosOps geos;
    // Unions and clips kept in the build tree, as `mapreel` keeps them in the user's cache:
    // the tests compile the same stories in many processes.
    static geo::StoredGeometryOps ops(geos, MAPREEL_TEST_CACHE);
    auto loaded = story::loadStory(std::string(MAPREEL_SOURCE_DIR) + "/" + relativePath);
    if (!loaded)
        throw std::runtime_error(format(loaded.error().items().front()));
    auto story = std::make_shared<const story::Story>(std::move(loaded->story));
    geo::Services services{features, projectors, ops, geodesic, MAPREEL_DATA_DIR};
    return std::make_unique<timeline::Timeline>(story, services, lang);
}

} // namespace mapreel::integration
