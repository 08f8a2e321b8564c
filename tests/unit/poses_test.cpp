// Unit tests of camera-pose import (asset/camera_poses.h): one tiny hand-written input per format
// with hand-checked centres, axes and intrinsics, and the bad inputs each reader must skip or
// refuse without crashing.
//
// Most tests use one hand-checked camera: centre (1, 2, 3), looking along world +X with the
// image's up along world +Z. Its camera-to-world axes are right (0, -1, 0), down (0, 0, -1),
// forward (1, 0, 0); world-to-camera R has rows (0 -1 0), (0 0 -1), (1 0 0); t = -R C = (2, 3, -1);
// as a quaternion (w, x, y, z) R is (0.5, 0.5, -0.5, 0.5).
#include <gtest/gtest.h>

#include "vec_near.h"

#include "log_capture.h"
#include "test_folder.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "asset/camera_poses.h"
#include "core/files.h"
#include "core/image.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {
using sr::test::LogCapture;

const glm::dvec3 kCenter(1, 2, 3);
const glm::dvec3 kRight(0, -1, 0), kDown(0, 0, -1), kForward(1, 0, 0);

fs::path testFolder() { return sr::test::freshTestFolder("poses"); }

void writeText(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    ASSERT_TRUE(sr::core::writeFileAtomic(file, text).ok()) << file;
}

using sr::test::writeBytes; // plainly: the truncation test writes hundreds of files

void writeImage(const fs::path& file, uint32_t width, uint32_t height) {
    fs::create_directories(file.parent_path());
    ASSERT_TRUE(sr::core::writePng(file, sr::core::Image8(width, height)).ok()) << file;
}

// The hand-checked camera above.
void expectReferencePose(const CameraPose& pose, double tolerance = 1e-9) {
    EXPECT_VEC_NEAR(pose.center, kCenter, tolerance);
    EXPECT_VEC_NEAR(pose.right(), kRight, tolerance);
    EXPECT_VEC_NEAR(pose.down(), kDown, tolerance);
    EXPECT_VEC_NEAR(pose.forward(), kForward, tolerance);
    EXPECT_VEC_NEAR(pose.up(), glm::dvec3(0, 0, 1), tolerance);
}

void expectIntrinsics(const CameraIntrinsics& in, uint32_t w, uint32_t h, double fx, double fy, double cx,
                      double cy) {
    EXPECT_EQ(in.width, w);
    EXPECT_EQ(in.height, h);
    EXPECT_NEAR(in.fx, fx, 1e-9);
    EXPECT_NEAR(in.fy, fy, 1e-9);
    EXPECT_NEAR(in.cx, cx, 1e-9);
    EXPECT_NEAR(in.cy, cy, 1e-9);
}

// How many skip messages hold every one of `parts`.
size_t countSkipped(const PoseSet& set, std::initializer_list<std::string_view> parts) {
    size_t n = 0;
    for (const std::string& message : set.skipped) {
        bool all = true;
        for (std::string_view part : parts) all = all && message.find(part) != std::string::npos;
        n += all;
    }
    return n;
}

std::string allSkipped(const PoseSet& set) {
    std::string text;
    for (const std::string& message : set.skipped) text += message + "\n";
    return text;
}

// ---- COLMAP binary writers ----

template <class T> void put(std::vector<uint8_t>& out, T value) {
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
}

std::vector<uint8_t> camerasBin(uint32_t id, int32_t model, uint64_t w, uint64_t h,
                                std::vector<double> params, uint64_t declared = 1) {
    std::vector<uint8_t> out;
    put(out, declared);
    put(out, id);
    put(out, model);
    put(out, w);
    put(out, h);
    for (double p : params) put(out, p);
    return out;
}

void putImage(std::vector<uint8_t>& out, uint32_t id, std::vector<double> qt, uint32_t camera,
              const std::string& name, uint64_t points) {
    put(out, id);
    for (double v : qt) put(out, v);
    put(out, camera);
    out.insert(out.end(), name.begin(), name.end());
    out.push_back(0);
    put(out, points);
    for (uint64_t i = 0; i < points; ++i) {
        put(out, 1.5);
        put(out, 2.5);
        put(out, uint64_t(7));
    }
}

const std::vector<double> kReferenceQt = {0.5, 0.5, -0.5, 0.5, 2, 3, -1};

std::vector<uint8_t> imagesBin() {
    std::vector<uint8_t> out;
    put(out, uint64_t(2));
    putImage(out, 1, kReferenceQt, 1, "a.jpg", 3);
    putImage(out, 2, {1, 0, 0, 0, 0, 0, 0}, 1, "b.jpg", 0);
    return out;
}

} // namespace

// ---- names and detection ----

TEST(PoseFormats, NamesRoundTrip) {
    for (PoseFormat format :
         {PoseFormat::ColmapText, PoseFormat::ColmapBinary, PoseFormat::AliceVisionSfm,
          PoseFormat::MetashapeXml, PoseFormat::RealityCaptureXmp, PoseFormat::RealityCaptureCsv,
          PoseFormat::NerfTransforms, PoseFormat::OpenMvsText, PoseFormat::ProjectionMatrices}) {
        auto parsed = parsePoseFormat(poseFormatName(format));
        ASSERT_TRUE(parsed.ok()) << poseFormatName(format);
        EXPECT_EQ(*parsed, format);
    }
    EXPECT_EQ(*parsePoseFormat("COLMAP-Text"), PoseFormat::ColmapText);
    auto unknown = parsePoseFormat("bundler");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("colmap-text"), std::string::npos);
}

TEST(PoseFormats, DetectsFormatsFromNamesAndContent) {
    const fs::path dir = testFolder();
    writeText(dir / "colmap/sparse/0/cameras.txt", "");
    writeText(dir / "colmap/sparse/0/images.txt", "");
    writeText(dir / "bin/cameras.bin", "");
    writeText(dir / "bin/images.bin", "");
    writeText(dir / "nerf/transforms.json", "{\"frames\": []}");
    writeText(dir / "sfm/cameras.sfm", "{\"views\": []}");
    writeText(dir / "cams.json", "{\"version\": [\"1\",\"2\",\"3\"], \"views\": []}");
    writeText(dir / "frames.json", "{\"fl_x\": 1, \"frames\": []}");
    writeText(dir / "doc.xml", "<?xml version=\"1.0\"?><document><chunk/></document>");
    writeText(dir / "rc.csv", "#name,x\n");
    writeText(dir / "one.xmp", "<x/>");
    writeText(dir / "list.txt", "# comment\nCAMERA platform=0 camera=0\n");
    writeText(dir / "buddha/00001_P.txt", "");
    writeText(dir / "scene.mvs", "MVSI");
    writeText(dir / "notes.txt", "hello\n");

    auto expect = [&](const fs::path& path, PoseFormat format, const fs::path& target) {
        auto detected = detectPoseFormat(path);
        ASSERT_TRUE(detected.ok()) << path << ": " << detected.error().describe();
        EXPECT_EQ(detected->format, format) << path;
        EXPECT_EQ(detected->path, target) << path;
    };
    expect(dir / "colmap", PoseFormat::ColmapText, dir / "colmap/sparse/0");
    expect(dir / "colmap/sparse/0/images.txt", PoseFormat::ColmapText, dir / "colmap/sparse/0");
    expect(dir / "bin", PoseFormat::ColmapBinary, dir / "bin");
    expect(dir / "bin/cameras.bin", PoseFormat::ColmapBinary, dir / "bin");
    expect(dir / "nerf", PoseFormat::NerfTransforms, dir / "nerf/transforms.json");
    expect(dir / "sfm", PoseFormat::AliceVisionSfm, dir / "sfm/cameras.sfm");
    expect(dir / "cams.json", PoseFormat::AliceVisionSfm, dir / "cams.json");
    expect(dir / "frames.json", PoseFormat::NerfTransforms, dir / "frames.json");
    expect(dir / "doc.xml", PoseFormat::MetashapeXml, dir / "doc.xml");
    expect(dir / "rc.csv", PoseFormat::RealityCaptureCsv, dir / "rc.csv");
    expect(dir / "one.xmp", PoseFormat::RealityCaptureXmp, dir / "one.xmp");
    expect(dir / "list.txt", PoseFormat::OpenMvsText, dir / "list.txt");
    expect(dir / "buddha", PoseFormat::ProjectionMatrices, dir / "buddha");

    for (const fs::path& bad :
         {dir / "scene.mvs", dir / "notes.txt", dir / "absent", dir / "nerf/../empty"}) {
        auto detected = detectPoseFormat(bad);
        ASSERT_FALSE(detected.ok()) << bad;
        EXPECT_EQ(detected.error().path, bad.string());
    }
}

