// Unit tests of the scene module: the exhibit manifest read, checked and written back.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"
#include "scene/exhibit.h"
#include "scene/manifest.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sr::scene;
using sr::asset::UpAxis;

namespace {

// An exhibit folder for the running test under the build's test output, holding a valid manifest
// (as JSON, for tests to change) and every file it names. Removed when the test passes.
class ManifestTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        mRoot =
            fs::path(SR_TEST_OUTPUT) / "unit" /
            (std::string(info->test_suite_name()) + "." + info->name() + "-" + std::to_string(::getpid()));
        fs::remove_all(mRoot);
        fs::create_directories(mRoot / "exhibit");
        mRoot = fs::canonical(mRoot);
        folder = mRoot / "exhibit";
        for (const char* file :
             {"rooms/bedroom/scan.obj", "rooms/bedroom/photos/toothpaste.jpg", "rooms/bedroom/photos/cap.jpg",
              "rooms/bedroom/colmap/images.txt", "rooms/attic/scan.ply"})
            writeFile(file, "stand-in content");
        manifest = validManifest();
    }

    void TearDown() override {
        std::error_code ec;
        if (!HasFailure()) fs::remove_all(mRoot, ec);
    }

    static json validManifest() {
        return json::parse(R"({
          "format": "stillroom-exhibit/1",
          "title": "Rooms we kept",
          "intro": "Four rooms, as they were left.",
          "rooms": [
            {
              "id": "bedroom", "title": "Anna's room", "subtitle": "1998 to 2009",
              "mesh": "rooms/bedroom/scan.obj", "up": "+Z", "units": "m",
              "stations": [
                {"id": "door", "title": "At the door", "position": [0, 0, 1.6], "yaw": 90, "pitch": -5},
                {"id": "window", "position": [2, 1.5, 1.2], "yaw": 180}
              ],
              "walk": {"enabled": true, "eye_height": 1.6, "speed": 0.8},
              "hotspots": [
                {"id": "toothpaste", "position": [1.2, 0.4, 0.9], "radius": 0.08,
                 "title": "Toothpaste", "caption": "Strawberry flavour, half used.",
                 "photos": ["rooms/bedroom/photos/toothpaste.jpg", "rooms/bedroom/photos/cap.jpg"],
                 "view": {"position": [1.0, 0.4, 1.3], "yaw": 0, "pitch": -20}}
              ],
              "poses": "rooms/bedroom/colmap/images.txt"
            },
            {
              "id": "attic", "title": "The attic", "mesh": "rooms/attic/scan.ply", "up": "+Y", "units": "cm",
              "stations": [{"id": "stairs", "position": [0, 0, 1.5]}],
              "walk": {"enabled": false}
            }
          ],
          "kiosk": {"idle_seconds": 90, "prompt_seconds": 15, "attract": "tour"}
        })");
    }

    // A plain write of a new file: the tests rewrite the manifest often, and both the atomic write's
    // fsync and truncating a file that has content make some file systems flush to disk.
    void writeFile(const fs::path& relative, std::string_view text) {
        fs::create_directories((folder / relative).parent_path());
        fs::remove(folder / relative);
        std::ofstream out(folder / relative, std::ios::binary);
        out.write(text.data(), std::streamsize(text.size()));
        ASSERT_TRUE(out.good()) << relative;
    }

    // Loads `text` as the manifest; the load itself must succeed.
    LoadedExhibit loadText(std::string_view text) {
        writeFile("manifest.json", text);
        auto loaded = loadExhibit(folder);
        EXPECT_TRUE(loaded.ok()) << loaded.error().describe();
        if (!loaded.ok()) return {};
        return std::move(loaded).value();
    }
    LoadedExhibit load() { return loadText(manifest.dump(2)); }

    // Loads `text` as the manifest; the load must fail.
    sr::core::Error loadFailure(std::string_view text) {
        writeFile("manifest.json", text);
        auto loaded = loadExhibit(folder);
        EXPECT_FALSE(loaded.ok());
        if (loaded.ok()) return {};
        return loaded.error();
    }

    json& room(size_t index = 0) { return manifest["rooms"][index]; }
    json& hotspot() { return room()["hotspots"][0]; }
    fs::path outside() const { return mRoot; }

    json manifest;
    fs::path folder;

private:
    fs::path mRoot;
};

const Problem* findProblem(const LoadedExhibit& loaded, std::string_view jsonPath) {
    for (const Problem& problem : loaded.problems)
        if (problem.jsonPath == jsonPath) return &problem;
    return nullptr;
}

std::string listProblems(const LoadedExhibit& loaded) {
    std::string text;
    for (const Problem& problem : loaded.problems)
        text +=
            (problem.severity == Severity::Error ? "  error: " : "  warning: ") + problem.describe() + "\n";
    return text;
}

