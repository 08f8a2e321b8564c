// stillroom-gen-room: writes a synthetic photogrammetry-like room (OBJ + MTL + JPEG atlases) of a
// given size, for benchmarks.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "core/log.h"
#include "gen_room.h"

int main(int argc, char** argv) try {
    CLI::App cli{
        "Writes a synthetic photogrammetry-like room: an irregular, noisy triangle mesh of a room with "
        "furniture, cut into small texture charts packed into JPEG atlases, as room.obj, room.mtl and "
        "atlas_NN.jpg (+Z up, metres). The same options give the same files."};
    std::string out;
    sr::genroom::RoomSpec spec;
    cli.add_option("--out", out, "Folder to write (created if missing)")->required();
    cli.add_option("--triangles", spec.triangles, "Triangles, approximately")
        ->check(CLI::Range(uint64_t(100), uint64_t(200000000)))
        ->capture_default_str();
    cli.add_option("--atlases", spec.atlases, "Texture atlases")
        ->check(CLI::Range(1u, 64u))
        ->capture_default_str();
    cli.add_option("--atlas-size", spec.atlasSize, "Texels on a side of each atlas")
        ->check(CLI::Range(64u, 16384u))
        ->capture_default_str();
    cli.add_option("--quality", spec.jpegQuality, "JPEG quality")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    cli.add_option("--seed", spec.seed, "Random seed")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    if (auto status = sr::genroom::writeRoom(out, spec); !status) {
        std::fprintf(stderr, "stillroom-gen-room: %s\n", status.error().describe().c_str());
        return 1;
    }
    std::printf("%s/room.obj\n", out.c_str());
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "stillroom-gen-room: unexpected failure: %s\n", e.what());
    return 1;
}
