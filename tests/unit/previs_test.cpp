// Unit tests of the previs module's camera model: sensors and fields of view, lenses and depth of
// field, poses read as pan/tilt/roll, rig limits and frame-guide geometry.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "previs/camera_pose.h"
#include "previs/frame_guides.h"
#include "previs/lens.h"
#include "previs/rig.h"
#include "previs/sensor.h"
#include "previs/shot.h"
#include "view/camera.h"

using namespace sr::previs;

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Filmback filmbackOf(const char* presetId) {
    const Sensor* sensor = findSensorPreset(presetId);
    EXPECT_NE(sensor, nullptr) << presetId;
    return sensor ? croppedFilmback(*sensor, 0.0f) : Filmback{};
}

void expectNear(glm::vec3 actual, glm::vec3 expected, float tolerance) {
    EXPECT_NEAR(actual.x, expected.x, tolerance);
    EXPECT_NEAR(actual.y, expected.y, tolerance);
    EXPECT_NEAR(actual.z, expected.z, tolerance);
}
} // namespace

// --- Sensors and fields of view ---

// The angle-of-view table for 35 mm format (36 x 24 mm) printed in photography references.
TEST(PrevisSensor, FullFrameFieldOfViewMatchesPublishedTable) {
    struct Row {
        float focal, horizontal, vertical, diagonal;
    };
    for (const Row row : {Row{24, 73.7f, 53.1f, 84.1f}, Row{35, 54.4f, 37.8f, 63.4f},
                          Row{50, 39.6f, 27.0f, 46.8f}, Row{85, 23.9f, 16.1f, 28.6f}}) {
        const FieldOfView fov = fieldOfView(filmbackOf("full-frame"), row.focal);
        EXPECT_NEAR(fov.horizontalDeg, row.horizontal, 0.05f) << row.focal << " mm";
        EXPECT_NEAR(fov.verticalDeg, row.vertical, 0.05f) << row.focal << " mm";
        EXPECT_NEAR(fov.diagonalDeg, row.diagonal, 0.05f) << row.focal << " mm";
    }
}

// Super 35 (24.89 x 18.66 mm) with a 35 mm lens: 2 atan(w / 2f) gives 39.1 x 29.9 degrees, close
// to the horizontal view of a 50 mm on full frame (the rule of thumb "35 on Super 35 looks like 50").
TEST(PrevisSensor, Super35With35mmSeesAboutWhatFullFrameWith50mmSees) {
    const FieldOfView s35 = fieldOfView(filmbackOf("super35"), 35.0f);
    EXPECT_NEAR(s35.horizontalDeg, 39.1f, 0.05f);
    EXPECT_NEAR(s35.verticalDeg, 29.9f, 0.05f);
    EXPECT_NEAR(s35.diagonalDeg, 47.9f, 0.05f);
    EXPECT_NEAR(s35.horizontalDeg, fieldOfView(filmbackOf("full-frame"), 50.0f).horizontalDeg, 0.5f);
}

// Apple calls the iPhone 15 Pro main camera "24 mm": the full-frame lens with the same diagonal view.
TEST(PrevisSensor, IphoneMainCameraMatchesItsPublished24mmEquivalent) {
    const FieldOfView phone = fieldOfView(filmbackOf("iphone-15-pro-main"), 6.86f);
    EXPECT_NEAR(phone.diagonalDeg, fieldOfView(filmbackOf("full-frame"), 24.0f).diagonalDeg, 1.0f);
    EXPECT_NEAR(6.86f * cropFactor(filmbackOf("iphone-15-pro-main")), 24.0f, 0.5f);
}

TEST(PrevisSensor, WiderOutputAspectCropsTheHeightAndKeepsHorizontalView) {
    const Sensor& fullFrame = *findSensorPreset("full-frame");
    const Filmback scope = croppedFilmback(fullFrame, 2.39f);
    EXPECT_FLOAT_EQ(scope.widthMm, 36.0f);
    EXPECT_NEAR(scope.heightMm, 36.0f / 2.39f, 1e-4f);
    const FieldOfView fov = fieldOfView(scope, 50.0f);
    EXPECT_NEAR(fov.horizontalDeg, 39.6f, 0.05f);
    EXPECT_NEAR(fov.verticalDeg, 17.13f, 0.01f);
}

