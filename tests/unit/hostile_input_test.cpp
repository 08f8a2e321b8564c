// Hostile input, through the entry points the viewer and the tools use: manifests, paths, photos,
// textures, camera poses, meshes and room caches that are broken, absurd or malicious. Each must
// be refused, or the bad part left out, with a message naming the file and saying what is wrong;
// nothing may crash, and what is good still loads. Fixtures are built in a fresh folder per test.
#include <gtest/gtest.h>

#include "log_capture.h"
#include "test_folder.h"
#include "test_random.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <stb/stb_image_write.h>

#include "asset/camera_poses.h"
#include "asset/import.h"
#include "asset/photo.h"
#include "asset/room_cache.h"
#include "core/image.h"
#include "scene/manifest.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sr::test::LogCapture;

namespace {

#define EXPECT_HAS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

fs::path testFolder() { return sr::test::freshTestFolder("hostile"); }

using sr::test::writeBytes;

std::vector<uint8_t> readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Replaces every occurrence of `from` in `text`.
std::string replaced(std::string text, std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// ---- images ----

std::vector<uint8_t> encode(const std::function<int(stbi_write_func*, void*)>& write) {
    std::vector<uint8_t> bytes;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    EXPECT_NE(write(append, &bytes), 0);
    return bytes;
}

sr::core::Image8 gradient(uint32_t w, uint32_t h) {
    sr::core::Image8 image{w, h};
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) {
            uint8_t* p = image.at(x, y);
            p[0] = uint8_t(x * 9), p[1] = uint8_t(y * 7), p[2] = uint8_t(x ^ y), p[3] = 255;
        }
    return image;
}

std::vector<uint8_t> pngOf(const sr::core::Image8& image) {
    return encode([&](stbi_write_func* f, void* c) {
        return stbi_write_png_to_func(f, c, int(image.width), int(image.height), 4, image.pixels.data(),
                                      int(image.width * 4));
    });
}
std::vector<uint8_t> jpegOf(const sr::core::Image8& image) {
    return encode([&](stbi_write_func* f, void* c) {
        return stbi_write_jpg_to_func(f, c, int(image.width), int(image.height), 4, image.pixels.data(), 90);
    });
}
std::vector<uint8_t> bmpOf(const sr::core::Image8& image) {
    return encode([&](stbi_write_func* f, void* c) {
        return stbi_write_bmp_to_func(f, c, int(image.width), int(image.height), 4, image.pixels.data());
    });
}
std::vector<uint8_t> tgaOf(const sr::core::Image8& image) {
    return encode([&](stbi_write_func* f, void* c) {
        return stbi_write_tga_to_func(f, c, int(image.width), int(image.height), 4, image.pixels.data());
    });
}
std::vector<uint8_t> hdrOf(uint32_t w, uint32_t h) {
    std::vector<float> pixels(size_t(w) * h * 3, 0.5f);
    return encode([&](stbi_write_func* f, void* c) {
        return stbi_write_hdr_to_func(f, c, int(w), int(h), 3, pixels.data());
    });
}

// The classic 1x1 GIF89a and a 2x2 raw RGB Photoshop file, both of which stb_image decodes.
std::vector<uint8_t> gifBytes() {
    return {'G', 'I',  'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 255,  255, 255, 0,   0,
            0,   0x2C, 0,   0,   0,   0,   1, 0, 1, 0, 0,    2, 2, 0x44, 1,   0,   0x3B};
}
std::vector<uint8_t> psdBytes() {
    std::vector<uint8_t> b = {'8', 'B', 'P', 'S', 0, 1, 0, 0, 0, 0, 0, 0, 0,
                              3,   0,   0,   0,   2, 0, 0, 0, 2, 0, 8, 0, 3};
    b.insert(b.end(), 14, 0); // colour mode, resources and layer lengths, raw compression
    b.insert(b.end(), 12, 128);
    return b;
}

// Headers that declare `w` x `h` pixels and carry no pixel data: decompression bombs.
std::vector<uint8_t> pngBomb(uint32_t w, uint32_t h) {
    std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (uint32_t v : {w, h})
        for (int s = 24; s >= 0; s -= 8) b.push_back(uint8_t(v >> s));
    b.insert(b.end(), {8, 6, 0, 0, 0, 0, 0, 0, 0}); // RGBA8, then a CRC nobody checks first
    b.insert(b.end(), {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82});
    return b;
}
std::vector<uint8_t> jpegBomb(uint16_t w, uint16_t h) {
    return {0xFF,       0xD8,
            0xFF,       0xC0,
            0,          17,
            8,          uint8_t(h >> 8),
            uint8_t(h), uint8_t(w >> 8),
            uint8_t(w), 3,
            1,          0x22,
            0,          2,
            0x11,       1,
            3,          0x11,
            1,          0xFF,
            0xD9};
}

// ---- manifests ----

// An exhibit folder holding every file `manifest` names and `text` as its manifest.json.
fs::path writeExhibit(const fs::path& folder, std::string_view text) {
    for (const char* file : {"rooms/hall.obj", "rooms/attic.obj", "photos/cup.jpg", "poses/images.txt"})
        writeBytes(folder / file, "stand-in");
    writeBytes(folder / "manifest.json", text);
    return folder;
}

json goodManifest() {
    return json::parse(R"({
      "format": "stillroom-exhibit/1",
      "title": "Rooms we kept",
      "rooms": [{
        "id": "hall", "title": "Hall", "mesh": "rooms/hall.obj", "up": "+Z", "units": "m",
        "stations": [{"id": "door", "title": "Door", "position": [0, 0, 1.6], "yaw": 90, "pitch": 0}],
        "walk": {"enabled": true, "eye_height": 1.6, "speed": 0.8},
        "hotspots": [{"id": "cup", "title": "Cup", "caption": "Blue.", "position": [1, 0, 1], "radius": 0.1,
                      "photos": ["photos/cup.jpg"], "view": {"position": [0.5, 0, 1.5], "yaw": 0, "pitch": -10}}],
        "poses": "poses/images.txt"
      }],
      "kiosk": {"idle_seconds": 90, "prompt_seconds": 10, "attract": "tour"}
    })");
}

std::string allProblems(const sr::scene::LoadedExhibit& loaded) {
    std::string text;
    for (const auto& problem : loaded.problems) text += problem.describe() + "\n";
    return text;
}

// The first problem reported at `jsonPath`, or null.
const sr::scene::Problem* problemAt(const sr::scene::LoadedExhibit& loaded, std::string_view jsonPath) {
    for (const auto& problem : loaded.problems)
        if (problem.jsonPath == jsonPath) return &problem;
    return nullptr;
}

