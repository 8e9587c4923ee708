// SPDX-License-Identifier: MIT
// The mapreel command line: render, still, handout, concat, check, probe, new, site, preview,
// prepare.
// Each command parses its options, calls the library and maps errors to exit codes.
#include "common.hpp"
#include "icu/icu_dates.hpp"
#include "icu/icu_names.hpp"

#include "mapreel/core/error.hpp"
#include "mapreel/core/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <vector>

using namespace mapreel;
using namespace mapreel::cli;

namespace {

extern "C" void onSignal(int /*signal*/) {
    requestInterrupt();
}

/// Runs the parsed subcommand; errors that reach here become their documented exit codes.
int dispatch(const std::function<int()>& command) {
    try {
        return command();
    } catch (const Interrupted&) {
        std::cerr << "\nmapreel: interrupted; no output was changed\n";
        return code(ExitCode::Interrupted);
    } catch (const ProjectionError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::DataError);
    } catch (const DataError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::DataError);
    } catch (const EncodeError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::EncodeError);
    } catch (const IoError& e) {
        std::cerr << "mapreel: " << e.what() << '\n';
        return code(ExitCode::OutputError);
    } catch (const std::exception& e) {
        std::cerr << "mapreel: internal error: " << e.what() << '\n';
        return code(ExitCode::Internal);
    }
}

int run(int argc, char** argv) {
    // Without the handlers Ctrl-C still stops the program, only less tidily.
    static_cast<void>(std::signal(SIGINT, onSignal));
    static_cast<void>(std::signal(SIGTERM, onSignal));
    setDateFormatter(adapters::makeIcuDateFormatter());
    setLanguageNames(adapters::makeIcuLanguageNames());
    CLI::App app{"mapreel turns a story file into a narrated, animated historical map.", "mapreel"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.set_version_flag("--version", "mapreel 0.1.0");
    const std::vector<Command> commands{
        addRender(app), addStill(app), addHandout(app), addConcat(app),  addCheck(app),
        addProbe(app),  addNew(app),   addSite(app),    addPreview(app), addPrepare(app)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : code(ExitCode::Usage);
    }
    for (const auto& c : commands)
        if (c.app->parsed())
            return dispatch(c.run);
    return code(ExitCode::Usage);
}

} // namespace

int main(int argc, char** argv) {
    // Nothing may escape main: even a failure to report an error ends with a documented code.
    try {
        return run(argc, argv);
    } catch (...) {
        return code(ExitCode::Internal);
    }
}
