// Unit tests of camera moves: keyframe checks, the smooth path through keyframes (continuity,
// no flips, no overshoot), easing and per-frame sampling.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "previs/camera_move.h"
#include "previs/camera_pose.h"
#include "previs/move_path.h"

using namespace sr::previs;

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Keyframe key(double time, glm::vec3 position, float panDeg, float tiltDeg = 0.0f, float rollDeg = 0.0f,
             float focal = 35.0f, float focus = 3.0f) {
    Keyframe k;
    k.timeS = time;
    k.position = position;
    k.orientation = orientationFromPanTiltRoll(panDeg, tiltDeg, rollDeg);
    k.focalLengthMm = focal;
    k.focusDistanceM = focus;
    return k;
}

// A move with uneven timing and spacing, turning, tilting, rolling and zooming.
CameraMove curvyMove() {
    CameraMove move;
    move.name = "curvy";
    move.keyframes = {key(0.0, {0, 0, 1.5f}, 0.0f, 0.0f, 0.0f, 24.0f, 2.0f),
                      key(1.5, {2, 1, 1.6f}, 40.0f, -10.0f, 5.0f, 35.0f, 3.0f),
                      key(2.0, {2.5f, 3, 1.4f}, 100.0f, 5.0f, -5.0f, 50.0f, 2.5f),
                      key(4.0, {0, 4, 1.8f}, 190.0f, 15.0f, 0.0f, 50.0f, 6.0f),
                      key(4.7, {-1, 2, 1.5f}, 250.0f, 0.0f, 10.0f, 85.0f, 4.0f)};
    return move;
}

MovePath pathOf(const CameraMove& move) {
    auto path = MovePath::create(move);
    EXPECT_TRUE(path.ok()) << (path.ok() ? "" : path.error().describe());
    return std::move(path).value();
}

// Body-frame angular velocity (radians per second) from a to b over dt.
glm::dvec3 angularVelocity(const glm::quat& a, const glm::quat& b, double dt) {
    glm::dquat r = glm::conjugate(glm::dquat(a)) * glm::dquat(b);
    if (r.w < 0.0) r = -r;
    const glm::dvec3 v(r.x, r.y, r.z);
    const double s = glm::length(v);
    return s < 1e-15 ? glm::dvec3(0.0) : v * (2.0 * std::atan2(s, r.w) / s / dt);
}

void expectError(const CameraMove& move, const std::string& path) {
    const auto status = checkMove(move);
    ASSERT_FALSE(status.ok()) << path;
    EXPECT_EQ(status.error().path, path) << status.error().message;
    EXPECT_FALSE(MovePath::create(move).ok());
}
} // namespace

TEST(PrevisMove, CheckNamesTheFirstBadKeyframeValue) {
    CameraMove move;
    expectError(move, "keyframes");
    move = curvyMove();
    move.keyframes[2].timeS = 1.5;
    expectError(move, "keyframes[2].time_s");
    move = curvyMove();
    move.keyframes[1].position.y = kNaN;
    expectError(move, "keyframes[1].position");
    move = curvyMove();
    move.keyframes[3].orientation = glm::quat(0, 0, 0, 0);
    expectError(move, "keyframes[3].orientation");
    move = curvyMove();
    move.keyframes[0].focalLengthMm = 0.0f;
    expectError(move, "keyframes[0].focal_length_mm");
    move = curvyMove();
    move.keyframes[4].focusDistanceM = -1.0f;
    expectError(move, "keyframes[4].focus_m");
    move = curvyMove();
    move.keyframes[4].timeS = kMaxMoveSeconds + 1.0;
    expectError(move, "keyframes[4].time_s");
    EXPECT_TRUE(checkMove(curvyMove()).ok());
}

TEST(PrevisMove, PassesThroughEveryKeyframeAtItsTime) {
    const CameraMove move = curvyMove();
    const MovePath path = pathOf(move);
    EXPECT_DOUBLE_EQ(path.startTime(), 0.0);
    EXPECT_DOUBLE_EQ(path.duration(), 4.7);
    for (const Keyframe& k : move.keyframes) {
        const MoveSample s = path.evaluate(k.timeS);
        EXPECT_NEAR(glm::distance(s.position, k.position), 0.0f, 1e-5f) << k.timeS;
        EXPECT_NEAR(angleBetweenDeg(s.orientation, k.orientation), 0.0f, 0.01f) << k.timeS;
        EXPECT_NEAR(s.focalLengthMm, k.focalLengthMm, 1e-4f);
        EXPECT_NEAR(s.focusDistanceM, k.focusDistanceM, 1e-5f);
    }
}

