#include "poses/pose_info.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "scene/exhibit.h"
#include "scene/room_poses.h"

namespace sr::poses {
namespace {

std::string formatVector(const glm::dvec3& v, const char* format = "%.3f") {
    const std::string pattern = std::string("(") + format + ", " + format + ", " + format + ")";
    char text[128];
    // Rounded first, so that a tiny negative number does not print as "-0.000".
    const auto round4 = [](double x) { return std::round(x * 1e4) / 1e4 + 0.0; };
    std::snprintf(text, sizeof text, pattern.c_str(), round4(v.x), round4(v.y), round4(v.z));
    return text;
}

using Json = nlohmann::ordered_json;

Json jsonVector(const glm::dvec3& v) {
    // Millimetres and thousandths are all a curator reads; fewer digits keep the output calm.
    const auto round3 = [](double x) { return std::round(x * 1000.0) / 1000.0 + 0.0; };
    return Json::array({round3(v.x), round3(v.y), round3(v.z)});
}

} // namespace

core::Result<PoseInfo> describePoses(const PoseSource& source) {
    auto room = openRoom(source);
    if (!room) return room.error();
    auto set = readRoomSpacePoses(*room);
    if (!set) return set.error();
    PoseInfo info;
    info.poses = room->posesName;
    info.format = std::string(asset::poseFormatName(set->format));
    info.count = set->poses.size();
    info.skipped = set->skipped;
    info.up = room->up;
    info.upVector = room->upVector;
    info.metresPerUnit = room->metresPerUnit;
    info.eyeHeight = room->eyeHeight;
    if (auto up = asset::meanUpVector(set->poses)) {
        info.meanUpRoom = *up;
        info.meanUpFile = glm::transpose(scene::fileToRoomRotation(room->up, room->upVector)) * *up;
        info.upAngleDeg = glm::degrees(std::acos(std::clamp(up->z, -1.0, 1.0)));
        info.nearestUp = scene::nearestUpAxis(*info.meanUpFile);
    }
    if (auto floor = asset::suggestFloor(set->poses, glm::dvec3(0, 0, 1), double(room->eyeHeight)))
        info.floorZ = floor->height;
    if (!set->poses.empty()) {
        info.centresMin = info.centresMax = set->poses.front().center;
        for (const asset::CameraPose& pose : set->poses) {
            info.centresMin = glm::min(info.centresMin, pose.center);
            info.centresMax = glm::max(info.centresMax, pose.center);
        }
    }
    return info;
}

namespace {
// "[0.0382, 0.1712, -0.9845]": a direction as the manifest's "up" takes it.
std::string manifestDirection(const glm::dvec3& direction) {
    char text[96];
    std::snprintf(text, sizeof text, "[%.4f, %.4f, %.4f]", direction.x + 0.0, direction.y + 0.0,
                  direction.z + 0.0);
    return text;
}
} // namespace

std::string formatPoseInfo(const PoseInfo& info) {
    std::string text;
    char line[512];
    std::snprintf(line, sizeof line, "poses: %s (%s): %zu poses, %zu skipped\n", info.poses.c_str(),
                  info.format.c_str(), info.count, info.skipped.size());
    text += line;
    for (const std::string& skip : info.skipped) text += "  skipped: " + skip + "\n";
    const std::string roomUp = info.upVector != glm::vec3(0.0f)
                                   ? manifestDirection(glm::dvec3(info.upVector))
                                   : "\"" + std::string(scene::upAxisName(info.up)) + "\"";
    std::snprintf(line, sizeof line, "room: \"up\": %s, \"units\": %s\n", roomUp.c_str(),
                  formatUnits(info.metresPerUnit).c_str());
    text += line;
    if (info.meanUpRoom) {
        std::snprintf(
            line, sizeof line, "mean camera up: %s in the mesh file, %s in the room, %.1f degrees from +Z\n",
            formatVector(*info.meanUpFile).c_str(), formatVector(*info.meanUpRoom).c_str(), info.upAngleDeg);
        text += line;
        const std::string nearest(scene::upAxisName(info.nearestUp));
        text += "nearest \"up\": \"" + nearest + "\"" +
                (info.nearestUp == info.up ? " (as the room has it)\n"
                                           : " (the room has \"" + std::string(scene::upAxisName(info.up)) +
                                                 "\": the scan may lie on its side)\n");
        if (info.upAngleDeg >= 0.5) {
            // The calibrated direction: the room then stands exactly as the cameras were held.
            text += "to level the room on the cameras: \"up\": " + manifestDirection(*info.meanUpFile) + "\n";
        }
    } else {
        text += "mean camera up: none (the cameras' up directions cancel out)\n";
    }
    if (info.floorZ) {
        std::snprintf(line, sizeof line,
                      "suggested floor: z = %.3f m (eye height %.2f m below the median camera)\n",
                      *info.floorZ, double(info.eyeHeight));
        text += line;
    }
    std::snprintf(line, sizeof line, "camera centres: %s to %s m\n",
                  formatVector(info.centresMin, "%.2f").c_str(),
                  formatVector(info.centresMax, "%.2f").c_str());
    text += line;
    return text;
}

std::string formatPoseInfoJson(const PoseInfo& info) {
    Json out;
    out["poses"] = info.poses;
    out["format"] = info.format;
    out["count"] = info.count;
    out["skipped"] = info.skipped;
    out["up"] = std::string(scene::upAxisName(info.up));
    out["units"] = shortestDouble(info.metresPerUnit);
    out["eye_height"] = shortestDouble(info.eyeHeight);
    if (info.meanUpRoom) {
        out["mean_up"] = {{"file", jsonVector(*info.meanUpFile)},
                          {"room", jsonVector(*info.meanUpRoom)},
                          {"angle_from_z_deg", std::round(info.upAngleDeg * 10.0) / 10.0},
                          {"nearest_up", std::string(scene::upAxisName(info.nearestUp))}};
    } else {
        out["mean_up"] = nullptr;
    }
    out["floor_z"] = info.floorZ ? Json(std::round(*info.floorZ * 1000.0) / 1000.0 + 0.0) : Json(nullptr);
    out["centres"] = {{"min", jsonVector(info.centresMin)}, {"max", jsonVector(info.centresMax)}};
    // Skip messages quote file contents, which need not be UTF-8: replace what is not.
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace sr::poses
