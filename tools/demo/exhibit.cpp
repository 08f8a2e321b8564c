#include "exhibit.h"

#include <cmath>

#include "core/files.h"
#include "core/log.h"
#include "jpeg.h"
#include "photo_finish.h"
#include "random.h"
#include "room_writer.h"
#include "sdf.h"

namespace sr::demo {
namespace {

// Rounds for the manifest so floats print short ("1.6", not "1.600000023841858").
double tidy(float value) { return std::round(double(value) * 10000.0) / 10000.0; }
nlohmann::ordered_json vec(glm::vec3 v) {
    return nlohmann::ordered_json::array({tidy(v.x), tidy(v.y), tidy(v.z)});
}

std::string meshPath(const RoomSpec& room) {
    return "rooms/" + room.id + (room.format == MeshFormat::ObjAtlas ? "/scan.obj" : "/scan.ply");
}
std::string photoPath(const RoomSpec& room, const Hotspot& h, size_t index) {
    return "rooms/" + room.id + "/photos/" + h.id + "-" + std::to_string(index + 1) + ".jpg";
}

bool insideRoom(const RoomSpec& room, glm::vec3 p, float margin) {
    glm::vec3 size = room.scene.roomSize;
    return p.x > margin && p.y > margin && p.z > margin && p.x < size.x - margin && p.y < size.y - margin &&
           p.z < size.z - margin;
}

nlohmann::ordered_json roomJson(const RoomSpec& room, bool withPhotos) {
    nlohmann::ordered_json r;
    r["id"] = room.id;
    r["title"] = room.title;
    r["subtitle"] = room.subtitle;
    r["mesh"] = meshPath(room);
    r["up"] = "+Z";
    r["units"] = "m";
    r["stations"] = nlohmann::ordered_json::array();
    for (const Station& s : room.stations) {
        r["stations"].push_back({{"id", s.id},
                                 {"title", s.title},
                                 {"position", vec(s.position)},
                                 {"yaw", tidy(s.yawDeg)},
                                 {"pitch", tidy(s.pitchDeg)}});
    }
    r["walk"] = {{"enabled", true}, {"eye_height", tidy(room.eyeHeight)}, {"speed", tidy(room.walkSpeed)}};
    r["hotspots"] = nlohmann::ordered_json::array();
    for (const Hotspot& h : room.hotspots) {
        nlohmann::ordered_json photos = nlohmann::ordered_json::array();
        for (size_t i = 0; withPhotos && i < h.photos.size(); ++i) photos.push_back(photoPath(room, h, i));
        view::Camera view = shotCamera(h, h.view);
        r["hotspots"].push_back({{"id", h.id},
                                 {"position", vec(h.position)},
                                 {"radius", tidy(h.radius)},
                                 {"title", h.title},
                                 {"caption", h.caption},
                                 {"photos", photos},
                                 {"view",
                                  {{"position", vec(view.position)},
                                   {"yaw", tidy(view.yawDeg)},
                                   {"pitch", tidy(view.pitchDeg)}}}});
    }
    return r;
}

core::Status writePhotos(const std::filesystem::path& dir, const std::vector<PhotoShot>& shots,
                         const PhotoRenderer& renderPhoto, int quality) {
    size_t failed = 0;
    std::optional<core::Error> first;
    for (size_t i = 0; i < shots.size(); ++i) {
        const PhotoShot& shot = shots[i];
        core::Status status = [&]() -> core::Status {
            if (!renderPhoto) return core::makeError(shot.output.string(), "no photo renderer");
            auto image = renderPhoto(dir / shot.mesh, shot.camera, shot.width, shot.height);
            if (!image) return core::makeError(shot.output.string(), image.error().describe());
            if (image->width != shot.width || image->height != shot.height)
                return core::makeError(shot.output.string(), "renderer returned an image of the wrong size");
            core::Image8 finished = finishPhoto(*image, uint32_t(mix64(i + 1)));
            return writeJpeg(dir / shot.output, finished, quality);
        }();
        if (status) {
            core::logInfo("photo ", shot.output.string());
            continue;
        }
        core::logError("photo for ", shot.room, "/", shot.hotspot, " failed: ", status.error().describe());
        if (!first) first = status.error();
        ++failed;
    }
    if (!first) return core::Status::success();
    return core::makeError(
        first->path, core::concat(first->message, " (", failed, " of ", shots.size(), " photos failed)"));
}

} // namespace

QualitySettings settingsFor(Quality quality) {
    QualitySettings q;
    if (quality == Quality::Draft) {
        q.atlasSize = 1024;
        q.lightSpacing = 0.05f;
        q.plySpacingScale = 0.7f;
        q.photoWidth = 1200;
        q.photoHeight = 800;
    }
    return q;
}

view::Camera shotCamera(const Hotspot& hotspot, const ShotSpec& shot) {
    view::Camera camera;
    camera.yawDeg = shot.yawDeg;
    camera.pitchDeg = shot.pitchDeg;
    camera.verticalFovDeg = shot.fovDeg;
    camera.nearPlane = 0.01f;
    camera.farPlane = 20.0f;
    camera.position = hotspot.position + shot.aimOffset - camera.forward() * shot.distance;
    return camera;
}

std::vector<RoomSpec> buildDemoRooms() {
    std::vector<RoomSpec> rooms;
    rooms.push_back(buildBedroom());
    rooms.push_back(buildLanding());
    return rooms;
}

core::Status validateRoom(const RoomSpec& room) {
    SceneSdf sdf(room.scene);
    for (const Station& s : room.stations) {
        if (!insideRoom(room, s.position, 0.1f) || sdf.distance(s.position) < 0.15f)
            return core::makeError(room.id, "station " + s.id + " is outside the room or inside furniture");
    }
    for (const Hotspot& h : room.hotspots) {
        if (!insideRoom(room, h.position, -0.05f))
            return core::makeError(room.id, "hotspot " + h.id + " is outside the room");
        std::vector<ShotSpec> shots = h.photos;
        shots.push_back(h.view);
        for (size_t i = 0; i < shots.size(); ++i) {
            view::Camera c = shotCamera(h, shots[i]);
            std::string what = i < h.photos.size() ? "photo " + std::to_string(i + 1) : "view";
            if (!insideRoom(room, c.position, 0.05f) || sdf.distance(c.position) < 0.04f)
                return core::makeError(room.id,
                                       "hotspot " + h.id + ": " + what + " camera is not in free space");
            if (!sdf.segmentClear(c.position, h.position, 0.005f, h.radius))
                return core::makeError(room.id,
                                       "hotspot " + h.id + ": " + what + " camera cannot see the object");
        }
    }
    return core::Status::success();
}

nlohmann::ordered_json demoManifest(const std::vector<RoomSpec>& rooms, bool withPhotos) {
    nlohmann::ordered_json m;
    m["format"] = "stillroom-exhibit/1";
    m["title"] = "Rooms, as they were left";
    m["intro"] =
        "Rooms photographed as they were left, with their families' blessing: nothing tidied, nothing "
        "moved. Take as long as you like. This demonstration exhibit is imagined; no real room or child "
        "is shown.";
    m["rooms"] = nlohmann::ordered_json::array();
    for (const RoomSpec& room : rooms) m["rooms"].push_back(roomJson(room, withPhotos));
    m["kiosk"] = {{"idle_seconds", 90}, {"prompt_seconds", 20}, {"attract", "tour"}};
    return m;
}

std::vector<PhotoShot> planPhotoShots(const std::vector<RoomSpec>& rooms, const DemoOptions& options) {
    QualitySettings q = settingsFor(options.quality);
    std::vector<PhotoShot> shots;
    for (const RoomSpec& room : rooms)
        for (const Hotspot& h : room.hotspots)
            for (size_t i = 0; i < h.photos.size(); ++i)
                shots.push_back({photoPath(room, h, i), meshPath(room), shotCamera(h, h.photos[i]),
                                 q.photoWidth, q.photoHeight, room.id, h.id});
    return shots;
}

core::Status writeDemoExhibit(const std::filesystem::path& dir, const DemoOptions& options,
                              const PhotoRenderer& renderPhoto) {
    QualitySettings q = settingsFor(options.quality);
    std::vector<RoomSpec> rooms = buildDemoRooms();
    for (const RoomSpec& room : rooms)
        if (auto s = validateRoom(room); !s) return s;
    for (const RoomSpec& room : rooms) {
        std::filesystem::path roomDir = dir / "rooms" / room.id;
        core::Status s = room.format == MeshFormat::ObjAtlas ? writeTexturedRoom(room, roomDir, q)
                                                             : writeColoredRoom(room, roomDir, q);
        if (!s) return s;
    }
    if (auto s = core::writeFileAtomic(dir / "manifest.json",
                                       demoManifest(rooms, !options.skipPhotos).dump(2) + "\n");
        !s)
        return s;
    if (options.skipPhotos) {
        core::logWarning("photographs skipped: the manifest names none");
        return core::Status::success();
    }
    return writePhotos(dir, planPhotoShots(rooms, options), renderPhoto, q.photoJpegQuality);
}

} // namespace sr::demo