// ---- COLMAP ----

TEST(PoseColmap, TextReadsPosesAndEveryCameraModel) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.txt", "# Camera list with one line of data per camera:\n"
                                   "#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n"
                                   "1 PINHOLE 640 480 500 510 320 240\n"
                                   "2 SIMPLE_PINHOLE 100 50 60 50 25\n"
                                   "3 SIMPLE_RADIAL 100 50 60 50 25 0.1\n"
                                   "4 RADIAL 100 50 60 50 25 0.1 -0.02\n"
                                   "5 OPENCV 100 50 60 61 50 25 0.1 -0.02 0.001 0.002\n"
                                   "6 OPENCV_FISHEYE 100 50 60 61 50 25 0.1 0.2 0.3 0.4\n");
    writeText(dir / "images.txt", "# Image list with two lines of data per image:\n"
                                  "1 0.5 0.5 -0.5 0.5 2 3 -1 1 a.jpg\n"
                                  "10 20.5 30.5 7 40 50 -1\n"
                                  "2 1 0 0 0 0 0 0 2 sub dir/b c.jpg\n"
                                  "\n"
                                  "3 1 0 0 0 0 0 0 3 c.jpg\n\n"
                                  "4 1 0 0 0 0 0 0 4 d.jpg\n\n"
                                  "5 1 0 0 0 0 0 0 5 e.jpg\n\n"
                                  "6 1 0 0 0 0 0 0 6 f.jpg\n\n");
    LogCapture log;
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::ColmapText);
    ASSERT_EQ(set->poses.size(), 6u) << allSkipped(*set);
    EXPECT_TRUE(set->skipped.empty());

    const CameraPose& a = set->poses[0];
    EXPECT_EQ(a.image, "a.jpg");
    EXPECT_EQ(a.entry, "image 1 'a.jpg'");
    expectReferencePose(a);
    expectIntrinsics(a.intrinsics, 640, 480, 500, 510, 320, 240);
    EXPECT_EQ(a.intrinsics.distortion.model, DistortionModel::None);

    const CameraPose& b = set->poses[1];
    EXPECT_EQ(b.image, "sub dir/b c.jpg"); // names may hold spaces
    EXPECT_VEC_NEAR(b.center, glm::dvec3(0), 1e-12);
    EXPECT_VEC_NEAR(b.forward(), glm::dvec3(0, 0, 1), 1e-12);
    expectIntrinsics(b.intrinsics, 100, 50, 60, 60, 50, 25);

    const Distortion& simpleRadial = set->poses[2].intrinsics.distortion;
    EXPECT_EQ(simpleRadial.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(simpleRadial.k1, 0.1);
    const Distortion& radial = set->poses[3].intrinsics.distortion;
    EXPECT_EQ(radial.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(radial.k1, 0.1);
    EXPECT_DOUBLE_EQ(radial.k2, -0.02);
    const CameraPose& opencv = set->poses[4];
    expectIntrinsics(opencv.intrinsics, 100, 50, 60, 61, 50, 25);
    EXPECT_EQ(opencv.intrinsics.distortion.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(opencv.intrinsics.distortion.k2, -0.02);
    EXPECT_DOUBLE_EQ(opencv.intrinsics.distortion.p1, 0.001);
    EXPECT_DOUBLE_EQ(opencv.intrinsics.distortion.p2, 0.002);
    const Distortion& fisheye = set->poses[5].intrinsics.distortion;
    EXPECT_EQ(fisheye.model, DistortionModel::Fisheye);
    EXPECT_DOUBLE_EQ(fisheye.k4, 0.4);
}

TEST(PoseColmap, TextWithoutPointLinesReadsEveryImage) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.txt", "1 PINHOLE 640 480 500 500 320 240\r\n");
    writeText(dir / "images.txt", "1 0.5 0.5 -0.5 0.5 2 3 -1 1 a.jpg\r\n2 1 0 0 0 0 0 0 1 b.jpg\r\n");
    auto set = loadCameraPoses(dir, PoseFormat::ColmapText);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 2u);
    expectReferencePose(set->poses[0]);
    EXPECT_EQ(set->poses[1].image, "b.jpg");
}

TEST(PoseColmap, TextSkipsBadEntriesNamingThem) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.txt", "1 PINHOLE 640 480 500 500 320 240\n"
                                   "2 FULL_OPENCV 640 480 500 500 320 240 0 0 0 0 0 0 0 0\n"
                                   "3 PINHOLE 640 480 -1.#IND 500 320 240\n"
                                   "4 PINHOLE 640 480 500 500 320\n"
                                   "5 PINHOLE 0 480 500 500 320 240\n");
    writeText(dir / "images.txt", "1 0.5 0.5 -0.5 0.5 2 3 -1 1 good.jpg\n\n"
                                  "2 -1.#IND 0 0 0 0 0 0 1 ind.jpg\n\n"
                                  "3 nan 0 0 0 0 0 0 1 nan.jpg\n\n"
                                  "4 1 1 0 0 0 0 0 1 skew.jpg\n\n"
                                  "5 0 0 0 0 0 0 0 1 zero.jpg\n\n"
                                  "6 1 0 0 0 0 0 0 99 nocam.jpg\n\n"
                                  "7 1 0 0 0 0 0 0 2 full.jpg\n\n"
                                  "8 1 0 0 0 0 0 0 3 badcam.jpg\n\n"
                                  "9 1 0 0 0 0 0 0 4 short.jpg\n\n"
                                  "10 1 0 0 0 0 0 0 5 nowidth.jpg\n\n"
                                  "11 1 0 0 0 1e999 0 0 1 huge.jpg\n\n"
                                  "12 1 0 0 0 0 0 0 1\n\n"
                                  "13 1 0 0 0 0 0 0 1 inf.jpg\n\n");
    LogCapture log;
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    EXPECT_EQ(set->poses[0].image, "good.jpg");
    EXPECT_EQ(set->poses[1].image, "inf.jpg");
    EXPECT_EQ(set->skipped.size(), 11u) << allSkipped(*set);
    const std::string file = (dir / "images.txt").string();
    EXPECT_EQ(countSkipped(*set, {file, "image 2 'ind.jpg'", "-1.#IND", "not a finite number"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 3 'nan.jpg'", "not a finite number"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 4 'skew.jpg'", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 5 'zero.jpg'", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 6 'nocam.jpg'", "camera 99 is not in the cameras file"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 7 'full.jpg'", "FULL_OPENCV is not supported"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 8 'badcam.jpg'", "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 9 'short.jpg'", "needs 4 parameters"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 10 'nowidth.jpg'", "image size"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 11 'huge.jpg'", "1e999"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "line 23", "expected IMAGE_ID"}), 1u);
    // Every skip is also a warning.
    EXPECT_EQ(log.count({"camera poses:", "ind.jpg"}), 1u);
}

