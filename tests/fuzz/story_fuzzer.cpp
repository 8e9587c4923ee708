// SPDX-License-Identifier: MIT
// Fuzz target for the story loader (STYLE.md section 7): any bytes must come back as a story
// or as diagnostics; never a crash, a hang, a leak, undefined behaviour or an exception.
// loadStoryFromText promises not to throw, so nothing is caught here: an escaping exception
// aborts and libFuzzer reports the input.
//
// Built two ways (tests/fuzz/CMakeLists.txt): with libFuzzer (clang, MAPREEL_FUZZ=ON) as
// mapreel_story_fuzzer, and with replay_main.cpp as mapreel_story_replay, which runs saved
// inputs through the same function with any compiler.
#include "mapreel/core/diagnostic.hpp"
#include "mapreel/story/loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mapreel::story::LoadLimits limits;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    // Smaller caps keep each run fast; the checks themselves are the same.
    limits.maxFileBytes = 1U << 20;
    limits.maxSteps = 500;
    limits.maxTextBytes = 4000;
    limits.maxCoordinates = 20000;
#endif
    // libFuzzer hands over bytes; the loader reads characters of the same size.
    const std::string_view text(reinterpret_cast<const char*>(data), // NOLINT(*reinterpret-cast)
                                size);
    // A folder that does not exist: file references are checked, never found.
    const auto loaded =
        mapreel::story::loadStoryFromText(text, "/nonexistent/mapreel-fuzz/story.yaml", limits);
    // `mapreel check` prints every diagnostic with its source line: exercise that too.
    const mapreel::Diagnostics& diags = loaded ? loaded->warnings : loaded.error();
    std::size_t printed = 0;
    for (const auto& d : diags.items())
        printed += mapreel::formatWithSource(d, text, false).size();
    return printed == static_cast<std::size_t>(-1) ? 1 : 0;
}
