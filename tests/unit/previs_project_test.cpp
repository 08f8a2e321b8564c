// Unit tests of previs project files: save and load back, atomic writes, and every problem reported
// with the file, the JSON path and the reason.
#include <gtest/gtest.h>

#include "test_folder.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "previs/camera_pose.h"
#include "previs/previs_project.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sr::previs;

namespace {
PrevisProject sampleProject() {
    PrevisProject project;
    project.framesPerSecond = 25.0;
    Shot a;
    a.name = "12A";
    a.sensor = *findSensorPreset("alexa-mini-lf");
    a.outputAspect = 2.39f;
    a.lensId = "master-primes";
    a.focalLengthMm = 32.0f;
    a.fStop = 2.8f;
    a.focusDistanceM = 2.4f;
    a.pose = {{1.0f, -0.5f, 1.45f}, orientationFromPanTiltRoll(30.0f, -5.0f, 0.0f)};
    a.rig.kind = RigKind::Tripod;
    a.rig.tripod = {0.0f, 0.7f, 1.8f};
    Shot b;
    b.name = "12B";
    b.sensor = customSensor(30.0f, 17.0f, "Rental body");
    b.focalLengthMm = 85.0f;
    b.fStop = 1.4f;
    b.focusDistanceM = 1.2f;
    b.pose = {{0.2f, 0.3f, 1.2f}, orientationFromPanTiltRoll(-90.0f, 0.0f, 3.0f)};
    b.rig.kind = RigKind::Track;
    b.rig.track = {{0, 0, 1.1f}, {3, 0, 1.1f}, 0.0f, 0.4f};
    project.shots = {a, b};
    CameraMove move;
    move.name = "push-in";
    move.shot = "12A";
    Keyframe k0, k1;
    k0.timeS = 0.0, k0.position = {0, 0, 1.5f}, k0.orientation = orientationFromPanTiltRoll(0, 0, 0);
    k0.focalLengthMm = 32.0f, k0.focusDistanceM = 3.0f, k0.easing = Easing::EaseIn;
    k1.timeS = 2.5, k1.position = {1.5f, 0.25f, 1.4f}, k1.orientation = orientationFromPanTiltRoll(10, -3, 1);
    k1.focalLengthMm = 40.0f, k1.focusDistanceM = 1.5f, k1.easing = Easing::EaseInOut;
    move.keyframes = {k0, k1};
    project.moves = {move};
    return project;
}

json validJson() { return json::parse(*formatPrevisProject(sampleProject())); }

LoadedProject parse(const json& document) {
    auto loaded = parsePrevisProject(document.dump(), "test.previs.json");
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().describe());
    return loaded.ok() ? std::move(loaded).value() : LoadedProject{};
}

// The problem at `jsonPath`, or nullptr.
const ProjectProblem* problemAt(const LoadedProject& loaded, const std::string& jsonPath) {
    const auto it = std::find_if(loaded.problems.begin(), loaded.problems.end(),
                                 [&](const ProjectProblem& p) { return p.jsonPath == jsonPath; });
    return it == loaded.problems.end() ? nullptr : &*it;
}

std::string describeAll(const LoadedProject& loaded) {
    std::string out;
    for (const ProjectProblem& p : loaded.problems) out += p.describe() + "\n";
    return out;
}

void expectSameQuat(const glm::quat& a, const glm::quat& b) {
    EXPECT_FLOAT_EQ(a.w, b.w);
    EXPECT_FLOAT_EQ(a.x, b.x);
    EXPECT_FLOAT_EQ(a.y, b.y);
    EXPECT_FLOAT_EQ(a.z, b.z);
}
} // namespace