TEST(PoseColmap, TextFailsWithoutCamerasFileOrUsablePose) {
    const fs::path dir = testFolder();
    writeText(dir / "only/images.txt", "1 1 0 0 0 0 0 0 1 a.jpg\n\n");
    auto missing = loadCameraPoses(dir / "only", PoseFormat::ColmapText);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().path.find("cameras.txt"), std::string::npos);

    writeText(dir / "bad/cameras.txt", "1 PINHOLE 640 480 500 500 320 240\n");
    writeText(dir / "bad/images.txt", "1 2 0 0 0 0 0 0 1 a.jpg\n\n");
    LogCapture log;
    auto none = loadCameraPoses(dir / "bad");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("no usable camera poses"), std::string::npos);
    EXPECT_NE(none.error().message.find("image 1 'a.jpg'"), std::string::npos);

    writeText(dir / "garbled/cameras.txt", "PINHOLE 1 2\n");
    writeText(dir / "garbled/images.txt", "");
    auto garbled = loadCameraPoses(dir / "garbled");
    ASSERT_FALSE(garbled.ok());
    EXPECT_NE(garbled.error().message.find("line 1"), std::string::npos);
}

TEST(PoseColmap, BinaryReadsTheSamePosesAsText) {
    const fs::path dir = testFolder();
    writeBytes(dir / "cameras.bin", camerasBin(1, 4, 100, 50, {60, 61, 50, 25, 0.1, -0.02, 0.001, 0.002}));
    writeBytes(dir / "images.bin", imagesBin());
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::ColmapBinary);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    expectReferencePose(set->poses[0]);
    EXPECT_EQ(set->poses[0].image, "a.jpg");
    EXPECT_EQ(set->poses[1].image, "b.jpg");
    expectIntrinsics(set->poses[0].intrinsics, 100, 50, 60, 61, 50, 25);
    EXPECT_DOUBLE_EQ(set->poses[0].intrinsics.distortion.p2, 0.002);
}

TEST(PoseColmap, BinaryRejectsEveryTruncation) {
    const fs::path dir = testFolder();
    const std::vector<uint8_t> cameras = camerasBin(1, 1, 640, 480, {500, 500, 320, 240});
    const std::vector<uint8_t> images = imagesBin();
    LogCapture log;
    writeBytes(dir / "images.bin", images);
    for (size_t length = 0; length < cameras.size(); ++length) {
        writeBytes(dir / "cameras.bin", std::vector<uint8_t>(cameras.begin(), cameras.begin() + length));
        auto set = loadCameraPoses(dir, PoseFormat::ColmapBinary);
        ASSERT_FALSE(set.ok()) << "cameras.bin cut to " << length;
        EXPECT_NE(set.error().path.find("cameras.bin"), std::string::npos);
    }
    writeBytes(dir / "cameras.bin", cameras);
    for (size_t length = 0; length < images.size(); ++length) {
        writeBytes(dir / "images.bin", std::vector<uint8_t>(images.begin(), images.begin() + length));
        auto set = loadCameraPoses(dir, PoseFormat::ColmapBinary);
        ASSERT_FALSE(set.ok()) << "images.bin cut to " << length;
        EXPECT_NE(set.error().path.find("images.bin"), std::string::npos);
    }
}

TEST(PoseColmap, BinaryRejectsAbsurdCountsAndUnknownModels) {
    const fs::path dir = testFolder();
    writeBytes(dir / "images.bin", imagesBin());
    writeBytes(dir / "cameras.bin", camerasBin(1, 1, 640, 480, {500, 500, 320, 240}, uint64_t(1) << 60));
    auto cameras = loadCameraPoses(dir, PoseFormat::ColmapBinary);
    ASSERT_FALSE(cameras.ok());
    EXPECT_NE(cameras.error().message.find("declares"), std::string::npos);

    writeBytes(dir / "cameras.bin", camerasBin(1, 42, 640, 480, {500, 500, 320, 240}));
    auto model = loadCameraPoses(dir, PoseFormat::ColmapBinary);
    ASSERT_FALSE(model.ok());
    EXPECT_NE(model.error().message.find("unknown model id 42"), std::string::npos);

    writeBytes(dir / "cameras.bin", camerasBin(1, 1, 640, 480, {500, 500, 320, 240}));
    std::vector<uint8_t> images;
    put(images, uint64_t(1));
    putImage(images, 1, kReferenceQt, 1, "a.jpg", 0);
    std::memcpy(images.data() + images.size() - 8, "\xff\xff\xff\xff\xff\xff\xff\x0f", 8); // points count
    writeBytes(dir / "images.bin", images);
    auto points = loadCameraPoses(dir, PoseFormat::ColmapBinary);
    ASSERT_FALSE(points.ok());
    EXPECT_NE(points.error().message.find("points"), std::string::npos);
}

TEST(PoseColmap, BinarySkipsNonFiniteValues) {
    const fs::path dir = testFolder();
    writeBytes(dir / "cameras.bin", camerasBin(1, 1, 640, 480, {500, 500, 320, 240}));
    std::vector<uint8_t> images;
    put(images, uint64_t(3));
    putImage(images, 1, kReferenceQt, 1, "good.jpg", 0);
    putImage(images, 2, {NAN, 0, 0, 0, 0, 0, 0}, 1, "nan.jpg", 0);
    putImage(images, 3, {1, 0, 0, 0, INFINITY, 0, 0}, 1, "inf.jpg", 0);
    writeBytes(dir / "images.bin", images);
    LogCapture log;
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u);
    EXPECT_EQ(countSkipped(*set, {"images.bin", "image 2 'nan.jpg'"}), 1u);
    EXPECT_EQ(countSkipped(*set, {"images.bin", "image 3 'inf.jpg'", "centre"}), 1u);
}

// ---- AliceVision / Meshroom ----

namespace {

// An SfMData file of `version` with one intrinsic (`intrinsic` holds its members after the id,
// size and sensor) and the reference pose (written as AliceVision does: R column by column).
std::string sfmFile(const std::string& version, const std::string& intrinsic,
                    const std::string& extraViews = "", const std::string& extraPoses = "") {
    return "{\"version\": [" + version +
           "],\n"
           " \"views\": [\n"
           "  {\"viewId\": \"11\", \"poseId\": \"21\", \"intrinsicId\": \"31\", \"path\": "
           "\"/shoot/IMG_1.JPG\",\n"
           "   \"width\": \"4000\", \"height\": \"3000\", \"metadata\": \"\"}" +
           extraViews +
           "],\n"
           " \"intrinsics\": [{\"intrinsicId\": \"31\", \"width\": \"4000\", \"height\": \"3000\",\n"
           "   \"sensorWidth\": \"36\", \"sensorHeight\": \"24\", " +
           intrinsic +
           "}],\n"
           " \"poses\": [{\"poseId\": \"21\", \"pose\": {\"transform\": {\n"
           "   \"rotation\": [\"0\", \"0\", \"1\", \"-1\", \"0\", \"0\", \"0\", \"-1\", \"0\"],\n"
           "   \"center\": [\"1\", \"2\", \"3\"]}, \"locked\": \"0\"}}" +
           extraPoses + "]}\n";
}

} // namespace

TEST(PoseSfm, ReadsFocalInMillimetresAndOffsetPrincipalPoint) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.sfm",
              sfmFile("\"1\", \"2\", \"14\"",
                      "\"type\": \"pinhole\", \"focalLength\": \"18\", \"pixelRatio\": \"1\",\n"
                      "\"principalPoint\": [\"10\", \"-20\"], \"distortionType\": \"radialk3\",\n"
                      "\"distortionParams\": [\"0.1\", \"0.01\", \"-0.001\"], \"locked\": \"false\""));
    auto set = loadCameraPoses(dir / "cameras.sfm");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::AliceVisionSfm);
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const CameraPose& pose = set->poses[0];
    EXPECT_EQ(pose.image, "/shoot/IMG_1.JPG");
    EXPECT_EQ(pose.entry, "view 11 '/shoot/IMG_1.JPG'");
    expectReferencePose(pose);
    // 18 mm on a 36 mm wide sensor over 4000 pixels; principal point offset from the centre.
    expectIntrinsics(pose.intrinsics, 4000, 3000, 2000, 2000, 2010, 1480);
    EXPECT_EQ(pose.intrinsics.distortion.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(pose.intrinsics.distortion.k3, -0.001);
}