// Whether `loaded` has a problem of `severity` at `jsonPath` whose message contains `part`.
::testing::AssertionResult hasProblem(const LoadedExhibit& loaded, Severity severity,
                                      std::string_view jsonPath, std::string_view part) {
    for (const Problem& problem : loaded.problems) {
        if (problem.jsonPath == jsonPath && problem.severity == severity &&
            problem.message.find(part) != std::string::npos && problem.file == "manifest.json")
            return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "no " << (severity == Severity::Error ? "error" : "warning") << " at " << jsonPath
           << " containing \"" << part << "\"; problems:\n"
           << listProblems(loaded);
}

void expectSamePose(const ViewPose& a, const ViewPose& b) {
    EXPECT_EQ(a.position, b.position);
    EXPECT_EQ(a.yawDeg, b.yawDeg);
    EXPECT_EQ(a.pitchDeg, b.pitchDeg);
}

void expectSamePath(const ExhibitPath& a, const ExhibitPath& b) {
    EXPECT_EQ(a.written, b.written);
    EXPECT_EQ(a.resolved, b.resolved);
}

void expectSameExhibit(const Exhibit& a, const Exhibit& b) {
    EXPECT_EQ(a.folder, b.folder);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.intro, b.intro);
    ASSERT_EQ(a.rooms.size(), b.rooms.size());
    for (size_t r = 0; r < a.rooms.size(); ++r) {
        const Room& x = a.rooms[r];
        const Room& y = b.rooms[r];
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.title, y.title);
        EXPECT_EQ(x.subtitle, y.subtitle);
        expectSamePath(x.mesh, y.mesh);
        EXPECT_EQ(x.up, y.up);
        EXPECT_EQ(x.upVector, y.upVector);
        EXPECT_EQ(x.metresPerUnit, y.metresPerUnit);
        ASSERT_EQ(x.stations.size(), y.stations.size());
        for (size_t s = 0; s < x.stations.size(); ++s) {
            EXPECT_EQ(x.stations[s].id, y.stations[s].id);
            EXPECT_EQ(x.stations[s].title, y.stations[s].title);
            expectSamePose(x.stations[s].pose, y.stations[s].pose);
        }
        EXPECT_EQ(x.walk.enabled, y.walk.enabled);
        EXPECT_EQ(x.walk.eyeHeight, y.walk.eyeHeight);
        EXPECT_EQ(x.walk.speed, y.walk.speed);
        ASSERT_EQ(x.hotspots.size(), y.hotspots.size());
        for (size_t h = 0; h < x.hotspots.size(); ++h) {
            const Hotspot& p = x.hotspots[h];
            const Hotspot& q = y.hotspots[h];
            EXPECT_EQ(p.id, q.id);
            EXPECT_EQ(p.position, q.position);
            EXPECT_EQ(p.radius, q.radius);
            EXPECT_EQ(p.title, q.title);
            EXPECT_EQ(p.caption, q.caption);
            ASSERT_EQ(p.photos.size(), q.photos.size());
            for (size_t i = 0; i < p.photos.size(); ++i) expectSamePath(p.photos[i], q.photos[i]);
            ASSERT_EQ(p.view.has_value(), q.view.has_value());
            if (p.view) expectSamePose(*p.view, *q.view);
            EXPECT_EQ(p.photoPose, q.photoPose);
        }
        ASSERT_EQ(x.poses.has_value(), y.poses.has_value());
        if (x.poses) expectSamePath(*x.poses, *y.poses);
        EXPECT_EQ(x.posePhotos, y.posePhotos);
    }
    ASSERT_EQ(a.kiosk.has_value(), b.kiosk.has_value());
    if (a.kiosk) {
        EXPECT_EQ(a.kiosk->idleSeconds, b.kiosk->idleSeconds);
        EXPECT_EQ(a.kiosk->promptSeconds, b.kiosk->promptSeconds);
        EXPECT_EQ(a.kiosk->attract, b.kiosk->attract);
    }
}

std::string replaceOnce(std::string text, std::string_view from, std::string_view to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

} // namespace

// --- A valid manifest ---------------------------------------------------------------------------

TEST_F(ManifestTest, LoadsValidManifestWithoutProblems) {
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    EXPECT_FALSE(loaded.hasErrors());
    const Exhibit& exhibit = loaded.exhibit;
    EXPECT_EQ(exhibit.folder, folder);
    EXPECT_EQ(exhibit.title, "Rooms we kept");
    EXPECT_EQ(exhibit.intro, "Four rooms, as they were left.");
    ASSERT_EQ(exhibit.rooms.size(), 2u);

    const Room& bedroom = exhibit.rooms[0];
    EXPECT_EQ(bedroom.id, "bedroom");
    EXPECT_EQ(bedroom.title, "Anna's room");
    EXPECT_EQ(bedroom.subtitle, "1998 to 2009");
    EXPECT_EQ(bedroom.mesh.written, "rooms/bedroom/scan.obj");
    EXPECT_EQ(bedroom.mesh.resolved, folder / "rooms/bedroom/scan.obj");
    EXPECT_EQ(bedroom.up, UpAxis::PosZ);
    EXPECT_EQ(bedroom.metresPerUnit, 1.0f);
    ASSERT_EQ(bedroom.stations.size(), 2u);
    EXPECT_EQ(bedroom.stations[0].id, "door");
    EXPECT_EQ(bedroom.stations[0].title, "At the door");
    EXPECT_EQ(bedroom.stations[0].pose.position, glm::vec3(0.0f, 0.0f, 1.6f));
    EXPECT_EQ(bedroom.stations[0].pose.yawDeg, 90.0f);
    EXPECT_EQ(bedroom.stations[0].pose.pitchDeg, -5.0f);
    EXPECT_EQ(bedroom.stations[1].title, "");
    EXPECT_EQ(bedroom.stations[1].pose.pitchDeg, 0.0f);
    EXPECT_TRUE(bedroom.walk.enabled);
    EXPECT_EQ(bedroom.walk.eyeHeight, 1.6f);
    EXPECT_EQ(bedroom.walk.speed, 0.8f);
    ASSERT_EQ(bedroom.hotspots.size(), 1u);
    const Hotspot& toothpaste = bedroom.hotspots[0];
    EXPECT_EQ(toothpaste.id, "toothpaste");
    EXPECT_EQ(toothpaste.position, glm::vec3(1.2f, 0.4f, 0.9f));
    EXPECT_EQ(toothpaste.radius, 0.08f);
    EXPECT_EQ(toothpaste.title, "Toothpaste");
    EXPECT_EQ(toothpaste.caption, "Strawberry flavour, half used.");
    ASSERT_EQ(toothpaste.photos.size(), 2u);
    EXPECT_EQ(toothpaste.photos[1].written, "rooms/bedroom/photos/cap.jpg");
    EXPECT_EQ(toothpaste.photos[1].resolved, folder / "rooms/bedroom/photos/cap.jpg");
    ASSERT_TRUE(toothpaste.view.has_value());
    EXPECT_EQ(toothpaste.view->pitchDeg, -20.0f);
    ASSERT_TRUE(bedroom.poses.has_value());
    EXPECT_EQ(bedroom.poses->resolved, folder / "rooms/bedroom/colmap/images.txt");

    const Room& attic = exhibit.rooms[1];
    EXPECT_EQ(attic.up, UpAxis::PosY);
    EXPECT_FLOAT_EQ(attic.metresPerUnit, 0.01f);
    EXPECT_FALSE(attic.walk.enabled);
    EXPECT_EQ(attic.walk.eyeHeight, WalkSettings{}.eyeHeight);
    EXPECT_TRUE(attic.hotspots.empty());
    EXPECT_FALSE(attic.poses.has_value());

    ASSERT_TRUE(exhibit.kiosk.has_value());
    EXPECT_EQ(exhibit.kiosk->idleSeconds, 90.0);
    EXPECT_EQ(exhibit.kiosk->promptSeconds, 15.0);
    EXPECT_EQ(exhibit.kiosk->attract, AttractMode::Tour);
}

