// Importing real scans and third-party test files. Each test skips when its data is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "asset/import.h"
#include "core/log.h"

namespace fs = std::filesystem;
using sr::asset::ImportOptions;
using sr::asset::importRoomMesh;
using sr::asset::RoomMesh;

namespace {

const fs::path kData = SR_TESTDATA;

#define SR_REQUIRE_DATA(relative)                                                                            \
    do {                                                                                                     \
        if (!fs::exists(kData / (relative))) GTEST_SKIP() << "test data absent: " << (kData / (relative));   \
    } while (0)

// Collects warnings while alive, keeping the console quiet.
class LogCapture {
public:
    LogCapture() {
        mPreviousQuiet = sr::core::setLogQuiet(true);
        mPrevious = sr::core::setLogSink([this](sr::core::LogLevel level, std::string_view text) {
            std::lock_guard lock(mMutex);
            mLines.emplace_back(text);
            (void)level;
        });
    }
    ~LogCapture() {
        sr::core::setLogSink(mPrevious);
        sr::core::setLogQuiet(mPreviousQuiet);
    }
    // Lines holding every one of `parts`.
    size_t count(std::initializer_list<std::string_view> parts) const {
        std::lock_guard lock(mMutex);
        return size_t(std::count_if(mLines.begin(), mLines.end(), [&](const std::string& line) {
            return std::all_of(parts.begin(), parts.end(),
                               [&](std::string_view part) { return line.find(part) != std::string::npos; });
        }));
    }

private:
    mutable std::mutex mMutex;
    std::vector<std::string> mLines;
    sr::core::LogSink mPrevious;
    bool mPreviousQuiet = false;
};

struct Timed {
    sr::core::Result<RoomMesh> mesh;
    double ms;
};

Timed importTimed(const fs::path& file, const ImportOptions& options = {}) {
    auto start = std::chrono::steady_clock::now();
    auto mesh = importRoomMesh(file, options);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return {std::move(mesh), ms};
}

void report(const std::string& what, const Timed& timed) {
    if (!timed.mesh) return;
    std::printf("[ measure  ] %s: %zu triangles, %zu vertices in %.1f ms\n", what.c_str(),
                timed.mesh->triangleCount(), timed.mesh->vertices.size(), timed.ms);
    ::testing::Test::RecordProperty(what + "_ms", std::to_string(int(timed.ms)));
}

void expectSane(const RoomMesh& mesh) {
    ASSERT_GT(mesh.triangleCount(), 0u);
    EXPECT_EQ(mesh.indices.size() % 3, 0u);
    uint32_t maxIndex = *std::max_element(mesh.indices.begin(), mesh.indices.end());
    EXPECT_LT(maxIndex, mesh.vertices.size());
    size_t covered = 0;
    for (const auto& s : mesh.submeshes) {
        EXPECT_LT(s.material, mesh.materials.size());
        covered += s.indexCount;
    }
    EXPECT_EQ(covered, mesh.indices.size());
    for (const auto& v : mesh.vertices) {
        ASSERT_TRUE(std::isfinite(v.position.x) && std::isfinite(v.position.y) &&
                    std::isfinite(v.position.z));
        ASSERT_NEAR(glm::length(v.normal), 1.0f, 1e-3f);
    }
    for (const auto& m : mesh.materials) {
        if (m.texture >= 0) {
            EXPECT_LT(size_t(m.texture), mesh.textures.size());
        }
    }
}

} // namespace