TEST(PrevisSensor, NarrowerOutputAspectCropsTheWidth) {
    const Sensor& lf = *findSensorPreset("alexa-mini-lf");
    const Filmback academy = croppedFilmback(lf, 4.0f / 3.0f);
    EXPECT_FLOAT_EQ(academy.heightMm, 25.54f);
    EXPECT_NEAR(academy.widthMm, 25.54f * 4.0f / 3.0f, 1e-4f);
    EXPECT_NEAR(academy.aspect(), 4.0f / 3.0f, 1e-5f);
}

TEST(PrevisSensor, NoOrInvalidOutputAspectKeepsTheWholeSensor) {
    const Sensor& venice = *findSensorPreset("sony-venice");
    for (float aspect : {0.0f, -1.0f, kNaN, std::numeric_limits<float>::infinity()}) {
        const Filmback whole = croppedFilmback(venice, aspect);
        EXPECT_FLOAT_EQ(whole.widthMm, 36.2f);
        EXPECT_FLOAT_EQ(whole.heightMm, 24.1f);
    }
}

TEST(PrevisSensor, PresetsHaveUniqueIdsAndValidPublishedSizes) {
    std::set<std::string> ids;
    for (const Sensor& sensor : sensorPresets()) {
        EXPECT_TRUE(ids.insert(sensor.id).second) << sensor.id;
        EXPECT_TRUE(isValidSensorSize(sensor.widthMm, sensor.heightMm)) << sensor.id;
        EXPECT_FALSE(sensor.name.empty());
        EXPECT_EQ(findSensorPreset(sensor.id), &sensor);
    }
    for (const char* id : {"super35", "full-frame", "alexa-mini", "alexa-mini-lf", "alexa-35",
                           "red-v-raptor-vv", "sony-venice", "ursa-mini-pro-46k", "iphone-15-pro-main"})
        EXPECT_NE(findSensorPreset(id), nullptr) << id;
    EXPECT_NEAR(findSensorPreset("red-v-raptor-vv")->diagonalMm(), 46.31f, 0.01f); // RED's own figure
    EXPECT_EQ(findSensorPreset("no-such-camera"), nullptr);
}

TEST(PrevisSensor, CustomSizesAreCheckedForRange) {
    const Sensor custom = customSensor(30.0f, 20.0f, "Test body");
    EXPECT_EQ(custom.id, "custom");
    EXPECT_FLOAT_EQ(custom.aspect(), 1.5f);
    EXPECT_TRUE(isValidSensorSize(30.0f, 20.0f));
    EXPECT_FALSE(isValidSensorSize(0.5f, 20.0f));
    EXPECT_FALSE(isValidSensorSize(30.0f, 150.0f));
    EXPECT_FALSE(isValidSensorSize(kNaN, 20.0f));
}

TEST(PrevisSensor, FocalLengthForAngleInvertsAngleOfView) {
    for (float focal : {8.0f, 24.0f, 50.0f, 300.0f})
        EXPECT_NEAR(focalLengthForAngle(36.0f, angleOfViewDeg(36.0f, focal)), focal, focal * 1e-5f);
    EXPECT_NEAR(cropFactor(filmbackOf("full-frame")), 1.0f, 1e-4f);
}

// --- Lenses and depth of field ---

TEST(PrevisLens, PrimeSetSnapsToNearestAndZoomClampsToRange) {
    const LensPreset& primes = *findLensPreset("standard-primes");
    EXPECT_FALSE(primes.isZoom());
    EXPECT_FLOAT_EQ(nearestFocalLength(primes, 30.0f), 32.0f);
    EXPECT_FLOAT_EQ(nearestFocalLength(primes, 10.0f), 18.0f);
    EXPECT_FLOAT_EQ(nearestFocalLength(primes, 500.0f), 135.0f);
    const LensPreset& zoom = *findLensPreset("optimo-24-290");
    EXPECT_TRUE(zoom.isZoom());
    EXPECT_FLOAT_EQ(nearestFocalLength(zoom, 100.0f), 100.0f);
    EXPECT_FLOAT_EQ(nearestFocalLength(zoom, 12.0f), 24.0f);
    EXPECT_FLOAT_EQ(nearestFocalLength(zoom, 400.0f), 290.0f);
    EXPECT_FLOAT_EQ(nearestFocalLength(zoom, kNaN), 24.0f);
    for (const LensPreset& lens : lensPresets()) EXPECT_EQ(findLensPreset(lens.id), &lens);
}

