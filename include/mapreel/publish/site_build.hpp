// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/size.hpp"
#include "mapreel/publish/site.hpp"
#include "mapreel/publish/video.hpp"
#include "mapreel/render/surface.hpp"
#include "mapreel/timeline/timeline.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

/// Building the static site: finding the stories, and writing each map's page (videos,
/// poster, thumbnail, captions, story.js) and the shared catalogue.
namespace mapreel::publish {

/// The story and series files of a site.
struct SiteSources {
    std::vector<std::string> stories; ///< sorted
    std::vector<std::string> series;  ///< sorted
};

/// The story files (YAML starting with `mapreel:` at the top level) and series.yaml files
/// under `input`, skipping `output` when it lies inside it, hidden folders, node_modules
/// and symbolic links. Throws IoError when the folder cannot be read.
[[nodiscard]] SiteSources findSiteSources(const std::filesystem::path& input,
                                          const std::filesystem::path& output);

/// The languages each story is published in, by id: its own (English when it names none),
/// only those of `asked` when that is not empty (possibly none).
[[nodiscard]] std::map<std::string, std::vector<std::string>>
publishedLanguages(const std::vector<const story::Story*>& stories,
                   const std::vector<std::string>& asked);

/// Leaves out the maps published in no language, then the series left without maps.
void dropUnpublished(std::vector<SeriesGroup>& groups,
                     const std::map<std::string, std::vector<std::string>>& languages);

/// `size` scaled down (never up) to fit `box`, with even sides of at least 16.
[[nodiscard]] PixelSize fitSize(PixelSize size, PixelSize box);

/// makeFolder for a folder of the site: `dir` must stay inside `out` once symbolic links
/// are resolved, checked before anything is created and again after. Throws IoError.
void makeSiteFolder(const std::filesystem::path& dir, const std::filesystem::path& out);

/// What one map page is built with.
struct MapPage {
    PlayerPage page;           ///< the story, language, series and site address
    PixelSize size;            ///< of the videos and poster
    int crf = 20;              ///< x264 CRF scale
    std::filesystem::path out; ///< the site folder
    std::filesystem::path web; ///< the web player's files
    std::function<void(int done, int total, double seconds)> progress; ///< may be empty
};

/// Writes the page of `tl` (compiled in page.lang) under out/pagePath(): video.mp4 (and
/// video.webm) with embedded captions and chapters, poster.png (the last step, settled),
/// thumb.png (the same, map only, 640 wide), captions.vtt, chapters.vtt,
/// description.txt, story.js and index.html; all committed together once complete.
void buildMapPage(const timeline::Timeline& tl, const MapPage& map, render::CanvasFactory& canvases,
                  VideoEncoders& encoders);

/// Writes the files every page shares, last, so that a build stopped half-way leaves the
/// previous catalogue in place: assets/, index.html and catalogue.js.
void writeSiteShared(const std::filesystem::path& out, const std::filesystem::path& web,
                     const std::string& title, const std::vector<SeriesGroup>& groups,
                     const std::map<std::string, std::vector<std::string>>& languages);

} // namespace mapreel::publish
