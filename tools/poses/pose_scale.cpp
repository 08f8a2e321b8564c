#include "poses/pose_scale.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/log.h"
#include "scene/room_poses.h"

namespace sr::poses {
namespace {

constexpr double kMaxMetresPerUnit = 10'000.0; // the manifest's limit on "units"

std::string formatPoint(const glm::dvec3& p) {
    char text[128];
    std::snprintf(text, sizeof text, "(%.6g, %.6g, %.6g)", p.x, p.y, p.z);
    return text;
}

// The camera centre of photo `name` in the mesh file's coordinates.
core::Result<glm::dvec3> photoCentre(const RoomContext& room, const asset::PoseSet& roomPoses,
                                     const std::string& name) {
    const asset::CameraPose* pose = scene::findPoseByImage(roomPoses.poses, name);
    if (!pose) {
        return core::makeError(roomPoses.source.string(),
                               "no photo named '" + name + "' has a pose (or the name is not unique)");
    }
    // Room space back to the file's frame: undo the scale, then the up rotation.
    return glm::transpose(scene::fileToRoomRotation(room.up, room.upVector)) *
           (pose->center / double(room.metresPerUnit));
}

} // namespace

core::Result<glm::dvec3> parsePoint(std::string_view text) {
    const std::string copy(text);
    const char* at = copy.c_str();
    glm::dvec3 point(0.0);
    for (int i = 0; i < 3; ++i) {
        char* end = nullptr;
        errno = 0;
        point[i] = std::strtod(at, &end);
        if (end == at || errno == ERANGE || !std::isfinite(point[i])) break;
        at = end;
        while (*at == ' ') ++at;
        if (i < 2 && *at++ != ',') break;
        if (i == 2 && *at == '\0') return point;
    }
    return core::makeError("", "\"" + copy + "\" is not a point X,Y,Z of three numbers");
}

core::Result<ScaleResult> measureScale(const ScaleRequest& request) {
    if (!(request.length > 0.0) || !std::isfinite(request.length))
        return core::makeError("", core::concat("--length must be a number of metres greater than 0"));
    auto room = openRoom(request.source);
    if (!room) return room.error();
    ScaleResult result;
    result.length = request.length;
    result.currentMetresPerUnit = room->metresPerUnit;
    if (request.photos) {
        auto set = readRoomSpacePoses(*room);
        if (!set) return set.error();
        for (int i = 0; i < 2; ++i) {
            auto centre = photoCentre(*room, *set, (*request.photos)[i]);
            if (!centre) return centre.error();
            result.ends[i] = *centre;
            result.names[i] = "the camera of '" + (*request.photos)[i] + "'";
        }
    } else if (request.points) {
        result.ends = *request.points;
        for (int i = 0; i < 2; ++i) result.names[i] = formatPoint(result.ends[i]);
    } else {
        return core::makeError("", "give the two ends: --points X1,Y1,Z1 X2,Y2,Z2 or --photos NAME1 NAME2");
    }
    result.fileDistance = glm::length(result.ends[1] - result.ends[0]);
    if (!(result.fileDistance > 0.0) || !std::isfinite(result.fileDistance))
        return core::makeError("", "the two ends are the same point: no distance to scale");
    result.metresPerUnit = request.length / result.fileDistance;
    result.currentLength = result.fileDistance * double(result.currentMetresPerUnit);
    if (result.metresPerUnit > kMaxMetresPerUnit) {
        return core::makeError("", core::concat("the scale would be ", result.metresPerUnit,
                                                " m per file unit, more than a manifest's \"units\" allows (",
                                                kMaxMetresPerUnit, ")"));
    }
    return result;
}

std::string formatScale(const ScaleResult& result) {
    char line[512];
    std::string text;
    std::snprintf(line, sizeof line, "distance: %.6g file units, from %s to %s\n", result.fileDistance,
                  result.names[0].c_str(), result.names[1].c_str());
    text += line;
    std::snprintf(line, sizeof line, "for %.6g m, the room's manifest needs:\n  \"units\": %.6g\n",
                  result.length, result.metresPerUnit);
    text += line;
    std::snprintf(line, sizeof line, "the current \"units\": %s makes it %.6g m\n",
                  formatUnits(result.currentMetresPerUnit).c_str(), result.currentLength);
    text += line;
    return text;
}

} // namespace sr::poses
