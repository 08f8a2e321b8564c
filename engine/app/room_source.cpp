#include "app/room_source.h"

#include <algorithm>
#include <system_error>

#include "core/log.h"
#include "view/default_camera.h"
#include "scene/manifest.h"

namespace sr::app {
namespace fs = std::filesystem;

core::Result<scene::Exhibit> loadViewerExhibit(const fs::path& folder) {
    auto loaded = scene::loadExhibit(folder);
    if (!loaded) return loaded.error();
    scene::logProblems(loaded->problems);
    if (loaded->exhibit.rooms.empty()) {
        return core::makeError((folder / scene::kManifestFileName).string(),
                               "the exhibit has no usable room");
    }
    return std::move(loaded->exhibit);
}

RoomSource roomSourceFor(const scene::Exhibit& exhibit, const scene::Room& room) {
    RoomSource source;
    source.id = room.id;
    source.title = room.title.empty() ? room.id : room.title;
    source.subtitle = room.subtitle;
    source.mesh = room.mesh.resolved;
    source.import.up = room.up;
    source.import.upVector = room.upVector;
    source.import.metresPerUnit = room.metresPerUnit;
    source.import.confineTexturesTo = exhibit.folder;
    for (const scene::Station& station : room.stations) {
        StandingPoint point;
        point.id = station.id;
        point.camera.position = station.pose.position;
        point.camera.yawDeg = station.pose.yawDeg;
        point.camera.pitchDeg = station.pose.pitchDeg;
        source.stations.push_back(point);
    }
    source.walk = room.walk;
    source.hotspots = room.hotspots;
    if (room.poses) source.poses = room.poses->resolved;
    source.posePhotos = room.posePhotos;
    source.exhibitTitle = exhibit.title;
    return source;
}

core::Result<size_t> findRoomIndex(const scene::Exhibit& exhibit, const std::string& roomId) {
    for (size_t i = 0; i < exhibit.rooms.size(); ++i) {
        if (exhibit.rooms[i].id == roomId) return i;
    }
    std::string known;
    for (const auto& r : exhibit.rooms) known += " " + r.id;
    return core::makeError((exhibit.folder / scene::kManifestFileName).string(),
                           core::concat("no room '", roomId, "'; rooms:", known));
}

namespace {
core::Result<RoomSource> roomFromExhibit(const fs::path& folder, const std::string& roomId) {
    auto exhibit = loadViewerExhibit(folder);
    if (!exhibit) return exhibit.error();
    size_t index = 0;
    if (!roomId.empty()) {
        auto found = findRoomIndex(*exhibit, roomId);
        if (!found) return found.error();
        index = *found;
    }
    return roomSourceFor(*exhibit, exhibit->rooms[index]);
}
} // namespace

core::Result<RoomSource> resolveRoomSource(const fs::path& input, const std::string& roomId,
                                           const std::string& up, const std::string& units) {
    std::error_code ec;
    if (!fs::exists(input, ec)) return core::makeError(input.string(), "no such file or folder");
    if (fs::is_directory(input, ec)) {
        if (!up.empty() || !units.empty()) {
            core::logWarning("--up and --units apply to bare mesh files; the exhibit's manifest says how to "
                             "read its rooms");
        }
        return roomFromExhibit(input, roomId);
    }
    RoomSource source;
    source.id = input.stem().string();
    source.title = source.id;
    source.mesh = input;
    if (!up.empty()) {
        auto axis = asset::parseUpAxis(up);
        if (!axis) return core::makeError(input.string(), axis.error().describe());
        source.import.up = *axis;
    }
    if (!units.empty()) {
        auto scale = asset::parseUnits(units);
        if (!scale) return core::makeError(input.string(), scale.error().describe());
        source.import.metresPerUnit = *scale;
    }
    if (!roomId.empty())
        core::logWarning("--room applies to exhibits; ", input.string(), " is a single mesh");
    return source;
}

core::Result<view::Camera> startingCamera(const RoomSource& source, const asset::RoomMesh& mesh,
                                          const std::string& stationId, float verticalFovDeg, float aspect) {
    view::Camera camera = view::defaultCamera(mesh, verticalFovDeg, aspect);
    if (!stationId.empty()) {
        auto it = std::find_if(source.stations.begin(), source.stations.end(),
                               [&](const StandingPoint& s) { return s.id == stationId; });
        if (it == source.stations.end()) {
            return core::makeError(source.mesh.string(),
                                   core::concat("room '", source.id, "' has no station '", stationId, "'"));
        }
        camera = it->camera;
    } else if (!source.stations.empty()) {
        camera = source.stations.front().camera;
    }
    camera.verticalFovDeg = verticalFovDeg;
    return camera;
}

fs::path findBundledDemo(const char* argv0) {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(argv0, ec);
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / "../../demo", dir / "../share/stillroom/demo"}) {
        if (fs::exists(candidate / "manifest.json", ec)) return candidate.lexically_normal();
    }
    return (dir / "../../demo").lexically_normal();
}

} // namespace sr::app
