#pragma once
// stillroom-bake's work: find the rooms to bake, import, bake and write their caches.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "asset/import.h"
#include "asset/room_cache.h"
#include "core/result.h"
#include "progress.h"

namespace sr::bake {

struct BakeOptions {
    bool inPlace = false;               // write "<mesh>.srcache" beside each mesh
    std::filesystem::path out;          // write this one file (a single mesh only)
    std::filesystem::path cacheDir;     // the user cache folder (caches go to cacheDir/rooms)
    std::string up = "+Y", units = "m"; // how to read a bare mesh file, as the viewer does
    asset::RoomCacheSettings settings;
    bool force = false; // bake even when a fresh cache exists
};

// One room to bake.
struct BakeJob {
    std::string label; // what progress lines call it
    std::filesystem::path mesh;
    asset::ImportOptions import; // exactly what the viewer will use, so the settings hash matches
    std::filesystem::path cacheFile;
};

// The rooms of `inputs` (mesh files, or exhibit folders with a manifest), each with its import
// options and cache file. An exhibit's rooms are read as the viewer reads them (up axis and units
// from the manifest, textures confined to the folder). Fails naming the input that is missing,
// not a mesh or exhibit, or an exhibit without rooms; --out with more than one room is refused.
core::Result<std::vector<BakeJob>> planBake(const std::vector<std::filesystem::path>& inputs,
                                            const BakeOptions& options);

// What a finished job did.
struct BakeResult {
    bool upToDate = false; // a fresh cache was there already
    size_t triangles = 0;
    size_t levels = 0; // the most levels of detail of any chunk
    size_t clusters = 0;
    size_t textures = 0;
    uint64_t bytes = 0; // size of the cache file
    double seconds = 0.0;
};

// Imports, bakes and writes one room, reporting stages to `progress`. Errors name the file.
core::Result<BakeResult> runBakeJob(const BakeJob& job, const BakeOptions& options, Progress& progress);

// Plans and runs every job, printing progress and a line per room to `out` and problems to stderr.
// Returns the exit code: 0 all baked or up to date, 1 a room failed, 2 bad input.
int runBake(const std::vector<std::filesystem::path>& inputs, const BakeOptions& options, std::FILE* out);

} // namespace sr::bake
