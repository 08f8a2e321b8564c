#pragma once
// Loading a room for viewing through the baked room cache.
#include <filesystem>

#include "asset/import.h"
#include "asset/room_cache.h"
#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Returns the room in `meshFile` for viewing. Uses the first fresh cache of: the one beside the mesh
// (inPlaceRoomCachePath, as `stillroom-bake --in-place` writes it), then the one in `cacheDir`
// (userRoomCachePath); each is memory-mapped, validated and copied into the RoomMesh. Without a
// fresh cache, imports the mesh (importRoomMesh), bakes it and writes the cache into `cacheDir`
// (never beside the mesh) before returning the baked room. An unreadable, corrupt or stale cache, or
// one that cannot be written, is logged and passed over. With an empty `cacheDir` no user cache is
// read or written. Errors are the importer's. Reentrant: two threads loading one room both bake it
// and the atomic writes leave one complete cache.
core::Result<RoomMesh> loadRoomForViewing(const std::filesystem::path& meshFile, const ImportOptions& options,
                                          const std::filesystem::path& cacheDir,
                                          const RoomCacheSettings& settings = {});

// Opens the cache at `file` when it exists and is fresh for `meshFile`; an Error says why not.
core::Result<RoomCache> openFreshRoomCache(const std::filesystem::path& file,
                                           const std::filesystem::path& meshFile,
                                           const ImportOptions& options, const RoomCacheSettings& settings);

} // namespace sr::asset
