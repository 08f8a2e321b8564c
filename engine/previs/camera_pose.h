#pragma once
// Where a film camera is and which way it points, and the numbers a camera operator reads off a
// head: pan, tilt and roll.
//
// World space: right-handed, +Z up, metres. Camera space (the same as glTF's, Blender's and
// view::Camera's view space): +X to the right of the picture, +Y up the picture, the lens looks
// along -Z. A pose's orientation rotates camera space into world space, so the identity looks
// straight down at the floor; orientationFromPanTiltRoll(0, 0, 0) looks level along +X.
// Pure functions: any thread.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "view/camera.h"

namespace sr::previs {

struct CameraPose {
    glm::vec3 position{0.0f};          // the lens's entrance pupil, world space, metres
    glm::quat orientation{1, 0, 0, 0}; // camera space to world space, unit length
};

// Angles of a pan-tilt head, in degrees.
struct PanTiltRoll {
    float panDeg = 0.0f;  // counter-clockwise about +Z from +X, as view::Camera's yaw; (-180, 180]
    float tiltDeg = 0.0f; // of the lens's axis above the horizon; [-90, 90]
    // About the lens's axis: positive turns the camera clockwise as its operator sees it from
    // behind (the right side of the picture dips, so the horizon rises to the right). (-180, 180]
    float rollDeg = 0.0f;
};

// The orientation of a camera panned, then tilted, then rolled from looking level along +X.
glm::quat orientationFromPanTiltRoll(float panDeg, float tiltDeg, float rollDeg);
inline glm::quat orientationFromPanTiltRoll(const PanTiltRoll& angles) {
    return orientationFromPanTiltRoll(angles.panDeg, angles.tiltDeg, angles.rollDeg);
}
// The head angles of an orientation (normalised first; a zero or non-finite quaternion gives all
// zeros). Looking straight up or down, pan follows the picture's top edge and roll is 0.
PanTiltRoll panTiltRoll(const glm::quat& orientation);

// Unit world-space directions of the camera's axes.
glm::vec3 forwardOf(const glm::quat& orientation); // the lens's axis, camera -Z
glm::vec3 rightOf(const glm::quat& orientation);   // camera +X
glm::vec3 upOf(const glm::quat& orientation);      // camera +Y

// Height of the lens above a floor at world height `floorZ`, in metres (negative below it).
float heightAboveFloor(const CameraPose& pose, float floorZ);

// World-to-camera matrix (camera space as above, the same as view::Camera::viewMatrix's).
glm::mat4 viewMatrix(const CameraPose& pose);
// The pose of a viewer camera: its yaw and pitch become pan and tilt, roll is 0.
CameraPose poseFromViewCamera(const view::Camera& camera);

// `q` or `-q` (the same rotation), whichever lies in the hemisphere of `reference` (dot >= 0).
glm::quat alignHemisphere(const glm::quat& q, const glm::quat& reference);
// The angle in degrees of the rotation that takes `a` to `b`, in [0, 180].
float angleBetweenDeg(const glm::quat& a, const glm::quat& b);

} // namespace sr::previs