TEST(PrevisProject, SavedProjectLoadsBackUnchanged) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const fs::path file = folder / "scene.previs.json";
    const PrevisProject original = sampleProject();
    ASSERT_TRUE(savePrevisProject(original, file).ok());
    auto loaded = loadPrevisProject(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_TRUE(loaded->problems.empty()) << describeAll(*loaded);
    const PrevisProject& back = loaded->project;
    EXPECT_DOUBLE_EQ(back.framesPerSecond, 25.0);
    ASSERT_EQ(back.shots.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
        const Shot &a = original.shots[i], &b = back.shots[i];
        EXPECT_EQ(b.name, a.name);
        EXPECT_EQ(b.sensor.id, a.sensor.id);
        EXPECT_EQ(b.sensor.name, a.sensor.name);
        EXPECT_FLOAT_EQ(b.sensor.widthMm, a.sensor.widthMm);
        EXPECT_FLOAT_EQ(b.sensor.heightMm, a.sensor.heightMm);
        EXPECT_FLOAT_EQ(b.outputAspect, a.outputAspect);
        EXPECT_EQ(b.lensId, a.lensId);
        EXPECT_FLOAT_EQ(b.focalLengthMm, a.focalLengthMm);
        EXPECT_FLOAT_EQ(b.fStop, a.fStop);
        EXPECT_FLOAT_EQ(b.focusDistanceM, a.focusDistanceM);
        EXPECT_EQ(b.pose.position, a.pose.position);
        expectSameQuat(b.pose.orientation, a.pose.orientation);
        EXPECT_EQ(b.rig.kind, a.rig.kind);
    }
    EXPECT_FLOAT_EQ(back.shots[0].rig.tripod.maxHeightM, 1.8f);
    EXPECT_EQ(back.shots[1].rig.track.end, glm::vec3(3, 0, 1.1f));
    EXPECT_FLOAT_EQ(back.shots[1].rig.track.maxRiseM, 0.4f);
    ASSERT_EQ(back.moves.size(), 1u);
    const CameraMove &m = back.moves[0], &o = original.moves[0];
    EXPECT_EQ(m.name, "push-in");
    EXPECT_EQ(m.shot, "12A");
    ASSERT_EQ(m.keyframes.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
        EXPECT_DOUBLE_EQ(m.keyframes[i].timeS, o.keyframes[i].timeS);
        EXPECT_EQ(m.keyframes[i].position, o.keyframes[i].position);
        expectSameQuat(m.keyframes[i].orientation, o.keyframes[i].orientation);
        EXPECT_FLOAT_EQ(m.keyframes[i].focalLengthMm, o.keyframes[i].focalLengthMm);
        EXPECT_FLOAT_EQ(m.keyframes[i].focusDistanceM, o.keyframes[i].focusDistanceM);
        EXPECT_EQ(m.keyframes[i].easing, o.keyframes[i].easing);
    }
}

TEST(PrevisProject, SaveWritesReadableJsonAtomically) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const fs::path file = folder / "scene.previs.json";
    ASSERT_TRUE(savePrevisProject(sampleProject(), file).ok());
    ASSERT_TRUE(savePrevisProject(sampleProject(), file).ok()); // over an existing file
    size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
    EXPECT_EQ(entries, 1u); // no temporary left behind
    std::ifstream in(file);
    const json document = json::parse(in);
    EXPECT_EQ(document["format"], "stillroom-previs/1");
    EXPECT_EQ(document["shots"][0]["sensor"], "alexa-mini-lf"); // a preset by id
    EXPECT_EQ(document["shots"][1]["sensor"]["width_mm"], 30);  // a custom size in full
    EXPECT_EQ(document["shots"][0]["focus_m"].dump(), "2.4");   // shortest form
    EXPECT_EQ(document["moves"][0]["keyframes"][1]["easing"], "ease_in_out");
}

TEST(PrevisProject, SaveRefusesNonFiniteNumbersNamingThePath) {
    PrevisProject project = sampleProject();
    project.moves[0].keyframes[1].position.y = std::numeric_limits<float>::quiet_NaN();
    const auto text = formatPrevisProject(project);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().path, "moves[0].keyframes[1].position[1]");
    const fs::path file = sr::test::freshTestFolder("unit") / "bad.previs.json";
    const auto status = savePrevisProject(project, file);
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().describe().find("moves[0].keyframes[1].position[1]"), std::string::npos);
    EXPECT_FALSE(fs::exists(file));
}

TEST(PrevisProject, UnreadableOrForeignFilesFailWithTheFileName) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    auto missing = loadPrevisProject(folder / "missing.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().path.find("missing.json"), std::string::npos);

    auto notJson = parsePrevisProject("{\"format\": \"stillroom-previs/1\", ", "broken.json");
    ASSERT_FALSE(notJson.ok());
    EXPECT_EQ(notJson.error().path, "broken.json");
    EXPECT_NE(notJson.error().message.find("parse error"), std::string::npos) << notJson.error().message;

    EXPECT_FALSE(parsePrevisProject("[1, 2]", "array.json").ok());
    EXPECT_FALSE(parsePrevisProject("{\"shots\": []}", "noformat.json").ok());
    auto future = parsePrevisProject("{\"format\": \"stillroom-previs/2\"}", "future.json");
    ASSERT_FALSE(future.ok());
    EXPECT_NE(future.error().message.find("stillroom-previs/2"), std::string::npos);
    EXPECT_TRUE(parsePrevisProject("{\"format\": \"stillroom-previs/1.4\"}", "minor.json").ok());
    EXPECT_FALSE(parsePrevisProject("{\"format\": \"stillroom-previs/1.x\"}", "odd.json").ok());

    const std::string deep =
        "{\"format\": \"stillroom-previs/1\", \"x\": " + std::string(100, '[') + std::string(100, ']') + "}";
    auto tooDeep = parsePrevisProject(deep, "deep.json");
    ASSERT_FALSE(tooDeep.ok());
    EXPECT_NE(tooDeep.error().message.find("nested deeper"), std::string::npos);
}