TEST_F(ManifestTest, LeavesOptionalPartsAtTheirDefaults) {
    manifest = json::parse(R"({"format": "stillroom-exhibit/1", "title": "One room",
        "rooms": [{"id": "r", "title": "Room", "mesh": "rooms/attic/scan.ply", "up": "+Z",
                   "stations": [{"id": "s", "position": [1, 2, 3]}]}]})");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    ASSERT_EQ(loaded.exhibit.rooms.size(), 1u);
    const Room& room = loaded.exhibit.rooms[0];
    EXPECT_EQ(room.metresPerUnit, 1.0f);
    EXPECT_TRUE(room.walk.enabled);
    EXPECT_EQ(room.walk.speed, WalkSettings{}.speed);
    EXPECT_EQ(room.stations[0].pose.yawDeg, 0.0f);
    EXPECT_FALSE(loaded.exhibit.kiosk.has_value());
    EXPECT_TRUE(loaded.exhibit.intro.empty());
}

TEST_F(ManifestTest, AcceptsLaterMinorFormatRevision) {
    manifest["format"] = "stillroom-exhibit/1.3";
    LoadedExhibit loaded = load();
    EXPECT_EQ(loaded.exhibit.rooms.size(), 2u);
}

TEST_F(ManifestTest, AcceptsUnitsGivenAsMetresPerUnit) {
    room(1)["units"] = 0.001;
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    EXPECT_FLOAT_EQ(loaded.exhibit.rooms[1].metresPerUnit, 0.001f);
}

TEST_F(ManifestTest, IgnoresKeysStartingWithUnderscore) {
    manifest["_comment"] = "photographed in March";
    room()["_note"] = 5;
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
}

TEST_F(ManifestTest, AcceptsSymlinkThatStaysInsideFolder) {
    fs::create_directory_symlink("rooms/bedroom/photos", folder / "photos");
    hotspot()["photos"] = {"photos/cap.jpg"};
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos[0].written, "photos/cap.jpg");
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos[0].resolved,
              folder / "rooms/bedroom/photos/cap.jpg");
}

// --- Failures of the whole manifest -------------------------------------------------------------

TEST_F(ManifestTest, FailsWhenManifestIsMissing) {
    auto loaded = loadExhibit(folder / "no-such-exhibit");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().path.find("manifest.json"), std::string::npos);
    EXPECT_NE(loaded.error().message.find("No such file"), std::string::npos) << loaded.error().message;
}

TEST_F(ManifestTest, FailsWhenNotJsonAndGivesBytePosition) {
    const sr::core::Error error = loadFailure("{\"format\": \"stillroom-exhibit/1\",\n \"title\": }");
    EXPECT_NE(error.path.find("manifest.json"), std::string::npos);
    EXPECT_NE(error.message.find("not valid JSON (byte 45)"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("line 2"), std::string::npos) << error.message;
}

TEST_F(ManifestTest, FailsWhenEmpty) {
    const sr::core::Error error = loadFailure("");
    EXPECT_NE(error.message.find("not valid JSON"), std::string::npos) << error.message;
}

TEST_F(ManifestTest, FailsWhenTopLevelIsNotAnObject) {
    const sr::core::Error error = loadFailure(R"(["stillroom-exhibit/1"])");
    EXPECT_NE(error.path.find("manifest.json"), std::string::npos);
    EXPECT_NE(error.message.find("object"), std::string::npos) << error.message;
}

TEST_F(ManifestTest, FailsWhenFormatIsMissing) {
    manifest.erase("format");
    const sr::core::Error error = loadFailure(manifest.dump());
    EXPECT_NE(error.path.find("manifest.json"), std::string::npos);
    EXPECT_NE(error.message.find("\"stillroom-exhibit/1\""), std::string::npos) << error.message;
}

TEST_F(ManifestTest, FailsWhenFormatIsNotText) {
    manifest["format"] = 1;
    const sr::core::Error error = loadFailure(manifest.dump());
    EXPECT_NE(error.message.find("stillroom-exhibit/1"), std::string::npos) << error.message;
}

TEST_F(ManifestTest, RefusesNewerMajorFormat) {
    manifest["format"] = "stillroom-exhibit/2";
    const sr::core::Error error = loadFailure(manifest.dump());
    EXPECT_NE(error.message.find("\"stillroom-exhibit/2\" is not supported"), std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("\"stillroom-exhibit/1\""), std::string::npos) << error.message;
}

TEST_F(ManifestTest, RefusesFormatsThatOnlyStartLikeTheSupportedOne) {
    for (const char* format : {"stillroom-exhibit/10", "stillroom-exhibit/1.", "stillroom-exhibit/1.x",
                               "stillroom-exhibit/1 ", "another-format/1"}) {
        manifest["format"] = format;
        loadFailure(manifest.dump());
    }
}

TEST_F(ManifestTest, FailsOnTextThatIsNotUtf8WithoutThrowing) {
    const sr::core::Error error =
        loadFailure("{\"format\": \"stillroom-exhibit/1\", \"title\": \"\xff\xfe\"}");
    EXPECT_NE(error.message.find("not valid JSON"), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find('\xff'), std::string::npos) << "message repeats the invalid bytes";
}

TEST_F(ManifestTest, FailsWhenNestedTooDeepWithoutExhaustingTheStack) {
    std::string text = R"({"format": "stillroom-exhibit/1", "deep": )";
    text += std::string(200000, '[') + std::string(200000, ']') + "}";
    const sr::core::Error error = loadFailure(text);
    EXPECT_NE(error.message.find("nested more than"), std::string::npos) << error.message;
}

TEST_F(ManifestTest, FailsWhenManifestIsOverSizeLimit) {
    std::string text = manifest.dump();
    text.insert(text.size() - 1, ", \"_padding\": \"" + std::string(kMaxManifestBytes, ' ') + "\"");
    const sr::core::Error error = loadFailure(text);
    EXPECT_NE(error.message.find("limit"), std::string::npos) << error.message;
}

// --- Problems that leave the rest loaded --------------------------------------------------------

TEST_F(ManifestTest, ReportsJsonPathOfBadPhoto) {
    hotspot()["photos"][1] = "../outside.jpg";
    LoadedExhibit loaded = load();
    const Problem* problem = findProblem(loaded, "rooms[0].hotspots[0].photos[1]");
    ASSERT_NE(problem, nullptr) << listProblems(loaded);
    EXPECT_EQ(problem->severity, Severity::Error);
    EXPECT_EQ(
        problem->describe(),
        "manifest.json: rooms[0].hotspots[0].photos[1]: path leaves the exhibit folder: \"../outside.jpg\"");
    ASSERT_EQ(loaded.exhibit.rooms.size(), 2u);
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots.size(), 1u);
    const auto& photos = loaded.exhibit.rooms[0].hotspots[0].photos;
    ASSERT_EQ(photos.size(), 1u);
    EXPECT_EQ(photos[0].written, "rooms/bedroom/photos/toothpaste.jpg");
}

