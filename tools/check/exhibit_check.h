#pragma once
// Checking an exhibit folder before it goes on show: the manifest, every room's scan and its
// textures, every photo, and where stations and hotspots lie in their rooms.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/child_process.h"
#include "check/room_check.h"
#include "core/result.h"

namespace sr::check {

struct CheckOptions {
    core::ChildLimits import{60.0, uint64_t(8) << 30}; // per room: import and geometry checks
    double secondsPerPhoto = 20.0;                     // photos decode in a child too, with this per photo
    uint64_t photoAddressSpace = uint64_t(4) << 30;
    PhotoLimits photos;
    GeometrySettings geometry;
};

// What was found out about one room's scan.
struct RoomSummary {
    std::string id;
    std::string mesh;      // as written in the manifest
    bool imported = false; // the mesh imported (its geometry was then checked)
    size_t triangles = 0;  // after import
    size_t textures = 0;   // textures loaded
    double importSeconds = 0.0;
};

struct CheckReport {
    std::vector<Finding> findings;  // manifest problems first, then room by room
    std::vector<RoomSummary> rooms; // one per room the manifest kept

    size_t errorCount() const;
    size_t warningCount() const;
};

// Checks the exhibit in `folder`:
// 1. every problem scene::loadExhibit reports;
// 2. each room's mesh imports (as the viewer imports it: the room's up axis and units, textures
//    confined to the folder), in a child process under options.import, so that a file that
//    crashes or hangs the importer becomes one error and the other rooms are still checked;
//    textures the importer leaves out are warnings, or errors when they lie outside the folder;
// 3. every photo of every hotspot is an image the viewer can show (checkPhotoFile), each room's
//    photos in a child process; a photo used by several hotspots is a warning;
// 4. stations and hotspots against the imported scan (checkRoomGeometry);
// 5. a room's camera poses: the pose file reads and hotspots' photo_pose names are found
//    (readRoomPoses, in this process), and the poses agree with the imported scan
//    (checkPoseGeometry, in the room's child).
// Files named by the manifest that do not exist are reported once, by the manifest check.
// Fails only when the manifest cannot be loaded at all (see scene::loadExhibit). Forks (see
// runInChild): call it while no other thread of the process is logging. Never throws except
// std::bad_alloc.
core::Result<CheckReport> checkExhibit(const std::filesystem::path& folder, const CheckOptions& options = {});

// "error: manifest.json: rooms[0].hotspots[2].photos[0]: file not found"
std::string formatFinding(const Finding& finding);
// "2 errors, 1 warning in 3 rooms"
std::string formatSummary(const CheckReport& report);
// The findings as a JSON array of {"severity", "file", "path", "message"}, pretty printed.
std::string formatFindingsJson(const std::vector<Finding>& findings);

} // namespace sr::check
