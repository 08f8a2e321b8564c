// The importer runs in its own process: what the viewer gets back when it works, when it refuses a
// file, and when it crashes, hangs or runs out of memory.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "asset/importer.h"
#include "asset/room_load.h"
#include "log_capture.h"
#include "test_folder.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {

fs::path testFolder() { return sr::test::freshTestFolder("importer"); }

void writeFile(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

// A floor of two triangles, +Z up, metres.
fs::path writeFloorObj(const fs::path& folder, const std::string& extra = "") {
    const fs::path file = folder / "floor.obj";
    writeFile(file, "v 0 0 0\nv 2 0 0\nv 2 2 0\nv 0 2 0\nf 1 2 3\nf 1 3 4\n" + extra);
    return file;
}

// Points the viewer at another importer program while it lives.
class ImporterOverride {
public:
    explicit ImporterOverride(const fs::path& program) { setenv("STILLROOM_IMPORTER", program.c_str(), 1); }
    ~ImporterOverride() { unsetenv("STILLROOM_IMPORTER"); }
};

// A stand-in importer: a shell script with `body`.
fs::path writeScript(const fs::path& folder, const std::string& body) {
    const fs::path file = folder / "fake-importer.sh";
    writeFile(file, "#!/bin/sh\n" + body + "\n");
    fs::permissions(file, fs::perms::owner_all);
    return file;
}

const ImportOptions kZUp{UpAxis::PosZ};

} // namespace

TEST(Importer, ArgumentsReadBackExactly) {
    ImporterJob job;
    job.mesh = "/exhibit/rooms/a b/scan.obj";
    job.out = "/cache/rooms/1234.srcache";
    job.import.up = UpAxis::NegX;
    job.import.upVector = glm::vec3(-0.98f, 0.1f, 0.1234567f);
    job.import.metresPerUnit = 0.0254f;
    job.import.maxTextureSize = 4096;
    job.import.maxTexturePixels = 123456789012ull;
    job.import.confineTexturesTo = "/exhibit";
    job.settings.lodLevels = 2;
    job.settings.lodReduction = 0.37f;
    job.settings.lodMaxError = 0.0123f;
    job.settings.chunkTriangles = 999;
    job.settings.clusterVertices = 32;
    job.settings.clusterTriangles = 60;
    job.settings.compressTextures = true;
    auto back = parseImporterArguments(importerArguments(job));
    ASSERT_TRUE(back.ok()) << back.error().describe();
    EXPECT_EQ(back->mesh, job.mesh);
    EXPECT_EQ(back->out, job.out);
    EXPECT_EQ(back->import.up, job.import.up);
    EXPECT_EQ(back->import.upVector, job.import.upVector);
    EXPECT_EQ(back->import.metresPerUnit, job.import.metresPerUnit);
    EXPECT_EQ(back->import.maxTextureSize, job.import.maxTextureSize);
    EXPECT_EQ(back->import.maxTexturePixels, job.import.maxTexturePixels);
    EXPECT_EQ(back->import.confineTexturesTo, job.import.confineTexturesTo);
    EXPECT_EQ(roomCacheSettingsHash(back->import, back->settings),
              roomCacheSettingsHash(job.import, job.settings));
    EXPECT_EQ(back->settings.compressTextures, true);

    const std::vector<std::string> bad[] = {{"--out", "x.srcache"},
                                            {"a.obj", "--out"},
                                            {"a.obj", "--out", "x", "--lods", "many"},
                                            {"a.obj", "--out", "x", "--up", "sideways"},
                                            {"a.obj", "--out", "x", "--up-vector", "1,2"},
                                            {"a.obj", "--out", "x", "--bogus", "1"},
                                            {"a.obj", "--out", "x", "--metres-per-unit", "-1"}};
    for (const auto& arguments : bad)
        EXPECT_FALSE(parseImporterArguments(arguments).ok()) << arguments.back();
}

TEST(Importer, IsFoundInTheBuildTreeAndAMissingOneIsNamed) {
    auto found = findImporter();
    ASSERT_TRUE(found.ok()) << found.error().describe();
    EXPECT_EQ(found->filename(), kImporterName);

    ImporterOverride missing("/nonexistent/stillroom-import");
    auto notFound = findImporter();
    ASSERT_FALSE(notFound.ok());
    EXPECT_NE(notFound.error().message.find("/nonexistent/stillroom-import"), std::string::npos);
    const fs::path folder = testFolder();
    auto room = loadRoomForViewing(writeFloorObj(folder), kZUp, folder / "cache");
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().path, (folder / "floor.obj").string());
    EXPECT_NE(room.error().message.find("importer program stillroom-import was not found"),
              std::string::npos);
}

