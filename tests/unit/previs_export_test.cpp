// Unit tests of camera-move exports: CSV and JSON tables, and glTF and Collada files written
// through Assimp's exporters and read back through Assimp's importer, frame by frame.
#include <gtest/gtest.h>

#include "log_capture.h"
#include "test_folder.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <assimp/Importer.hpp>
#include <assimp/scene.h>
#include <glm/gtc/constants.hpp>
#include <nlohmann/json.hpp>

#include "previs/camera_pose.h"
#include "previs/move_export.h"
#include "previs/move_path.h"

namespace fs = std::filesystem;
using namespace sr::previs;

namespace {
constexpr double kFps = 24.0;

Keyframe key(double time, glm::vec3 position, float pan, float tilt, float roll, float focal = 32.0f) {
    Keyframe k;
    k.timeS = time, k.position = position, k.focalLengthMm = focal, k.focusDistanceM = 2.0f + float(time);
    k.orientation = orientationFromPanTiltRoll(pan, tilt, roll);
    return k;
}

// Three seconds that pan past 180 degrees, tilt both ways and roll: every axis conversion shows.
std::vector<MoveSample> sampledMove(float endFocal = 32.0f) {
    CameraMove move;
    move.keyframes = {key(0.0, {0.5f, -1.0f, 1.4f}, -30.0f, 10.0f, 0.0f),
                      key(1.0, {1.5f, 0.5f, 1.7f}, 60.0f, -20.0f, 8.0f),
                      key(3.0, {-0.5f, 2.0f, 1.2f}, 200.0f, 5.0f, -4.0f, endFocal)};
    return MovePath::create(move).value().sample(kFps);
}

MoveExportSettings settings() {
    MoveExportSettings s;
    s.name = "shotcam";
    s.filmback = croppedFilmback(*findSensorPreset("alexa-mini-lf"), 2.39f);
    s.framesPerSecond = kFps;
    return s;
}

const aiNode* findNode(const aiNode* node, const std::string& name) {
    if (!node) return nullptr;
    if (name == node->mName.C_Str()) return node;
    for (unsigned i = 0; i < node->mNumChildren; ++i)
        if (const aiNode* found = findNode(node->mChildren[i], name)) return found;
    return nullptr;
}

aiMatrix4x4 parentTransform(const aiNode* node) {
    aiMatrix4x4 out;
    for (const aiNode* p = node->mParent; p; p = p->mParent) out = p->mTransformation * out;
    return out;
}

// Checks each re-imported key against the samples in Assimp's +Y-up world (the node's parents'
// transform times the key), frame by frame.
void expectChannelMatches(const aiScene& scene, const std::vector<MoveSample>& samples) {
    ASSERT_EQ(scene.mNumAnimations, 1u);
    const aiAnimation& animation = *scene.mAnimations[0];
    ASSERT_EQ(animation.mNumChannels, 1u);
    const aiNodeAnim& channel = *animation.mChannels[0];
    EXPECT_STREQ(channel.mNodeName.C_Str(), "shotcam");
    const aiNode* node = findNode(scene.mRootNode, "shotcam");
    ASSERT_NE(node, nullptr);
    const aiMatrix4x4 parent = parentTransform(node);
    ASSERT_EQ(channel.mNumPositionKeys, samples.size());
    ASSERT_EQ(channel.mNumRotationKeys, samples.size());
    const double ticks = animation.mTicksPerSecond > 0.0 ? animation.mTicksPerSecond : 1.0;
    for (size_t i = 0; i < samples.size(); ++i) {
        const aiVectorKey& p = channel.mPositionKeys[i];
        const aiQuatKey& r = channel.mRotationKeys[i];
        EXPECT_NEAR(p.mTime / ticks, double(samples[i].frame) / kFps, 1e-5) << "frame " << i;
        EXPECT_NEAR(r.mTime / ticks, double(samples[i].frame) / kFps, 1e-5) << "frame " << i;
        aiVector3D scale, position;
        aiQuaternion rotation;
        (parent * aiMatrix4x4(aiVector3D(1, 1, 1), r.mValue, p.mValue)).Decompose(scale, rotation, position);
        const glm::vec3 expectedPosition = zUpToYUp(samples[i].position);
        EXPECT_NEAR(glm::distance(glm::vec3(position.x, position.y, position.z), expectedPosition), 0.0f,
                    1e-4f)
            << "frame " << i;
        const glm::quat actual(rotation.w, rotation.x, rotation.y, rotation.z);
        EXPECT_LT(angleBetweenDeg(actual, zUpToYUp(samples[i].orientation)), 0.01f) << "frame " << i;
    }
}

const aiScene* reimport(Assimp::Importer& importer, const fs::path& file) {
    const aiScene* scene = importer.ReadFile(file.string(), 0);
    EXPECT_NE(scene, nullptr) << importer.GetErrorString();
    return scene;
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<double> parseRow(const std::string& line) {
    std::vector<double> values;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) {
        double v = 0.0;
        std::from_chars(cell.data(), cell.data() + cell.size(), v);
        values.push_back(v);
    }
    return values;
}
} // namespace

