#pragma once
// Choosing what of a baked room to draw for a view: per chunk the coarsest level of detail whose
// error stays below a screen-space bound, then the clusters of that level that meet the view
// frustum. Pure CPU code, independent of Vulkan, so it is unit-tested without a device.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "asset/room_cache.h"

namespace sr::render {

// How a room with clusters is drawn.
struct CullSettings {
    bool frustumCulling = true; // leave out chunks and clusters outside the view frustum
    // Largest geometric error a level of detail may show, as a fraction of the viewport's height
    // (0.001 is about one pixel at 1080 lines). 0 always draws full detail.
    float maxScreenError = 0.0f;
};

// The six planes of a view frustum, world space, normalised: a point p is inside when
// dot(plane.xyz, p) + plane.w >= 0 for all six.
struct Frustum {
    glm::vec4 planes[6];
};

// The frustum of `viewProj` (world to Vulkan clip space, depth 0..1).
Frustum frustumOf(const glm::mat4& viewProj);
bool sphereInFrustum(const Frustum& frustum, glm::vec3 center, float radius);
bool boxInFrustum(const Frustum& frustum, glm::vec3 min, glm::vec3 max);

// What a GPU room keeps of a cache to choose its draws: CPU copies of the chunk, level and cluster
// records (index ranges refer to the room's index buffer, which holds every level).
struct ClusterSet {
    std::vector<asset::CacheChunk> chunks;
    std::vector<asset::CacheLod> lods;
    std::vector<asset::CacheCluster> clusters;
};

struct IndexRange {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
};

// The view a selection is made for.
struct CullView {
    Frustum frustum;
    glm::vec3 eye{0.0f};     // camera position, metres
    float focalScale = 1.0f; // |projection[1][1]|: 1 / tan(vertical fov / 2)
};
CullView cullViewOf(const glm::mat4& viewProj, const glm::mat4& projection, glm::vec3 eye);

// The level of `chunk` to draw: the coarsest whose error, seen from `view.eye` at the chunk's
// nearest point, projects to at most settings.maxScreenError of the viewport height.
uint32_t chooseLevel(const ClusterSet& set, const asset::CacheChunk& chunk, const CullView& view,
                     const CullSettings& settings);

// Appends the index ranges to draw for chunk `chunk` of `set` (its chosen level's clusters in the
// frustum; adjacent ones merged into one range). The chunk's own box is not tested. Returns the
// triangles selected.
uint64_t selectChunkRanges(const ClusterSet& set, uint32_t chunk, const CullView& view,
                           const CullSettings& settings, std::vector<IndexRange>& out);

// Appends the index ranges to draw for chunks [firstChunk, firstChunk + chunkCount) of `set`:
// adjacent visible clusters are merged into one range. Returns the triangles selected.
uint64_t selectRanges(const ClusterSet& set, uint32_t firstChunk, uint32_t chunkCount, const CullView& view,
                      const CullSettings& settings, std::vector<IndexRange>& out);

} // namespace sr::render
