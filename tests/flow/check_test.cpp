// stillroom-check: the generated demo exhibit (SR_DEMO_DIR) passes; copies of it broken one way
// at a time (under SR_TEST_OUTPUT) are reported with the right file, JSON path and severity, and
// the other rooms are still checked. Most tests call the library; one runs the program.
#include <gtest/gtest.h>

#include "check_findings.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/child_process.h"
#include "check/exhibit_check.h"
#include "core/files.h"

namespace fs = std::filesystem;
using sr::check::CheckReport;
using sr::check::Finding;
using sr::scene::Severity;
using Json = nlohmann::json;

namespace {

// Gives each test a fresh copy of the demo exhibit, <unique>/exhibit, removed again when the test
// passes (kept for a look when it fails).
class ExhibitCheck : public ::testing::Test {
protected:
    fs::path copyDemo() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        mRoot =
            fs::path(SR_TEST_OUTPUT) / "check" / (std::string(info->name()) + "-" + std::to_string(getpid()));
        fs::remove_all(mRoot);
        fs::create_directories(mRoot);
        fs::copy(SR_DEMO_DIR, mRoot / "exhibit", fs::copy_options::recursive);
        return mRoot / "exhibit";
    }
    void TearDown() override {
        if (!mRoot.empty() && !HasFailure()) fs::remove_all(mRoot);
    }

private:
    fs::path mRoot;
};

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void editManifest(const fs::path& exhibit, const std::function<void(Json&)>& edit) {
    Json manifest = Json::parse(readText(exhibit / "manifest.json"));
    edit(manifest);
    writeText(exhibit / "manifest.json", manifest.dump(2));
}

CheckReport check(const fs::path& exhibit) { return sr::test::checkFolder(exhibit); }
using sr::test::countFindings;
using sr::test::listFindings;

