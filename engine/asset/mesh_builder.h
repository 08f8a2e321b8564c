#pragma once
// Internal to the asset module: merges triangle meshes given in a file's own axes and units into
// one RoomMesh (world: right-handed, +Z up, metres). Knows nothing of Assimp or file formats.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "asset/import.h"
#include "asset/room_mesh.h"

namespace sr::asset::detail {

// One triangle mesh as a file describes it, borrowed (the builder copies what it keeps).
// Attributes are strided float arrays, nullptr when absent; strides count floats.
// Positions and normals: file axes and units. UVs: v pointing up, as Assimp and OBJ store them
// (the builder flips them to RoomMesh's top-left origin). Colours: RGBA 0..1, the file's values.
struct SourceMesh {
    uint32_t vertexCount = 0;
    const float* positions = nullptr;
    size_t positionStride = 3;
    const float* normals = nullptr;
    size_t normalStride = 3;
    const float* uvs = nullptr;
    size_t uvStride = 2;
    const float* colors = nullptr;
    size_t colorStride = 4;
    std::span<const uint32_t> triangles; // three vertex indices per triangle
    uint32_t slot = 0;                   // index into the builder's MaterialSlot list
};

// Where the triangles of one material of the file go. A UDIM material (its UVs span several unit
// tiles, each tile its own image) lists the tiles that have an image, its own included: a
// triangle whose UV centroid lies in listed tile T = 1001 + floor(u) + 10 * floor(v) goes to T's
// material with its UVs shifted by (-floor(u), -floor(v)) into the unit square; a triangle in an
// unlisted tile stays on `material` with its UVs unchanged.
struct MaterialSlot {
    uint32_t material = 0;
    std::vector<std::pair<uint32_t, uint32_t>> udimTiles; // (tile number, material)
};

// World coordinates (metres) farther from the origin than this are taken for garbage: a room is
// tens of metres across, the manifest places nothing beyond 100 km, and float arithmetic on
// positions this large (areas, normals, picking) stays finite.
inline constexpr float kMaxWorldCoordinate = 1.0e6f;

// Triangles and primitives left out of the result, for the import's log line.
struct DropCounts {
    uint64_t nonFinite = 0;  // a corner's position is NaN or infinite
    uint64_t farAway = 0;    // a corner lies beyond kMaxWorldCoordinate once placed in the world
    uint64_t badIndex = 0;   // a corner's index is outside the vertex array, or a face is malformed
    uint64_t degenerate = 0; // two corners at the same position: nothing to draw or hit
    uint64_t points = 0;
    uint64_t lines = 0;
    uint64_t triangles() const { return nonFinite + farAway + badIndex; }
};

// The rotation that takes the file's up axis onto +Z (a proper rotation, determinant +1):
// +Y up maps (x, y, z) to (x, -z, y), the usual Y-up to Z-up conversion.
glm::mat3 upAxisRotation(UpAxis up);

class MeshBuilder {
public:
    // `slots` maps the file's materials to final material indices below `materialCount`.
    MeshBuilder(const ImportOptions& options, std::vector<MaterialSlot> slots, uint32_t materialCount);

    // Adds `mesh` once per entry of `instances` (node-to-file-root transforms, file units).
    // Triangles with an out-of-range index, a non-finite corner, a corner beyond
    // kMaxWorldCoordinate once placed, or two corners at one position are dropped and counted; identical
    // vertices are merged; missing normals are computed (area-weighted, smooth across corners at the same
    // position). Throws std::bad_alloc when memory runs out and std::length_error past 2^32 - 1 vertices.
    void addMesh(const SourceMesh& mesh, std::span<const glm::mat4> instances);

    DropCounts& drops() { return mDrops; }
    uint64_t triangleCount() const { return mTriangleMaterial.size(); }

    // Sorts the triangles into one submesh per used material, in material order, and renumbers
    // the materials densely: `keptMaterials[i]` is the original index of the result's material
    // i. The result's `materials`, `textures`, `source` and `bounds` are left for the caller.
    RoomMesh finish(std::vector<uint32_t>& keptMaterials);

private:
    struct Local; // one source mesh, merged and in file space, ready to place per instance
    void buildLocal(const SourceMesh& mesh, Local& local);
    void splitUdimTiles(const MaterialSlot& slot, Local& local);
    void emit(const Local& local, const glm::mat4& instance);

    glm::mat3 mAxes;
    float mScale;
    std::vector<MaterialSlot> mSlots;
    uint32_t mMaterialCount;
    std::vector<Vertex> mVertices;
    std::vector<uint32_t> mTriangles; // three indices per triangle
    std::vector<uint32_t> mTriangleMaterial;
    bool mHasColors = false;
    DropCounts mDrops;
};

} // namespace sr::asset::detail
