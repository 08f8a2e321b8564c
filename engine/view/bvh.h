#pragma once
// A bounding volume hierarchy over a room's triangles, for the spatial questions of walking and
// picking: where does a ray meet the scan, is a segment clear, what lies near a capsule.
// World space: right-handed, +Z up, metres. Scans are open surfaces, so every query treats a
// triangle as two-sided.
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "asset/room_mesh.h"

namespace sr::view {

// Where a ray first meets the mesh.
struct RayHit {
    float distance = 0.0f;  // metres from the ray's origin along its unit direction
    uint32_t triangle = 0;  // index of the triangle in the mesh: corners are indices[3t .. 3t+2]
    glm::vec3 point{0.0f};  // world space
    glm::vec3 normal{0.0f}; // unit geometric normal, turned to face the ray's origin
};

// The point of the mesh nearest to a query point or segment.
struct Contact {
    float distance = 0.0f;      // metres between `point` and `queryPoint`
    uint32_t triangle = 0;      // index of the triangle in the mesh
    glm::vec3 point{0.0f};      // on the mesh
    glm::vec3 queryPoint{0.0f}; // on the query (the point itself, or the nearest point of the segment)
};

// One triangle as a query reports it: its mesh index and its corners in world space.
struct TriangleRef {
    uint32_t triangle = 0;
    glm::vec3 a{0.0f}, b{0.0f}, c{0.0f};
};

// The point of triangle abc nearest to p. Works for degenerate (zero-area) triangles too.
glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                                 const glm::vec3& c);
// The point of segment p0p1 nearest to q.
glm::vec3 closestPointOnSegment(const glm::vec3& q, const glm::vec3& p0, const glm::vec3& p1);

// The nearest pair of points between segment p0p1 and triangle abc: `first` on the segment,
// `second` on the triangle; equal where they intersect. A zero-length segment is a point.
std::pair<glm::vec3, glm::vec3> closestPointsSegmentTriangle(const glm::vec3& p0, const glm::vec3& p1,
                                                             const glm::vec3& a, const glm::vec3& b,
                                                             const glm::vec3& c);

// Immutable after construction; any number of threads may query one concurrently.
class MeshBvh {
public:
    // Builds over `mesh.vertices[*].position` and `mesh.indices` (a triangle list) with binned SAH
    // splits, O(n log n), on the calling thread; leaves hold at most 8 triangles. Triangles with a
    // non-finite corner, an out-of-range index or (near) zero area are left out: no query ever
    // reports them. Keeps its own copy of the corners; `mesh` may be destroyed afterwards.
    explicit MeshBvh(const asset::RoomMesh& mesh);
    // The same from bare positions and a triangle list of indices into them.
    MeshBvh(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices);

    // The nearest hit along the ray origin + t * unitDir for t in [0, maxDistance], either face.
    // `unitDir` must be unit length. None when nothing is hit or an input is not finite.
    std::optional<RayHit> raycast(const glm::vec3& origin, const glm::vec3& unitDir, float maxDistance) const;
    // Whether the segment from `from` to `to` touches any triangle (occlusion). A zero-length or
    // non-finite segment touches nothing.
    bool anyHit(const glm::vec3& from, const glm::vec3& to) const;
    // Calls `visit` once for every triangle whose bounding box overlaps the box [min, max]
    // (conservative: the triangle itself may miss the box), in no particular order.
    void forEachTriangleInBox(const glm::vec3& min, const glm::vec3& max,
                              const std::function<void(const TriangleRef&)>& visit) const;
    // The point of the mesh nearest to `p` no farther than `maxDistance` (a sphere contact).
    std::optional<Contact> closestPoint(const glm::vec3& p, float maxDistance) const;
    // The point of the mesh nearest to segment p0p1 no farther than `maxDistance` (a capsule of
    // radius maxDistance around the segment is in contact with the mesh exactly when this is set).
    std::optional<Contact> closestPointToSegment(const glm::vec3& p0, const glm::vec3& p1,
                                                 float maxDistance) const;

    // Triangles kept (after leaving out the bad ones) and nodes in the tree.
    size_t triangleCount() const { return mTriangles.size(); }
    size_t nodeCount() const { return mNodes.size(); }
    // Box around every kept triangle (all zero when there are none).
    const asset::Bounds& bounds() const { return mBounds; }

private:
    struct Node {
        glm::vec3 min;
        uint32_t first; // leaf: first triangle; inner: index of the left child (right is first + 1)
        glm::vec3 max;
        uint32_t count; // triangles in a leaf; 0 for an inner node
    };
    struct Triangle {
        glm::vec3 a, b, c;
    };

    void build(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices);
    // Depth-first over the nodes that `nodeTest(min, max)` accepts; stops when `leafVisit(i)` says false.
    template <class NodeTest, class LeafVisit>
    void traverse(NodeTest&& nodeTest, LeafVisit&& leafVisit) const;
    // Nearest-first over the nodes whose `bound(min, max)` (a lower bound on any distance inside)
    // does not exceed `best`, which `leafVisit(i)` may lower as it finds closer triangles.
    template <class Bound, class LeafVisit>
    void traverseNearest(Bound&& bound, const float& best, LeafVisit&& leafVisit) const;

    std::vector<Node> mNodes;         // mNodes[0] is the root when there is any triangle
    std::vector<Triangle> mTriangles; // in leaf order
    std::vector<uint32_t> mMeshIndex; // mesh triangle index of each entry of mTriangles
    asset::Bounds mBounds;
};

} // namespace sr::view