// Both demo rooms were imported and their geometry checked.
void expectRoomsImported(const CheckReport& report, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        bool found = false;
        for (const auto& room : report.rooms) {
            if (room.id != id) continue;
            found = true;
            EXPECT_TRUE(room.imported) << id;
            EXPECT_GT(room.triangles, 1000u) << id;
        }
        EXPECT_TRUE(found) << id;
    }
}

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0) {
    crc = ~crc;
    for (size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG signature and header chunk declaring width x height RGB pixels, and no pixel data.
std::string pngHeaderClaiming(uint32_t width, uint32_t height) {
    auto be32 = [](std::string& out, uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(char((v >> shift) & 0xff));
    };
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string chunk = "IHDR";
    be32(chunk, width);
    be32(chunk, height);
    chunk += std::string("\x08\x02\x00\x00\x00", 5); // 8 bits, RGB, deflate, no filter, no interlace
    be32(png, 13);
    png += chunk;
    be32(png, crc32(reinterpret_cast<const uint8_t*>(chunk.data()), chunk.size()));
    return png;
}

struct ProgramRun {
    int exitCode = -1;
    std::string output;
};

// Runs stillroom-check, built beside this test binary: build/<preset>/tools/check/. Its stderr
// goes with stdout into `output`, or nowhere.
ProgramRun runProgram(const std::string& arguments, bool withStderr = true) {
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path program =
        self.parent_path().parent_path().parent_path() / "tools" / "check" / "stillroom-check";
    EXPECT_TRUE(fs::exists(program)) << "build the stillroom-check target: " << program;
    ProgramRun run;
    FILE* pipe =
        popen((program.string() + " " + arguments + (withStderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    if (!pipe) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace

TEST_F(ExhibitCheck, DemoExhibitHasNoErrors) {
    const fs::path exhibit = copyDemo();
    const auto start = std::chrono::steady_clock::now();
    const CheckReport report = check(exhibit);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "checked the demo exhibit in " << seconds << " s: " << sr::check::formatSummary(report)
              << "\n";
    EXPECT_EQ(report.errorCount(), 0u) << listFindings(report);
    EXPECT_EQ(report.warningCount(), 0u) << listFindings(report);
    expectRoomsImported(report, {"bedroom", "landing"});
}

TEST_F(ExhibitCheck, MissingPhotoIsAnErrorOfTheManifest) {
    const fs::path exhibit = copyDemo();
    fs::remove(exhibit / "rooms/bedroom/photos/letter-2.jpg");
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[1].photos[1]"), 1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report); // reported once, not again as undecodable
    expectRoomsImported(report, {"bedroom", "landing"});
}

TEST_F(ExhibitCheck, CorruptPhotosAreErrorsNamingThem) {
    const fs::path exhibit = copyDemo();
    writeText(exhibit / "rooms/bedroom/photos/pip-2.jpg", "these bytes are not an image at all");
    writeText(exhibit / "rooms/landing/photos/wellies-1.jpg", std::string("\xff\xd8\xff\xe0", 4) + "garbage");
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/bedroom/photos/pip-2.jpg",
                            "rooms[0].hotspots[4].photos[1]", "not a JPEG or PNG"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/landing/photos/wellies-1.jpg",
                            "rooms[1].hotspots[1].photos[0]", "truncated JPEG"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 2u) << listFindings(report);
}

TEST_F(ExhibitCheck, PhotoDeclaringHugeImageIsRefusedBeforeDecoding) {
    const fs::path exhibit = copyDemo();
    writeText(exhibit / "rooms/bedroom/photos/huge.png", pngHeaderClaiming(60000, 60000));
    // A baseline JPEG frame header declaring 65000 x 20000 pixels, three components, then the end.
    writeText(exhibit / "rooms/bedroom/photos/huge.jpg",
              std::string("\xff\xd8\xff\xc0\x00\x11\x08\x4e\x20\xfd\xe8\x03"
                          "\x01\x11\x00\x02\x11\x01\x03\x11\x01\xff\xd9",
                          23));
    editManifest(exhibit, [](Json& m) {
        m["rooms"][0]["hotspots"][2]["photos"].push_back("rooms/bedroom/photos/huge.png");
        m["rooms"][0]["hotspots"][2]["photos"].push_back("rooms/bedroom/photos/huge.jpg");
    });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/bedroom/photos/huge.png",
                            "rooms[0].hotspots[2].photos[1]", "60000 x 60000"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/bedroom/photos/huge.jpg",
                            "rooms[0].hotspots[2].photos[2]", "65000 x 20000"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 2u) << listFindings(report);
}

TEST_F(ExhibitCheck, HotspotOutsideTheRoomIsAnError) {
    const fs::path exhibit = copyDemo();
    editManifest(exhibit, [](Json& m) {
        m["rooms"][0]["hotspots"][2]["position"] = {40.0, 2.0, 1.0};
        // The school bag hangs on the wall at x = 0.1: 0.3 m further is behind the wall.
        m["rooms"][1]["hotspots"][0]["position"] = {-0.2, 0.62, 1.22};
    });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[2].position",
                            "hotspot 'pencils' at (40.00, 2.00, 1.00) is outside the room"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[1].hotspots[0].position",
                            "outside the room"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 2u) << listFindings(report);
}

TEST_F(ExhibitCheck, HotspotBuriedInFurnitureIsAnError) {
    const fs::path exhibit = copyDemo();
    // Inside the wardrobe, which stands against the wall at x = 0 between y = 1.2 and y = 2.
    editManifest(exhibit, [](Json& m) { m["rooms"][0]["hotspots"][1]["position"] = {0.3, 1.6, 1.0}; });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[1].position",
                            "inside a wall or furniture, or hidden from every station"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report);
}

TEST_F(ExhibitCheck, StationOutsideTheRoomIsAnError) {
    const fs::path exhibit = copyDemo();
    editManifest(exhibit, [](Json& m) { m["rooms"][1]["stations"][1]["position"] = {0.75, 0.9, 9.0}; });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[1].stations[1].position",
                            "station 'window'"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report);
}

TEST_F(ExhibitCheck, GarbageMeshIsAnErrorAndOtherRoomsAreStillChecked) {
    const fs::path exhibit = copyDemo();
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage.push_back(char((i * 7919 + 13) % 251));
    writeText(exhibit / "rooms/bedroom/scan.obj", garbage);
    // A hotspot error in the other room shows that it was still checked.
    editManifest(exhibit, [](Json& m) { m["rooms"][1]["hotspots"][1]["position"] = {0.24, 1.63, 30.0}; });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/bedroom/scan.obj", "rooms[0].mesh"), 1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[1].hotspots[1].position"), 1u)
        << listFindings(report);
    EXPECT_FALSE(report.rooms.at(0).imported);
    expectRoomsImported(report, {"landing"});
}

