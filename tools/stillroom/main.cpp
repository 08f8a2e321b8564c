// stillroom: the viewer. Parses options and hands over to a mode in engine/app.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "app/desktop_mode.h"
#include "kiosk_options.h"
#include "previs_options.h"
#include "app/render_mode.h"
#include "app/replay_mode.h"
#include "app/room_source.h"
#include "core/log.h"

namespace {

bool parseSize(const std::string& text, uint32_t& width, uint32_t& height) {
    unsigned w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
        return false;
    width = w;
    height = h;
    return true;
}

CLI::App* addRenderCommand(CLI::App& cli, sr::app::RenderOptions& options, std::string& size,
                           std::vector<float>& position) {
    CLI::App* render =
        cli.add_subcommand("render", "Render one image of a room headless and write it as PNG");
    render
        ->add_option("PATH", options.input,
                     "A mesh file (OBJ, PLY, glTF/GLB, FBX, DAE, ...) or an exhibit folder")
        ->required();
    render->add_option("--out,-o", options.out, "PNG file to write (with --move: the folder for the frames)")
        ->required();
    render->add_option("--size", size, "Image size WIDTHxHEIGHT")->capture_default_str();
    render->add_option("--room", options.room, "Exhibit room id (default: the first room)");
    render->add_option("--station", options.station, "Station id to stand at (default: the room's first)");
    render->add_option("--position", position, "Eye position x,y,z in metres (+Z up)")
        ->expected(3)
        ->delimiter(',');
    render->add_option("--yaw", options.yawDeg, "Degrees counter-clockwise about +Z from +X");
    render->add_option("--pitch", options.pitchDeg, "Degrees above the horizon");
    render->add_option("--fov", options.verticalFovDeg, "Vertical field of view in degrees")
        ->check(CLI::Range(1.0f, 170.0f))
        ->capture_default_str();
    render->add_option("--up", options.up,
                       "Mesh file only: the file's up axis (+Y, +Z, -Y, ...); default +Y");
    render->add_option("--units", options.units,
                       "Mesh file only: the file's units (m, cm, mm, in, ft); default m");
    render->add_option("--samples", options.maxSamples, "Most MSAA samples to use (1 turns it off)")
        ->capture_default_str();
    render->add_flag("--validation", options.validation,
                     "Enable the Khronos validation layer; errors fail the run");
    return render;
}

void addDesktopOptions(CLI::App& cli, sr::app::DesktopOptions& options) {
    cli.add_option("EXHIBIT", options.input,
                   "Exhibit folder (with manifest.json) or a mesh file; default: the bundled demo exhibit");
    cli.add_option("--room", options.room, "Room id to open at once (default: the exhibit's home screen)");
    cli.add_option("--station", options.station, "Station id to stand at (default: the room's first)");
    cli.add_option("--up", options.up, "Mesh file only: the file's up axis (+Y, +Z, ...); default +Y");
    cli.add_option("--units", options.units,
                   "Mesh file only: the file's units (m, cm, mm, in, ft); default m");
    cli.add_flag("--fullscreen", options.fullscreen, "Start fullscreen (F11 toggles)");
    cli.add_option("--monitor", options.monitor, "Monitor index for fullscreen")->capture_default_str();
    cli.add_flag("--validation", options.validation, "Enable the Khronos validation layer");
    cli.add_flag("!--no-vsync", options.vsync,
                 "Present as fast as possible instead of at the display's rate");
    cli.add_option("--exit-after", options.exitAfterSeconds, "Close by itself after this many seconds");
    cli.add_option("--record", options.recordTo, "Write every input event to this script file (for replays)");
    cli.add_flag("--reduced-motion", options.viewer.reducedMotion,
                 "Cut between places instead of gliding; no drift");
    cli.add_option("--sensitivity", options.viewer.lookSensitivity, "Look sensitivity (1 = default)")
        ->check(CLI::Range(0.1f, 5.0f));
    cli.add_flag("--invert-y", options.viewer.invertY, "Invert vertical look");
    cli.add_flag("!--no-drift", options.viewer.idleDrift, "Keep the view still when nobody touches anything");
    cli.add_option("--ui-scale", options.uiScale, "Text and control size, 1 to 2 (100% to 200%)")
        ->check(CLI::Range(0.5f, 3.0f));
    cli.add_option(
           "--samples", options.maxSamples,
           "Most MSAA samples to draw with (1 turns it off); default 4, or 1 on a device without a GPU")
        ->check(CLI::Range(1u, 8u));
}

void addReplayCommand(CLI::App& cli, sr::app::ReplayOptions& options, std::string& size) {
    CLI::App* replay = cli.add_subcommand(
        "replay", "Replay an input script (see --record) headless and write its named frames as PNGs");
    replay->add_option("PATH", options.input, "Exhibit folder or mesh file")->required();
    replay->add_option("--script", options.script, "Input script (stillroom-input/1)")->required();
    replay->add_option("--out-dir", options.outDir, "Folder for NAME.png of each 'frame NAME' line")
        ->required();
    replay->add_option("--room", options.room, "Room id to start in (default: the exhibit's home screen)");
    replay->add_option("--size", size, "Frame size WIDTHxHEIGHT")->capture_default_str();
    replay->add_option("--fps", options.fps, "Steps per second of script time")->capture_default_str();
    replay->add_flag("--reduced-motion", options.viewer.reducedMotion,
                     "Cut between places instead of gliding");
    replay->add_flag("--validation", options.validation,
                     "Enable the Khronos validation layer; errors fail the run");
}

} // namespace

