// SPDX-License-Identifier: MIT
// `mapreel handout`: a printable PDF, one page per step, then the sources.
#include "common.hpp"

#include "factories/cairo_factory.hpp"
#include "factories/geo_services.hpp"

#include "mapreel/publish/handout.hpp"
#include "mapreel/publish/output_file.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace mapreel::cli {

namespace {

/// Options of `mapreel handout STORY -o X.pdf`.
struct HandoutOptions {
    std::string story;
    std::string output;
    std::string paper = "a4"; ///< a4 or letter
    std::string lang;         ///< empty: the story's first language
    bool quiet = false;
    bool allowFailingFacts = false;
    std::string narrationCard; ///< "on", "off"; empty: the story's, else on
};

int runHandout(const HandoutOptions& options) {
    if (std::filesystem::path(options.output).extension() != ".pdf") {
        std::cerr << "mapreel: a handout is a PDF: give an output ending in .pdf\n";
        return code(ExitCode::Usage);
    }
    auto story = load(options.story, options.quiet);
    if (!story)
        return code(ExitCode::InvalidStory);
    story = withNarrationCard(story, options.narrationCard, true);
    const auto resolved = storyLanguage(*story, options.lang);
    if (!resolved)
        return code(ExitCode::Usage);
    const std::string& lang = *resolved;
    adapters::GeoServices services(dataDir());
    auto geoServices = services.view();
    timeline::Timeline tl(story, geoServices, lang);
    if (!factsAllowOutput(tl, options.allowFailingFacts))
        return code(ExitCode::InvalidStory);
    const auto layout =
        publish::handoutLayout(options.paper, story->canvas.width, story->canvas.height);
    publish::OutputFile output(options.output);
    adapters::CairoCanvasFactory canvases;
    const auto pages =
        canvases.document(render::DocumentKind::Pdf,
                          {static_cast<int>(layout.pageWidth), static_cast<int>(layout.pageHeight)},
                          output.temporaryPath());
    publish::drawHandout(tl, lang, layout, *pages);
    pages->finish();
    output.commit();
    if (!options.quiet)
        std::cerr << "wrote " << options.output << " (" << tl.clock().steps().size() << " steps, "
                  << (options.paper == "letter" ? "Letter" : "A4") << ")\n";
    return code(ExitCode::Ok);
}

} // namespace

Command addHandout(CLI::App& app) {
    auto options = std::make_shared<HandoutOptions>();
    auto* cmd = app.add_subcommand(
        "handout", "Write a printable PDF: one page per step (the map at the end of the step, "
                   "its date, narration and legend), then the sources.");
    addStoryArgument(*cmd, options->story);
    cmd->add_option("-o,--output", options->output, "The PDF to write, e.g. out/handout.pdf")
        ->required();
    cmd->add_option("--paper", options->paper, "Paper size: a4 (default) or letter")
        ->check(CLI::IsMember({"a4", "letter"}));
    cmd->add_option("--lang", options->lang, "The language (default: the story's first)");
    addNarrationCardOption(*cmd, options->narrationCard, "on");
    cmd->add_flag("--allow-failing-facts", options->allowFailingFacts, kAllowFailingFacts);
    cmd->add_flag("-q,--quiet", options->quiet, "No messages on stderr");
    cmd->footer(kExitCodes);
    return {cmd, [options] { return runHandout(*options); }};
}

} // namespace mapreel::cli