TEST(PoseSfm, FollowsTheFileVersionForFocalAndPrincipalPoint) {
    const fs::path dir = testFolder();
    struct Case {
        std::string version, intrinsic;
        double fx, fy, cx, cy;
    };
    const Case cases[] = {
        {"\"1\", \"0\", \"0\"",
         "\"type\": \"radial3\", \"pxFocalLength\": \"2500\", \"principalPoint\": [\"1990\", \"1510\"], "
         "\"distortionParams\": [\"0\", \"0\", \"0\"]",
         2500, 2500, 1990, 1510},
        {"\"1\", \"2\", \"0\"",
         "\"type\": \"brown\", \"pxFocalLength\": [\"2500\", \"2600\"], \"principalPoint\": [\"1990\", "
         "\"1510\"], "
         "\"distortionParams\": [\"0\", \"0\", \"0\", \"0.001\", \"0.002\"]",
         2500, 2600, 1990, 1510},
        {"\"1\", \"2\", \"4\"",
         "\"type\": \"pinhole\", \"focalLength\": \"18\", \"pixelRatio\": \"2\", \"principalPoint\": [\"0\", "
         "\"0\"]",
         2000, 1000, 2000, 1500},
        {"\"1\", \"2\", \"5\"",
         "\"type\": \"pinhole\", \"focalLength\": \"18\", \"pixelRatio\": \"2\", \"principalPoint\": [\"0\", "
         "\"0\"], "
         "\"distortionParams\": \"\"",
         2000, 4000, 2000, 1500},
    };
    for (const Case& c : cases) {
        writeText(dir / "sfm.json", sfmFile(c.version, c.intrinsic));
        auto set = loadCameraPoses(dir / "sfm.json");
        ASSERT_TRUE(set.ok()) << c.version << ": " << set.error().describe();
        ASSERT_EQ(set->poses.size(), 1u) << c.version << ": " << allSkipped(*set);
        SCOPED_TRACE(c.version);
        expectIntrinsics(set->poses[0].intrinsics, 4000, 3000, c.fx, c.fy, c.cx, c.cy);
    }
    writeText(dir / "sfm.json", sfmFile(cases[1].version, cases[1].intrinsic));
    auto brownSet = loadCameraPoses(dir / "sfm.json");
    ASSERT_TRUE(brownSet.ok()) << brownSet.error().describe();
    const Distortion& brown = brownSet->poses[0].intrinsics.distortion;
    EXPECT_DOUBLE_EQ(brown.p1, 0.001);
    EXPECT_DOUBLE_EQ(brown.p2, 0.002);
}

TEST(PoseSfm, SkipsBadViewsNamingThem) {
    const fs::path dir = testFolder();
    const std::string views =
        ",\n{\"viewId\": \"12\", \"poseId\": \"99\", \"intrinsicId\": \"31\", \"path\": "
        "\"/shoot/unposed.JPG\"}"
        ",\n{\"viewId\": \"13\", \"poseId\": \"22\", \"intrinsicId\": \"31\", \"path\": \"/shoot/ind.JPG\"}"
        ",\n{\"viewId\": \"14\", \"poseId\": \"23\", \"intrinsicId\": \"31\", \"path\": \"/shoot/skew.JPG\"}"
        ",\n{\"viewId\": \"15\", \"poseId\": \"21\", \"intrinsicId\": \"77\", \"path\": "
        "\"/shoot/nolens.JPG\"}"
        ",\n{\"viewId\": \"16\", \"poseId\": \"24\", \"intrinsicId\": \"31\", \"path\": \"/shoot/types.JPG\"}"
        ",\n{\"viewId\": \"17\", \"poseId\": \"21\", \"intrinsicId\": \"31\", \"path\": \"/shoot/rig.JPG\", "
        "\"rigId\": \"3\", \"subPoseId\": \"0\"}"
        ",\n{\"viewId\": \"18\", \"poseId\": \"21\", \"intrinsicId\": \"31\"}"
        ",\n42";
    const std::string poses = ",\n{\"poseId\": \"22\", \"pose\": {\"transform\": {\"rotation\": "
                              "[\"1\",\"0\",\"0\",\"0\",\"1\",\"0\",\"0\","
                              "\"0\",\"1\"], \"center\": [\"-1.#IND\", \"0\", \"0\"]}}}"
                              ",\n{\"poseId\": \"23\", \"pose\": {\"transform\": {\"rotation\": "
                              "[\"1\",\"0.5\",\"0\",\"0\",\"1\",\"0\",\"0\","
                              "\"0\",\"1\"], \"center\": [\"0\", \"0\", \"0\"]}}}"
                              ",\n{\"poseId\": \"24\", \"pose\": {\"transform\": {\"rotation\": "
                              "\"identity\", \"center\": [0, 0, 0]}}}";
    writeText(dir / "cameras.sfm",
              sfmFile("\"1\", \"2\", \"14\"",
                      "\"type\": \"pinhole\", \"focalLength\": \"18\", \"principalPoint\": [\"0\", "
                      "\"0\"], \"distortionType\": \"none\"",
                      views, poses));
    LogCapture log;
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const std::string file = (dir / "cameras.sfm").string();
    EXPECT_EQ(countSkipped(*set, {file, "view 12 '/shoot/unposed.JPG'", "no pose"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 13", "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 14", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 15", "intrinsic '77'"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 16", "not a list"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 17", "rig"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "view 18", "names no image"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "not a JSON object"}), 1u);
    EXPECT_EQ(set->skipped.size(), 8u) << allSkipped(*set);
}

TEST(PoseSfm, SkipsUnsupportedAndBadIntrinsics) {
    const fs::path dir = testFolder();
    const std::string intrinsics[] = {
        "\"type\": \"pinhole\", \"focalLength\": \"nan\", \"principalPoint\": [\"0\", \"0\"]",
        "\"type\": \"pinhole\", \"focalLength\": \"18\", \"principalPoint\": [\"0\"]",
        "\"type\": \"equidistant_r3\", \"focalLength\": \"18\", \"principalPoint\": [\"0\", \"0\"]",
        "\"type\": \"pinhole\", \"focalLength\": \"18\", \"principalPoint\": [\"0\", \"0\"], "
        "\"distortionType\": \"radialk3\", \"distortionParams\": [\"0.1\"]",
        "\"type\": \"pinhole\", \"focalLength\": \"-18\", \"principalPoint\": [\"0\", \"0\"]",
    };
    const char* reasons[] = {"'nan' is not a finite number", "principalPoint", "not supported",
                             "needs 3 coefficients", "focal length"};
    LogCapture log;
    for (size_t i = 0; i < std::size(intrinsics); ++i) {
        writeText(dir / "cameras.sfm", sfmFile("\"1\", \"2\", \"14\"", intrinsics[i]));
        auto set = loadCameraPoses(dir / "cameras.sfm");
        ASSERT_FALSE(set.ok()) << intrinsics[i];
        EXPECT_NE(set.error().message.find("view 11"), std::string::npos) << set.error().message;
        EXPECT_NE(set.error().message.find(reasons[i]), std::string::npos) << set.error().message;
    }
}

TEST(PoseSfm, RefusesFilesThatAreNotSfmData) {
    const fs::path dir = testFolder();
    const std::pair<const char*, const char*> files[] = {
        {"{\"views\": [", "not valid JSON"},
        {"[1, 2]", "no \"views\""},
        {"{\"views\": {}}", "no \"views\""},
        {"{\"views\": [], \"poses\": 3}", "\"poses\" is not a list"},
    };
    for (const auto& [text, reason] : files) {
        writeText(dir / "cameras.sfm", text);
        auto set = loadCameraPoses(dir / "cameras.sfm", PoseFormat::AliceVisionSfm);
        ASSERT_FALSE(set.ok()) << text;
        EXPECT_EQ(set.error().path, (dir / "cameras.sfm").string());
        EXPECT_NE(set.error().message.find(reason), std::string::npos) << set.error().message;
    }
}

// ---- Metashape ----