int main(int argc, char** argv) try {
    CLI::App cli{
        "Stillroom: stand silently inside photogrammetry scans of rooms.\n"
        "Without a subcommand, opens EXHIBIT in a window at its home screen: choose a room by its\n"
        "picture. In a room: drag or arrows to look, W A S D to walk, N for the next place, Tab and\n"
        "Enter for details, F11 fullscreen, Esc back to the rooms; Esc at the rooms closes."};
    sr::app::DesktopOptions desktopOptions;
    addDesktopOptions(cli, desktopOptions);
    sr::app::RenderOptions renderOptions;
    std::string size = "1280x720";
    std::vector<float> position;
    CLI::App* render = addRenderCommand(cli, renderOptions, size, position);
    bool previs = false;
    sr::app::PrevisOptions previsOptions;
    addPrevisOptions(cli, *render, previs, previsOptions, renderOptions);
    bool kiosk = false;
    sr::app::KioskOptions kioskOptions;
    addKioskOptions(cli, kiosk, kioskOptions);
    sr::app::ReplayOptions replayOptions;
    std::string replaySize = "1280x720";
    addReplayCommand(cli, replayOptions, replaySize);
    CLI11_PARSE(cli, argc, argv);

    if (cli.got_subcommand("render")) {
        if (!parseSize(size, renderOptions.width, renderOptions.height)) {
            sr::core::logError("--size must look like 1280x720, not '", size, "'");
            return 2;
        }
        if (position.size() == 3) renderOptions.position = glm::vec3(position[0], position[1], position[2]);
        return sr::app::runRender(renderOptions);
    }
    if (cli.got_subcommand("replay")) {
        if (!parseSize(replaySize, replayOptions.width, replayOptions.height)) {
            sr::core::logError("--size must look like 1280x720, not '", replaySize, "'");
            return 2;
        }
        return sr::app::runReplay(replayOptions);
    }
    if (desktopOptions.input.empty()) desktopOptions.input = sr::app::findBundledDemo(argv[0]);
    if (kiosk) {
        copySharedOptions(desktopOptions, kioskOptions);
        return sr::app::runKiosk(kioskOptions);
    }
    if (previs) {
        copySharedOptions(desktopOptions, previsOptions);
        return sr::app::runPrevis(previsOptions);
    }
    return sr::app::runDesktop(desktopOptions);
} catch (const std::exception& e) {
    sr::core::logError("unexpected failure: ", e.what());
    return 1;
}
