#include "asset/room_load.h"

#include <chrono>

#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Imports, bakes and writes the user cache. The returned room is the baked one, so the first view
// of a room draws exactly what later views read from the cache.
core::Result<RoomMesh> importAndBake(const fs::path& meshFile, const ImportOptions& options,
                                     const fs::path& cacheFile, const RoomCacheSettings& settings) {
    auto mesh = importRoomMesh(meshFile, options);
    if (!mesh || cacheFile.empty()) return mesh;
    const auto start = std::chrono::steady_clock::now();
    try {
        auto stamp = stampSources(meshFile, *mesh);
        if (!stamp) {
            core::logWarning("room cache not written: ", stamp.error().describe());
            return mesh;
        }
        BakedRoom baked = bakeRoom(std::move(mesh).value(), settings);
        if (core::Status written =
                writeRoomCache(cacheFile, baked, {roomCacheSettingsHash(options, settings), *stamp});
            !written) {
            core::logWarning("room cache not written: ", written.error().describe());
        } else {
            core::logInfo("baked ", meshFile.string(), " into ", cacheFile.string(), " in ",
                          secondsSince(start), " s");
        }
        return toRoomMesh(std::move(baked));
    } catch (const std::bad_alloc&) {
        return core::makeError(meshFile.string(), "out of memory while baking the room");
    }
}

} // namespace

core::Result<RoomCache> openFreshRoomCache(const fs::path& file, const fs::path& meshFile,
                                           const ImportOptions& options, const RoomCacheSettings& settings) {
    auto cache = RoomCache::open(file);
    if (!cache) return cache.error();
    if (core::Status fresh = checkRoomCacheFresh(*cache, meshFile, options, settings); !fresh)
        return fresh.error();
    return cache;
}

core::Result<RoomMesh> loadRoomForViewing(const fs::path& meshFile, const ImportOptions& options,
                                          const fs::path& cacheDir, const RoomCacheSettings& settings) {
    const uint64_t settingsHash = roomCacheSettingsHash(options, settings);
    const fs::path userCache =
        cacheDir.empty() ? fs::path() : userRoomCachePath(cacheDir, meshFile, settingsHash);
    for (const fs::path& candidate : {inPlaceRoomCachePath(meshFile), userCache}) {
        std::error_code ec;
        if (candidate.empty() || !fs::exists(candidate, ec)) continue;
        const auto start = std::chrono::steady_clock::now();
        auto cache = openFreshRoomCache(candidate, meshFile, options, settings);
        if (!cache) {
            core::logWarning("room cache passed over: ", cache.error().describe());
            continue;
        }
        auto mesh = cache->toRoomMesh();
        if (mesh) {
            core::logInfo("read ", meshFile.string(), " from its room cache in ", secondsSince(start), " s");
            return mesh;
        }
        core::logWarning("room cache passed over: ", mesh.error().describe());
    }
    return importAndBake(meshFile, options, userCache, settings);
}

} // namespace sr::asset
