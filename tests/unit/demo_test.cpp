// Unit tests for the demo exhibit generator (tools/demo, library sr_demo).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "demo/atlas.h"
#include "demo/builder.h"
#include "demo/exhibit.h"
#include "demo/geometry.h"
#include "demo/mesh_writers.h"
#include "demo/noise.h"
#include "demo/photo_finish.h"
#include "demo/random.h"

using namespace sr::demo;

namespace {

// Counts how many triangles use each undirected edge, after welding equal
// positions.
std::map<std::pair<uint32_t, uint32_t>, int> edgeUse(const TriMesh& mesh) {
    std::map<std::tuple<float, float, float>, uint32_t> welded;
    std::vector<uint32_t> id(mesh.vertices.size());
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        glm::vec3 p = mesh.vertices[i].position;
        id[i] = welded.try_emplace({p.x, p.y, p.z}, uint32_t(welded.size())).first->second;
    }
    std::map<std::pair<uint32_t, uint32_t>, int> use;
    for (size_t f = 0; f < mesh.indices.size(); f += 3)
        for (int k = 0; k < 3; ++k) {
            uint32_t a = id[mesh.indices[f + k]], b = id[mesh.indices[f + (k + 1) % 3]];
            use[{std::min(a, b), std::max(a, b)}]++;
        }
    return use;
}

bool everyEdgeSharedTwice(const TriMesh& mesh) {
    for (const auto& [edge, count] : edgeUse(mesh))
        if (count != 2) return false;
    return true;
}

} // namespace

TEST(DemoRandom, SameSeedGivesSameSequence) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        uint64_t x = a.next();
        EXPECT_EQ(x, b.next());
        EXPECT_NE(x, c.next());
    }
    Rng r(7);
    for (int i = 0; i < 1000; ++i) {
        float u = r.uniform();
        EXPECT_GE(u, 0.0f);
        EXPECT_LT(u, 1.0f);
        EXPECT_LT(r.below(5), 5u);
    }
}

TEST(DemoNoise, IsDeterministicAndRoughlyBounded) {
    for (int i = 0; i < 200; ++i) {
        glm::vec3 p{float(i) * 0.37f, float(i) * -0.11f, 2.5f};
        float n = gradientNoise(p, 3);
        EXPECT_EQ(n, gradientNoise(p, 3));
        EXPECT_LE(std::abs(n), 1.5f);
        EXPECT_LE(std::abs(fbm(p, 4, 9)), 2.0f);
    }
    EXPECT_FLOAT_EQ(gradientNoise(glm::vec3(2, 3, 4), 1),
                    0.0f); // zero on the lattice
}

TEST(DemoGeometry, SharedEdgePointsMatchWhicheverWayTheEdgeIsWalked) {
    glm::vec3 a = quantizePoint({0.3f, 1.7f, 0.92f}), b = quantizePoint({0.3f, 2.4f, 0.92f});
    int n = edgeSegments(a, b, 0.05f);
    EXPECT_EQ(n, edgeSegments(b, a, 0.05f));
    std::vector<glm::vec3> forward, backward;
    std::vector<float> tf, tb;
    sharedEdgePoints(a, b, n, forward, tf);
    sharedEdgePoints(b, a, n, backward, tb);
    ASSERT_EQ(forward.size(), size_t(n) + 1);
    for (int k = 0; k <= n; ++k) {
        EXPECT_EQ(forward[k],
                  backward[n - k]); // bit-identical, so the mesh has no cracks
        EXPECT_FLOAT_EQ(tf[k], 1.0f - tb[n - k]);
    }
    EXPECT_EQ(forward.front(), a);
    EXPECT_EQ(forward.back(), b);
}

TEST(DemoGeometry, BoxTessellatesWatertightAndIrregular) {
    Scene scene;
    SceneBuilder b(scene, 1);
    b.beginObject({0.5f, 0.5f, 0.0f}, 17.0f, 0.04f);
    b.box({0, 0, 0}, {0.6f, 0.4f, 0.3f}, Paint::Birch);
    b.endObject();
    TriMesh mesh = tessellate(scene);
    EXPECT_GT(mesh.indices.size() / 3, 200u);
    EXPECT_TRUE(everyEdgeSharedTwice(mesh));
    // Jittered, not a regular grid: interior edge lengths vary.
    float shortest = 1.0f, longest = 0.0f;
    for (size_t f = 0; f < mesh.indices.size(); f += 3) {
        float l = glm::length(mesh.vertices[mesh.indices[f]].position -
                              mesh.vertices[mesh.indices[f + 1]].position);
        shortest = std::min(shortest, l);
        longest = std::max(longest, l);
    }
    EXPECT_GT(longest, shortest * 1.8f);
}

