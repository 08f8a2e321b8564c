// stillroom-bake: bakes rooms into room caches (docs/room-cache.md) so the viewer opens them fast.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bake.h"
#include "core/user_dirs.h"

int main(int argc, char** argv) try {
    CLI::App cli{"Bakes rooms for fast viewing: imports each mesh once, optimises it for the GPU, builds "
                 "levels of detail, clusters and mipmapped textures, and writes a room cache. By default the "
                 "cache goes to the user's cache folder, where the viewer looks; nothing is written into an "
                 "exhibit folder unless --in-place is given. Exits 0 when every room is baked or up to "
                 "date, 1 when a room fails, 2 on bad input."};
    std::vector<std::string> inputs;
    sr::bake::BakeOptions options;
    std::string out, cacheDir;
    cli.add_option("INPUT", inputs, "Mesh files or exhibit folders (every room is baked)")->required();
    auto* inPlace =
        cli.add_flag("--in-place", options.inPlace,
                     "Write each cache beside its mesh as <mesh file>.srcache (inside the exhibit)");
    cli.add_option("--out", out, "Write the cache to this file (a single room only)")->excludes(inPlace);
    cli.add_option("--cache-dir", cacheDir, "User cache folder (default: the one the viewer uses)");
    cli.add_option("--up", options.up, "Up axis of a bare mesh file: +X, -X, +Y, -Y, +Z, -Z")
        ->capture_default_str();
    cli.add_option("--units", options.units, "Unit of a bare mesh file: m, cm, mm, in, ft")
        ->capture_default_str();
    cli.add_option("--lods", options.settings.lodLevels, "Simplified levels of detail, at most")
        ->check(CLI::Range(0, 16))
        ->capture_default_str();
    cli.add_option("--lod-error", options.settings.lodMaxError,
                   "Deviation allowed per level, relative to a chunk's size")
        ->check(CLI::Range(0.0f, 1.0f))
        ->capture_default_str();
    cli.add_option("--chunk-triangles", options.settings.chunkTriangles,
                   "Triangles per level-of-detail chunk")
        ->check(CLI::Range(256u, 1u << 24))
        ->capture_default_str();
    cli.add_flag("--compress-textures", options.settings.compressTextures,
                 "Store textures as BC1/BC3 blocks instead of RGBA8");
    cli.add_flag("--force", options.force, "Bake even when a fresh cache exists");
    CLI11_PARSE(cli, argc, argv);
    options.out = out;
    options.cacheDir = cacheDir.empty() ? sr::core::userCacheDir() : std::filesystem::path(cacheDir);
    return sr::bake::runBake(std::vector<std::filesystem::path>(inputs.begin(), inputs.end()), options,
                             stdout);
} catch (const std::exception& e) {
    std::fprintf(stderr, "stillroom-bake: unexpected failure: %s\n", e.what());
    return 1;
}