TEST(PrevisExport, EulerAnglesFollowBlendersXyzOrder) {
    {
        const glm::vec3 level =
            eulerXyzDegrees(orientationFromPanTiltRoll(90.0f, 0.0f, 0.0f)); // looks along +Y
        EXPECT_NEAR(level.x, 90.0f, 1e-4f);
        EXPECT_NEAR(level.y, 0.0f, 1e-4f);
        EXPECT_NEAR(level.z, 0.0f, 1e-4f);
    }
    for (float pan : {-150.0f, -20.0f, 45.0f, 170.0f}) {
        for (float tilt : {-60.0f, 0.0f, 30.0f}) {
            const glm::quat q = orientationFromPanTiltRoll(pan, tilt, 12.0f);
            const glm::vec3 e = glm::radians(eulerXyzDegrees(q));
            const glm::quat rebuilt = glm::angleAxis(e.z, glm::vec3(0, 0, 1)) *
                                      glm::angleAxis(e.y, glm::vec3(0, 1, 0)) *
                                      glm::angleAxis(e.x, glm::vec3(1, 0, 0));
            EXPECT_LT(angleBetweenDeg(rebuilt, q), 1e-3f) << pan << " " << tilt;
        }
    }
    const glm::quat locked = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0)) *
                             glm::angleAxis(glm::radians(30.0f), glm::vec3(1, 0, 0));
    const glm::vec3 e = glm::radians(eulerXyzDegrees(locked));
    EXPECT_FALSE(std::isnan(e.x) || std::isnan(e.z));
    const glm::quat rebuilt = glm::angleAxis(e.z, glm::vec3(0, 0, 1)) *
                              glm::angleAxis(e.y, glm::vec3(0, 1, 0)) *
                              glm::angleAxis(e.x, glm::vec3(1, 0, 0));
    EXPECT_LT(angleBetweenDeg(rebuilt, locked), 0.05f);
}

TEST(PrevisExport, YUpConversionTurnsZUpIntoYUp) {
    EXPECT_EQ(zUpToYUp(glm::vec3(1, 2, 3)), glm::vec3(1, 3, -2));
    const glm::quat level = zUpToYUp(orientationFromPanTiltRoll(0.0f, 0.0f, 0.0f)); // looks along +X, up +Z
    const glm::vec3 forward = level * glm::vec3(0, 0, -1), up = level * glm::vec3(0, 1, 0);
    EXPECT_LT(glm::distance(forward, glm::vec3(1, 0, 0)), 1e-6f);
    EXPECT_LT(glm::distance(up, glm::vec3(0, 1, 0)), 1e-6f); // +Z up became +Y up
}