TEST_F(ManifestTest, DropsPhotoWithAbsolutePath) {
    hotspot()["photos"][0] = (folder / "rooms/bedroom/photos/cap.jpg").string();
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "absolute path"));
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 1u);
}

TEST_F(ManifestTest, DropsPhotoWithBackslashesOrDriveLetter) {
    hotspot()["photos"] = {"rooms\\bedroom\\photos\\cap.jpg", "C:/photos/cap.jpg",
                           "rooms/bedroom/photos/cap.jpg"};
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "'\\'"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[1]", "drive letter"));
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 1u);
}

TEST_F(ManifestTest, DropsPhotoReachedThroughSymlinkPointingOut) {
    ASSERT_TRUE(sr::core::writeFileAtomic(outside() / "private/letter.jpg", "x").ok());
    fs::create_directory_symlink(outside() / "private", folder / "rooms/bedroom/photos/more");
    hotspot()["photos"][0] = "rooms/bedroom/photos/more/letter.jpg";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "symbolic link"));
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos[0].written, "rooms/bedroom/photos/cap.jpg");
}

TEST_F(ManifestTest, DropsPathContainingNulByte) {
    hotspot()["photos"][0] = std::string("rooms/bedroom/photos/cap.jpg\0/../../x", 38);
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "NUL"));
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 1u);
}

TEST_F(ManifestTest, ReportsMissingFileButKeepsIt) {
    hotspot()["photos"][0] = "rooms/bedroom/photos/lost.jpg";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]",
                           "file not found: \"rooms/bedroom/photos/lost.jpg\""));
    EXPECT_TRUE(loaded.hasErrors());
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos.size(), 2u);
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].photos[0].resolved,
              folder / "rooms/bedroom/photos/lost.jpg");
}

TEST_F(ManifestTest, ReportsFolderNamedAsFile) {
    hotspot()["photos"][0] = "rooms/bedroom/colmap";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "not a regular file"));
}

TEST_F(ManifestTest, DropsRoomWhoseMeshLeavesFolder) {
    room()["mesh"] = "rooms/../../scan.obj";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].mesh", "leaves the exhibit folder"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0]", "this room is left out"));
    ASSERT_EQ(loaded.exhibit.rooms.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].id, "attic");
}

TEST_F(ManifestTest, DropsRoomWithoutMesh) {
    room().erase("mesh");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].mesh", "missing (required)"));
    ASSERT_EQ(loaded.exhibit.rooms.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].id, "attic");
}

TEST_F(ManifestTest, StillChecksTheRestOfADroppedRoom) {
    room().erase("mesh");
    hotspot()["radius"] = -1;
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].radius", "greater than 0"));
}

TEST_F(ManifestTest, KeepsRoomWhoseMeshFileIsMissing) {
    fs::remove(folder / "rooms/attic/scan.ply");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[1].mesh", "file not found"));
    EXPECT_EQ(loaded.exhibit.rooms.size(), 2u);
}

TEST_F(ManifestTest, ReportsWrongTypesAtTheirPaths) {
    struct Case {
        std::function<void(json&)> change;
        std::string jsonPath;
        std::string message;
    };
    const std::vector<Case> cases = {
        {[](json& m) { m["title"] = 5; }, "title", "must be text, not a number"},
        {[](json& m) { m["rooms"] = json::object(); }, "rooms", "must be an array"},
        {[](json& m) { m["rooms"][1] = "attic"; }, "rooms[1]", "must be an object"},
        {[](json& m) { m["rooms"][0]["id"] = json::array(); }, "rooms[0].id", "must be text, not an array"},
        {[](json& m) { m["rooms"][0]["mesh"] = true; }, "rooms[0].mesh", "must be a path (text)"},
        {[](json& m) { m["rooms"][0]["stations"][0]["yaw"] = "ninety"; }, "rooms[0].stations[0].yaw",
         "must be a number, not text"},
        {[](json& m) {
             m["rooms"][0]["stations"][0]["position"] = {0, 1};
         },
         "rooms[0].stations[0].position", "array of 2"},
        {[](json& m) { m["rooms"][0]["stations"][0]["position"][2] = nullptr; },
         "rooms[0].stations[0].position[2]", "not null"},
        {[](json& m) { m["rooms"][0]["walk"]["enabled"] = "yes"; }, "rooms[0].walk.enabled",
         "must be true or false"},
        {[](json& m) { m["rooms"][0]["walk"] = 1.6; }, "rooms[0].walk", "must be an object"},
        {[](json& m) { m["rooms"][0]["hotspots"] = json::object(); }, "rooms[0].hotspots",
         "must be an array"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["radius"] = "big"; }, "rooms[0].hotspots[0].radius",
         "must be a number"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["photos"] = "a.jpg"; }, "rooms[0].hotspots[0].photos",
         "must be an array"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["photos"][0] = 3; }, "rooms[0].hotspots[0].photos[0]",
         "must be a path (text)"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["view"] = json::array(); }, "rooms[0].hotspots[0].view",
         "must be an object"},
        {[](json& m) { m["rooms"][0]["up"] = 1; }, "rooms[0].up", "must be text"},
        {[](json& m) { m["rooms"][0]["units"] = json::object(); }, "rooms[0].units", "must be text"},
        {[](json& m) { m["kiosk"] = "always"; }, "kiosk", "must be an object"},
        {[](json& m) { m["kiosk"]["idle_seconds"] = "90"; }, "kiosk.idle_seconds", "must be a number"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.jsonPath);
        manifest = validManifest();
        c.change(manifest);
        LoadedExhibit loaded = load();
        EXPECT_TRUE(hasProblem(loaded, Severity::Error, c.jsonPath, c.message));
    }
}

