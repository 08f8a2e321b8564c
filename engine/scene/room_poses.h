#pragma once
// A room's photogrammetry camera poses in the room's own world space, and the hotspots its photos
// become: a visitor opens one and stands where the photographer stood (docs/poses.md).
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <glm/glm.hpp>

#include "asset/camera_poses.h"
#include "asset/import.h"
#include "core/result.h"
#include "scene/exhibit.h"

namespace sr::scene {

// `pose` (in the mesh file's frame, as asset::loadCameraPoses reads it) moved into the room's world
// space exactly as the importer moves the mesh: the file's `up` axis (and `upVector`, when not
// zero) turned onto +Z (asset::fileToWorldRotation), then scaled by `metresPerUnit`. The camera
// axes keep their convention; the intrinsics are unchanged.
asset::CameraPose poseInRoomSpace(const asset::CameraPose& pose, asset::UpAxis up, float metresPerUnit,
                                  const glm::vec3& upVector = glm::vec3(0.0f));

// The rotation the importer applies to a mesh file read with `up` and `upVector` (file directions
// to room space).
glm::dmat3 fileToRoomRotation(asset::UpAxis up, const glm::vec3& upVector = glm::vec3(0.0f));

// The manifest `up` value whose axis lies nearest to `fileDirection` (a direction in the mesh
// file's frame), for suggesting `up` from the cameras' mean up.
asset::UpAxis nearestUpAxis(const glm::dvec3& fileDirection);

// Reads the pose file or folder `poses` of a room whose mesh is read with `up` and
// `metresPerUnit`, and moves every pose into room space. Photos are looked for as
// asset::findPoseImage does, but only inside `exhibitFolder`: a pose whose photo is found outside
// it keeps no image file, with a message in `skipped`. Fails as asset::loadCameraPoses does.
core::Result<asset::PoseSet> loadRoomPoses(const std::filesystem::path& poses,
                                           const std::filesystem::path& exhibitFolder, asset::UpAxis up,
                                           float metresPerUnit, const glm::vec3& upVector = glm::vec3(0.0f));

// The pose whose `image` is `name`: the same text, else the same file name (the last component,
// '/' or '\\' separated), else the same name without its extension. Null when none matches, or
// when a looser match is not unique.
const asset::CameraPose* findPoseByImage(std::span<const asset::CameraPose> poses, std::string_view name);

// Distance along a ray (origin, unit direction) to the first surface of the room, if any.
using RoomRaycast = std::function<std::optional<float>(const glm::vec3& origin, const glm::vec3& direction)>;

// Where a hotspot for a photo taken from `roomPose` sits: the point of the room its optical axis
// meets first (within 50 m), else 1.5 m in front of the camera; with a radius that grows with
// the distance (4%, between 6 and 30 cm) so the far end of a long view stays easy to touch.
struct PhotoSpot {
    glm::vec3 position{0.0f};
    float radius = 0.1f;
    bool onSurface = false; // the axis met the room
    float distance = 0.0f;  // from the camera, metres
};
PhotoSpot photoSpot(const asset::CameraPose& roomPose, const RoomRaycast& raycast);

// "photo-NAME" for the photo `image` (NAME its file name without extension, with characters an id
// cannot hold made '-', shortened to fit an id), numbered "-2", "-3", ... past the ids in `taken`,
// which it then joins.
std::string photoHotspotId(std::string_view image, std::unordered_set<std::string>& taken);

// The aligned photo of a pose in room space that has an image file.
AlignedPhoto alignedPhotoFor(const asset::CameraPose& roomPose);

// A room's hotspots with its photo poses. Each hotspot whose `photoPose` names a pose with a photo
// gets `aligned`; one naming no such pose is kept as an ordinary hotspot, with a message. With
// PosePhotos::All every other pose with a photo becomes a hotspot too: id "photo-NAME" (NAME the
// photo's file name without extension, made a valid id, numbered when taken), placed by
// photoSpot, without title or caption. Hotspots past 1024 are left out, with a message.
// `messages` get "POSES: ENTRY: reason" lines (POSES the pose file).
std::vector<Hotspot> withPhotoHotspots(std::vector<Hotspot> hotspots, const asset::PoseSet& roomPoses,
                                       PosePhotos mode, const RoomRaycast& raycast,
                                       std::vector<std::string>& messages);

} // namespace sr::scene
