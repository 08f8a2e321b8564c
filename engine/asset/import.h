#pragma once
// Importing meshes through Assimp into a RoomMesh. The only file that includes Assimp.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Which axis of the file points up. The importer rotates it onto +Z.
enum class UpAxis { PosX, NegX, PosY, NegY, PosZ, NegZ };

// Parses "+Y", "-z", "Y" (= "+Y"), ... ; fails with a message naming the accepted values.
core::Result<UpAxis> parseUpAxis(std::string_view text);
// Parses a unit name ("m", "cm", "mm", "in", "ft") into metres per file unit.
core::Result<float> parseUnits(std::string_view text);

struct ImportOptions {
    UpAxis up = UpAxis::PosY;
    float metresPerUnit = 1.0f;
    // Textures wider or taller than this are downsampled (with a log line) before mips are built.
    uint32_t maxTextureSize = 16384;
    // Largest texture file accepted, in pixels (width * height), before decoding.
    uint64_t maxTexturePixels = uint64_t(16384) * 16384;
};

// Imports a mesh file (OBJ+MTL, PLY, glTF/GLB, FBX, DAE and whatever else Assimp reads):
// triangulates, drops points and lines, generates normals where missing, keeps 32-bit indices,
// applies the up axis and unit scale, merges all nodes into world space, and loads every texture
// with a full mip chain. A missing or undecodable texture leaves its material a neutral grey
// and logs the file and the reason; a missing or unreadable mesh, or one with no triangles, is
// an Error naming the file.
core::Result<RoomMesh> importRoomMesh(const std::filesystem::path& file, const ImportOptions& options);

} // namespace sr::asset
