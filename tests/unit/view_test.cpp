// Unit tests of the view module: camera math, the BVH, the walking visitor and station glides,
// over tiny rooms built in code (+Z up, metres).
#include <gtest/gtest.h>

#include "test_random.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "view/bvh.h"
#include "view/camera.h"
#include "view/default_camera.h"
#include "view/glide.h"
#include "view/walker.h"

using namespace sr::view;

namespace {
using sr::test::Random;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct TestMesh {
    std::vector<glm::vec3> positions;
    std::vector<uint32_t> indices;

    void triangle(glm::vec3 a, glm::vec3 b, glm::vec3 c) {
        for (glm::vec3 p : {a, b, c}) indices.push_back(uint32_t(positions.size())), positions.push_back(p);
    }
    void quad(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d) { triangle(a, b, c), triangle(a, c, d); }
    void floor(float x0, float y0, float x1, float y1, float z) {
        quad({x0, y0, z}, {x1, y0, z}, {x1, y1, z}, {x0, y1, z});
    }
    void wallX(float x, float y0, float y1, float z0, float z1) {
        quad({x, y0, z0}, {x, y1, z0}, {x, y1, z1}, {x, y0, z1});
    }
    void wallY(float y, float x0, float x1, float z0, float z1) {
        quad({x0, y, z0}, {x1, y, z0}, {x1, y, z1}, {x0, y, z1});
    }
    void box(glm::vec3 lo, glm::vec3 hi) {
        floor(lo.x, lo.y, hi.x, hi.y, hi.z), floor(lo.x, lo.y, hi.x, hi.y, lo.z);
        wallX(lo.x, lo.y, hi.y, lo.z, hi.z), wallX(hi.x, lo.y, hi.y, lo.z, hi.z);
        wallY(lo.y, lo.x, hi.x, lo.z, hi.z), wallY(hi.y, lo.x, hi.x, lo.z, hi.z);
    }
};

// The test room, 6 x 4 m, 2.5 m high, built from zero-thickness surfaces like a scan:
constexpr glm::vec2 kHoleMin{4.5f, 2.5f}, kHoleMax{5.5f, 3.5f}; // a 1 m hole in the floor
constexpr float kGapX0 = 1.0f, kGapX1 = 2.0f;                   // a doorway in the north wall, to nowhere
constexpr glm::vec3 kTableMin{2.0f, 0.5f, 0.0f}, kTableMax{3.0f, 1.1f, 0.75f};
constexpr glm::vec3 kRugMin{0.5f, 0.5f, 0.0f}, kRugMax{1.5f, 1.5f, 0.05f};
constexpr glm::vec3 kStepMin{4.5f, 0.5f, 0.0f}, kStepMax{5.5f, 1.5f, 0.2f};
constexpr glm::vec3 kChestMin{0.5f, 2.5f, 0.0f}, kChestMax{1.0f, 3.0f, 0.4f}; // above step height

TestMesh testRoom() {
    TestMesh m;
    for (float x = 0.0f; x < 6.0f; x += 0.5f)
        for (float y = 0.0f; y < 4.0f; y += 0.5f) {
            const bool inHole = x >= kHoleMin.x && x < kHoleMax.x && y >= kHoleMin.y && y < kHoleMax.y;
            if (!inHole) m.floor(x, y, x + 0.5f, y + 0.5f, 0.0f);
        }
    m.floor(0, 0, 6, 4, 2.5f);
    m.wallX(0, 0, 4, 0, 2.5f), m.wallX(6, 0, 4, 0, 2.5f), m.wallY(0, 0, 6, 0, 2.5f);
    m.wallY(4, 0, kGapX0, 0, 2.5f), m.wallY(4, kGapX1, 6, 0, 2.5f), m.wallY(4, kGapX0, kGapX1, 2.1f, 2.5f);
    m.box(kTableMin, kTableMax), m.box(kRugMin, kRugMax), m.box(kStepMin, kStepMax),
        m.box(kChestMin, kChestMax);
    return m;
}

struct TestRoom {
    TestMesh mesh = testRoom();
    MeshBvh bvh{mesh.positions, mesh.indices};
    Walker walker{bvh};
};

const TestRoom& room() {
    static const TestRoom r;
    return r;
}

// Walks `steps` steps of `step` metres each (like frames of input) and checks `check` after each.
template <class Check>
glm::vec3 walk(const Walker& w, glm::vec3 eye, glm::vec2 step, int steps, Check&& check) {
    for (int i = 0; i < steps; ++i) eye = w.move(eye, step), check(eye);
    return eye;
}
glm::vec3 walk(const Walker& w, glm::vec3 eye, glm::vec2 step, int steps) {
    return walk(w, eye, step, steps, [](glm::vec3) {});
}

bool insideXY(glm::vec3 p, glm::vec3 lo, glm::vec3 hi, float margin) {
    return p.x > lo.x - margin && p.x < hi.x + margin && p.y > lo.y - margin && p.y < hi.y + margin;
}
// Horizontal distance from p to the box's footprint.
float distanceXY(glm::vec3 p, glm::vec3 lo, glm::vec3 hi) {
    return glm::length(
        glm::max(glm::max(glm::vec2(lo) - glm::vec2(p), glm::vec2(p) - glm::vec2(hi)), glm::vec2(0.0f)));
}

// Brute-force references.
std::optional<float> bruteRay(const TestMesh& m, glm::vec3 o, glm::vec3 d, float maxT) {
    std::optional<float> best;
    for (size_t i = 0; i < m.indices.size(); i += 3) {
        const glm::vec3 a = m.positions[m.indices[i]], b = m.positions[m.indices[i + 1]],
                        c = m.positions[m.indices[i + 2]];
        const glm::vec3 n = glm::cross(b - a, c - a);
        const float denom = glm::dot(n, d);
        if (std::abs(denom) < 1e-12f) continue;
        const float t = glm::dot(n, a - o) / denom;
        if (t < 0.0f || t > maxT || (best && t >= *best)) continue;
        const glm::vec3 p = o + d * t;
        const bool inside = glm::dot(glm::cross(b - a, p - a), n) >= 0 &&
                            glm::dot(glm::cross(c - b, p - b), n) >= 0 &&
                            glm::dot(glm::cross(a - c, p - c), n) >= 0;
        if (inside) best = t;
    }
    return best;
}

TestMesh roomWithClutter() {
    TestMesh m = testRoom();
    Random rng{7};
    for (int i = 0; i < 300; ++i) {
        const glm::vec3 c = rng.inBox({0, 0, 0}, {6, 4, 2.5f});
        m.triangle(c + rng.direction() * 0.3f, c + rng.direction() * 0.3f, c + rng.direction() * 0.3f);
    }
    return m;
}

} // namespace

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