// Expects an Error at `jsonPath` naming manifest.json whose message holds `words`.
void expectError(const sr::scene::LoadedExhibit& loaded, std::string_view jsonPath, std::string_view words) {
    const sr::scene::Problem* problem = problemAt(loaded, jsonPath);
    ASSERT_NE(problem, nullptr) << "no problem at " << jsonPath << " in\n" << allProblems(loaded);
    EXPECT_EQ(problem->severity, sr::scene::Severity::Error) << problem->describe();
    EXPECT_EQ(problem->file, "manifest.json");
    EXPECT_HAS(problem->message, words);
}

} // namespace

// ---- manifests ----

TEST(HostileManifest, NestingDeeperThan64LevelsIsRefusedBeforeParsing) {
    const fs::path folder = testFolder();
    for (const auto& [open, close] : {std::pair{"[", "]"}, std::pair{"{\"a\":", "}"}}) {
        std::string text = "{\"format\": \"stillroom-exhibit/1\", \"rooms\": ";
        for (int i = 0; i < 100000; ++i) text += open;
        text += "1";
        for (int i = 0; i < 100000; ++i) text += close;
        writeExhibit(folder, text + "}");
        auto loaded = sr::scene::loadExhibit(folder);
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().path, (fs::absolute(folder) / "manifest.json").string());
        EXPECT_HAS(loaded.error().message, "nested more than 64 levels deep");
    }
}

TEST(HostileManifest, NumbersBeyondADoubleOrTheirRangeAreReportedWhereTheyStand) {
    const fs::path folder = testFolder();
    json manifest = goodManifest();
    json& stations = manifest["rooms"][0]["stations"];
    stations.push_back({{"id", "far"}, {"position", {"@1e400", 0, 1.6}}});
    stations.push_back({{"id", "below"}, {"position", {0, "@-1e400", 1.6}}});
    stations.push_back({{"id", "edge"}, {"position", {1e308, 0, 1.6}}});
    stations.push_back({{"id", "spun"}, {"position", {0, 0, 1.6}}, {"yaw", "@-1e400"}});
    manifest["rooms"][0]["hotspots"][0]["radius"] = 1e308;
    manifest["rooms"][0]["walk"]["eye_height"] = "@1e400";
    manifest["rooms"][0]["units"] = "@1e99999";
    manifest["kiosk"]["idle_seconds"] = -1e308;
    std::string text = manifest.dump();
    for (const char* literal : {"1e400", "-1e400", "1e99999"})
        text = replaced(text, std::string("\"@") + literal + "\"", literal);
    writeExhibit(folder, text);
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    expectError(*loaded, "rooms[0].stations[1].position[0]", "number too large to represent");
    expectError(*loaded, "rooms[0].stations[2].position[1]", "number too large to represent");
    expectError(*loaded, "rooms[0].stations[3].position[0]", "at most 100000");
    expectError(*loaded, "rooms[0].stations[4].yaw", "number too large to represent");
    expectError(*loaded, "rooms[0].hotspots[0].radius", "less than 10");
    expectError(*loaded, "rooms[0].walk.eye_height", "number too large to represent");
    expectError(*loaded, "rooms[0].units", "number too large to represent");
    expectError(*loaded, "kiosk.idle_seconds", "at least 1");
    // The good parts stay, the bad values keep their defaults.
    ASSERT_EQ(loaded->exhibit.rooms.size(), 1u);
    const sr::scene::Room& room = loaded->exhibit.rooms[0];
    ASSERT_EQ(room.stations.size(), 1u);
    EXPECT_EQ(room.stations[0].id, "door");
    EXPECT_EQ(room.hotspots.size(), 0u) << "a hotspot with an invalid radius is left out";
    EXPECT_FLOAT_EQ(room.walk.eyeHeight, 1.6f);
    EXPECT_FLOAT_EQ(room.metresPerUnit, 1.0f);
    EXPECT_DOUBLE_EQ(loaded->exhibit.kiosk->idleSeconds, 90.0);
}

TEST(HostileManifest, NanAndInfinityAreRefusedAsNotJsonWithAHint) {
    const fs::path folder = testFolder();
    for (const char* token : {"NaN", "nan", "Infinity", "-Infinity", "inf", "-inf"}) {
        SCOPED_TRACE(token);
        writeExhibit(folder,
                     std::string("{\"format\": \"stillroom-exhibit/1\",\n \"rooms\": [{\"id\": \"hall\", "
                                 "\"mesh\": \"rooms/hall.obj\", \"stations\": [{\"id\": \"a\", "
                                 "\"position\": [0, ") +
                         token + ", 1.6]}]}]}");
        auto loaded = sr::scene::loadExhibit(folder);
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().path, (fs::absolute(folder) / "manifest.json").string());
        EXPECT_HAS(loaded.error().message, "not valid JSON");
        EXPECT_HAS(loaded.error().message, "line 2");
        EXPECT_HAS(loaded.error().message, "JSON has no NaN or Infinity");
    }
}

