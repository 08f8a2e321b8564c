#pragma once
// The checks of a room's camera poses (the manifest's "poses"): the pose file reads, the hotspots
// that name a photo of it find one, and the poses agree with the scan. A wrong "up" or "units"
// moves the poses away from the mesh they were solved with, which these checks make visible before
// a visitor opens a photo that floats outside the room. Pure functions, run in-process; the exhibit
// check (check/exhibit_check.h) runs the geometry part in the room's child process.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "asset/camera_poses.h"
#include "check/room_check.h"
#include "scene/exhibit.h"
#include "view/bvh.h"

namespace sr::check {

struct PoseCheckSettings {
    float boundsMargin = 0.5f;     // metres the mesh's bounding box is grown by before "outside"
    float lookDistance = 50.0f;    // metres along the optical axis within which it must meet the mesh
    size_t maxListed = 20;         // per-pose warnings of one kind before one warning counts the rest
    float disagreeFraction = 0.5f; // this share of the poses failing (and at least minDisagree)
    size_t minDisagree = 3;        //   makes the poses and the mesh disagree
    double maxUpAngleDeg = 45.0;   // the cameras' mean up further than this from +Z is a warning
};

// Reads the camera poses of `room` into room space (scene::loadRoomPoses); nothing when the room has
// no `poses` or they name nothing (the manifest check reports that). Otherwise
// adds findings to `findings`: a pose file that cannot be read is an error (the file it names,
// relative to the exhibit folder, and the reason); each skipped entry a warning; the cameras' mean
// up more than settings.maxUpAngleDeg from +Z a warning naming the nearest "up" value; a hotspot
// whose `photoPose` names no pose (scene::findPoseByImage) an error, one whose pose has no photo in
// the exhibit folder a warning (both at the hotspot's "photo_pose"). Returns the poses, or nothing
// when they could not be read. Touches the file system only to read. Any thread.
std::optional<asset::PoseSet> readRoomPoses(const scene::Exhibit& exhibit, const scene::Room& room,
                                            const RoomPaths& paths, std::vector<Finding>& findings,
                                            const PoseCheckSettings& settings = {});

// Checks `roomPoses` (room space, as readRoomPoses returns them) against the room's imported mesh:
// a photo centre outside the mesh's bounds grown by boundsMargin, or an optical axis that meets no
// surface within lookDistance, is a warning naming the entry (at most maxListed of each kind, then
// one counting the rest). When at least disagreeFraction of the poses, and at least minDisagree,
// fail either test, the poses and the mesh do not agree: one error with the counts replaces the
// per-pose warnings. The room's "up" and "units" move mesh and poses alike, so the error says that
// one file's up axis or unit differs from the other's (or the poses are another scan's). Findings name the
// pose file (`room.poses->written`) at the room's "poses". Any thread.
std::vector<Finding> checkPoseGeometry(const scene::Room& room, const RoomPaths& paths,
                                       const asset::PoseSet& roomPoses, const view::MeshBvh& bvh,
                                       const PoseCheckSettings& settings = {});

} // namespace sr::check