TEST_F(ExhibitCheck, MeshPathLeavingTheFolderIsAnError) {
    const fs::path exhibit = copyDemo();
    fs::copy_file(exhibit / "rooms/landing/scan.ply", exhibit.parent_path() / "x.ply");
    editManifest(exhibit, [](Json& m) { m["rooms"][1]["mesh"] = "../x.ply"; });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[1].mesh", "../x.ply"), 1u)
        << listFindings(report);
    ASSERT_EQ(report.rooms.size(), 1u); // the room is left out, as the viewer leaves it out
    expectRoomsImported(report, {"bedroom"});
}

TEST_F(ExhibitCheck, TextureOutsideTheFolderIsAnErrorAndAMissingOneAWarning) {
    const fs::path exhibit = copyDemo();
    fs::copy_file(exhibit / "rooms/bedroom/texture_1003.jpg", exhibit.parent_path() / "outside-texture.jpg");
    std::string mtl = readText(exhibit / "rooms/bedroom/scan.mtl");
    const auto replace = [&mtl](const std::string& from, const std::string& to) {
        const size_t at = mtl.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        mtl.replace(at, from.size(), to);
    };
    replace("map_Kd texture_1003.jpg", "map_Kd ../../../outside-texture.jpg");
    replace("map_Kd texture_1002.jpg", "map_Kd no-such-texture.jpg");
    writeText(exhibit / "rooms/bedroom/scan.mtl", mtl);
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/bedroom/scan.obj", "rooms[0].mesh",
                            "outside the exhibit folder"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Warning, "rooms/bedroom/scan.obj", "rooms[0].mesh",
                            "no-such-texture.jpg"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report);
    expectRoomsImported(report, {"bedroom", "landing"});
}

TEST_F(ExhibitCheck, DuplicateHotspotIdIsAnErrorAndLaterPathsStayRight) {
    const fs::path exhibit = copyDemo();
    editManifest(exhibit, [](Json& m) {
        Json& hotspots = m["rooms"][0]["hotspots"];
        hotspots[1]["id"] = "hair-ties";
        hotspots[3]["position"] = {0.95, 30.0, 1.4}; // after the left-out duplicate
    });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[1].id", "hair-ties"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[3].position",
                            "hotspot 'drawing'"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 2u) << listFindings(report);
}

TEST_F(ExhibitCheck, PhotoSharedByTwoHotspotsIsAWarning) {
    const fs::path exhibit = copyDemo();
    editManifest(exhibit, [](Json& m) {
        m["rooms"][0]["hotspots"][3]["photos"][0] = "rooms/bedroom/photos/pip-1.jpg";
    });
    const CheckReport report = check(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Warning, "rooms/bedroom/photos/pip-1.jpg",
                            "rooms[0].hotspots[4].photos[0]", "hotspot 'drawing' of room 'bedroom'"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 0u) << listFindings(report);
}

TEST_F(ExhibitCheck, ImportOverTheTimeLimitIsAnErrorAndPhotosAreStillChecked) {
    const fs::path exhibit = copyDemo();
    writeText(exhibit / "rooms/landing/photos/wellies-1.jpg", "not a photo");
    sr::check::CheckOptions options;
    options.import.seconds = 0.001; // no scan imports this fast
    auto report = sr::check::checkExhibit(exhibit, options);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(countFindings(*report, Severity::Error, "rooms/bedroom/scan.obj", "rooms[0].mesh",
                            "import took longer than 0.001 s"),
              1u)
        << listFindings(*report);
    EXPECT_EQ(countFindings(*report, Severity::Error, "rooms/landing/scan.ply", "rooms[1].mesh",
                            "import took longer than 0.001 s"),
              1u)
        << listFindings(*report);
    EXPECT_EQ(countFindings(*report, Severity::Error, "rooms/landing/photos/wellies-1.jpg",
                            "rooms[1].hotspots[1].photos[0]"),
              1u)
        << listFindings(*report);
    EXPECT_EQ(report->errorCount(), 3u) << listFindings(*report);
}

