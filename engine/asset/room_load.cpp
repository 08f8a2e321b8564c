#include "asset/room_load.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Where the importer writes a room that has no user cache folder: a temporary file, removed once read.
fs::path temporaryCachePath(const fs::path& meshFile, std::string_view suffix = "") {
    static std::atomic<uint64_t> counter{0};
    std::error_code ec;
    const fs::path folder = fs::temp_directory_path(ec);
    return (ec ? fs::path("/tmp") : folder) / core::concat("stillroom-", getpid(), "-", counter++, "-",
                                                           meshFile.stem().string(), suffix,
                                                           kRoomCacheExtension);
}

// A validated cache made viewable: its walking geometry and its preview.
core::Result<ViewableRoom> viewableFrom(RoomCache cache) {
    ViewableRoom room;
    room.cache = std::make_shared<const RoomCache>(std::move(cache));
    auto geometry = room.cache->toRoomMesh({0, 0, false, false});
    if (!geometry) return geometry.error();
    auto preview = room.cache->toRoomMesh({~0u, kPreviewTextureSize, true, true});
    if (!preview) return preview.error();
    room.geometry = std::move(geometry).value();
    room.preview = std::move(preview).value();
    return room;
}

// Opens the first showing the importer wrote (a temporary file, removed at once) and hands it to
// `firstShowing`. One that cannot be read is logged and skipped: the bake's cache follows anyway.
void showFirst(const fs::path& file, const fs::path& meshFile, const FirstShowing& firstShowing) {
    const auto start = std::chrono::steady_clock::now();
    auto cache = RoomCache::open(file);
    std::error_code ec;
    fs::remove(file, ec);
    auto room = cache ? viewableFrom(std::move(cache).value()) : core::Result<ViewableRoom>(cache.error());
    if (!room) {
        core::logWarning("first showing of ", meshFile.string(), " passed over: ", room.error().describe());
        return;
    }
    room->cache.reset(); // nothing more is drawn from it
    core::logInfo("opened a first showing of ", meshFile.string(), " in ", secondsSince(start), " s");
    firstShowing(std::move(room).value());
}

// Imports and bakes in the importer program, then opens what it wrote. The first view of a room
// thus draws exactly what later views read from the cache. A temporary cache is removed at once:
// its mapping stays readable.
core::Result<RoomCache> importAndBake(const fs::path& meshFile, const ImportOptions& options,
                                      const fs::path& userCache, const RoomCacheSettings& settings,
                                      const ImportLimits& limits, const ImportProgress& progress,
                                      const FirstShowing& firstShowing) {
    const auto start = std::chrono::steady_clock::now();
    ImporterJob job{meshFile, userCache, options, settings};
    std::error_code ec;
    if (!job.out.empty()) fs::create_directories(job.out.parent_path(), ec);
    const bool temporary = job.out.empty() || ec;
    if (temporary) {
        if (!job.out.empty())
            core::logWarning("room cache folder ", job.out.parent_path().string(),
                             " cannot be made: ", ec.message());
        job.out = temporaryCachePath(meshFile);
    }
    std::function<void()> firstShown;
    if (firstShowing) {
        job.firstShowing = temporaryCachePath(meshFile, "-first");
        firstShown = [&] { showFirst(job.firstShowing, meshFile, firstShowing); };
    }
    const core::Status imported = importInChildProcess(job, limits, progress, firstShown);
    if (!job.firstShowing.empty()) fs::remove(job.firstShowing, ec); // an importer that stopped early
    if (!imported) return imported.error();
    auto cache = RoomCache::open(job.out);
    if (temporary) fs::remove(job.out, ec);
    if (!cache) return cache.error();
    core::logInfo("imported ", meshFile.string(), " in ", secondsSince(start), " s");
    return cache;
}

// One bake per cache file at a time in this process: a second opener of a room being baked (a
// visitor back in a room whose first showing they left) waits for that bake and reads its cache.
class BakeTurn {
public:
    explicit BakeTurn(fs::path file) : mFile(std::move(file)) {
        if (mFile.empty()) return;
        State& state = shared();
        std::unique_lock lock(state.mutex);
        state.done.wait(lock, [&] { return !state.baking.contains(mFile); });
        state.baking.insert(mFile);
    }
    ~BakeTurn() {
        if (mFile.empty()) return;
        State& state = shared();
        {
            std::lock_guard lock(state.mutex);
            state.baking.erase(mFile);
        }
        state.done.notify_all();
    }
    BakeTurn(const BakeTurn&) = delete;
    BakeTurn& operator=(const BakeTurn&) = delete;

private:
    struct State {
        std::mutex mutex;
        std::condition_variable done;
        std::set<fs::path> baking;
    };
    // Never destroyed: a bake a visitor left may still finish on its thread while the program exits.
    static State& shared() {
        static State* state = new State;
        return *state;
    }
    fs::path mFile;
};

// The first fresh cache of the one beside the mesh and the user's, else a new bake.
core::Result<RoomCache> openViewableCache(const fs::path& meshFile, const ImportOptions& options,
                                          const fs::path& cacheDir, const RoomCacheSettings& settings,
                                          const ImportLimits& limits, const ImportProgress& progress = {},
                                          const FirstShowing& firstShowing = {}) {
    const uint64_t settingsHash = roomCacheSettingsHash(options, settings);
    const fs::path userCache =
        cacheDir.empty() ? fs::path() : userRoomCachePath(cacheDir, meshFile, settingsHash);
    const BakeTurn turn(userCache);
    for (const fs::path& candidate : {inPlaceRoomCachePath(meshFile), userCache}) {
        std::error_code ec;
        if (candidate.empty() || !fs::exists(candidate, ec)) continue;
        const auto start = std::chrono::steady_clock::now();
        auto cache = openFreshRoomCache(candidate, meshFile, options, settings);
        if (cache) {
            core::logInfo("read ", meshFile.string(), " from its room cache in ", secondsSince(start), " s");
            return cache;
        }
        core::logWarning("room cache passed over: ", cache.error().describe());
    }
    return importAndBake(meshFile, options, userCache, settings, limits, progress, firstShowing);
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
                                          const fs::path& cacheDir, const RoomCacheSettings& settings,
                                          const ImportLimits& limits) {
    auto cache = openViewableCache(meshFile, options, cacheDir, settings, limits);
    if (!cache) return cache.error();
    return cache->toRoomMesh();
}

core::Result<ViewableRoom> openRoomForViewing(const fs::path& meshFile, const ImportOptions& options,
                                              const fs::path& cacheDir, const RoomCacheSettings& settings,
                                              const ImportLimits& limits, const ImportProgress& progress,
                                              const FirstShowing& firstShowing) {
    const auto start = std::chrono::steady_clock::now();
    auto cache = openViewableCache(meshFile, options, cacheDir, settings, limits, progress, firstShowing);
    if (!cache) return cache.error();
    auto room = viewableFrom(std::move(cache).value());
    if (!room) return room.error();
    core::logInfo("opened ", meshFile.string(), " in ", secondsSince(start), " s: first view ",
                  room->preview.triangleCount(), " of ", room->geometry.triangleCount(), " triangles");
    return room;
}

} // namespace sr::asset
