// stillroom-poses: a room's calibration from its photogrammetry camera poses (info), the two-point
// scale tool (scale) and photo hotspots for the manifest (hotspots). Exits 0 when all went well, 1
// when some named photos have no pose (the rest is printed), 2 when nothing could be done.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "core/log.h"
#include "poses/commands.h"

namespace {

void addSourceOptions(CLI::App* command, sr::poses::CommandLine& line) {
    command->add_option("EXHIBIT", line.path, "Exhibit folder (with manifest.json), or a pose file or folder")
        ->required();
    command->add_option("--room", line.room, "The room's id (an exhibit)");
    command->add_option("--up", line.up, "The mesh file's up axis, +X..-Z (a pose path; or to try another)");
    command->add_option("--units", line.units, "The mesh file's unit: m, cm, mm, in, ft or metres per unit");
}

} // namespace

int main(int argc, char** argv) {
    using namespace sr::poses;
    CommandLine line;
    CLI::App cli{"Camera poses of a room's photogrammetry: calibration, scale and photo hotspots. Exits 0 "
                 "when all went well, 1 when some named photos have no pose, 2 when nothing could be done."};
    cli.require_subcommand(1);
    CLI::App* info = cli.add_subcommand("info", "The poses' format, the cameras' mean up and a floor guess");
    CLI::App* scale = cli.add_subcommand("scale", "The \"units\" that makes a known length right");
    CLI::App* hotspots = cli.add_subcommand("hotspots", "Manifest hotspots where photos look, as JSON");
    for (CLI::App* command : {info, scale, hotspots}) addSourceOptions(command, line);
    info->add_option("--eye-height", line.eyeHeight, "Metres from floor to eye (default: the room's walk)");
    info->add_flag("--json", line.json, "Print JSON");
    scale->add_option("--length", line.length, "Metres between the two ends in the real room")->required();
    auto* points =
        scale->add_option("--points", line.points, "Two points X,Y,Z in the mesh file")->expected(2);
    scale->add_option("--photos", line.photos, "Two photos whose camera centres are the ends")
        ->expected(2)
        ->excludes(points);
    bool all = false;
    auto* allFlag = hotspots->add_flag("--all", all, "Every photo with a pose (the default)");
    hotspots->add_option("--photos", line.photos, "Photos to place: NAME,NAME,...")
        ->delimiter(',')
        ->excludes(allFlag);
    hotspots->add_option("--output", line.output, "Write to this new file instead of stdout");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? kExitOk : kExitFailed;
    }
    try {
        sr::core::setLogLevel(sr::core::LogLevel::Warning); // the importer's progress is not news here
        if (info->parsed()) return runInfo(line);
        if (scale->parsed()) return runScale(line);
        return runHotspots(line);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return kExitFailed;
    }
}
