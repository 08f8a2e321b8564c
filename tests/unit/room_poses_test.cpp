// A room's photogrammetry poses in room space, the hotspots its photos become, and the camera and
// warp that show a photograph where it was taken (scene/room_poses.h, app/aligned_photo.h).
#include <gtest/gtest.h>

#include <cmath>

#include "app/aligned_photo.h"
#include "scene/room_poses.h"

using namespace sr;

namespace {

asset::CameraPose pose(std::string image, glm::dvec3 center, glm::dmat3 rotation = glm::dmat3(1.0)) {
    asset::CameraPose p;
    p.entry = "image '" + image + "'";
    p.image = std::move(image);
    p.center = center;
    p.rotation = rotation;
    p.intrinsics.width = 1000;
    p.intrinsics.height = 500;
    p.intrinsics.fx = p.intrinsics.fy = 500.0;
    p.intrinsics.cx = 500.0;
    p.intrinsics.cy = 250.0;
    return p;
}

// A level camera looking along +X: right -Y, down -Z, forward +X.
const glm::dmat3 kLookingAlongX(glm::dvec3(0, -1, 0), glm::dvec3(0, 0, -1), glm::dvec3(1, 0, 0));

} // namespace

TEST(RoomPoses, MovesPosesIntoRoomSpaceAsTheImporterMovesTheMesh) {
    // The file has +Y up, in centimetres: its +Y becomes +Z, its +Z becomes -Y, and 100 units a metre.
    const glm::dmat3 lookingAlongFileY(glm::dvec3(1, 0, 0), glm::dvec3(0, 0, -1), glm::dvec3(0, 1, 0));
    const asset::CameraPose moved =
        scene::poseInRoomSpace(pose("a.jpg", {100, 200, 300}, lookingAlongFileY), asset::UpAxis::PosY, 0.01f);
    EXPECT_NEAR(glm::length(moved.center - glm::dvec3(1.0, -3.0, 2.0)), 0.0, 1e-6);
    EXPECT_NEAR(glm::length(moved.forward() - glm::dvec3(0, 0, 1)), 0.0, 1e-12); // looks up now
    EXPECT_NEAR(glm::length(moved.right() - glm::dvec3(1, 0, 0)), 0.0, 1e-12);
    EXPECT_NEAR(glm::determinant(moved.rotation), 1.0, 1e-12);
    EXPECT_EQ(moved.intrinsics.fx, 500.0); // the lens is the lens
}

TEST(RoomPoses, AreMovedLikeTheMeshWithACalibratedUpDirection) {
    const glm::vec3 up = glm::normalize(glm::vec3(0.03f, 0.17f, -0.98f));
    // A camera held level against that up, 1.6 units along it.
    const glm::dvec3 u = glm::normalize(glm::dvec3(up));
    const glm::dvec3 forward = glm::normalize(glm::cross(u, glm::dvec3(1, 0, 0)));
    const glm::dvec3 right = glm::cross(-u, forward);
    const asset::CameraPose moved = scene::poseInRoomSpace(
        pose("a.jpg", 1.6 * u, glm::dmat3(right, -u, forward)), asset::UpAxis::NegZ, 1.0f, up);
    EXPECT_NEAR(glm::length(moved.center - glm::dvec3(0, 0, 1.6)), 0.0, 1e-5);
    EXPECT_NEAR(glm::length(moved.up() - glm::dvec3(0, 0, 1)), 0.0, 1e-6); // level in the room
    EXPECT_NEAR(glm::determinant(moved.rotation), 1.0, 1e-12);
    const glm::dmat3 mesh(asset::fileToWorldRotation(asset::UpAxis::NegZ, up));
    EXPECT_NEAR(glm::length(moved.center - mesh * (1.6 * u)), 0.0, 1e-5); // where the mesh puts that point
}