namespace {

// A chunk scaled by 2, turned 90 degrees about +Z and moved by (10, 0, 0); camera 0 sits at
// (1, 0, 0) of the chunk looking along its +Z, camera 1 in component 0, moved by (0, 0, 5).
std::string metashapeFile(const std::string& extraCameras = "", const std::string& calibration = "") {
    const std::string cal = calibration.empty() ? "<f>3000</f><cx>10</cx><cy>-5</cy><b1>2</b1><k1>0.1</k1>"
                                                  "<k2>0.01</k2><p1>0.001</p1><p2>0.002</p2>"
                                                : calibration;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<document version=\"1.5.0\">\n"
           " <chunk label=\"Chunk 1\" enabled=\"true\">\n"
           "  <sensors next_id=\"1\">\n"
           "   <sensor id=\"0\" label=\"cam\" type=\"frame\">\n"
           "    <resolution width=\"4000\" height=\"3000\"/>\n"
           "    <calibration type=\"frame\" class=\"initial\"><resolution width=\"4000\" height=\"3000\"/>"
           "<f>1</f></calibration>\n"
           "    <calibration type=\"frame\" class=\"adjusted\">\n"
           "     <resolution width=\"4000\" height=\"3000\"/>" +
           cal +
           "\n"
           "    </calibration>\n"
           "   </sensor>\n"
           "  </sensors>\n"
           "  <components next_id=\"1\" active_id=\"0\">\n"
           "   <component id=\"0\" label=\"Component 1\"><transform><translation>0 0 "
           "5</translation></transform>"
           "</component>\n"
           "  </components>\n"
           "  <cameras next_id=\"2\" next_group_id=\"1\">\n"
           "   <camera id=\"0\" sensor_id=\"0\" label=\"IMG_0001\">\n"
           "    <transform>1 0 0 1 0 1 0 0 0 0 1 0 0 0 0 1</transform>\n"
           "   </camera>\n"
           "   <group id=\"0\" label=\"Folder\" type=\"folder\">\n"
           "    <camera id=\"1\" sensor_id=\"0\" component_id=\"0\" label=\"IMG_0002.JPG\">\n"
           "     <transform>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1</transform>\n"
           "    </camera>\n"
           "   </group>\n" +
           extraCameras +
           "  </cameras>\n"
           "  <transform>\n"
           "   <rotation locked=\"true\">0 -1 0 1 0 0 0 0 1</rotation>\n"
           "   <translation locked=\"true\">10 0 0</translation>\n"
           "   <scale locked=\"true\">2</scale>\n"
           "  </transform>\n"
           " </chunk>\n"
           "</document>\n";
}

} // namespace

TEST(PoseMetashape, AppliesChunkAndComponentTransforms) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.xml", metashapeFile());
    auto set = loadCameraPoses(dir / "cameras.xml");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::MetashapeXml);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    const CameraPose& a = set->poses[0];
    EXPECT_EQ(a.image, "IMG_0001");
    EXPECT_EQ(a.entry, "camera 0 'IMG_0001'");
    // 2 * Rz(90) * (1, 0, 0) + (10, 0, 0); the camera's axes turned by Rz(90).
    EXPECT_VEC_NEAR(a.center, glm::dvec3(10, 2, 0), 1e-12);
    EXPECT_VEC_NEAR(a.right(), glm::dvec3(0, 1, 0), 1e-12);
    EXPECT_VEC_NEAR(a.down(), glm::dvec3(-1, 0, 0), 1e-12);
    EXPECT_VEC_NEAR(a.forward(), glm::dvec3(0, 0, 1), 1e-12);
    // f + b1, f; offsets from the centre; Metashape's p1/p2 are OpenCV's p2/p1.
    expectIntrinsics(a.intrinsics, 4000, 3000, 3002, 3000, 2010, 1495);
    EXPECT_EQ(a.intrinsics.distortion.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(a.intrinsics.distortion.k1, 0.1);
    EXPECT_DOUBLE_EQ(a.intrinsics.distortion.p1, 0.002);
    EXPECT_DOUBLE_EQ(a.intrinsics.distortion.p2, 0.001);
    // Component: (0, 0, 0) + (0, 0, 5), then the chunk: 2 * (0, 0, 5) + (10, 0, 0).
    EXPECT_EQ(set->poses[1].image, "IMG_0002.JPG");
    EXPECT_VEC_NEAR(set->poses[1].center, glm::dvec3(10, 0, 10), 1e-12);
}

TEST(PoseMetashape, ReadsOldAbsoluteCalibrations) {
    const fs::path dir = testFolder();
    writeText(dir / "cameras.xml",
              metashapeFile(
                  "", "<fx>3002</fx><fy>3000</fy><cx>2010</cx><cy>1495</cy><p1>0.001</p1><p2>0.002</p2>"));
    auto set = loadCameraPoses(dir / "cameras.xml");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    expectIntrinsics(set->poses[0].intrinsics, 4000, 3000, 3002, 3000, 2010, 1495);
    EXPECT_DOUBLE_EQ(set->poses[0].intrinsics.distortion.p1, 0.001);
}

