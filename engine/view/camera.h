#pragma once
// A pinhole camera in world space (+Z up, metres).
#include <glm/glm.hpp>

namespace sr::view {

// yaw: degrees counter-clockwise about +Z from +X (0 looks along +X, 90 along +Y).
// pitch: degrees above the horizon (positive looks up), clamped by callers to (-90, 90).
// verticalFovDeg: full vertical field of view in degrees.
struct Camera {
    glm::vec3 position{0.0f};
    float yawDeg = 0.0f;
    float pitchDeg = 0.0f;
    float verticalFovDeg = 60.0f;
    float nearPlane = 0.02f; // metres
    float farPlane = 200.0f; // metres

    // Unit vector the camera looks along.
    glm::vec3 forward() const;
    // Unit vector to the camera's right, horizontal.
    glm::vec3 right() const;
    // World-to-view matrix (view space: right-handed, -Z forward, +Y up, OpenGL style).
    glm::mat4 viewMatrix() const;
    // Perspective projection for Vulkan: depth 0..1, clip-space Y pointing down, so images come out
    // upright with a positive-height viewport. `aspect` is width / height.
    glm::mat4 projectionMatrix(float aspect) const;
};

// Horizontal field of view in degrees for a vertical one and an aspect ratio (width / height).
float horizontalFovDeg(float verticalFovDeg, float aspect);

} // namespace sr::view
