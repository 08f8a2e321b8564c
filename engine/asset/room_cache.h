#pragma once
// The baked room cache: a room laid out as the GPU wants it, in one versioned binary file that the
// viewer memory-maps. The file format is described in docs/room-cache.md.
//
// A cache holds the room's vertices in fetch order, its triangles in vertex-cache order grouped into
// clusters (meshlets) with bounds for culling, a chain of simplified levels of detail per spatial
// chunk of each submesh, and every texture with all mip levels. Freshness is decided by a hash of
// the import and bake settings (with the format version) and by size, modification time and, when
// the time alone changed, a content hash of every source file.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "asset/import.h"
#include "asset/room_mesh.h"
#include "core/files.h"
#include "core/result.h"

namespace sr::asset {

// The format version written into every cache; a cache of another version is stale.
inline constexpr uint32_t kRoomCacheVersion = 1;
inline constexpr std::string_view kRoomCacheExtension = ".srcache";

// How texture pixels are stored in a cache. BC formats are 4x4 blocks (8 bytes for BC1, 16 for BC3);
// a mip smaller than 4 texels on a side still takes one block.
enum class CacheTextureFormat : uint32_t { Rgba8Srgb = 1, Bc1Srgb = 2, Bc3Srgb = 3 };

// How a room is baked. Part of the settings hash: a cache baked with other settings is stale.
struct RoomCacheSettings {
    uint32_t lodLevels = 4;          // simplified levels after full detail, at most
    float lodReduction = 0.5f;       // each level aims at this fraction of the triangles of the one before
    float lodMaxError = 0.01f;       // per level: deviation allowed, relative to the chunk's extent
    uint32_t chunkTriangles = 16384; // a submesh is split into spatial chunks of at most this many triangles
    uint32_t clusterVertices = 64;   // meshlet limits (meshopt_buildMeshlets); triangles a multiple of 4
    uint32_t clusterTriangles = 124;
    bool compressTextures = false; // BC1 (opaque) or BC3 (with alpha) instead of RGBA8
};

// On-disk records, little-endian, exactly as stored (the reader exposes spans of them).

// A range of the full-detail indices drawn with one material, and its chunks.
struct CacheSubmesh {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    uint32_t material = 0;
    uint32_t firstChunk = 0;
    uint32_t chunkCount = 0;
};
static_assert(sizeof(CacheSubmesh) == 20);

// A spatial piece of one submesh with its own LOD chain. Its border is kept at every level, so
// neighbouring chunks drawn at different levels meet without cracks.
struct CacheChunk {
    glm::vec3 boundsMin{0.0f}; // metres, world space
    glm::vec3 boundsMax{0.0f};
    uint32_t submesh = 0;
    uint32_t firstLod = 0; // into lods(); level 0 (full detail) first
    uint32_t lodCount = 0; // at least 1
};
static_assert(sizeof(CacheChunk) == 36);

// One level of detail of a chunk: an index range made of whole clusters.
struct CacheLod {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    uint32_t firstCluster = 0;
    uint32_t clusterCount = 0;
    float error = 0.0f; // metres: how far this level may lie from full detail (0 for level 0)
};
static_assert(sizeof(CacheLod) == 20);

// A meshlet as an index range, with meshopt_computeMeshletBounds' bounds. Rooms are drawn without
// back-face culling, so the normal cone is stored but only the sphere is useful for culling.
struct CacheCluster {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0; // at most 3 * clusterTriangles
    glm::vec3 center{0.0f};  // bounding sphere, metres
    float radius = 0.0f;
    glm::vec3 coneAxis{0.0f}; // unit normal cone axis
    float coneCutoff = 1.0f;  // cos of the cone's half angle, 1 when undefined
};
static_assert(sizeof(CacheCluster) == 40);

// A file a cache was baked from, as the cache records it.
struct CacheDependency {
    std::string path;         // '/'-separated, relative to the mesh file's folder (absolute if outside it)
    uint64_t size = 0;        // bytes
    int64_t mtimeNs = 0;      // modification time, nanoseconds since the epoch
    uint64_t contentHash = 0; // roomCacheChecksum of the file's bytes
};

// A texture as baked: its pixels in `format`, every mip level, level 0 first.
struct CacheMipData {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> bytes;
};
struct CacheTextureData {
    std::string name;
    CacheTextureFormat format = CacheTextureFormat::Rgba8Srgb;
    std::vector<CacheMipData> mips;
};

// Everything a cache holds, in memory: what bakeRoom() produces and writeRoomCache() stores.
struct BakedRoom {
    std::string source;
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices; // full detail first (the submeshes' ranges), then simplified levels
    std::vector<CacheSubmesh> submeshes;
    std::vector<CacheChunk> chunks;
    std::vector<CacheLod> lods;
    std::vector<CacheCluster> clusters;
    std::vector<Material> materials;
    std::vector<CacheTextureData> textures;
    bool hasVertexColors = false;
    Bounds bounds;
};

// What decides a cache's freshness, stored in its header.
struct CacheStamp {
    uint64_t settingsHash = 0; // roomCacheSettingsHash()
    std::vector<CacheDependency> dependencies;
};

// Called with a stage name ("optimise", "levels of detail", "textures", ...) and the fraction of
// that stage done, in [0, 1]. May be called from the calling thread only.
using BakeProgress = std::function<void(std::string_view stage, double fraction)>;

// --- Baking and writing (room_cache_write.cpp, room_cache_bake.cpp) ---

// Optimises `mesh` for the GPU and builds its levels of detail and clusters: per submesh, spatial
// chunks of at most settings.chunkTriangles; per chunk meshopt_optimizeVertexCache and
// meshopt_optimizeOverdraw, meshlets (meshopt_buildMeshlets) whose triangles become the chunk's
// index order, and a chain of meshopt_simplify levels with the chunk's border locked
// (meshopt_SimplifyLockBorder), each with its own clusters; finally meshopt_optimizeVertexFetch
// over full detail. Vertices no triangle uses are dropped. Textures are moved in (compressed with
// stb_dxt when settings.compressTextures, several at once on std::async threads).
// Throws std::bad_alloc when memory runs out. Runs on the calling thread (plus texture threads).
BakedRoom bakeRoom(RoomMesh mesh, const RoomCacheSettings& settings, const BakeProgress& progress = {});

// A room to show while bakeRoom() works: every triangle at full detail in the mesh's own order,
// in chunks with clusters (a linear scan), no levels of detail, and only the texture mips up to
// `maxTextureSize` on a side (RGBA8). About a tenth of a bake's time; written like any cache.
// Throws std::bad_alloc when memory runs out.
BakedRoom bakeFirstShowing(const RoomMesh& mesh, const RoomCacheSettings& settings, uint32_t maxTextureSize);

// The full detail of a baked room as a RoomMesh, moving its data out (BC textures are decoded).
// Throws std::bad_alloc when memory runs out.
RoomMesh toRoomMesh(BakedRoom room);

// The hash of everything but the source files that decides what a bake produces: the import
// options (up axis, units, texture limits, whether textures are confined to a folder, but not the
// folder itself, so an exhibit can move), the bake settings and kRoomCacheVersion.
uint64_t roomCacheSettingsHash(const ImportOptions& import, const RoomCacheSettings& settings);

// Records the files `mesh` was imported from `meshFile`: the mesh file, its texture files, the
// material libraries an OBJ names (mtllib) and files beside it with the mesh's stem (a glTF's
// .bin). Reads each to hash it. Fails naming a file that cannot be read.
core::Result<std::vector<CacheDependency>> stampSources(const std::filesystem::path& meshFile,
                                                        const RoomMesh& mesh);

// The cache file's bytes. Sections start on 16-byte boundaries.
std::vector<uint8_t> serializeRoomCache(const BakedRoom& room, const CacheStamp& stamp);

// Serialises and writes atomically (a reader never sees a partial file). Errors name `file`.
core::Status writeRoomCache(const std::filesystem::path& file, const BakedRoom& room,
                            const CacheStamp& stamp);

// A 64-bit hash of bytes at memory speed (not cryptographic): the cache's checksum and the
// content hash of source files.
uint64_t roomCacheChecksum(std::span<const uint8_t> bytes);

// --- Where caches live ---

// The cache of `meshFile` in a user's cache folder: cacheDir/rooms/<hash>.srcache, where the hash
// covers the absolute mesh path and `settingsHash`.
std::filesystem::path userRoomCachePath(const std::filesystem::path& cacheDir,
                                        const std::filesystem::path& meshFile, uint64_t settingsHash);
// The cache beside the mesh (stillroom-bake --in-place): "<mesh file name>.srcache".
std::filesystem::path inPlaceRoomCachePath(const std::filesystem::path& meshFile);

// --- Reading (room_cache_read.cpp) ---

struct CacheMip {
    uint64_t offset = 0; // from the start of the file, a multiple of 16
    uint64_t size = 0;
    uint32_t width = 0;
    uint32_t height = 0;
};
static_assert(sizeof(CacheMip) == 24);

// A texture inside an open cache; spans point into the cache's bytes.
struct CacheTextureView {
    std::string_view name;
    CacheTextureFormat format = CacheTextureFormat::Rgba8Srgb;
    std::span<const CacheMip> mips;
    std::span<const uint8_t> fileBytes; // the whole file; a mip's pixels are fileBytes.subspan(offset, size)
    std::span<const uint8_t> pixels(size_t level) const {
        return fileBytes.subspan(size_t(mips[level].offset), size_t(mips[level].size));
    }
};

// Copies a cached texture into a Texture (BC blocks decoded to RGBA8), leaving out mips larger
// than `maxSize` on a side (the smallest is always kept). Throws std::bad_alloc when memory runs out.
Texture textureFromCache(const CacheTextureView& view, uint32_t maxSize = 0xffffffffu);

// What to take from a cache when converting it into a RoomMesh.
struct RoomMeshDetail {
    uint32_t lod = 0;                      // level of detail per chunk (clamped to each chunk's coarsest)
    uint32_t maxTextureSize = 0xffffffffu; // mips larger than this on a side are left out
    bool textures = true;                  // false: geometry only (no textures; materials untextured)
    bool compact = false;                  // keep only the vertices the chosen level uses
};

// An open cache: validated on open, then read through spans into the file's bytes. Move-only.
class RoomCache {
public:
    // Maps `file` and validates it: magic, version, size, checksum, then every section's offset,
    // size and count against the file, every string, index, cluster, level, chunk and mip against
    // what it points into. Fails with an Error naming `file` and what is wrong (truncated, corrupt,
    // another format version); never reads outside the file. Thread-safe for distinct objects.
    static core::Result<RoomCache> open(const std::filesystem::path& file);
    // The same over bytes the caller keeps alive (at least as long as the RoomCache), which must
    // start on a 16-byte boundary; `name` is used in errors.
    static core::Result<RoomCache> parse(std::span<const uint8_t> bytes, std::string name);