TEST(HostileManifest, EveryValueOfTheWrongTypeIsReportedAndLeftOut) {
    const fs::path folder = testFolder();
    struct Case {
        const char* pointer; // JSON pointer of the value to replace
        json value;
        const char* jsonPath;
        const char* words;
    };
    const Case cases[] = {
        {"/title", 5, "title", "must be text, not a number"},
        {"/intro", json::array(), "intro", "must be text, not an array"},
        {"/rooms", json::object(), "rooms", "must be an array [...], not an object"},
        {"/rooms/0", "hall", "rooms[0]", "must be an object {...}, not text"},
        {"/rooms/0/id", 7, "rooms[0].id", "must be text, not a number"},
        {"/rooms/0/title", false, "rooms[0].title", "must be text, not true or false"},
        {"/rooms/0/mesh", {{"path", "a.obj"}}, "rooms[0].mesh", "must be a path (text), not an object"},
        {"/rooms/0/up", 3, "rooms[0].up", "must be text, not a number"},
        {"/rooms/0/units", true, "rooms[0].units", "must be text naming a unit"},
        {"/rooms/0/units", json::array({1}), "rooms[0].units", "a number of metres"},
        {"/rooms/0/stations", {{"id", "a"}}, "rooms[0].stations", "must be an array"},
        {"/rooms/0/stations/0", json::array(), "rooms[0].stations[0]", "must be an object"},
        {"/rooms/0/stations/0/position", "0 0 1.6", "rooms[0].stations[0].position", "three numbers"},
        {"/rooms/0/stations/0/position", json::array({0, 0}), "rooms[0].stations[0].position",
         "not an array of 2"},
        {"/rooms/0/stations/0/position/1", "0", "rooms[0].stations[0].position[1]",
         "must be a number, not text"},
        {"/rooms/0/stations/0/yaw", "90", "rooms[0].stations[0].yaw", "must be a number, not text"},
        {"/rooms/0/stations/0/pitch", nullptr, "rooms[0].stations[0].pitch", "must be a number, not null"},
        {"/rooms/0/stations/0/title", json::object(), "rooms[0].stations[0].title", "must be text"},
        {"/rooms/0/walk", json::array(), "rooms[0].walk", "must be an object"},
        {"/rooms/0/walk/enabled", "yes", "rooms[0].walk.enabled", "must be true or false, not text"},
        {"/rooms/0/walk/speed", json::array({1}), "rooms[0].walk.speed", "must be a number, not an array"},
        {"/rooms/0/hotspots", "cup", "rooms[0].hotspots", "must be an array"},
        {"/rooms/0/hotspots/0/photos", "photos/cup.jpg", "rooms[0].hotspots[0].photos", "must be an array"},
        {"/rooms/0/hotspots/0/photos/0", 12, "rooms[0].hotspots[0].photos[0]",
         "must be a path (text), not a number"},
        {"/rooms/0/hotspots/0/radius", "0.1", "rooms[0].hotspots[0].radius", "must be a number"},
        {"/rooms/0/hotspots/0/caption", json::object(), "rooms[0].hotspots[0].caption", "must be text"},
        {"/rooms/0/hotspots/0/view", json::array({0, 0, 1}), "rooms[0].hotspots[0].view",
         "must be an object"},
        {"/rooms/0/poses", 3, "rooms[0].poses", "must be a path (text)"},
        {"/kiosk", "on", "kiosk", "must be an object"},
        {"/kiosk/idle_seconds", "90", "kiosk.idle_seconds", "must be a number"},
        {"/kiosk/attract", false, "kiosk.attract", "must be text"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.pointer);
        json manifest = goodManifest();
        manifest[json::json_pointer(c.pointer)] = c.value;
        writeExhibit(folder, manifest.dump());
        auto loaded = sr::scene::loadExhibit(folder);
        ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
        expectError(*loaded, c.jsonPath, c.words);
    }
    // Where the whole document depends on it, the load fails naming the file.
    for (const auto& [pointer, value] : {std::pair<const char*, json>{"/format", 5}, {"", json::array()}}) {
        json manifest = goodManifest();
        manifest[json::json_pointer(pointer)] = value;
        writeExhibit(folder, manifest.dump());
        auto loaded = sr::scene::loadExhibit(folder);
        ASSERT_FALSE(loaded.ok()) << pointer;
        EXPECT_EQ(loaded.error().path, (fs::absolute(folder) / "manifest.json").string());
    }
}

TEST(HostileManifest, DuplicateIdsKeepTheFirstAndNameIt) {
    const fs::path folder = testFolder();
    json manifest = goodManifest();
    json room = manifest["rooms"][0];
    room["mesh"] = "rooms/attic.obj";
    manifest["rooms"].push_back(room);
    manifest["rooms"][0]["stations"].push_back(manifest["rooms"][0]["stations"][0]);
    manifest["rooms"][0]["hotspots"].push_back(manifest["rooms"][0]["hotspots"][0]);
    writeExhibit(folder, replaced(manifest.dump(), "\"title\":\"Rooms we kept\"",
                                  "\"title\":\"Rooms we kept\",\"title\":\"Again\""));
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    expectError(*loaded, "rooms[1].id", "room id \"hall\" is already used by rooms[0]");
    expectError(*loaded, "rooms[0].stations[1].id",
                "station id \"door\" is already used by rooms[0].stations[0]");
    expectError(*loaded, "rooms[0].hotspots[1].id",
                "hotspot id \"cup\" is already used by rooms[0].hotspots[0]");
    const sr::scene::Problem* twice = problemAt(*loaded, "title");
    ASSERT_NE(twice, nullptr) << allProblems(*loaded);
    EXPECT_HAS(twice->message, "key written more than once");
    ASSERT_EQ(loaded->exhibit.rooms.size(), 1u);
    EXPECT_EQ(loaded->exhibit.rooms[0].mesh.written, "rooms/hall.obj");
    EXPECT_EQ(loaded->exhibit.rooms[0].stations.size(), 1u);
    EXPECT_EQ(loaded->exhibit.rooms[0].hotspots.size(), 1u);
}

TEST(HostileManifest, TextThatIsNotUtf8IsRefusedNamingTheFile) {
    const fs::path folder = testFolder();
    // A stray byte, an overlong '/', an overlong three-byte form, a surrogate, past U+10FFFF.
    for (std::string_view bad : {"\xFF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
        for (const char* where : {"\"title\": \"A@B\"", "\"A@B\": 1"}) {
            const std::string member = replaced(where, "@", bad);
            writeExhibit(folder, "{\"format\": \"stillroom-exhibit/1\", " + member + ", \"rooms\": []}");
            auto loaded = sr::scene::loadExhibit(folder);
            ASSERT_FALSE(loaded.ok()) << member;
            EXPECT_EQ(loaded.error().path, (fs::absolute(folder) / "manifest.json").string());
            EXPECT_HAS(loaded.error().message, "not valid JSON");
            EXPECT_HAS(loaded.error().message, "UTF-8");
        }
    }
    // An escaped lone surrogate is not text either.
    writeExhibit(folder, R"({"format": "stillroom-exhibit/1", "title": "\uD800", "rooms": []})");
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_FALSE(loaded.ok());
    EXPECT_HAS(loaded.error().message, "surrogate");
}

TEST(HostileManifest, FileOverTheSizeLimitIsRefusedUnreadGivingBothSizes) {
    const fs::path folder = testFolder();
    // A 100 MB string value: the head is written, the rest left sparse, since the size alone
    // must refuse it before a byte is parsed.
    writeExhibit(folder, "{\"format\": \"stillroom-exhibit/1\", \"title\": \"");
    fs::resize_file(folder / "manifest.json", 100'000'000);
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().path, (fs::absolute(folder) / "manifest.json").string());
    EXPECT_HAS(loaded.error().message, "100000000 bytes");
    EXPECT_HAS(loaded.error().message, "16777216 bytes");
    fs::remove(folder / "manifest.json");
}

TEST(HostileManifest, LongValuesAreShortenedInMessagesAndRefused) {
    const fs::path folder = testFolder();
    json manifest = goodManifest();
    const std::string huge(1'000'000, 'x');
    manifest["rooms"][0]["stations"][0]["id"] = huge;
    manifest["rooms"][0]["hotspots"][0]["photos"][0] = huge;
    manifest["rooms"][0]["up"] = huge;
    writeExhibit(folder, manifest.dump());
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    expectError(*loaded, "rooms[0].stations[0].id", "must be at most 64");
    expectError(*loaded, "rooms[0].hotspots[0].photos[0]", "longer than 4096 bytes");
    expectError(*loaded, "rooms[0].up", "unknown up axis");
    for (const auto& problem : loaded->problems) EXPECT_LT(problem.describe().size(), 400u);
}

