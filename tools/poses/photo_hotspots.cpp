#include "poses/photo_hotspots.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_set>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "asset/import.h"
#include "core/files.h"
#include "core/log.h"
#include "scene/room_poses.h"
#include "view/bvh.h"

namespace sr::poses {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxRoomHotspots = 1024;   // the manifest's limit on a room's hotspots
constexpr float kRaycastDistance = 1000.0f; // photoSpot itself keeps hits within 50 m

double roundMillimetres(double metres) { return std::round(metres * 1000.0) / 1000.0 + 0.0; }

// One hotspot object as the manifest documents show them: keys in schema order, the position on
// one line.
std::string formatHotspot(const std::string& id, const scene::PhotoSpot& spot, const std::string& photoPose) {
    using Json = nlohmann::json;
    const auto number = [](double v) { return Json(roundMillimetres(v)).dump(); };
    const auto text = [](const std::string& s) {
        return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
    };
    return "  {\n    \"id\": " + text(id) + ",\n    \"position\": [" + number(spot.position.x) + ", " +
           number(spot.position.y) + ", " + number(spot.position.z) +
           "],\n    \"radius\": " + number(spot.radius) +
           ",\n    \"title\": \"\",\n    \"caption\": \"\",\n    \"photo_pose\": " + text(photoPose) +
           "\n  }";
}

// The poses to make hotspots of: those named (unknown names go to `errors`), or every one with a
// photo in the exhibit.
std::vector<const asset::CameraPose*> choosePoses(const HotspotRequest& request, const asset::PoseSet& set,
                                                  const std::string& posesName, PhotoHotspots& out) {
    std::vector<const asset::CameraPose*> chosen;
    if (request.photos.empty()) {
        for (const asset::CameraPose& pose : set.poses) {
            if (!pose.imageFile.empty()) {
                chosen.push_back(&pose);
            } else {
                out.warnings.push_back(
                    core::concat(posesName, ": ", pose.entry, ": no photo in the exhibit folder; left out"));
            }
        }
        return chosen;
    }
    std::set<const asset::CameraPose*> seen;
    for (const std::string& name : request.photos) {
        const asset::CameraPose* pose = scene::findPoseByImage(set.poses, name);
        if (!pose) {
            out.errors.push_back(core::concat(posesName, ": no photo named '", name,
                                              "' has a pose (or the name is not unique)"));
        } else if (!seen.insert(pose).second) {
            out.warnings.push_back(core::concat("'", name, "' is asked for twice; written once"));
        } else {
            if (pose->imageFile.empty()) {
                out.warnings.push_back(core::concat(posesName, ": ", pose->entry,
                                                    ": its photo is not in the exhibit folder; the hotspot "
                                                    "opens like any other until it is"));
            }
            chosen.push_back(pose);
        }
    }
    return chosen;
}

} // namespace

core::Result<PhotoHotspots> makePhotoHotspots(const HotspotRequest& request) {
    auto room = openRoom(request.source);
    if (!room) return room.error();
    if (!room->room) {
        return core::makeError(request.source.path.string(),
                               "hotspots need an exhibit folder and --room: the room's mesh places them");
    }
    auto set = readRoomSpacePoses(*room);
    if (!set) return set.error();
    PhotoHotspots out;
    const std::vector<const asset::CameraPose*> chosen = choosePoses(request, *set, room->posesName, out);
    if (chosen.empty()) {
        out.json = "[]\n";
        return out;
    }
    asset::ImportOptions options;
    options.up = room->up;
    options.upVector = room->upVector;
    options.metresPerUnit = room->metresPerUnit;
    options.confineTexturesTo = room->exhibitFolder;
    auto mesh = asset::importRoomMesh(room->room->mesh.resolved, options);
    if (!mesh) return mesh.error();
    const view::MeshBvh bvh(*mesh);
    mesh = core::makeError("", "released"); // the BVH keeps its own copy of the corners
    const scene::RoomRaycast raycast = [&](const glm::vec3& origin, const glm::vec3& direction) {
        auto hit = bvh.raycast(origin, direction, kRaycastDistance);
        return hit ? std::optional<float>(hit->distance) : std::nullopt;
    };
    std::unordered_set<std::string> taken;
    for (const scene::Hotspot& hotspot : room->room->hotspots) taken.insert(hotspot.id);
    out.json = "[\n";
    for (const asset::CameraPose* pose : chosen) {
        const scene::PhotoSpot spot = scene::photoSpot(*pose, raycast);
        if (!spot.onSurface) {
            out.warnings.push_back(
                core::concat(room->posesName, ": ", pose->entry,
                             ": its optical axis meets no surface within 50 m; placed 1.5 m in front of "
                             "the camera"));
        }
        if (out.count++ > 0) out.json += ",\n";
        out.json += formatHotspot(scene::photoHotspotId(pose->image, taken), spot, pose->image);
    }
    out.json += "\n]\n";
    if (room->room->hotspots.size() + out.count > kMaxRoomHotspots) {
        out.warnings.push_back(core::concat("the room has ", room->room->hotspots.size(), " hotspots and ",
                                            out.count, " more are written: a room holds at most ",
                                            kMaxRoomHotspots, "; choose photos with --photos"));
    }
    return out;
}

core::Status writeNewFile(const fs::path& file, std::string_view text) {
    std::error_code error;
    if (fs::exists(fs::symlink_status(file, error)))
        return core::makeError(file.string(), "already exists; not overwritten");
    return core::writeFileAtomic(file, text);
}

} // namespace sr::poses