TEST(Walker, FindFloorReturnsHighestWalkableSurfaceBelowStart) {
    const Walker& w = room().walker;
    EXPECT_NEAR(*w.findFloor(3.5f, 2.0f, 1.6f), 0.0f, 1e-6f);
    EXPECT_NEAR(*w.findFloor(1.0f, 1.0f, 1.6f), 0.05f, 1e-6f); // the rug
    EXPECT_NEAR(*w.findFloor(2.5f, 0.8f, 1.6f), 0.75f, 1e-6f); // the table top from above
    EXPECT_NEAR(*w.findFloor(2.5f, 0.8f, 0.5f), 0.0f, 1e-6f);  // the floor under it from below
    EXPECT_FALSE(w.findFloor(5.0f, 3.0f, 1.6f));               // the hole
    EXPECT_FALSE(w.findFloor(1.5f, 4.5f, 1.6f));               // beyond the doorway
}

TEST(Walker, FindFloorLooksPastSteepSurfaces) {
    TestMesh m;
    m.floor(0, 0, 2, 2, 0);
    m.triangle({0, 0, 0.5f}, {2, 0, 0.5f}, {1, 2, 1.5f});    // a 27 degree slab: walkable
    m.triangle({0, 0, 2.0f}, {2, 0, 2.0f}, {1, 0.5f, 3.5f}); // a 72 degree slab: not
    const MeshBvh bvh(m.positions, m.indices);
    const Walker w(bvh);
    EXPECT_NEAR(*w.findFloor(1.0f, 0.2f, 5.0f), 0.6f, 1e-5f);
}