TEST(HostileManifest, ByteOrderMarkIsAccepted) {
    const fs::path folder = testFolder();
    writeExhibit(folder, "\xEF\xBB\xBF" + goodManifest().dump(2));
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_FALSE(loaded->hasErrors()) << allProblems(*loaded);
    EXPECT_EQ(loaded->exhibit.rooms.size(), 1u);
}

TEST(HostileManifest, PathsThatLeaveTheExhibitAreLeftOut) {
    const fs::path root = fs::canonical(testFolder());
    const fs::path folder = root / "exhibit";
    writeBytes(root / "outside/secret.jpg", "secret");
    writeBytes(root / "outside/secret.obj", "secret");
    writeExhibit(folder, "{}");
    fs::create_symlink(root / "outside/secret.jpg", folder / "photos/link.jpg");
    fs::create_symlink(root / "outside/secret.obj", folder / "rooms/link.obj");
    fs::create_directory_symlink(root / "outside", folder / "linked");
    fs::create_symlink(root / "outside/appears-later.jpg", folder / "photos/dangling.jpg");
    const std::pair<const char*, const char*> hostile[] = {
        {"../outside/secret.jpg", "path leaves the exhibit folder"},
        {"/etc/passwd", "absolute path"},
        {"C:\\x.jpg", "'\\' separators"},
        {"..\\..\\x.jpg", "'\\' separators"},
        {"C:/x.jpg", "drive letter"},
        {"sub/../../outside/secret.jpg", "path leaves the exhibit folder"},
        {"photos/link.jpg", "through a symbolic link"},
        {"linked/secret.jpg", "through a symbolic link"},
        {"photos/dangling.jpg", "symbolic link whose target does not exist"},
    };
    json manifest = goodManifest();
    json& photos = manifest["rooms"][0]["hotspots"][0]["photos"];
    for (const auto& [path, words] : hostile) photos.push_back(path);
    json room = manifest["rooms"][0];
    room["hotspots"] = json::array();
    for (const char* mesh : {"../outside/secret.obj", "rooms/link.obj", "linked/secret.obj", "/etc/passwd"}) {
        room["id"] = "r" + std::to_string(manifest["rooms"].size());
        room["mesh"] = mesh;
        room["poses"] = std::string(mesh);
        manifest["rooms"].push_back(room);
    }
    writeBytes(folder / "manifest.json", manifest.dump());
    auto loaded = sr::scene::loadExhibit(folder);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    for (size_t i = 0; i < std::size(hostile); ++i) {
        SCOPED_TRACE(hostile[i].first);
        expectError(*loaded, "rooms[0].hotspots[0].photos[" + std::to_string(i + 1) + "]", hostile[i].second);
    }
    for (size_t room = 1; room <= 4; ++room) {
        expectError(*loaded, "rooms[" + std::to_string(room) + "].mesh", "exhibit folder");
        expectError(*loaded, "rooms[" + std::to_string(room) + "].poses", "exhibit folder");
    }
    ASSERT_EQ(loaded->exhibit.rooms.size(), 1u) << allProblems(*loaded);
    ASSERT_EQ(loaded->exhibit.rooms[0].hotspots[0].photos.size(), 1u);
    EXPECT_EQ(loaded->exhibit.rooms[0].hotspots[0].photos[0].written, "photos/cup.jpg");
}

// ---- photos ----

TEST(HostilePhoto, HeaderClaiming60000SquareIsRefusedBeforeDecoding) {
    LogCapture log;
    const fs::path folder = testFolder();
    writeBytes(folder / "bomb.png", pngBomb(60000, 60000));
    writeBytes(folder / "bomb.jpg", jpegBomb(60000, 60000));
    for (const char* name : {"bomb.png", "bomb.jpg"}) {
        SCOPED_TRACE(name);
        auto probed = sr::asset::probePhoto(folder / name);
        ASSERT_FALSE(probed.ok());
        EXPECT_EQ(probed.error().path, (folder / name).string());
        EXPECT_HAS(probed.error().message, "60000 x 60000 pixels");
        EXPECT_HAS(probed.error().message, "refused before decoding");
        auto loaded = sr::asset::loadPhoto(folder / name);
        ASSERT_FALSE(loaded.ok());
        EXPECT_HAS(loaded.error().message, "60000 x 60000 pixels");
    }
}

TEST(HostilePhoto, TruncatedAndBitFlippedFilesAreRefusedOrDecodeNamingTheFile) {
    LogCapture log;
    const fs::path folder = testFolder();
    const sr::core::Image8 image = gradient(64, 48);
    sr::test::Random random{3};
    for (const auto& [name, bytes] :
         {std::pair{"photo.jpg", jpegOf(image)}, std::pair{"photo.png", pngOf(image)}}) {
        SCOPED_TRACE(name);
        const fs::path file = folder / name;
        for (size_t length :
             {size_t(1), size_t(3), size_t(20), size_t(40), bytes.size() / 2, bytes.size() - 1}) {
            writeBytes(file, std::vector<uint8_t>(bytes.begin(), bytes.begin() + std::ptrdiff_t(length)));
            auto loaded = sr::asset::loadPhoto(file);
            ASSERT_FALSE(loaded.ok()) << length;
            EXPECT_EQ(loaded.error().path, file.string());
            const std::string& message = loaded.error().message;
            EXPECT_TRUE(message.find("truncated") != std::string::npos ||
                        message.find("corrupt") != std::string::npos ||
                        message.find("not an image") != std::string::npos)
                << length << ": " << message;
        }
        for (int round = 0; round < 150; ++round) {
            std::vector<uint8_t> flipped = bytes;
            flipped[random.next() % flipped.size()] ^= uint8_t(1u << (random.next() % 8));
            writeBytes(file, flipped);
            auto loaded = sr::asset::loadPhoto(file);
            if (!loaded) {
                EXPECT_EQ(loaded.error().path, file.string());
            }
        }
    }
}

TEST(HostilePhoto, RandomBytesAndOtherFormatsAreRefusedByName) {
    LogCapture log;
    const fs::path folder = testFolder();
    sr::test::Random random{5};
    std::vector<uint8_t> noise(4096);
    for (uint8_t& b : noise) b = uint8_t(random.next());
    noise[0] = 'x', noise[1] = 0x7F; // no signature, and not a plausible TGA header either
    const std::pair<std::string, std::vector<uint8_t>> files[] = {
        {"noise.jpg", noise},       {"anim.gif", gifBytes()}, {"scan.bmp", bmpOf(gradient(4, 4))},
        {"layers.psd", psdBytes()}, {"sky.hdr", hdrOf(4, 4)}, {"old.tga", tgaOf(gradient(4, 4))},
        {"empty.jpg", {}},
    };
    const char* expected[] = {"not an image",
                              "unsupported image format GIF",
                              "unsupported image format BMP",
                              "unsupported image format Photoshop",
                              "unsupported image format Radiance HDR",
                              "not an image",
                              "empty"};
    for (size_t i = 0; i < std::size(files); ++i) {
        SCOPED_TRACE(files[i].first);
        const fs::path file = folder / files[i].first;
        writeBytes(file, files[i].second);
        auto loaded = sr::asset::loadPhoto(file);
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().path, file.string());
        EXPECT_HAS(loaded.error().message, expected[i]);
    }
}

