// SPDX-License-Identifier: MIT
#include "mapreel/publish/site_build.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/output_file.hpp"
#include "mapreel/render/frame.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace mapreel::publish {

namespace {

/// A story file starts its top level with `mapreel: 1`; other YAML files are not stories.
bool isStoryText(const std::string& text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = std::string_view{text}.substr(at, end - at);
        if (line.starts_with("mapreel:") || line.starts_with("mapreel :"))
            return true;
        at = end + 1;
    }
    return false;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The frame at narrative time `t` written as PNG to `path`.
void writeFrame(const timeline::Timeline& tl, double t, PixelSize size,
                render::CanvasFactory& canvases, const std::string& path,
                const render::FrameOptions& options = {}) {
    const auto canvas = canvases.raster(size);
    render::renderFrame(tl, render::themeOf(tl.story()), t, size, *canvas, options);
    canvas->writePng(path);
}

} // namespace

SiteSources findSiteSources(const fs::path& dir, const fs::path& out) {
    SiteSources found;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        throw IoError("cannot read the folder '" + dir.string() + "': " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            throw IoError("cannot read the folder '" + dir.string() + "': " + ec.message());
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        // Symbolic links are not followed: nothing outside DIR is read.
        if (it->is_symlink(ec))
            continue;
        if (it->is_directory(ec)) {
            if (name.starts_with(".") || name == "node_modules" || p == out)
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec) || name.starts_with("."))
            continue;
        const std::string ext = p.extension().string();
        if (ext != ".yaml" && ext != ".yml")
            continue;
        if (p.stem() == "series")
            found.series.push_back(p.string());
        else if (isStoryText(readFile(p)))
            found.stories.push_back(p.string());
    }
    std::sort(found.stories.begin(), found.stories.end());
    std::sort(found.series.begin(), found.series.end());
    return found;
}

std::map<std::string, std::vector<std::string>>
publishedLanguages(const std::vector<const story::Story*>& stories,
                   const std::vector<std::string>& asked) {
    std::map<std::string, std::vector<std::string>> languages;
    for (const auto* s : stories) {
        auto langs =
            s->languages.empty() ? std::vector<std::string>{s->defaultLanguage()} : s->languages;
        if (!asked.empty())
            std::erase_if(langs, [&](const std::string& l) {
                return std::find(asked.begin(), asked.end(), l) == asked.end();
            });
        languages[s->id] = std::move(langs);
    }
    return languages;
}

void dropUnpublished(std::vector<SeriesGroup>& groups,
                     const std::map<std::string, std::vector<std::string>>& languages) {
    const auto unpublished = [&](const story::Story* s) {
        const auto it = languages.find(s->id);
        return it == languages.end() || it->second.empty();
    };
    for (auto& g : groups)
        std::erase_if(g.maps, unpublished);
    std::erase_if(groups, [](const SeriesGroup& g) { return g.maps.empty(); });
}

PixelSize fitSize(PixelSize size, PixelSize box) {
    const double scale = std::min({1.0, static_cast<double>(box.width) / size.width,
                                   static_cast<double>(box.height) / size.height});
    return {std::max(16, static_cast<int>(std::lround(size.width * scale / 2)) * 2),
            std::max(16, static_cast<int>(std::lround(size.height * scale / 2)) * 2)};
}

void makeSiteFolder(const fs::path& dir, const fs::path& out) {
    const auto check = [&] {
        if (!confined(dir.string(), out.string()))
            throw IoError("the folder '" + (dir / "").parent_path().string() +
                          "' leads out of the output folder '" + out.string() +
                          "' (a symbolic link); remove the link or choose another output folder");
    };
    check();
    makeFolder(dir);
    check();
}

void buildMapPage(const timeline::Timeline& tl, const MapPage& map, render::CanvasFactory& canvases,
                  VideoEncoders& encoders) {
    const auto& s = *map.page.story;
    const auto& lang = map.page.lang;
    const fs::path page = map.out / pagePath(s.id, lang);
    // The videos carry what `mapreel render` embeds: the captions as a subtitle track and
    // one chapter mark per step, in the page's language. The same cues are published beside
    // them as WebVTT for the player's <track> elements.
    const double videoEnd = tl.clock().videoSeconds();
    const auto captions = windowCues(captionCues(s, lang), 0, videoEnd);
    const auto chapters = windowCues(chapterCues(s, lang), 0, videoEnd);
    const auto specFor = [&](const std::string& name) {
        auto spec = videoSpec(name, map.size, tl.clock().fps(), map.crf);
        spec.language = lang;
        spec.subtitles = captions;
        spec.chapters = chapters;
        return spec;
    };
    OutputBatch batch;
    std::vector<VideoTarget> targets;
    auto& mp4 = batch.add(page / "video.mp4");
    targets.push_back({mp4.temporaryPath(), specFor("video.mp4")});
    if (map.page.webm) {
        auto& webm = batch.add(page / "video.webm");
        targets.push_back({webm.temporaryPath(), specFor("video.webm")});
    }
    renderVideos(tl, canvases, encoders, std::move(targets),
                 {map.size, 0, tl.clock().frameCount(), 0, nullptr, map.progress});

    // The poster shows where the story ends up: its last step, settled.
    const double posterTime =
        tl.clock().steps().empty()
            ? 0.0
            : tl.clock().settledTime(static_cast<int>(tl.clock().steps().size()) - 1);
    writeFrame(tl, posterTime, map.size, canvases, batch.add(page / "poster.png").temporaryPath());
    // The card's picture: the map without its title block, legend, narration card, labels
    // and date, which at card size are too small to read and repeat what the card says
    // beside it. 640 wide: sharp on a card of up to 320 CSS pixels at twice the density.
    const PixelSize thumb{
        640,
        std::max(16,
                 static_cast<int>(std::lround(640.0 * map.size.height / map.size.width / 2)) * 2)};
    writeFrame(tl, posterTime, thumb, canvases, batch.add(page / "thumb.png").temporaryPath(),
               {.mapOnly = true, .adjust = {}});

    batch.text(page / "captions.vtt", toWebVtt(captions));
    batch.text(page / "chapters.vtt", toWebVtt(chapters));
    batch.text(page / "description.txt", videoDescription(s, lang, chapters));
    batch.text(page / "story.js", storyScript(map.page));
    batch.copy(map.web / "player.html", page / "index.html");
    batch.commit();
    if (!map.page.webm) {
        // A WebM left by an earlier --webm build no longer matches this one.
        std::error_code ec;
        fs::remove(page / "video.webm", ec);
    }
}

void writeSiteShared(const fs::path& out, const fs::path& web, const std::string& title,
                     const std::vector<SeriesGroup>& groups,
                     const std::map<std::string, std::vector<std::string>>& languages) {
    OutputBatch shared;
    const fs::path assets = web / "assets";
    std::error_code ec;
    for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        const fs::path target = out / "assets" / it->path().lexically_relative(assets);
        makeSiteFolder(target.parent_path(), out);
        shared.copy(it->path(), target);
    }
    if (ec)
        throw IoError("cannot read '" + assets.string() + "': " + ec.message());
    shared.copy(web / "catalogue.html", out / "index.html");
    shared.text(out / "catalogue.js", catalogueScript(title, groups, languages));
    shared.commit();
}

} // namespace mapreel::publish
