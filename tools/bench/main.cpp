// stillroom-bench: load a room headless, then render a scripted look-around and print JSON figures.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "bench.h"
#include "core/log.h"
#include "core/user_dirs.h"

int main(int argc, char** argv) try {
    CLI::App cli{
        "Measure a room headless: time to first frame and to full detail, frame-time percentiles over a "
        "scripted look-around, triangles drawn, GPU memory and peak RSS. Prints JSON. Times start once the "
        "Vulkan device exists (its set-up is reported as device_s)."};
    sr::bench::BenchOptions options;
    std::string input, size = "1280x720", load = "auto", cacheDir;
    cli.add_option("PATH", input, "Exhibit folder, mesh file, or room cache (.srcache)")->required();
    cli.add_option("--room", options.room, "Exhibit room id (default: the first)");
    cli.add_option(
           "--load", load,
           "raw: import the mesh; viewer: as the viewer loads it (room cache if fresh, else import and "
           "bake); cache: PATH is a room cache, first frame coarse; auto: cache for .srcache, else raw")
        ->check(CLI::IsMember({"auto", "raw", "viewer", "cache"}))
        ->capture_default_str();
    cli.add_option("--up", options.up, "Up axis of a bare mesh file (default +Y)");
    cli.add_option("--units", options.units, "Unit of a bare mesh file (default m)");
    cli.add_option("--cache-dir", cacheDir, "User cache folder for --load viewer (default: the viewer's)");
    cli.add_option("--size", size, "Frame size WIDTHxHEIGHT")->capture_default_str();
    cli.add_option("--frames", options.frames, "Frames in the look-around")->capture_default_str();
    cli.add_option("--samples", options.samples, "Most MSAA samples")->capture_default_str();
    cli.add_option("--encoded", options.encodedColor,
                   "Draw in sRGB-encoded space, as a window on a CPU device does (0 or 1)")
        ->capture_default_str();
    cli.add_option("--anisotropy", options.anisotropy,
                   "Most anisotropic filtering taps (0: the device's default)");
    cli.add_option("--first-texture-size", options.firstTextureSize, "Largest mip of the first frame (cache)")
        ->capture_default_str();
    cli.add_option("--cull", options.cull, "Cache: frustum culling of chunks and clusters")
        ->capture_default_str();
    cli.add_option(
           "--lod-error", options.lodError,
           "Cache: screen error allowed to levels of detail, a fraction of the height (0: full detail)")
        ->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    if (std::sscanf(size.c_str(), "%ux%u", &options.width, &options.height) != 2 || !options.width ||
        !options.height) {
        sr::core::logError("--size must look like 1280x720");
        return 2;
    }
    options.input = input;
    options.cacheDir = cacheDir.empty() ? sr::core::userCacheDir() : std::filesystem::path(cacheDir);
    const bool isCache = options.input.extension() == ".srcache";
    options.path = load == "raw"                ? sr::bench::LoadPath::Raw
                   : load == "viewer"           ? sr::bench::LoadPath::Viewer
                   : load == "cache" || isCache ? sr::bench::LoadPath::Cache
                                                : sr::bench::LoadPath::Raw;
    auto report = sr::bench::runBench(options);
    if (!report) return sr::core::logError(report.error().describe()), 1;
    std::printf("%s\n", sr::bench::formatReportJson(*report).c_str());
    return 0;
} catch (const std::exception& e) {
    sr::core::logError("unexpected failure: ", e.what());
    return 1;
}