TEST_F(ManifestTest, ReportsNumberTooLargeForADouble) {
    std::string text = manifest.dump();
    text = replaceOnce(text, "\"yaw\":90", "\"yaw\": 1e999");
    text = replaceOnce(text, "[1.2,0.4,0.9]", "[1.2, 0.4, -1e999]");
    text = replaceOnce(text, "\"radius\":0.08", "\"radius\": 1" + std::string(400, '0'));
    LoadedExhibit loaded = loadText(text);
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].stations[0].yaw", "too large to represent"));
    EXPECT_TRUE(
        hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].position[2]", "too large to represent"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].radius", "too large to represent"));
    // The station and the hotspot are left out; everything else stays.
    ASSERT_EQ(loaded.exhibit.rooms.size(), 2u);
    ASSERT_EQ(loaded.exhibit.rooms[0].stations.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].stations[0].id, "window");
    EXPECT_TRUE(loaded.exhibit.rooms[0].hotspots.empty());
}

TEST_F(ManifestTest, ReportsNumberTooLargeWhereTextIsExpected) {
    std::string text = replaceOnce(manifest.dump(), "\"title\":\"Rooms we kept\"", "\"title\":1e400");
    LoadedExhibit loaded = loadText(text);
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "title", "not a number too large to represent"));
}

TEST_F(ManifestTest, ReportsValuesOutOfRange) {
    struct Case {
        std::function<void(json&)> change;
        std::string jsonPath;
        std::string message;
    };
    const std::vector<Case> cases = {
        {[](json& m) { m["rooms"][0]["stations"][0]["pitch"] = 95; }, "rooms[0].stations[0].pitch",
         "at most 89"},
        {[](json& m) { m["rooms"][0]["stations"][0]["pitch"] = -90; }, "rooms[0].stations[0].pitch",
         "at least -89"},
        {[](json& m) { m["rooms"][0]["stations"][0]["yaw"] = 1e30; }, "rooms[0].stations[0].yaw",
         "at most 360"},
        {[](json& m) { m["rooms"][0]["stations"][0]["position"][0] = 1e300; },
         "rooms[0].stations[0].position[0]", "at most 100000"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["radius"] = 0; }, "rooms[0].hotspots[0].radius",
         "greater than 0"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["radius"] = 12; }, "rooms[0].hotspots[0].radius",
         "less than 10"},
        {[](json& m) { m["rooms"][0]["hotspots"][0]["view"]["pitch"] = 120; },
         "rooms[0].hotspots[0].view.pitch", "at most 89"},
        {[](json& m) { m["rooms"][0]["walk"]["eye_height"] = 10; }, "rooms[0].walk.eye_height", "at most 3"},
        {[](json& m) { m["rooms"][0]["walk"]["speed"] = 0; }, "rooms[0].walk.speed", "greater than 0"},
        {[](json& m) { m["rooms"][0]["units"] = -1; }, "rooms[0].units", "greater than 0"},
        {[](json& m) { m["kiosk"]["idle_seconds"] = -1; }, "kiosk.idle_seconds", "at least 1"},
        {[](json& m) { m["kiosk"]["prompt_seconds"] = 1e6; }, "kiosk.prompt_seconds", "at most 3600"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.jsonPath);
        manifest = validManifest();
        c.change(manifest);
        LoadedExhibit loaded = load();
        EXPECT_TRUE(hasProblem(loaded, Severity::Error, c.jsonPath, c.message));
    }
}

TEST_F(ManifestTest, DropsStationWithPitchOutOfRange) {
    room()["stations"][0]["pitch"] = 95;
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].stations[0]", "this station is left out"));
    ASSERT_EQ(loaded.exhibit.rooms[0].stations.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].stations[0].id, "window");
}

TEST_F(ManifestTest, KeepsDefaultsWhenSettingsAreInvalid) {
    room()["walk"]["speed"] = -3;
    manifest["kiosk"]["attract"] = "slideshow";
    LoadedExhibit loaded = load();
    EXPECT_EQ(loaded.exhibit.rooms[0].walk.speed, WalkSettings{}.speed);
    EXPECT_EQ(loaded.exhibit.rooms[0].walk.eyeHeight, 1.6f);
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "kiosk.attract", "\"tour\" or \"none\""));
    ASSERT_TRUE(loaded.exhibit.kiosk.has_value());
    EXPECT_EQ(loaded.exhibit.kiosk->attract, AttractMode::Tour);
    EXPECT_EQ(loaded.exhibit.kiosk->idleSeconds, 90.0);
}

TEST_F(ManifestTest, DropsHotspotWithoutPositionButKeepsRoom) {
    hotspot().erase("position");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].position", "missing (required)"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0]", "this hotspot is left out"));
    ASSERT_EQ(loaded.exhibit.rooms.size(), 2u);
    EXPECT_TRUE(loaded.exhibit.rooms[0].hotspots.empty());
}

TEST_F(ManifestTest, DropsBadViewButKeepsHotspot) {
    hotspot()["view"]["position"] = "above";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].view.position", "three numbers"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].view", "this view is left out"));
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots.size(), 1u);
    EXPECT_FALSE(loaded.exhibit.rooms[0].hotspots[0].view.has_value());
}

TEST_F(ManifestTest, ReportsBadIds) {
    room()["stations"][0]["id"] = "at the door";
    room()["stations"][1]["id"] = "";
    room(1)["id"] = std::string(65, 'a');
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].stations[0].id", "letters, digits"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].stations[1].id", "is empty"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[1].id", "at most 64"));
    EXPECT_EQ(loaded.exhibit.rooms.size(), 1u);
}

TEST_F(ManifestTest, ReportsDuplicateRoomIds) {
    room(1)["id"] = "bedroom";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[1].id", "already used by rooms[0]"));
    ASSERT_EQ(loaded.exhibit.rooms.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].title, "Anna's room");
}

TEST_F(ManifestTest, ReportsDuplicateStationIdsWithinARoom) {
    room()["stations"][1]["id"] = "door";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].stations[1].id",
                           "already used by rooms[0].stations[0]"));
    EXPECT_EQ(loaded.exhibit.rooms[0].stations.size(), 1u);
}

TEST_F(ManifestTest, AllowsSameIdsInDifferentRoomsAndKinds) {
    room(1)["stations"][0]["id"] = "door";
    hotspot()["id"] = "door";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
}

TEST_F(ManifestTest, ReportsDuplicateHotspotIds) {
    json second = hotspot();
    second["title"] = "Second";
    room()["hotspots"].push_back(second);
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].hotspots[1].id", "hotspot id \"toothpaste\""));
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots.size(), 1u);
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots[0].title, "Toothpaste");
}