TEST(RealdataAsset, IclNuimLivingRoomLoadsGreyWhenItsTextureIsMissing) {
    const char* obj = "iclnuim-recon-rooms/lr_kt2/"
                      "room2_all-original-clusters1000-inner0.0002-border0.05-clean-opt-mesh-opt-texture.obj";
    SR_REQUIRE_DATA(obj);
    LogCapture log;
    Timed timed = importTimed(kData / obj);
    ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
    const RoomMesh& mesh = *timed.mesh;
    expectSane(mesh);
    report("iclnuim living room OBJ", timed);
    EXPECT_GT(mesh.triangleCount(), 41000u);
    EXPECT_LE(mesh.triangleCount(), 41867u);
    ASSERT_EQ(mesh.materials.size(), 1u);
    EXPECT_EQ(mesh.materials[0].texture, -1);
    EXPECT_FLOAT_EQ(mesh.materials[0].baseColor.r, sr::asset::kMissingTextureGrey);
    EXPECT_FLOAT_EQ(mesh.materials[0].baseColor.a, 1.0f); // "Tr 1" is not taken as invisible
    EXPECT_EQ(log.count({"opt-mesh-opt-texture0.png", "room2_all", ".obj", "not found"}), 1u);
    // About 5.0 x 2.5 x 5.2 units with +Y up in the file: 2.5 is the height after conversion.
    EXPECT_NEAR(mesh.bounds.size().z, 2.5f, 0.1f);
    EXPECT_NEAR(mesh.bounds.size().x, 5.0f, 0.1f);
}

// Assimp's own tools list "lines" in this mesh: they are degenerate triangles (two corners at one
// position), which its FindDegenerates step turns into lines. The importer drops and counts them.
TEST(RealdataAsset, IclNuimOfficeDropsItsDegenerateTriangles) {
    const char* obj =
        "iclnuim-recon-rooms/of_kt2/"
        "of_kt2_all-original-clusters1000-inner0.0002-border0.05-clean-opt-mesh-opt-texture.obj";
    SR_REQUIRE_DATA(obj);
    LogCapture log;
    Timed timed = importTimed(kData / obj);
    ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
    expectSane(*timed.mesh);
    report("iclnuim office OBJ", timed);
    EXPECT_EQ(timed.mesh->triangleCount(), 27364u - 10u);
    EXPECT_EQ(log.count({"of_kt2_all", "10 degenerate triangles"}), 1u);
}

TEST(RealdataAsset, KhronosAvocadoLoadsItsBaseColourImage) {
    const char* gltf = "khronos-gltf-2018/Avocado/glTF/Avocado.gltf";
    SR_REQUIRE_DATA(gltf);
    Timed timed = importTimed(kData / gltf);
    ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
    const RoomMesh& mesh = *timed.mesh;
    expectSane(mesh);
    report("Avocado glTF with a 2048 PNG", timed);
    EXPECT_EQ(mesh.triangleCount(), 682u);
    ASSERT_EQ(mesh.textures.size(), 1u); // base colour only; normal and roughness maps are not used
    EXPECT_NE(mesh.textures[0].name.find("Avocado_baseColor.png"), std::string::npos);
    EXPECT_EQ(mesh.textures[0].mips[0].width, 2048u);
    EXPECT_EQ(mesh.textures[0].mips.size(), 12u);
}

TEST(RealdataAsset, KhronosWaterBottleAndDamagedHelmetLoad) {
    SR_REQUIRE_DATA("khronos-gltf-2018/DamagedHelmet");
    Timed bottle = importTimed(kData / "khronos-gltf-2018/WaterBottle/glTF/WaterBottle.gltf");
    ASSERT_TRUE(bottle.mesh.ok()) << bottle.mesh.error().describe();
    expectSane(*bottle.mesh);
    EXPECT_EQ(bottle.mesh->textures.size(), 1u);
    Timed helmet = importTimed(kData / "khronos-gltf-2018/DamagedHelmet/glTF-Binary/DamagedHelmet.glb");
    ASSERT_TRUE(helmet.mesh.ok()) << helmet.mesh.error().describe();
    expectSane(*helmet.mesh);
    report("DamagedHelmet GLB with embedded 2048 JPEGs", helmet);
    EXPECT_EQ(helmet.mesh->triangleCount(), 15452u);
    ASSERT_EQ(helmet.mesh->textures.size(), 1u);
    EXPECT_EQ(helmet.mesh->textures[0].name.rfind("embedded:", 0), 0u);
    EXPECT_EQ(helmet.mesh->textures[0].mips[0].width, 2048u);
}

