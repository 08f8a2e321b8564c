#pragma once
// Importing meshes through Assimp into a RoomMesh. The only file that includes Assimp.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include <glm/glm.hpp>

#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Which axis of the file points up. The importer rotates it onto +Z.
enum class UpAxis { PosX, NegX, PosY, NegY, PosZ, NegZ };

// Parses "+Y", "-z", "Y" (= "+Y"), ... ; fails with a message naming the accepted values.
core::Result<UpAxis> parseUpAxis(std::string_view text);
// The rotation the importer applies to the file's coordinates (before metresPerUnit): `up` onto
// +Z, then, when `upVector` is not zero, the smallest tilt that makes it point exactly along +Z.
// A proper rotation (determinant +1).
glm::mat3 fileToWorldRotation(UpAxis up, const glm::vec3& upVector = glm::vec3(0.0f));

// Parses a unit name ("m", "cm", "mm", "in", "ft") into metres per file unit.
core::Result<float> parseUnits(std::string_view text);

struct ImportOptions {
    UpAxis up = UpAxis::PosY;
    float metresPerUnit = 1.0f;
    // When not zero: the file's exact up direction, a calibrated one (the photogrammetry cameras'
    // mean up, docs/poses.md). The importer turns it onto +Z after `up` (which should be the axis
    // nearest to it, and so decides the heading) with the smallest further rotation.
    glm::vec3 upVector{0.0f};
    // Textures wider or taller than this are downsampled (with a log line) before mips are built.
    uint32_t maxTextureSize = 16384;
    // Largest texture file accepted, in pixels (width * height), before decoding.
    uint64_t maxTexturePixels = uint64_t(16384) * 16384;
    // When set (an exhibit folder), texture files outside it are refused like missing ones, and so
    // are the other files a mesh names (an OBJ's material libraries, a glTF's buffers: each one
    // refused is logged, or named in the error when the mesh cannot load without it), so an
    // exhibit's mesh cannot make the viewer read elsewhere.
    std::filesystem::path confineTexturesTo;
};

// The linear base colour of a material whose texture is missing or undecodable: a neutral mid
// grey, sRGB-encoded 128/255 (0.2158 linear) in red, green and blue; the alpha factor is kept.
inline constexpr float kMissingTextureGrey = 0.2158605f;

// Imports a mesh file (OBJ+MTL, PLY, glTF/GLB, FBX, DAE and whatever else Assimp reads) into a
// RoomMesh in world space: right-handed, +Z up, metres.
//
// Geometry: polygons are triangulated; points and lines are ignored (counted in one log line);
// every node's transform is applied (normals through the inverse transpose; a mirroring node
// keeps its winding consistent); the file's `up` axis is rotated onto +Z and coordinates are
// scaled by `metresPerUnit`. `up` and `units` describe the coordinates as Assimp presents them,
// which are the file's own numbers except for COLLADA, whose declared up axis and unit Assimp
// applies (a .dae then reads as +Y up, metres). Identical vertices are merged; normals missing
// from the file are computed (area-weighted, smooth). Triangles with a NaN or infinite corner, a
// corner farther than 1000 km from the origin once in metres, or an out-of-range index are
// dropped and counted in one warning (an OBJ with an out-of-range index is refused by Assimp
// itself); triangles with two corners at one position are dropped and counted in an info line.
// Indices are 32-bit; one submesh per material in use.
// PLY files (recognised by content) are read by the project's own bounds-checked reader, not by
// Assimp 5.2.5, whose PLY loader crashes on malformed files and smears per-face UVs: it reads
// per-face `texcoord` lists (OpenMVS, COLMAP), `tristrips`, and `comment TextureFile` lines (a
// `texnumber` face property picks one). Header counts larger than the file (PLY, OFF) are
// refused before anything is allocated by them.
//
// Materials and textures: the base colour factor (glTF base colour, or diffuse colour with
// opacity as alpha; an opacity of 0 is read as OBJ's "Tr" mix-up and made 1) is the file's,
// taken as linear; the base colour / diffuse image is loaded
// with a full mip chain, each distinct image once, several in parallel. Image paths resolve
// against the mesh file's folder; backslashes count as separators, and a path from the authoring
// machine falls back to its file name beside the mesh. Images embedded in the file (glTF, FBX)
// are decoded from memory. A material whose image name holds a UDIM tile number (e.g.
// texture_1001.png) with sibling tiles beside it is split per tile, with UVs shifted into the
// unit square; Meshroom's one-material-per-tile layout loads as is. A missing or undecodable
// image leaves its materials untextured and kMissingTextureGrey, with one warning naming the
// image, the mesh file and the reason.
//
// Fails with an Error naming the file when it is missing or not a regular file, when Assimp
// cannot read it (Assimp's message included), when it holds no triangles, or when memory runs
// out. Never throws. Runs on the calling thread plus up to four texture threads; reentrant.
// A file that crashes Assimp itself crashes the caller: import untrusted files in a child process.
// `progress` hears how far the import has come, in [0, 1], on the calling thread: reading the file
// (Assimp's parser, as it reports), then the meshes built, then the textures.
core::Result<RoomMesh> importRoomMesh(const std::filesystem::path& file, const ImportOptions& options,
                                      const std::function<void(double)>& progress = {});

// Whether importRoomMesh() knows a file extension ("obj", ".PLY", ...; case-insensitive).
// Assimp also recognises some files by content, whatever their extension.
bool isImportableExtension(std::string_view extension);

} // namespace sr::asset