TEST_F(ExhibitCheck, UnreadableManifestFailsTheWholeCheck) {
    const fs::path exhibit = copyDemo();
    writeText(exhibit / "manifest.json", "{ \"format\": ");
    EXPECT_FALSE(sr::check::checkExhibit(exhibit).ok());
}

TEST(CheckChildProcess, CrashIsReportedWithItsSignal) {
    const auto outcome = sr::core::runInChild(
        [](const sr::core::ChildSender& send) {
            send("started\n");
            // The default action, as without a sanitizer: AddressSanitizer's own SIGSEGV handler
            // would report the crash and exit with a status instead of dying by the signal.
            signal(SIGSEGV, SIG_DFL);
            raise(SIGSEGV);
        },
        {10.0, 0});
    EXPECT_EQ(outcome.kind, sr::core::ChildOutcome::Kind::Crashed);
    EXPECT_EQ(outcome.signal, SIGSEGV);
    EXPECT_EQ(outcome.output, "started\n"); // what was sent before the crash arrives
    EXPECT_NE(sr::core::describeFailure(outcome, "importer", "import").find("importer crashed (signal 11"),
              std::string::npos);
}

TEST(CheckChildProcess, RecordsKeepTabsNewlinesAndBackslashesAndDropACutOffLine) {
    const std::string text = sr::core::encodeRecord({"F", "a\tb", "line\nbreak", "back\\slash", ""}) +
                             sr::core::encodeRecord({"T", "1"}) + "K\t2"; // the last line cut off
    ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
    const auto records = sr::core::decodeRecords(text);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], (std::vector<std::string>{"F", "a\tb", "line\nbreak", "back\\slash", ""}));
    EXPECT_EQ(records[1], (std::vector<std::string>{"T", "1"}));
    EXPECT_EQ(sr::core::decodeRecord("E\t\tgone"), (std::vector<std::string>{"E", "", "gone"}));
}

TEST(CheckChildProcess, HangIsKilledAfterTheLimit) {
    const auto start = std::chrono::steady_clock::now();
    const auto outcome = sr::core::runInChild(
        [](const sr::core::ChildSender&) {
            for (;;) pause();
        },
        {0.5, 0});
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
    EXPECT_EQ(outcome.kind, sr::core::ChildOutcome::Kind::TimedOut);
    EXPECT_EQ(sr::core::describeFailure(outcome, "importer", "import"), "import took longer than 0.5 s");
}

TEST_F(ExhibitCheck, ProgramPrintsFindingsAndExitsWithTheRightCode) {
    const fs::path exhibit = copyDemo();
    ProgramRun clean = runProgram(exhibit.string());
    EXPECT_EQ(clean.exitCode, 0) << clean.output;
    EXPECT_EQ(clean.output, "0 errors, 0 warnings in 2 rooms\n");

    fs::remove(exhibit / "rooms/bedroom/photos/letter-2.jpg");
    ProgramRun broken = runProgram(exhibit.string());
    EXPECT_EQ(broken.exitCode, 1) << broken.output;
    EXPECT_NE(broken.output.find("error: manifest.json: rooms[0].hotspots[1].photos[1]: "), std::string::npos)
        << broken.output;
    EXPECT_NE(broken.output.find("1 error, 0 warnings in 2 rooms\n"), std::string::npos) << broken.output;

    ProgramRun quiet = runProgram("--quiet " + exhibit.string());
    EXPECT_EQ(quiet.exitCode, 1);
    EXPECT_EQ(quiet.output, "1 error, 0 warnings in 2 rooms\n");

    ProgramRun json = runProgram("--json " + exhibit.string(), false);
    EXPECT_EQ(json.exitCode, 1);
    const Json findings = Json::parse(json.output, nullptr, false);
    ASSERT_TRUE(findings.is_array()) << json.output;
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0]["severity"], "error");
    EXPECT_EQ(findings[0]["file"], "manifest.json");
    EXPECT_EQ(findings[0]["path"], "rooms[0].hotspots[1].photos[1]");

    EXPECT_EQ(runProgram((exhibit.parent_path() / "no-such-exhibit").string()).exitCode, 2);
    EXPECT_EQ(runProgram("").exitCode, 2);
    EXPECT_EQ(runProgram("--help").exitCode, 0);
}
