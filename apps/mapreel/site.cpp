// SPDX-License-Identifier: MIT
// `mapreel site DIR -o OUT`: every story under DIR, grouped by series, rendered and written
// as the static site that web/catalogue.html and web/player.html display.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"
#include "factories/libav_encoders.hpp"

#include "mapreel/core/interrupt.hpp"
#include "mapreel/core/ui_text.hpp"
#include "mapreel/publish/output_file.hpp"
#include "mapreel/publish/site_build.hpp"
#include "mapreel/render/frame_range.hpp"
#include "mapreel/story/series.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>

namespace fs = std::filesystem;

namespace mapreel::cli {

namespace {

/// Options of `mapreel site DIR -o OUT`.
struct SiteOptions {
    std::string dir;                ///< where the stories and series.yaml files are
    std::string out;                ///< the site folder to write
    std::string sizeText;           ///< WIDTHxHEIGHT; empty: the canvas fitted into 1280x720
    int crf = 20;                   ///< x264 CRF scale
    bool webm = false;              ///< also write video.webm (VP9)
    std::vector<std::string> langs; ///< only these languages; empty: every story language
    std::string title;              ///< the catalogue's heading; empty: "Maps", translated
    std::string baseUrl;            ///< public address of OUT, for embed codes
    bool quiet = false;
    bool allowFailingFacts = false;
    std::string narrationCard; ///< "on", "off"; empty: the story's, else off (the page shows it)
};

void printEach(const Diagnostics& diags) {
    for (const auto& d : diags.items()) {
        Diagnostics one;
        one.add(d);
        printDiagnostics(one, d.loc.file);
    }
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int runSite(const SiteOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path dir = fs::weakly_canonical(fs::absolute(o.dir));
    const fs::path out = fs::weakly_canonical(fs::absolute(o.out));
    if (publish::confined(dir.string(), out.string())) {
        std::cerr << "mapreel site: the output folder must not be the stories folder or one "
                     "that contains it\n";
        return code(ExitCode::Usage);
    }
    const auto asked = sizeOption(o.sizeText, {1280, 720});
    if (!asked)
        return code(ExitCode::Usage);
    const PixelSize box = *asked;
    const bool fixedSize = !o.sizeText.empty();
    std::string baseUrl = o.baseUrl;
    if (!baseUrl.empty() && baseUrl.back() != '/')
        baseUrl += '/';
    if (!baseUrl.empty() && !baseUrl.starts_with("https://") && !baseUrl.starts_with("http://")) {
        std::cerr << "mapreel site: --base-url must start with https:// or http://\n";
        return code(ExitCode::Usage);
    }
    const fs::path web = webDir();

    // Read everything first: a mistake anywhere stops the build before any rendering.
    const auto found = publish::findSiteSources(dir, out);
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
        // The web cut: the page shows the narration beside the video, so the video leaves
        // its card out unless the story or --narration-card asks for it.
        stories.push_back(withNarrationCard(std::move(s), o.narrationCard, false));
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

    const auto languages = publish::publishedLanguages(raw, o.langs);
    for (const auto* s : raw)
        if (languages.at(s->id).empty() && !o.quiet)
            std::cerr << s->path << ": skipped: not written in any language asked for\n";
    publish::dropUnpublished(groups, languages);
    if (groups.empty()) {
        std::cerr << "mapreel site: no story is written in the languages asked for\n";
        return code(ExitCode::Usage);
    }

    publish::makeFolder(out);
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    adapters::CairoCanvasFactory canvases;
    adapters::LibavEncoders encoders;
    std::size_t total = 0;
    for (const auto& g : groups)
        for (const auto* s : g.maps)
            total += languages.at(s->id).size();
    std::size_t done = 0;
    for (const auto& g : groups) {
        for (const auto* s : g.maps) {
            const auto owned = *std::find_if(stories.begin(), stories.end(),
                                             [&](const auto& c) { return c.get() == s; });
            for (const auto& lang : languages.at(s->id)) {
                checkInterrupted();
                const auto t0 = std::chrono::steady_clock::now();
                const PixelSize size =
                    fixedSize ? box : publish::fitSize({s->canvas.width, s->canvas.height}, box);
                const fs::path page = out / publish::pagePath(s->id, lang);
                timeline::Timeline tl(owned, geoServices, lang);
                // Facts do not depend on the language: checked once per map, before writing.
                if (lang == languages.at(s->id).front() &&
                    !factsAllowOutput(tl, o.allowFailingFacts))
                    return code(ExitCode::InvalidStory);
                publish::makeSiteFolder(page, out);
                if (!o.quiet)
                    std::cerr << "[" << ++done << "/" << total << "] " << s->id << " (" << lang
                              << "): " << size.width << "x" << size.height << ", "
                              << tl.clock().frameCount() << " frames"
                              << (o.webm ? ", MP4 and WebM" : "") << '\n';
                publish::MapPage map{
                    {s, lang, languages.at(s->id), g.id,
                     g.id == "other-maps" ? uiText("otherMaps", lang) : g.title.get(lang), o.webm,
                     baseUrl},
                    size,
                    o.crf,
                    out,
                    web,
                    progressBar(o.quiet)};
                publish::buildMapPage(tl, map, canvases, encoders);
                if (!o.quiet)
                    std::cerr << "    wrote " << page.string() << " in " << std::fixed
                              << std::setprecision(1) << secondsSince(t0) << " s\n"
                              << std::defaultfloat;
            }
        }
    }
    publish::writeSiteShared(out, web, o.title, groups, languages);
    if (!o.quiet)
        std::cerr << "wrote the site to " << out.string() << " (" << total << " pages in "
                  << std::fixed << std::setprecision(1) << secondsSince(started) << " s)\n"
                  << std::defaultfloat;
    return code(ExitCode::Ok);
}

} // namespace

Command addSite(CLI::App& app) {
    auto options = std::make_shared<SiteOptions>();
    auto& o = *options;
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
    addNarrationCardOption(*site, o.narrationCard, "off: the page shows the narration");
    site->add_flag("--allow-failing-facts", o.allowFailingFacts, kAllowFailingFacts);
    site->add_flag("-q,--quiet", o.quiet, "Print only problems");
    site->footer(kExitCodes);
    return {site, [options] { return runSite(*options); }};
}

} // namespace mapreel::cli