TEST(Walker, SettlesAtEyeHeightAndNudgesOffAWall) {
    const Walker& w = room().walker;
    const auto eye = w.settle({3.5f, 2.0f, 2.2f});
    ASSERT_TRUE(eye);
    EXPECT_FLOAT_EQ(eye->z, 1.6f);
    const auto nearWall = w.settle({5.9f, 2.0f, 1.6f});
    ASSERT_TRUE(nearWall);
    EXPECT_NEAR(nearWall->x, 6.0f - 0.2f, 1e-3f);
    EXPECT_FALSE(w.settle({5.0f, 3.0f, 1.6f})); // over the hole
    EXPECT_FALSE(w.settle({3.0f, 5.0f, 1.6f})); // outside
}

TEST(Walker, WallStopsAWalkStraightIntoIt) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {3.5f, 2.0f, 1.6f}, {0.02f, 0.0f}, 200);
    EXPECT_NEAR(end.x, 6.0f - 0.2f, 2e-3f);
    EXPECT_NEAR(end.y, 2.0f, 1e-4f);
    EXPECT_FLOAT_EQ(end.z, 1.6f);
    EXPECT_TRUE(w.isClear(end));
}

TEST(Walker, FastMoveCannotTunnelThroughAWall) {
    const Walker& w = room().walker;
    const glm::vec3 end = w.move({3.5f, 2.0f, 1.6f}, {25.0f, 0.0f});
    EXPECT_NEAR(end.x, 6.0f - 0.2f, 2e-3f);
}

TEST(Walker, SlidesAlongWallWhenWalkingDiagonally) {
    const Walker& w = room().walker;
    glm::vec3 eye{5.7f, 1.8f, 1.6f};
    eye = walk(w, eye, glm::vec2(0.02f, 0.02f), 50, [&](glm::vec3 p) { ASSERT_LE(p.x, 5.8f + 1e-3f); });
    EXPECT_NEAR(eye.x, 5.8f, 2e-3f);
    EXPECT_NEAR(eye.y, 1.8f + 50 * 0.02f, 0.02f); // kept the part of the motion along the wall
}

TEST(Walker, StopsInACornerWhenWalkingDiagonallyIntoIt) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {5.65f, 0.45f, 1.6f}, glm::vec2(0.02f, -0.02f), 200);
    EXPECT_NEAR(end.x, 5.8f, 2e-3f);
    EXPECT_NEAR(end.y, 0.2f, 2e-3f);
}

TEST(Walker, FurnitureBlocksAndIsSlidAlong) {
    const Walker& w = room().walker;
    auto outsideTable = [](glm::vec3 p) { ASSERT_GE(distanceXY(p, kTableMin, kTableMax), 0.2f - 2e-3f); };
    glm::vec3 end = walk(w, {2.5f, 2.5f, 1.6f}, {0.0f, -0.02f}, 100, outsideTable);
    EXPECT_NEAR(end.y, kTableMax.y + 0.2f, 2e-3f);
    end = walk(w, end, {0.02f, -0.02f}, 50, outsideTable);
    EXPECT_GT(end.x, 3.0f);
    EXPECT_FLOAT_EQ(end.z, 1.6f); // never climbed onto it
}

TEST(Walker, ChestHigherThanStepHeightBlocks) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {0.75f, 3.6f, 1.6f}, {0.0f, -0.02f}, 100);
    // The chest's top edge (0.4 m) meets the capsule's lower hemisphere (centre 0.5 m, radius 0.2).
    EXPECT_NEAR(end.y, kChestMax.y + std::sqrt(0.2f * 0.2f - 0.1f * 0.1f), 2e-3f);
    EXPECT_FLOAT_EQ(end.z, 1.6f);
}