TEST(PrevisExport, FormatFollowsTheExtension) {
    EXPECT_EQ(exportFormatForPath("a/move.CSV"), MoveExportFormat::Csv);
    EXPECT_EQ(exportFormatForPath("move.json"), MoveExportFormat::Json);
    EXPECT_EQ(exportFormatForPath("move.gltf"), MoveExportFormat::Gltf);
    EXPECT_EQ(exportFormatForPath("move.dae"), MoveExportFormat::Collada);
    EXPECT_EQ(exportFormatForPath("move.glb"), std::nullopt);
    EXPECT_EQ(exportFormatForPath("move"), std::nullopt);
}

TEST(PrevisExport, CsvHasOneExactRowPerFrame) {
    const auto samples = sampledMove();
    const std::string csv = formatMoveCsv(samples, settings());
    std::stringstream lines(csv);
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "frame,time_s,position_x_m,position_y_m,position_z_m,rotation_w,rotation_x,rotation_y,"
                      "rotation_z,euler_x_deg,euler_y_deg,euler_z_deg,focal_length_mm,sensor_width_mm,"
                      "sensor_height_mm,focus_m");
    size_t row = 0;
    for (std::string line; std::getline(lines, line); ++row) {
        ASSERT_LT(row, samples.size());
        const std::vector<double> v = parseRow(line);
        ASSERT_EQ(v.size(), 16u) << line;
        const MoveSample& s = samples[row];
        EXPECT_EQ(v[0], double(s.frame));
        EXPECT_EQ(v[1], s.timeS);
        EXPECT_EQ(float(v[2]), s.position.x); // shortest form reads back exactly
        EXPECT_EQ(float(v[4]), s.position.z);
        EXPECT_EQ(float(v[5]), s.orientation.w);
        EXPECT_EQ(float(v[8]), s.orientation.z);
        EXPECT_NEAR(v[9], eulerXyzDegrees(s.orientation).x, 1e-4);
        EXPECT_EQ(float(v[12]), s.focalLengthMm);
        EXPECT_EQ(float(v[13]), 36.70f);
        EXPECT_NEAR(v[14], 36.70 / 2.39, 1e-4);
        EXPECT_EQ(float(v[15]), s.focusDistanceM);
    }
    EXPECT_EQ(row, samples.size());
}

TEST(PrevisExport, JsonSpellsOutConventionsAndEveryFrame) {
    const auto samples = sampledMove();
    const nlohmann::json document = nlohmann::json::parse(formatMoveJson(samples, settings()));
    EXPECT_EQ(document["format"], "stillroom-previs-frames/1");
    EXPECT_EQ(document["name"], "shotcam");
    EXPECT_EQ(document["frames_per_second"], 24.0);
    ASSERT_EQ(document["frames"].size(), samples.size());
    const auto& last = document["frames"].back();
    const MoveSample& s = samples.back();
    EXPECT_EQ(last["frame"], s.frame);
    EXPECT_EQ(float(last["position"][1].get<double>()), s.position.y);
    EXPECT_EQ(float(last["rotation_wxyz"][0].get<double>()), s.orientation.w);
    EXPECT_EQ(last["euler_xyz_deg"].size(), 3u);
    EXPECT_EQ(float(last["focal_length_mm"].get<double>()), s.focalLengthMm);
    EXPECT_EQ(float(last["sensor_height_mm"].get<double>()), settings().filmback.heightMm);
    EXPECT_EQ(float(last["focus_m"].get<double>()), s.focusDistanceM);
}

TEST(PrevisExport, TablesAreWrittenAtomically) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const auto samples = sampledMove();
    ASSERT_TRUE(exportMove(folder / "move.csv", MoveExportFormat::Csv, samples, settings()).ok());
    ASSERT_TRUE(exportMove(folder / "move.json", MoveExportFormat::Json, samples, settings()).ok());
    EXPECT_EQ(readText(folder / "move.csv"), formatMoveCsv(samples, settings()));
    EXPECT_EQ(readText(folder / "move.json"), formatMoveJson(samples, settings()));
    const auto empty = exportMove(folder / "none.csv", MoveExportFormat::Csv, {}, settings());
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().path.find("none.csv"), std::string::npos);
    const auto blocked =
        exportMove(folder / "move.csv" / "inside.dae", MoveExportFormat::Collada, samples, settings());
    ASSERT_FALSE(blocked.ok());
    EXPECT_NE(blocked.error().describe().find("inside.dae"), std::string::npos);
}

