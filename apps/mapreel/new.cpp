// SPDX-License-Identifier: MIT
// `mapreel new`: a small, commented starter story.
#include "common.hpp"

#include "mapreel/publish/output_file.hpp"
#include "mapreel/publish/starter.hpp"

#include <filesystem>
#include <iostream>

namespace mapreel::cli {

namespace {

/// `mapreel new` as parsed from the command line.
struct NewOptions {
    std::string name;
    std::string output;
};

int runNew(const NewOptions& opts) {
    const std::string path = opts.output.empty() ? opts.name + ".yaml" : opts.output;
    if (std::filesystem::exists(path)) {
        std::cerr << "mapreel: '" << path << "' already exists; choose another name\n";
        return code(ExitCode::OutputError);
    }
    publish::OutputFile output(path);
    output.write(publish::starterStory(opts.name));
    output.commit();
    std::cerr << "wrote " << path << "; render it with: mapreel render " << path << " -o "
              << std::filesystem::path(path).stem().string() << ".mp4\n";
    return code(ExitCode::Ok);
}

} // namespace

Command addNew(CLI::App& app) {
    auto opts = std::make_shared<NewOptions>();
    auto* newCmd = app.add_subcommand("new", "Write a small, commented starter story.");
    newCmd->add_option("name", opts->name, "The story id (letters, digits, '-')")->required();
    newCmd->add_option("-o,--output", opts->output, "Where to write it (default NAME.yaml)");
    newCmd->footer(kExitCodes);
    return {newCmd, [opts] { return runNew(*opts); }};
}

} // namespace mapreel::cli
