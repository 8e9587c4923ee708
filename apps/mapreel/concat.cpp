// SPDX-License-Identifier: MIT
// `mapreel concat`: joins chunk videos of one story without re-encoding.
#include "common.hpp"

#include "av/concat.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/publish/output_file.hpp"

#include <filesystem>
#include <iostream>

namespace mapreel::cli {

namespace fs = std::filesystem;

namespace {

/// Options of `mapreel concat CHUNK... -o OUT`.
struct ConcatOptions {
    std::vector<std::string> chunks;
    std::string output;
    bool quiet = false;
};

int runConcat(const ConcatOptions& options) {
    const auto ext = fs::path(options.output).extension().string();
    bool sameKind = true;
    for (const auto& chunk : options.chunks)
        sameKind = sameKind && fs::path(chunk).extension().string() == ext;
    if ((ext != ".mp4" && ext != ".webm") || !sameKind) {
        std::cerr << "mapreel: concat joins .mp4 chunks into an .mp4, or .webm chunks into a "
                     ".webm\n";
        return code(ExitCode::Usage);
    }
    publish::OutputFile output(options.output);
    adapters::ChunkInfo joined;
    try {
        joined = adapters::concatVideos(options.chunks, output.temporaryPath());
    } catch (const IoError& e) {
        throw IoError(output.named(e.what()));
    } catch (const EncodeError& e) {
        throw EncodeError(output.named(e.what()));
    }
    output.commit();
    if (!options.quiet) {
        std::cerr << "wrote " << options.output << " (frames " << joined.first << " to "
                  << joined.first + joined.count - 1 << " of " << joined.total << ", from "
                  << options.chunks.size() << " chunk" << (options.chunks.size() == 1 ? "" : "s")
                  << ")\n";
        if (joined.first > 0 || joined.first + joined.count < joined.total)
            std::cerr << "mapreel: warning: the story has " << joined.total
                      << " frames; this file holds only part of them\n";
    }
    return code(ExitCode::Ok);
}

} // namespace

Command addConcat(CLI::App& app) {
    auto options = std::make_shared<ConcatOptions>();
    auto* concat = app.add_subcommand(
        "concat", "Join video chunks of one story (render --chunk K/N) without re-encoding");
    concat->add_option("chunks", options->chunks, "The chunk videos, in any order")
        ->required()
        ->check(CLI::ExistingFile);
    concat->add_option("-o,--output", options->output, "The joined video (.mp4 or .webm)")
        ->required();
    concat->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
    concat->footer(kExitCodes);
    return {concat, [options] { return runConcat(*options); }};
}

} // namespace mapreel::cli
