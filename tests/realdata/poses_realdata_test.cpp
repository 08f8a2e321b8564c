// Camera poses of real, third-party scans (SR_TESTDATA; each test skips when its data is absent),
// checked against the values their sources publish and against the geometry they reconstruct.
#include <gtest/gtest.h>

#include "vec_near.h"

#include "log_capture.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "asset/camera_poses.h"
#include "asset/import.h"
#include "asset/photo.h"
#include "view/bvh.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {

const fs::path kData = SR_TESTDATA;

#define SR_REQUIRE_DATA(relative)                                                                            \
    do {                                                                                                     \
        if (!fs::exists(kData / (relative))) GTEST_SKIP() << "test data absent: " << (kData / (relative));   \
    } while (0)

// Pixel position of world point `x` through `pose` (pinhole, distortion ignored); z is the depth.
glm::dvec3 project(const CameraPose& pose, const glm::dvec3& x) {
    const glm::dvec3 c = glm::transpose(pose.rotation) * (x - pose.center);
    const CameraIntrinsics& in = pose.intrinsics;
    return {in.fx * c.x / c.z + in.cx, in.fy * c.y / c.z + in.cy, c.z};
}

// Distance from `point` to the ray from `origin` along unit `direction`, and how far along it the
// closest approach is.
std::pair<double, double> rayDistance(const glm::dvec3& origin, const glm::dvec3& direction,
                                      const glm::dvec3& point) {
    const double along = glm::dot(point - origin, direction);
    return {glm::length(point - (origin + along * direction)), along};
}

// The point nearest (least squares) to every camera's optical axis.
glm::dvec3 commonTarget(const std::vector<CameraPose>& poses) {
    glm::dmat3 a(0.0);
    glm::dvec3 b(0.0);
    for (const CameraPose& pose : poses) {
        const glm::dvec3 d = pose.forward();
        const glm::dmat3 p = glm::dmat3(1.0) - glm::outerProduct(d, d);
        a += p;
        b += p * pose.center;
    }
    return glm::inverse(a) * b;
}

} // namespace

// ---- OpenMVS sample (Château de Sceaux): K, R, C per image, 11 images, 10 photos present ----

TEST(PoseRealdata, SceauxTextListMatchesThePublishedCameras) {
    SR_REQUIRE_DATA("sceaux-openmvs/cameras_from_scene_mvs.txt");
    const fs::path file = kData / "sceaux-openmvs/cameras_from_scene_mvs.txt";
    auto set = loadCameraPoses(file);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::OpenMvsText);
    ASSERT_EQ(set->poses.size(), 11u);
    EXPECT_TRUE(set->skipped.empty());
    // C of images 0 and 10 as SOURCE.md's dump gives them; every centre on the arc at height ~1.36.
    EXPECT_EQ(set->poses[0].image, "images/00000.jpg");
    EXPECT_VEC_NEAR(set->poses[0].center, glm::dvec3(-3.08058780109, 7.52157453363, 1.3712285858), 1e-9);
    EXPECT_VEC_NEAR(set->poses[10].center, glm::dvec3(4.94882787926, 3.7444072298, 1.35389943438), 1e-9);
    for (const CameraPose& pose : set->poses) {
        EXPECT_NEAR(pose.center.z, 1.36, 0.015) << pose.entry;
        const CameraIntrinsics& in = pose.intrinsics;
        EXPECT_EQ(in.width, 2832u);
        EXPECT_EQ(in.height, 2128u);
        EXPECT_DOUBLE_EQ(in.fx, 2985.328343);
        EXPECT_DOUBLE_EQ(in.cx, 1452.135863);
        EXPECT_DOUBLE_EQ(in.cy, 1125.033939);
    }
    // The photos that are present have the size the poses were computed for.
    size_t found = 0;
    for (const CameraPose& pose : set->poses) {
        if (pose.imageFile.empty()) continue;
        ++found;
        auto info = probePhoto(pose.imageFile);
        ASSERT_TRUE(info.ok()) << info.error().describe();
        EXPECT_EQ(info->width, pose.intrinsics.width) << pose.imageFile;
        EXPECT_EQ(info->height, pose.intrinsics.height) << pose.imageFile;
    }
    EXPECT_EQ(found, 10u);
    EXPECT_TRUE(set->poses[10].imageFile.empty());

    // OpenMVG's world has -Z up here: the photographer held the camera level against it.
    auto up = meanUpVector(set->poses);
    ASSERT_TRUE(up.has_value());
    EXPECT_GT(glm::dot(*up, glm::dvec3(0, 0, -1)), 0.95);
}

TEST(PoseRealdata, SceauxSkipsThePoseWhosePhotoIsMissing) {
    SR_REQUIRE_DATA("sceaux-openmvs/cameras_from_scene_mvs.txt");
    sr::test::LogCapture log;
    PoseLoadOptions options;
    options.skipMissingImages = true;
    auto set =
        loadCameraPoses(kData / "sceaux-openmvs/cameras_from_scene_mvs.txt", PoseFormat::Auto, options);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 10u);
    ASSERT_EQ(set->skipped.size(), 1u);
    EXPECT_NE(set->skipped[0].find("image 10 'images/00010.jpg'"), std::string::npos) << set->skipped[0];
    EXPECT_EQ(log.count({"images/00010.jpg", "not found"}), 1u);
}