TEST(HostilePhoto, PhotoOverTheConfiguredBudgetIsRefused) {
    LogCapture log;
    const fs::path folder = testFolder();
    writeBytes(folder / "big.png", pngOf(gradient(40, 30)));
    sr::asset::PhotoLimits limits;
    limits.maxPixels = 1000;
    auto loaded = sr::asset::loadPhoto(folder / "big.png", limits);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().path, (folder / "big.png").string());
    EXPECT_HAS(loaded.error().message, "40 x 30 pixels");
    EXPECT_HAS(loaded.error().message, "over the limit of 1000 pixels");
    limits = {};
    limits.maxFileBytes = 100;
    loaded = sr::asset::loadPhoto(folder / "big.png", limits);
    ASSERT_FALSE(loaded.ok());
    EXPECT_HAS(loaded.error().message, "over the limit of 100 bytes");
    EXPECT_TRUE(sr::asset::loadPhoto(folder / "big.png").ok());
}

// ---- textures and files named by a mesh ----

namespace {

// An OBJ with one triangle per material, each material's map_Kd from `maps` (none when empty).
void writeObjWithMaps(const fs::path& obj, const std::vector<std::string>& maps) {
    std::string text = "mtllib " + obj.stem().string() + ".mtl\n", mtl;
    for (size_t i = 0; i < maps.size(); ++i) {
        const std::string x = std::to_string(2 * i), x1 = std::to_string(2 * i + 1);
        text += "v " + x + " 0 0\nv " + x1 + " 0 0\nv " + x + " 1 0\nvt 0 0\nvt 1 0\nvt 0 1\n";
    }
    for (size_t i = 0; i < maps.size(); ++i) {
        const std::string a = std::to_string(3 * i + 1), b = std::to_string(3 * i + 2),
                          c = std::to_string(3 * i + 3);
        text += "usemtl m" + std::to_string(i) + "\nf " + a + "/" + a + " " + b + "/" + b + " " + c + "/" +
                c + "\n";
        mtl += "newmtl m" + std::to_string(i) + "\nKd 1 1 1\n";
        if (!maps[i].empty()) mtl += "map_Kd " + maps[i] + "\n";
    }
    writeBytes(obj, text);
    writeBytes(fs::path(obj).replace_extension(".mtl"), mtl);
}

size_t untexturedMaterials(const sr::asset::RoomMesh& mesh) {
    size_t n = 0;
    for (const auto& material : mesh.materials) n += material.texture < 0;
    return n;
}

} // namespace

TEST(HostileTexture, BrokenAndHostileImagesShowGreyWithAWarningNamingThem) {
    const fs::path folder = testFolder() / "rooms/hall";
    const std::vector<uint8_t> png = pngOf(gradient(16, 16));
    sr::test::Random random{9};
    std::vector<uint8_t> noise(2048);
    for (uint8_t& b : noise) b = uint8_t(random.next());
    noise[0] = 'x', noise[1] = 0x7F; // no signature, and not a plausible TGA header either
    const std::pair<std::string, std::vector<uint8_t>> images[] = {
        {"bomb.png", pngBomb(60000, 60000)},
        {"bomb.jpg", jpegBomb(60000, 60000)},
        {"cut.png", std::vector<uint8_t>(png.begin(), png.begin() + std::ptrdiff_t(png.size() / 2))},
        {"noise.jpg", noise},
        {"anim.gif", gifBytes()},
        {"layers.psd", psdBytes()},
        {"sky.hdr", hdrOf(4, 4)},
        {"big.png", pngOf(gradient(40, 30))},
        {"empty.png", {}},
        {"good.bmp", bmpOf(gradient(4, 4))},
        {"good.tga", tgaOf(gradient(4, 4))},
    };
    const char* expected[] = {"60000x60000 pixels",
                              "60000x60000 pixels",
                              "cannot decode",
                              "not a readable image",
                              "unsupported image format GIF",
                              "unsupported image format Photoshop",
                              "unsupported image format Radiance HDR",
                              "more than the limit of 1000 pixels",
                              "empty"};
    std::vector<std::string> maps;
    for (const auto& [name, bytes] : images) {
        writeBytes(folder / name, bytes);
        maps.push_back(name);
    }
    writeObjWithMaps(folder / "hall.obj", maps);
    LogCapture log;
    sr::asset::ImportOptions options;
    options.up = sr::asset::UpAxis::PosZ;
    options.maxTexturePixels = 1000;
    options.confineTexturesTo = folder.parent_path().parent_path();
    auto mesh = sr::asset::importRoomMesh(folder / "hall.obj", options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->textures.size(), 2u) << "the BMP and the TGA";
    EXPECT_EQ(untexturedMaterials(*mesh), std::size(expected));
    for (size_t i = 0; i < std::size(expected); ++i) {
        SCOPED_TRACE(images[i].first);
        EXPECT_EQ(log.count({"texture " + images[i].first, (folder / "hall.obj").string(), expected[i],
                             "neutral grey"}),
                  1u)
            << log.all();
    }
}

TEST(HostileTexture, MaterialPathsThatLeaveTheExhibitAreRefused) {
    const fs::path root = fs::canonical(testFolder());
    const fs::path exhibit = root / "exhibit", folder = exhibit / "rooms/hall";
    writeBytes(root / "outside/tex.png", pngOf(gradient(4, 4)));
    writeBytes(root / "outside/sub/tex2.png", pngOf(gradient(4, 4)));
    fs::create_directories(folder);
    fs::create_symlink(root / "outside/tex.png", folder / "link.png");
    fs::create_directory_symlink(root / "outside/sub", folder / "linkdir");
    writeObjWithMaps(folder / "hall.obj",
                     {"../../../outside/tex.png", (root / "outside/tex.png").string(), "link.png",
                      "linkdir/tex2.png", "C:\\outside\\tex.png", "..\\..\\..\\outside\\tex.png",
                      "sub/../../../../outside/tex.png"});
    LogCapture log;
    sr::asset::ImportOptions options;
    options.confineTexturesTo = exhibit;
    auto mesh = sr::asset::importRoomMesh(folder / "hall.obj", options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->textures.size(), 0u);
    EXPECT_EQ(untexturedMaterials(*mesh), 7u);
    EXPECT_EQ(log.count({"texture", (folder / "hall.obj").string(), "outside the exhibit folder"}), 5u)
        << log.all();
    // A Windows path whose file is not beside the mesh is simply not found, and so is a path
    // through a folder that does not exist, whatever lies beyond it.
    EXPECT_EQ(log.count({"texture C:\\outside\\tex.png", "file not found"}), 1u) << log.all();
    EXPECT_EQ(log.count({"texture sub/../../../../outside/tex.png", "file not found"}), 1u) << log.all();
}