// The values online depth-of-field calculators (DOFMaster's formulas, circle of confusion
// 0.03 mm for 35 mm format) give for a 50 mm lens at f/2.8 focused at 3 m.
TEST(PrevisDepthOfField, MatchesCalculatorFor50mmAtF28Focused3m) {
    const DepthOfField dof = depthOfField(50.0f, 2.8f, 3.0f, 0.03f);
    EXPECT_NEAR(dof.hyperfocalM, 29.8, 0.05);
    EXPECT_NEAR(dof.nearM, 2.73, 0.005);
    EXPECT_NEAR(dof.farM, 3.33, 0.005);
    EXPECT_NEAR(dof.totalM, 0.60, 0.01);
}

TEST(PrevisDepthOfField, MatchesCalculatorForWideLensAndSmallCircle) {
    // 35 mm at f/8, c = 0.03 mm: hyperfocal 5.14 m; 25 mm at f/4 on Super 35 (c = 0.02) at 2 m.
    EXPECT_NEAR(depthOfField(35.0f, 8.0f, 3.0f, 0.03f).hyperfocalM, 5.14, 0.005);
    const DepthOfField s35 = depthOfField(25.0f, 4.0f, 2.0f, 0.02f);
    EXPECT_NEAR(s35.nearM, 1.60, 0.005);
    EXPECT_NEAR(s35.farM, 2.68, 0.005);
}

TEST(PrevisDepthOfField, FocusAtHyperfocalReachesInfinityFromHalfOfIt) {
    const DepthOfField at = depthOfField(35.0f, 8.0f, 3.0f, 0.03f);
    const DepthOfField dof = depthOfField(35.0f, 8.0f, float(at.hyperfocalM), 0.03f);
    EXPECT_TRUE(std::isinf(dof.farM));
    EXPECT_TRUE(std::isinf(dof.totalM));
    EXPECT_NEAR(dof.nearM, at.hyperfocalM / 2.0, 0.02);
}

TEST(PrevisDepthOfField, CircleOfConfusionFollowsTheSensorDiagonal) {
    EXPECT_NEAR(circleOfConfusionMm(filmbackOf("full-frame")), 0.029f, 0.0005f);
    EXPECT_NEAR(circleOfConfusionMm(filmbackOf("super35")), 0.021f, 0.0005f);
    Shot shot;
    shot.sensor = *findSensorPreset("full-frame");
    shot.focalLengthMm = 50.0f, shot.fStop = 2.8f, shot.focusDistanceM = 3.0f;
    EXPECT_NEAR(shot.depthOfField().nearM, 2.74, 0.01); // c = 0.0288 mm: a little deeper than at 0.03
    EXPECT_NEAR(shot.fieldOfView().horizontalDeg, 39.6f, 0.05f);
}

// --- Poses ---

TEST(PrevisPose, LevelCameraLooksAlongPanDirectionWithUpUp) {
    const glm::quat level = orientationFromPanTiltRoll(0.0f, 0.0f, 0.0f);
    expectNear(forwardOf(level), {1, 0, 0}, 1e-6f);
    expectNear(upOf(level), {0, 0, 1}, 1e-6f);
    expectNear(rightOf(level), {0, -1, 0}, 1e-6f);
    expectNear(forwardOf(orientationFromPanTiltRoll(90.0f, 0.0f, 0.0f)), {0, 1, 0}, 1e-6f);
    expectNear(forwardOf(orientationFromPanTiltRoll(0.0f, 30.0f, 0.0f)), {0.8660254f, 0, 0.5f}, 1e-6f);
    expectNear(forwardOf(glm::quat(1, 0, 0, 0)), {0, 0, -1}, 1e-6f); // identity looks at the floor
}

