#include "view/camera.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace sr::view {

glm::vec3 Camera::forward() const {
    float yaw = glm::radians(yawDeg);
    float pitch = glm::radians(pitchDeg);
    return {std::cos(pitch) * std::cos(yaw), std::cos(pitch) * std::sin(yaw), std::sin(pitch)};
}

glm::vec3 Camera::right() const {
    float yaw = glm::radians(yawDeg);
    return {std::sin(yaw), -std::cos(yaw), 0.0f};
}

glm::mat4 Camera::viewMatrix() const {
    glm::vec3 f = forward();
    glm::vec3 r = right();
    glm::vec3 u = glm::cross(r, f);
    return glm::lookAtRH(position, position + f, u);
}

glm::mat4 Camera::projectionMatrix(float aspect) const {
    glm::mat4 p = glm::perspectiveRH_ZO(glm::radians(verticalFovDeg), aspect, nearPlane, farPlane);
    p[1][1] *= -1.0f; // Vulkan clip space has +Y down
    return p;
}

float horizontalFovDeg(float verticalFovDeg, float aspect) {
    return glm::degrees(2.0f * std::atan(std::tan(glm::radians(verticalFovDeg) * 0.5f) * aspect));
}

} // namespace sr::view