TEST(Importer, ImportsInItsOwnProcessAndPassesItsWarningsOn) {
    sr::test::LogCapture log;
    const fs::path folder = testFolder();
    // One triangle has a NaN corner: the importer drops it and says so; the warning reaches us.
    const fs::path mesh = writeFloorObj(folder, "v nan 0 0\nf 1 2 5\n");
    auto room = loadRoomForViewing(mesh, kZUp, folder / "cache");
    ASSERT_TRUE(room.ok()) << room.error().describe();
    EXPECT_EQ(room->triangleCount(), 2u);
    EXPECT_GE(log.count({"NaN"}), 1u) << log.all();
    EXPECT_EQ(log.count({"baked", "floor.obj"}), 1u) << log.all();
}

TEST(Importer, ARefusedFileKeepsTheImportersMessageAndLeavesNoCache) {
    const fs::path folder = testFolder();
    const fs::path mesh = folder / "broken.obj";
    writeFile(mesh, "v 0 0 0\nf 1 2 3\n"); // indices past the only vertex
    auto room = loadRoomForViewing(mesh, kZUp, folder / "cache");
    ASSERT_FALSE(room.ok());
    EXPECT_NE(room.error().describe().find("broken.obj"), std::string::npos) << room.error().describe();
    EXPECT_FALSE(fs::exists(folder / "cache" / "rooms") && !fs::is_empty(folder / "cache" / "rooms"));
}

TEST(Importer, ACrashIsAMessageNamingTheMesh) {
    const fs::path folder = testFolder();
    ImporterOverride crash(writeScript(folder, "kill -SEGV $$"));
    auto room = loadRoomForViewing(writeFloorObj(folder), kZUp, folder / "cache");
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().path, (folder / "floor.obj").string());
    EXPECT_EQ(room.error().message, "importer crashed (signal 11, Segmentation fault)");
}

TEST(Importer, AHangIsKilledAtTheTimeLimit) {
    const fs::path folder = testFolder();
    ImporterOverride hang(writeScript(folder, "exec sleep 60"));
    const auto start = std::chrono::steady_clock::now();
    auto room = loadRoomForViewing(writeFloorObj(folder), kZUp, folder / "cache", {}, {0.5, 0});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().message, "import took longer than 0.5 s");
    EXPECT_LT(seconds, 10.0);
}

TEST(Importer, AnImporterThatStopsWithoutAnAnswerIsNamed) {
    const fs::path folder = testFolder();
    ImporterOverride quits(writeScript(folder, "echo half a line; exit 7"));
    sr::test::LogCapture log;
    auto room = loadRoomForViewing(writeFloorObj(folder), kZUp, folder / "cache");
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().message, "importer stopped without an answer (exit code 7)");
    EXPECT_EQ(log.count({"stillroom-import: half a line"}), 1u) << log.all();
}

#ifndef __SANITIZE_ADDRESS__ // the address-space limit is not applied under AddressSanitizer
TEST(Importer, AMemoryBlowUpStopsAtTheAddressSpaceLimit) {
    const fs::path folder = testFolder();
    // About 400,000 triangles: the import needs far more than 96 MiB of address space.
    std::string obj;
    obj.reserve(24 << 20);
    constexpr int kSide = 450;
    for (int y = 0; y <= kSide; ++y)
        for (int x = 0; x <= kSide; ++x) obj += "v " + std::to_string(x) + " " + std::to_string(y) + " 0\n";
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            const int a = y * (kSide + 1) + x + 1, b = a + 1, c = a + kSide + 1, d = c + 1;
            obj += "f " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(d) + "\n";
            obj += "f " + std::to_string(a) + " " + std::to_string(d) + " " + std::to_string(c) + "\n";
        }
    }
    const fs::path mesh = folder / "large.obj";
    writeFile(mesh, obj);
    auto room = loadRoomForViewing(mesh, kZUp, folder / "cache", {}, {60.0, uint64_t(96) << 20});
    ASSERT_FALSE(room.ok());
    EXPECT_EQ(room.error().path, mesh.string());
    EXPECT_EQ(room.error().message, "the importer ran out of memory (limit 96 MiB)");
    // With room to work, the same file imports.
    EXPECT_TRUE(loadRoomForViewing(mesh, kZUp, folder / "cache").ok());
}
#endif

TEST(Importer, WithoutACacheFolderATemporaryCacheIsReadAndRemoved) {
    const fs::path folder = testFolder();
    const fs::path temp = folder / "tmp";
    fs::create_directories(temp);
    setenv("TMPDIR", temp.c_str(), 1);
    auto room = loadRoomForViewing(writeFloorObj(folder), kZUp, fs::path());
    unsetenv("TMPDIR");
    ASSERT_TRUE(room.ok()) << room.error().describe();
    EXPECT_EQ(room->triangleCount(), 2u);
    EXPECT_TRUE(fs::is_empty(temp));
}
