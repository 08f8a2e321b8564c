#pragma once
// The two rooms of the demo exhibit: their geometry, where a visitor stands, and what they can
// open. World: right-handed, +Z up, metres, floor at z = 0.
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "scene_model.h"
#include "view/camera.h"

namespace sr::demo {

enum class MeshFormat { ObjAtlas, PlyColors };

// An eye position and view direction (yaw CCW about +Z from +X, pitch above the horizon).
struct Station {
    std::string id, title;
    glm::vec3 position{0.0f};
    float yawDeg = 0.0f, pitchDeg = 0.0f;
};

// A camera placed relative to a hotspot: it looks along (yaw, pitch) at the hotspot's position
// (plus `aimOffset`) from `distance` metres away.
struct ShotSpec {
    float yawDeg = 0.0f, pitchDeg = 0.0f;
    float distance = 0.45f;
    float fovDeg = 40.0f;
    glm::vec3 aimOffset{0.0f};
};

struct Hotspot {
    std::string id, title, caption;
    glm::vec3 position{0.0f}; // centre of the object, world
    float radius = 0.08f;
    std::vector<ShotSpec> photos; // detail photographs, 1-3
    ShotSpec view;                // where the viewer glides when the hotspot opens
};

struct RoomSpec {
    std::string id, title, subtitle;
    MeshFormat format = MeshFormat::ObjAtlas;
    Scene scene;
    std::vector<Station> stations;
    std::vector<Hotspot> hotspots;
    float eyeHeight = 1.6f;
    float walkSpeed = 0.8f;
};

RoomSpec buildBedroom();
RoomSpec buildLanding();

// The camera a shot describes.
view::Camera shotCamera(const Hotspot& hotspot, const ShotSpec& shot);

} // namespace sr::demo