TEST(RealdataAsset, KhronosDuckIsTheSameAsGltfAndGlb) {
    SR_REQUIRE_DATA("khronos-gltf-2018/Duck");
    Timed separate = importTimed(kData / "khronos-gltf-2018/Duck/glTF/Duck.gltf");
    Timed binary = importTimed(kData / "khronos-gltf-2018/Duck/glTF-Binary/Duck.glb");
    ASSERT_TRUE(separate.mesh.ok()) << separate.mesh.error().describe();
    ASSERT_TRUE(binary.mesh.ok()) << binary.mesh.error().describe();
    expectSane(*binary.mesh);
    EXPECT_EQ(separate.mesh->triangleCount(), 4212u);
    EXPECT_EQ(binary.mesh->triangleCount(), separate.mesh->triangleCount());
    ASSERT_EQ(binary.mesh->textures.size(), 1u);
    ASSERT_EQ(separate.mesh->textures.size(), 1u);
    EXPECT_EQ(binary.mesh->textures[0].mips[0].pixels, separate.mesh->textures[0].mips[0].pixels);
    EXPECT_EQ(binary.mesh->textures[0].mips.size(), 10u); // 512 .. 1
    EXPECT_NEAR(binary.mesh->bounds.min.x, separate.mesh->bounds.min.x, 1e-5f);
    EXPECT_NEAR(binary.mesh->bounds.max.z, separate.mesh->bounds.max.z, 1e-5f);
}