TEST(RoomPoses, FindsAPhotoByItsNameThenFileNameThenStemUnlessAmbiguous) {
    const std::vector<asset::CameraPose> poses = {pose("day1/IMG_1.JPG", {}), pose("day1/IMG_2.JPG", {}),
                                                  pose("day2/IMG_2.JPG", {}),
                                                  pose("C:\\scans\\IMG_3.JPG", {})};
    EXPECT_EQ(scene::findPoseByImage(poses, "day1/IMG_1.JPG"), &poses[0]);
    EXPECT_EQ(scene::findPoseByImage(poses, "IMG_1.JPG"), &poses[0]);
    EXPECT_EQ(scene::findPoseByImage(poses, "IMG_1"), &poses[0]);
    EXPECT_EQ(scene::findPoseByImage(poses, "IMG_3.JPG"), &poses[3]); // a Windows path's file name
    EXPECT_EQ(scene::findPoseByImage(poses, "day2/IMG_2.JPG"), &poses[2]);
    EXPECT_EQ(scene::findPoseByImage(poses, "IMG_2.JPG"), nullptr); // in both folders
    EXPECT_EQ(scene::findPoseByImage(poses, "IMG_9.JPG"), nullptr);
}

TEST(RoomPoses, PlacesAPhotoHotspotWhereItsAxisMeetsTheRoom) {
    const asset::CameraPose p = pose("a.jpg", {1, 2, 1.5}, kLookingAlongX);
    const scene::PhotoSpot hit =
        scene::photoSpot(p, [](const glm::vec3&, const glm::vec3&) { return std::optional<float>(2.5f); });
    EXPECT_TRUE(hit.onSurface);
    EXPECT_NEAR(glm::length(hit.position - glm::vec3(3.5f, 2.0f, 1.5f)), 0.0f, 1e-5f);
    EXPECT_FLOAT_EQ(hit.radius, 0.1f); // 4% of 2.5 m
    const scene::PhotoSpot far =
        scene::photoSpot(p, [](const glm::vec3&, const glm::vec3&) { return std::optional<float>(20.0f); });
    EXPECT_FLOAT_EQ(far.radius, 0.3f);
    const scene::PhotoSpot none =
        scene::photoSpot(p, [](const glm::vec3&, const glm::vec3&) { return std::nullopt; });
    EXPECT_FALSE(none.onSurface);
    EXPECT_NEAR(glm::length(none.position - glm::vec3(2.5f, 2.0f, 1.5f)), 0.0f, 1e-5f);
    EXPECT_FLOAT_EQ(none.radius, 0.06f);
}

TEST(RoomPoses, OffersEveryPosedPhotoOrOnlyTheListedOnes) {
    asset::PoseSet set;
    set.source = "/exhibit/rooms/a/sparse";
    set.poses = {pose("one.jpg", {0, 0, 1.6}, kLookingAlongX),
                 pose("two words.jpg", {1, 0, 1.6}, kLookingAlongX),
                 pose("three.jpg", {2, 0, 1.6}, kLookingAlongX)};
    set.poses[0].imageFile = "/exhibit/rooms/a/images/one.jpg";
    set.poses[1].imageFile = "/exhibit/rooms/a/images/two words.jpg";
    // three.jpg has a pose but no photo on disk.
    scene::Hotspot listed;
    listed.id = "desk";
    listed.position = {5, 5, 1};
    listed.photoPose = "one.jpg";
    scene::Hotspot unknown;
    unknown.id = "lamp";
    unknown.photoPose = "nine.jpg";
    const auto raycast = [](const glm::vec3&, const glm::vec3&) { return std::optional<float>(2.0f); };

    std::vector<std::string> messages;
    auto all = scene::withPhotoHotspots({listed, unknown}, set, scene::PosePhotos::All, raycast, messages);
    ASSERT_EQ(all.size(), 3u);
    ASSERT_TRUE(all[0].aligned.has_value());
    EXPECT_EQ(all[0].aligned->file, "/exhibit/rooms/a/images/one.jpg");
    EXPECT_EQ(all[0].position, glm::vec3(5, 5, 1)); // the curator's placement stays
    EXPECT_FALSE(all[1].aligned.has_value());
    EXPECT_EQ(all[2].id, "photo-two-words");
    ASSERT_TRUE(all[2].aligned.has_value());
    EXPECT_NEAR(glm::length(all[2].position - glm::vec3(3.0f, 0.0f, 1.6f)), 0.0f, 1e-5f);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_NE(messages[0].find("hotspot 'lamp'"), std::string::npos) << messages[0];
    EXPECT_NE(messages[0].find("nine.jpg"), std::string::npos) << messages[0];

    messages.clear();
    auto only = scene::withPhotoHotspots({listed}, set, scene::PosePhotos::Listed, raycast, messages);
    EXPECT_EQ(only.size(), 1u);
    EXPECT_TRUE(messages.empty());
}