TEST(HostileMesh, MaterialLibrariesAndBuffersOutsideTheExhibitAreNotRead) {
    LogCapture log;
    const fs::path root = fs::canonical(testFolder());
    const fs::path exhibit = root / "exhibit", folder = exhibit / "rooms/hall";
    writeBytes(root / "outside/evil.mtl", "newmtl red\nKd 1 0 0\n");
    writeBytes(folder / "hall.obj",
               "mtllib ../../../outside/evil.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl red\n"
               "f 1 2 3\n");
    const float positions[] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    writeBytes(root / "outside/data.bin", std::string_view(reinterpret_cast<const char*>(positions), 36));
    writeBytes(
        folder / "room.gltf",
        R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
                   "buffers": [{"uri": "../../../outside/data.bin", "byteLength": 36}],
                   "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36}],
                   "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                                  "min": [0, 0, 0], "max": [1, 1, 0]}],
                   "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}]})");
    sr::asset::ImportOptions free;
    auto red = sr::asset::importRoomMesh(folder / "hall.obj", free);
    ASSERT_TRUE(red.ok()) << red.error().describe();
    ASSERT_EQ(red->materials.size(), 1u);
    ASSERT_EQ(red->materials[0].baseColor, glm::vec4(1, 0, 0, 1)) << "the fixture reads the outside file";
    ASSERT_TRUE(sr::asset::importRoomMesh(folder / "room.gltf", free).ok());

    sr::asset::ImportOptions confined;
    confined.confineTexturesTo = exhibit;
    auto obj = sr::asset::importRoomMesh(folder / "hall.obj", confined);
    ASSERT_TRUE(obj.ok()) << obj.error().describe();
    ASSERT_EQ(obj->materials.size(), 1u);
    EXPECT_NE(obj->materials[0].baseColor, glm::vec4(1, 0, 0, 1));
    EXPECT_EQ(log.count({(folder / "hall.obj").string(), "evil.mtl", "outside the exhibit folder"}), 1u)
        << log.all();
    auto gltf = sr::asset::importRoomMesh(folder / "room.gltf", confined);
    ASSERT_FALSE(gltf.ok());
    EXPECT_EQ(gltf.error().path, (folder / "room.gltf").string());
    EXPECT_HAS(gltf.error().message, "data.bin");
    EXPECT_HAS(gltf.error().message, "outside the exhibit folder");
}

// ---- camera poses ----

namespace {

// Writes a pose file (or folder) of one format with a good entry and an entry whose first centre
// coordinate is `value`; returns what to load and the file the bad entry is in.
struct PoseFixture {
    const char* format;
    std::function<std::pair<fs::path, fs::path>(const fs::path&, const std::string&)> write;
};

void writePng(const fs::path& file, uint32_t w, uint32_t h) { writeBytes(file, pngOf(gradient(w, h))); }

const PoseFixture kPoseFixtures[] = {
    {"colmap-text",
     [](const fs::path& dir, const std::string& v) {
         writeBytes(dir / "cameras.txt", "1 PINHOLE 640 480 500 500 320 240\n");
         writeBytes(dir / "images.txt", "1 1 0 0 0 0 0 0 1 a.jpg\n\n2 1 0 0 0 " + v + " 0 0 1 b.jpg\n\n");
         return std::pair{dir, dir / "images.txt"};
     }},
    {"alicevision",
     [](const fs::path& dir, const std::string& v) {
         auto view = [](const char* id) {
             return std::string("{\"viewId\": \"") + id + "\", \"poseId\": \"" + id +
                    "\", \"intrinsicId\": \"1\", \"path\": \"" + id +
                    ".jpg\", \"width\": \"640\", \"height\": "
                    "\"480\"}";
         };
         auto pose = [](const char* id, const std::string& x) {
             return std::string("{\"poseId\": \"") + id +
                    "\", \"pose\": {\"transform\": {\"rotation\": "
                    "[\"1\", \"0\", \"0\", \"0\", \"1\", \"0\", \"0\", \"0\", \"1\"], \"center\": [\"" +
                    x + "\", \"0\", \"0\"]}}}";
         };
         writeBytes(
             dir / "cameras.sfm",
             "{\"version\": [\"1\", \"0\", \"0\"], \"views\": [" + view("1") + ", " + view("2") +
                 "], \"intrinsics\": [{\"intrinsicId\": \"1\", \"width\": \"640\", \"height\": \"480\", "
                 "\"type\": \"pinhole\", \"pxFocalLength\": \"500\", \"principalPoint\": [\"320\", "
                 "\"240\"]}], \"poses\": [" +
                 pose("1", "0") + ", " + pose("2", v) + "]}");
         return std::pair{dir / "cameras.sfm", dir / "cameras.sfm"};
     }},
    {"metashape",
     [](const fs::path& dir, const std::string& v) {
         writeBytes(
             dir / "cameras.xml",
             "<document version=\"1.5.0\"><chunk><sensors><sensor id=\"0\" type=\"frame\">"
             "<resolution width=\"640\" height=\"480\"/><calibration type=\"frame\" class=\"adjusted\">"
             "<resolution width=\"640\" height=\"480\"/><f>500</f></calibration></sensor></sensors>"
             "<cameras><camera id=\"0\" sensor_id=\"0\" label=\"a\"><transform>1 0 0 0 0 1 0 0 0 0 1 0 "
             "0 0 0 1</transform></camera><camera id=\"1\" sensor_id=\"0\" label=\"b\"><transform>1 0 "
             "0 " +
                 v + " 0 1 0 0 0 0 1 0 0 0 0 1</transform></camera></cameras></chunk></document>");
         return std::pair{dir / "cameras.xml", dir / "cameras.xml"};
     }},
    {"realitycapture-xmp",
     [](const fs::path& dir, const std::string& v) {
         for (const auto& [name, x] : {std::pair<std::string, std::string>{"a", "0"}, {"b", v}}) {
             writePng(dir / (name + ".png"), 40, 30);
             writeBytes(
                 dir / (name + ".xmp"),
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/"
                 "02/22-rdf-syntax-ns#\"><rdf:Description xcr:Version=\"3\" xcr:FocalLength35mm=\"36\" "
                 "xcr:PrincipalPointU=\"0\" xcr:PrincipalPointV=\"0\" xmlns:xcr=\"http://www."
                 "capturingreality.com/ns/xcr/1.1#\"><xcr:Rotation>1 0 0 0 1 0 0 0 1</xcr:Rotation>"
                 "<xcr:Position>" +
                     x + " 0 0</xcr:Position></rdf:Description></rdf:RDF></x:xmpmeta>");
         }
         return std::pair{dir, dir / "b.xmp"};
     }},
    {"realitycapture-csv",
     [](const fs::path& dir, const std::string& v) {
         writePng(dir / "a.png", 40, 30);
         writePng(dir / "b.png", 40, 30);
         writeBytes(dir / "cams.csv", "#name,x,y,alt,heading,pitch,roll,f\na.png,1,2,3,0,90,0,36\nb.png," +
                                          v + ",2,3,0,90,0,36\n");
         return std::pair{dir / "cams.csv", dir / "cams.csv"};
     }},
    {"nerf",
     [](const fs::path& dir, const std::string& v) {
         // JSON has no NaN: tools that write one write text, which is how it is tested here.
         const std::string x = v == "1e39" ? v : "\"" + v + "\"";
         writeBytes(dir / "transforms.json",
                    "{\"w\": 640, \"h\": 480, \"fl_x\": 500, \"frames\": [{\"file_path\": \"a.jpg\", "
                    "\"transform_matrix\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}, "
                    "{\"file_path\": \"b.jpg\", \"transform_matrix\": [[1, 0, 0, " +
                        x + "], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}]}");
         return std::pair{dir / "transforms.json", dir / "transforms.json"};
     }},
    {"openmvs-text",
     [](const fs::path& dir, const std::string& v) {
         writeBytes(dir / "list.txt",
                    "CAMERA platform=0 camera=0 width=640 height=480 K=500 0 320 0 500 240 0 0 1\n"
                    "IMAGE 0 a.jpg 0 0 0 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n"
                    "IMAGE 1 b.jpg 0 0 1 R= 1 0 0 0 1 0 0 0 1 C= " +
                        v + " 0 0\n");
         return std::pair{dir / "list.txt", dir / "list.txt"};
     }},
    {"projection-matrices",
     [](const fs::path& dir, const std::string& v) {
         writeBytes(dir / "a_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 0 -1\n");
         writeBytes(dir / "b_P.txt", "320 -500 0 " + v + "\n240 0 -500 1260\n1 0 0 -1\n");
         writeBytes(dir / "mvs.ini", "[imageResolutions]\na=640x480\nb=640x480\n");
         return std::pair{dir, dir / "b_P.txt"};
     }},
};

} // namespace

