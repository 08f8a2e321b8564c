// Unit tests of stillroom-bake's planning and running, and of the synthetic room generator.
#include <gtest/gtest.h>

#include "log_capture.h"
#include "test_folder.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "app/room_source.h"
#include "asset/room_cache.h"
#include "asset/room_load.h"
#include "bake/bake.h"
#include "core/image.h"
#include "gen-room/gen_room.h"
#include "scene/manifest.h"

namespace fs = std::filesystem;
using sr::test::LogCapture;

namespace {

void writeFile(const fs::path& file, std::string_view text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// An exhibit of two rooms, each a textured quad as OBJ + MTL + PNG.
fs::path writeExhibit(const fs::path& folder) {
    for (const char* room : {"attic", "hall"}) {
        const fs::path dir = folder / "rooms" / room;
        writeFile(dir / "scan.obj",
                  "mtllib scan.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n"
                  "vt 0 1\nusemtl wall\nf 1/1 2/2 3/3\nf 1/1 3/3 4/4\n");
        writeFile(dir / "scan.mtl", "newmtl wall\nKd 1 1 1\nmap_Kd wall.png\n");
        sr::core::Image8 image{4, 4};
        EXPECT_TRUE(sr::core::writePng(dir / "wall.png", image).ok());
    }
    writeFile(folder / "manifest.json", R"({"format": "stillroom-exhibit/1", "title": "Two rooms", "rooms": [
        {"id": "attic", "title": "Attic", "mesh": "rooms/attic/scan.obj", "up": "+Z", "units": "cm"},
        {"id": "hall", "title": "Hall", "mesh": "rooms/hall/scan.obj", "up": "+Y"}]})");
    return folder;
}

size_t filesUnder(const fs::path& folder) {
    size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) n += entry.is_regular_file();
    return n;
}

} // namespace

TEST(Bake, PlansExhibitRoomsExactlyAsTheViewerOpensThem) {
    LogCapture log;
    const fs::path folder = sr::test::freshTestFolder("bake");
    const fs::path exhibit = writeExhibit(folder / "exhibit");
    sr::bake::BakeOptions options;
    options.cacheDir = folder / "cache";
    auto jobs = sr::bake::planBake({exhibit}, options);
    ASSERT_TRUE(jobs.ok()) << jobs.error().describe();
    ASSERT_EQ(jobs->size(), 2u);
    auto loaded = sr::scene::loadExhibit(exhibit);
    ASSERT_TRUE(loaded.ok());
    for (size_t i = 0; i < 2; ++i) {
        const sr::app::RoomSource source = sr::app::roomSourceFor(loaded->exhibit, loaded->exhibit.rooms[i]);
        const uint64_t hash = sr::asset::roomCacheSettingsHash(source.import, options.settings);
        EXPECT_EQ(sr::asset::roomCacheSettingsHash((*jobs)[i].import, options.settings), hash);
        EXPECT_EQ((*jobs)[i].cacheFile, sr::asset::userRoomCachePath(options.cacheDir, source.mesh, hash));
    }
    options.inPlace = true;
    jobs = sr::bake::planBake({exhibit}, options);
    ASSERT_TRUE(jobs.ok());
    EXPECT_EQ((*jobs)[0].cacheFile, exhibit / "rooms" / "attic" / "scan.obj.srcache");
}

TEST(Bake, RefusesBadInputNamingIt) {
    LogCapture log;
    const fs::path folder = sr::test::freshTestFolder("bake");
    const fs::path exhibit = writeExhibit(folder / "exhibit");
    sr::bake::BakeOptions options;
    options.cacheDir = folder / "cache";
    auto missing = sr::bake::planBake({folder / "nothing.obj"}, options);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().describe().find("nothing.obj: no such file"), std::string::npos);
    auto notExhibit = sr::bake::planBake({folder / "cache-less"}, options);
    EXPECT_FALSE(notExhibit.ok());
    fs::create_directories(folder / "plain");
    auto plain = sr::bake::planBake({folder / "plain"}, options);
    ASSERT_FALSE(plain.ok());
    EXPECT_NE(plain.error().message.find("manifest.json"), std::string::npos);
    auto notMesh = sr::bake::planBake({exhibit / "manifest.json"}, options);
    ASSERT_FALSE(notMesh.ok());
    EXPECT_NE(notMesh.error().message.find("not a mesh file"), std::string::npos);
    options.out = folder / "one.srcache";
    auto two = sr::bake::planBake({exhibit}, options);
    ASSERT_FALSE(two.ok());
    EXPECT_NE(two.error().message.find("2 rooms"), std::string::npos);
    options.out.clear();
    options.up = "sideways";
    auto badUp = sr::bake::planBake({exhibit / "rooms" / "hall" / "scan.obj"}, options);
    ASSERT_FALSE(badUp.ok());
    EXPECT_NE(badUp.error().message.find("--up"), std::string::npos);
}

