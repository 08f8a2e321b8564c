// Unit tests of importRoomMesh. Every fixture is generated into a fresh folder per test.
#include <gtest/gtest.h>

#include "log_capture.h"
#include "test_folder.h"

#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/scene.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "asset/import.h"
#include "asset/material_loader.h"
#include "core/files.h"
#include "core/image.h"
#include "core/log.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {
using sr::test::LogCapture;

constexpr uint32_t kRed = 0xff0000ff, kGreen = 0xff00ff00, kBlue = 0xffff0000, kWhite = 0xffffffff;
constexpr uint32_t kYellow = 0xff00ffff, kBlack = 0xff000000;

fs::path testFolder() { return sr::test::freshTestFolder("asset"); }

using sr::test::writeBytes;

void writeText(const fs::path& file, std::string_view text) { writeBytes(file, text); }

// An image split into quadrants: top-left, top-right, bottom-left, bottom-right (RGBA, R low).
sr::core::Image8 quadrants(uint32_t w, uint32_t h, uint32_t tl, uint32_t tr, uint32_t bl, uint32_t br) {
    sr::core::Image8 image{w, h};
    for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x) {
            uint32_t c = y < h / 2 ? (x < w / 2 ? tl : tr) : (x < w / 2 ? bl : br);
            for (int k = 0; k < 4; ++k) image.at(x, y)[k] = uint8_t(c >> (8 * k));
        }
    }
    return image;
}

void savePng(const fs::path& file, const sr::core::Image8& image) {
    fs::create_directories(file.parent_path());
    ASSERT_TRUE(sr::core::writePng(file, image).ok()) << file;
}

// Nearest texel of level 0 at a RoomMesh UV ((0,0) = top-left of the stored image).
uint32_t sample(const Texture& texture, glm::vec2 uv) {
    const sr::core::Image8& image = texture.mips[0];
    uint32_t x = std::min(image.width - 1, uint32_t(std::max(0.0f, uv.x) * float(image.width)));
    uint32_t y = std::min(image.height - 1, uint32_t(std::max(0.0f, uv.y) * float(image.height)));
    const uint8_t* p = image.at(x, y);
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

const Vertex* findVertex(const RoomMesh& mesh, glm::vec3 position, float tolerance = 1e-4f) {
    for (const Vertex& v : mesh.vertices) {
        if (glm::length(v.position - position) < tolerance) return &v;
    }
    return nullptr;
}

// Two unit quads side by side, one per Meshroom-style atlas material. File +Y is up.
const char* kMeshroomObj = R"(# Meshroom-style textured mesh
mtllib texturedMesh.mtl
v 0 0 0
v 1 0 0
v 1 1 0
v 0 1 0
v 2 0 0
v 3 0 0
v 3 1 0
v 2 1 0
vt 0.25 0.25
vt 0.75 0.25
vt 0.75 0.75
vt 0.25 0.75
usemtl TextureAtlas_1001
f 1/1 2/2 3/3
f 1/1 3/3 4/4
usemtl TextureAtlas_1002
f 5/1 6/2 7/3
f 5/1 7/3 8/4
)";

const char* kMeshroomMtl = R"(newmtl TextureAtlas_1001
Ka 0.6 0.6 0.6
Kd 0.6 0.6 0.6
Ks 0.0 0.0 0.0
d 1.0
illum 1
map_Kd texture_1001.png

newmtl TextureAtlas_1002
Ka 0.6 0.6 0.6
Kd 0.6 0.6 0.6
Ks 0.0 0.0 0.0
d 1.0
illum 1
map_Kd texture_1002.png
)";

// `tileOffsetUvs`: the second material's UVs carry their UDIM offset (u + 1), as some
// Meshroom versions write them.
fs::path writeMeshroomScan(const fs::path& folder, bool tileOffsetUvs = false) {
    std::string obj = kMeshroomObj;
    if (tileOffsetUvs) {
        obj.insert(obj.find("usemtl TextureAtlas_1001"),
                   "vt 1.25 0.25\nvt 1.75 0.25\nvt 1.75 0.75\nvt 1.25 0.75\n");
        obj.replace(obj.find("f 5/1 6/2 7/3"), std::string::npos, "f 5/5 6/6 7/7\nf 5/5 7/7 8/8\n");
    }
    writeText(folder / "texturedMesh.obj", obj);
    writeText(folder / "texturedMesh.mtl", kMeshroomMtl);
    savePng(folder / "texture_1001.png", quadrants(4, 4, kRed, kGreen, kBlue, kWhite));
    savePng(folder / "texture_1002.png", quadrants(8, 2, kYellow, kBlack, kGreen, kRed));
    return folder / "texturedMesh.obj";
}

// One untextured material naming `map` (may be empty) over a single quad.
fs::path writeObjWithMap(const fs::path& folder, const std::string& map, const std::string& extraFaces = "") {
    writeText(folder / "room.obj",
              "mtllib room.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n"
              "vt 0 1\nusemtl wall\nf 1/1 2/2 3/3\nf 1/1 3/3 4/4\n" +
                  extraFaces);
    writeText(folder / "room.mtl", "newmtl wall\nKd 1 1 1\n" + (map.empty() ? "" : "map_Kd " + map + "\n"));
    return folder / "room.obj";
}

