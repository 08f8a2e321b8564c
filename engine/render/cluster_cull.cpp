#include "render/cluster_cull.h"

#include <algorithm>
#include <cmath>

namespace sr::render {

Frustum frustumOf(const glm::mat4& m) {
    auto row = [&](int i) { return glm::vec4(m[0][i], m[1][i], m[2][i], m[3][i]); };
    // Vulkan clip space: -w <= x, y <= w and 0 <= z <= w.
    Frustum f{{row(3) + row(0), row(3) - row(0), row(3) + row(1), row(3) - row(1), row(2), row(3) - row(2)}};
    for (glm::vec4& plane : f.planes) plane /= std::max(glm::length(glm::vec3(plane)), 1e-20f);
    return f;
}

bool sphereInFrustum(const Frustum& frustum, glm::vec3 center, float radius) {
    for (const glm::vec4& plane : frustum.planes) {
        if (glm::dot(glm::vec3(plane), center) + plane.w < -radius) return false;
    }
    return true;
}

bool boxInFrustum(const Frustum& frustum, glm::vec3 min, glm::vec3 max) {
    for (const glm::vec4& plane : frustum.planes) {
        // The corner furthest along the plane's normal.
        const glm::vec3 far(plane.x >= 0.0f ? max.x : min.x, plane.y >= 0.0f ? max.y : min.y,
                            plane.z >= 0.0f ? max.z : min.z);
        if (glm::dot(glm::vec3(plane), far) + plane.w < 0.0f) return false;
    }
    return true;
}

CullView cullViewOf(const glm::mat4& viewProj, const glm::mat4& projection, glm::vec3 eye) {
    return {frustumOf(viewProj), eye, std::abs(projection[1][1])};
}

uint32_t chooseLevel(const ClusterSet& set, const asset::CacheChunk& chunk, const CullView& view,
                     const CullSettings& settings) {
    if (settings.maxScreenError <= 0.0f || chunk.lodCount <= 1) return 0;
    const glm::vec3 nearest = glm::clamp(view.eye, chunk.boundsMin, chunk.boundsMax);
    const float distance = glm::length(nearest - view.eye);
    // Error (metres) at `distance` covers error / distance * focalScale / 2 of the viewport height.
    const float allowed = settings.maxScreenError * 2.0f * distance / view.focalScale;
    uint32_t level = 0;
    while (level + 1 < chunk.lodCount && set.lods[chunk.firstLod + level + 1].error <= allowed) ++level;
    return level;
}

uint64_t selectChunkRanges(const ClusterSet& set, uint32_t chunkIndex, const CullView& view,
                           const CullSettings& settings, std::vector<IndexRange>& out) {
    uint64_t triangles = 0;
    const asset::CacheChunk& chunk = set.chunks[chunkIndex];
    const asset::CacheLod& lod = set.lods[chunk.firstLod + chooseLevel(set, chunk, view, settings)];
    for (uint32_t k = lod.firstCluster; k < lod.firstCluster + lod.clusterCount; ++k) {
        const asset::CacheCluster& cluster = set.clusters[k];
        if (settings.frustumCulling && !sphereInFrustum(view.frustum, cluster.center, cluster.radius))
            continue;
        triangles += cluster.indexCount / 3;
        if (!out.empty() && out.back().firstIndex + out.back().indexCount == cluster.firstIndex) {
            out.back().indexCount += cluster.indexCount;
        } else {
            out.push_back({cluster.firstIndex, cluster.indexCount});
        }
    }
    return triangles;
}

uint64_t selectRanges(const ClusterSet& set, uint32_t firstChunk, uint32_t chunkCount, const CullView& view,
                      const CullSettings& settings, std::vector<IndexRange>& out) {
    uint64_t triangles = 0;
    for (uint32_t c = firstChunk; c < firstChunk + chunkCount; ++c) {
        const asset::CacheChunk& chunk = set.chunks[c];
        if (settings.frustumCulling && !boxInFrustum(view.frustum, chunk.boundsMin, chunk.boundsMax))
            continue;
        triangles += selectChunkRanges(set, c, view, settings, out);
    }
    return triangles;
}

} // namespace sr::render