TEST(Bake, WritesOnlyIntoTheCacheFolderAndTheViewerReadsWhatItWrote) {
    LogCapture log;
    const fs::path folder = sr::test::freshTestFolder("bake");
    const fs::path exhibit = writeExhibit(folder / "exhibit");
    const size_t exhibitFiles = filesUnder(exhibit);
    sr::bake::BakeOptions options;
    options.cacheDir = folder / "cache";
    std::FILE* out = std::tmpfile();
    EXPECT_EQ(sr::bake::runBake({exhibit}, options, out), 0);
    EXPECT_EQ(filesUnder(exhibit), exhibitFiles);
    EXPECT_EQ(filesUnder(folder / "cache"), 2u);
    // A second run finds both up to date.
    EXPECT_EQ(sr::bake::runBake({exhibit}, options, out), 0);
    std::rewind(out);
    std::string printed(4096, '\0');
    printed.resize(std::fread(printed.data(), 1, printed.size(), out));
    std::fclose(out);
    EXPECT_NE(printed.find("attic: up to date"), std::string::npos) << printed;
    EXPECT_EQ(printed.find('\r'), std::string::npos) << "no bar when the output is not a terminal";

    auto loaded = sr::scene::loadExhibit(exhibit);
    ASSERT_TRUE(loaded.ok());
    const sr::app::RoomSource source = sr::app::roomSourceFor(loaded->exhibit, loaded->exhibit.rooms[0]);
    auto mesh = sr::asset::loadRoomForViewing(source.mesh, source.import, folder / "cache");
    ASSERT_TRUE(mesh.ok());
    EXPECT_EQ(log.count({"from its room cache"}), 1u) << log.all();
    EXPECT_EQ(filesUnder(folder / "cache"), 2u);
}

TEST(Bake, InPlaceWritesBesideTheMeshAndTheViewerPrefersIt) {
    LogCapture log;
    const fs::path folder = sr::test::freshTestFolder("bake");
    const fs::path exhibit = writeExhibit(folder / "exhibit");
    sr::bake::BakeOptions options;
    options.cacheDir = folder / "cache";
    options.inPlace = true;
    std::FILE* out = std::tmpfile();
    EXPECT_EQ(sr::bake::runBake({exhibit}, options, out), 0);
    std::fclose(out);
    EXPECT_TRUE(fs::exists(exhibit / "rooms" / "hall" / "scan.obj.srcache"));
    EXPECT_FALSE(fs::exists(folder / "cache"));
    // Moved elsewhere, the exhibit's caches still count as fresh.
    fs::rename(exhibit, folder / "moved");
    auto loaded = sr::scene::loadExhibit(folder / "moved");
    ASSERT_TRUE(loaded.ok());
    const sr::app::RoomSource source = sr::app::roomSourceFor(loaded->exhibit, loaded->exhibit.rooms[1]);
    auto mesh = sr::asset::loadRoomForViewing(source.mesh, source.import, folder / "cache");
    ASSERT_TRUE(mesh.ok());
    EXPECT_EQ(log.count({"from its room cache"}), 1u) << log.all();
    EXPECT_FALSE(fs::exists(folder / "cache"));
}

TEST(GenRoom, MeshHasAboutTheAskedTrianglesInEveryAtlasWithChartsThatMeet) {
    sr::genroom::RoomSpec spec;
    spec.triangles = 20000;
    spec.atlases = 3;
    spec.atlasSize = 256;
    const auto surfaces = sr::genroom::roomSurfaces(spec);
    const auto charts = sr::genroom::planCharts(surfaces, spec);
    const sr::genroom::GeneratedMesh mesh = sr::genroom::buildMesh(surfaces, charts, spec);
    const double triangles = double(mesh.indices.size() / 3);
    EXPECT_NEAR(triangles, 20000.0, 2000.0);
    ASSERT_EQ(mesh.atlasFirstTriangle.size(), 4u);
    for (size_t a = 0; a < 3; ++a) EXPECT_LT(mesh.atlasFirstTriangle[a], mesh.atlasFirstTriangle[a + 1]);
    for (const glm::vec2& uv : mesh.uvs) {
        ASSERT_TRUE(uv.x >= 0.0f && uv.x <= 1.0f && uv.y >= 0.0f && uv.y <= 1.0f);
    }
    // Chart borders are split (a seam) but their positions coincide: most positions occur twice or more.
    std::map<std::tuple<float, float, float>, int> uses;
    for (const glm::vec3& p : mesh.positions) ++uses[{p.x, p.y, p.z}];
    size_t shared = 0;
    for (auto [position, count] : uses) shared += count > 1;
    EXPECT_GT(shared, charts.size() * 4);
}