TEST(PrevisExport, GltfRoundTripsThroughAssimpFrameByFrame) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const fs::path file = folder / "move.gltf";
    const auto samples = sampledMove();
    const auto status = exportMove(file, MoveExportFormat::Gltf, samples, settings());
    ASSERT_TRUE(status.ok()) << status.error().describe();
    EXPECT_TRUE(fs::exists(folder / "move.bin"));

    Assimp::Importer importer;
    const aiScene* scene = reimport(importer, file);
    ASSERT_NE(scene, nullptr);
    expectChannelMatches(*scene, samples);
    ASSERT_EQ(scene->mNumCameras, 1u);
    const aiCamera& camera = *scene->mCameras[0];
    const FieldOfView fov = fieldOfView(settings().filmback, samples.front().focalLengthMm);
    EXPECT_NEAR(camera.mAspect, settings().filmback.aspect(), 1e-5f);
    // Assimp 5.2.5's glTF importer sets mHorizontalFOV = yfov * aspectRatio (neither the half angle
    // aiCamera documents nor the true horizontal angle), so only the vertical angle reads back:
    // yfov = mHorizontalFOV / mAspect. The file itself holds the exact yfov (checked below).
    EXPECT_NEAR(camera.mHorizontalFOV / camera.mAspect, glm::radians(fov.verticalDeg), 1e-5f);
    EXPECT_NEAR(camera.mLookAt.z, -1.0f, 1e-6f);
}

TEST(PrevisExport, GltfFileHoldsTheCameraBlenderReads) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const auto samples = sampledMove();
    ASSERT_TRUE(exportMove(folder / "shot.gltf", MoveExportFormat::Gltf, samples, settings()).ok());
    const nlohmann::json gltf = nlohmann::json::parse(readText(folder / "shot.gltf"));
    ASSERT_EQ(gltf["cameras"].size(), 1u);
    const auto& perspective = gltf["cameras"][0]["perspective"];
    const double yfov = perspective["yfov"], aspect = perspective["aspectRatio"];
    const FieldOfView fov = fieldOfView(settings().filmback, 32.0f);
    EXPECT_NEAR(yfov, glm::radians(double(fov.verticalDeg)), 1e-6);
    EXPECT_NEAR(aspect, 2.39, 1e-5);
    // The horizontal angle follows from the vertical one and the aspect ratio (Blender's importer
    // keeps only the vertical angle: see BlenderOpensTheScriptGltfAndColladaWithTheMovesPicture).
    EXPECT_NEAR(glm::degrees(2.0 * std::atan(aspect * std::tan(yfov / 2.0))), fov.horizontalDeg, 1e-4);
    EXPECT_NEAR(gltf["cameras"][0]["extras"]["sensor_width_mm"].get<double>(), 36.70, 1e-5);
    EXPECT_NEAR(gltf["cameras"][0]["extras"]["focal_length_mm"].get<double>(), 32.0, 1e-5);
    EXPECT_EQ(gltf["nodes"][0]["camera"], 0);
    EXPECT_EQ(gltf["buffers"][0]["uri"], "shot.bin");
    EXPECT_FALSE(gltf.contains("extensionsUsed"));
}