TEST(HostilePoses, NonFiniteAndAbsurdNumbersSkipTheEntryInEveryTextFormat) {
    const fs::path folder = testFolder();
    LogCapture log;
    for (const PoseFixture& fixture : kPoseFixtures) {
        int round = 0;
        for (const char* value : {"-1.#IND", "nan", "-nan", "inf", "-inf", "1.#QNAN", "1e39", "1e999"}) {
            SCOPED_TRACE(std::string(fixture.format) + " " + value);
            const fs::path dir = folder / fixture.format / std::to_string(round++);
            const auto [path, badFile] = fixture.write(dir, value);
            auto format = sr::asset::parsePoseFormat(fixture.format);
            ASSERT_TRUE(format.ok());
            auto set = sr::asset::loadCameraPoses(path, *format);
            ASSERT_TRUE(set.ok()) << set.error().describe();
            ASSERT_EQ(set->poses.size(), 1u);
            ASSERT_EQ(set->skipped.size(), 1u);
            const std::string& why = set->skipped[0];
            EXPECT_EQ(why.rfind(badFile.string() + ": ", 0), 0u) << why;
            EXPECT_TRUE(why.find("not a finite number") != std::string::npos ||
                        why.find("camera centre") != std::string::npos ||
                        why.find("singular") != std::string::npos)
                << why;
        }
    }
}

TEST(HostilePoses, BinaryColmapSkipsNonFiniteAndAbsurdValues) {
    const fs::path folder = testFolder();
    auto put = [](std::vector<uint8_t>& out, auto value) {
        const auto* p = reinterpret_cast<const uint8_t*>(&value);
        out.insert(out.end(), p, p + sizeof value);
    };
    std::vector<uint8_t> cameras;
    put(cameras, uint64_t(1));
    put(cameras, uint32_t(1)), put(cameras, int32_t(1)), put(cameras, uint64_t(640)),
        put(cameras, uint64_t(480));
    for (double p : {500.0, 500.0, 320.0, 240.0}) put(cameras, p);
    writeBytes(folder / "cameras.bin", cameras);
    const double values[] = {NAN, INFINITY, -INFINITY, 1e39, -1e300};
    std::vector<uint8_t> images;
    put(images, uint64_t(1 + std::size(values)));
    for (uint32_t id = 0; id <= std::size(values); ++id) {
        put(images, id);
        for (double q : {1.0, 0.0, 0.0, 0.0}) put(images, q);
        for (double t : {id ? values[id - 1] : 0.0, 0.0, 0.0}) put(images, t);
        put(images, uint32_t(1));
        const std::string name = "i" + std::to_string(id) + ".jpg";
        images.insert(images.end(), name.c_str(), name.c_str() + name.size() + 1);
        put(images, uint64_t(0));
    }
    writeBytes(folder / "images.bin", images);
    LogCapture log;
    auto set = sr::asset::loadCameraPoses(folder);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 1u);
    ASSERT_EQ(set->skipped.size(), std::size(values));
    for (const std::string& why : set->skipped) {
        EXPECT_HAS(why, (folder / "images.bin").string());
        EXPECT_HAS(why, "camera centre");
    }
}

TEST(HostilePoses, AbsurdFocalLengthsSkipTheEntry) {
    const fs::path folder = testFolder();
    writeBytes(folder / "cameras.txt",
               "1 PINHOLE 640 480 500 500 320 240\n2 PINHOLE 640 480 1e39 1e39 320 240\n");
    writeBytes(folder / "images.txt", "1 1 0 0 0 0 0 0 1 a.jpg\n\n2 1 0 0 0 0 0 0 2 b.jpg\n\n");
    LogCapture log;
    auto set = sr::asset::loadCameraPoses(folder);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 1u);
    ASSERT_EQ(set->skipped.size(), 1u);
    EXPECT_HAS(set->skipped[0], "focal length");
}

// ---- meshes ----

namespace {

sr::asset::ImportOptions zUp() {
    sr::asset::ImportOptions options;
    options.up = sr::asset::UpAxis::PosZ;
    return options;
}

} // namespace