    const std::string& name() const { return mName; }
    uint32_t version() const;
    uint64_t settingsHash() const;
    uint64_t sourceHash() const; // combined content hash of the dependencies
    std::string_view source() const;
    bool hasVertexColors() const;
    Bounds bounds() const;

    std::span<const Vertex> vertices() const;
    std::span<const uint32_t> indices() const; // every level; see CacheSubmesh and CacheLod
    std::span<const CacheSubmesh> submeshes() const;
    std::span<const CacheChunk> chunks() const;
    std::span<const CacheLod> lods() const;
    std::span<const CacheCluster> clusters() const;
    size_t materialCount() const;
    Material material(size_t index) const;
    size_t textureCount() const;
    CacheTextureView texture(size_t index) const;
    std::vector<CacheDependency> dependencies() const;

    // Lets go of the process's copy of the mapped pages inside `range` (see core::MappedFile::release);
    // they are read again when needed. No-op for parse()d bytes.
    void release(std::span<const uint8_t> range) const { mFile.release(range); }

    static constexpr size_t kSectionKindCount = 12;

    // Copies the room out as a RoomMesh (BC textures decoded to RGBA8). Fails only when memory runs out.
    core::Result<RoomMesh> toRoomMesh(const RoomMeshDetail& detail = {}) const;

private:
    struct SectionRef {
        uint64_t offset = 0;
        uint64_t size = 0;
        uint64_t count = 0;
    };
    core::Status validate();
    core::Status validateContent() const;
    core::Status validateRanges() const;
    core::Status validateTextures() const;
    std::string_view text(uint32_t offset, uint32_t length) const;
    template <class T> std::span<const T> records(size_t section) const {
        const SectionRef& s = mSections[section];
        return {reinterpret_cast<const T*>(mBytes.data() + s.offset), size_t(s.count)};
    }

    core::MappedFile mFile;
    std::span<const uint8_t> mBytes;
    std::string mName;
    std::array<SectionRef, kSectionKindCount> mSections{};
};

// Whether `cache` is fresh for `meshFile` imported with `import` and baked with `settings`: the
// settings hash matches and every recorded source file is unchanged (same size, and the same
// modification time or, failing that, the same content hash). With import.confineTexturesTo set,
// a source outside that folder makes the cache unusable. Fails with an Error naming the changed
// file or the reason (settings, missing source).
core::Status checkRoomCacheFresh(const RoomCache& cache, const std::filesystem::path& meshFile,
                                 const ImportOptions& import, const RoomCacheSettings& settings);

} // namespace sr::asset