TEST(PrevisExport, ColladaRoundTripsThroughAssimpFrameByFrame) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const fs::path file = folder / "move.dae";
    const auto samples = sampledMove();
    const auto status = exportMove(file, MoveExportFormat::Collada, samples, settings());
    ASSERT_TRUE(status.ok()) << status.error().describe();

    Assimp::Importer importer;
    const aiScene* scene = reimport(importer, file);
    ASSERT_NE(scene, nullptr);
    // up_axis Z_UP reads back as this turn on the root node; the camera node keeps +Z-up values.
    const aiMatrix4x4& root = scene->mRootNode->mTransformation;
    EXPECT_NEAR(root.b3, 1.0f, 1e-6f);
    EXPECT_NEAR(root.c2, -1.0f, 1e-6f);
    expectChannelMatches(*scene, samples);
    ASSERT_EQ(scene->mNumCameras, 1u);
    const aiCamera& camera = *scene->mCameras[0];
    const FieldOfView fov = fieldOfView(settings().filmback, samples.front().focalLengthMm);
    EXPECT_NEAR(camera.mAspect, settings().filmback.aspect(), 1e-5f);
    // Assimp's Collada importer reads xfov (Collada's full horizontal angle) into mHorizontalFOV
    // without halving it, against aiCamera's documentation; the exporter mirrors that.
    EXPECT_NEAR(camera.mHorizontalFOV, glm::radians(fov.horizontalDeg), 1e-5f);
}

TEST(PrevisExport, ColladaFileIsZUpWithTheFullHorizontalAngle) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    ASSERT_TRUE(exportMove(folder / "move.dae", MoveExportFormat::Collada, sampledMove(), settings()).ok());
    const std::string text = readText(folder / "move.dae");
    EXPECT_NE(text.find("<up_axis>Z_UP</up_axis>"), std::string::npos);
    const size_t at = text.find("<xfov sid=\"xfov\">");
    ASSERT_NE(at, std::string::npos);
    const double xfov = std::stod(text.substr(at + 17, 20));
    EXPECT_NEAR(xfov, fieldOfView(settings().filmback, 32.0f).horizontalDeg, 1e-4);
}

// Assimp animates nodes only, so neither format can carry a zoom: the files hold the first
// frame's field of view, a warning says so, and the CSV and JSON keep every frame's focal length.
TEST(PrevisExport, ZoomIsNotCarriedByGltfOrColladaAndSaysSo) {
    const fs::path folder = sr::test::freshTestFolder("unit");
    const auto samples = sampledMove(85.0f);
    ASSERT_NE(samples.front().focalLengthMm, samples.back().focalLengthMm);
    sr::test::LogCapture log;
    ASSERT_TRUE(exportMove(folder / "zoom.dae", MoveExportFormat::Collada, samples, settings()).ok());
    EXPECT_EQ(log.count({"zoom.dae", "zooms"}), 1u);
    Assimp::Importer importer;
    const aiScene* scene = reimport(importer, folder / "zoom.dae");
    ASSERT_NE(scene, nullptr);
    EXPECT_NEAR(scene->mCameras[0]->mHorizontalFOV,
                glm::radians(fieldOfView(settings().filmback, samples.front().focalLengthMm).horizontalDeg),
                1e-5f);
}

