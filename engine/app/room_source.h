#pragma once
// What to load for a room: the mesh file, how to read it, and where to stand.
#include <filesystem>
#include <string>
#include <vector>

#include "asset/import.h"
#include "core/result.h"
#include "scene/exhibit.h"
#include "view/camera.h"

namespace sr::app {

struct StandingPoint {
    std::string id;
    view::Camera camera; // fov left at the caller's choice
};

struct RoomSource {
    std::string id;
    std::string title;
    std::string subtitle;
    std::filesystem::path mesh;
    asset::ImportOptions import;
    std::vector<StandingPoint> stations;
    scene::WalkSettings walk;
    std::vector<scene::Hotspot> hotspots;
    // The room's photogrammetry camera poses (a file or folder), or empty: their photos become
    // aligned photo hotspots when the room opens (scene/room_poses.h).
    std::filesystem::path poses;
    scene::PosePhotos posePhotos = scene::PosePhotos::All;
    std::string exhibitTitle; // empty for a bare mesh file
};

// Loads the exhibit in `folder` for viewing: the manifest's problems are logged and its usable rooms
// kept; an unreadable manifest or an exhibit without a usable room is an Error naming the file.
core::Result<scene::Exhibit> loadViewerExhibit(const std::filesystem::path& folder);

// The room `room` of `exhibit`, ready to open.
RoomSource roomSourceFor(const scene::Exhibit& exhibit, const scene::Room& room);

// The index of the room with id `roomId`; an unknown id is an Error listing the exhibit's rooms.
core::Result<size_t> findRoomIndex(const scene::Exhibit& exhibit, const std::string& roomId);

// Resolves `input` (a mesh file, or an exhibit folder with manifest.json) into the room to show:
// for an exhibit the room with id `roomId` (or the first room), for a mesh file the file itself read
// with `up`/`units` (empty: "+Y" and metres). Manifest problems are logged; unusable input is an
// Error naming the file.
core::Result<RoomSource> resolveRoomSource(const std::filesystem::path& input, const std::string& roomId,
                                           const std::string& up, const std::string& units);

// Where a visitor to `source` starts looking from: the station with id `stationId`, or with an
// empty id the room's first station, or, for a room without stations, view::defaultCamera for
// `mesh` at `aspect` (width / height). The camera's field of view is `verticalFovDeg`. An unknown
// station id is an Error naming the mesh and the room.
core::Result<view::Camera> startingCamera(const RoomSource& source, const asset::RoomMesh& mesh,
                                          const std::string& stationId, float verticalFovDeg, float aspect);

// The demo exhibit that ships with the program: beside the build tree's programs
// (<build>/demo) or in the installed data folder (<prefix>/share/stillroom/demo).
// `argv0` is the program's own path.
std::filesystem::path findBundledDemo(const char* argv0);

} // namespace sr::app