std::string base64(const std::vector<uint8_t>& bytes) {
    static const char* kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= bytes[i + 2];
        out += kDigits[(n >> 18) & 63];
        out += kDigits[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kDigits[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kDigits[n & 63] : '=';
    }
    return out;
}

template <class T> void append(std::vector<uint8_t>& out, std::initializer_list<T> values) {
    for (T v : values) {
        const uint8_t* p = reinterpret_cast<const uint8_t*>(&v);
        out.insert(out.end(), p, p + sizeof(T));
    }
}

// A floor quad (glTF +Y up) with normals, UVs and a quadrant texture; `nodes` places it.
struct GltfQuad {
    std::vector<uint8_t> geometry; // positions 48, normals 48, uvs 32, indices 12 bytes
    std::vector<uint8_t> png;
};

GltfQuad makeGltfQuad(const fs::path& folder) {
    GltfQuad quad;
    append<float>(quad.geometry, {0, 0, 0, 1, 0, 0, 1, 0, -1, 0, 0, -1});
    append<float>(quad.geometry, {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0});
    append<float>(quad.geometry, {0.25f, 0.75f, 0.75f, 0.75f, 0.75f, 0.25f, 0.25f, 0.25f});
    append<uint16_t>(quad.geometry, {0, 1, 2, 0, 2, 3});
    savePng(folder / "quad-image.png", quadrants(4, 4, kRed, kGreen, kBlue, kWhite));
    quad.png = *sr::core::readFile(folder / "quad-image.png");
    return quad;
}

std::string gltfJson(const std::string& bufferEntry, const std::string& imageEntry, size_t bufferLength,
                     const std::string& extraViews, const std::string& nodes, const std::string& sceneNodes) {
    return R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": )" + sceneNodes + R"(}],
"nodes": )" +
           nodes + R"(,
"meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2}, "indices": 3, "material": 0}]}],
"materials": [{"name": "floor", "pbrMetallicRoughness": {"baseColorFactor": [1, 1, 1, 1], "baseColorTexture": {"index": 0}}}],
"textures": [{"source": 0}],
"images": [)" +
           imageEntry + R"(],
"buffers": [)" +
           bufferEntry + R"(],
"bufferViews": [
  {"buffer": 0, "byteOffset": 0, "byteLength": 48}, {"buffer": 0, "byteOffset": 48, "byteLength": 48},
  {"buffer": 0, "byteOffset": 96, "byteLength": 32}, {"buffer": 0, "byteOffset": 128, "byteLength": 12})" +
           extraViews + R"(],
"accessors": [
  {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3", "min": [0, 0, -1], "max": [1, 0, 0]},
  {"bufferView": 1, "componentType": 5126, "count": 4, "type": "VEC3"},
  {"bufferView": 2, "componentType": 5126, "count": 4, "type": "VEC2"},
  {"bufferView": 3, "componentType": 5123, "count": 6, "type": "SCALAR"}]}
)" + std::string(bufferLength > 0 ? "" : "");
}

const char* kTranslatedNode = R"([{"mesh": 0, "translation": [1, 2, 3]}])";

fs::path writeGltfWithDataUris(const fs::path& folder, const std::string& nodes = kTranslatedNode,
                               const std::string& sceneNodes = "[0]") {
    GltfQuad quad = makeGltfQuad(folder);
    std::string buffer = R"({"byteLength": 140, "uri": "data:application/octet-stream;base64,)" +
                         base64(quad.geometry) + "\"}";
    std::string image = R"({"uri": "data:image/png;base64,)" + base64(quad.png) + "\"}";
    writeText(folder / "quad.gltf", gltfJson(buffer, image, 140, "", nodes, sceneNodes));
    return folder / "quad.gltf";
}

fs::path writeGlb(const fs::path& folder) {
    GltfQuad quad = makeGltfQuad(folder);
    std::vector<uint8_t> bin = quad.geometry; // 140 bytes, then the PNG
    bin.insert(bin.end(), quad.png.begin(), quad.png.end());
    while (bin.size() % 4) bin.push_back(0);
    std::string views =
        R"(, {"buffer": 0, "byteOffset": 140, "byteLength": )" + std::to_string(quad.png.size()) + "}";
    std::string json =
        gltfJson(R"({"byteLength": )" + std::to_string(bin.size()) + "}",
                 R"({"bufferView": 4, "mimeType": "image/png"})", bin.size(), views, kTranslatedNode, "[0]");
    while (json.size() % 4) json.push_back(' ');
    std::vector<uint8_t> glb;
    append<uint32_t>(glb, {0x46546C67u, 2u, uint32_t(12 + 8 + json.size() + 8 + bin.size())});
    append<uint32_t>(glb, {uint32_t(json.size()), 0x4E4F534Au});
    glb.insert(glb.end(), json.begin(), json.end());
    append<uint32_t>(glb, {uint32_t(bin.size()), 0x004E4942u});
    glb.insert(glb.end(), bin.begin(), bin.end());
    writeBytes(folder / "quad.glb", glb);
    return folder / "quad.glb";
}

// Checks the translated glTF floor quad: file translation (1, 2, 3) with +Y up puts the quad at
// world z = 2, and its file corner (0, 0, -1) (UV 0.25, 0.25 = the red quadrant) at (1, -2, 2).
void expectGltfQuad(const RoomMesh& mesh) {
    EXPECT_EQ(mesh.triangleCount(), 2u);
    EXPECT_EQ(mesh.vertices.size(), 4u);
    ASSERT_EQ(mesh.textures.size(), 1u);
    ASSERT_EQ(mesh.materials.size(), 1u);
    EXPECT_EQ(mesh.materials[0].texture, 0);
    EXPECT_EQ(mesh.textures[0].mips.size(), 3u);
    EXPECT_NEAR(mesh.bounds.min.z, 2.0f, 1e-5f);
    EXPECT_NEAR(mesh.bounds.max.z, 2.0f, 1e-5f);
    EXPECT_NEAR(mesh.bounds.min.x, 1.0f, 1e-5f);
    EXPECT_NEAR(mesh.bounds.max.y, -2.0f, 1e-5f);
    const Vertex* corner = findVertex(mesh, {1, -2, 2});
    ASSERT_NE(corner, nullptr);
    EXPECT_NEAR(corner->uv.x, 0.25f, 1e-5f);
    EXPECT_NEAR(corner->uv.y, 0.25f, 1e-5f);
    EXPECT_EQ(sample(mesh.textures[0], corner->uv), kRed);
    EXPECT_NEAR(corner->normal.z, 1.0f, 1e-5f);
}

} // namespace