TEST(AlignedCamera, StandsAtThePhotoAndFitsItWithAMargin) {
    scene::AlignedPhoto photo = scene::alignedPhotoFor(pose("a.jpg", {1, 2, 1.5}, kLookingAlongX));
    const app::AlignedCamera camera = app::alignedCameraFor(photo, 16.0f / 9.0f);
    EXPECT_EQ(camera.pose.position, glm::vec3(1, 2, 1.5));
    EXPECT_NEAR(camera.pose.yawDeg, 0.0f, 1e-4f);
    EXPECT_NEAR(camera.pose.pitchDeg, 0.0f, 1e-4f);
    // The photo is 2:1 with a 90 degree horizontal angle: on 16:9 its width decides, plus 8%.
    const double tanHalf = (1.0 / (16.0 / 9.0)) / 0.92;
    EXPECT_NEAR(camera.verticalFovDeg, glm::degrees(2.0 * std::atan(tanHalf)), 1e-3);
    // On a tall view its height decides.
    const app::AlignedCamera tall = app::alignedCameraFor(photo, 0.5f);
    EXPECT_NEAR(tall.verticalFovDeg, glm::degrees(2.0 * std::atan(2.0 / 0.92)), 1e-3);
}

TEST(AlignedCamera, TheWarpTakesEachScreenPixelToItsRayInThePhotoCamera) {
    // A photo rolled 5 degrees and tilted down 10, its principal point off centre, with a lens.
    const double roll = glm::radians(5.0), tilt = glm::radians(10.0);
    const glm::dmat3 rolled(glm::dvec3(std::cos(roll), std::sin(roll), 0),
                            glm::dvec3(-std::sin(roll), std::cos(roll), 0), glm::dvec3(0, 0, 1));
    const glm::dmat3 tilted(glm::dvec3(1, 0, 0), glm::dvec3(0, std::cos(tilt), -std::sin(tilt)),
                            glm::dvec3(0, std::sin(tilt), std::cos(tilt)));
    asset::CameraPose p = pose("a.jpg", {1, 2, 1.5}, kLookingAlongX * tilted * rolled);
    p.intrinsics.cx = 530.0;
    p.intrinsics.cy = 240.0;
    p.intrinsics.distortion = {asset::DistortionModel::Brown, -0.05, 0.01, 0, 0, 0.001, 0.0};
    const scene::AlignedPhoto photo = scene::alignedPhotoFor(p);
    const app::AlignedCamera aligned = app::alignedCameraFor(photo, 1280.0f / 720.0f);
    EXPECT_NEAR(aligned.pose.pitchDeg, -10.0f, 1e-3f);
    view::Camera camera;
    camera.position = aligned.pose.position;
    camera.yawDeg = aligned.pose.yawDeg;
    camera.pitchDeg = aligned.pose.pitchDeg;
    camera.verticalFovDeg = aligned.verticalFovDeg;
    const render::PhotoWarp warp = app::photoWarpFor(photo, camera, 1280, 720, 1);
    EXPECT_EQ(warp.model, 1);
    EXPECT_EQ(warp.focal, glm::vec4(500.0f, 500.0f, 530.0f, 240.0f));

    const double f = 360.0 / std::tan(glm::radians(double(camera.verticalFovDeg)) * 0.5);
    const glm::dvec3 right(camera.right()), forward(camera.forward()), down = glm::cross(forward, right);
    for (const glm::dvec3 world : {glm::dvec3(4, 2, 1.0), glm::dvec3(3, 1, 0.6), glm::dvec3(5, 3.5, 1.8)}) {
        const glm::dvec3 d = world - photo.center;
        const glm::dvec3 pixel(f * glm::dot(d, right) / glm::dot(d, forward) + 640.0,
                               f * glm::dot(d, down) / glm::dot(d, forward) + 360.0, 1.0);
        const glm::dvec3 ray = glm::dmat3(warp.screenToRay) * pixel;
        const glm::dvec3 expected = glm::transpose(photo.rotation) * d;
        EXPECT_NEAR(glm::length(glm::normalize(ray) - glm::normalize(expected)), 0.0, 1e-5);
        // And the point lands inside the photo, through its lens.
        auto inPhoto = app::projectIntoPhoto(photo, world);
        ASSERT_TRUE(inPhoto.has_value());
    }
    EXPECT_FALSE(app::projectIntoPhoto(photo, glm::dvec3(-5, 2, 1.5)).has_value()); // behind
}
