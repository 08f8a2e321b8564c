#include "poses/pose_source.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <utility>

#include "core/log.h"
#include "scene/manifest.h"
#include "scene/room_poses.h"

namespace sr::poses {
namespace fs = std::filesystem;

namespace {

core::Result<RoomContext> openExhibitRoom(const PoseSource& source) {
    auto loaded = scene::loadExhibit(source.path);
    if (!loaded) return loaded.error();
    const scene::Exhibit& exhibit = loaded->exhibit;
    const std::string manifest = (exhibit.folder / scene::kManifestFileName).string();
    std::string ids;
    for (const scene::Room& room : exhibit.rooms) ids += (ids.empty() ? "" : ", ") + room.id;
    if (source.room.empty())
        return core::makeError(manifest, "name a room with --room (the exhibit has: " + ids + ")");
    const scene::Room* room = scene::findRoom(exhibit, source.room);
    if (!room) {
        return core::makeError(manifest, core::concat("no room '", source.room, "' (the exhibit has: ",
                                                      ids.empty() ? "no rooms" : ids, ")"));
    }
    RoomContext context;
    context.exhibitFolder = exhibit.folder;
    context.room = *room;
    context.up = source.up.value_or(room->up);
    if (!source.up) context.upVector = room->upVector; // an --up given to try another replaces both
    context.metresPerUnit = source.metresPerUnit.value_or(room->metresPerUnit);
    context.eyeHeight = source.eyeHeight.value_or(room->walk.eyeHeight);
    if (room->poses) {
        context.posesName = room->poses->written;
        context.poses = room->poses->resolved;
    }
    return context;
}

} // namespace

core::Result<asset::UpAxis> parseUpOption(std::string_view text) {
    auto up = asset::parseUpAxis(text);
    if (!up) return core::makeError("", "--up: " + up.error().message);
    return *up;
}

core::Result<float> parseUnitsOption(std::string_view text) {
    if (auto named = asset::parseUnits(text)) return *named;
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() || *end != '\0' || !(float(value) > 0.0f) || value > 10'000.0) {
        return core::makeError("", "--units: \"" + copy +
                                       "\" is neither m, cm, mm, in, ft nor a number of metres per unit "
                                       "in (0, 10000]");
    }
    return float(value);
}

core::Result<RoomContext> openRoom(const PoseSource& source) {
    std::error_code error;
    if (!fs::exists(source.path, error)) return core::makeError(source.path.string(), "not found");
    if (fs::is_directory(source.path, error) && fs::exists(source.path / scene::kManifestFileName, error))
        return openExhibitRoom(source);
    if (!source.room.empty()) {
        return core::makeError(source.path.string(),
                               "--room needs an exhibit folder (with manifest.json); this is a pose path");
    }
    RoomContext context;
    context.up = source.up.value_or(asset::UpAxis::PosZ);
    context.metresPerUnit = source.metresPerUnit.value_or(1.0f);
    context.eyeHeight = source.eyeHeight.value_or(scene::WalkSettings{}.eyeHeight);
    context.posesName = source.path.string();
    context.poses = source.path;
    return context;
}

core::Result<asset::PoseSet> readRoomSpacePoses(const RoomContext& room) {
    if (room.poses.empty()) {
        return core::makeError(
            (room.exhibitFolder / scene::kManifestFileName).string(),
            core::concat("room '", room.room ? room.room->id : std::string(), "' has no \"poses\""));
    }
    if (!room.exhibitFolder.empty())
        return scene::loadRoomPoses(room.poses, room.exhibitFolder, room.up, room.metresPerUnit,
                                    room.upVector);
    auto set = asset::loadCameraPoses(room.poses);
    if (!set) return set.error();
    for (asset::CameraPose& pose : set->poses)
        pose = scene::poseInRoomSpace(pose, room.up, room.metresPerUnit, room.upVector);
    return set;
}

std::string shortestFloat(float value) {
    char text[32];
    for (int digits = 1; digits <= 9; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, double(value));
        if (std::strtof(text, nullptr) == value) break;
    }
    return text;
}

double shortestDouble(float value) { return std::strtod(shortestFloat(value).c_str(), nullptr); }

std::string formatUnits(float metresPerUnit) {
    for (const char* name : {"m", "cm", "mm", "in", "ft"}) {
        auto parsed = asset::parseUnits(name);
        if (parsed && *parsed == metresPerUnit) return core::concat("\"", name, "\"");
    }
    return shortestFloat(metresPerUnit);
}

} // namespace sr::poses
