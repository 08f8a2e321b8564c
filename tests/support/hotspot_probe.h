#pragma once
// Where on the screen a visitor would touch a hotspot: its centre projected through the viewer's
// current camera, when it is in front of the camera, inside the view and not hidden by the room.
#include <cmath>
#include <optional>

#include <glm/glm.hpp>

#include "app/viewer.h"

namespace sr::test {

inline std::optional<glm::vec2> hotspotOnScreen(const app::Viewer& viewer, size_t index) {
    const view::Camera camera = viewer.frame().camera;
    const glm::vec3 d = viewer.hotspots().hotspot(index).position - camera.position;
    const glm::vec3 f = camera.forward(), r = camera.right(), u = glm::cross(r, f);
    const float z = glm::dot(d, f);
    if (z <= 0.05f || !viewer.hotspots().visibleFrom(index, camera.position)) return std::nullopt;
    const float w = float(viewer.viewportWidth()), h = float(viewer.viewportHeight());
    const float tanV = std::tan(glm::radians(camera.verticalFovDeg) * 0.5f);
    const float x = (glm::dot(d, r) / z / (tanV * w / h) + 1.0f) * 0.5f * w;
    const float y = (1.0f - glm::dot(d, u) / z / tanV) * 0.5f * h;
    // Keep clear of the edges, where the home control and the help text live.
    if (x < 0.1f * w || x > 0.9f * w || y < 0.15f * h || y > 0.85f * h) return std::nullopt;
    // The centre may lie behind the object the hotspot is on: look nearby for the point a tap
    // really opens it from, nearest first.
    for (float radius = 0.0f; radius <= 60.0f; radius += 4.0f) {
        for (float a = 0.0f; a<6.2832f; a += radius> 0.0f ? 4.0f / radius : 7.0f) {
            const glm::vec2 p(x + radius * std::cos(a), y + radius * std::sin(a));
            if (viewer.hotspotAt(p.x, p.y) == index) return p;
        }
    }
    return std::nullopt;
}

// The first hotspot a visitor could touch from where the viewer stands, if any.
inline std::optional<std::pair<size_t, glm::vec2>> firstTouchableHotspot(const app::Viewer& viewer) {
    for (size_t i = 0; i < viewer.hotspots().size(); ++i) {
        if (auto at = hotspotOnScreen(viewer, i)) return std::pair{i, *at};
    }
    return std::nullopt;
}

} // namespace sr::test