TEST(PoseRealdata, SceauxCamerasLookAtTheReconstructedMesh) {
    SR_REQUIRE_DATA("sceaux-openmvs/scene_mesh.ply");
    sr::test::LogCapture log;
    ImportOptions importOptions;
    importOptions.up = UpAxis::PosZ; // keep the file's coordinates: the poses share them
    auto mesh = importRoomMesh(kData / "sceaux-openmvs/scene_mesh.ply", importOptions);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    auto set = loadCameraPoses(kData / "sceaux-openmvs/cameras_from_scene_mvs.txt");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    const sr::view::MeshBvh bvh(*mesh);
    const glm::dvec3 lo(mesh->bounds.min), hi(mesh->bounds.max);
    const glm::dvec3 middle = 0.5 * (lo + hi);
    for (const CameraPose& pose : set->poses) {
        SCOPED_TRACE(pose.entry);
        // Taken from outside the building, a few building-widths away.
        const bool inside =
            glm::all(glm::greaterThan(pose.center, lo)) && glm::all(glm::lessThan(pose.center, hi));
        EXPECT_FALSE(inside);
        EXPECT_LT(glm::length(pose.center - middle), 15.0);
        // The optical axis meets the facade, and the building's middle is in the picture.
        auto hit = bvh.raycast(glm::vec3(pose.center), glm::vec3(pose.forward()), 50.0f);
        ASSERT_TRUE(hit.has_value());
        EXPECT_GT(hit->distance, 1.0f);
        const glm::dvec3 pixel = project(pose, middle);
        EXPECT_GT(pixel.z, 0.0);
        EXPECT_GT(pixel.x, 0.0);
        EXPECT_LT(pixel.x, pose.intrinsics.width);
        EXPECT_GT(pixel.y, 0.0);
        EXPECT_LT(pixel.y, pose.intrinsics.height);
    }
}

// ---- instant-ngp fox: transforms.json, 67 frames, 50 photos present ----

TEST(PoseRealdata, FoxTransformsSurroundTheFox) {
    SR_REQUIRE_DATA("fox-nerf/transforms.json");
    auto set = loadCameraPoses(kData / "fox-nerf");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::NerfTransforms);
    ASSERT_EQ(set->poses.size(), 67u);
    EXPECT_TRUE(set->skipped.empty());
    const CameraPose& first = set->poses[0];
    EXPECT_EQ(first.image, "images/0001.jpg");
    EXPECT_VEC_NEAR(first.center, glm::dvec3(3.168359405609479, -5.4794898611466945, -0.9791660699008925),
                    1e-12);
    // transforms.json's camera +Z column points backwards: ours is its negation (made exactly
    // orthonormal, which moves it by about 2e-8).
    EXPECT_VEC_NEAR(first.forward(),
                    -glm::dvec3(0.4420900262071262, -0.8940689141475064, -0.07209178487538156), 1e-7);
    const CameraIntrinsics& in = first.intrinsics;
    EXPECT_EQ(in.width, 1080u);
    EXPECT_EQ(in.height, 1920u);
    EXPECT_DOUBLE_EQ(in.fx, 1375.52);
    EXPECT_DOUBLE_EQ(in.fy, 1374.49);
    EXPECT_DOUBLE_EQ(in.cx, 554.558);
    EXPECT_DOUBLE_EQ(in.cy, 965.268);
    EXPECT_EQ(in.distortion.model, DistortionModel::Brown);
    EXPECT_DOUBLE_EQ(in.distortion.k1, 0.0578421);
    EXPECT_DOUBLE_EQ(in.distortion.p2, 0.00015575);

    // colmap2nerf.py moved the point all cameras look at to the origin: every optical axis passes
    // close to it, in front of the camera. Cameras stand 3.8 to 6.5 units away.
    for (const CameraPose& pose : set->poses) {
        const auto [miss, along] = rayDistance(pose.center, pose.forward(), glm::dvec3(0.0));
        EXPECT_LT(miss, 1.5) << pose.entry;
        EXPECT_GT(along, 3.0) << pose.entry;
        EXPECT_LT(glm::length(pose.center), 6.5) << pose.entry;
    }
    // ... and turned the mean camera up onto +Z.
    auto up = meanUpVector(set->poses);
    ASSERT_TRUE(up.has_value());
    EXPECT_VEC_NEAR(*up, glm::dvec3(0, 0, 1), 1e-6);
    // The median camera height (z of images/0021.jpg) less an eye height of one unit.
    auto floor = suggestFloor(set->poses, *up, 1.0);
    ASSERT_TRUE(floor.has_value());
    EXPECT_NEAR(floor->height, -0.6285860121925724 - 1.0, 1e-6);

    // The phone photos are stored portrait, as the poses expect.
    ASSERT_FALSE(first.imageFile.empty());
    auto info = probePhoto(first.imageFile);
    ASSERT_TRUE(info.ok()) << info.error().describe();
    EXPECT_EQ(info->width, 1080u);
    EXPECT_EQ(info->height, 1920u);
}

