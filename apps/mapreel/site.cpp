// SPDX-License-Identifier: MIT
// `mapreel site DIR -o OUT`: every story under DIR, grouped by series, rendered and written
// as the static site that web/catalogue.html and web/player.html display.
#include "site.hpp"

#include "cairo/cairo_canvas.hpp"
#include "cli_common.hpp"
#include "output_file.hpp"
#include "render_job.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/captions.hpp"
#include "mapreel/publish/site.hpp"
#include "mapreel/render/canvas.hpp"
#include "mapreel/scene/evaluate.hpp"
#include "mapreel/story/series.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mapreel::cli {

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

/// Files written together and committed together once all are complete.
class Batch {
public:
    /// A new output whose content the caller writes to its temporaryPath().
    OutputFile& add(const fs::path& path) {
        files_.push_back(std::make_unique<OutputFile>(path.string()));
        return *files_.back();
    }
    void text(const fs::path& path, const std::string& content) {
        auto& f = add(path);
        std::ofstream o(f.temporaryPath(), std::ios::binary);
        o << content;
        o.close();
        if (!o)
            throw IoError("cannot write '" + path.string() + "'");
    }
    void copy(const fs::path& from, const fs::path& to) {
        auto& f = add(to);
        std::error_code ec;
        fs::copy_file(from, f.temporaryPath(), fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw IoError("cannot copy '" + from.string() + "' to '" + to.string() +
                          "': " + ec.message());
    }
    void commit() {
        for (auto& f : files_)
            f->commit();
        files_.clear();
    }

private:
    std::vector<std::unique_ptr<OutputFile>> files_;
};

void makeFolder(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw IoError("cannot create the folder '" + dir.string() + "': " + ec.message());
}

/// makeFolder for a folder of the site: `dir` must stay inside `out` once symbolic links
/// are resolved, checked before anything is created and again after.
void makeSiteFolder(const fs::path& dir, const fs::path& out) {
    const auto check = [&] {
        if (!publish::confined(dir.string(), out.string()))
            throw IoError("the folder '" + (dir / "").parent_path().string() +
                          "' leads out of the output folder '" + out.string() +
                          "' (a symbolic link); remove the link or choose another output folder");
    };
    check();
    makeFolder(dir);
    check();
}

/// `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
    const auto rel = inner.lexically_relative(outer);
    return !rel.empty() && *rel.begin() != "..";
}

void printEach(const Diagnostics& diags) {
    for (const auto& d : diags.items()) {
        Diagnostics one;
        one.add(d);
        printDiagnostics(one, d.loc.file);
    }
}

/// A frame size in pixels.
struct PixelSize {
    int w = 0;
    int h = 0;
};

/// `canvas` scaled down (never up) to fit `box`, with even sides.
PixelSize fitSize(PixelSize canvas, PixelSize box) {
    const double scale = std::min(
        {1.0, static_cast<double>(box.w) / canvas.w, static_cast<double>(box.h) / canvas.h});
    return {std::max(16, static_cast<int>(std::lround(canvas.w * scale / 2)) * 2),
            std::max(16, static_cast<int>(std::lround(canvas.h * scale / 2)) * 2)};
}

struct Found {
    std::vector<std::string> stories;
    std::vector<std::string> series;
};

/// The story and series files under `folders.input`, skipping `folders.output` when it lies
/// inside it.
struct SiteFolders {
    fs::path input;
    fs::path output;
};

Found scan(const SiteFolders& folders) {
    const fs::path& dir = folders.input;
    const fs::path& out = folders.output;
    Found found;
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
        else if (isStoryText(readFile(p.string())))
            found.stories.push_back(p.string());
    }
    std::sort(found.stories.begin(), found.stories.end());
    std::sort(found.series.begin(), found.series.end());
    return found;
}