TEST(Walker, StepsOntoARugAndFollowsItsHeight) {
    const Walker& w = room().walker;
    glm::vec3 eye = walk(w, {1.0f, 2.0f, 1.6f}, {0.0f, -0.02f}, 50); // across the rug to y = 1
    EXPECT_NEAR(eye.y, 1.0f, 1e-3f);
    EXPECT_NEAR(eye.z, 1.65f, 1e-5f);
    eye = walk(w, eye, {0.0f, -0.02f}, 50);
    EXPECT_NEAR(eye.z, 1.6f, 1e-5f); // and down off it
}

TEST(Walker, ClimbsATwentyCentimetreStepAndComesDown) {
    const Walker& w = room().walker;
    glm::vec3 eye = walk(w, {4.0f, 1.0f, 1.6f}, {0.02f, 0.0f}, 50);
    EXPECT_NEAR(eye.x, 5.0f, 1e-3f);
    EXPECT_NEAR(eye.z, 1.8f, 1e-5f);
    eye = walk(w, eye, {0.0f, 0.02f}, 50);
    EXPECT_NEAR(eye.z, 1.6f, 1e-5f);
}

TEST(Walker, NeverEntersAHoleInTheFloorFromAnySide) {
    const Walker& w = room().walker;
    const glm::vec3 centre{5.0f, 3.0f, 0.0f};
    for (int i = 0; i < 16; ++i) {
        const float a = glm::radians(22.5f * float(i));
        const glm::vec2 toward(-std::cos(a), -std::sin(a));
        const auto start = w.settle(centre + glm::vec3(-toward * 0.75f, 1.6f));
        if (!start) continue; // too near a wall for this angle
        const glm::vec3 end = walk(w, *start, toward * 0.02f, 80, [&](glm::vec3 p) {
            ASSERT_FALSE(insideXY(p, glm::vec3(kHoleMin, 0), glm::vec3(kHoleMax, 0), -1e-3f))
                << "angle " << i;
            ASSERT_FLOAT_EQ(p.z, 1.6f);
        });
        EXPECT_LT(glm::distance(glm::vec2(end), glm::vec2(centre)), 0.75f); // it did walk up to the edge
    }
}

TEST(Walker, SlidesAlongTheEdgeOfAHole) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {4.2f, 2.7f, 1.6f}, {0.02f, 0.01f}, 60); // meets the edge at y = 2.85
    EXPECT_LE(end.x, kHoleMin.x + 1e-3f);
    EXPECT_GT(end.y, 3.0f); // moved on along the edge instead of stopping at it
}

TEST(Walker, NeverLeavesThroughAGapInTheWall) {
    const Walker& w = room().walker;
    for (float dx : {-0.01f, 0.0f, 0.01f}) {
        walk(w, {1.5f, 3.0f, 1.6f}, {dx, 0.02f}, 150, [](glm::vec3 p) { ASSERT_LE(p.y, 4.0f + 1e-3f); });
    }
    EXPECT_LE(w.move({1.5f, 3.0f, 1.6f}, {0.0f, 30.0f}).y, 4.0f + 1e-3f);
}

TEST(Walker, BridgesACrackNarrowerThanItsFootprint) {
    TestMesh m;
    m.floor(0, 0, 2, 2, 0), m.floor(2.04f, 0, 4, 2, 0); // a 4 cm crack at x = 2
    const MeshBvh bvh(m.positions, m.indices);
    const Walker w(bvh);
    const glm::vec3 end = walk(w, {1.0f, 1.0f, 1.6f}, {0.02f, 0.0f}, 100);
    EXPECT_NEAR(end.x, 3.0f, 1e-3f);
}