TEST(PrevisPose, PositiveRollDipsTheRightSide) {
    const glm::quat rolled = orientationFromPanTiltRoll(0.0f, 0.0f, 10.0f);
    EXPECT_LT(rightOf(rolled).z, 0.0f);
    EXPECT_NEAR(std::asin(-rightOf(rolled).z), glm::radians(10.0f), 1e-5f);
    expectNear(forwardOf(rolled), {1, 0, 0}, 1e-6f);
}

TEST(PrevisPose, PanTiltRollReadsBackWhatBuiltTheOrientation) {
    for (float pan : {-170.0f, -45.0f, 0.0f, 30.0f, 135.0f, 180.0f}) {
        for (float tilt : {-80.0f, -10.0f, 0.0f, 25.0f, 89.0f}) {
            for (float roll : {-120.0f, -5.0f, 0.0f, 15.0f, 179.0f}) {
                const PanTiltRoll back = panTiltRoll(orientationFromPanTiltRoll(pan, tilt, roll));
                EXPECT_NEAR(back.tiltDeg, tilt, 1e-3f);
                EXPECT_NEAR(std::remainder(back.panDeg - pan, 360.0f), 0.0f, 2e-3f) << pan << " " << tilt;
                EXPECT_NEAR(std::remainder(back.rollDeg - roll, 360.0f), 0.0f, 2e-3f) << roll << " " << tilt;
                EXPECT_GT(back.panDeg, -180.0f);
                EXPECT_LE(back.panDeg, 180.0f);
            }
        }
    }
}

TEST(PrevisPose, StraightDownTakesPanFromThePictureTopAndNoRoll) {
    const PanTiltRoll down = panTiltRoll(orientationFromPanTiltRoll(60.0f, -90.0f, 0.0f));
    EXPECT_NEAR(down.tiltDeg, -90.0f, 1e-3f);
    EXPECT_NEAR(down.panDeg, 60.0f, 0.05f);
    EXPECT_FLOAT_EQ(down.rollDeg, 0.0f);
    const PanTiltRoll zero = panTiltRoll(glm::quat(0, 0, 0, 0));
    EXPECT_FLOAT_EQ(zero.tiltDeg, -90.0f); // the identity: looking at the floor
    const PanTiltRoll nan = panTiltRoll(glm::quat(kNaN, 0, 0, 0));
    EXPECT_FALSE(std::isnan(nan.panDeg) || std::isnan(nan.tiltDeg) || std::isnan(nan.rollDeg));
}

TEST(PrevisPose, ViewerCameraGivesTheSamePoseAndViewMatrix) {
    sr::view::Camera camera;
    camera.position = {1.0f, 2.0f, 1.6f};
    camera.yawDeg = 35.0f;
    camera.pitchDeg = -12.0f;
    const CameraPose pose = poseFromViewCamera(camera);
    expectNear(forwardOf(pose.orientation), camera.forward(), 1e-5f);
    const glm::mat4 a = viewMatrix(pose), b = camera.viewMatrix();
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) EXPECT_NEAR(a[c][r], b[c][r], 1e-5f) << c << "," << r;
    EXPECT_FLOAT_EQ(heightAboveFloor(pose, 0.1f), 1.5f);
}

TEST(PrevisPose, AngleBetweenIgnoresTheQuaternionSign) {
    const glm::quat a = orientationFromPanTiltRoll(10.0f, 0.0f, 0.0f);
    const glm::quat b = orientationFromPanTiltRoll(40.0f, 0.0f, 0.0f);
    EXPECT_NEAR(angleBetweenDeg(a, b), 30.0f, 1e-3f);
    EXPECT_NEAR(angleBetweenDeg(a, -b), 30.0f, 1e-3f);
    EXPECT_NEAR(angleBetweenDeg(a, a), 0.0f, 1e-4f);
    EXPECT_GE(glm::dot(alignHemisphere(-b, a), a), 0.0f);
}

// --- Rigs ---

TEST(PrevisRig, FreeRigGoesAnywhere) {
    EXPECT_EQ(clampToRig(Rig{}, glm::vec3(3, -4, 7)), glm::vec3(3, -4, 7));
}

