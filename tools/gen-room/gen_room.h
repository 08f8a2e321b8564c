#pragma once
// Synthetic photogrammetry-like rooms for benchmarks and tests: a room with furniture as one
// irregular, noisy triangle mesh cut into many small texture charts (so the mesh has seams like a
// scan), packed into a given number of JPEG atlases. Written as OBJ + MTL + JPEGs, +Z up, metres.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"

namespace sr::genroom {

struct RoomSpec {
    uint64_t triangles = 1000000; // aimed at; the mesh lands within a few percent
    uint32_t atlases = 4;
    uint32_t atlasSize = 2048; // texels on a side
    int jpegQuality = 85;
    uint64_t seed = 1;
    glm::vec3 size{6.0f, 5.0f, 2.7f}; // the room's inside, metres
    float chartSize = 0.6f;           // metres on a side of a texture chart
};

// A flat mesh as the generator builds it: one texture coordinate per vertex, faces grouped by atlas.
struct GeneratedMesh {
    std::vector<glm::vec3> positions;
    std::vector<glm::vec2> uvs; // atlas space, (0,0) top-left
    std::vector<uint32_t> indices;
    std::vector<uint32_t> atlasFirstTriangle; // per atlas, plus one past the end
};

// A rectangle of surface: origin + s * u + t * v for s in [0, width], t in [0, height]; faces
// the side of cross(u, v).
struct Surface {
    glm::vec3 origin;
    glm::vec3 u, v;
    float width, height;
    glm::vec3 color; // sRGB base colour, 0..1
};

// The room's surfaces: floor, ceiling, four walls facing in, and some furniture boxes.
std::vector<Surface> roomSurfaces(const RoomSpec& spec);

// One chart of a surface and where it lies in which atlas.
struct Chart {
    uint32_t surface;
    glm::vec2 start, extent; // in the surface's (s, t), metres
    uint32_t atlas;
    glm::uvec2 cellOrigin; // texels
    uint32_t cellSize;     // texels, square, with a gutter inside
};

// Cuts the surfaces into charts and packs them into spec.atlases square grids.
std::vector<Chart> planCharts(const std::vector<Surface>& surfaces, const RoomSpec& spec);

// Triangulates every chart with a jittered grid (random diagonals, noise along the normal) of about
// spec.triangles triangles in all. Chart borders are not jittered, so charts meet without gaps.
GeneratedMesh buildMesh(const std::vector<Surface>& surfaces, const std::vector<Chart>& charts,
                        const RoomSpec& spec);

// Paints atlas `atlas`: each chart's texels get the surface's colour with grain, stains and soft
// light, as a scan's texture would. Uses several threads.
core::Image8 paintAtlas(const std::vector<Surface>& surfaces, const std::vector<Chart>& charts,
                        uint32_t atlas, const RoomSpec& spec);

// Writes `folder`/room.obj, room.mtl and atlas_NN.jpg. Errors name the file.
core::Status writeRoom(const std::filesystem::path& folder, const RoomSpec& spec);

} // namespace sr::genroom
