#include "previs_options.h"

void addPrevisOptions(CLI::App& cli, CLI::App& render, bool& previs, sr::app::PrevisOptions& options,
                      sr::app::RenderOptions& renderOptions) {
    cli.add_flag(
        "--previs", previs,
        "Open the film previsualization workspace over a room of EXHIBIT: camera body and lens, depth "
        "of field, rigs, frame guides, tape measure, shots, moves and output (see docs/previs.md)");
    cli.add_option("--project", options.project,
                   "--previs: the previs project file (default: <state folder>/previs/<exhibit>.previs.json; "
                   "never inside the exhibit)");
    cli.add_option("--output-dir", options.outputFolder,
                   "--previs: folder for renders and exports (default: beside the project file)");
    render.add_option("--shot", renderOptions.shot, "Render this saved shot of the exhibit's previs project");
    render.add_option(
        "--move", renderOptions.move,
        "Render this camera move of the previs project as a PNG sequence into the --out folder");
    render.add_option("--project", renderOptions.project,
                      "--shot/--move: the previs project file (default: the exhibit's, as --previs uses)");
    render.add_flag("--burn-in", renderOptions.burnIn,
                    "--shot/--move: print shot, lens, sensor, frame number and timecode into the frames");
    render.add_option("--fps", renderOptions.fps, "--move: frames per second (default: the project's)")
        ->check(CLI::Range(0.001, 240.0));
    render.add_flag("--mp4", renderOptions.mp4, "--move: also encode an MP4 with ffmpeg (when installed)");
}

void copySharedOptions(const sr::app::DesktopOptions& desktop, sr::app::PrevisOptions& options) {
    options.input = desktop.input;
    options.room = desktop.room;
    options.up = desktop.up;
    options.units = desktop.units;
    options.fullscreen = desktop.fullscreen;
    options.monitor = desktop.monitor;
    options.validation = desktop.validation;
    options.vsync = desktop.vsync;
    options.exitAfterSeconds = desktop.exitAfterSeconds;
    options.uiScale = desktop.uiScale;
}