TEST(PrevisRig, TripodClampsLensHeightAboveTheFloor) {
    Rig rig;
    rig.kind = RigKind::Tripod;
    rig.tripod = {0.25f, 0.6f, 1.9f};
    EXPECT_EQ(clampToRig(rig, {1, 2, 0.1f}), glm::vec3(1, 2, 0.85f));
    EXPECT_EQ(clampToRig(rig, {1, 2, 3.0f}), glm::vec3(1, 2, 2.15f));
    EXPECT_EQ(clampToRig(rig, {1, 2, 1.5f}), glm::vec3(1, 2, 1.5f));
    EXPECT_FLOAT_EQ(clampToRig(rig, {1, 2, kNaN}).z, 0.85f);
}

TEST(PrevisRig, SliderKeepsTheLensOnItsSegment) {
    Rig rig;
    rig.kind = RigKind::Track;
    rig.track = {{0, 0, 1}, {2, 0, 1}, 0.0f, 0.0f};
    expectNear(clampToRig(rig, {1.0f, 0.7f, 1.8f}), {1, 0, 1}, 1e-6f);
    expectNear(clampToRig(rig, {-3.0f, 0.0f, 1.0f}), {0, 0, 1}, 1e-6f);
    expectNear(clampToRig(rig, {9.0f, -1.0f, 0.0f}), {2, 0, 1}, 1e-6f);
    expectNear(clampToRig(rig, {kNaN, 0.0f, 1.0f}), {0, 0, 1}, 1e-6f);
}

TEST(PrevisRig, DollyOnASlopeFollowsTheTrackAndClampsItsRise) {
    Rig rig;
    rig.kind = RigKind::Track;
    rig.track = {{0, 0, 1}, {0, 4, 2}, 0.0f, 0.5f}; // rises 1 m over 4 m; a 0.5 m column
    expectNear(clampToRig(rig, {0.3f, 2.0f, 1.7f}), {0, 2, 1.7f}, 1e-6f);
    expectNear(clampToRig(rig, {0.3f, 2.0f, 3.0f}), {0, 2, 2.0f}, 1e-6f);
    expectNear(clampToRig(rig, {0.3f, 2.0f, 0.0f}), {0, 2, 1.5f}, 1e-6f);
    Rig lift = rig;
    lift.track = {{1, 1, 0.5f}, {1, 1, 2.0f}, 0.0f, 0.0f}; // a vertical track
    expectNear(clampToRig(lift, {3.0f, 0.0f, 1.2f}), {1, 1, 1.2f}, 1e-6f);
    expectNear(clampToRig(lift, {3.0f, 0.0f, 5.0f}), {1, 1, 2.0f}, 1e-6f);
}

TEST(PrevisRig, UnorderedOrNonFiniteLimitsAreInvalid) {
    Rig rig;
    rig.kind = RigKind::Tripod;
    EXPECT_TRUE(isValidRig(rig));
    rig.tripod.minHeightM = 2.5f;
    EXPECT_FALSE(isValidRig(rig));
    rig.kind = RigKind::Track;
    rig.track.end.x = kNaN;
    EXPECT_FALSE(isValidRig(rig));
    EXPECT_EQ(parseRigKind("tripod"), RigKind::Tripod);
    EXPECT_EQ(parseRigKind("crane"), std::nullopt);
}

// --- Frame guides ---

TEST(PrevisFrameGuides, ScopePictureInHdViewportIsLetterboxed) {
    const PixelRect viewport{0, 0, 1920, 1080};
    const PixelRect picture = fitAspect(viewport, 2.39f);
    EXPECT_FLOAT_EQ(picture.x, 0.0f);
    EXPECT_FLOAT_EQ(picture.width, 1920.0f);
    EXPECT_NEAR(picture.height, 1920.0f / 2.39f, 1e-3f);
    EXPECT_NEAR(picture.y, 0.5f * (1080.0f - picture.height), 1e-3f);
    const auto masks = maskRects(viewport, picture);
    ASSERT_EQ(masks.size(), 2u);
    EXPECT_FLOAT_EQ(masks[0].y, 0.0f);
    EXPECT_FLOAT_EQ(masks[0].height, picture.y);
    EXPECT_FLOAT_EQ(masks[1].y, picture.bottom());
    EXPECT_NEAR(masks[1].bottom(), 1080.0f, 1e-3f);
    EXPECT_FLOAT_EQ(masks[0].width, 1920.0f);
}