TEST(PrevisMove, TwoKeyframesMoveAtConstantSpeedInAStraightLine) {
    CameraMove move;
    move.keyframes = {key(1.0, {0, 0, 1}, 0.0f), key(3.0, {4, 2, 1}, 60.0f)};
    const MovePath path = pathOf(move);
    for (double t : {1.5, 2.0, 2.5}) {
        const MoveSample s = path.evaluate(t);
        const float f = float((t - 1.0) / 2.0);
        EXPECT_NEAR(glm::distance(s.position, glm::vec3(4 * f, 2 * f, 1)), 0.0f, 1e-5f) << t;
        EXPECT_NEAR(panTiltRoll(s.orientation).panDeg, 60.0f * f, 0.01f) << t; // constant turn rate
    }
}

TEST(PrevisMove, PositionIsC1AtEveryKeyframe) {
    const CameraMove move = curvyMove();
    const MovePath path = pathOf(move);
    const double h = 1e-3;
    for (size_t i = 1; i + 1 < move.keyframes.size(); ++i) {
        const double t = move.keyframes[i].timeS;
        const glm::vec3 p = path.evaluate(t).position;
        const glm::vec3 before = (p - path.evaluate(t - h).position) / float(h);
        const glm::vec3 after = (path.evaluate(t + h).position - p) / float(h);
        EXPECT_GT(glm::length(after), 0.2f) << "keyframe " << i; // moving, so the check means something
        EXPECT_LT(glm::distance(before, after), 0.02f) << "keyframe " << i;
    }
}

TEST(PrevisMove, OrientationAndLensAreC1AtEveryKeyframe) {
    const CameraMove move = curvyMove();
    const MovePath path = pathOf(move);
    const double h = 1e-3;
    for (size_t i = 1; i + 1 < move.keyframes.size(); ++i) {
        const double t = move.keyframes[i].timeS;
        const MoveSample a = path.evaluate(t - h), b = path.evaluate(t), c = path.evaluate(t + h);
        const glm::dvec3 before = angularVelocity(a.orientation, b.orientation, h);
        const glm::dvec3 after = angularVelocity(b.orientation, c.orientation, h);
        EXPECT_GT(glm::length(after), 0.1) << "keyframe " << i;
        EXPECT_LT(glm::distance(before, after), 0.02) << "keyframe " << i;
        EXPECT_NEAR((b.focalLengthMm - a.focalLengthMm) / h, (c.focalLengthMm - b.focalLengthMm) / h, 0.2);
        EXPECT_NEAR((b.focusDistanceM - a.focusDistanceM) / h, (c.focusDistanceM - b.focusDistanceM) / h,
                    0.05);
    }
}

// The check above would catch a kink: a segment that comes to rest meeting one that does not.
TEST(PrevisMove, EasingOutIntoALinearSegmentBreaksSpeedContinuityAsDocumented) {
    CameraMove move = curvyMove();
    move.keyframes[1].easing = Easing::EaseOut;
    const MovePath path = pathOf(move);
    const double t = move.keyframes[2].timeS, h = 1e-3;
    const glm::vec3 p = path.evaluate(t).position;
    const float before = glm::length(p - path.evaluate(t - h).position) / float(h);
    const float after = glm::length(path.evaluate(t + h).position - p) / float(h);
    EXPECT_LT(before, 0.05f);
    EXPECT_GT(after, 0.5f);
}

