#pragma once
// The plain CPU form of a room: what every importer produces and what the renderer uploads.
// World convention: right-handed, +Z up, metres.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"

namespace sr::asset {

struct Vertex {
    glm::vec3 position; // metres, +Z up
    glm::vec3 normal;   // unit length
    glm::vec2 uv;       // texture space, (0,0) = top-left of the image as stored in the file
    uint32_t color;     // RGBA8, sRGB-encoded, R in the lowest byte; 0xffffffff when the file has none
};
static_assert(sizeof(Vertex) == 36);

// A texture with its full mip chain, level 0 first; each level half the size of the one before
// (rounded down, at least 1), downsampled in linear light. Pixels are sRGB-encoded RGBA8.
struct Texture {
    std::string name; // file path or "embedded:N", for messages
    std::vector<core::Image8> mips;
};

// The first level of a mip chain (level 0 first; anything with `width` and `height`) no larger
// than `limit` on a side; the smallest level always stays.
template <class Mips> size_t firstMipWithin(const Mips& mips, uint32_t limit) {
    size_t first = 0;
    while (first + 1 < mips.size() && std::max(mips[first].width, mips[first].height) > limit) ++first;
    return first;
}

struct Material {
    std::string name;
    glm::vec4 baseColor{1.0f}; // linear RGBA factor multiplied with the texture and vertex colour
    int texture = -1;          // index into RoomMesh::textures, or -1 for none
};

// A range of RoomMesh::indices drawn with one material.
struct Submesh {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0; // a multiple of 3
    uint32_t material = 0;
};

struct Bounds {
    glm::vec3 min{0.0f};
    glm::vec3 max{0.0f};
    glm::vec3 center() const { return (min + max) * 0.5f; }
    glm::vec3 size() const { return max - min; }
};

struct RoomMesh {
    std::string source; // the file it came from, for messages
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices; // triangle list
    std::vector<Submesh> submeshes;
    std::vector<Material> materials;
    std::vector<Texture> textures;
    bool hasVertexColors = false;
    Bounds bounds;

    size_t triangleCount() const { return indices.size() / 3; }
};

// Recomputes `bounds` from the vertices (empty mesh: all zero).
void computeBounds(RoomMesh& mesh);

} // namespace sr::asset