TEST_F(ManifestTest, WarnsAboutUnknownKeysWithHint) {
    room()["hotspot"] = json::array();
    manifest["titel"] = "typo";
    manifest["sponsor"] = "someone";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[0].hotspot", "did you mean \"hotspots\"?"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "titel", "did you mean \"title\"?"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "sponsor", "unknown key; it is ignored"));
    EXPECT_FALSE(loaded.hasErrors()) << listProblems(loaded);
    EXPECT_EQ(loaded.exhibit.rooms[0].hotspots.size(), 1u);
}

TEST_F(ManifestTest, QuotesUnusualKeysInJsonPath) {
    room()["two words"] = 1;
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[0][\"two words\"]", "unknown key"));
}

TEST_F(ManifestTest, WarnsAboutKeyWrittenTwice) {
    std::string text = replaceOnce(manifest.dump(), "\"title\":\"Rooms we kept\"",
                                   "\"title\":\"Rooms we kept\",\"title\":\"Second title\"");
    text = replaceOnce(text, "\"radius\":0.08", "\"radius\":0.08,\"radius\":0.1");
    LoadedExhibit loaded = loadText(text);
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "title", "more than once"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[0].hotspots[0].radius", "more than once"));
    EXPECT_EQ(loaded.exhibit.title, "Second title");
}

TEST_F(ManifestTest, WarnsAboutEmptyTitles) {
    manifest["title"] = "";
    room().erase("title");
    hotspot()["title"] = "";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "title", "no title"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[0].title", "no title"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[0].hotspots[0].title", "no title"));
    EXPECT_FALSE(loaded.hasErrors()) << listProblems(loaded);
    EXPECT_EQ(loaded.exhibit.rooms.size(), 2u);
}

TEST_F(ManifestTest, ReportsUnknownUpAxisAndUnits) {
    room()["up"] = "+W";
    room(1)["units"] = "furlong";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].up", "+W"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[1].units", "furlong"));
    ASSERT_EQ(loaded.exhibit.rooms.size(), 2u);
    EXPECT_EQ(loaded.exhibit.rooms[0].up, UpAxis::PosZ);
    EXPECT_EQ(loaded.exhibit.rooms[1].metresPerUnit, 1.0f);
}

TEST_F(ManifestTest, WarnsWhenUpAxisIsMissing) {
    room(1).erase("up");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[1].up", "assuming"));
    EXPECT_EQ(loaded.exhibit.rooms[1].up, UpAxis::PosZ);
}

TEST_F(ManifestTest, WarnsAboutRoomWithoutStations) {
    room(1).erase("stations");
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Warning, "rooms[1].stations", "no stations"));
}

TEST_F(ManifestTest, ReportsExhibitWithoutRooms) {
    manifest["rooms"] = json::array();
    EXPECT_TRUE(hasProblem(load(), Severity::Error, "rooms", "no room can be shown"));
    manifest.erase("rooms");
    EXPECT_TRUE(hasProblem(load(), Severity::Error, "rooms", "missing (required)"));
}

TEST_F(ManifestTest, KeepsMessagesShortForHugeValues) {
    hotspot()["photos"][0] = std::string(5000, 'a');
    hotspot()["photos"][1] = "../" + std::string(3000, 'b');
    room()["up"] = std::string(100000, 'z');
    manifest["title"] = std::string(1 << 20, 't');
    LoadedExhibit loaded = load();
    EXPECT_TRUE(
        hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[0]", "longer than 4096 bytes"));
    EXPECT_TRUE(
        hasProblem(loaded, Severity::Error, "rooms[0].hotspots[0].photos[1]", "leaves the exhibit folder"));
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].up", "unknown up axis"));
    for (const Problem& problem : loaded.problems) EXPECT_LT(problem.describe().size(), 400u);
    EXPECT_EQ(loaded.exhibit.title.size(), size_t(1) << 20);
}

TEST_F(ManifestTest, ShowsControlCharactersInMessagesAsQuestionMarks) {
    room()["up"] = "\x01\n";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(hasProblem(loaded, Severity::Error, "rooms[0].up", "\"??\""));
}

TEST_F(ManifestTest, KeepsAtMostAThousandProblems) {
    for (int i = 0; i < 3000; ++i) manifest["unknown" + std::to_string(i)] = i;
    LoadedExhibit loaded = load();
    ASSERT_LE(loaded.problems.size(), 1001u);
    EXPECT_NE(loaded.problems.back().message.find("more problems are not listed"), std::string::npos);
    EXPECT_EQ(loaded.exhibit.rooms.size(), 2u);
}

TEST_F(ManifestTest, SurvivesAnyValueReplacedByAnyType) {
    const json flat = validManifest().flatten();
    const std::vector<json> replacements = {nullptr,       true,          -1, 1e300, "", "../x",
                                            json::array(), json::object()};
    for (const auto& item : flat.items()) {
        for (const json& replacement : replacements) {
            manifest = validManifest();
            manifest[json::json_pointer(item.key())] = replacement;
            writeFile("manifest.json", manifest.dump());
            auto loaded = loadExhibit(folder);
            if (item.key() == "/format") {
                EXPECT_FALSE(loaded.ok());
                continue;
            }
            ASSERT_TRUE(loaded.ok()) << item.key() << ": " << loaded.error().describe();
        }
    }
}

// --- Problems, logging and lookups --------------------------------------------------------------

TEST(ManifestProblem, DescribeJoinsFileJsonPathAndMessage) {
    EXPECT_EQ((Problem{Severity::Error, "manifest.json", "rooms[2].hotspots[0].photos[1]", "bad"}).describe(),
              "manifest.json: rooms[2].hotspots[0].photos[1]: bad");
    EXPECT_EQ((Problem{Severity::Warning, "manifest.json", "", "whole file"}).describe(),
              "manifest.json: whole file");
}

TEST(ManifestProblem, LogProblemsLogsEachAtItsSeverity) {
    std::vector<std::pair<sr::core::LogLevel, std::string>> lines;
    const bool quiet = sr::core::setLogQuiet(true);
    auto previous = sr::core::setLogSink([&](sr::core::LogLevel level, std::string_view message) {
        lines.emplace_back(level, std::string(message));
    });
    const std::vector<Problem> problems = {
        {Severity::Error, "manifest.json", "rooms[0].mesh", "file not found: \"scan.obj\""},
        {Severity::Warning, "manifest.json", "titel", "unknown key"},
    };
    logProblems(problems);
    sr::core::setLogSink(previous);
    sr::core::setLogQuiet(quiet);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].first, sr::core::LogLevel::Error);
    EXPECT_EQ(lines[0].second, "manifest.json: rooms[0].mesh: file not found: \"scan.obj\"");
    EXPECT_EQ(lines[1].first, sr::core::LogLevel::Warning);
    EXPECT_EQ(lines[1].second, "manifest.json: titel: unknown key");
}

