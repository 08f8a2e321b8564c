#pragma once
// A camera move: keyframes of pose, focal length and focus in time, and per-frame samples of it.
// World space: +Z up, metres; orientations rotate camera space into world space (camera_pose.h).
// Pure functions: any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/result.h"

namespace sr::previs {

// How time runs through one segment between two keyframes. A segment that eases in starts from
// rest and one that eases out comes to rest; speed is continuous across a keyframe when the
// segments on both sides agree there (both come to rest, or neither does).
enum class Easing {
    Linear,    // neither
    EaseIn,    // starts from rest
    EaseOut,   // comes to rest
    EaseInOut, // both
};

// "linear", "ease_in", "ease_out", "ease_in_out": the names project files use.
std::string_view easingName(Easing easing);
std::optional<Easing> parseEasing(std::string_view name);

struct Keyframe {
    double timeS = 0.0; // seconds from the move's time origin
    glm::vec3 position{0.0f};
    glm::quat orientation{1, 0, 0, 0}; // need not be unit length or in the same hemisphere
    float focalLengthMm = 35.0f;
    float focusDistanceM = 3.0f;
    Easing easing = Easing::Linear; // of the segment from this keyframe to the next
};

struct CameraMove {
    std::string name; // unique within a project
    std::string shot; // the name of the shot whose camera body and lens make the move; may be empty
    std::vector<Keyframe> keyframes;
};

// One frame of a move.
struct MoveSample {
    int64_t frame = 0;  // 0 for the move's first keyframe
    double timeS = 0.0; // the move's time
    glm::vec3 position{0.0f};
    glm::quat orientation{1, 0, 0, 0}; // unit; consecutive samples lie in the same hemisphere
    float focalLengthMm = 35.0f;
    float focusDistanceM = 3.0f;
};

// Longest move accepted, in seconds, and fastest sampling, in frames per second.
inline constexpr double kMaxMoveSeconds = 3600.0;
inline constexpr double kMaxFramesPerSecond = 240.0;

// `u` in [0, 1] re-timed by `easing`: monotonic, 0 -> 0 and 1 -> 1, with slope 0 at an end that
// is at rest and slope 1 at an end that is not.
double applyEasing(Easing easing, double u);

// Checks what MovePath needs: at least one keyframe, at most 100000; times finite, strictly
// increasing and spanning at most kMaxMoveSeconds; positions finite; orientations finite and not
// zero; focal lengths and focus distances finite and > 0. The Error's path names the first bad
// value as "keyframes[3].time_s" and its message says why.
core::Status checkMove(const CameraMove& move);

} // namespace sr::previs
