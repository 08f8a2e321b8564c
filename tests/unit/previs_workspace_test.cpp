// Unit tests of the previs workspace's logic without a GPU: the film camera in a box room (walls,
// rigs, lens stepping, projection), moves and takes, burn-in timecode and text, file naming.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <glm/glm.hpp>

#include "app/previs_camera.h"
#include "app/previs_files.h"
#include "app/previs_moves.h"
#include "app/previs_output.h"
#include "previs/burn_in.h"
#include "previs/camera_pose.h"
#include "previs/image_text.h"

using namespace sr;

namespace {
// A closed 4 x 3 x 2.5 m box: floor at z = 0, walls at x = 0 and 4, y = 0 and 3.
view::MeshBvh boxRoom() {
    const std::vector<glm::vec3> p{{0, 0, 0},    {4, 0, 0},    {4, 3, 0},    {0, 3, 0},
                                   {0, 0, 2.5f}, {4, 0, 2.5f}, {4, 3, 2.5f}, {0, 3, 2.5f}};
    const std::vector<uint32_t> faces{0, 1, 2, 0, 2, 3, 4, 6, 5, 4, 7, 6, 0, 4, 5, 0, 5, 1,
                                      1, 5, 6, 1, 6, 2, 2, 6, 7, 2, 7, 3, 3, 7, 4, 3, 4, 0};
    return view::MeshBvh(p, faces);
}

previs::Shot shotAt(glm::vec3 position, float panDeg) {
    previs::Shot shot;
    shot.pose.position = position;
    shot.pose.orientation = previs::orientationFromPanTiltRoll(panDeg, 0.0f, 0.0f);
    return shot;
}
} // namespace

TEST(PrevisCamera, StopsBeforeAWallAndSlidesAlongIt) {
    const view::MeshBvh room = boxRoom();
    app::PrevisCamera camera(room, shotAt({2.0f, 1.5f, 1.5f}, 0.0f));
    camera.move({10.0f, 0.0f, 0.0f}); // into the wall at x = 4
    const glm::vec3 stopped = camera.shot().pose.position;
    EXPECT_LT(stopped.x, 4.0f - app::PrevisCamera::kBodyRadiusM + 0.01f);
    EXPECT_GT(stopped.x, 3.5f);
    // Diagonally into the wall, the part along it remains.
    camera.move({1.0f, 0.5f, 0.0f});
    EXPECT_NEAR(camera.shot().pose.position.y, 2.0f, 0.05f);
    EXPECT_LT(camera.shot().pose.position.x, 4.0f - app::PrevisCamera::kBodyRadiusM + 0.01f);
}

TEST(PrevisCamera, TripodAndTrackLimitTheLens) {
    const view::MeshBvh room = boxRoom();
    app::PrevisCamera camera(room, shotAt({2.0f, 1.5f, 1.5f}, 90.0f));
    EXPECT_NEAR(*camera.floorHeight(), 0.0f, 1e-5f);
    EXPECT_NEAR(*camera.heightAboveFloor(), 1.5f, 1e-5f);
    previs::Rig tripod;
    tripod.kind = previs::RigKind::Tripod;
    tripod.tripod = {0.0f, 0.6f, 1.2f};
    camera.setRig(tripod);
    EXPECT_FLOAT_EQ(camera.shot().pose.position.z, 1.2f);
    camera.move({0.0f, 0.0f, -2.0f});
    EXPECT_FLOAT_EQ(camera.shot().pose.position.z, 0.6f);
    previs::Rig track;
    track.kind = previs::RigKind::Track;
    track.track = {{1.0f, 1.0f, 1.0f}, {3.0f, 1.0f, 1.0f}, 0.0f, 0.0f};
    camera.setRig(track);
    camera.move({5.0f, 1.0f, 1.0f}); // off the end and off the line
    EXPECT_NEAR(camera.shot().pose.position.x, 3.0f, 1e-4f);
    EXPECT_NEAR(camera.shot().pose.position.y, 1.0f, 1e-4f);
    EXPECT_NEAR(camera.shot().pose.position.z, 1.0f, 1e-4f);
}

