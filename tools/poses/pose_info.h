#pragma once
// `stillroom-poses info`: a room's calibration as its camera poses tell it. Photographers hold the
// camera level and at eye height on average, so the poses show whether the room's "up" is right and
// where its floor lies, before anyone walks in it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "asset/camera_poses.h"
#include "core/result.h"
#include "poses/pose_source.h"

namespace sr::poses {

struct PoseInfo {
    std::string poses;  // the pose path as the manifest writes it, or as given
    std::string format; // asset::poseFormatName
    size_t count = 0;   // poses read
    std::vector<std::string> skipped;
    asset::UpAxis up = asset::UpAxis::PosZ; // how the room reads the mesh file
    glm::vec3 upVector{0.0f};               // the room's calibrated up direction, or zero
    float metresPerUnit = 1.0f;
    float eyeHeight = 1.6f; // metres, used for the floor
    // The cameras' mean up direction (asset::meanUpVector); absent when the directions cancel out.
    std::optional<glm::dvec3> meanUpFile;          // in the mesh file's frame (unit length)
    std::optional<glm::dvec3> meanUpRoom;          // in room space (+Z up)
    double upAngleDeg = 0.0;                       // between meanUpRoom and +Z
    asset::UpAxis nearestUp = asset::UpAxis::PosZ; // the "up" value nearest to meanUpFile
    // asset::suggestFloor along room +Z with eyeHeight: the floor's room-space z in metres.
    std::optional<double> floorZ;
    glm::dvec3 centresMin{0.0}, centresMax{0.0}; // bounding box of the camera centres, room space, metres
};

// Reads the room's poses (readRoomSpacePoses) and works out the above. Fails as openRoom and
// readRoomSpacePoses do. Never throws.
core::Result<PoseInfo> describePoses(const PoseSource& source);

// Human-readable lines, and the same as a pretty-printed JSON object:
// {"poses", "format", "count", "skipped": [..], "up", "units", "eye_height",
//  "mean_up": {"file": [x,y,z], "room": [x,y,z], "angle_from_z_deg", "nearest_up"} or null,
//  "floor_z" or null, "centres": {"min": [..], "max": [..]}}.
std::string formatPoseInfo(const PoseInfo& info);
std::string formatPoseInfoJson(const PoseInfo& info);

} // namespace sr::poses
