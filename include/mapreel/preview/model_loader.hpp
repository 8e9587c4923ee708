// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/geo/geo.hpp"
#include "mapreel/preview/cache.hpp"
#include "mapreel/preview/player.hpp"
#include "mapreel/preview/reload.hpp"
#include "mapreel/preview/worker.hpp"
#include "mapreel/scene/scene.hpp"
#include "mapreel/scene/theme.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// Loading stories for the live preview: read, compiled and warmed on the worker's thread,
/// with data layers and geometry results remembered between loads.
namespace mapreel::preview {

/// A story compiled for drawing. Made on the loader's thread, then handed to the window's
/// thread, which alone uses it from then on (the timeline's projector included).
struct Model {
    std::shared_ptr<const story::Story> story;
    std::unique_ptr<timeline::Timeline> timeline;
    scene::Theme theme;
    std::vector<std::string> files;
    /// Mixed into the canvas's cache keys, which name the camera and size but not the
    /// story: `baseSalt` changes when the base map or theme does, `salt` with every load.
    std::uint64_t baseSalt = 0;
    std::uint64_t salt = 0;
};

/// True when two models draw the same cached base layer at the same camera: the same
/// projected base map and the same theme (and the same territories and sides' colours, which
/// a map without fronts draws with the base while they are still).
[[nodiscard]] bool sameBase(const Model& a, const Model& b);

/// Makes the scene's cache keys name the model too: the base layer is kept across a
/// reload that left it unchanged, the overlay and the clip masks are drawn afresh.
void saltKeys(scene::Scene& sc, const Model& m);

/// The stamp of a file on disk (missing: the default stamp).
[[nodiscard]] FileStamp statFile(const std::string& path);

/// What the window's thread needs to start a load.
struct LoadRequest {
    std::string path;
    std::string lang;
    std::vector<std::string> files;    ///< the files watched so far
    std::optional<StepPosition> where; ///< the position to prepare for
};

/// What one load produced, for the window's thread to apply.
struct LoadOutcome {
    std::unique_ptr<Model> model;      ///< null when the load failed
    std::optional<Diagnostics> errors; ///< the story's own problems
    std::string failure;               ///< or an environment failure
    Diagnostics warnings;              ///< of a story that loaded
    std::vector<std::string> files;    ///< to watch from now on
    std::vector<FileStamp> stamps;     ///< theirs, from before they were read
    double parseMs = 0;
    double compileMs = 0;
    double warmMs = 0;
    CacheStats reads;
    CacheStats ops;
};

/// Reads and compiles stories on the worker's thread, remembering data layers and
/// geometry results between loads. Everything in it (the services handed in, the caches)
/// is used by that thread only; the window's thread never touches it.
class ModelLoader {
public:
    /// Reads through `services`, which must outlive the loader.
    explicit ModelLoader(const geo::Services& services);
    ModelLoader(const ModelLoader&) = delete;
    ModelLoader& operator=(const ModelLoader&) = delete;
    ModelLoader(ModelLoader&&) = delete;
    ModelLoader& operator=(ModelLoader&&) = delete;
    ~ModelLoader() = default;

    /// Loads `request`; abandoned (Cancelled) at the next read or operation once `token`
    /// is cancelled.
    [[nodiscard]] LoadOutcome load(const LoadRequest& request, const JobToken& token);

private:
    class CheckpointScope;
    /// Computes what the first frame at `where` needs and the timeline computes lazily
    /// (the fronts' distance fields), so the window's thread does not pause for it.
    static void warm(const timeline::Timeline& tl, const StepPosition& where);

    geo::ProjectorFactory& projectors_;
    const geo::Geodesic& geodesic_;
    std::string dataDir_;
    CachingFeatureSource features_;
    CachingGeometryOps ops_;
};

} // namespace mapreel::preview