TEST(PrevisCamera, StepsPrimesStopsAndKeepsFocusBeyondTheLens) {
    const view::MeshBvh room = boxRoom();
    app::PrevisCamera camera(room, shotAt({2.0f, 1.5f, 1.5f}, 0.0f));
    camera.setLens("standard-primes");
    camera.setFocalLength(33.0f);
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 32.0f);
    camera.stepFocalLength(2);
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 50.0f);
    camera.stepFocalLength(-20);
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 18.0f);
    camera.setFStop(2.8f);
    camera.stepFStop(2);
    EXPECT_FLOAT_EQ(camera.shot().fStop, 5.6f);
    camera.setLens("");
    camera.setFocalLength(300.0f);
    camera.setFocusDistance(0.01f);
    EXPECT_FLOAT_EQ(camera.shot().focusDistanceM, 0.6f); // two focal lengths
    EXPECT_NEAR(*camera.distanceOnAxis(), 2.0f, 1e-4f);  // the wall at x = 4
}

TEST(PrevisView, PictureSpansTheLensAndRaysRoundTrip) {
    previs::Shot shot = shotAt({2.0f, 1.5f, 1.5f}, 30.0f);
    shot.outputAspect = 2.39f;
    shot.pose.orientation = previs::orientationFromPanTiltRoll(30.0f, -10.0f, 5.0f);
    const app::PrevisView view = app::previsViewFor(shot, {1920.0f, 1080.0f});
    // The picture's left and right edges are the lens's horizontal angle apart.
    const glm::vec3 left = app::rayThroughPixel(view, {view.picture.x, view.picture.centre().y});
    const glm::vec3 right = app::rayThroughPixel(view, {view.picture.right(), view.picture.centre().y});
    EXPECT_NEAR(glm::degrees(std::acos(glm::dot(left, right))), shot.fieldOfView().horizontalDeg, 0.01f);
    // The centre looks along the lens's axis, and a point projects back to its pixel.
    EXPECT_NEAR(
        glm::dot(app::rayThroughPixel(view, view.picture.centre()), previs::forwardOf(shot.pose.orientation)),
        1.0f, 1e-5f);
    const glm::vec2 pixel(400.0f, 300.0f);
    const glm::vec3 point = shot.pose.position + app::rayThroughPixel(view, pixel) * 3.0f;
    const auto back = app::projectToPixel(view, point);
    ASSERT_TRUE(back.has_value());
    EXPECT_NEAR(back->x, pixel.x, 0.01f);
    EXPECT_NEAR(back->y, pixel.y, 0.01f);
    EXPECT_FALSE(app::projectToPixel(view, shot.pose.position - previs::forwardOf(shot.pose.orientation)));
}

TEST(MoveEditor, KeyframesKeepTheirOrderAndPlayBack) {
    previs::PrevisProject project;
    app::MoveEditor moves(project);
    const previs::Shot a = shotAt({1, 1, 1.5f}, 0.0f), b = shotAt({2, 1, 1.5f}, 20.0f);
    moves.addKeyframe(a, "12A");
    moves.addKeyframe(b, "12A");
    ASSERT_EQ(project.moves.size(), 1u);
    EXPECT_EQ(project.moves[0].name, "Move 1");
    EXPECT_EQ(project.moves[0].shot, "12A");
    EXPECT_DOUBLE_EQ(project.moves[0].keyframes[1].timeS, app::MoveEditor::kKeyframeGapS);
    EXPECT_FALSE(moves.setKeyframeTime(0, 3.0)); // after its successor
    EXPECT_FALSE(moves.setKeyframeTime(1, -1.0));
    EXPECT_TRUE(moves.setKeyframeTime(1, 1.0));
    ASSERT_NE(moves.path(), nullptr);
    EXPECT_DOUBLE_EQ(moves.path()->duration(), 1.0);
    EXPECT_FALSE(moves.advance(0.5).has_value()); // not following the playhead yet
    moves.play();
    const auto half = moves.advance(0.5);
    ASSERT_TRUE(half.has_value());
    EXPECT_NEAR(half->position.x, 1.5f, 1e-4f);
    moves.advance(5.0);
    EXPECT_FALSE(moves.playing());
    EXPECT_DOUBLE_EQ(moves.playhead(), 1.0);
    const uint64_t revision = moves.revision();
    moves.setEasing(0, previs::Easing::EaseInOut);
    EXPECT_GT(moves.revision(), revision);
    moves.removeKeyframe(0);
    EXPECT_EQ(project.moves[0].keyframes.size(), 1u);
}