TEST(Walker, IsDeterministicAndIgnoresNonFiniteInput) {
    const Walker& w = room().walker;
    const glm::vec3 start{3.3f, 1.7f, 1.6f};
    const glm::vec3 a = w.move(start, {1.3f, -0.9f}), b = w.move(start, {1.3f, -0.9f});
    EXPECT_EQ(a, b);
    EXPECT_EQ(w.move(start, {kNaN, 0.0f}), start);
    EXPECT_EQ(w.move(start, {0.0f, 0.0f}), start);
}

TEST(Walker, HonoursConfiguredEyeHeight) {
    WalkerSettings s;
    s.eyeHeight = 1.2f;
    const Walker w(room().bvh, s);
    const auto eye = w.settle({3.5f, 2.0f, 2.0f});
    ASSERT_TRUE(eye);
    EXPECT_FLOAT_EQ(eye->z, 1.2f);
    EXPECT_FLOAT_EQ(w.move(*eye, {0.3f, 0.0f}).z, 1.2f);
}

// ---- Glide --------------------------------------------------------------------------------------

namespace {
const Pose kDoor{{0.6f, 2.0f, 1.6f}, 350.0f, -10.0f};
const Pose kWindow{{3.4f, 3.0f, 1.6f}, 10.0f, 5.0f};
} // namespace

TEST(Glide, ShortestYawDeltaWrapsAround) {
    EXPECT_FLOAT_EQ(shortestYawDelta(350.0f, 10.0f), 20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(10.0f, 350.0f), -20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(-170.0f, 170.0f), -20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(0.0f, 720.0f + 90.0f), 90.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(0.0f, 180.0f), 180.0f);
}

TEST(Glide, MovesWhenThePathIsClearAndIsExactAtBothEnds) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    ASSERT_EQ(plan.style, GlideStyle::Move);
    const GlideFrame start = evaluate(plan, 0.0f), end = evaluate(plan, plan.duration);
    EXPECT_EQ(start.pose.position, kDoor.position);
    EXPECT_EQ(start.pose.yawDeg, kDoor.yawDeg);
    EXPECT_EQ(end.pose.position, kWindow.position);
    EXPECT_FLOAT_EQ(end.pose.yawDeg, 370.0f); // 10 degrees, reached the short way
    EXPECT_EQ(end.pose.pitchDeg, kWindow.pitchDeg);
    EXPECT_EQ(start.fadeAlpha, 0.0f);
    EXPECT_EQ(end.fadeAlpha, 0.0f);
}

TEST(Glide, MoveIsContinuousWithoutYawFlips) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    GlideFrame last = evaluate(plan, 0.0f);
    for (float t = 0.001f; t <= plan.duration + 0.01f; t += 0.001f) {
        const GlideFrame f = evaluate(plan, t);
        ASSERT_LT(glm::distance(f.pose.position, last.pose.position), 0.01f) << t;
        ASSERT_LT(std::abs(f.pose.yawDeg - last.pose.yawDeg), 0.1f) << t;
        ASSERT_GE(f.pose.yawDeg, last.pose.yawDeg) << t; // 350 -> 370, through 360
        ASSERT_LT(std::abs(f.pose.pitchDeg - last.pose.pitchDeg), 0.1f) << t;
        last = f;
    }
}

TEST(Glide, EasesInAndOutWithZeroVelocityAtTheEnds) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    const float h = 1e-3f, distance = glm::distance(kDoor.position, kWindow.position);
    auto speed = [&](float t) {
        return glm::distance(evaluate(plan, t + h).pose.position, evaluate(plan, t).pose.position) / h;
    };
    EXPECT_LT(speed(0.0f), 0.01f);
    EXPECT_LT(speed(plan.duration - h), 0.01f);
    EXPECT_NEAR(speed(plan.duration / 2), 1.5f * distance / plan.duration, 0.01f); // smoothstep's peak
}