TEST(DemoGeometry, ShellWithWindowAndDoorIsClosed) {
    Scene scene;
    SceneBuilder b(scene, 2);
    const Opening openings[] = {{Wall::South, 0.3f, 1.1f, 0.0f, 2.0f, 0.04f, false},
                                {Wall::East, 1.0f, 2.0f, 0.9f, 2.1f, 0.18f, true},
                                {Wall::North, 1.5f, 2.5f, 1.0f, 2.0f, 0.18f, true}};
    buildShell(b, scene, {3.0f, 3.0f, 2.5f}, openings, ShellPaints{}, 0.08f);
    TriMesh mesh = tessellate(scene);
    EXPECT_TRUE(everyEdgeSharedTwice(mesh)); // glass and door leaf close the openings
    EXPECT_EQ(scene.light.windows.size(), 2u);
}

TEST(DemoAtlas, ChartsFitWithoutOverlapping) {
    RoomSpec room = buildBedroom();
    auto layout = packAtlases(room.scene, 1024, 3, 3);
    ASSERT_TRUE(layout.ok()) << layout.error().describe();
    EXPECT_LE(layout->count, 3u);
    const auto& charts = layout->charts;
    ASSERT_EQ(charts.size(), room.scene.surfaces.size());
    for (size_t i = 0; i < charts.size(); ++i) {
        glm::ivec2 lo = charts[i].origin, hi = lo + charts[i].inner + 2 * layout->padding;
        EXPECT_GE(lo.x, 0);
        EXPECT_GE(lo.y, 0);
        EXPECT_LE(hi.x, 1024);
        EXPECT_LE(hi.y, 1024);
        for (size_t j = i + 1; j < charts.size(); ++j) {
            if (charts[j].atlas != charts[i].atlas) continue;
            glm::ivec2 lo2 = charts[j].origin, hi2 = lo2 + charts[j].inner + 2 * layout->padding;
            bool apart = hi.x <= lo2.x || hi2.x <= lo.x || hi.y <= lo2.y || hi2.y <= lo.y;
            EXPECT_TRUE(apart) << "charts " << i << " and " << j;
        }
    }
}

TEST(DemoAtlas, ObjTexCoordPutsChartTopNearerTheImageTop) {
    RoomSpec room = buildBedroom();
    auto layout = packAtlases(room.scene, 1024, 3, 3);
    ASSERT_TRUE(layout.ok());
    const Surface& s = room.scene.surfaces[0];
    glm::vec2 bottom = objTexCoord(*layout, s, 0, {0.0f, 0.0f});
    glm::vec2 top = objTexCoord(*layout, s, 0, {0.0f, s.size.y});
    EXPECT_GT(top.y, bottom.y); // OBJ v grows towards the top of the stored image
    for (glm::vec2 t : {bottom, top}) {
        EXPECT_GE(t.x, 0.0f);
        EXPECT_LE(t.x, 1.0f);
        EXPECT_GE(t.y, 0.0f);
        EXPECT_LE(t.y, 1.0f);
    }
}

TEST(DemoExhibit, RoomsPassTheirLayoutChecks) {
    for (const RoomSpec& room : buildDemoRooms()) {
        auto status = validateRoom(room);
        EXPECT_TRUE(status.ok()) << status.error().describe();
        EXPECT_GE(room.stations.size(), 1u);
        for (const Station& s : room.stations) EXPECT_FLOAT_EQ(s.position.z, room.eyeHeight);
    }
}

TEST(DemoExhibit, ValidateRejectsPhotoCameraBehindAWall) {
    RoomSpec room = buildBedroom();
    ASSERT_FALSE(room.hotspots.empty());
    room.hotspots[0].photos[0].distance = 1.5f; // backs out through the door
    auto status = validateRoom(room);
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find(room.hotspots[0].id), std::string::npos);
}

TEST(DemoExhibit, PhotoCamerasAimAtTheirHotspots) {
    std::vector<RoomSpec> rooms = buildDemoRooms();
    std::vector<PhotoShot> shots = planPhotoShots(rooms, DemoOptions{Quality::Draft, false});
    size_t expected = 0;
    for (const RoomSpec& room : rooms)
        for (const Hotspot& h : room.hotspots) {
            EXPECT_GE(h.photos.size(), 1u);
            EXPECT_LE(h.photos.size(), 3u);
            for (size_t i = 0; i < h.photos.size(); ++i) {
                const PhotoShot& shot = shots[expected++];
                glm::vec3 to = h.position + h.photos[i].aimOffset - shot.camera.position;
                float distance = glm::length(to);
                EXPECT_GE(distance, 0.25f);
                EXPECT_LE(distance, 0.65f);
                EXPECT_GT(glm::dot(glm::normalize(to), shot.camera.forward()), 0.999f) << h.id;
                EXPECT_EQ(shot.width, 1200u);
                EXPECT_EQ(shot.height, 800u);
            }
        }
    EXPECT_EQ(shots.size(), expected);
}

