// Deciding whether a room cache still matches its sources and settings.
#include "asset/room_cache.h"

#include <sys/stat.h>

#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;

namespace {

bool isInside(const fs::path& file, const fs::path& folder) {
    const fs::path relative = file.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
}

// Whether one recorded source is unchanged: the same size, and the same modification time or,
// when only the time differs (a copied exhibit), the same content.
core::Status checkSource(const CacheDependency& dep, const fs::path& file, const std::string& cacheName) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return core::makeError(cacheName, core::concat("stale: source ", file.string(), " is missing"));
    }
    if (uint64_t(st.st_size) != dep.size) {
        return core::makeError(cacheName, core::concat("stale: source ", file.string(), " changed size"));
    }
    const int64_t mtime = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (mtime == dep.mtimeNs) return {};
    auto mapped = core::MappedFile::open(file);
    if (!mapped) return core::makeError(cacheName, "stale: " + mapped.error().describe());
    if (roomCacheChecksum(mapped->bytes()) != dep.contentHash) {
        return core::makeError(cacheName, core::concat("stale: source ", file.string(), " changed"));
    }
    return {};
}

} // namespace

core::Status checkRoomCacheFresh(const RoomCache& cache, const fs::path& meshFile,
                                 const ImportOptions& import, const RoomCacheSettings& settings) {
    if (cache.settingsHash() != roomCacheSettingsHash(import, settings)) {
        return core::makeError(cache.name(), "stale: baked with other import or bake settings");
    }
    std::error_code ec;
    const fs::path mesh = fs::absolute(meshFile, ec).lexically_normal();
    const std::vector<CacheDependency> deps = cache.dependencies();
    if (deps.empty() || fs::path(deps[0].path).filename() != mesh.filename()) {
        return core::makeError(cache.name(),
                               core::concat("baked from ", deps.empty() ? "nothing" : deps[0].path,
                                            ", not from ", meshFile.string()));
    }
    const fs::path confine = import.confineTexturesTo.empty()
                                 ? fs::path()
                                 : fs::absolute(import.confineTexturesTo, ec).lexically_normal();
    for (const CacheDependency& dep : deps) {
        const fs::path recorded(dep.path);
        const fs::path file =
            (recorded.is_absolute() ? recorded : mesh.parent_path() / recorded).lexically_normal();
        if (!confine.empty() && !isInside(file, confine)) {
            return core::makeError(
                cache.name(), core::concat("source ", file.string(), " lies outside ", confine.string()));
        }
        if (core::Status s = checkSource(dep, file, cache.name()); !s) return s;
    }
    return {};
}

} // namespace sr::asset