TEST(PrevisMove, QuaternionSignOfKeyframesNeverFlipsThePath) {
    CameraMove plain;
    for (int i = 0; i < 5; ++i)
        plain.keyframes.push_back(key(i, {float(i), 0, 1.5f}, 40.0f * float(i), 5.0f));
    CameraMove flipped = plain;
    for (size_t i = 1; i < flipped.keyframes.size(); i += 2)
        flipped.keyframes[i].orientation = -flipped.keyframes[i].orientation;
    const MovePath a = pathOf(plain), b = pathOf(flipped);
    const std::vector<MoveSample> samples = b.sample(100.0);
    for (size_t i = 0; i < samples.size(); ++i) {
        const MoveSample& s = samples[i];
        EXPECT_LT(angleBetweenDeg(s.orientation, a.evaluate(s.timeS).orientation), 1e-3f) << s.timeS;
        if (i > 0) {
            EXPECT_GT(glm::dot(s.orientation, samples[i - 1].orientation), 0.0f) << s.timeS;
            EXPECT_LT(angleBetweenDeg(s.orientation, samples[i - 1].orientation), 1.0f) << s.timeS;
        }
    }
    // Halfway between the 40 and 80 degree keyframes, the pan is about 60 degrees, not a spin.
    EXPECT_NEAR(panTiltRoll(b.evaluate(1.5).orientation).panDeg, 60.0f, 2.0f);
}

TEST(PrevisMove, TurnsPastHalfARevolutionTakeTheShortWayBetweenKeyframes) {
    CameraMove move;
    move.keyframes = {key(0.0, {0, 0, 1.5f}, 0.0f), key(1.0, {0, 0, 1.5f}, 170.0f),
                      key(2.0, {0, 0, 1.5f}, 340.0f)};
    const MovePath path = pathOf(move);
    EXPECT_NEAR(std::remainder(panTiltRoll(path.evaluate(0.5).orientation).panDeg - 85.0f, 360.0f), 0.0f,
                3.0f);
    EXPECT_NEAR(std::remainder(panTiltRoll(path.evaluate(1.5).orientation).panDeg - 255.0f, 360.0f), 0.0f,
                3.0f);
    const auto samples = path.sample(50.0);
    for (size_t i = 1; i < samples.size(); ++i)
        EXPECT_LT(angleBetweenDeg(samples[i].orientation, samples[i - 1].orientation), 5.0f);
}

TEST(PrevisMove, UnevenKeyframesNeverRunBackwardsOrOvershoot) {
    // Centripetal Catmull-Rom: bunched keyframes on a line give no loop or backward step; the
    // monotonic lens curves never leave the keyframes' range.
    CameraMove move;
    move.keyframes = {
        key(0.0, {0, 0, 1}, 0.0f, 0, 0, 24.0f, 1.0f), key(1.0, {1, 0, 1}, 0.0f, 0, 0, 100.0f, 1.0f),
        key(1.2, {1.05f, 0, 1}, 0.0f, 0, 0, 100.0f, 8.0f), key(4.0, {6, 0, 1}, 0.0f, 0, 0, 24.0f, 8.0f)};
    const auto samples = pathOf(move).sample(200.0);
    for (size_t i = 1; i < samples.size(); ++i) {
        EXPECT_GE(samples[i].position.x, samples[i - 1].position.x - 1e-5f) << samples[i].timeS;
        EXPECT_NEAR(samples[i].position.y, 0.0f, 1e-5f);
    }
    for (const MoveSample& s : samples) {
        EXPECT_GE(s.focalLengthMm, 24.0f - 1e-3f);
        EXPECT_LE(s.focalLengthMm, 100.0f + 1e-3f);
        EXPECT_GE(s.focusDistanceM, 1.0f - 1e-4f);
        EXPECT_LE(s.focusDistanceM, 8.0f + 1e-4f);
        if (s.timeS >= 1.0 && s.timeS <= 1.2) { // a hold holds
            EXPECT_NEAR(s.focalLengthMm, 100.0f, 1e-3f);
        }
    }
}

TEST(PrevisMove, RepeatedPositionHoldsStillWhileTheCameraTurns) {
    CameraMove move;
    move.keyframes = {key(0.0, {0, 0, 1}, 0.0f), key(1.0, {2, 0, 1}, 0.0f), key(2.0, {2, 0, 1}, 90.0f),
                      key(3.0, {2, 2, 1}, 90.0f)};
    const MovePath path = pathOf(move);
    for (double t = 1.0; t <= 2.0; t += 0.05) {
        const MoveSample s = path.evaluate(t);
        EXPECT_NEAR(glm::distance(s.position, glm::vec3(2, 0, 1)), 0.0f, 1e-4f) << t;
        EXPECT_FALSE(std::isnan(s.orientation.w));
    }
    EXPECT_NEAR(panTiltRoll(path.evaluate(1.5).orientation).panDeg, 45.0f, 5.0f);
}