TEST(DemoExhibit, ManifestNamesEveryPhotoAndFollowsTheSchema) {
    std::vector<RoomSpec> rooms = buildDemoRooms();
    nlohmann::ordered_json m = demoManifest(rooms);
    EXPECT_EQ(m["format"], "stillroom-exhibit/1");
    ASSERT_EQ(m["rooms"].size(), 2u);
    EXPECT_EQ(m["rooms"][0]["mesh"], "rooms/bedroom/scan.obj");
    EXPECT_EQ(m["rooms"][1]["mesh"], "rooms/landing/scan.ply");
    EXPECT_GE(m["rooms"][0]["hotspots"].size(), 4u);
    std::vector<std::string> named;
    for (const auto& room : m["rooms"]) {
        EXPECT_EQ(room["up"], "+Z");
        EXPECT_EQ(room["units"], "m");
        EXPECT_TRUE(room["walk"]["enabled"].get<bool>());
        for (const auto& h : room["hotspots"]) {
            EXPECT_EQ(h["view"]["position"].size(), 3u);
            for (const auto& p : h["photos"]) named.push_back(p.get<std::string>());
        }
    }
    std::vector<PhotoShot> shots = planPhotoShots(rooms, DemoOptions{});
    ASSERT_EQ(named.size(), shots.size());
    for (size_t i = 0; i < shots.size(); ++i) EXPECT_EQ(named[i], shots[i].output.string());
    EXPECT_EQ(m["kiosk"]["idle_seconds"], 90);
}

TEST(DemoExhibit, ManifestWithoutPhotosNamesNone) {
    nlohmann::ordered_json m = demoManifest(buildDemoRooms(), false);
    for (const auto& room : m["rooms"])
        for (const auto& h : room["hotspots"]) EXPECT_TRUE(h["photos"].empty()) << h["id"];
}

TEST(DemoWriters, PlyHeaderMatchesBinaryPayload) {
    Scene scene;
    SceneBuilder b(scene, 3);
    b.beginObject({0, 0, 0}, 0.0f, 0.1f);
    b.quad({0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0.4f, 0.2f}, Paint::Trim).splitsU = {0.2f}; // two patches
    b.endObject();
    TriMesh mesh = tessellate(scene);
    std::vector<glm::u8vec3> colours(mesh.vertices.size(), glm::u8vec3(10, 20, 30));
    std::vector<uint8_t> ply = formatPly(mesh, colours, "test");
    std::string text(ply.begin(), ply.end());
    size_t end = text.find("end_header\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(text.rfind("ply\nformat binary_little_endian 1.0\n", 0), 0u);
    size_t vertices = std::stoul(text.substr(text.find("element vertex ") + 15));
    size_t faces = std::stoul(text.substr(text.find("element face ") + 13));
    EXPECT_EQ(faces, mesh.indices.size() / 3);
    EXPECT_LT(vertices,
              mesh.vertices.size()); // the seam between the patches is welded
    EXPECT_EQ(ply.size(), end + 11 + vertices * 15 + faces * 13);
}

TEST(DemoWriters, ObjUsesOneMaterialPerAtlasPage) {
    RoomSpec room = buildBedroom();
    auto layout = packAtlases(room.scene, 512, 4, 2);
    ASSERT_TRUE(layout.ok());
    TriMesh mesh = tessellate(room.scene);
    std::string obj = formatObj(mesh, room.scene, *layout, "scan.mtl", "header");
    EXPECT_EQ(obj.rfind("# header\nmtllib scan.mtl\n", 0), 0u);
    EXPECT_NE(obj.find("usemtl TextureAtlas_1001\n"), std::string::npos);
    std::string mtl = formatMtl(layout->count, "header");
    EXPECT_NE(mtl.find("map_Kd texture_1001.jpg"), std::string::npos);
    EXPECT_EQ(atlasFileName(1), "texture_1002.jpg");
}

TEST(DemoPhoto, FinishIsDeterministicAndDarkensCorners) {
    sr::core::Image8 flat(64, 48);
    for (size_t i = 0; i < flat.pixels.size(); ++i) flat.pixels[i] = 180;
    sr::core::Image8 a = finishPhoto(flat, 5), b = finishPhoto(flat, 5);
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_LT(a.at(0, 0)[1] + 0, a.at(32, 24)[1] + 0);
    EXPECT_EQ(a.at(10, 10)[3], 255);
}