TEST(PoseRealdata, FoxSkipsTheSeventeenFramesWithoutPhotos) {
    SR_REQUIRE_DATA("fox-nerf/transforms.json");
    sr::test::LogCapture log;
    PoseLoadOptions options;
    options.skipMissingImages = true;
    auto set = loadCameraPoses(kData / "fox-nerf/transforms.json", PoseFormat::NerfTransforms, options);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 50u);
    EXPECT_EQ(set->skipped.size(), 17u);
    for (const char* missing : {"0005", "0016", "0017", "0024", "0032", "0051", "0068", "0071", "0075",
                                "0083", "0087", "0088", "0093", "0099", "0104", "0106", "0113"}) {
        const std::string name = std::string("'images/") + missing + ".jpg'";
        EXPECT_EQ(std::count_if(set->skipped.begin(), set->skipped.end(),
                                [&](const std::string& m) { return m.find(name) != std::string::npos; }),
                  1)
            << name;
    }
    for (const CameraPose& pose : set->poses) EXPECT_TRUE(fs::is_regular_file(pose.imageFile)) << pose.image;
}

// ---- AliceVision Buddha: 3x4 projection matrices ----

TEST(PoseRealdata, BuddhaProjectionMatricesDecomposeIntoOneCamera) {
    SR_REQUIRE_DATA("buddha-poses/buddha/mvs.ini");
    const fs::path folder = kData / "buddha-poses/buddha";
    auto set = loadCameraPoses(folder);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->format, PoseFormat::ProjectionMatrices);
    ASSERT_EQ(set->poses.size(), 67u);
    EXPECT_TRUE(set->skipped.empty());
    for (const CameraPose& pose : set->poses) {
        SCOPED_TRACE(pose.entry);
        // One camera took every photo: the same K comes out of every matrix.
        const CameraIntrinsics& in = pose.intrinsics;
        EXPECT_EQ(in.width, 2736u);
        EXPECT_EQ(in.height, 1540u);
        EXPECT_NEAR(in.fx, 1860.8968, 1e-3);
        EXPECT_NEAR(in.fy, 1860.8968, 1e-3);
        EXPECT_NEAR(in.cx, 1368.7583, 1e-3);
        EXPECT_NEAR(in.cy, 774.2509, 1e-3);

        // K, R and C project like the file's P (up to P's scale).
        std::ifstream text(folder / (pose.image.substr(0, 5) + "_P.txt"));
        const std::vector<double> p{std::istream_iterator<double>(text), std::istream_iterator<double>()};
        ASSERT_EQ(p.size(), 12u);
        for (const glm::dvec3 x :
             {glm::dvec3(0.0, 0.0, 2.25), glm::dvec3(0.3, -0.2, 2.0), glm::dvec3(-0.4, 0.1, 2.6)}) {
            const double u = p[0] * x.x + p[1] * x.y + p[2] * x.z + p[3];
            const double v = p[4] * x.x + p[5] * x.y + p[6] * x.z + p[7];
            const double w = p[8] * x.x + p[9] * x.y + p[10] * x.z + p[11];
            const glm::dvec3 pixel = project(pose, x);
            EXPECT_NEAR(pixel.x, u / w, 1e-6);
            EXPECT_NEAR(pixel.y, v / w, 1e-6);
            EXPECT_GT(pixel.z, 0.0); // the head is in front of every camera
        }
    }
    // The cameras ring the head: their axes meet near one point 1.4 to 4.3 units in front of them.
    const glm::dvec3 target = commonTarget(set->poses);
    for (const CameraPose& pose : set->poses) {
        const auto [miss, along] = rayDistance(pose.center, pose.forward(), target);
        EXPECT_LT(miss, 0.6) << pose.entry;
        EXPECT_GT(along, 1.0) << pose.entry;
        EXPECT_LT(along, 4.5) << pose.entry;
    }
    // The six photos kept in the snapshot are found under their CMPMVS names.
    std::vector<std::string> found;
    for (const CameraPose& pose : set->poses) {
        if (!pose.imageFile.empty()) found.push_back(pose.image);
    }
    EXPECT_EQ(found, (std::vector<std::string>{"00006._c.png", "00007._c.png", "00010._c.png", "00028._c.png",
                                               "00046._c.png", "00060._c.png"}));
}

TEST(PoseRealdata, BuddhaMiniSetReadsSixCameras) {
    SR_REQUIRE_DATA("buddha-poses/buddha_mini6/mvs.ini");
    auto set = loadCameraPoses(kData / "buddha-poses/buddha_mini6/mvs.ini");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->poses.size(), 6u);
    for (const CameraPose& pose : set->poses) {
        EXPECT_EQ(pose.intrinsics.width, 2736u);
        EXPECT_GT(pose.intrinsics.fx, 1000.0);
    }
}
