#include "previs/camera_pose.h"

#include <algorithm>
#include <cmath>

namespace sr::previs {

namespace {
constexpr glm::vec3 kWorldUp{0.0f, 0.0f, 1.0f};

// Camera space to a level camera looking along +X: -Z (forward) to +X, +Y (up) to +Z, +X (right)
// to -Y. Columns are the images of camera +X, +Y, +Z.
glm::quat levelAlongX() {
    return glm::quat_cast(glm::mat3(glm::vec3(0, -1, 0), glm::vec3(0, 0, 1), glm::vec3(-1, 0, 0)));
}

glm::quat normalisedOrIdentity(const glm::quat& q) {
    const float length = glm::length(q);
    if (!(length > 1e-12f) || !std::isfinite(length)) return {1, 0, 0, 0};
    return q / length;
}
} // namespace

glm::quat orientationFromPanTiltRoll(float panDeg, float tiltDeg, float rollDeg) {
    const glm::quat pan = glm::angleAxis(glm::radians(panDeg), glm::vec3(0, 0, 1));
    // Tilting up turns the +X forward axis towards +Z: a negative turn about +Y (left).
    const glm::quat tilt = glm::angleAxis(glm::radians(-tiltDeg), glm::vec3(0, 1, 0));
    // Turning about the forward axis by the right-hand rule dips the right side (-Y).
    const glm::quat roll = glm::angleAxis(glm::radians(rollDeg), glm::vec3(1, 0, 0));
    return glm::normalize(pan * tilt * roll * levelAlongX());
}

PanTiltRoll panTiltRoll(const glm::quat& orientation) {
    const glm::quat q = normalisedOrIdentity(orientation);
    const glm::vec3 forward = forwardOf(q);
    const glm::vec3 right = rightOf(q);
    const glm::vec3 up = upOf(q);
    PanTiltRoll out;
    const float horizontal = std::hypot(forward.x, forward.y);
    out.tiltDeg = glm::degrees(std::atan2(forward.z, horizontal)); // exact near +-90, unlike asin
    if (horizontal < 1e-6f) { // straight up or down: the picture's top edge gives the pan
        const glm::vec3 top = forward.z < 0.0f ? up : -up;
        out.panDeg = glm::degrees(std::atan2(top.y, top.x));
        return out;
    }
    out.panDeg = glm::degrees(std::atan2(forward.y, forward.x));
    const glm::vec3 levelRight = glm::normalize(glm::cross(forward, kWorldUp));
    const glm::vec3 levelUp = glm::cross(levelRight, forward);
    out.rollDeg = glm::degrees(std::atan2(-glm::dot(right, levelUp), glm::dot(right, levelRight)));
    if (out.panDeg <= -180.0f) out.panDeg += 360.0f;
    if (out.rollDeg <= -180.0f) out.rollDeg += 360.0f;
    return out;
}

glm::vec3 forwardOf(const glm::quat& orientation) { return orientation * glm::vec3(0, 0, -1); }
glm::vec3 rightOf(const glm::quat& orientation) { return orientation * glm::vec3(1, 0, 0); }
glm::vec3 upOf(const glm::quat& orientation) { return orientation * glm::vec3(0, 1, 0); }

float heightAboveFloor(const CameraPose& pose, float floorZ) { return pose.position.z - floorZ; }

glm::mat4 viewMatrix(const CameraPose& pose) {
    const glm::mat3 toCamera = glm::mat3_cast(glm::conjugate(pose.orientation));
    glm::mat4 view(toCamera);
    view[3] = glm::vec4(-(toCamera * pose.position), 1.0f);
    return view;
}

CameraPose poseFromViewCamera(const view::Camera& camera) {
    return CameraPose{camera.position, orientationFromPanTiltRoll(camera.yawDeg, camera.pitchDeg, 0.0f)};
}

glm::quat alignHemisphere(const glm::quat& q, const glm::quat& reference) {
    return glm::dot(q, reference) < 0.0f ? -q : q;
}

float angleBetweenDeg(const glm::quat& a, const glm::quat& b) {
    // atan2 rather than acos of the dot product: exact for small angles too.
    const glm::quat relative = glm::conjugate(glm::normalize(a)) * glm::normalize(b);
    const float sinHalf = glm::length(glm::vec3(relative.x, relative.y, relative.z));
    return glm::degrees(2.0f * std::atan2(sinHalf, std::abs(relative.w)));
}

} // namespace sr::previs