TEST(AssetImport, LoadsObjWithTwoAtlases) {
    fs::path obj = writeMeshroomScan(testFolder());
    auto mesh = importRoomMesh(obj, {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->source, obj.string());
    EXPECT_EQ(mesh->triangleCount(), 4u);
    EXPECT_EQ(mesh->vertices.size(), 8u);
    ASSERT_EQ(mesh->materials.size(), 2u);
    ASSERT_EQ(mesh->textures.size(), 2u);
    ASSERT_EQ(mesh->submeshes.size(), 2u);
    EXPECT_FALSE(mesh->hasVertexColors);
    for (const Submesh& s : mesh->submeshes) EXPECT_EQ(s.indexCount, 6u);
    EXPECT_EQ(mesh->materials[0].name, "TextureAtlas_1001");
    // Meshroom writes Kd 0.6 beside its atlases; the texture is the colour, so it is not dimmed.
    EXPECT_FLOAT_EQ(mesh->materials[0].baseColor.r, 1.0f);
    const Texture& first = mesh->textures[size_t(mesh->materials[0].texture)];
    const Texture& second = mesh->textures[size_t(mesh->materials[1].texture)];
    EXPECT_NE(first.name.find("texture_1001.png"), std::string::npos);
    EXPECT_EQ(first.mips.size(), 3u);  // 4x4, 2x2, 1x1
    EXPECT_EQ(second.mips.size(), 4u); // 8x2, 4x1, 2x1, 1x1
    EXPECT_EQ(second.mips[0].width, 8u);
    // OBJ's vt (0.25, 0.75) is near the top of the image: RoomMesh UV (0.25, 0.25).
    const Vertex* topLeft = findVertex(*mesh, {0, 0, 1});
    ASSERT_NE(topLeft, nullptr);
    EXPECT_NEAR(topLeft->uv.y, 0.25f, 1e-6f);
    EXPECT_EQ(sample(first, topLeft->uv), kRed);
    const Vertex* secondTopLeft = findVertex(*mesh, {2, 0, 1});
    ASSERT_NE(secondTopLeft, nullptr);
    EXPECT_EQ(sample(second, secondTopLeft->uv), kYellow);
    // +Y up: the quads stand in the x-z plane, one unit high.
    EXPECT_NEAR(mesh->bounds.size().x, 3.0f, 1e-6f);
    EXPECT_NEAR(mesh->bounds.size().y, 0.0f, 1e-6f);
    EXPECT_NEAR(mesh->bounds.size().z, 1.0f, 1e-6f);
    for (const Vertex& v : mesh->vertices) EXPECT_NEAR(v.normal.y, -1.0f, 1e-5f); // faces the file's +Z
}

TEST(AssetImport, MeshroomTileMaterialsWithOffsetUvsUseTheirOwnImage) {
    auto mesh = importRoomMesh(writeMeshroomScan(testFolder(), true), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->materials.size(), 2u);
    ASSERT_EQ(mesh->textures.size(), 2u);
    const Vertex* secondTopLeft = findVertex(*mesh, {2, 0, 1});
    ASSERT_NE(secondTopLeft, nullptr);
    EXPECT_NEAR(secondTopLeft->uv.x, 0.25f, 1e-6f); // shifted out of tile 1002
    const Texture& second = mesh->textures[size_t(mesh->materials[1].texture)];
    EXPECT_NE(second.name.find("texture_1002.png"), std::string::npos);
    EXPECT_EQ(sample(second, secondTopLeft->uv), kYellow);
}

TEST(AssetImport, UdimUvsPickTheirTileImage) {
    fs::path folder = testFolder();
    // One material over two quads sharing an edge; the right quad's UVs lie in tile 1002.
    writeText(folder / "udim.obj",
              "mtllib udim.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 2 0 0\nv 2 1 0\n"
              "vt 0.25 0.25\nvt 1 0.25\nvt 1 0.75\nvt 0.25 0.75\nvt 1.75 0.25\nvt 1.75 0.75\n"
              "usemtl scan\nf 1/1 2/2 3/3\nf 1/1 3/3 4/4\nf 2/2 5/5 6/6\nf 2/2 6/6 3/3\n");
    writeText(folder / "udim.mtl", "newmtl scan\nKd 1 1 1\nmap_Kd scan.1001.png\n");
    savePng(folder / "scan.1001.png", quadrants(4, 4, kRed, kGreen, kBlue, kWhite));
    savePng(folder / "scan.1002.png", quadrants(4, 4, kYellow, kBlack, kGreen, kRed));
    auto mesh = importRoomMesh(folder / "udim.obj", ImportOptions{UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 4u);
    ASSERT_EQ(mesh->materials.size(), 2u);
    ASSERT_EQ(mesh->textures.size(), 2u);
    EXPECT_EQ(mesh->vertices.size(), 8u); // the two shared edge vertices are split per tile
    for (const Submesh& s : mesh->submeshes) {
        const Material& material = mesh->materials[s.material];
        const Texture& texture = mesh->textures[size_t(material.texture)];
        bool secondTile = texture.name.find("scan.1002.png") != std::string::npos;
        for (uint32_t i = s.firstIndex; i < s.firstIndex + s.indexCount; ++i) {
            const Vertex& v = mesh->vertices[mesh->indices[i]];
            EXPECT_GE(v.uv.x, 0.0f);
            EXPECT_LE(v.uv.x, 1.0f);
            EXPECT_EQ(v.position.x >= 1.0f, secondTile || v.position.x == 1.0f);
            // The right quad's far edge, vt u = 1.75, is u = 0.75 of tile 1002.
            if (v.position.x == 2.0f && v.position.y == 1.0f) {
                EXPECT_EQ(sample(texture, v.uv), kBlack);
            }
        }
    }
}

TEST(AssetImport, AppliesUpAxisAndUnits) {
    fs::path folder = testFolder();
    // A 100 x 250 x 300 cm box corner set, +Y up in the file.
    writeText(folder / "box.obj", "v 0 0 0\nv 100 0 0\nv 100 250 0\nv 0 250 300\nf 1 2 3\nf 1 3 4\n");
    auto mesh = importRoomMesh(folder / "box.obj", ImportOptions{UpAxis::PosY, 0.01f});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_NEAR(mesh->bounds.min.x, 0.0f, 1e-6f);
    EXPECT_NEAR(mesh->bounds.max.x, 1.0f, 1e-6f);
    EXPECT_NEAR(mesh->bounds.min.y, -3.0f, 1e-6f); // file +Z becomes -Y
    EXPECT_NEAR(mesh->bounds.max.y, 0.0f, 1e-6f);
    EXPECT_NEAR(mesh->bounds.max.z, 2.5f, 1e-6f); // file +Y becomes +Z
    auto zUp = importRoomMesh(folder / "box.obj", ImportOptions{UpAxis::NegX, 1.0f});
    ASSERT_TRUE(zUp.ok());
    EXPECT_NEAR(zUp->bounds.min.z, -100.0f, 1e-4f); // file -X is up: x = 100 is 100 below
}

TEST(AssetImport, TurnsACalibratedUpDirectionExactlyOntoZ) {
    // A scan whose up is tilted 10 degrees from the file's -Z, as photogrammetry leaves it.
    const glm::vec3 up = glm::normalize(glm::vec3(0.03f, 0.17f, -0.98f));
    const glm::mat3 turn = fileToWorldRotation(UpAxis::NegZ, up);
    EXPECT_NEAR(glm::length(turn * up - glm::vec3(0, 0, 1)), 0.0f, 1e-6f);
    EXPECT_NEAR(glm::determinant(turn), 1.0f, 1e-6f);
    // The smallest tilt after the axis turn: the horizontal direction it tilts about stays put.
    const glm::mat3 axis = fileToWorldRotation(UpAxis::NegZ);
    const glm::vec3 hinge = glm::normalize(glm::cross(axis * up, glm::vec3(0, 0, 1)));
    EXPECT_NEAR(glm::length(turn * glm::transpose(axis) * hinge - hinge), 0.0f, 1e-6f);
    // Zero means the axis alone; a direction exactly along the axis changes nothing.
    EXPECT_EQ(fileToWorldRotation(UpAxis::PosY, glm::vec3(0.0f)), fileToWorldRotation(UpAxis::PosY));
    EXPECT_NEAR(glm::length(fileToWorldRotation(UpAxis::PosY, glm::vec3(0, 5, 0))[0] - glm::vec3(1, 0, 0)),
                0.0f, 1e-6f);

    fs::path folder = testFolder();
    // One corner 2 units along the up direction: it lands 2 m straight above the origin.
    const glm::vec3 corner = 2.0f * up;
    writeText(folder / "tilted.obj", "v 0 0 0\nv 1 0 0\nv " + std::to_string(corner.x) + " " +
                                         std::to_string(corner.y) + " " + std::to_string(corner.z) +
                                         "\nf 1 2 3\n");
    ImportOptions options{UpAxis::NegZ, 1.0f};
    options.upVector = up;
    auto mesh = importRoomMesh(folder / "tilted.obj", options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_NEAR(mesh->bounds.max.z, 2.0f, 1e-5f);
    bool found = false;
    for (const auto& v : mesh->vertices)
        found |= glm::length(glm::vec2(v.position)) < 1e-5f && v.position.z > 1.99f;
    EXPECT_TRUE(found);
}

TEST(AssetImport, RefusesAnInvalidUnitScale) {
    fs::path obj = writeObjWithMap(testFolder(), "");
    for (float scale : {0.0f, -1.0f, NAN, INFINITY}) {
        auto mesh = importRoomMesh(obj, ImportOptions{UpAxis::PosY, scale});
        ASSERT_FALSE(mesh.ok()) << scale;
        EXPECT_EQ(mesh.error().path, obj.string());
    }
}

TEST(AssetImport, ComputesSmoothNormalsWhenTheFileHasNone) {
    fs::path folder = testFolder();
    // A tent: two slopes meeting at a ridge.
    writeText(folder / "tent.obj", "v 0 0 0\nv 1 0 0\nv 1 1 1\nv 0 1 1\nv 0 0 2\nv 1 0 2\n"
                                   "f 1 2 3\nf 1 3 4\nf 4 3 6\nf 4 6 5\n");
    auto mesh = importRoomMesh(folder / "tent.obj", ImportOptions{UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    // Area-weighted sums of the face normals around each corner: the ridge corner (1, 1, 1)
    // touches two triangles of the first slope, (0, -1, 1) each, and one of the second, (0, -1, -1).
    const Vertex* ridge = findVertex(*mesh, {1, 1, 1});
    ASSERT_NE(ridge, nullptr);
    glm::vec3 expected = glm::normalize(glm::vec3(0, -3, 1));
    EXPECT_NEAR(ridge->normal.y, expected.y, 1e-5f);
    EXPECT_NEAR(ridge->normal.z, expected.z, 1e-5f);
    const Vertex* foot = findVertex(*mesh, {0, 0, 0});
    ASSERT_NE(foot, nullptr);
    EXPECT_NEAR(foot->normal.y, -std::sqrt(0.5f), 1e-5f);
    EXPECT_NEAR(foot->normal.z, std::sqrt(0.5f), 1e-5f);
}

TEST(AssetImport, LoadsAsciiPlyWithVertexColours) {
    fs::path folder = testFolder();
    writeText(folder / "colours.ply",
              "ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\n"
              "property float z\nproperty uchar red\nproperty uchar green\n"
              "property uchar blue\nelement face 2\nproperty list uchar int vertex_indices\n"
              "end_header\n0 0 0 255 0 0\n1 0 0 0 255 0\n1 1 0 0 0 255\n0 1 0 10 20 30\n"
              "3 0 1 2\n3 0 2 3\n");
    auto mesh = importRoomMesh(folder / "colours.ply", ImportOptions{UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_TRUE(mesh->hasVertexColors);
    EXPECT_EQ(mesh->triangleCount(), 2u);
    EXPECT_EQ(findVertex(*mesh, {0, 0, 0})->color, 0xff0000ffu); // red in the lowest byte
    EXPECT_EQ(findVertex(*mesh, {1, 1, 0})->color, 0xffff0000u);
    EXPECT_EQ(findVertex(*mesh, {0, 1, 0})->color, 0xff1e140au);
    EXPECT_NEAR(findVertex(*mesh, {0, 0, 0})->normal.z, 1.0f, 1e-5f);
}

TEST(AssetImport, MeshesWithoutColoursAreWhite) {
    auto mesh = importRoomMesh(writeObjWithMap(testFolder(), ""), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_FALSE(mesh->hasVertexColors);
    for (const Vertex& v : mesh->vertices) EXPECT_EQ(v.color, 0xffffffffu);
}

TEST(AssetImport, LoadsPlyWithPerFaceTexcoordsAndTextureFileComment) {
    fs::path folder = testFolder();
    savePng(folder / "scan_texture.png", quadrants(4, 4, kRed, kGreen, kBlue, kWhite));
    std::string header =
        "ply\nformat binary_little_endian 1.0\ncomment TextureFile scan_texture.png\n"
        "element vertex 4\nproperty float x\nproperty float y\nproperty float z\nelement face 2\n"
        "property list uchar int vertex_indices\nproperty list uchar float texcoord\nend_header\n";
    std::vector<uint8_t> bytes(header.begin(), header.end());
    append<float>(bytes, {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0});
    // Vertex 0 has different UVs in the two faces, vertex 2 the same: one extra vertex.
    auto face = [&](std::initializer_list<int32_t> corners, std::initializer_list<float> uvs) {
        bytes.push_back(3);
        append<int32_t>(bytes, corners);
        bytes.push_back(6);
        append<float>(bytes, uvs);
    };
    face({0, 1, 2}, {0.0f, 0.0f, 0.5f, 0.0f, 0.5f, 0.5f});
    face({0, 2, 3}, {0.25f, 0.75f, 0.5f, 0.5f, 0.75f, 0.75f});
    writeBytes(folder / "scene_mesh_texture.ply", bytes);
    auto mesh = importRoomMesh(folder / "scene_mesh_texture.ply", ImportOptions{UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 2u);
    EXPECT_EQ(mesh->vertices.size(), 5u);
    ASSERT_EQ(mesh->textures.size(), 1u);
    EXPECT_EQ(mesh->materials[0].texture, 0);
    int origins = 0;
    for (const Vertex& v : mesh->vertices) {
        if (glm::length(v.position) > 1e-6f) continue;
        ++origins;
        // texcoord (0.25, 0.75) lies in the top-left (red) quadrant; (0, 0) at the bottom (blue).
        uint32_t expected = v.uv.y < 0.5f ? kRed : kBlue;
        EXPECT_EQ(sample(mesh->textures[0], v.uv), expected);
    }
    EXPECT_EQ(origins, 2);
}

TEST(AssetImport, ReadsPlyTriangleStrips) {
    fs::path folder = testFolder();
    writeText(folder / "strip.ply",
              "ply\nformat ascii 1.0\nelement vertex 5\nproperty float x\nproperty float y\n"
              "property float z\nelement tristrips 1\nproperty list int int vertex_indices\n"
              "end_header\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n2 1 0\n6 0 1 2 3 -1 4\n");
    auto mesh = importRoomMesh(folder / "strip.ply", ImportOptions{UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 2u); // (0,1,2), (2,1,3); the run after -1 is too short
    for (size_t t = 0; t < mesh->indices.size(); t += 3) {
        glm::vec3 a = mesh->vertices[mesh->indices[t]].position,
                  b = mesh->vertices[mesh->indices[t + 1]].position,
                  c = mesh->vertices[mesh->indices[t + 2]].position;
        EXPECT_GT(glm::cross(b - a, c - a).z, 0.0f); // strips keep one winding
    }
}

TEST(AssetImport, LoadsGltfWithDataUriTexture) {
    auto mesh = importRoomMesh(writeGltfWithDataUris(testFolder()), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    expectGltfQuad(*mesh);
}

TEST(AssetImport, LoadsGlbWithEmbeddedTexture) {
    auto mesh = importRoomMesh(writeGlb(testFolder()), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    expectGltfQuad(*mesh);
    EXPECT_EQ(mesh->textures[0].name, "embedded:0");
}

TEST(AssetImport, InstancesAndMirroredNodesKeepTheirWinding) {
    std::string nodes = R"([{"mesh": 0}, {"mesh": 0, "scale": [-1, 1, 1], "translation": [-1, 0, 0]}])";
    auto mesh = importRoomMesh(writeGltfWithDataUris(testFolder(), nodes, "[0, 1]"), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 4u);
    EXPECT_NEAR(mesh->bounds.min.x, -2.0f, 1e-5f);
    for (size_t t = 0; t < mesh->indices.size(); t += 3) {
        const Vertex &a = mesh->vertices[mesh->indices[t]], &b = mesh->vertices[mesh->indices[t + 1]],
                     &c = mesh->vertices[mesh->indices[t + 2]];
        glm::vec3 facing = glm::cross(b.position - a.position, c.position - a.position);
        EXPECT_GT(glm::dot(facing, a.normal), 0.0f) << "triangle " << t / 3;
        EXPECT_NEAR(a.normal.z, 1.0f, 1e-5f);
    }
}

TEST(AssetImport, LoadsRawTexelEmbeddedTexture) {
    fs::path folder = testFolder();
    // Assimp's own binary format stores embedded textures as raw BGRA texels.
    Assimp::Importer importer;
    ASSERT_NE(importer.ReadFile(writeGlb(folder).string(), 0), nullptr) << importer.GetErrorString();
    aiScene* scene = importer.GetOrphanedScene();
    ASSERT_EQ(scene->mNumTextures, 1u);
    aiTexture* raw = new aiTexture();
    raw->mWidth = 2;
    raw->mHeight = 2;
    raw->pcData = new aiTexel[4];
    for (int i = 0; i < 4; ++i) raw->pcData[i] = aiTexel{10, 20, 200, 255}; // b, g, r, a
    raw->pcData[1] = aiTexel{0, 255, 0, 128};
    delete scene->mTextures[0];
    scene->mTextures[0] = raw;
    Assimp::Exporter exporter;
    ASSERT_EQ(exporter.Export(scene, "assbin", (folder / "raw.assbin").string()), AI_SUCCESS)
        << exporter.GetErrorString();
    delete scene;
    auto mesh = importRoomMesh(folder / "raw.assbin", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->textures.size(), 1u);
    const sr::core::Image8& level = mesh->textures[0].mips[0];
    ASSERT_EQ(level.width, 2u);
    EXPECT_EQ(level.at(0, 0)[0], 200); // red
    EXPECT_EQ(level.at(0, 0)[2], 10);  // blue
    EXPECT_EQ(level.at(1, 0)[1], 255);
    EXPECT_EQ(level.at(1, 0)[3], 128);
    EXPECT_EQ(mesh->textures[0].mips.size(), 2u);
}

TEST(AssetImport, LoadsFbxAndDaeExportedFromTheSameScan) {
    fs::path folder = testFolder();
    fs::path obj = writeMeshroomScan(folder);
    auto reference = importRoomMesh(obj, {});
    ASSERT_TRUE(reference.ok()) << reference.error().describe();
    Assimp::Importer importer;
    const aiScene* scene = importer.ReadFile(obj.string(), 0);
    ASSERT_NE(scene, nullptr) << importer.GetErrorString();
    Assimp::Exporter exporter;
    // ASCII FBX: Assimp 5.2.5 cannot read back the binary FBX its own exporter writes.
    for (const char* format : {"fbxa", "collada"}) {
        fs::path file = folder / (std::string("scan.") + (std::string(format) == "fbxa" ? "fbx" : "dae"));
        ASSERT_EQ(exporter.Export(scene, format, file.string()), AI_SUCCESS) << exporter.GetErrorString();
        LogCapture log;
        auto mesh = importRoomMesh(file, {});
        ASSERT_TRUE(mesh.ok()) << format << ": " << mesh.error().describe();
        EXPECT_EQ(mesh->triangleCount(), 4u) << format;
        EXPECT_EQ(mesh->materials.size(), 2u) << format;
        EXPECT_EQ(mesh->textures.size(), 2u) << format << "\n" << log.all();
        EXPECT_NEAR(mesh->bounds.min.x, reference->bounds.min.x, 1e-4f) << format;
        EXPECT_NEAR(mesh->bounds.max.x, reference->bounds.max.x, 1e-4f) << format;
        EXPECT_NEAR(mesh->bounds.max.z, reference->bounds.max.z, 1e-4f) << format;
    }
}

TEST(AssetImport, MaterialsSharingAnImageLoadItOnce) {
    fs::path folder = testFolder();
    savePng(folder / "atlas.png", quadrants(2, 2, kRed, kRed, kRed, kRed));
    writeText(folder / "shared.obj", "mtllib shared.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\n"
                                     "usemtl a\nf 1/1 2/1 3/1\nusemtl b\nf 1/1 3/1 4/1\n");
    writeText(folder / "shared.mtl", "newmtl a\nmap_Kd atlas.png\nnewmtl b\nmap_Kd ./atlas.png\n");
    auto mesh = importRoomMesh(folder / "shared.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->materials.size(), 2u);
    EXPECT_EQ(mesh->textures.size(), 1u);
    EXPECT_EQ(mesh->materials[0].texture, 0);
    EXPECT_EQ(mesh->materials[1].texture, 0);
}

TEST(AssetImport, AnObjsTexturesAreFoundInItsMaterialLibrariesBeforeItIsParsed) {
    // What is decoded while Assimp parses the OBJ: the images of the materials its faces use, as
    // planMaterials() will resolve them; not those of a library's other materials.
    const fs::path folder = fs::canonical(testFolder());
    savePng(folder / "atlas.png", quadrants(2, 2, kRed, kRed, kRed, kRed));
    savePng(folder / "textures" / "wall.png", quadrants(2, 2, kGreen, kGreen, kGreen, kGreen));
    savePng(folder / "other.png", quadrants(2, 2, kBlue, kBlue, kBlue, kBlue));
    writeText(folder / "scan.obj", "# written by a scanner\nmtllib scan.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\n"
                                   "vt 0 0\nusemtl a\nf 1/1 2/1 3/1\nusemtl b\nf 1/1 2/1 3/1\n"
                                   "usemtl c\nf 1/1 2/1 3/1\nusemtl a\nf 1/1 2/1 3/1");
    writeText(folder / "scan.mtl", "newmtl a\nmap_Kd -s 1 1 1 atlas.png\nnewmtl other\nmap_Kd other.png\n"
                                   "newmtl b\n  map_Kd textures\\wall.png\r\nnewmtl c\nmap_Kd lost.png\n"
                                   "newmtl d\nmap_Ks atlas.png\n");
    auto find = [&](const fs::path& confineTo) {
        std::vector<detail::TextureSource> found;
        detail::findObjTextures(folder / "scan.obj", confineTo,
                                [&](const detail::TextureSource& source) { found.push_back(source); });
        return found;
    };
    const std::vector<detail::TextureSource> sources = find({});
    ASSERT_EQ(sources.size(), 3u);
    EXPECT_EQ(sources[0].kind, detail::TextureSource::Kind::File);
    EXPECT_EQ(sources[0].file, folder / "atlas.png");
    EXPECT_EQ(sources[1].kind, detail::TextureSource::Kind::File);
    EXPECT_EQ(sources[1].file, folder / "textures" / "wall.png");
    EXPECT_EQ(sources[2].kind, detail::TextureSource::Kind::Missing);
    // Confined to the exhibit folder: a library outside it is not read.
    EXPECT_TRUE(find(folder / "textures").empty());
    EXPECT_EQ(find(folder).size(), 3u);
    // And the import that decodes them ahead uses them.
    LogCapture log;
    auto mesh = importRoomMesh(folder / "scan.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->materials.size(), 3u);
    ASSERT_EQ(mesh->textures.size(), 2u);
    auto firstTexel = [&](const std::string& material) -> const uint8_t* {
        for (const Material& m : mesh->materials)
            if (m.name == material && m.texture >= 0)
                return mesh->textures[m.texture].mips.at(0).pixels.data();
        return nullptr;
    };
    ASSERT_NE(firstTexel("a"), nullptr);
    EXPECT_EQ(firstTexel("a")[0], 255); // red
    ASSERT_NE(firstTexel("b"), nullptr);
    EXPECT_EQ(firstTexel("b")[1], 255); // green
    EXPECT_EQ(firstTexel("c"), nullptr);
    EXPECT_EQ(log.count({"lost.png", "not loaded"}), 1u) << log.all();
}

TEST(AssetImport, FindingAnObjsTexturesNeverOpensAFifoOrADevice) {
    // Opening a FIFO with no writer blocks; /dev/zero never ends.
    const fs::path folder = testFolder();
    ASSERT_EQ(mkfifo((folder / "pipe.mtl").c_str(), 0600), 0);
    writeText(folder / "scan.obj", "mtllib pipe.mtl\nmtllib /dev/zero\nusemtl a\nv 0 0 0\n");
    size_t found = 0;
    detail::findObjTextures(folder / "scan.obj", {}, [&](const detail::TextureSource&) { ++found; });
    EXPECT_EQ(found, 0u);
    ASSERT_EQ(mkfifo((folder / "pipe.obj").c_str(), 0600), 0);
    detail::findObjTextures(folder / "pipe.obj", {}, [&](const detail::TextureSource&) { ++found; });
    EXPECT_EQ(found, 0u);
}

TEST(AssetImport, AnImageOnlyUnusedMaterialsNameIsNeitherKeptNorReported) {
    const fs::path folder = testFolder();
    savePng(folder / "atlas.png", quadrants(2, 2, kRed, kRed, kRed, kRed));
    writeText(folder / "broken.png", "not a png at all");
    writeText(folder / "scan.obj",
              "mtllib scan.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nvt 0 0\nusemtl used\nf 1/1 2/1 3/1\n");
    writeText(folder / "scan.mtl", "newmtl unused\nmap_Kd broken.png\nnewmtl used\nmap_Kd atlas.png\n");
    LogCapture log;
    auto mesh = importRoomMesh(folder / "scan.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->materials.size(), 1u);
    EXPECT_EQ(mesh->textures.size(), 1u);
    EXPECT_EQ(mesh->materials[0].texture, 0);
    EXPECT_EQ(log.count({"broken.png"}), 0u) << log.all();
}

TEST(AssetImport, AuthoringMachinePathsFallBackToTheImageBesideTheMesh) {
    fs::path folder = testFolder();
    savePng(folder / "atlas.png", quadrants(2, 2, kRed, kRed, kRed, kRed));
    savePng(folder / "textures" / "wall.png", quadrants(2, 2, kGreen, kGreen, kGreen, kGreen));
    writeText(folder / "paths.obj", "mtllib paths.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\n"
                                    "usemtl a\nf 1/1 2/1 3/1\nusemtl b\nf 1/1 3/1 4/1\n");
    writeText(
        folder / "paths.mtl",
        "newmtl a\nmap_Kd C:\\Users\\photographer\\scans\\atlas.png\nnewmtl b\nmap_Kd textures\\wall.png\n");
    LogCapture log;
    auto mesh = importRoomMesh(folder / "paths.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->textures.size(), 2u) << log.all();
    for (const Material& m : mesh->materials) EXPECT_GE(m.texture, 0) << m.name;
}

TEST(AssetImport, MissingTextureShowsGreyAndLogsOnce) {
    fs::path folder = testFolder();
    writeText(folder / "grey.obj", "mtllib grey.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\n"
                                   "usemtl a\nf 1/1 2/1 3/1\nusemtl b\nf 1/1 3/1 4/1\n");
    writeText(folder / "grey.mtl",
              "newmtl a\nKd 0.9 0.2 0.1\nmap_Kd lost_atlas.png\nnewmtl b\nmap_Kd lost_atlas.png\n");
    LogCapture log;
    auto mesh = importRoomMesh(folder / "grey.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_TRUE(mesh->textures.empty());
    for (const Material& m : mesh->materials) {
        EXPECT_EQ(m.texture, -1);
        EXPECT_EQ(m.baseColor,
                  glm::vec4(kMissingTextureGrey, kMissingTextureGrey, kMissingTextureGrey, 1.0f));
    }
    EXPECT_EQ(log.count({"lost_atlas.png", "grey.obj", "not found"}), 1u) << log.all();
}

TEST(AssetImport, TextureOutsideTheConfiningFolderIsRefused) {
    fs::path folder = testFolder();
    savePng(folder / "private.png", quadrants(4, 4, 0xff0000ffu, 0xff00ff00u, 0xffff0000u, 0xffffffffu));
    fs::create_directories(folder / "exhibit");
    const fs::path obj = writeObjWithMap(folder / "exhibit", "../private.png");
    ImportOptions confined;
    confined.confineTexturesTo = folder / "exhibit";
    LogCapture log;
    auto mesh = importRoomMesh(obj, confined);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->materials[0].texture, -1);
    EXPECT_FLOAT_EQ(mesh->materials[0].baseColor.r, kMissingTextureGrey);
    EXPECT_EQ(log.count({"private.png", "outside the exhibit folder"}), 1u) << log.all();
    // Without confinement the same file loads: only the exhibit rule refuses it.
    auto free = importRoomMesh(obj, {});
    ASSERT_TRUE(free.ok());
    EXPECT_GE(free->materials[0].texture, 0);
}

TEST(AssetImport, CorruptTextureShowsGreyWithTheDecoderReason) {
    fs::path folder = testFolder();
    writeBytes(folder / "broken.png", {0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6, 7, 8, 9});
    LogCapture log;
    auto mesh = importRoomMesh(writeObjWithMap(folder, "broken.png"), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->materials[0].texture, -1);
    EXPECT_FLOAT_EQ(mesh->materials[0].baseColor.g, kMissingTextureGrey);
    EXPECT_EQ(log.count({"broken.png", "room.obj", "not a readable image"}), 1u) << log.all();
}

TEST(AssetImport, ImageClaiming60000SquareIsRefusedBeforeDecoding) {
    fs::path folder = testFolder();
    std::vector<uint8_t> png = {0x89, 'P',  'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0,    0, 0,
                                13,   'I',  'H', 'D', 'R',  0,    0,    0xea, 0x60, 0, 0,
                                0xea, 0x60, 8,   6,   0,    0,    0,    0,    0,    0, 0};
    writeBytes(folder / "bomb.png", png);
    LogCapture log;
    auto mesh = importRoomMesh(writeObjWithMap(folder, "bomb.png"), {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->materials[0].texture, -1);
    EXPECT_EQ(log.count({"bomb.png", "room.obj", "not loaded"}), 1u) << log.all();
    // The pixel limit alone refuses an image stb would decode.
    savePng(folder / "plain.png", quadrants(8, 8, kRed, kRed, kRed, kRed));
    ImportOptions small;
    small.maxTexturePixels = 63;
    auto limited = importRoomMesh(writeObjWithMap(folder, "plain.png"), small);
    ASSERT_TRUE(limited.ok());
    EXPECT_EQ(limited->materials[0].texture, -1);
    EXPECT_EQ(log.count({"plain.png", "8x8", "before decoding"}), 1u) << log.all();
}

TEST(AssetImport, TextureOverTheSizeLimitIsDownsampledAndLogged) {
    fs::path folder = testFolder();
    savePng(folder / "atlas.png", quadrants(16, 8, kRed, kGreen, kBlue, kWhite));
    LogCapture log;
    ImportOptions options;
    options.maxTextureSize = 4;
    auto mesh = importRoomMesh(writeObjWithMap(folder, "atlas.png"), options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_EQ(mesh->textures.size(), 1u);
    EXPECT_EQ(mesh->textures[0].mips[0].width, 4u);
    EXPECT_EQ(mesh->textures[0].mips[0].height, 2u);
    EXPECT_EQ(mesh->textures[0].mips.size(), 3u);
    EXPECT_EQ(log.count({"atlas.png", "16x8", "4x2"}), 1u) << log.all();
}

TEST(AssetImport, DropsAndCountsTrianglesWithNaNCorners) {
    fs::path folder = testFolder();
    writeText(folder / "nan.obj",
              "v 0 0 0\nv 1 0 0\nv 1 1 0\nv nan 1 0\nv 0 inf 0\nf 1 2 3\nf 1 3 4\nf 1 2 5\n");
    LogCapture log;
    auto mesh = importRoomMesh(folder / "nan.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 1u);
    EXPECT_EQ(mesh->vertices.size(), 3u);
    EXPECT_EQ(log.count({"nan.obj", "dropped 2", "2 with a NaN or infinite corner"}), 1u) << log.all();
    EXPECT_TRUE(std::isfinite(mesh->bounds.max.x));
}

TEST(AssetImport, DropsAndCountsPlyFacesWithOutOfRangeIndices) {
    fs::path folder = testFolder();
    writeText(folder / "range.ply",
              "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
              "property float z\nelement face 3\nproperty list uchar int vertex_indices\n"
              "end_header\n0 0 0\n1 0 0\n1 1 0\n3 0 1 2\n3 0 1 7\n3 -1 1 2\n");
    LogCapture log;
    auto mesh = importRoomMesh(folder / "range.ply", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 1u);
    EXPECT_EQ(log.count({"range.ply", "dropped 2", "2 with missing or out-of-range"}), 1u) << log.all();
}

TEST(AssetImport, ObjWithOutOfRangeIndexIsRefusedByAssimpWithItsReason) {
    fs::path folder = testFolder();
    writeText(folder / "range.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 3\nf 1 2 9\n");
    auto mesh = importRoomMesh(folder / "range.obj", {});
    ASSERT_FALSE(mesh.ok());
    EXPECT_EQ(mesh.error().path, (folder / "range.obj").string());
    EXPECT_NE(mesh.error().message.find("out of range"), std::string::npos) << mesh.error().message;
}

TEST(AssetImport, DropsDegenerateTriangles) {
    fs::path folder = testFolder();
    writeText(folder / "flat.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 1 1 0\nf 1 2 3\nf 1 3 4\n");
    auto mesh = importRoomMesh(folder / "flat.obj", {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 1u);
}

TEST(AssetImport, IgnoresPointsAndLinesButRefusesAFileWithOnlyThose) {
    fs::path folder = testFolder();
    writeText(folder / "mixed.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 3\nl 1 2\np 3\n");
    LogCapture log;
    auto mixed = importRoomMesh(folder / "mixed.obj", {});
    ASSERT_TRUE(mixed.ok()) << mixed.error().describe();
    EXPECT_EQ(mixed->triangleCount(), 1u);
    EXPECT_EQ(log.count({"mixed.obj", "1 points", "1 lines"}), 1u) << log.all();
    writeText(folder / "lines.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nl 1 2 3\n");
    auto lines = importRoomMesh(folder / "lines.obj", {});
    ASSERT_FALSE(lines.ok());
    EXPECT_NE(lines.error().describe().find("lines.obj"), std::string::npos);
    EXPECT_NE(lines.error().message.find("no triangles"), std::string::npos) << lines.error().message;
}

TEST(AssetImport, RefusesAMissingFileNamingIt) {
    fs::path missing = testFolder() / "no_such_room.obj";
    auto mesh = importRoomMesh(missing, {});
    ASSERT_FALSE(mesh.ok());
    EXPECT_EQ(mesh.error().path, missing.string());
    EXPECT_NE(mesh.error().message.find("not found"), std::string::npos);
}

TEST(AssetImport, RefusesAFolderAndAnEmptyFile) {
    fs::path folder = testFolder();
    EXPECT_FALSE(importRoomMesh(folder, {}).ok());
    writeText(folder / "empty.obj", "");
    auto empty = importRoomMesh(folder / "empty.obj", {});
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().message.find("empty"), std::string::npos);
}

TEST(AssetImport, TruncatedObjLoadsWhatIsCompleteOrIsRefused) {
    fs::path folder = testFolder();
    std::string full(kMeshroomObj);
    // Cut inside the vertex list: no faces left.
    writeText(folder / "cut_early.obj", full.substr(0, full.find("v 2 0 0") + 4));
    auto early = importRoomMesh(folder / "cut_early.obj", {});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().path, (folder / "cut_early.obj").string());
    EXPECT_NE(early.error().message.find("no triangles"), std::string::npos) << early.error().message;
    // Cut inside the last face: the complete faces load, the broken one does not.
    writeText(folder / "cut_late.obj", full.substr(0, full.rfind("f 5/1 7/3") + 7));
    LogCapture log;
    auto late = importRoomMesh(folder / "cut_late.obj", {});
    if (late.ok()) {
        EXPECT_EQ(late->triangleCount(), 3u);
    } else {
        EXPECT_EQ(late.error().path, (folder / "cut_late.obj").string());
        EXPECT_FALSE(late.error().message.empty());
    }
}

TEST(AssetImport, RefusesGarbageBytesWhateverTheExtension) {
    fs::path folder = testFolder();
    std::vector<uint8_t> garbage(4096);
    uint32_t state = 12345;
    for (uint8_t& b : garbage) {
        state = state * 1664525u + 1013904223u;
        b = uint8_t(state >> 24);
    }
    for (const char* name : {"noise.obj", "noise.ply", "noise.glb", "noise.fbx", "noise.dae"}) {
        writeBytes(folder / name, garbage);
        auto mesh = importRoomMesh(folder / name, {});
        ASSERT_FALSE(mesh.ok()) << name;
        EXPECT_EQ(mesh.error().path, (folder / name).string());
        EXPECT_FALSE(mesh.error().message.empty()) << name;
    }
}

TEST(AssetImport, RefusesPlyAndOffHeadersClaimingMoreThanTheFileHolds) {
    fs::path folder = testFolder();
    writeText(folder / "liar.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 4000000000\n"
                                   "property float x\nproperty float y\nproperty float z\nend_header\n");
    auto ply = importRoomMesh(folder / "liar.ply", {});
    ASSERT_FALSE(ply.ok());
    EXPECT_NE(ply.error().message.find("4000000000 vertex"), std::string::npos) << ply.error().message;
    writeText(folder / "liar.off", "OFF\n353535235358 6 0\n0 0 0\n");
    auto off = importRoomMesh(folder / "liar.off", {});
    ASSERT_FALSE(off.ok());
    EXPECT_NE(off.error().message.find("353535235358"), std::string::npos) << off.error().message;
}

TEST(AssetImport, KnowsImportableExtensions) {
    for (const char* ext : {"obj", ".PLY", "gltf", ".glb", "fbx", "dae"})
        EXPECT_TRUE(isImportableExtension(ext)) << ext;
    for (const char* ext : {"", "png", ".mtl", "txt"}) EXPECT_FALSE(isImportableExtension(ext)) << ext;
}