TEST(PrevisFrameGuides, AcademyPictureInHdViewportIsPillarboxed) {
    const PixelRect viewport{0, 0, 1920, 1080};
    const PixelRect picture = fitAspect(viewport, 4.0f / 3.0f);
    EXPECT_FLOAT_EQ(picture.width, 1440.0f);
    EXPECT_FLOAT_EQ(picture.x, 240.0f);
    const auto masks = maskRects(viewport, picture);
    ASSERT_EQ(masks.size(), 2u);
    EXPECT_FLOAT_EQ(masks[0].x, 0.0f);
    EXPECT_FLOAT_EQ(masks[0].width, 240.0f);
    EXPECT_FLOAT_EQ(masks[1].x, 1680.0f);
    EXPECT_FLOAT_EQ(masks[1].height, 1080.0f);
    EXPECT_TRUE(maskRects(viewport, viewport).empty());
}

TEST(PrevisFrameGuides, EveryStandardAspectFitsAndKeepsItsRatio) {
    ASSERT_EQ(standardFrameAspects().size(), 6u);
    EXPECT_EQ(standardFrameAspects().front().label, "1.33");
    EXPECT_EQ(standardFrameAspects().back().label, "2.39");
    for (const FrameAspect& aspect : standardFrameAspects()) {
        for (glm::vec2 size : {glm::vec2(1920, 1080), glm::vec2(1000, 1000), glm::vec2(800, 200)}) {
            const PixelRect picture = fitAspect({0, 0, size.x, size.y}, aspect.aspect);
            EXPECT_NEAR(picture.width / picture.height, aspect.aspect, 1e-4f) << aspect.label;
            EXPECT_TRUE(std::abs(picture.width - size.x) < 1e-3f ||
                        std::abs(picture.height - size.y) < 1e-3f);
            EXPECT_GE(picture.x, 0.0f);
            EXPECT_GE(picture.y, 0.0f);
        }
    }
}

TEST(PrevisFrameGuides, SafeAreasAreCentredAtNinetyThreeAndNinetyPercent) {
    const PixelRect picture{100, 50, 1000, 500};
    const PixelRect action = safeArea(picture, kActionSafeFraction);
    EXPECT_FLOAT_EQ(action.width, 930.0f);
    EXPECT_FLOAT_EQ(action.height, 465.0f);
    EXPECT_FLOAT_EQ(action.x, 135.0f);
    EXPECT_FLOAT_EQ(action.y, 67.5f);
    const PixelRect title = safeArea(picture, kTitleSafeFraction);
    EXPECT_FLOAT_EQ(title.width, 900.0f);
    EXPECT_EQ(title.centre(), picture.centre());
}

TEST(PrevisFrameGuides, ThirdsAndCentreMarkDivideThePicture) {
    const PixelRect picture{0, 140, 1920, 800};
    const auto thirds = thirdsLines(picture);
    EXPECT_FLOAT_EQ(thirds[0].from.x, 640.0f);
    EXPECT_FLOAT_EQ(thirds[1].from.x, 1280.0f);
    EXPECT_FLOAT_EQ(thirds[0].from.y, 140.0f);
    EXPECT_FLOAT_EQ(thirds[0].to.y, 940.0f);
    EXPECT_NEAR(thirds[2].from.y, 140.0f + 800.0f / 3.0f, 1e-3f);
    EXPECT_FLOAT_EQ(thirds[3].to.x, 1920.0f);
    const auto cross = centreMark(picture, 20.0f);
    EXPECT_EQ(cross[0].from, glm::vec2(940, 540));
    EXPECT_EQ(cross[0].to, glm::vec2(980, 540));
    EXPECT_EQ(cross[1].from, glm::vec2(960, 520));
}