TEST(RealdataAsset, KhronosTextureCoordinateTestPutsUvOriginTopLeft) {
    const char* gltf = "khronos-gltf-2018/TextureCoordinateTest/glTF/TextureCoordinateTest.gltf";
    SR_REQUIRE_DATA(gltf);
    auto mesh = importRoomMesh(kData / gltf, {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    // The model's left is file +X, its top file +Y (world +Z); its "TopLeft" square has UVs in
    // [0, 0.4]^2, and the image's top-left corner is at UV (0, 0).
    int checked = 0;
    for (const auto& s : mesh->submeshes) {
        const auto& material = mesh->materials[s.material];
        if (material.name != "TopLeftMaterial") continue;
        for (uint32_t i = s.firstIndex; i < s.firstIndex + s.indexCount; ++i) {
            const auto& v = mesh->vertices[mesh->indices[i]];
            EXPECT_GT(v.position.x, 0.1f);
            EXPECT_GT(v.position.z, 0.1f);
            EXPECT_LE(v.uv.x, 0.41f);
            EXPECT_LE(v.uv.y, 0.41f);
            if (v.position.x > 1.1f && v.position.z > 1.1f) {
                EXPECT_NEAR(v.uv.x, 0.0f, 1e-5f);
                EXPECT_NEAR(v.uv.y, 0.0f, 1e-5f);
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 6);
}

TEST(RealdataAsset, KhronosBoxVertexColorsKeepsColours) {
    const char* glb = "khronos-gltf-2018/BoxVertexColors/glTF-Binary/BoxVertexColors.glb";
    SR_REQUIRE_DATA(glb);
    auto mesh = importRoomMesh(kData / glb, {});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_TRUE(mesh->hasVertexColors);
    EXPECT_TRUE(std::any_of(mesh->vertices.begin(), mesh->vertices.end(),
                            [](const sr::asset::Vertex& v) { return v.color != 0xffffffffu; }));
}

TEST(RealdataAsset, PolycamRoomLoadsUpright) {
    const char* glb = "polycam-room/roomScan.glb";
    SR_REQUIRE_DATA(glb);
    LogCapture log;
    Timed timed = importTimed(kData / glb);
    ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
    const RoomMesh& mesh = *timed.mesh;
    expectSane(mesh);
    report("Polycam room GLB", timed);
    // 6,434 triangles in the file, all triangle primitives; the "26-segment line" Assimp's own
    // tools report is 26 degenerate triangles, which the importer drops and counts.
    EXPECT_EQ(mesh.triangleCount(), 6434u - 26u);
    EXPECT_EQ(log.count({"roomScan.glb", "26 degenerate triangles"}), 1u);
    EXPECT_EQ(mesh.textures.size(), 1u);
    // Bounds (-2.87, -1.57, -4.00) .. (2.81, 1.03, 4.00) with +Y up: height 2.6 m along +Z.
    EXPECT_NEAR(mesh.bounds.min.z, -1.57f, 0.01f);
    EXPECT_NEAR(mesh.bounds.max.z, 1.03f, 0.01f);
    EXPECT_NEAR(mesh.bounds.size().y, 8.0f, 0.02f);
    bool translucent = std::any_of(mesh.materials.begin(), mesh.materials.end(),
                                   [](const sr::asset::Material& m) { return m.baseColor.a < 1.0f; });
    EXPECT_TRUE(translucent); // windows are alpha-blended
}

TEST(RealdataAsset, SceauxRefinedMeshLoadsFast) {
    const char* ply = "sceaux-openmvs/scene_mesh_refine.ply";
    SR_REQUIRE_DATA(ply);
    Timed timed = importTimed(kData / ply, ImportOptions{sr::asset::UpAxis::PosZ});
    ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
    expectSane(*timed.mesh);
    report("Sceaux refined PLY", timed);
    EXPECT_EQ(timed.mesh->triangleCount(), 174899u);
    EXPECT_EQ(timed.mesh->vertices.size(), 87685u);
}

TEST(RealdataAsset, SceauxTexturedPlyKeepsPerFaceUvsAndGoesGreyWithoutItsImage) {
    const char* ply = "sceaux-openmvs/scene_mesh_texture.ply";
    SR_REQUIRE_DATA(ply);
    LogCapture log;
    auto mesh = importRoomMesh(kData / ply, ImportOptions{sr::asset::UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    expectSane(*mesh);
    EXPECT_EQ(mesh->triangleCount(), 14709u);
    // Per-face UVs split vertices along texture seams: more vertices than the file's 7,378.
    EXPECT_GT(mesh->vertices.size(), 7378u);
    ASSERT_EQ(mesh->materials.size(), 1u);
    EXPECT_EQ(mesh->materials[0].texture, -1);
    EXPECT_EQ(log.count({"scene_mesh_texture0.png", "scene_mesh_texture.ply", "not found"}), 1u);
    for (const auto& v : mesh->vertices) {
        ASSERT_GE(v.uv.x, 0.0f);
        ASSERT_LE(v.uv.x, 1.0f);
    }
}

TEST(RealdataAsset, SceauxSparseCloudIsRefusedForHavingNoTriangles) {
    const char* ply = "sceaux-openmvs/Sparse.ply";
    SR_REQUIRE_DATA(ply);
    LogCapture log;
    auto mesh = importRoomMesh(kData / ply, {});
    ASSERT_FALSE(mesh.ok());
    EXPECT_NE(mesh.error().describe().find("Sparse.ply"), std::string::npos);
    EXPECT_NE(mesh.error().message.find("no triangles"), std::string::npos) << mesh.error().message;
}

TEST(RealdataAsset, ScannedObjectsLoadIncludingIgeaTriangleStrips) {
    SR_REQUIRE_DATA("scanned-objects");
    struct Case {
        const char* file;
        size_t minTriangles;
    };
    for (Case c : {Case{"igea.ply", 260000}, Case{"horse.ply", 96000}, Case{"stanford-bunny.obj", 69000},
                   Case{"armadillo.obj", 99000}, Case{"nefertiti.obj", 99000}}) {
        Timed timed = importTimed(kData / "scanned-objects" / c.file);
        ASSERT_TRUE(timed.mesh.ok()) << timed.mesh.error().describe();
        expectSane(*timed.mesh);
        report(std::string("scanned ") + c.file, timed);
        EXPECT_GE(timed.mesh->triangleCount(), c.minTriangles) << c.file;
    }
}