/// The catalogue card's picture: the map at narrative time `t` without its title block,
/// legend, narration card, labels and date, which at card size are too small to read and
/// repeat what the card says beside it. Written as PNG to `path`.
void renderThumbnail(const timeline::Timeline& tl, double t, PixelSize size,
                     const std::string& path) {
    const auto& story = tl.story();
    const auto theme = scene::makeTheme(story.canvas.theme, story.canvas.style);
    adapters::CairoCanvas canvas(size.w, size.h);
    auto sc = scene::evaluate(tl, t, theme, canvas, size.w, size.h);
    sc.overlay.clear();
    sc.top.clear();
    render::draw(sc, canvas);
    canvas.writePng(path);
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

CLI::App* addSiteCommand(CLI::App& app, SiteOptions& o) {
    auto* site = app.add_subcommand(
        "site", "Render every story under a folder and write a static web site of them.");
    site->add_option("dir", o.dir, "The folder of stories and series.yaml files")
        ->required()
        ->check(CLI::ExistingDirectory);
    site->add_option("-o,--output", o.out, "The site folder to write (created if missing)")
        ->required();
    site->add_option("--size", o.sizeText,
                     "Video size WIDTHxHEIGHT (default: the story's canvas fitted into 1280x720)");
    site->add_option("--quality", o.crf, "Quality as x264 CRF: 0 (lossless) .. 51; default 20")
        ->check(CLI::Range(0, 51));
    site->add_flag("--webm", o.webm, "Also write each video as WebM (VP9); slower");
    site->add_option("--lang", o.langs, "Publish only these languages (repeat or comma-separate)")
        ->delimiter(',');
    site->add_option("--title", o.title,
                     "The catalogue's heading (default: Maps, in the reader's language)");
    site->add_option("--base-url", o.baseUrl,
                     "The site's public address, e.g. https://maps.example.org/; enables the "
                     "players' embed code");
    site->add_flag("-q,--quiet", o.quiet, "Print only problems");
    return site;
}

int runSite(const SiteOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path dir = fs::weakly_canonical(fs::absolute(o.dir));
    const fs::path out = fs::weakly_canonical(fs::absolute(o.out));
    if (within(dir, out)) {
        std::cerr << "mapreel site: the output folder must not be the stories folder or one "
                     "that contains it\n";
        return code(ExitCode::Usage);
    }
    int maxW = 1280;
    int maxH = 720;
    const bool fixedSize = !o.sizeText.empty();
    if (fixedSize && !parseSize(o.sizeText, maxW, maxH)) {
        std::cerr << "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";
        return code(ExitCode::Usage);
    }
    std::string baseUrl = o.baseUrl;
    if (!baseUrl.empty() && baseUrl.back() != '/')
        baseUrl += '/';
    if (!baseUrl.empty() && !baseUrl.starts_with("https://") && !baseUrl.starts_with("http://")) {
        std::cerr << "mapreel site: --base-url must start with https:// or http://\n";
        return code(ExitCode::Usage);
    }
    const std::string web = webDir();

    // Read everything first: a mistake anywhere stops the build before any rendering.
    const Found found = scan({dir, out});
    bool invalid = false;
    std::vector<std::shared_ptr<const story::Story>> stories;
    for (const auto& path : found.stories) {
        auto s = load(path, o.quiet);
        if (!s) {
            invalid = true;
            continue;
        }
        // A site reads nothing outside its folder of stories.
        const Diagnostics outside = publish::filesOutside(*s, {dir.string(), dataDir()});
        if (outside.hasErrors()) {
            printDiagnostics(outside, path);
            invalid = true;
            continue;
        }
        stories.push_back(std::move(s));
    }
    std::vector<story::Series> series;
    for (const auto& path : found.series) {
        auto s = story::loadSeries(path);
        if (s) {
            series.push_back(std::move(*s));
        } else {
            printDiagnostics(s.error(), path);
            invalid = true;
        }
    }
    if (invalid)
        return code(ExitCode::InvalidStory);
    if (stories.empty()) {
        std::cerr << "mapreel site: no stories under '" << o.dir
                  << "' (a story is a .yaml file starting with 'mapreel: 1')\n";
        return code(ExitCode::InvalidStory);
    }
    std::vector<const story::Story*> raw;
    raw.reserve(stories.size());
    for (const auto& s : stories)
        raw.push_back(s.get());
    auto grouped = publish::groupSeries(raw, series);
    if (!grouped) {
        printEach(grouped.error());
        return code(ExitCode::InvalidStory);
    }
    auto groups = std::move(*grouped);

    // The languages each map is published in.
    std::map<std::string, std::vector<std::string>> languages;
    for (const auto* s : raw) {
        std::vector<std::string> langs =
            s->languages.empty() ? std::vector<std::string>{"en"} : s->languages;
        if (!o.langs.empty())
            std::erase_if(langs, [&](const std::string& l) {
                return std::find(o.langs.begin(), o.langs.end(), l) == o.langs.end();
            });
        if (langs.empty() && !o.quiet)
            std::cerr << s->path << ": skipped: not written in any language asked for\n";
        languages[s->id] = std::move(langs);
    }
    for (auto& g : groups)
        std::erase_if(g.maps, [&](const story::Story* s) { return languages[s->id].empty(); });
    std::erase_if(groups, [](const publish::SeriesGroup& g) { return g.maps.empty(); });
    if (groups.empty()) {
        std::cerr << "mapreel site: no story is written in the languages asked for\n";
        return code(ExitCode::Usage);
    }

    makeFolder(out);
    Services services;
    auto geoServices = services.view();
    const bool showProgress = !o.quiet && isatty(STDERR_FILENO) != 0;
    std::size_t total = 0;
    for (const auto& g : groups)
        for (const auto* s : g.maps)
            total += languages[s->id].size();
    std::size_t done = 0;
    for (const auto& g : groups) {
        for (const auto* s : g.maps) {
            std::shared_ptr<const story::Story> owned;
            for (const auto& candidate : stories)
                if (candidate.get() == s)
                    owned = candidate;
            for (const auto& lang : languages[s->id]) {
                checkInterrupted();
                const auto t0 = std::chrono::steady_clock::now();
                const PixelSize size =
                    fixedSize ? PixelSize{maxW, maxH}
                              : fitSize({s->canvas.width, s->canvas.height}, {maxW, maxH});
                const int w = size.w;
                const int h = size.h;
                const fs::path page = out / publish::pagePath(s->id, lang);
                makeSiteFolder(page, out);
                timeline::Timeline tl(owned, geoServices, lang);
                if (!o.quiet)
                    std::cerr << "[" << ++done << "/" << total << "] " << s->id << " (" << lang
                              << "): " << w << "x" << h << ", " << tl.clock().frameCount()
                              << " frames" << (o.webm ? ", MP4 and WebM" : "") << '\n';

                // The videos carry what `mapreel render` embeds: the captions as a subtitle
                // track and one chapter mark per step, in the page's language. The same cues
                // are published beside them as WebVTT for the player's <track> elements.
                const double videoEnd = tl.clock().videoSeconds();
                const auto captions = windowCues(publish::captionCues(*s, lang), 0, videoEnd);
                const auto chapters = windowCues(publish::chapterCues(*s, lang), 0, videoEnd);
                const auto settingsFor = [&](const std::string& name) {
                    auto vs = videoSettings(name, w, h, tl.clock().fps(), o.crf);
                    vs.language = lang;
                    vs.subtitles = captions;
                    vs.chapters = chapters;
                    return vs;
                };
                Batch batch;
                std::vector<VideoTarget> targets;
                auto& mp4 = batch.add(page / "video.mp4");
                targets.push_back({mp4.temporaryPath(), settingsFor("video.mp4")});
                if (o.webm) {
                    auto& webm = batch.add(page / "video.webm");
                    targets.push_back({webm.temporaryPath(), settingsFor("video.webm")});
                }
                renderVideo(tl, w, h, 0, tl.clock().frameCount(), targets, showProgress);

                // The poster shows where the story ends up: its last step, settled.
                const double posterTime =
                    tl.clock().steps().empty()
                        ? 0.0
                        : tl.clock().settledTime(static_cast<int>(tl.clock().steps().size()) - 1);
                renderPng(tl, posterTime, w, h, batch.add(page / "poster.png").temporaryPath());
                // 640 wide: sharp on a card of up to 320 CSS pixels at twice the density.
                const int thumbW = 640;
                const int thumbH =
                    std::max(16, static_cast<int>(std::lround(640.0 * h / w / 2)) * 2);
                renderThumbnail(tl, posterTime, {thumbW, thumbH},
                                batch.add(page / "thumb.png").temporaryPath());

                batch.text(page / "captions.vtt", publish::toWebVtt(captions));
                batch.text(page / "chapters.vtt", publish::toWebVtt(chapters));
                batch.text(page / "description.txt", publish::videoDescription(*s, lang, chapters));
                const publish::PlayerPage pageData{
                    s, lang, languages[s->id], g.id, g.title.get(lang), o.webm, baseUrl};
                batch.text(page / "story.js", publish::storyScript(pageData));
                batch.copy(fs::path(web) / "player.html", page / "index.html");
                batch.commit();
                if (!o.webm) {
                    // A WebM left by an earlier --webm build no longer matches this one.
                    std::error_code ec;
                    fs::remove(page / "video.webm", ec);
                }
                if (!o.quiet)
                    std::cerr << "    wrote " << page.string() << " in " << std::fixed
                              << std::setprecision(1) << secondsSince(t0) << " s\n"
                              << std::defaultfloat;
            }
        }
    }

    // Shared files last: a build stopped half-way leaves the previous catalogue in place.
    Batch shared;
    const fs::path assets = fs::path(web) / "assets";
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
    shared.copy(fs::path(web) / "catalogue.html", out / "index.html");
    shared.text(out / "catalogue.js", publish::catalogueScript(o.title, groups, languages));
    shared.commit();
    if (!o.quiet)
        std::cerr << "wrote the site to " << out.string() << " (" << total << " pages in "
                  << std::fixed << std::setprecision(1) << secondsSince(started) << " s)\n"
                  << std::defaultfloat;
    return code(ExitCode::Ok);
}

} // namespace mapreel::cli
