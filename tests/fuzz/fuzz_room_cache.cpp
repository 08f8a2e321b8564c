// Fuzz target: the room cache reader (asset/room_cache.h) over untrusted bytes, and what the viewer
// does with an open cache: every record read, textures copied out (BC blocks decoded), the room
// copied into a RoomMesh at two levels of detail, a BVH built over it and queried, and clusters
// chosen for a view. The checksum and file size in the header are fixed up first, so the
// mutations reach the structure checks behind them.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "asset/room_cache.h"
#include "asset/room_cache_format.h"
#include "core/log.h"
#include "render/cluster_cull.h"
#include "view/bvh.h"

namespace {
using namespace sr;

// Sums what it is given, so every byte read counts as used.
struct Reader {
    uint64_t sum = 0;
    template <class T> void add(std::span<const T> records) {
        for (const T& r : records) {
            uint8_t bytes[sizeof(T)];
            std::memcpy(bytes, &r, sizeof(T));
            for (uint8_t b : bytes) sum += b;
        }
    }
};

void useMesh(const asset::RoomMesh& mesh) {
    const view::MeshBvh bvh(mesh);
    const asset::Bounds box = bvh.bounds();
    const glm::vec3 eye = box.center() + glm::vec3(0.0f, 0.0f, 0.5f);
    (void)bvh.raycast(eye, glm::vec3(0.0f, 0.0f, -1.0f), 100.0f);
    (void)bvh.anyHit(eye, box.min);
    (void)bvh.closestPoint(eye, 1.0f);
    (void)bvh.closestPointToSegment(eye, eye - glm::vec3(0.0f, 0.0f, 1.2f), 0.25f);
    size_t triangles = 0;
    bvh.forEachTriangleInBox(box.min, box.center(), [&](const view::TriangleRef&) { ++triangles; });
}

void chooseClusters(const asset::RoomCache& cache) {
    render::ClusterSet set;
    set.chunks.assign(cache.chunks().begin(), cache.chunks().end());
    set.lods.assign(cache.lods().begin(), cache.lods().end());
    set.clusters.assign(cache.clusters().begin(), cache.clusters().end());
    const glm::vec3 eye = cache.bounds().center();
    const glm::mat4 projection = glm::perspectiveRH_ZO(glm::radians(60.0f), 1.5f, 0.05f, 100.0f);
    const glm::mat4 view = glm::lookAtRH(eye, eye + glm::vec3(1.0f, 0.0f, 0.0f), glm::vec3(0.0f, 0.0f, 1.0f));
    const render::CullView cullView = render::cullViewOf(projection * view, projection, eye);
    std::vector<render::IndexRange> ranges;
    for (const asset::CacheSubmesh& sub : cache.submeshes()) {
        (void)render::selectRanges(set, sub.firstChunk, sub.chunkCount, cullView, {true, 0.001f}, ranges);
        (void)render::selectRanges(set, sub.firstChunk, sub.chunkCount, cullView, {false, 0.0f}, ranges);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Quiet unless SR_FUZZ_VERBOSE is set (to read the log of one input).
    core::setLogQuiet(std::getenv("SR_FUZZ_VERBOSE") == nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // The reader needs 16-byte aligned bytes, as a memory map gives them; exactly `size` of them,
    // so that AddressSanitizer sees any read past the end.
    constexpr std::align_val_t kAlign{16};
    auto release = [](uint8_t* p) { ::operator delete(p, kAlign); };
    std::unique_ptr<uint8_t, decltype(release)> owned(
        static_cast<uint8_t*>(::operator new(std::max<size_t>(size, 1), kAlign)), release);
    uint8_t* bytes = owned.get();
    std::memcpy(bytes, data, size);
    if (size >= sizeof(asset::cachefmt::Header)) {
        asset::cachefmt::Header header;
        std::memcpy(&header, bytes, sizeof header);
        header.fileSize = size;
        header.checksum = asset::roomCacheChecksum(std::span<const uint8_t>(
            bytes + asset::cachefmt::kChecksumStart, size - asset::cachefmt::kChecksumStart));
        std::memcpy(bytes, &header, sizeof header);
    }
    auto cache = asset::RoomCache::parse(std::span<const uint8_t>(bytes, size), "fuzz.srcache");
    if (!cache) return 0;

    Reader reader;
    reader.add(cache->vertices());
    reader.add(cache->indices());
    reader.add(cache->submeshes());
    reader.add(cache->chunks());
    reader.add(cache->lods());
    reader.add(cache->clusters());
    reader.sum += cache->source().size() + cache->version() + cache->settingsHash() + cache->sourceHash();
    reader.sum += cache->hasVertexColors();
    for (const asset::CacheDependency& dependency : cache->dependencies())
        reader.sum += dependency.path.size();
    for (size_t i = 0; i < cache->materialCount(); ++i) reader.sum += cache->material(i).name.size();
    for (size_t i = 0; i < cache->textureCount(); ++i) {
        const asset::CacheTextureView texture = cache->texture(i);
        for (size_t level = 0; level < texture.mips.size(); ++level) reader.add(texture.pixels(level));
        (void)asset::textureFromCache(texture, 4);
    }
    chooseClusters(*cache);

    auto full = cache->toRoomMesh();
    if (full) useMesh(*full);
    auto coarse = cache->toRoomMesh({1, 8});
    if (coarse) useMesh(*coarse);
    volatile uint64_t sum = reader.sum; // every byte read counts as used
    (void)sum;
    return 0;
}