TEST_F(ManifestTest, FindsRoomsStationsAndHotspotsById) {
    LoadedExhibit loaded = load();
    const Room* bedroom = findRoom(loaded.exhibit, "bedroom");
    ASSERT_NE(bedroom, nullptr);
    EXPECT_EQ(bedroom->title, "Anna's room");
    EXPECT_EQ(findRoom(loaded.exhibit, "cellar"), nullptr);
    ASSERT_NE(findStation(*bedroom, "window"), nullptr);
    EXPECT_EQ(findStation(*bedroom, "window")->pose.yawDeg, 180.0f);
    EXPECT_EQ(findStation(*bedroom, "toothpaste"), nullptr);
    ASSERT_NE(findHotspot(*bedroom, "toothpaste"), nullptr);
    EXPECT_EQ(findHotspot(*bedroom, "door"), nullptr);
}

TEST(SceneExhibit, NamesUpAxesAndAttractModesAsTheManifestDoes) {
    EXPECT_EQ(upAxisName(UpAxis::PosZ), "+Z");
    EXPECT_EQ(upAxisName(UpAxis::NegY), "-Y");
    EXPECT_EQ(attractModeName(AttractMode::Tour), "tour");
    EXPECT_EQ(attractModeName(AttractMode::None), "none");
}

// --- Photos with poses ---------------------------------------------------------------------------

TEST_F(ManifestTest, ReadsPhotoPoseHotspotsAndTheChoiceOfPosePhotos) {
    room()["poses"] = "rooms/bedroom/colmap"; // a model folder is a valid pose source
    room()["pose_photos"] = "listed";
    hotspot()["photo_pose"] = "IMG_0042.JPG";
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    const Room& bedroom = loaded.exhibit.rooms[0];
    ASSERT_TRUE(bedroom.poses.has_value());
    EXPECT_EQ(bedroom.poses->resolved, folder / "rooms/bedroom/colmap");
    EXPECT_EQ(bedroom.posePhotos, PosePhotos::Listed);
    EXPECT_EQ(bedroom.hotspots[0].photoPose, "IMG_0042.JPG");
    EXPECT_FALSE(bedroom.hotspots[0].aligned.has_value()); // made when the room opens
    EXPECT_EQ(loaded.exhibit.rooms[1].posePhotos, PosePhotos::All);

    // And saved back as written.
    ASSERT_TRUE(saveExhibit(loaded.exhibit, folder / "manifest.json").ok());
    auto again = loadExhibit(folder);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_TRUE(again->problems.empty()) << listProblems(*again);
    expectSameExhibit(loaded.exhibit, again->exhibit);
}

TEST_F(ManifestTest, ReadsACalibratedUpDirection) {
    room()["up"] = json::array({0.038, 0.171, -0.985});
    LoadedExhibit loaded = load();
    EXPECT_TRUE(loaded.problems.empty()) << listProblems(loaded);
    const Room& bedroom = loaded.exhibit.rooms[0];
    EXPECT_EQ(bedroom.upVector, glm::vec3(0.038f, 0.171f, -0.985f));
    EXPECT_EQ(bedroom.up, UpAxis::NegZ); // the nearest axis decides the heading
    ASSERT_TRUE(saveExhibit(loaded.exhibit, folder / "manifest.json").ok());
    auto again = loadExhibit(folder);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_TRUE(again->problems.empty()) << listProblems(*again);
    expectSameExhibit(loaded.exhibit, again->exhibit);

    for (const char* bad : {"[0, 0, 0]", "[1, 2]", "[\"a\", 0, 1]", "[0, 0, 1e300]", "[]"}) {
        room()["up"] = json::parse(bad);
        LoadedExhibit refused = load();
        const Problem* problem = findProblem(refused, "rooms[0].up");
        ASSERT_NE(problem, nullptr) << bad << ": " << listProblems(refused);
        EXPECT_EQ(problem->severity, Severity::Error);
        EXPECT_EQ(refused.exhibit.rooms[0].up, UpAxis::PosZ) << bad;
        EXPECT_EQ(refused.exhibit.rooms[0].upVector, glm::vec3(0.0f)) << bad;
    }
}

TEST_F(ManifestTest, ReportsBadPosePhotoSettingsAndKeepsTheHotspot) {
    room()["pose_photos"] = "some";
    hotspot()["photo_pose"] = "";
    room(1)["pose_photos"] = "all"; // the attic has no poses
    room(1)["hotspots"] = json::parse(R"([{"id": "box", "position": [0, 0, 1], "photo_pose": "a.jpg"}])");
    LoadedExhibit loaded = load();
    const Problem* mode = findProblem(loaded, "rooms[0].pose_photos");
    ASSERT_NE(mode, nullptr) << listProblems(loaded);
    EXPECT_EQ(mode->severity, Severity::Error);
    EXPECT_NE(mode->message.find("\"listed\""), std::string::npos) << mode->message;
    EXPECT_EQ(loaded.exhibit.rooms[0].posePhotos, PosePhotos::All);
    const Problem* empty = findProblem(loaded, "rooms[0].hotspots[0].photo_pose");
    ASSERT_NE(empty, nullptr) << listProblems(loaded);
    ASSERT_EQ(loaded.exhibit.rooms[0].hotspots.size(), 1u);
    EXPECT_TRUE(loaded.exhibit.rooms[0].hotspots[0].photoPose.empty());
    const Problem* noPoses = findProblem(loaded, "rooms[1].pose_photos");
    ASSERT_NE(noPoses, nullptr) << listProblems(loaded);
    EXPECT_EQ(noPoses->severity, Severity::Warning);
    const Problem* orphan = findProblem(loaded, "rooms[1].hotspots[0].photo_pose");
    ASSERT_NE(orphan, nullptr) << listProblems(loaded);
    EXPECT_EQ(orphan->severity, Severity::Warning);
    ASSERT_EQ(loaded.exhibit.rooms[1].hotspots.size(), 1u); // opens like any other hotspot
}

// --- Saving -------------------------------------------------------------------------------------

