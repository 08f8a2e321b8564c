// Unit tests of the view module: camera math, the default standing point and the BVH, over tiny
// rooms built in code (+Z up, metres). Walking and glides: view_walker_test.cpp.
#include <gtest/gtest.h>

#include "test_random.h"
#include "view_test_rooms.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "view/bvh.h"
#include "view/camera.h"
#include "view/default_camera.h"
#include "view/walker.h"

using namespace sr::view;
using namespace sr::test;

// ---- Camera -------------------------------------------------------------------------------------

TEST(Camera, PointStraightAheadProjectsToImageCentre) {
    for (float yaw : {0.0f, 37.0f, 90.0f, 200.0f}) {
        for (float pitch : {-40.0f, 0.0f, 25.0f}) {
            Camera c;
            c.position = {1, 2, 1.6f}, c.yawDeg = yaw, c.pitchDeg = pitch;
            const glm::vec4 clip =
                c.projectionMatrix(1.5f) * c.viewMatrix() * glm::vec4(c.position + c.forward() * 3.0f, 1);
            EXPECT_NEAR(clip.x / clip.w, 0.0f, 1e-5f);
            EXPECT_NEAR(clip.y / clip.w, 0.0f, 1e-5f);
            EXPECT_GT(clip.z / clip.w, 0.0f);
            EXPECT_LT(clip.z / clip.w, 1.0f);
        }
    }
}

TEST(Camera, Yaw90LooksAlongPositiveYWithRightAlongPositiveX) {
    Camera c;
    c.yawDeg = 90.0f;
    EXPECT_NEAR(glm::length(c.forward() - glm::vec3(0, 1, 0)), 0.0f, 1e-6f);
    EXPECT_NEAR(glm::length(c.right() - glm::vec3(1, 0, 0)), 0.0f, 1e-6f);
    c.yawDeg = 0.0f, c.pitchDeg = 30.0f;
    EXPECT_NEAR(c.forward().z, 0.5f, 1e-6f);
    EXPECT_NEAR(glm::dot(c.forward(), c.right()), 0.0f, 1e-6f);
}

TEST(Camera, PointAboveAndRightProjectToTopRightWithVulkanYDown) {
    Camera c;
    c.yawDeg = 0.0f; // looking along +X: +Y is to the left, +Z up
    const glm::mat4 m = c.projectionMatrix(1.0f) * c.viewMatrix();
    const glm::vec4 above = m * glm::vec4(3, 0, 1, 1), right = m * glm::vec4(3, -1, 0, 1);
    EXPECT_LT(above.y / above.w, 0.0f); // Vulkan NDC: -1 is the top row
    EXPECT_GT(right.x / right.w, 0.0f);
}

TEST(Camera, DepthRunsFromZeroAtNearToOneAtFar) {
    Camera c;
    const glm::mat4 m = c.projectionMatrix(1.0f) * c.viewMatrix();
    const glm::vec4 nearPoint = m * glm::vec4(c.nearPlane, 0, 0, 1),
                    farPoint = m * glm::vec4(c.farPlane, 0, 0, 1);
    EXPECT_NEAR(nearPoint.z / nearPoint.w, 0.0f, 1e-5f);
    EXPECT_NEAR(farPoint.z / farPoint.w, 1.0f, 1e-5f);
}

TEST(Camera, HorizontalFovWidensWithAspect) {
    EXPECT_NEAR(horizontalFovDeg(60.0f, 1.0f), 60.0f, 1e-4f);
    EXPECT_NEAR(horizontalFovDeg(90.0f, 2.0f), glm::degrees(2.0f * std::atan(2.0f)), 1e-3f);
}

TEST(DefaultCamera, FindFloorHeightTakesLowestCrossingWhereWalkerTakesHighestWalkable) {
    sr::asset::RoomMesh mesh;
    const TestMesh& m = room().mesh;
    for (glm::vec3 p : m.positions) mesh.vertices.push_back({p, {0, 0, 1}, {0, 0}, 0xffffffffu});
    mesh.indices = m.indices;
    sr::asset::computeBounds(mesh);
    EXPECT_NEAR(findFloorHeight(mesh, 1.0f, 1.0f), 0.0f, 1e-6f); // under the rug: the floor
    EXPECT_NEAR(*room().walker.findFloor(1.0f, 1.0f, 1.6f), 0.05f, 1e-6f);
}

// ---- BVH ----------------------------------------------------------------------------------------