TEST(PoseMetashape, SkipsBadCamerasNamingThem) {
    const fs::path dir = testFolder();
    const std::string extra =
        "   <camera id=\"2\" sensor_id=\"0\" label=\"unaligned\"/>\n"
        "   <camera id=\"3\" sensor_id=\"9\" label=\"nosensor\"><transform>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1"
        "</transform></camera>\n"
        "   <camera id=\"4\" sensor_id=\"0\" label=\"ind\"><transform>1 0 0 -1.#IND 0 1 0 0 0 0 1 0 0 0 0 1"
        "</transform></camera>\n"
        "   <camera id=\"5\" sensor_id=\"0\" label=\"scaled\"><transform>2 0 0 0 0 2 0 0 0 0 2 0 0 0 0 1"
        "</transform></camera>\n"
        "   <camera id=\"6\" sensor_id=\"0\" label=\"short\"><transform>1 0 0 0</transform></camera>\n"
        "   <camera id=\"7\" sensor_id=\"0\" label=\"mirror\"><transform>-1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1"
        "</transform></camera>\n"
        "   <camera id=\"8\" sensor_id=\"0\" component_id=\"5\" label=\"nocomponent\"><transform>1 0 0 0 0 1 "
        "0 0 "
        "0 0 1 0 0 0 0 1</transform></camera>\n"
        "   <camera id=\"9\" sensor_id=\"0\"><transform>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 "
        "1</transform></camera>\n";
    writeText(dir / "cameras.xml", metashapeFile(extra));
    LogCapture log;
    auto set = loadCameraPoses(dir / "cameras.xml");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    const std::string file = (dir / "cameras.xml").string();
    EXPECT_EQ(countSkipped(*set, {file, "camera 2 'unaligned'", "not aligned"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 3 'nosensor'", "sensor '9'"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 4 'ind'", "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 5 'scaled'", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 6 'short'", "needs 16 numbers"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 7 'mirror'", "reflection"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 8 'nocomponent'", "component '5'"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "camera 9 ''", "names no image"}), 1u);
    EXPECT_EQ(set->skipped.size(), 8u) << allSkipped(*set);
}

TEST(PoseMetashape, RefusesMalformedFiles) {
    const fs::path dir = testFolder();
    const std::pair<std::string, const char*> files[] = {
        {"<document><chunk>", "not valid XML"},
        {"<?xml version=\"1.0\"?><notes/>", "no <document><chunk>"},
        {metashapeFile().replace(metashapeFile().find("<scale locked=\"true\">2"), 22,
                                 "<scale locked=\"true\">nan"),
         "chunk <transform>"},
    };
    for (const auto& [text, reason] : files) {
        writeText(dir / "cameras.xml", text);
        auto set = loadCameraPoses(dir / "cameras.xml", PoseFormat::MetashapeXml);
        ASSERT_FALSE(set.ok()) << text;
        EXPECT_EQ(set.error().path, (dir / "cameras.xml").string());
        EXPECT_NE(set.error().message.find(reason), std::string::npos) << set.error().message;
    }
}

// ---- RealityCapture ----

namespace {

std::string xmpFile(const std::string& rotation, const std::string& extraAttributes = "") {
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           "  <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "    <rdf:Description xcr:Version=\"3\" xcr:PosePrior=\"locked\" xcr:Coordinates=\"absolute\"\n"
           "       xcr:DistortionModel=\"brown3t2\" xcr:FocalLength35mm=\"36\" xcr:Skew=\"0\" "
           "xcr:AspectRatio=\"1\"\n"
           "       xcr:PrincipalPointU=\"0.01\" xcr:PrincipalPointV=\"-0.02\" "
           "xcr:CalibrationPrior=\"exact\"\n" +
           extraAttributes +
           "       xmlns:xcr=\"http://www.capturingreality.com/ns/xcr/1.1#\">\n"
           "      <xcr:Rotation>" +
           rotation +
           "</xcr:Rotation>\n"
           "      <xcr:Position>1 2 3</xcr:Position>\n"
           "      <xcr:DistortionCoeficients>0.1 0.2 0.3 0 0.004 0.005</xcr:DistortionCoeficients>\n"
           "    </rdf:Description>\n"
           "  </rdf:RDF>\n"
           "</x:xmpmeta>\n";
}

const std::string kXmpRotation = "0 -1 0 0 0 -1 1 0 0";

} // namespace

TEST(PoseRealityCapture, XmpReadsWorldToCameraRotationAndNormalisedIntrinsics) {
    const fs::path dir = testFolder();
    writeImage(dir / "IMG_1.png", 400, 300);
    writeText(dir / "IMG_1.xmp", xmpFile(kXmpRotation));
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::RealityCaptureXmp);
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const CameraPose& pose = set->poses[0];
    EXPECT_EQ(pose.image, "IMG_1.png");
    EXPECT_EQ(pose.imageFile, dir / "IMG_1.png");
    expectReferencePose(pose);
    // 36 mm over the longer side (400 px); principal point offsets in units of that side.
    expectIntrinsics(pose.intrinsics, 400, 300, 400, 400, 204, 142);
    EXPECT_DOUBLE_EQ(pose.intrinsics.distortion.k3, 0.3);
    EXPECT_DOUBLE_EQ(pose.intrinsics.distortion.p1, 0.005);
    EXPECT_DOUBLE_EQ(pose.intrinsics.distortion.p2, 0.004);

    auto single = loadCameraPoses(dir / "IMG_1.xmp");
    ASSERT_TRUE(single.ok()) << single.error().describe();
    EXPECT_EQ(single->poses.size(), 1u);
}

TEST(PoseRealityCapture, XmpSkipsBadFilesNamingThem) {
    const fs::path dir = testFolder();
    writeImage(dir / "good.png", 400, 300);
    writeText(dir / "good.xmp", xmpFile(kXmpRotation));
    writeText(dir / "noimage.xmp", xmpFile(kXmpRotation));
    for (const char* name : {"ind", "skew", "short", "unregistered", "broken"})
        writeImage(dir / (std::string(name) + ".png"), 8, 8);
    writeText(dir / "ind.xmp", xmpFile("0 -1 0 0 0 -1 1 0 -1.#IND"));
    writeText(dir / "skew.xmp", xmpFile("0 -1 0 0 0 -1 1 0 0.5"));
    writeText(dir / "short.xmp", xmpFile("0 -1 0"));
    writeText(dir / "unregistered.xmp",
              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"r\">"
              "<rdf:Description xcr:FocalLength35mm=\"30\" xmlns:xcr=\"x\"/></rdf:RDF>"
              "</x:xmpmeta>");
    writeText(dir / "broken.xmp", "<x:xmpmeta><rdf:Description");
    LogCapture log;
    auto set = loadCameraPoses(dir, PoseFormat::RealityCaptureXmp);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    EXPECT_EQ(countSkipped(*set, {(dir / "noimage.xmp").string(), "'noimage.xmp'", "no image beside it"}),
              1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "ind.xmp").string(), "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "skew.xmp").string(), "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "short.xmp").string(), "Rotation needs 9 numbers"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "unregistered.xmp").string(), "not registered"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "broken.xmp").string(), "not valid XML"}), 1u);
}

TEST(PoseRealityCapture, CsvTurnsHeadingPitchRollIntoAxes) {
    const fs::path dir = testFolder();
    writeImage(dir / "images/a.png", 400, 300);
    writeImage(dir / "images/b.png", 300, 400);
    writeText(dir / "cams.csv", "#name,x,y,alt,heading,pitch,roll,f,px,py,k1,k2,k3,k4,t1,t2\n"
                                "a.png,1,2,3,0,90,0,36,0.01,-0.02,0.1,0,0,0,0.004,0.005\n"
                                "b.png,4,5,6,90,90,0,18,0,0,0,0,0,0,0,0\n");
    auto set = loadCameraPoses(dir / "cams.csv");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::RealityCaptureCsv);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    // Heading 0, pitch 90: level, looking north (+Y); heading 90: looking east (+X).
    const CameraPose& a = set->poses[0];
    EXPECT_VEC_NEAR(a.center, kCenter, 1e-12);
    EXPECT_VEC_NEAR(a.forward(), glm::dvec3(0, 1, 0), 1e-12);
    EXPECT_VEC_NEAR(a.up(), glm::dvec3(0, 0, 1), 1e-12);
    EXPECT_VEC_NEAR(a.right(), glm::dvec3(1, 0, 0), 1e-12);
    expectIntrinsics(a.intrinsics, 400, 300, 400, 400, 204, 142);
    EXPECT_DOUBLE_EQ(a.intrinsics.distortion.p1, 0.005);
    const CameraPose& b = set->poses[1];
    EXPECT_VEC_NEAR(b.forward(), glm::dvec3(1, 0, 0), 1e-12);
    EXPECT_VEC_NEAR(b.right(), glm::dvec3(0, -1, 0), 1e-12);
    expectIntrinsics(b.intrinsics, 300, 400, 200, 200, 150, 200);
}

TEST(PoseRealityCapture, CsvSkipsBadRowsAndRefusesMissingColumns) {
    const fs::path dir = testFolder();
    writeImage(dir / "a.png", 400, 300);
    writeText(dir / "cams.csv", "#name,x,y,alt,heading,pitch,roll,f\n"
                                "a.png,1,2,3,0,90,0,36\n"
                                "a.png,1,-1.#IND,3,0,90,0,36\n"
                                "a.png,1,2,3,0,90\n"
                                "missing.png,1,2,3,0,90,0,36\n");
    LogCapture log;
    auto set = loadCameraPoses(dir / "cams.csv");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 1u);
    const std::string file = (dir / "cams.csv").string();
    EXPECT_EQ(countSkipped(*set, {file, "line 3 'a.png'", "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "line 4 'a.png'", "no \"roll\" value"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "line 5 'missing.png'", "image not found"}), 1u);

    writeText(dir / "cams.csv", "#name,x,y,alt,heading,pitch,f\na.png,1,2,3,0,90,36\n");
    auto refused = loadCameraPoses(dir / "cams.csv");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("\"roll\""), std::string::npos);
}

// ---- nerfstudio / instant-ngp ----

namespace {

// The reference camera as an OpenGL-style camera-to-world matrix: columns right, up, back, centre.
const std::string kNerfMatrix = "[[0, 0, -1, 1], [-1, 0, 0, 2], [0, 1, 0, 3], [0, 0, 0, 1]]";

} // namespace