TEST(PrevisMove, EaseInOutStartsAndEndsAtRestAndIsSymmetric) {
    CameraMove move;
    move.keyframes = {key(0.0, {0, 0, 1}, 0.0f), key(2.0, {4, 0, 1}, 0.0f)};
    move.keyframes[0].easing = Easing::EaseInOut;
    const MovePath path = pathOf(move);
    const double h = 1e-3;
    EXPECT_LT(glm::distance(path.evaluate(h).position, path.evaluate(0.0).position) / h, 0.01);
    EXPECT_LT(glm::distance(path.evaluate(2.0).position, path.evaluate(2.0 - h).position) / h, 0.01);
    EXPECT_NEAR(path.evaluate(1.0).position.x, 2.0f, 1e-5f);
    EXPECT_NEAR(path.evaluate(1.0).position.x - path.evaluate(0.0).position.x, 2.0f, 1e-5f);
    EXPECT_NEAR(path.evaluate(1.0 + 0.3).position.x - 2.0f, 2.0f - path.evaluate(1.0 - 0.3).position.x,
                1e-5f);
}

TEST(PrevisMove, EasingCurvesEndAtRestOnlyWhereNamed) {
    const double h = 1e-6;
    const auto slope = [h](Easing e, double u) {
        return (applyEasing(e, u + h) - applyEasing(e, u - h)) / (2 * h);
    };
    for (Easing e : {Easing::Linear, Easing::EaseIn, Easing::EaseOut, Easing::EaseInOut}) {
        EXPECT_DOUBLE_EQ(applyEasing(e, 0.0), 0.0);
        EXPECT_DOUBLE_EQ(applyEasing(e, 1.0), 1.0);
        for (double u = 0.0; u < 1.0; u += 0.01) EXPECT_LE(applyEasing(e, u), applyEasing(e, u + 0.01));
        EXPECT_EQ(parseEasing(easingName(e)), e);
    }
    EXPECT_NEAR(slope(Easing::EaseIn, h), 0.0, 1e-4);
    EXPECT_NEAR(slope(Easing::EaseIn, 1.0 - h), 1.0, 1e-4);
    EXPECT_NEAR(slope(Easing::EaseOut, h), 1.0, 1e-4);
    EXPECT_NEAR(slope(Easing::EaseOut, 1.0 - h), 0.0, 1e-4);
    EXPECT_EQ(parseEasing("bounce"), std::nullopt);
}

TEST(PrevisMove, SamplesEveryFrameFromStartToEnd) {
    CameraMove move;
    move.keyframes = {key(0.5, {0, 0, 1}, 0.0f), key(2.5, {4, 0, 1}, 90.0f)};
    const auto samples = pathOf(move).sample(24.0);
    ASSERT_EQ(samples.size(), 49u);
    for (size_t i = 0; i < samples.size(); ++i) {
        EXPECT_EQ(samples[i].frame, int64_t(i));
        EXPECT_DOUBLE_EQ(samples[i].timeS, 0.5 + double(i) / 24.0);
    }
    EXPECT_NEAR(samples.back().position.x, 4.0f, 1e-5f);
    EXPECT_GE(samples.front().orientation.w, 0.0f);
    move.keyframes[1].timeS = 1.51; // 1.01 s: 24.24 frames, so frames 0..24
    EXPECT_EQ(pathOf(move).sample(24.0).size(), 25u);
}

TEST(PrevisMove, SingleKeyframeIsAStillAndEvaluationClampsTime) {
    CameraMove still;
    still.keyframes = {key(3.0, {1, 2, 3}, 45.0f, 0, 0, 50.0f, 2.0f)};
    const MovePath path = pathOf(still);
    EXPECT_DOUBLE_EQ(path.duration(), 0.0);
    const auto samples = path.sample(25.0);
    ASSERT_EQ(samples.size(), 1u);
    EXPECT_EQ(samples[0].position, glm::vec3(1, 2, 3));
    EXPECT_FLOAT_EQ(samples[0].focalLengthMm, 50.0f);

    const MovePath curvy = pathOf(curvyMove());
    EXPECT_EQ(curvy.evaluate(-10.0).position, curvy.evaluate(0.0).position);
    EXPECT_EQ(curvy.evaluate(99.0).position, curvy.evaluate(4.7).position);
    EXPECT_EQ(curvy.evaluate(std::nan("")).position, curvy.evaluate(0.0).position);
}