TEST(MoveEditor, TakesSampleTheCameraAtTheirRate) {
    previs::PrevisProject project;
    app::MoveEditor moves(project);
    moves.startTake(10.0, shotAt({1, 1, 1.5f}, 0.0f), "");
    for (int i = 1; i <= 30; ++i)
        moves.recordTake(10.0 + i / 30.0, shotAt({1.0f + i / 30.0f, 1, 1.5f}, 0.0f));
    const std::string name = moves.stopTake(11.05, shotAt({2.05f, 1, 1.5f}, 0.0f));
    EXPECT_EQ(name, "Take 1");
    const previs::CameraMove& take = project.moves.at(0);
    EXPECT_EQ(take.keyframes.size(), 7u); // 0, 0.2, ... 1.0 and the stop
    EXPECT_TRUE(previs::checkMove(take).ok());
    EXPECT_NEAR(take.keyframes.back().timeS, 1.05, 1e-9);
    moves.startTake(20.0, shotAt({1, 1, 1.5f}, 0.0f), "");
    moves.stopTake(20.0, shotAt({1, 1, 1.5f}, 0.0f));
    EXPECT_EQ(project.moves.at(1).name, "Take 2");
    EXPECT_EQ(project.moves.at(1).keyframes.size(), 1u);
}

TEST(BurnIn, TimecodeCountsWholeFramesAtTheNominalRate) {
    EXPECT_EQ(previs::formatTimecode(0, 24.0), "00:00:00:00");
    EXPECT_EQ(previs::formatTimecode(23, 24.0), "00:00:00:23");
    EXPECT_EQ(previs::formatTimecode(24, 24.0), "00:00:01:00");
    EXPECT_EQ(previs::formatTimecode(24 * 3661 + 5, 23.976), "01:01:01:05");
    EXPECT_EQ(previs::formatTimecode(30, 29.97), "00:00:01:00");
    EXPECT_EQ(previs::formatTimecode(-3, 25.0), "00:00:00:00");
    EXPECT_EQ(previs::formatTimecode(25, std::nan("")), "00:00:01:01");
}

TEST(BurnIn, DrawsTextIntoTheImage) {
    auto font = previs::ImageFont::loadDefault();
    if (!font) GTEST_SKIP() << font.error().describe();
    core::Image8 image(320, 180);
    previs::drawBurnIn(image, *font, {"12A", "32 mm", "ALEXA", "frame 1"});
    int lit = 0;
    for (uint32_t y = 0; y < 40; ++y)
        for (uint32_t x = 0; x < 80; ++x) lit += image.at(x, y)[0] > 128;
    EXPECT_GT(lit, 20); // "12A" in the top-left corner
    EXPECT_GT(font->measure("frame 10", 20.0f), font->measure("frame 1", 20.0f));
    EXPECT_FALSE(previs::ImageFont::load("/nonexistent/font.ttf").ok());
}

TEST(PrevisFiles, NamesAreSafeAndOutputSitsBesideTheProject) {
    EXPECT_EQ(app::safeFileName("Shot 1/a\\b"), "Shot_1_a_b");
    EXPECT_EQ(app::safeFileName(".hidden"), "_.hidden");
    EXPECT_EQ(app::safeFileName(""), "_");
    EXPECT_EQ(app::safeFileName("Caf\xc3\xa9"), "Caf__");
    EXPECT_EQ(app::defaultOutputFolder("/x/room.previs.json"), "/x/room-output");
    EXPECT_EQ(app::defaultOutputFolder("/x/plan.json"), "/x/plan-output");
    EXPECT_EQ(app::roundForDisplay(-0.04, 1), 0.0);
    EXPECT_FALSE(std::signbit(app::roundForDisplay(-0.04, 1)));
    EXPECT_EQ(app::findProgram("stillroom-no-such-program"), std::nullopt);
    EXPECT_TRUE(app::findProgram("sh").has_value());
}