TEST(PoseNerf, FlipsOpenGlCameraAxesAndReadsIntrinsics) {
    const fs::path dir = testFolder();
    writeText(dir / "transforms.json",
              "{\"w\": 400, \"h\": 300, \"fl_x\": 500, \"fl_y\": 510, \"cx\": 201, \"cy\": 151,\n"
              " \"k1\": 0.1, \"k2\": -0.01, \"p1\": 0.001, \"p2\": 0.002, \"camera_model\": \"OPENCV\",\n"
              " \"frames\": [\n"
              "  {\"file_path\": \"images/a.jpg\", \"transform_matrix\": " +
                  kNerfMatrix +
                  "},\n"
                  "  {\"file_path\": \"images/b.jpg\", \"fl_x\": 600, \"transform_matrix\": " +
                  kNerfMatrix + "}]}\n");
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::NerfTransforms);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    const CameraPose& a = set->poses[0];
    EXPECT_EQ(a.image, "images/a.jpg");
    EXPECT_EQ(a.entry, "frame 0 'images/a.jpg'");
    expectReferencePose(a);
    expectIntrinsics(a.intrinsics, 400, 300, 500, 510, 201, 151);
    EXPECT_EQ(a.intrinsics.distortion.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(a.intrinsics.distortion.p2, 0.002);
    // Per-frame values override the top level.
    EXPECT_DOUBLE_EQ(set->poses[1].intrinsics.fx, 600);
    EXPECT_DOUBLE_EQ(set->poses[1].intrinsics.fy, 510);
}

TEST(PoseNerf, FieldOfViewAndImageSizeStandInForMissingValues) {
    const fs::path dir = testFolder();
    writeImage(dir / "train/r_0.png", 400, 300);
    // Blender-style: no size, no focal length, only the horizontal field of view.
    const double angle = 2.0 * std::atan(200.0 / 500.0);
    writeText(dir / "transforms.json",
              "{\"camera_angle_x\": " + std::to_string(angle) +
                  ", \"frames\": [{\"file_path\": \"./train/r_0\", \"transform_matrix\": " + kNerfMatrix +
                  "}]}");
    auto set = loadCameraPoses(dir / "transforms.json");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const CameraIntrinsics& in = set->poses[0].intrinsics;
    EXPECT_EQ(in.width, 400u);
    EXPECT_EQ(in.height, 300u);
    EXPECT_NEAR(in.fx, 500.0, 1e-3);
    EXPECT_NEAR(in.fy, 500.0, 1e-3);
    EXPECT_DOUBLE_EQ(in.cx, 200.0);
    EXPECT_DOUBLE_EQ(in.cy, 150.0);
    EXPECT_EQ(set->poses[0].imageFile, dir / "train/r_0.png");
}

TEST(PoseNerf, SkipsBadFramesNamingThem) {
    const fs::path dir = testFolder();
    writeText(
        dir / "transforms.json",
        "{\"w\": 400, \"h\": 300, \"fl_x\": 500, \"frames\": [\n"
        " {\"file_path\": \"good.jpg\", \"transform_matrix\": " +
            kNerfMatrix +
            "},\n"
            " {\"file_path\": \"nomatrix.jpg\"},\n"
            " {\"file_path\": \"small.jpg\", \"transform_matrix\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},\n"
            " {\"file_path\": \"ind.jpg\", \"transform_matrix\": [[1, 0, 0, \"-1.#IND\"], [0, 1, 0, 0], [0, "
            "0, 1, "
            "0], [0, 0, 0, 1]]},\n"
            " {\"file_path\": \"scaled.jpg\", \"transform_matrix\": [[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, "
            "0], [0, "
            "0, 0, 1]]},\n"
            " {\"file_path\": \"projective.jpg\", \"transform_matrix\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, "
            "1, 0], "
            "[0, 0, 1, 1]]},\n"
            " {\"file_path\": \"badfocal.jpg\", \"fl_x\": \"nan\", \"transform_matrix\": " +
            kNerfMatrix +
            "},\n"
            " {\"file_path\": \"equirect.jpg\", \"camera_model\": \"EQUIRECTANGULAR\", "
            "\"transform_matrix\": " +
            kNerfMatrix +
            "},\n"
            " {\"transform_matrix\": " +
            kNerfMatrix +
            "},\n"
            " 7]}\n");
    LogCapture log;
    auto set = loadCameraPoses(dir / "transforms.json");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const std::string file = (dir / "transforms.json").string();
    EXPECT_EQ(countSkipped(*set, {file, "frame 1 'nomatrix.jpg'", "no \"transform_matrix\""}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 2 'small.jpg'", "not a 4x4 matrix"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 3 'ind.jpg'", "not a finite number"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 4 'scaled.jpg'", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 5 'projective.jpg'", "last row"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 6 'badfocal.jpg'", "'nan' is not a finite number"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 7 'equirect.jpg'", "EQUIRECTANGULAR"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 8 ''", "names no image"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "frame 9", "not a JSON object"}), 1u);
    EXPECT_EQ(set->skipped.size(), 9u) << allSkipped(*set);
}

TEST(PoseNerf, SkipsFramesWhoseImageIsMissingWhenAsked) {
    const fs::path dir = testFolder();
    writeImage(dir / "images/a.png", 4, 3);
    writeText(dir / "transforms.json", "{\"w\": 4, \"h\": 3, \"fl_x\": 5, \"frames\": [\n"
                                       " {\"file_path\": \"images/a.png\", \"transform_matrix\": " +
                                           kNerfMatrix +
                                           "},\n"
                                           " {\"file_path\": \"images/gone.png\", \"transform_matrix\": " +
                                           kNerfMatrix + "}]}");
    auto all = loadCameraPoses(dir);
    ASSERT_TRUE(all.ok()) << all.error().describe();
    ASSERT_EQ(all->poses.size(), 2u);
    EXPECT_EQ(all->poses[0].imageFile, dir / "images/a.png");
    EXPECT_TRUE(all->poses[1].imageFile.empty());

    LogCapture log;
    PoseLoadOptions options;
    options.skipMissingImages = true;
    auto present = loadCameraPoses(dir, PoseFormat::Auto, options);
    ASSERT_TRUE(present.ok()) << present.error().describe();
    ASSERT_EQ(present->poses.size(), 1u);
    EXPECT_EQ(countSkipped(*present, {"frame 1 'images/gone.png'", "not found"}), 1u);
    EXPECT_EQ(log.count({"images/gone.png", "not found"}), 1u);
}

TEST(PoseNerf, RefusesFilesWithoutFrames) {
    const fs::path dir = testFolder();
    for (const char* text : {"{\"frames\": 3}", "{\"fl_x\": 5}", "{", "{\"frames\": []}"}) {
        writeText(dir / "transforms.json", text);
        auto set = loadCameraPoses(dir / "transforms.json", PoseFormat::NerfTransforms);
        ASSERT_FALSE(set.ok()) << text;
        EXPECT_EQ(set.error().path, (dir / "transforms.json").string());
    }
}

// ---- OpenMVS-style text lists ----

TEST(PoseOpenMvs, ReadsCamerasAndImages) {
    const fs::path dir = testFolder();
    writeText(
        dir / "cameras.txt",
        "# a comment\n"
        "CAMERA platform=0 camera=0 name=ACME Co - Model 1 width=640 height=480 K=500 0 320 0 510 240 0 0 1\n"
        "IMAGE 0 images/a b.jpg 0 0 0 R= 0 -1 0 0 0 -1 1 0 0 C= 1 2 3\n"
        "IMAGE 1 images/c.jpg 0 0 1 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n"
        "POINTS 12\n");
    auto set = loadCameraPoses(dir / "cameras.txt");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::OpenMvsText);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    EXPECT_EQ(set->poses[0].image, "images/a b.jpg");
    EXPECT_EQ(set->poses[0].entry, "image 0 'images/a b.jpg'");
    expectReferencePose(set->poses[0]);
    expectIntrinsics(set->poses[0].intrinsics, 640, 480, 500, 510, 320, 240);
    EXPECT_EQ(set->poses[0].intrinsics.distortion.model, DistortionModel::None);
}

TEST(PoseOpenMvs, ScalesNormalisedIntrinsicsByTheImage) {
    const fs::path dir = testFolder();
    writeImage(dir / "a.png", 400, 300);
    writeText(dir / "list.txt",
              "CAMERA platform=0 camera=0 width=0 height=0 K=1.25 0 0.5 0 1.25 0.375 0 0 1\n"
              "IMAGE 0 a.png 0 0 0 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n");
    auto set = loadCameraPoses(dir / "list.txt");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    expectIntrinsics(set->poses[0].intrinsics, 400, 300, 500, 500, 200, 150);
}

TEST(PoseOpenMvs, SkipsBadImagesNamingThem) {
    const fs::path dir = testFolder();
    writeText(dir / "list.txt",
              "CAMERA platform=0 camera=0 width=640 height=480 K=500 0 320 0 500 240 0 0 1\n"
              "CAMERA platform=1 camera=0 width=640 height=480 K=nan 0 320 0 500 240 0 0 1\n"
              "IMAGE 0 good.jpg 0 0 0 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n"
              "IMAGE 1 ind.jpg 0 0 1 R= 1 0 0 0 1 0 0 0 1 C= -1.#IND 0 0\n"
              "IMAGE 2 skew.jpg 0 0 2 R= 1 0.2 0 0 1 0 0 0 1 C= 0 0 0\n"
              "IMAGE 3 nocam.jpg 4 0 3 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n"
              "IMAGE 4 badcam.jpg 1 0 4 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\n"
              "IMAGE 5 short.jpg 0 0 5 R= 1 0 0 C= 0 0 0\n"
              "IMAGE 6\n");
    LogCapture log;
    auto set = loadCameraPoses(dir / "list.txt");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    const std::string file = (dir / "list.txt").string();
    EXPECT_EQ(countSkipped(*set, {file, "image 1 'ind.jpg'", "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 2 'skew.jpg'", "not orthonormal"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 3 'nocam.jpg'", "camera 4/0"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 4 'badcam.jpg'", "'nan'"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "image 5 'short.jpg'", "R= needs 9 numbers"}), 1u);
    EXPECT_EQ(countSkipped(*set, {file, "line 9"}), 1u);
}

// ---- projection matrices ----

TEST(PoseProjection, DecomposesMatricesOfAnyScaleAndSign) {
    const fs::path dir = testFolder();
    // P = K [R | t] for the reference camera, K = (500 0 320; 0 500 240; 0 0 1); again times -2.
    writeText(dir / "00001_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 0 -1\n");
    writeText(dir / "00002_P.txt", "-640 1000 0 -1360\n-480 0 1000 -2520\n-2 0 0 2\n");
    writeText(dir / "mvs.ini", "[global]\nncams=2\n\n[imageResolutions]\n00001=640x480\n00002=640x480\n");
    writeImage(dir / "00002.png", 640, 480);
    auto set = loadCameraPoses(dir);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::ProjectionMatrices);
    ASSERT_EQ(set->poses.size(), 2u) << allSkipped(*set);
    EXPECT_EQ(set->poses[0].image, "00001._c.png");
    EXPECT_EQ(set->poses[1].image, "00002.png");
    for (const CameraPose& pose : set->poses) {
        SCOPED_TRACE(pose.entry);
        expectReferencePose(pose, 1e-9);
        expectIntrinsics(pose.intrinsics, 640, 480, 500, 500, 320, 240);
    }
}