TEST(PrevisFrameGuides, LevelCameraHasItsHorizonThroughTheCentre) {
    const PixelRect picture{0, 0, 1920, 1080};
    const auto horizon = horizonLine(picture, 40.0f, 0.0f, 0.0f);
    ASSERT_TRUE(horizon);
    EXPECT_NEAR(horizon->from.x, 0.0f, 1e-3f);
    EXPECT_NEAR(horizon->to.x, 1920.0f, 1e-3f);
    EXPECT_NEAR(horizon->from.y, 540.0f, 1e-3f);
    EXPECT_NEAR(horizon->to.y, 540.0f, 1e-3f);
}

TEST(PrevisFrameGuides, TiltingUpLowersTheHorizonByTheLensProjection) {
    const PixelRect picture{0, 0, 1920, 1080};
    const auto horizon = horizonLine(picture, 40.0f, 10.0f, 0.0f);
    ASSERT_TRUE(horizon);
    const float expectedY = 540.0f + 540.0f * std::tan(glm::radians(10.0f)) / std::tan(glm::radians(20.0f));
    EXPECT_NEAR(horizon->from.y, expectedY, 0.01f);
    EXPECT_NEAR(horizon->to.y, expectedY, 0.01f);
}

TEST(PrevisFrameGuides, RollTurnsTheHorizonByTheRollAngleRisingToTheRight) {
    const PixelRect picture{0, 0, 1920, 1080};
    const auto horizon = horizonLine(picture, 40.0f, 0.0f, 10.0f);
    ASSERT_TRUE(horizon);
    const glm::vec2 d = horizon->to - horizon->from;
    EXPECT_GT(d.x, 0.0f);
    EXPECT_LT(d.y, 0.0f); // pixel y grows downwards: the line rises to the right
    EXPECT_NEAR(glm::degrees(std::atan2(-d.y, d.x)), 10.0f, 1e-3f);
    EXPECT_NEAR(0.5f * (horizon->from + horizon->to).y, 540.0f, 0.01f);
}

TEST(PrevisFrameGuides, HorizonOutsideThePictureOrUndefinedIsNotDrawn) {
    const PixelRect picture{0, 0, 1920, 1080};
    EXPECT_FALSE(horizonLine(picture, 30.0f, 60.0f, 0.0f));
    EXPECT_FALSE(horizonLine(picture, 30.0f, -90.0f, 0.0f));
    EXPECT_FALSE(horizonLine(picture, kNaN, 0.0f, 0.0f));
    EXPECT_FALSE(horizonLine(picture, 40.0f, 0.0f, kNaN));
    EXPECT_FALSE(horizonLine({0, 0, 0, 0}, 40.0f, 0.0f, 0.0f));
}

TEST(PrevisFrameGuides, LayoutCollectsWhatTheOptionsAskFor) {
    FrameGuideOptions options;
    options.pictureAspect = 1.85f;
    options.frameLineAspects = {2.39f, 1.78f};
    options.thirds = true;
    options.horizon = true;
    options.verticalFovDeg = 30.0f;
    const FrameGuides guides = layoutFrameGuides({1920, 1080}, options);
    EXPECT_NEAR(guides.picture.width / guides.picture.height, 1.85f, 1e-4f);
    EXPECT_EQ(guides.masks.size(), 2u);
    ASSERT_EQ(guides.frameLines.size(), 2u);
    EXPECT_FLOAT_EQ(guides.frameLines[0].width, guides.picture.width);   // 2.39 inside 1.85: letterbox
    EXPECT_FLOAT_EQ(guides.frameLines[1].height, guides.picture.height); // 1.78 inside 1.85: pillarbox
    ASSERT_TRUE(guides.actionSafe && guides.titleSafe);
    EXPECT_EQ(guides.thirds.size(), 4u);
    EXPECT_EQ(guides.centre.size(), 2u);
    ASSERT_TRUE(guides.horizon);
    EXPECT_NEAR(guides.horizon->from.y, guides.picture.centre().y, 1e-3f);

    FrameGuideOptions bare;
    bare.safeAreas = bare.centreMark = false;
    const FrameGuides plain = layoutFrameGuides({640, 480}, bare);
    EXPECT_TRUE(plain.masks.empty());
    EXPECT_FALSE(plain.actionSafe);
    EXPECT_TRUE(plain.centre.empty());
    EXPECT_FALSE(plain.horizon);
}
