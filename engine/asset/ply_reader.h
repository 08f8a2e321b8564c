#pragma once
// Internal to the asset module: the PLY reader. Every PLY file comes here rather than to Assimp.
//
// Assimp 5.2.5's PLY loader has memory-safety bugs that malformed files trigger (Assimp's own
// test suite holds a crashing header and a heap overflow), allocates by the header's counts
// before checking them against the file, reads per-face texture coordinates
// (`property list uchar float texcoord` on faces, as OpenMVS, COLMAP and MVS-Texturing write
// them) into per-vertex UVs, so every texture seam smears, and reads `element tristrips` as one
// triangle. This reader checks every read against the file's bounds and handles all three.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace sr::asset::detail {

struct PlyMesh {
    // Per vertex; normals, uvs and colors are empty when the file has none. When faces carry
    // their own texture coordinates, every triangle corner is a vertex here (the importer merges
    // identical ones again).
    std::vector<float> positions; // x, y, z
    std::vector<float> normals;   // x, y, z
    std::vector<float> uvs;       // u, v (v up, as written)
    std::vector<float> colors;    // r, g, b, a in 0..1
    // Triangles grouped by texture (`texnumber`, index into textureFiles); one group when the
    // file names no texture. Indices may be out of range: the importer drops and counts those.
    std::vector<std::vector<uint32_t>> triangles;
    // From `comment TextureFile NAME` lines, in order, as written (relative to the PLY file).
    std::vector<std::string> textureFiles;
    uint64_t droppedFaces = 0; // faces whose texcoord list does not match their corner count
};

// Whether `bytes` start like a PLY file ("ply" and a line break), whatever the file is called.
bool looksLikePly(std::span<const uint8_t> bytes);

// Reads an ASCII or binary (either endianness) PLY: vertex x/y/z, nx/ny/nz, red/green/blue/alpha,
// u/v (also s/t, texture_u/texture_v); face vertex_indices (polygons are fanned), texcoord,
// texnumber; tristrips vertex_indices with -1 restarts. Other elements and properties are
// skipped; header lines that are none of format/element/property/comment are ignored. Errors
// name `name`: malformed header, unknown type, counts larger than the file can hold, data that
// ends early. Never reads outside `bytes`.
core::Result<PlyMesh> readPly(std::span<const uint8_t> bytes, const std::string& name);

} // namespace sr::asset::detail
