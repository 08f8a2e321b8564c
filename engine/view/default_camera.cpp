#include "view/default_camera.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sr::view {
namespace {
// Height at which the vertical line through (x, y) crosses triangle abc, if it does.
bool verticalHit(glm::vec3 a, glm::vec3 b, glm::vec3 c, float x, float y, float& z) {
    const float d = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
    if (std::abs(d) < 1e-12f) return false; // vertical triangle: a wall
    const float u = ((b.y - c.y) * (x - c.x) + (c.x - b.x) * (y - c.y)) / d;
    const float v = ((c.y - a.y) * (x - c.x) + (a.x - c.x) * (y - c.y)) / d;
    if (u < 0.0f || v < 0.0f || u + v > 1.0f) return false;
    z = u * a.z + v * b.z + (1.0f - u - v) * c.z;
    return std::isfinite(z);
}
} // namespace

float findFloorHeight(const asset::RoomMesh& mesh, float x, float y) {
    float lowest = std::numeric_limits<float>::infinity();
    for (size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        float z;
        if (verticalHit(mesh.vertices[mesh.indices[i]].position, mesh.vertices[mesh.indices[i + 1]].position,
                        mesh.vertices[mesh.indices[i + 2]].position, x, y, z)) {
            lowest = std::min(lowest, z);
        }
    }
    return std::isfinite(lowest) ? lowest : mesh.bounds.min.z;
}

Camera defaultCamera(const asset::RoomMesh& mesh, float verticalFovDeg, float aspect) {
    Camera camera;
    camera.verticalFovDeg = verticalFovDeg;
    const glm::vec3 size = mesh.bounds.size();
    const glm::vec3 center = mesh.bounds.center();
    if (size.x >= kSmallestRoomSize && size.y >= kSmallestRoomSize) {
        const float floor = findFloorHeight(mesh, center.x, center.y);
        const float eye = std::min(floor + kEyeHeight, mesh.bounds.max.z - 0.1f);
        camera.position = {center.x, center.y, std::max(eye, floor + 0.1f)};
        camera.yawDeg = size.x >= size.y ? 0.0f : 90.0f;
        camera.pitchDeg = 0.0f;
        return camera;
    }
    const float radius = std::max(0.5f * glm::length(size), 1e-3f);
    const float halfFov =
        glm::radians(std::min(verticalFovDeg, horizontalFovDeg(verticalFovDeg, aspect)) * 0.5f);
    const float distance = radius / std::sin(halfFov) * 1.05f;
    camera.yawDeg = 45.0f;
    camera.pitchDeg = -20.0f;
    camera.position = center - camera.forward() * distance;
    camera.nearPlane = std::max(distance - radius * 1.5f, distance * 1e-3f);
    camera.farPlane = distance + radius * 2.0f;
    return camera;
}

} // namespace sr::view
