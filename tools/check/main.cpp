// stillroom-check: lints an exhibit folder before it goes on show. Prints every problem with its
// file and reason; exits 0 without errors, 1 with errors, 2 when it cannot check at all.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "check/exhibit_check.h"
#include "core/log.h"

namespace {

constexpr int kExitErrors = 1;
constexpr int kExitCannotCheck = 2;

struct Options {
    std::string exhibit;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    double importSeconds = 60.0;
};

void printRooms(const sr::check::CheckReport& report) {
    for (const sr::check::RoomSummary& room : report.rooms) {
        if (!room.imported) continue;
        std::printf("room %s: %s, %zu triangles, %zu textures, checked in %.1f s\n", room.id.c_str(),
                    room.mesh.c_str(), room.triangles, room.textures, room.importSeconds);
    }
}

int run(const Options& options) {
    sr::core::setLogQuiet(true); // everything worth saying is a finding
    sr::check::CheckOptions checkOptions;
    checkOptions.import.seconds = options.importSeconds;
    auto report = sr::check::checkExhibit(options.exhibit, checkOptions);
    if (!report) {
        std::fprintf(stderr, "error: %s\n", report.error().describe().c_str());
        return kExitCannotCheck;
    }
    if (options.json) {
        std::printf("%s\n", sr::check::formatFindingsJson(report->findings).c_str());
    } else if (!options.quiet) {
        for (const auto& finding : report->findings)
            std::printf("%s\n", sr::check::formatFinding(finding).c_str());
        if (options.verbose) printRooms(*report);
    }
    // With --json, stdout holds only the JSON; the summary goes to stderr.
    std::fprintf(options.json ? stderr : stdout, "%s\n", sr::check::formatSummary(*report).c_str());
    return report->errorCount() > 0 ? kExitErrors : 0;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App cli{"Checks an exhibit folder: its manifest, every room's scan and textures, every photo, "
                 "and where stations and hotspots lie in their rooms. Exits 0 without errors, 1 with "
                 "errors, 2 when the exhibit cannot be checked."};
    cli.add_option("EXHIBIT", options.exhibit, "Exhibit folder (with manifest.json)")->required();
    cli.add_flag("--json", options.json, "Print the findings as a JSON array (summary on stderr)");
    cli.add_flag("--quiet,-q", options.quiet, "Print only the summary line");
    cli.add_flag("--verbose,-v", options.verbose, "Also print each room's triangle and texture counts");
    cli.add_option("--import-timeout", options.importSeconds, "Seconds a room's scan may take to import")
        ->check(CLI::Range(1.0, 3600.0))
        ->capture_default_str();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? 0 : kExitCannotCheck;
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return kExitCannotCheck;
    }
}