TEST_F(ManifestTest, SavedManifestLoadsBackEqual) {
    LoadedExhibit first = load();
    ASSERT_TRUE(first.problems.empty()) << listProblems(first);
    ASSERT_TRUE(saveExhibit(first.exhibit, folder / "manifest.json").ok());
    auto second = loadExhibit(folder);
    ASSERT_TRUE(second.ok()) << second.error().describe();
    EXPECT_TRUE(second->problems.empty()) << listProblems(*second);
    expectSameExhibit(first.exhibit, second->exhibit);
}

TEST_F(ManifestTest, SavesKeysInSchemaOrderAndShortestNumbers) {
    LoadedExhibit loaded = load();
    ASSERT_TRUE(saveExhibit(loaded.exhibit, folder / "saved.json").ok());
    auto bytes = sr::core::readFile(folder / "saved.json");
    ASSERT_TRUE(bytes.ok());
    const std::string text(bytes->begin(), bytes->end());
    const auto before = [&](std::string_view a, std::string_view b) {
        const size_t x = text.find(a), y = text.find(b);
        return x != std::string::npos && y != std::string::npos && x < y;
    };
    EXPECT_EQ(text.rfind("{\n  \"format\": \"stillroom-exhibit/1\",\n  \"title\"", 0), 0u) << text;
    EXPECT_TRUE(before("\"intro\"", "\"rooms\""));
    EXPECT_TRUE(before("\"rooms\"", "\"kiosk\""));
    const std::pair<const char*, const char*> order[] = {
        {"\"subtitle\"", "\"mesh\""},  {"\"mesh\"", "\"up\""},       {"\"units\"", "\"stations\""},
        {"\"stations\"", "\"walk\""},  {"\"walk\"", "\"hotspots\""}, {"\"hotspots\"", "\"poses\""},
        {"\"radius\"", "\"caption\""}, {"\"photos\"", "\"view\""}};
    for (const auto& [a, b] : order) EXPECT_TRUE(before(a, b)) << a << " before " << b;
    EXPECT_NE(text.find("\"position\": [0, 0, 1.6],"), std::string::npos) << text;
    EXPECT_NE(text.find("\"photos\": [\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\"speed\": 0.8"), std::string::npos) << text;
    EXPECT_NE(text.find("\"radius\": 0.08"), std::string::npos) << text;
    EXPECT_NE(text.find("\"yaw\": 90,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"units\": \"cm\""), std::string::npos) << text;
    EXPECT_EQ(text.back(), '\n');
}

TEST_F(ManifestTest, SavingTwiceWritesTheSameBytes) {
    LoadedExhibit loaded = load();
    ASSERT_TRUE(saveExhibit(loaded.exhibit, folder / "a.json").ok());
    ASSERT_TRUE(saveExhibit(loaded.exhibit, folder / "b.json").ok());
    EXPECT_EQ(*sr::core::readFile(folder / "a.json"), *sr::core::readFile(folder / "b.json"));
}

TEST_F(ManifestTest, SavesExhibitBuiltInCode) {
    Exhibit exhibit;
    exhibit.title = "Built";
    Room room;
    room.id = "study";
    room.title = "The study";
    room.mesh.resolved = folder / "rooms/attic/scan.ply"; // no written form: saved relative to the file
    room.up = UpAxis::NegY;
    room.metresPerUnit = 0.5f;
    room.stations.push_back(Station{"desk", "", ViewPose{{1.0f, 2.0f, 1.5f}, 45.0f, -10.0f}});
    Hotspot hotspot;
    hotspot.id = "lamp";
    hotspot.title = "Lamp";
    hotspot.photos.push_back(ExhibitPath{"", folder / "rooms/bedroom/photos/cap.jpg"});
    room.hotspots.push_back(hotspot);
    exhibit.rooms.push_back(room);
    exhibit.kiosk = KioskSettings{120.0, 5.0, AttractMode::None};

    ASSERT_TRUE(saveExhibit(exhibit, folder / "manifest.json").ok());
    auto loaded = loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_TRUE(loaded->problems.empty()) << listProblems(*loaded);
    ASSERT_EQ(loaded->exhibit.rooms.size(), 1u);
    const Room& back = loaded->exhibit.rooms[0];
    EXPECT_EQ(back.mesh.written, "rooms/attic/scan.ply");
    EXPECT_EQ(back.up, UpAxis::NegY);
    EXPECT_EQ(back.metresPerUnit, 0.5f);
    EXPECT_EQ(back.hotspots[0].photos[0].written, "rooms/bedroom/photos/cap.jpg");
    EXPECT_EQ(back.stations[0].pose.yawDeg, 45.0f);
    ASSERT_TRUE(loaded->exhibit.kiosk.has_value());
    EXPECT_EQ(loaded->exhibit.kiosk->attract, AttractMode::None);
    EXPECT_EQ(loaded->exhibit.kiosk->idleSeconds, 120.0);
}

TEST_F(ManifestTest, SaveRefusesNonFiniteNumberAndWritesNothing) {
    LoadedExhibit loaded = load();
    loaded.exhibit.rooms[0].stations[1].pose.yawDeg = std::numeric_limits<float>::quiet_NaN();
    sr::core::Status status = saveExhibit(loaded.exhibit, folder / "saved.json");
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("rooms[0].stations[1].yaw"), std::string::npos)
        << status.error().message;
    EXPECT_NE(status.error().path.find("saved.json"), std::string::npos);
    EXPECT_FALSE(fs::exists(folder / "saved.json"));
}

TEST_F(ManifestTest, SaveRefusesTextThatIsNotUtf8) {
    LoadedExhibit loaded = load();
    loaded.exhibit.rooms[1].title = "attic \xff";
    sr::core::Status status = saveExhibit(loaded.exhibit, folder / "saved.json");
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("rooms[1].title"), std::string::npos) << status.error().message;
}

TEST_F(ManifestTest, SaveRefusesPathOutsideTheManifestFolder) {
    LoadedExhibit loaded = load();
    loaded.exhibit.rooms[0].mesh = ExhibitPath{"", outside() / "elsewhere/scan.obj"};
    sr::core::Status status = saveExhibit(loaded.exhibit, folder / "saved.json");
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("rooms[0].mesh"), std::string::npos) << status.error().message;
}

TEST_F(ManifestTest, SaveReportsUnwritableLocation) {
    LoadedExhibit loaded = load();
    sr::core::Status status = saveExhibit(loaded.exhibit, folder / "rooms/attic/scan.ply/manifest.json");
    EXPECT_FALSE(status.ok());
}