TEST(HostileMesh, NonFiniteAndEnormousCornersDropTheirTrianglesWithAWarning) {
    const fs::path folder = testFolder();
    // Triangle 1 is good; 2-6 each have one corner that is NaN, infinite, beyond a float or
    // absurdly far away.
    writeBytes(folder / "scan.obj",
               "v 0 0 0\nv 1 0 0\nv 0 1 0\nv nan 0 0\nv inf 0 0\nv 0 -inf 0\nv 1e39 0 0\n"
               "v 1e30 0 0\nf 1 2 3\nf 4 2 3\nf 1 5 3\nf 1 2 6\nf 7 2 3\nf 8 2 3\n");
    LogCapture log;
    auto mesh = sr::asset::importRoomMesh(folder / "scan.obj", zUp());
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(mesh->triangleCount(), 1u);
    EXPECT_LE(glm::length(mesh->bounds.size()), 2.0f);
    EXPECT_EQ(log.count({(folder / "scan.obj").string(), "dropped 5 faces", "4 with a NaN or infinite corner",
                         "1 with a corner farther than"}),
              1u)
        << log.all();

    // Scaling can carry a finite corner out of range too.
    writeBytes(folder / "scaled.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1e36 0 0\nf 1 2 3\nf 4 2 3\n");
    sr::asset::ImportOptions kilometres = zUp();
    kilometres.metresPerUnit = 1000.0f;
    auto scaled = sr::asset::importRoomMesh(folder / "scaled.obj", kilometres);
    ASSERT_TRUE(scaled.ok()) << scaled.error().describe();
    EXPECT_EQ(scaled->triangleCount(), 1u);

    // Nothing left: refused, naming the file.
    writeBytes(folder / "void.obj", "v nan 0 0\nv 1e30 0 0\nv 0 1 0\nf 1 2 3\n");
    auto none = sr::asset::importRoomMesh(folder / "void.obj", zUp());
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().path, (folder / "void.obj").string());
    EXPECT_HAS(none.error().message, "no triangles");
}

TEST(HostileMesh, ZeroAreaTrianglesAreDroppedOrKeptHarmless) {
    const fs::path folder = testFolder();
    // Good, two corners equal, all corners equal, three distinct corners on one line.
    writeBytes(folder / "flat.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 2 0 0\nv 3 0 0\nf 1 2 3\nf 1 1 3\nf 2 2 2\n"
                                    "f 2 4 5\n");
    LogCapture log;
    auto mesh = sr::asset::importRoomMesh(folder / "flat.obj", zUp());
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    EXPECT_EQ(log.count({(folder / "flat.obj").string(), "2 degenerate triangles"}), 1u) << log.all();
    // The line is kept as drawn (nothing shows); its corners still get a usable normal.
    EXPECT_EQ(mesh->triangleCount(), 2u);
    for (const sr::asset::Vertex& v : mesh->vertices) EXPECT_NEAR(glm::length(v.normal), 1.0f, 1e-5f);
}

TEST(HostileMesh, OutOfRangeIndicesAreDroppedOrTheFileRefusedNamingIt) {
    const fs::path folder = testFolder();
    writeBytes(folder / "bad.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2 99\n");
    LogCapture log;
    auto obj = sr::asset::importRoomMesh(folder / "bad.obj", zUp());
    ASSERT_FALSE(obj.ok());
    EXPECT_EQ(obj.error().path, (folder / "bad.obj").string());
    EXPECT_HAS(obj.error().message, "cannot import");

    writeBytes(folder / "bad.ply",
               "ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\n"
               "property float z\nelement face 4\nproperty list uchar int vertex_indices\n"
               "end_header\n0 0 0\n1 0 0\n0 1 0\nnan 0 0\n3 0 1 2\n3 0 1 7\n3 0 1 -5\n"
               "3 3 1 2\n");
    auto ply = sr::asset::importRoomMesh(folder / "bad.ply", zUp());
    ASSERT_TRUE(ply.ok()) << ply.error().describe();
    EXPECT_EQ(ply->triangleCount(), 1u);
    EXPECT_EQ(log.count({(folder / "bad.ply").string(), "dropped 3 faces", "1 with a NaN or infinite corner",
                         "2 with missing or out-of-range vertex indices"}),
              1u)
        << log.all();

    // A Windows-style NaN is not a number in a PLY either: the file is refused, named.
    writeBytes(folder / "ind.ply",
               "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
               "property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
               "end_header\n0 0 0\n1 0 0\n-1.#IND 1 0\n3 0 1 2\n");
    auto ind = sr::asset::importRoomMesh(folder / "ind.ply", zUp());
    ASSERT_FALSE(ind.ok());
    EXPECT_EQ(ind.error().path, (folder / "ind.ply").string());
}

// ---- room caches ----

TEST(HostileCache, TruncatedAndBitFlippedCachesAreRefusedNamingTheFile) {
    LogCapture log;
    const fs::path folder = testFolder();
    writeBytes(folder / "room.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0.2\nf 1 2 3\nf 2 4 3\n");
    auto mesh = sr::asset::importRoomMesh(folder / "room.obj", zUp());
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    const fs::path good = folder / "good.srcache";
    ASSERT_TRUE(sr::asset::writeRoomCache(good, sr::asset::bakeRoom(*mesh, {}), {1, {}}).ok());
    ASSERT_TRUE(sr::asset::RoomCache::open(good).ok());
    const std::vector<uint8_t> bytes = readBytes(good);
    const fs::path file = folder / "bad.srcache";
    for (size_t length : {size_t(0), size_t(1), size_t(16), size_t(63), bytes.size() / 2, bytes.size() - 1}) {
        writeBytes(file, std::vector<uint8_t>(bytes.begin(), bytes.begin() + std::ptrdiff_t(length)));
        auto cache = sr::asset::RoomCache::open(file);
        ASSERT_FALSE(cache.ok()) << length;
        EXPECT_EQ(cache.error().path, file.string());
        EXPECT_TRUE(cache.error().message.find("truncated") != std::string::npos ||
                    cache.error().message.find("not a Stillroom room cache") != std::string::npos)
            << cache.error().message;
    }
    sr::test::Random random{13};
    for (size_t at = 0; at < bytes.size(); at += 1 + random.next() % 16) {
        std::vector<uint8_t> flipped = bytes;
        flipped[at] ^= uint8_t(1u << (random.next() % 8));
        writeBytes(file, flipped);
        auto cache = sr::asset::RoomCache::open(file);
        ASSERT_FALSE(cache.ok()) << "byte " << at;
        EXPECT_EQ(cache.error().path, file.string());
        EXPECT_HAS(cache.error().message, "room cache");
    }
}
