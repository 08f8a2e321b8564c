// Every model of Assimp's own test suite (valid and deliberately broken) must either load or be
// refused with a message naming the file, by the viewer's room loading (which runs the importer
// program in its own process) and by stillroom-check (which imports in a forked child). One of the
// files crashes Assimp 5.2.5 itself: the test process and the check both carry on.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "test_folder.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSuite = fs::path(SR_TESTDATA) / "assimp-suite" / "models";
const sr::asset::ImportLimits kLimits{20.0, uint64_t(4) << 30};

struct Outcome {
    enum class Kind { Loaded, Refused, Crashed, TimedOut };
    Kind kind = Kind::Refused;
    size_t triangles = 0;
    std::string message;
    double ms = 0.0;
};

// As the viewer opens a room: a fresh cache, or the importer program under limits.
Outcome loadAsTheViewerDoes(const fs::path& file, const fs::path& cacheDir) {
    Outcome outcome;
    const auto start = std::chrono::steady_clock::now();
    auto room = sr::asset::loadRoomForViewing(file, {}, cacheDir, {}, kLimits);
    outcome.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (room) {
        outcome.kind = Outcome::Kind::Loaded;
        outcome.triangles = room->triangleCount();
        return outcome;
    }
    outcome.message = room.error().describe();
    if (room.error().message.find("took longer than") != std::string::npos)
        outcome.kind = Outcome::Kind::TimedOut;
    else if (room.error().message.find("importer crashed") != std::string::npos)
        outcome.kind = Outcome::Kind::Crashed;
    return outcome;
}

std::vector<fs::path> suiteFiles() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(kSuite)) {
        if (!entry.is_regular_file()) continue;
        std::string ext = entry.path().extension().string();
        // Files without an extension are included: Assimp recognises some formats by content.
        if (ext.empty() || sr::asset::isImportableExtension(ext)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const char* kindName(Outcome::Kind kind) {
    switch (kind) {
    case Outcome::Kind::Loaded: return "loaded";
    case Outcome::Kind::Refused: return "refused";
    case Outcome::Kind::Crashed: return "CRASHED";
    case Outcome::Kind::TimedOut: return "TIMEOUT";
    }
    return "?";
}

} // namespace

TEST(RealdataAssetSuite, TheViewerLoadsOrRefusesEveryAssimpTestModel) {
    if (!fs::exists(kSuite)) GTEST_SKIP() << "test data absent: " << kSuite;
    std::vector<fs::path> files = suiteFiles();
    ASSERT_GT(files.size(), 100u);
    const fs::path cache = sr::test::freshTestFolder("realdata") / "cache";
    sr::core::setLogQuiet(true); // the importer's warnings about broken files would drown the table
    int loaded = 0, refused = 0, crashed = 0;
    std::printf("%-8s %8s %7s  %s\n", "outcome", "tris", "ms", "file / reason");
    for (const fs::path& file : files) {
        Outcome outcome = loadAsTheViewerDoes(file, cache);
        std::string relative = fs::relative(file, kSuite).string();
        std::printf("%-8s %8zu %7.0f  %s%s%s\n", kindName(outcome.kind), outcome.triangles, outcome.ms,
                    relative.c_str(), outcome.message.empty() ? "" : "  --  ", outcome.message.c_str());
        switch (outcome.kind) {
        case Outcome::Kind::Loaded:
            ++loaded;
            EXPECT_GT(outcome.triangles, 0u) << relative;
            break;
        case Outcome::Kind::Refused:
            ++refused;
            // A refusal names the file and says something about why.
            EXPECT_NE(outcome.message.find(file.filename().string()), std::string::npos) << outcome.message;
            EXPECT_GT(outcome.message.size(), file.string().size() + 8) << outcome.message;
            break;
        case Outcome::Kind::Crashed:
            ++crashed; // Assimp's own bug: reported, and the reason the product imports in a child
            EXPECT_EQ(outcome.message.rfind(file.string() + ": importer crashed (signal", 0), 0u)
                << outcome.message;
            break;
        case Outcome::Kind::TimedOut: ADD_FAILURE() << relative << ": " << outcome.message; break;
        }
    }
    std::printf("%zu files: %d loaded, %d refused, %d crashed the importer\n", files.size(), loaded, refused,
                crashed);
    EXPECT_GE(loaded, 75);
    EXPECT_LE(crashed, 1);
}

// stillroom-check over an exhibit with one room per model: it finishes with exit status 1 (errors
// found), never a signal, and names every model it could not import.
TEST(RealdataAssetSuite, StillroomCheckLoadsOrRefusesEveryAssimpTestModel) {
    if (!fs::exists(kSuite)) GTEST_SKIP() << "test data absent: " << kSuite;
    const std::vector<fs::path> files = suiteFiles();
    const fs::path exhibit = sr::test::freshTestFolder("realdata") / "exhibit";
    fs::create_directories(exhibit);
    fs::copy(kSuite, exhibit / "models", fs::copy_options::recursive);
    nlohmann::json rooms = nlohmann::json::array();
    std::map<std::string, std::string> meshOfRoom; // "rooms[i].mesh" -> the mesh as written
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string mesh = "models/" + fs::relative(files[i], kSuite).generic_string();
        rooms.push_back({{"id", "m" + std::to_string(i)},
                         {"title", mesh},
                         {"mesh", mesh},
                         {"stations", {{{"id", "s"}, {"position", {0.0, 0.0, 1.6}}}}}});
        meshOfRoom["rooms[" + std::to_string(i) + "].mesh"] = mesh;
    }
    std::ofstream(exhibit / "manifest.json") << nlohmann::json{
        {"format", "stillroom-exhibit/1"},
        {"title", "Assimp's models"},
        {"rooms", rooms}}.dump(1);

    const std::string command =
        std::string(SR_CHECK_PROGRAM) + " --json '" + exhibit.string() + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[65536];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    const int status = pclose(pipe);
    ASSERT_TRUE(WIFEXITED(status)) << "stillroom-check died";
    EXPECT_EQ(WEXITSTATUS(status), 1); // errors found (stations outside tiny models, refused files)
    const nlohmann::json findings = nlohmann::json::parse(output);
    int refused = 0, crashed = 0;
    for (const auto& finding : findings) {
        const std::string path = finding.at("path");
        const auto room = meshOfRoom.find(path);
        if (room == meshOfRoom.end() || finding.at("severity") != "error") continue;
        ++refused;
        const std::string message = finding.at("message");
        EXPECT_EQ(finding.at("file"), room->second);
        EXPECT_GT(message.size(), 8u) << room->second;
        EXPECT_EQ(message.find("took longer than"), std::string::npos) << room->second << ": " << message;
        crashed += message.find("importer crashed") != std::string::npos;
    }
    std::printf("stillroom-check: %zu models, %d refused (%d crashed the importer)\n", files.size(), refused,
                crashed);
    EXPECT_LE(refused, int(files.size()) - 75);
    EXPECT_LE(crashed, 1);
}
