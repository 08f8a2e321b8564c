// Unit tests of choosing chunks, levels of detail and clusters for a view (render/cluster_cull).
#include <gtest/gtest.h>

#include <vector>

#include "render/cluster_cull.h"
#include "view/camera.h"

using namespace sr::render;

namespace {

// A camera at the origin looking along +X, 90 degrees vertical field of view, square.
glm::mat4 viewProjection(glm::mat4* projection = nullptr) {
    sr::view::Camera camera;
    camera.position = glm::vec3(0.0f);
    camera.yawDeg = 0.0f;
    camera.pitchDeg = 0.0f;
    camera.verticalFovDeg = 90.0f;
    const glm::mat4 p = camera.projectionMatrix(1.0f);
    if (projection) *projection = p;
    return p * camera.viewMatrix();
}

// Chunks in a row along +X at x = 2, 4, ... (or behind, x < 0); each with two levels and one
// cluster per level.
ClusterSet rowOfChunks(std::vector<float> xs) {
    ClusterSet set;
    uint32_t index = 0;
    for (float x : xs) {
        sr::asset::CacheChunk chunk{
            {x - 0.5f, -0.5f, -0.5f}, {x + 0.5f, 0.5f, 0.5f}, 0, uint32_t(set.lods.size()), 2};
        set.chunks.push_back(chunk);
        for (uint32_t level = 0; level < 2; ++level) {
            const uint32_t count = level == 0 ? 300 : 60;
            set.lods.push_back({index, count, uint32_t(set.clusters.size()), 1, level == 0 ? 0.0f : 0.01f});
            set.clusters.push_back({index, count, {x, 0, 0}, 0.9f, {0, 0, 1}, 1.0f});
            index += count;
        }
    }
    return set;
}

} // namespace

namespace sr::asset {} // namespace sr::asset

TEST(ClusterCull, SpheresAndBoxesInFrontAreInsideAndBehindAreOut) {
    const Frustum f = frustumOf(viewProjection());
    EXPECT_TRUE(sphereInFrustum(f, {5, 0, 0}, 0.1f));
    EXPECT_FALSE(sphereInFrustum(f, {-5, 0, 0}, 0.1f));
    EXPECT_FALSE(sphereInFrustum(f, {5, 8, 0}, 0.5f));       // far to the left, outside 90 degrees
    EXPECT_TRUE(sphereInFrustum(f, {5, 5.3f, 0}, 0.5f));     // touching the left plane
    EXPECT_TRUE(boxInFrustum(f, {-1, -1, -1}, {1, 1, 1}));   // around the eye
    EXPECT_FALSE(boxInFrustum(f, {-3, -1, -1}, {-2, 1, 1})); // behind
}

TEST(ClusterCull, FarChunksTakeCoarserLevelsOnlyWhenTheErrorAllows) {
    glm::mat4 projection;
    const glm::mat4 viewProj = viewProjection(&projection);
    const CullView view = cullViewOf(viewProj, projection, glm::vec3(0.0f));
    EXPECT_NEAR(view.focalScale, 1.0f, 1e-5f);
    const ClusterSet set = rowOfChunks({2.0f, 40.0f});
    // 0.01 m at distance d covers 0.01 / d / 2 of the height: 0.0033 at 1.5 m, 0.00013 at 39.5 m.
    EXPECT_EQ(chooseLevel(set, set.chunks[0], view, {true, 0.001f}), 0u);
    EXPECT_EQ(chooseLevel(set, set.chunks[1], view, {true, 0.001f}), 1u);
    EXPECT_EQ(chooseLevel(set, set.chunks[1], view, {true, 0.0f}), 0u);
    EXPECT_EQ(chooseLevel(set, set.chunks[0], view, {true, 0.01f}), 1u);
}

TEST(ClusterCull, SelectionSkipsChunksBehindAndMergesAdjacentClusters) {
    glm::mat4 projection;
    const glm::mat4 viewProj = viewProjection(&projection);
    const CullView view = cullViewOf(viewProj, projection, glm::vec3(0.0f));
    const ClusterSet set = rowOfChunks({2.0f, -3.0f, 4.0f});
    std::vector<IndexRange> ranges;
    EXPECT_EQ(selectRanges(set, 0, 3, view, {true, 0.0f}, ranges), 200u);
    ASSERT_EQ(ranges.size(), 2u); // chunk 1 is behind the eye
    EXPECT_EQ(ranges[0].firstIndex, 0u);
    EXPECT_EQ(ranges[1].firstIndex, set.lods[4].firstIndex);
    ranges.clear();
    EXPECT_EQ(selectRanges(set, 0, 3, view, {false, 0.0f}, ranges), 300u);
    // Level 0 of chunk 0 ends where its level 1 starts, but only one level is drawn per chunk.
    EXPECT_EQ(ranges.size(), 3u);
}
