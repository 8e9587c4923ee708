// SPDX-License-Identifier: MIT
// Replays saved inputs through a fuzz target, for builds without libFuzzer:
//
//     mapreel_story_replay crash-1234 tests/story/malformed stories
//     mapreel_geometry_replay tests/fuzz/geometry-seeds
//
// Each argument is a file or a folder (read recursively). A crash, a sanitizer report or an
// escaping exception ends the run; otherwise it prints how many inputs ran and exits 0.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay(const std::filesystem::path& file, const std::string& program) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << program << ": cannot read " << file.string() << '\n';
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    // An empty input is valid; pass a non-null pointer all the same.
    static const std::uint8_t kNothing = 0;
    // The fuzz target's signature takes bytes; the file was read as characters of that size.
    const auto* data = bytes.empty()
                           ? &kNothing
                           : reinterpret_cast<const std::uint8_t*>( // NOLINT(*reinterpret-cast)
                                 bytes.data());
    (void)LLVMFuzzerTestOneInput(data, bytes.size());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    const std::span<char*> args(argv, static_cast<std::size_t>(argc));
    if (args.size() < 2) {
        std::cerr << "usage: " << args.front() << " FILE_OR_FOLDER...\n";
        return 2;
    }
    const std::string program = fs::path(args.front()).filename().string();
    std::size_t count = 0;
    bool ok = true;
    for (const char* name : args.subspan(1)) {
        const fs::path arg(name);
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<fs::path> files;
            for (const auto& e : fs::recursive_directory_iterator(arg, ec))
                if (e.is_regular_file())
                    files.push_back(e.path());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                ok = replay(f, program) && ok;
                ++count;
            }
        } else {
            ok = replay(arg, program) && ok;
            ++count;
        }
    }
    std::cout << program << ": " << count << " input" << (count == 1 ? "" : "s") << " replayed\n";
    return ok ? 0 : 1;
}
