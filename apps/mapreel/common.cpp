// SPDX-License-Identifier: MIT
#include "common.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/parse.hpp"
#include "mapreel/publish/narration.hpp"
#include "mapreel/story/loader.hpp"
#include "mapreel/timeline/facts.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mapreel::cli {

std::optional<PixelSize> sizeOption(const std::string& text, PixelSize fallback) {
    const auto size = text.empty() ? fallback : parseSize(text);
    if (!size)
        std::cerr << "mapreel: --size must be WIDTHxHEIGHT with even sides from 16 to 8192\n";
    return size;
}

void printDiagnostics(const Diagnostics& diags, const std::string& path) {
    const bool tty = isatty(STDERR_FILENO) != 0;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    for (const auto& d : diags.items())
        std::cerr << (tty ? formatWithSource(d, text.str(), true) : format(d)) << '\n';
}

std::shared_ptr<const story::Story> load(const std::string& path, bool quiet) {
    auto loaded = story::loadStory(path);
    if (!loaded) {
        printDiagnostics(loaded.error(), path);
        const auto n = loaded.error().errorCount();
        std::cerr << n << " error" << (n == 1 ? "" : "s") << " in " << path << '\n';
        return nullptr;
    }
    if (!quiet && !loaded->warnings.empty())
        printDiagnostics(loaded->warnings, path);
    return std::make_shared<const story::Story>(std::move(loaded->story));
}

void addStoryArgument(CLI::App& cmd, std::string& story) {
    cmd.add_option("story", story, "The story file (.yaml)")->required()->check(CLI::ExistingFile);
}

std::optional<std::string> storyLanguage(const story::Story& story, const std::string& requested) {
    if (requested == "all") {
        std::cerr << "mapreel: give one language, not 'all'\n";
        return std::nullopt;
    }
    std::string warning;
    const auto langs = publish::renderLanguages(story, requested, warning);
    if (!warning.empty())
        std::cerr << "mapreel: warning: " << warning << '\n';
    return langs.front();
}

void addNarrationCardOption(CLI::App& cmd, std::string& value, const std::string& defaultText) {
    cmd.add_option("--narration-card", value,
                   "Draw the narration card in the frames: on or off (default: the story's "
                   "canvas narration-card, else " +
                       defaultText + ")")
        ->check(CLI::IsMember({"on", "off"}));
}

std::shared_ptr<const story::Story> withNarrationCard(std::shared_ptr<const story::Story> story,
                                                      const std::string& flag, bool fallback) {
    const bool card = flag.empty() ? story->canvas.narrationCard.value_or(fallback) : flag == "on";
    if (story->canvas.narrationCard == card)
        return story;
    auto chosen = std::make_shared<story::Story>(*story);
    chosen->canvas.narrationCard = card;
    return chosen;
}

bool factsAllowOutput(const timeline::Timeline& tl, bool allowFailing) {
    const auto errors = timeline::factGate(tl, allowFailing);
    if (errors.empty())
        return true;
    printDiagnostics(errors, tl.story().path);
    std::cerr << "mapreel: " << errors.errorCount()
              << " fact(s) of the story do not hold on the map; fix the keyframes or the facts "
                 "(mapreel check --facts), or pass --allow-failing-facts\n";
    return false;
}

namespace {

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): reads as the "done/total" it prints.
void progressLine(int done, int total, double elapsed) {
    if (done % 10 != 0 && done != total)
        return;
    const double fps = elapsed > 0 ? done / elapsed : 0;
    const double eta = fps > 0 ? (total - done) / fps : 0;
    const int width = 30;
    const int filled = total > 0 ? done * width / total : width;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): printf's precision and width draw the bar.
    static_cast<void>(std::fprintf(stderr, "\r[%.*s%*s] %d/%d frames  %.1f fps  ETA %02d:%02d ",
                                   filled, "##############################", width - filled, "",
                                   done, total, fps, static_cast<int>(eta) / 60,
                                   static_cast<int>(eta) % 60));
    if (done == total)
        static_cast<void>(std::fputc('\n', stderr));
    static_cast<void>(std::fflush(stderr));
}

} // namespace

std::function<void(int, int, double)> progressBar(bool quiet) {
    if (quiet || isatty(STDERR_FILENO) == 0)
        return nullptr;
    return progressLine;
}

} // namespace mapreel::cli