TEST(PrevisProject, UnknownKeysAreWarningsWithTheirPath) {
    json document = validJson();
    document["shots"][0]["focal_lenght_mm"] = 50;
    document["_comment"] = "ignored";
    const LoadedProject loaded = parse(document);
    const ProjectProblem* problem = problemAt(loaded, "shots[0].focal_lenght_mm");
    ASSERT_NE(problem, nullptr) << describeAll(loaded);
    EXPECT_EQ(problem->severity, ProblemSeverity::Warning);
    EXPECT_EQ(problem->file, "test.previs.json");
    EXPECT_FALSE(loaded.hasErrors());
    EXPECT_EQ(loaded.problems.size(), 1u) << describeAll(loaded);
    EXPECT_EQ(problem->describe(), "test.previs.json: shots[0].focal_lenght_mm: unknown key; it is ignored");
}

TEST(PrevisProject, ShotMissingARequiredValueIsLeftOut) {
    json document = validJson();
    document["shots"][1].erase("position");
    document["moves"] = json::array();
    const LoadedProject loaded = parse(document);
    EXPECT_TRUE(loaded.hasErrors());
    ASSERT_NE(problemAt(loaded, "shots[1].position"), nullptr) << describeAll(loaded);
    EXPECT_NE(problemAt(loaded, "shots[1].position")->message.find("required"), std::string::npos);
    ASSERT_EQ(loaded.project.shots.size(), 1u);
    EXPECT_EQ(loaded.project.shots[0].name, "12A");
}

TEST(PrevisProject, InvalidOptionalValuesFallBackToDefaultsWithErrors) {
    json document = validJson();
    document["shots"][0]["focal_length_mm"] = -4;
    document["shots"][0]["sensor"] = "arri-alexa-99";
    document["shots"][0]["output_aspect"] = 0.5;
    document["shots"][0]["rig"] = {{"kind", "tripod"}, {"min_height_m", 2.0}, {"max_height_m", 1.0}};
    document["shots"][1]["sensor"] = {{"width_mm", 300}, {"height_mm", 20}};
    document["shots"][1]["lens"] = "no-such-lens";
    document["frames_per_second"] = "fast";
    const LoadedProject loaded = parse(document);
    for (const char* path :
         {"shots[0].focal_length_mm", "shots[0].sensor", "shots[0].output_aspect", "shots[0].rig",
          "shots[1].sensor.width_mm", "shots[1].lens", "frames_per_second"}) {
        const ProjectProblem* problem = problemAt(loaded, path);
        ASSERT_NE(problem, nullptr) << path << "\n" << describeAll(loaded);
        EXPECT_EQ(problem->severity, ProblemSeverity::Error) << path;
    }
    ASSERT_EQ(loaded.project.shots.size(), 2u);
    const Shot& a = loaded.project.shots[0];
    EXPECT_FLOAT_EQ(a.focalLengthMm, 35.0f);
    EXPECT_EQ(a.sensor.id, "full-frame");
    EXPECT_FLOAT_EQ(a.outputAspect, 0.0f);
    EXPECT_EQ(a.rig.kind, RigKind::Free);
    EXPECT_EQ(loaded.project.shots[1].sensor.id, "full-frame");
    EXPECT_TRUE(loaded.project.shots[1].lensId.empty());
    EXPECT_DOUBLE_EQ(loaded.project.framesPerSecond, 24.0);
}

TEST(PrevisProject, FocalLengthTheLensLacksIsAWarning) {
    json document = validJson();
    document["shots"][0]["focal_length_mm"] = 33;
    const LoadedProject loaded = parse(document);
    const ProjectProblem* problem = problemAt(loaded, "shots[0].focal_length_mm");
    ASSERT_NE(problem, nullptr) << describeAll(loaded);
    EXPECT_EQ(problem->severity, ProblemSeverity::Warning);
    EXPECT_NE(problem->message.find("nearest is 32 mm"), std::string::npos) << problem->message;
    EXPECT_FLOAT_EQ(loaded.project.shots[0].focalLengthMm, 33.0f);
}

