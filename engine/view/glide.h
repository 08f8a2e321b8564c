#pragma once
// Moving the visitor from one place to stand to another: a slow, eased glide when the way is
// clear, or a quiet fade through black when it is not (or when the visitor asked for reduced
// motion). Plans are pure functions of their inputs; evaluating one needs only a time.
//
// World space: right-handed, +Z up, metres. Angles in degrees as view::Camera has them.
#include "view/bvh.h"
#include "view/walker.h"

namespace sr::view {

// Where an eye is and which way it looks.
struct Pose {
    glm::vec3 position{0.0f}; // the eye, world space
    float yawDeg = 0.0f;      // counter-clockwise about +Z from +X
    float pitchDeg = 0.0f;    // above the horizon
};

enum class GlideStyle {
    Move, // the eye travels the straight line, easing in and out
    Fade, // fade to black at the start pose, cut, fade in at the end pose
};

struct GlideSettings {
    float speed = 0.7f;           // metres per second, on average over a Move
    float turnSpeedDeg = 60.0f;   // degrees per second, on average, for the turn of a Move
    float minSeconds = 1.2f;      // a Move never takes less...
    float maxSeconds = 4.0f;      // ...or more
    float fadeOutSeconds = 0.35f; // Fade: to black
    float fadeInSeconds = 0.35f;  // Fade: from black
};

struct GlidePlan {
    GlideStyle style = GlideStyle::Move;
    float duration = 0.0f; // seconds from start to end
    Pose from;
    // The destination, with yawDeg re-expressed within 180 degrees of from.yawDeg (so it may lie
    // outside [0, 360)): the glide turns the short way and its yaw is continuous as a number.
    Pose to;
    float fadeOutSeconds = 0.0f, fadeInSeconds = 0.0f; // Fade only; they sum to `duration`
};

// One moment of a glide.
struct GlideFrame {
    Pose pose;
    float fadeAlpha = 0.0f; // 0 = the room is fully visible, 1 = black
};

// The signed turn from `fromDeg` to `toDeg` the short way round, in (-180, 180].
float shortestYawDelta(float fromDeg, float toDeg);

// Whether a visitor could glide in a straight line between the eyes of `from` and `to`: segment
// tests (MeshBvh::anyHit) along the path at the eye, and, where both ends stand on a floor, at
// waist and at stepHeight above the floor; plus, at each of those heights, paths swung out
// sideways by the walker's radius at the middle (meeting the straight line at both ends, since
// each end is assumed to be a clear place to stand). A pose with no floor under it (a close view
// above furniture) is checked at eye height only.
bool isGlidePathClear(const Pose& from, const Pose& to, const MeshBvh& bvh, const WalkerSettings& walker);

// Plans the glide from `from` to `to`. A Move when the path is clear and `reducedMotion` is off:
// its duration is the longer of distance / speed and turn / turnSpeedDeg, clamped to
// [minSeconds, maxSeconds]. Otherwise (also when a pose is not finite) a Fade of fadeOutSeconds +
// fadeInSeconds.
GlidePlan planGlide(const Pose& from, const Pose& to, const MeshBvh& bvh, const WalkerSettings& walker,
                    bool reducedMotion, const GlideSettings& settings = {});

// The clamped smoothstep: 0 up to t = 0, 1 from t = 1, easing in and out with zero slope at both
// ends. The one easing of glides, fades and dissolves.
float smoothstep01(double t);

// The pose and fade `t` seconds after the glide started. t <= 0 (or NaN) gives exactly
// plan.from, t >= duration exactly plan.to, both with fadeAlpha 0. A Move eases in and out
// (smoothstep: zero velocity at both ends) and is continuous in position, yaw and pitch; a Fade
// holds plan.from while darkening, cuts to plan.to at full black and lightens; its alpha is
// continuous.
GlideFrame evaluate(const GlidePlan& plan, float t);

} // namespace sr::view
