#pragma once
// A tiny exhibit with camera poses, written by the test: one box-shaped room 4 x 3 x 2.5 m (an
// OBJ with the box's six faces) and a COLMAP text model of level cameras inside it looking at the
// walls, with a few stand-in photos. Poses can be written in another frame or unit than the mesh,
// as when a scan was turned or rescaled after the photogrammetry.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "test_folder.h"

namespace sr::test {

inline const glm::dvec3 kBoxMin{0.0, 0.0, 0.0};
inline const glm::dvec3 kBoxMax{4.0, 3.0, 2.5};

struct BoxCamera {
    std::string name;   // the image name in images.txt
    glm::dvec3 centre;  // room space, metres
    glm::dvec3 forward; // room space, unit
    bool photo = true;  // whether rooms/box/images/NAME is written
};

// Five level cameras; where each optical axis meets the box (hand-checked): IMG_1 (4, 1.5, 1.5),
// IMG_2 (0, 1.5, 1.5), IMG_3 (2, 3, 1.6), IMG_4 (2, 0, 1.6), IMG_5 (4, 2, 1.7). The median camera
// height is 1.6 m; the mean up is +Z.
inline std::vector<BoxCamera> boxCameras() {
    return {
        {"IMG_1.jpg", {1.0, 1.5, 1.5}, {1, 0, 0}},        {"IMG_2.jpg", {3.0, 1.5, 1.5}, {-1, 0, 0}},
        {"IMG_3.jpg", {2.0, 1.0, 1.6}, {0, 1, 0}},        {"IMG_4.jpg", {2.0, 2.0, 1.6}, {0, -1, 0}},
        {"IMG_5.jpg", {2.0, 2.0, 1.7}, {1, 0, 0}, false},
    };
}

// Camera-to-world rotation of a level camera (image top towards +Z) looking along `forward`:
// columns right, down, forward.
inline glm::dmat3 levelCameraRotation(const glm::dvec3& forward) {
    const glm::dvec3 down(0.0, 0.0, -1.0);
    const glm::dvec3 right = glm::normalize(glm::cross(down, forward));
    return glm::dmat3(right, glm::cross(forward, right), forward);
}

inline std::string boxObj() {
    std::string obj = "# a closed box, the room's walls, floor and ceiling\n";
    for (int i = 0; i < 8; ++i) {
        const glm::dvec3 p((i & 1) ? kBoxMax.x : kBoxMin.x, (i & 2) ? kBoxMax.y : kBoxMin.y,
                           (i & 4) ? kBoxMax.z : kBoxMin.z);
        obj += "v " + std::to_string(p.x) + " " + std::to_string(p.y) + " " + std::to_string(p.z) + "\n";
    }
    // Two triangles per face (1-based corners; bit 0 = x, bit 1 = y, bit 2 = z).
    obj += "f 1 2 4\nf 1 4 3\nf 5 7 8\nf 5 8 6\nf 1 5 6\nf 1 6 2\n"
           "f 3 4 8\nf 3 8 7\nf 1 3 7\nf 1 7 5\nf 2 6 8\nf 2 8 4\n";
    return obj;
}

// A COLMAP text model of `cameras`, written in a frame where a room point P is at
// `roomToFile` * P * `unitsPerMetre` (the identity and 1 for the mesh's own frame).
inline std::string colmapImages(const std::vector<BoxCamera>& cameras,
                                const glm::dmat3& roomToFile = glm::dmat3(1.0), double unitsPerMetre = 1.0) {
    std::string text = "# IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME\n";
    for (size_t i = 0; i < cameras.size(); ++i) {
        const glm::dmat3 cameraToFile = roomToFile * levelCameraRotation(cameras[i].forward);
        const glm::dvec3 centre = roomToFile * cameras[i].centre * unitsPerMetre;
        const glm::dmat3 worldToCamera = glm::transpose(cameraToFile);
        const glm::dvec3 t = -(worldToCamera * centre);
        const glm::dquat q = glm::quat_cast(worldToCamera);
        char line[256];
        std::snprintf(line, sizeof line, "%zu %.17g %.17g %.17g %.17g %.17g %.17g %.17g 1 %s\n\n", i + 1, q.w,
                      q.x, q.y, q.z, t.x, t.y, t.z, cameras[i].name.c_str());
        text += line;
    }
    return text;
}

inline const char* kColmapCameras =
    "# CAMERA_ID MODEL WIDTH HEIGHT PARAMS[]\n1 PINHOLE 640 480 500 500 320 240\n";

// Writes exhibit/manifest.json (`manifest`), exhibit/rooms/box/box.obj, the COLMAP model in
// exhibit/rooms/box/colmap/ and the photos in exhibit/rooms/box/images/.
inline void writeBoxExhibit(const std::filesystem::path& exhibit, const std::string& manifest,
                            const std::string& images = colmapImages(boxCameras())) {
    writeBytes(exhibit / "manifest.json", manifest);
    writeBytes(exhibit / "rooms/box/box.obj", boxObj());
    writeBytes(exhibit / "rooms/box/colmap/cameras.txt", kColmapCameras);
    writeBytes(exhibit / "rooms/box/colmap/images.txt", images);
    for (const BoxCamera& camera : boxCameras())
        if (camera.photo) writeBytes(exhibit / "rooms/box/images" / camera.name, "a stand-in for a photo");
}

// A manifest of the box room with its poses; `hotspots` is the room's "hotspots" array.
inline std::string boxManifest(const std::string& hotspots = "[]", const std::string& up = "+Z",
                               const std::string& units = "\"m\"") {
    return R"({
  "format": "stillroom-exhibit/1",
  "title": "A box",
  "rooms": [
    {
      "id": "box",
      "title": "The box",
      "mesh": "rooms/box/box.obj",
      "up": ")" +
           up + R"(",
      "units": )" +
           units + R"(,
      "stations": [{"id": "middle", "position": [2, 1.5, 1.6]}],
      "walk": {"eye_height": 1.5},
      "hotspots": )" +
           hotspots + R"(,
      "poses": "rooms/box/colmap"
    }
  ]
}
)";
}

} // namespace sr::test