namespace {

// A stand-in for Blender's Python module that records what a script does to cameras and scenes,
// and prints it as JSON when the script ends.
constexpr const char* kFakeBpy = R"PY(
import atexit, json, types
keys = []
class _Dof:
    def __init__(self): self.focus_distance = 10.0; self.use_dof = False
    def keyframe_insert(self, data_path, frame): keys.append([frame, 'focus', self.focus_distance])
class _Camera:
    def __init__(self, name): self.name = name; self.lens = 50.0; self.dof = _Dof(); self.sensor_fit = 'AUTO'; self.sensor_width = 36.0; self.sensor_height = 24.0; self.clip_start = 0.1; self.clip_end = 100.0
    def keyframe_insert(self, data_path, frame): keys.append([frame, data_path, getattr(self, data_path)])
class _Object:
    def __init__(self, name, data): self.name = name; self.data = data; self.location = (0, 0, 0); self.rotation_euler = (0, 0, 0); self.rotation_mode = 'QUATERNION'
    def keyframe_insert(self, data_path, frame): keys.append([frame, data_path, list(getattr(self, data_path))])
class _Collection:
    def __init__(self): self.objects = types.SimpleNamespace(link=lambda o: linked.append(o.name))
linked = []
cameras = []
def _new_camera(name):
    cameras.append(_Camera(name)); return cameras[-1]
scene = types.SimpleNamespace(render=types.SimpleNamespace(fps=0, fps_base=1.0), collection=_Collection(), frame_start=0, frame_end=0, camera=None, frame_set=lambda f: None)
context = types.SimpleNamespace(scene=scene)
data = types.SimpleNamespace(cameras=types.SimpleNamespace(new=_new_camera), objects=types.SimpleNamespace(new=lambda name, d: _Object(name, d)))
def _dump():
    c = cameras[0]
    print(json.dumps({'keys': keys, 'linked': linked, 'camera': scene.camera.name, 'rotation_mode': scene.camera.rotation_mode,
                      'fps': scene.render.fps / scene.render.fps_base, 'start': scene.frame_start, 'end': scene.frame_end,
                      'sensor': [c.sensor_fit, c.sensor_width, c.sensor_height], 'clip': [c.clip_start, c.clip_end],
                      'resolution': [scene.render.resolution_x, scene.render.resolution_y]}))
atexit.register(_dump)
)PY";

// Blender's XYZ Euler rotation (radians), as a quaternion: Rz * Ry * Rx.
glm::dquat fromEulerXyz(double x, double y, double z) {
    return glm::angleAxis(z, glm::dvec3(0, 0, 1)) * glm::angleAxis(y, glm::dvec3(0, 1, 0)) *
           glm::angleAxis(x, glm::dvec3(1, 0, 0));
}

} // namespace

