// SPDX-License-Identifier: MIT
#include "cli_common.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/story/loader.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mapreel::cli {

namespace {

// A signal handler can reach only a global.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<bool> gInterrupted{false};

extern "C" void onSignal(int /*signal*/) {
    gInterrupted.store(true);
}

fs::path executablePath() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe;
}

/// The variable's value, or null when unset. getenv races only with setenv, which mapreel
/// never calls.
const char* environment(const char* name) noexcept {
    return std::getenv(name); // NOLINT(concurrency-mt-unsafe)
}

/// Reads a decimal int at `pos` the way scanf's %d does (leading white space and a sign
/// allowed) and moves `pos` past it.
std::optional<int> scanInt(std::string_view text, std::size_t& pos) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])) != 0)
        ++pos;
    if (pos < text.size() && text[pos] == '+')
        ++pos;
    const std::string_view rest = text.substr(pos);
    const char* first = std::to_address(rest.begin());
    int value = 0;
    const auto [end, ec] = std::from_chars(first, std::to_address(rest.end()), value);
    if (ec != std::errc{})
        return std::nullopt;
    pos += static_cast<std::size_t>(std::distance(first, end));
    return value;
}

} // namespace

void installSignalHandlers() {
    // Without the handlers Ctrl-C still stops the program, only less tidily.
    static_cast<void>(std::signal(SIGINT, onSignal));
    static_cast<void>(std::signal(SIGTERM, onSignal));
}

void checkInterrupted() {
    if (gInterrupted.load())
        throw Interrupted();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void printDiagnostics(const Diagnostics& diags, const std::string& path) {
    const bool tty = isatty(STDERR_FILENO) != 0;
    const std::string text = readFile(path);
    for (const auto& d : diags.items())
        std::cerr << (tty ? formatWithSource(d, text, true) : format(d)) << '\n';
}

std::string dataDir() {
    if (const char* env = environment("MAPREEL_DATA_DIR"))
        return env;
    const fs::path exe = executablePath();
    std::error_code ec;
    if (!exe.empty()) {
        for (const fs::path& candidate :
             {exe.parent_path() / "../share/mapreel/data", exe.parent_path() / "../../data",
              exe.parent_path() / "../../../data"})
            if (fs::exists(candidate / "natural-earth", ec))
                return fs::weakly_canonical(candidate).string();
    }
    return MAPREEL_SOURCE_DATA_DIR;
}

std::string webDir() {
    auto complete = [](const fs::path& dir) {
        std::error_code ec;
        return fs::is_regular_file(dir / "player.html", ec) &&
               fs::is_regular_file(dir / "catalogue.html", ec) &&
               fs::is_regular_file(dir / "assets" / "player.js", ec);
    };
    if (const char* env = environment("MAPREEL_WEB_DIR")) {
        if (!complete(env))
            throw DataError("MAPREEL_WEB_DIR is '" + std::string(env) +
                            "', which does not hold the web player (player.html, "
                            "catalogue.html, assets/player.js)");
        return env;
    }
    const fs::path exe = executablePath();
    std::vector<fs::path> candidates;
    if (!exe.empty())
        candidates = {exe.parent_path() / "../share/mapreel/web", exe.parent_path() / "../../web",
                      exe.parent_path() / "../../../web"};
    candidates.emplace_back(MAPREEL_SOURCE_WEB_DIR);
    for (const auto& c : candidates)
        if (complete(c))
            return fs::weakly_canonical(c).string();
    throw DataError("cannot find the web player files (player.html, catalogue.html, assets/); "
                    "set MAPREEL_WEB_DIR to the 'web' folder of a mapreel checkout");
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

std::optional<std::string> storyLanguage(const story::Story& story, const std::string& requested) {
    const auto& langs = story.languages;
    if (requested.empty())
        return langs.empty() ? std::string("en") : langs.front();
    if (langs.empty() || std::find(langs.begin(), langs.end(), requested) != langs.end())
        return requested;
    std::cerr << "mapreel: the story is not written in '" << requested << "' (its languages: ";
    for (std::size_t i = 0; i < langs.size(); ++i)
        std::cerr << (i > 0 ? ", " : "") << langs[i];
    std::cerr << ")\n";
    return std::nullopt;
}

bool parseSize(const std::string& s, int& w, int& h) {
    std::size_t pos = 0;
    const auto width = scanInt(s, pos);
    if (!width)
        return false;
    w = *width;
    if (pos >= s.size() || s[pos] != 'x')
        return false;
    ++pos;
    const auto height = scanInt(s, pos);
    if (!height)
        return false;
    h = *height;
    return w >= 16 && h >= 16 && w <= 8192 && h <= 8192 && w % 2 == 0 && h % 2 == 0;
}

std::optional<FrameRange> parseFrameRange(std::string_view text) {
    std::size_t pos = 0;
    const auto first = scanInt(text, pos);
    if (!first || pos >= text.size() || text[pos] != ':')
        return std::nullopt;
    ++pos;
    const auto last = scanInt(text, pos);
    if (!last || pos != text.size() || *first < 0 || *last <= *first)
        return std::nullopt;
    return FrameRange{*first, *last};
}

std::optional<Point> parseLonLat(std::string_view text) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos)
        return std::nullopt;
    const auto number = [](std::string_view part) -> std::optional<double> {
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front())) != 0)
            part.remove_prefix(1);
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back())) != 0)
            part.remove_suffix(1);
        if (!part.empty() && part.front() == '+')
            part.remove_prefix(1);
        double value = 0;
        const char* end = std::to_address(part.end());
        const auto [stop, ec] = std::from_chars(std::to_address(part.begin()), end, value);
        if (ec != std::errc{} || stop != end || !std::isfinite(value))
            return std::nullopt;
        return value;
    };
    const auto lon = number(text.substr(0, comma));
    const auto lat = number(text.substr(comma + 1));
    if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
        return std::nullopt;
    return Point{*lon, *lat};
}

double stillTime(const timeline::Timeline& tl, const std::string& step, const std::string& date,
                 double seconds) {
    const auto& clock = tl.clock();
    if (seconds >= 0)
        return std::min(seconds, clock.duration());
    if (!step.empty()) {
        const auto count = static_cast<int>(clock.steps().size());
        int index = tl.story().stepIndex(step);
        if (index < 0) {
            try {
                index = std::stoi(step) - 1;
            } catch (const std::exception&) {
                index = -1;
            }
        }
        if (index < 0 || index >= count)
            throw std::invalid_argument("no step '" + step + "' (the story has " +
                                        std::to_string(count) +
                                        " steps; give a number from 1 or a step id)");
        return clock.settledTime(index);
    }
    auto d = parseDate(date);
    if (!d)
        throw std::invalid_argument("'" + date + "' is not a date: " + dateParseProblem(date));
    return clock.timeOf(toHistTime(*d));
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): reads as the "done/total" it prints.
void progressLine(int done, int total, double elapsed) {
    const double fps = elapsed > 0 ? done / elapsed : 0;
    const double eta = fps > 0 ? (total - done) / fps : 0;
    const int width = 30;
    const int filled = total > 0 ? done * width / total : width;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): printf's precision and width draw the bar.
    static_cast<void>(std::fprintf(stderr, "\r[%.*s%*s] %d/%d frames  %.1f fps  ETA %02d:%02d ",
                                   filled, "##############################", width - filled, "",
                                   done, total, fps, static_cast<int>(eta) / 60,
                                   static_cast<int>(eta) % 60));
    static_cast<void>(std::fflush(stderr));
}

} // namespace mapreel::cli