TEST(PoseProjection, SkipsBadMatricesNamingThem) {
    const fs::path dir = testFolder();
    writeText(dir / "good_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 0 -1\n");
    writeText(dir / "short_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 0\n");
    writeText(dir / "ind_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 -1.#IND -1\n");
    writeText(dir / "flat_P.txt", "0 0 0 1\n240 0 -500 1260\n1 0 0 -1\n");
    writeText(dir / "nosize_P.txt", "320 -500 0 680\n240 0 -500 1260\n1 0 0 -1\n");
    writeText(dir / "mvs.ini",
              "[imageResolutions]\ngood=640x480\nshort=640x480\nind=640x480\nflat=640x480\n");
    LogCapture log;
    auto set = loadCameraPoses(dir, PoseFormat::ProjectionMatrices);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    ASSERT_EQ(set->poses.size(), 1u) << allSkipped(*set);
    EXPECT_EQ(countSkipped(*set, {(dir / "short_P.txt").string(), "expected 12 numbers, found 11"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "ind_P.txt").string(), "-1.#IND"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "flat_P.txt").string(), "singular"}), 1u);
    EXPECT_EQ(countSkipped(*set, {(dir / "nosize_P.txt").string(), "image size unknown"}), 1u);
}

// ---- pose sets ----

TEST(PoseSets, MeanUpIsTheAverageCameraUp) {
    std::vector<CameraPose> poses(2);
    // Camera 0 level (up +Z), camera 1 rolled 90 degrees (up -Y): the mean leans halfway.
    poses[0].rotation = glm::dmat3(glm::dvec3(0, -1, 0), glm::dvec3(0, 0, -1), glm::dvec3(1, 0, 0));
    poses[1].rotation = glm::dmat3(glm::dvec3(0, 0, -1), glm::dvec3(0, 1, 0), glm::dvec3(1, 0, 0));
    auto up = meanUpVector(poses);
    ASSERT_TRUE(up.has_value());
    EXPECT_VEC_NEAR(*up, glm::normalize(glm::dvec3(0, -1, 1)), 1e-12);

    EXPECT_FALSE(meanUpVector({}).has_value());
    poses[1].rotation =
        glm::dmat3(glm::dvec3(0, 1, 0), glm::dvec3(0, 0, 1), glm::dvec3(1, 0, 0)); // upside down
    EXPECT_FALSE(meanUpVector(poses).has_value());
}

TEST(PoseSets, FloorLiesEyeHeightBelowTheMedianCamera) {
    std::vector<CameraPose> poses(4);
    const double heights[] = {1.5, 1.7, 0.2, 1.6};
    for (size_t i = 0; i < 4; ++i) poses[i].center = glm::dvec3(double(i), 0.0, heights[i]);
    auto floor = suggestFloor(poses, glm::dvec3(0, 0, 1), 1.55);
    ASSERT_TRUE(floor.has_value());
    EXPECT_NEAR(floor->height, 1.55 - 1.55, 1e-12); // median of 0.2, 1.5, 1.6, 1.7 is 1.55
    EXPECT_VEC_NEAR(floor->up, glm::dvec3(0, 0, 1), 1e-12);
    EXPECT_FALSE(suggestFloor(poses, glm::dvec3(0, 0, 2), 1.55).has_value());
    EXPECT_FALSE(suggestFloor({}, glm::dvec3(0, 0, 1), 1.55).has_value());
}

TEST(PoseSets, TransformsMapCameraSpaceToWorldAndBack) {
    CameraPose pose;
    pose.rotation = glm::dmat3(kRight, kDown, kForward);
    pose.center = kCenter;
    const glm::dvec4 ahead = pose.cameraToWorld() * glm::dvec4(0, 0, 2, 1);
    EXPECT_VEC_NEAR(glm::dvec3(ahead), kCenter + 2.0 * kForward, 1e-12);
    const glm::dvec4 back = pose.worldToCamera() * ahead;
    EXPECT_VEC_NEAR(glm::dvec3(back), glm::dvec3(0, 0, 2), 1e-12);
    CameraIntrinsics in;
    in.width = 400, in.height = 300, in.fx = in.fy = 200;
    EXPECT_NEAR(in.horizontalFov(), glm::radians(90.0), 1e-12);
    EXPECT_NEAR(in.verticalFov(), 2.0 * std::atan(0.75), 1e-12);
}

TEST(PoseSets, LimitsRefuseHugeFiles) {
    const fs::path dir = testFolder();
    writeText(dir / "transforms.json", "{\"frames\": [{}, {}, {}]}");
    PoseLoadOptions options;
    options.maxEntries = 2;
    auto many = loadCameraPoses(dir / "transforms.json", PoseFormat::Auto, options);
    ASSERT_FALSE(many.ok());
    EXPECT_NE(many.error().message.find("more than 2"), std::string::npos);
    options = {};
    options.maxTextBytes = 8;
    auto big = loadCameraPoses(dir / "transforms.json", PoseFormat::Auto, options);
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("over the limit"), std::string::npos);
}