TEST(PrevisExport, BlenderScriptKeysTheRealLensAndSensorOnEveryFrame) {
    EXPECT_EQ(exportFormatForPath("take 3.PY"), MoveExportFormat::Blender);
    const std::vector<MoveSample> samples = sampledMove(50.0f); // a zoom from 32 to 50 mm
    const fs::path folder = sr::test::freshTestFolder("previs-export");
    const fs::path script = folder / "move.py";
    ASSERT_TRUE(exportMove(script, MoveExportFormat::Blender, samples, settings()).ok());
    if (std::system("python3 -c 'pass' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 is not installed";
    std::ofstream(folder / "bpy.py") << kFakeBpy;
    const std::string command =
        "cd '" + folder.string() + "' && python3 -c 'import runpy; runpy.run_path(\"move.py\")' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[65536];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    ASSERT_EQ(pclose(pipe), 0) << output;
    const nlohmann::json run = nlohmann::json::parse(output);

    const MoveExportSettings s = settings();
    EXPECT_EQ(run["camera"], "shotcam");
    EXPECT_EQ(run["linked"], nlohmann::json::array({"shotcam"}));
    EXPECT_EQ(run["rotation_mode"], "XYZ");
    EXPECT_EQ(run["sensor"][0], "HORIZONTAL");
    EXPECT_NEAR(run["sensor"][1].get<double>(), s.filmback.widthMm, 1e-4);
    EXPECT_NEAR(run["sensor"][2].get<double>(), s.filmback.heightMm, 1e-4);
    EXPECT_NEAR(run["fps"].get<double>(), kFps, 1e-9);
    EXPECT_EQ(run["resolution"][0], 1920);
    EXPECT_NEAR(run["resolution"][1].get<double>(), 1920.0 / s.filmback.aspect(), 0.5);
    EXPECT_EQ(run["start"], 1);
    EXPECT_EQ(run["end"], int(samples.size()));
    // Per frame: location, rotation, lens and focus, in that order.
    const nlohmann::json& keys = run["keys"];
    ASSERT_EQ(keys.size(), samples.size() * 4);
    std::vector<double> previousEuler;
    for (size_t i = 0; i < samples.size(); ++i) {
        const MoveSample& sample = samples[i];
        const nlohmann::json& location = keys[4 * i];
        const nlohmann::json& rotation = keys[4 * i + 1];
        ASSERT_EQ(location[0], int(i) + 1);
        ASSERT_EQ(location[1], "location");
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(location[2][k].get<double>(), sample.position[k], 1e-5) << i;
        ASSERT_EQ(rotation[1], "rotation_euler");
        const std::vector<double> euler = rotation[2].get<std::vector<double>>();
        const glm::dquat q = fromEulerXyz(euler[0], euler[1], euler[2]);
        EXPECT_GT(std::abs(glm::dot(q, glm::normalize(glm::dquat(sample.orientation)))), 1.0 - 1e-8) << i;
        // Unwrapped: no key turns the long way round from the one before.
        if (!previousEuler.empty()) {
            for (int k = 0; k < 3; ++k)
                EXPECT_LT(std::abs(euler[k] - previousEuler[k]), glm::pi<double>()) << i;
        }
        previousEuler = euler;
        EXPECT_EQ(keys[4 * i + 2][1], "lens");
        EXPECT_NEAR(keys[4 * i + 2][2].get<double>(), sample.focalLengthMm, 1e-4) << i;
        EXPECT_EQ(keys[4 * i + 3][1], "focus");
        EXPECT_NEAR(keys[4 * i + 3][2].get<double>(), sample.focusDistanceM, 1e-5) << i;
    }
    EXPECT_NEAR(keys[keys.size() - 2][2].get<double>(), 50.0, 1e-4); // the zoom's end
}

namespace {

// Run inside Blender: the exported script, then the glTF and the Collada file each in an empty
// scene; for each, the scene camera at the first and last frames, as JSON on a RESULT line.
constexpr const char* kBlenderCheck = R"PY(
import bpy, json, math
out = {}
def camera():
    return bpy.context.scene.camera or next(o for o in bpy.context.scene.objects if o.type == 'CAMERA')
def at(frame):
    scene = bpy.context.scene
    scene.frame_set(frame)
    cam = camera()
    m = cam.matrix_world
    q = m.to_quaternion()
    return {'lens': cam.data.lens, 'sensor': [cam.data.sensor_fit, cam.data.sensor_width, cam.data.sensor_height],
            'angle_x': math.degrees(cam.data.angle_x), 'angle_y': math.degrees(cam.data.angle_y), 'location': list(m.translation), 'quat': [q.w, q.x, q.y, q.z],
            'focus': cam.data.dof.focus_distance}
def frames():
    scene = bpy.context.scene
    action = camera().animation_data.action
    first, last = action.frame_range
    return int(round(first)), int(round(last))
def record(name):
    first, last = frames()
    scene = bpy.context.scene
    out[name] = {'first_frame': first, 'last_frame': last, 'fps': scene.render.fps / scene.render.fps_base,
                 'first': at(first), 'last': at(last)}
bpy.ops.wm.read_factory_settings(use_empty=True)
exec(compile(open('move.py').read(), 'move.py', 'exec'), {'__name__': '__main__'})
record('script')
bpy.ops.wm.read_factory_settings(use_empty=True)
bpy.context.scene.render.fps = 24
bpy.ops.import_scene.gltf(filepath='move.gltf')
record('gltf')
bpy.ops.wm.read_factory_settings(use_empty=True)
bpy.context.scene.render.fps = 24
bpy.ops.wm.collada_import(filepath='move.dae')
record('collada')
print('RESULT ' + json.dumps(out))
)PY";

std::string runCommand(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return {};
    std::string output;
    char buffer[65536];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    pclose(pipe);
    return output;
}

} // namespace

// The exports in Blender itself, where it is installed (the Debian package blender; not among the
// build's dependencies, so skipped elsewhere).
TEST(PrevisExport, BlenderOpensTheScriptGltfAndColladaWithTheMovesPicture) {
    if (std::system("command -v blender >/dev/null 2>&1") != 0) GTEST_SKIP() << "blender is not installed";
    const std::vector<MoveSample> samples = sampledMove(50.0f); // a zoom from 32 to 50 mm
    const fs::path folder = sr::test::freshTestFolder("previs-export");
    for (auto [name, format] :
         {std::pair{"move.py", MoveExportFormat::Blender}, std::pair{"move.gltf", MoveExportFormat::Gltf},
          std::pair{"move.dae", MoveExportFormat::Collada}})
        ASSERT_TRUE(exportMove(folder / name, format, samples, settings()).ok()) << name;
    std::ofstream(folder / "check.py") << kBlenderCheck;
    const std::string output = runCommand("cd '" + folder.string() +
                                          "' && blender -b --factory-startup --python-exit-code 1 "
                                          "--python check.py 2>&1");
    const size_t result = output.find("RESULT ");
    ASSERT_NE(result, std::string::npos) << output;
    const nlohmann::json run =
        nlohmann::json::parse(output.substr(result + 7, output.find('\n', result) - result - 7));
    const MoveExportSettings s = settings();
    for (const char* format : {"script", "gltf", "collada"}) {
        SCOPED_TRACE(format);
        const nlohmann::json& r = run[format];
        EXPECT_EQ(r["last_frame"].get<int>() - r["first_frame"].get<int>(), int(samples.size()) - 1);
        for (const auto& [which, sample] :
             {std::pair{"first", samples.front()}, std::pair{"last", samples.back()}}) {
            SCOPED_TRACE(which);
            const nlohmann::json& cam = r[which];
            for (int k = 0; k < 3; ++k)
                EXPECT_NEAR(cam["location"][k].get<double>(), sample.position[k], 1e-4);
            const glm::dquat q(cam["quat"][0].get<double>(), cam["quat"][1].get<double>(),
                               cam["quat"][2].get<double>(), cam["quat"][3].get<double>());
            EXPECT_GT(std::abs(glm::dot(glm::normalize(q), glm::normalize(glm::dquat(sample.orientation)))),
                      1.0 - 1e-6);
        }
    }
    // The picture. The script keys the real lens on the real sensor, so every frame of the zoom
    // has the real horizontal angle. Collada carries the first frame's horizontal angle, which
    // Blender keeps on its 36 mm sensor whatever the output size. Blender's glTF importer keeps
    // the vertical angle (sensor fit vertical, ignoring glTF's aspect ratio): the picture matches
    // once the scene's output has the move's aspect.
    for (const auto& [which, sample] :
         {std::pair{"first", samples.front()}, std::pair{"last", samples.back()}})
        EXPECT_NEAR(run["script"][which]["angle_x"].get<double>(),
                    fieldOfView(s.filmback, sample.focalLengthMm).horizontalDeg, 0.01)
            << which;
    const FieldOfView first = fieldOfView(s.filmback, samples.front().focalLengthMm);
    EXPECT_NEAR(run["collada"]["first"]["angle_x"].get<double>(), first.horizontalDeg, 0.01);
    EXPECT_EQ(run["gltf"]["first"]["sensor"][0], "VERTICAL");
    EXPECT_NEAR(run["gltf"]["first"]["angle_y"].get<double>(), first.verticalDeg, 0.01);
    // Only the script carries the real sensor, and so the real focal length.
    EXPECT_NEAR(run["script"]["first"]["lens"].get<double>(), 32.0, 1e-4);
    EXPECT_NEAR(run["script"]["last"]["lens"].get<double>(), 50.0, 1e-4);
    EXPECT_NEAR(run["script"]["first"]["sensor"][1].get<double>(), s.filmback.widthMm, 1e-4);
    EXPECT_NEAR(run["script"]["fps"].get<double>(), kFps, 1e-9);
}
