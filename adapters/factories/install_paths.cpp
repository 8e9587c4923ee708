// SPDX-License-Identifier: MIT
#include "install_paths.hpp"

#include "mapreel/core/error.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace mapreel::adapters {

namespace {

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

} // namespace

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

std::string preparedDir() {
    if (const char* env = environment("MAPREEL_PREPARED_DIR"))
        return env;
    const fs::path exe = executablePath();
    std::error_code ec;
    if (!exe.empty())
        for (const fs::path& candidate :
             {exe.parent_path() / "../share/mapreel/prepared", exe.parent_path() / "../prepared"})
            if (fs::is_directory(candidate, ec))
                return fs::weakly_canonical(candidate).string();
    return {};
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

} // namespace mapreel::adapters