TEST(MeshBvh, RaycastMatchesBruteForceOnRandomRays) {
    const TestMesh m = roomWithClutter();
    const MeshBvh bvh(m.positions, m.indices);
    Random rng{42};
    int hits = 0;
    for (int i = 0; i < 600; ++i) {
        const glm::vec3 o = rng.inBox({-1, -1, -1}, {7, 5, 3.5f}), d = rng.direction();
        const float maxT = rng.uniform(0.5f, 10.0f);
        const auto expected = bruteRay(m, o, d, maxT);
        const auto hit = bvh.raycast(o, d, maxT);
        ASSERT_EQ(hit.has_value(), expected.has_value()) << "ray " << i;
        if (!hit) continue;
        ++hits;
        EXPECT_NEAR(hit->distance, *expected, 1e-4f);
        EXPECT_NEAR(glm::length(hit->point - (o + d * hit->distance)), 0.0f, 1e-4f);
        EXPECT_LE(glm::dot(hit->normal, d), 0.0f); // faces the ray's origin
        EXPECT_EQ(bvh.anyHit(o, o + d * maxT), true);
    }
    EXPECT_GT(hits, 200);
}

TEST(MeshBvh, AnyHitAgreesWithBruteForceOnRandomSegments) {
    const TestMesh m = roomWithClutter();
    const MeshBvh bvh(m.positions, m.indices);
    Random rng{9};
    for (int i = 0; i < 600; ++i) {
        const glm::vec3 a = rng.inBox({-1, -1, -1}, {7, 5, 3.5f}), b = rng.inBox({-1, -1, -1}, {7, 5, 3.5f});
        const float len = glm::length(b - a);
        ASSERT_EQ(bvh.anyHit(a, b), bruteRay(m, a, (b - a) / len, len).has_value()) << "segment " << i;
    }
}

TEST(MeshBvh, ClosestPointQueriesMatchBruteForce) {
    const TestMesh m = roomWithClutter();
    const MeshBvh bvh(m.positions, m.indices);
    Random rng{3};
    for (int i = 0; i < 120; ++i) {
        const glm::vec3 p = rng.inBox({-0.5f, -0.5f, -0.5f}, {6.5f, 4.5f, 3}), q = p + rng.direction() * 0.8f;
        float bestPoint = 1e9f, bestSegment = 1e9f;
        for (size_t t = 0; t < m.indices.size(); t += 3) {
            const glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]],
                            c = m.positions[m.indices[t + 2]];
            bestPoint = std::min(bestPoint, glm::length(closestPointOnTriangle(p, a, b, c) - p));
            const auto [s, tri] = closestPointsSegmentTriangle(p, q, a, b, c);
            bestSegment = std::min(bestSegment, glm::length(s - tri));
        }
        const auto point = bvh.closestPoint(p, 0.5f);
        ASSERT_EQ(point.has_value(), bestPoint <= 0.5f);
        if (point) {
            EXPECT_NEAR(point->distance, bestPoint, 1e-5f);
        }
        const auto segment = bvh.closestPointToSegment(p, q, 0.3f);
        ASSERT_EQ(segment.has_value(), bestSegment <= 0.3f);
        if (segment) {
            EXPECT_NEAR(segment->distance, bestSegment, 1e-5f);
        }
    }
}

TEST(ClosestPoint, OnTriangleAndSegmentBeatDenseSampling) {
    Random rng{11};
    for (int i = 0; i < 60; ++i) {
        const glm::vec3 a = rng.direction(), b = rng.direction(), c = rng.direction();
        const glm::vec3 p = rng.direction() * 1.5f, q = rng.direction() * 1.5f;
        float sampledPoint = 1e9f, sampledSegment = 1e9f;
        for (int u = 0; u <= 40; ++u)
            for (int v = 0; u + v <= 40; ++v) {
                const glm::vec3 x = a + (b - a) * (u / 40.0f) + (c - a) * (v / 40.0f);
                sampledPoint = std::min(sampledPoint, glm::length(x - p));
                for (int s = 0; s <= 40; ++s)
                    sampledSegment = std::min(sampledSegment, glm::length(x - glm::mix(p, q, s / 40.0f)));
            }
        const float exactPoint = glm::length(closestPointOnTriangle(p, a, b, c) - p);
        const auto [onSegment, onTriangle] = closestPointsSegmentTriangle(p, q, a, b, c);
        EXPECT_LE(exactPoint, sampledPoint + 1e-5f);
        EXPECT_GE(exactPoint, sampledPoint - 0.06f);
        EXPECT_LE(glm::length(onSegment - onTriangle), sampledSegment + 1e-5f);
        EXPECT_GE(glm::length(onSegment - onTriangle), sampledSegment - 0.1f);
    }
}

TEST(ClosestPoint, SegmentThroughTriangleHasZeroDistance) {
    const auto [s, t] =
        closestPointsSegmentTriangle({0.2f, 0.2f, -1}, {0.2f, 0.2f, 1}, {0, 0, 0}, {1, 0, 0}, {0, 1, 0});
    EXPECT_NEAR(glm::length(s - glm::vec3(0.2f, 0.2f, 0)), 0.0f, 1e-6f);
    EXPECT_NEAR(glm::length(s - t), 0.0f, 1e-6f);
}