TEST(Glide, DurationFollowsDistanceWithinItsClamp) {
    Pose a{{3.0f, 2.0f, 1.6f}, 0.0f, 0.0f}, b = a, c = a, d = a;
    b.position.x += 0.1f;
    c.position.x += 1.4f;
    d.position += glm::vec3(-2.3f, 1.7f, 0.0f); // 2.86 m: capped
    const GlideSettings s;
    EXPECT_FLOAT_EQ(planGlide(a, b, room().bvh, {}, false).duration, s.minSeconds);
    EXPECT_NEAR(planGlide(a, c, room().bvh, {}, false).duration, 1.4f / s.speed, 1e-4f);
    EXPECT_FLOAT_EQ(planGlide(a, d, room().bvh, {}, false).duration, s.maxSeconds);
    Pose turn = a;
    turn.yawDeg = 150.0f; // a turn on the spot takes its time too
    EXPECT_NEAR(planGlide(a, turn, room().bvh, {}, false).duration, 150.0f / s.turnSpeedDeg, 1e-4f);
}

TEST(Glide, FadesWhenFurnitureBlocksThePath) {
    const Pose a{{2.5f, 0.2f, 1.6f}, 90.0f, 0.0f}, b{{2.5f, 1.5f, 1.6f}, 90.0f, 0.0f}; // across the table
    EXPECT_EQ(planGlide(a, b, room().bvh, {}, false).style, GlideStyle::Fade);
    const Pose c{{0.75f, 2.2f, 1.6f}, 90.0f, 0.0f}, d{{0.75f, 3.3f, 1.6f}, 90.0f, 0.0f}; // over the low chest
    EXPECT_EQ(planGlide(c, d, room().bvh, {}, false).style, GlideStyle::Fade);
    const Pose e{{1.9f, 0.3f, 1.6f}, 90.0f, 0.0f}, f{{1.9f, 1.5f, 1.6f}, 90.0f, 0.0f}; // brushing its side
    EXPECT_EQ(planGlide(e, f, room().bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadesThroughAWall) {
    TestMesh m = testRoom();
    m.wallX(3.0f, 1.5f, 4.0f, 0.0f, 2.5f); // a partition
    const MeshBvh bvh(m.positions, m.indices);
    const Pose a{{2.0f, 3.0f, 1.6f}, 0.0f, 0.0f}, b{{4.0f, 3.0f, 1.6f}, 0.0f, 0.0f};
    EXPECT_EQ(planGlide(a, b, bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadesWhenReducedMotionIsOn) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, true);
    EXPECT_EQ(plan.style, GlideStyle::Fade);
    EXPECT_FLOAT_EQ(plan.duration, 0.7f);
}

TEST(Glide, FadesWhenAPoseIsNotFinite) {
    Pose broken = kWindow;
    broken.position.y = kNaN;
    EXPECT_EQ(planGlide(kDoor, broken, room().bvh, {}, false).style, GlideStyle::Fade);
    broken = kWindow, broken.yawDeg = kNaN;
    EXPECT_EQ(planGlide(kDoor, broken, room().bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadeDarkensCutsAtBlackAndClears) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, true);
    EXPECT_EQ(evaluate(plan, 0.0f).pose.position, kDoor.position);
    EXPECT_EQ(evaluate(plan, 0.2f).pose.position, kDoor.position);
    EXPECT_NEAR(evaluate(plan, plan.fadeOutSeconds - 1e-4f).fadeAlpha, 1.0f, 1e-3f);
    EXPECT_EQ(evaluate(plan, plan.fadeOutSeconds).pose.position, kWindow.position);
    EXPECT_FLOAT_EQ(evaluate(plan, plan.fadeOutSeconds).fadeAlpha, 1.0f);
    float last = 0.0f;
    for (float t = 0.0f; t <= plan.duration + 0.01f; t += 0.001f) {
        const float alpha = evaluate(plan, t).fadeAlpha;
        ASSERT_LT(std::abs(alpha - last), 0.01f) << t;
        last = alpha;
    }
    EXPECT_EQ(evaluate(plan, plan.duration).fadeAlpha, 0.0f);
    EXPECT_EQ(evaluate(plan, kNaN).pose.position, kDoor.position);
}
