#pragma once
// Loading a room for viewing through the baked room cache.
#include <filesystem>
#include <functional>
#include <memory>

#include "asset/import.h"
#include "asset/importer.h"
#include "asset/room_cache.h"
#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Returns the room in `meshFile` for viewing. Uses the first fresh cache of: the one beside the mesh
// (inPlaceRoomCachePath, as `stillroom-bake --in-place` writes it), then the one in `cacheDir`
// (userRoomCachePath); each is memory-mapped, validated and copied into the RoomMesh. Without a
// fresh cache, the importer program imports and bakes the mesh under `limits`
// (importInChildProcess) and writes the cache into `cacheDir` (never beside the mesh), which is
// then read like any other: this process never runs Assimp or decodes a texture of a raw mesh. An
// unreadable, corrupt or stale cache is logged and passed over. With an empty `cacheDir`, or one
// that cannot be made, the importer writes a temporary file that is removed once read. Errors are
// the importer's, including its crash, hang or memory blow-up, and name the mesh. Reentrant: a
// thread opening a room that another is baking into the same cache waits for that bake and reads
// its cache (other processes both bake it, and the atomic writes leave one complete cache).
core::Result<RoomMesh> loadRoomForViewing(const std::filesystem::path& meshFile, const ImportOptions& options,
                                          const std::filesystem::path& cacheDir,
                                          const RoomCacheSettings& settings = {},
                                          const ImportLimits& limits = defaultImportLimits());

// A room opened for the viewer, drawn progressively: `preview` at once, then `cache` at full detail.
struct ViewableRoom {
    // The validated, memory-mapped cache, uploaded with its clusters and levels of detail
    // (render::GpuRoom). Shared so that a background upload can hold it; its file may already be
    // gone (a temporary one), the mapping stays readable.
    std::shared_ptr<const RoomCache> cache;
    // Full detail without texture pixels (materials untextured): for walking and picking.
    RoomMesh geometry;
    // The first frame's room: every chunk at its coarsest level, only the vertices those use,
    // texture mips up to kPreviewTextureSize on a side. A few percent of the cache's bytes.
    RoomMesh preview;
};
inline constexpr uint32_t kPreviewTextureSize = 256;

// Hears a room's first showing while its bake goes on (on the bake's thread): every triangle at
// full detail, no levels of detail, texture mips up to kFirstShowingTextureSize, as `preview`, and
// `geometry`; its `cache` is null, and what openRoomForViewing returns later replaces it.
using FirstShowing = std::function<void(ViewableRoom)>;

// The same as loadRoomForViewing, keeping the cache for drawing at every level of detail.
// `progress` hears how a bake (a room without a fresh cache) is coming along, on the calling thread.
// With `firstShowing`, a room that must be baked is handed to it as soon as it is imported (the
// importer writes a first showing, bakeFirstShowing, before it bakes): a room first opened is seen
// about as soon as it is read, instead of after its bake.
core::Result<ViewableRoom>
openRoomForViewing(const std::filesystem::path& meshFile, const ImportOptions& options,
                   const std::filesystem::path& cacheDir, const RoomCacheSettings& settings = {},
                   const ImportLimits& limits = defaultImportLimits(), const ImportProgress& progress = {},
                   const FirstShowing& firstShowing = {});

// Opens the cache at `file` when it exists and is fresh for `meshFile`; an Error says why not.
core::Result<RoomCache> openFreshRoomCache(const std::filesystem::path& file,
                                           const std::filesystem::path& meshFile,
                                           const ImportOptions& options, const RoomCacheSettings& settings);

} // namespace sr::asset
