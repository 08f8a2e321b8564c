#pragma once
// Importing raw meshes in a separate process. Assimp and the image decoders run on untrusted bytes
// and some files crash, hang or exhaust memory in them; the viewer therefore never imports a mesh
// itself. It runs the importer program (stillroom-import) under a time and address-space limit;
// the importer bakes the room and writes a room cache, and the viewer reads only that cache, whose
// reader checks every size, offset and count (docs/security.md).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "asset/import.h"
#include "asset/room_cache.h"
#include "core/result.h"

namespace sr::asset {

// The importer program's file name; installed in libexec/stillroom.
inline constexpr std::string_view kImporterName = "stillroom-import";

// One import: read `mesh` with `import`, bake with `settings`, write the cache to `out`. With
// `firstShowing`, first write a quick cache there to show while the bake goes on
// (bakeFirstShowing, mips up to kFirstShowingTextureSize).
struct ImporterJob {
    std::filesystem::path mesh;
    std::filesystem::path out;
    ImportOptions import;
    RoomCacheSettings settings;
    std::filesystem::path firstShowing;
};

// How long and how much memory an import may take.
struct ImportLimits {
    double seconds = 300.0;    // wall clock; then the importer is killed
    uint64_t addressSpace = 0; // bytes of address space (RLIMIT_AS); 0: the default below
};

// The limits the viewer uses: 300 s and the machine's physical memory, clamped to 4..64 GiB, unless
// STILLROOM_IMPORT_SECONDS or STILLROOM_IMPORT_MEMORY_MB say otherwise (positive numbers).
ImportLimits defaultImportLimits();

// The command-line arguments (after the program name) that hand `job` to the importer, and their
// parser. Numbers are written so that they read back exactly.
std::vector<std::string> importerArguments(const ImporterJob& job);
core::Result<ImporterJob> parseImporterArguments(std::span<const std::string> arguments);

// Where the importer program is: $STILLROOM_IMPORTER, else beside the running program, else in
// ../libexec/stillroom beside it (an installed layout), else in the build tree this was built in.
// An Error lists the places looked in.
core::Result<std::filesystem::path> findImporter();

// How far an import and bake has come: `stage` is "reading" (the mesh and its textures), then the
// bake's stages ("optimise", "textures"), then "writing"; `fraction` of that stage in [0, 1].
using ImportProgress = std::function<void(std::string_view stage, double fraction)>;

// The whole job's fraction done, in [0, 1], from a stage and its fraction: reading takes the first
// 45%, optimising (levels of detail, clusters) up to 85%, textures up to 95%, writing the rest.
double importFractionDone(std::string_view stage, double fraction);
// The fraction of the way to a room's first showing, in [0, 1], from the same: reading is 95% of
// it, and what follows (only seen when no first showing could be made) the rest.
double firstShowingFractionDone(std::string_view stage, double fraction);

// The largest texture mip of a first showing, on a side.
inline constexpr uint32_t kFirstShowingTextureSize = 256;
// The nice value the importer takes once its first showing is written (the viewer's frames first).
inline constexpr int kBakePriority = 5;

// Imports, bakes and writes the cache, in this process: the importer program's work. With a
// job.firstShowing, writes that right after the import and calls `firstShown` (a first showing
// that cannot be written is logged and skipped). Never throws; an Error names the mesh (or the
// cache file when it cannot be written).
core::Status bakeRoomCacheFile(const ImporterJob& job, const ImportProgress& progress = {},
                               const std::function<void()>& firstShown = {});

// Runs the importer program on `job` under `limits` and waits for it. Its log lines are passed on to
// this process's log, and its progress to `progress` as it comes (on the calling thread). A crash, a
// hang or running out of memory becomes an Error naming the mesh: "importer crashed (signal 11,
// Segmentation fault)", "import took longer than 300 s", "the importer ran out of memory (limit 16
// GiB)". `firstShown` is called, on the calling thread, when the importer has written
// job.firstShowing; it goes on baking meanwhile. Thread-safe.
core::Status importInChildProcess(const ImporterJob& job, const ImportLimits& limits,
                                  const ImportProgress& progress = {},
                                  const std::function<void()>& firstShown = {});

// The importer program's whole work (tools/import/main.cpp): parses `arguments`, runs the job and
// reports to standard output, one line each, tab-separated: log lines as "D|I|W|R<tab>text",
// progress as "P<tab>stage<tab>fraction", a first showing written as "S<tab>" and a failure as
// "E<tab>file<tab>message". Returns the exit status:
// 0 done, 1 refused, 2 bad arguments, 3 out of memory.
int runImporter(std::span<const std::string> arguments);

} // namespace sr::asset