TEST(MeshBvh, ForEachTriangleInBoxVisitsEveryOverlappingTriangleOnce) {
    const TestMesh& m = room().mesh;
    const glm::vec3 lo{1.8f, 0.3f, 0.5f}, hi{2.6f, 1.4f, 1.0f};
    std::vector<int> seen(m.indices.size() / 3, 0);
    room().bvh.forEachTriangleInBox(lo, hi, [&](const TriangleRef& t) { ++seen[t.triangle]; });
    for (size_t t = 0; t < seen.size(); ++t) {
        const glm::vec3 a = m.positions[m.indices[3 * t]], b = m.positions[m.indices[3 * t + 1]],
                        c = m.positions[m.indices[3 * t + 2]];
        const glm::vec3 tmin = glm::min(glm::min(a, b), c), tmax = glm::max(glm::max(a, b), c);
        const bool overlaps =
            glm::all(glm::lessThanEqual(tmin, hi)) && glm::all(glm::lessThanEqual(lo, tmax));
        EXPECT_EQ(seen[t], overlaps ? 1 : 0) << "triangle " << t;
    }
}

TEST(MeshBvh, SkipsNonFiniteOutOfRangeAndZeroAreaTriangles) {
    TestMesh m;
    m.floor(0, 0, 1, 1, 0);                         // 2 good triangles
    m.triangle({0, 0, 1}, {kNaN, 0, 1}, {0, 1, 1}); // NaN corner
    m.triangle({0, 0, 2}, {1, 1, 2}, {2, 2, 2});    // collinear
    m.triangle({0, 0, 3}, {0, 0, 3}, {0, 1, 3});    // repeated corner
    m.indices.insert(m.indices.end(), {0, 1, 999}); // out of range
    m.indices.push_back(0);                         // a trailing partial triangle
    const MeshBvh bvh(m.positions, m.indices);
    EXPECT_EQ(bvh.triangleCount(), 2u);
    const auto hit = bvh.raycast({0.5f, 0.5f, 5}, {0, 0, -1}, 10);
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->point.z, 0.0f, 1e-6f);
    EXPECT_LT(hit->triangle, 2u);
}

TEST(MeshBvh, EmptyMeshAndNonFiniteQueriesAnswerNothing) {
    const MeshBvh empty(std::vector<glm::vec3>{}, {});
    EXPECT_FALSE(empty.raycast({0, 0, 0}, {0, 0, -1}, 1));
    EXPECT_FALSE(empty.anyHit({0, 0, 0}, {1, 1, 1}));
    EXPECT_FALSE(empty.closestPoint({0, 0, 0}, 10));
    const MeshBvh& bvh = room().bvh;
    EXPECT_FALSE(bvh.raycast({kNaN, 1, 1}, {0, 0, -1}, 10));
    EXPECT_FALSE(bvh.raycast({1, 1, 1}, {0, 0, -1}, kNaN));
    EXPECT_FALSE(bvh.anyHit({1, 1, 1}, {1, 1, kNaN}));
    EXPECT_FALSE(bvh.closestPointToSegment({1, 1, kNaN}, {1, 1, 1}, 1));
}

TEST(MeshBvh, RayAlongASharedEdgeStillHits) {
    // The floor tiles' diagonals run from (x, y) to (x + 0.5, y + 0.5): a ray straight down on one.
    for (float s : {0.0f, 0.1f, 0.25f, 0.3333333f, 0.5f}) {
        const auto hit = room().bvh.raycast({3.5f + s, 2.5f + s, 1}, {0, 0, -1}, 2);
        ASSERT_TRUE(hit) << s;
        EXPECT_NEAR(hit->distance, 1.0f, 1e-6f);
    }
}

TEST(MeshBvh, BuildsFromRoomMeshAndReportsMeshTriangleIndices) {
    sr::asset::RoomMesh mesh;
    for (glm::vec3 p : room().mesh.positions) mesh.vertices.push_back({p, {0, 0, 1}, {0, 0}, 0xffffffffu});
    mesh.indices = room().mesh.indices;
    const MeshBvh bvh(mesh);
    EXPECT_EQ(bvh.triangleCount(), mesh.triangleCount());
    const auto hit = bvh.raycast({2.5f, 0.8f, 2.0f}, {0, 0, -1}, 3);
    ASSERT_TRUE(hit);
    const glm::vec3 a = mesh.vertices[mesh.indices[3 * hit->triangle]].position;
    EXPECT_NEAR(a.z, kTableMax.z, 1e-6f); // the table top's triangle
    EXPECT_NEAR(hit->normal.z, 1.0f, 1e-6f);
}

TEST(MeshBvh, BuildsWhenEveryCentroidCoincides) {
    TestMesh m;
    for (int i = 0; i < 1000; ++i) m.triangle({-1, 0, 0}, {1, -1, 0}, {0, 1, 0});
    const MeshBvh bvh(m.positions, m.indices);
    EXPECT_EQ(bvh.triangleCount(), 1000u);
    EXPECT_GT(bvh.nodeCount(), 1u);
    EXPECT_TRUE(bvh.raycast({0, 0, 1}, {0, 0, -1}, 2));
}

// ---- Walker -------------------------------------------------------------------------------------