TEST(PrevisProject, RepeatedNamesKeepTheFirst) {
    json document = validJson();
    document["shots"][1]["name"] = "12A";
    document["moves"].push_back(document["moves"][0]);
    const LoadedProject loaded = parse(document);
    ASSERT_NE(problemAt(loaded, "shots[1].name"), nullptr) << describeAll(loaded);
    ASSERT_NE(problemAt(loaded, "moves[1].name"), nullptr) << describeAll(loaded);
    EXPECT_EQ(loaded.project.shots.size(), 1u);
    EXPECT_EQ(loaded.project.moves.size(), 1u);
    EXPECT_FLOAT_EQ(loaded.project.shots[0].focalLengthMm, 32.0f);
}

TEST(PrevisProject, MoveWithKeyframesOutOfOrderIsLeftOut) {
    json document = validJson();
    document["moves"][0]["keyframes"][1]["time_s"] = 0;
    const LoadedProject loaded = parse(document);
    const ProjectProblem* problem = problemAt(loaded, "moves[0].keyframes[1].time_s");
    ASSERT_NE(problem, nullptr) << describeAll(loaded);
    EXPECT_NE(problem->message.find("later than"), std::string::npos);
    ASSERT_NE(problemAt(loaded, "moves[0]"), nullptr);
    EXPECT_TRUE(loaded.project.moves.empty());
}

TEST(PrevisProject, BadKeyframeValuesAreReportedWhereTheyStand) {
    json document = validJson();
    auto& keys = document["moves"][0]["keyframes"];
    keys[0]["orientation"] = {0, 0, 0, 0};
    keys[1]["position"] = {1, "two", 3};
    const LoadedProject loaded = parse(document);
    ASSERT_NE(problemAt(loaded, "moves[0].keyframes[0].orientation"), nullptr) << describeAll(loaded);
    ASSERT_NE(problemAt(loaded, "moves[0].keyframes[1].position[1]"), nullptr) << describeAll(loaded);
    EXPECT_TRUE(loaded.project.moves.empty());

    json easing = validJson();
    easing["moves"][0]["keyframes"][0]["easing"] = "wobble";
    const LoadedProject eased = parse(easing);
    ASSERT_NE(problemAt(eased, "moves[0].keyframes[0].easing"), nullptr) << describeAll(eased);
    ASSERT_EQ(eased.project.moves.size(), 1u); // an optional value: the default is used
    EXPECT_EQ(eased.project.moves[0].keyframes[0].easing, Easing::Linear);
}

TEST(PrevisProject, MoveNamingAnUnknownShotKeepsNoCameraBody) {
    json document = validJson();
    document["moves"][0]["shot"] = "99Z";
    const LoadedProject loaded = parse(document);
    ASSERT_NE(problemAt(loaded, "moves[0].shot"), nullptr) << describeAll(loaded);
    ASSERT_EQ(loaded.project.moves.size(), 1u);
    EXPECT_TRUE(loaded.project.moves[0].shot.empty());
}

TEST(PrevisProject, KeyframesWithoutLensValuesTakeTheShots) {
    json document = validJson();
    for (auto& k : document["moves"][0]["keyframes"]) k.erase("focal_length_mm"), k.erase("focus_m");
    const LoadedProject loaded = parse(document);
    EXPECT_TRUE(loaded.problems.empty()) << describeAll(loaded);
    ASSERT_EQ(loaded.project.moves.size(), 1u);
    for (const Keyframe& k : loaded.project.moves[0].keyframes) {
        EXPECT_FLOAT_EQ(k.focalLengthMm, 32.0f);
        EXPECT_FLOAT_EQ(k.focusDistanceM, 2.4f);
    }
    EXPECT_NE(loaded.project.findShot("12B"), nullptr);
    EXPECT_EQ(loaded.project.findMove("dolly"), nullptr);
}

TEST(PrevisProject, WrongTypesAreReportedNotThrown) {
    json document = validJson();
    document["shots"] = {{"name", "not a list"}};
    document["moves"] = json::array({42});
    const LoadedProject loaded = parse(document);
    ASSERT_NE(problemAt(loaded, "shots"), nullptr) << describeAll(loaded);
    ASSERT_NE(problemAt(loaded, "moves[0]"), nullptr) << describeAll(loaded);
    EXPECT_NE(problemAt(loaded, "moves[0]")->message.find("object"), std::string::npos);
    EXPECT_TRUE(loaded.project.shots.empty());
}
