#include "check/room_check.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <cstdio>

#include "asset/photo.h"
#include "asset/texture.h"
#include "core/files.h"
#include "core/log.h"
#include "view/walker.h"

namespace sr::check {
namespace {

// Centimetres, without "-0.00"; very large coordinates (a broken file) in short scientific form.
std::string formatCoordinate(float v) {
    char text[32];
    if (std::abs(v) >= 1e5f || !std::isfinite(v)) {
        std::snprintf(text, sizeof text, "%.3g", double(v));
    } else {
        const double rounded = std::round(double(v) * 100.0) / 100.0;
        std::snprintf(text, sizeof text, "%.2f", rounded == 0.0 ? 0.0 : rounded);
    }
    return text;
}

std::string formatPoint(const glm::vec3& p) {
    return "(" + formatCoordinate(p.x) + ", " + formatCoordinate(p.y) + ", " + formatCoordinate(p.z) + ")";
}

// The mesh's bounds grown by a margin; messages give the bounds themselves.
struct Box {
    asset::Bounds mesh;
    float margin = 0.0f;
    bool contains(const glm::vec3& p) const {
        const glm::vec3 min = mesh.min - glm::vec3(margin), max = mesh.max + glm::vec3(margin);
        return p.x >= min.x && p.y >= min.y && p.z >= min.z && p.x <= max.x && p.y <= max.y && p.z <= max.z;
    }
    std::string describe() const {
        return "the scan spans " + formatPoint(mesh.min) + " to " + formatPoint(mesh.max);
    }
};

// Whether the hotspot sphere is reached from `eye`: nothing of the mesh lies on the segment from
// the eye to the point `radius` short of the centre.
bool seesHotspot(const view::MeshBvh& bvh, const glm::vec3& eye, const scene::Hotspot& hotspot) {
    const glm::vec3 toCentre = hotspot.position - eye;
    const float distance = glm::length(toCentre);
    if (distance <= hotspot.radius) return true;
    const glm::vec3 end = eye + toCentre * ((distance - hotspot.radius) / distance);
    return !bvh.anyHit(eye, end);
}

Finding makeFinding(scene::Severity severity, std::string jsonPath, std::string message) {
    return Finding{severity, std::string(scene::kManifestFileName), std::move(jsonPath), std::move(message)};
}

void checkStations(const scene::Room& room, const RoomPaths& paths, const view::MeshBvh& bvh, const Box& box,
                   const GeometrySettings& settings, std::vector<Finding>& findings) {
    view::WalkerSettings walkerSettings;
    walkerSettings.eyeHeight = room.walk.eyeHeight;
    const view::Walker walker(bvh, walkerSettings);
    for (size_t i = 0; i < room.stations.size(); ++i) {
        const scene::Station& station = room.stations[i];
        const glm::vec3 eye = station.pose.position;
        const std::string path = paths.stations[i] + ".position";
        const std::string name = "station '" + station.id + "'";
        if (!box.contains(eye)) {
            findings.push_back(makeFinding(scene::Severity::Error, path,
                                           name + " at " + formatPoint(eye) + " is outside the room (" +
                                               box.describe() + ")"));
            continue;
        }
        if (bvh.closestPoint(eye, settings.eyeClearance)) {
            findings.push_back(makeFinding(scene::Severity::Warning, path,
                                           core::concat(name, ": the eye at ", formatPoint(eye),
                                                        " is within ", settings.eyeClearance,
                                                        " m of the scan (inside a wall or furniture?)")));
        }
        if (!walker.findFloor(eye.x, eye.y, eye.z)) {
            findings.push_back(makeFinding(scene::Severity::Warning, path,
                                           name + ": no floor under the eye at " + formatPoint(eye)));
        }
    }
}

} // namespace

std::vector<Finding> checkRoomGeometry(const scene::Room& room, const RoomPaths& paths,
                                       const view::MeshBvh& bvh, const GeometrySettings& settings) {
    std::vector<Finding> findings;
    const Box box{bvh.bounds(), settings.boundsMargin};
    checkStations(room, paths, bvh, box, settings, findings);
    std::vector<glm::vec3> eyes;
    for (const scene::Station& station : room.stations)
        if (box.contains(station.pose.position)) eyes.push_back(station.pose.position);
    for (size_t i = 0; i < room.hotspots.size(); ++i) {
        const scene::Hotspot& hotspot = room.hotspots[i];
        const std::string name = "hotspot '" + hotspot.id + "'";
        if (!box.contains(hotspot.position)) {
            findings.push_back(makeFinding(scene::Severity::Error, paths.hotspots[i] + ".position",
                                           name + " at " + formatPoint(hotspot.position) +
                                               " is outside the room (" + box.describe() + ")"));
            continue;
        }
        bool seen = eyes.empty(); // without a station to look from there is nothing to check
        for (const glm::vec3& eye : eyes) seen = seen || seesHotspot(bvh, eye, hotspot);
        if (!seen) {
            findings.push_back(
                makeFinding(scene::Severity::Error, paths.hotspots[i] + ".position",
                            name + " at " + formatPoint(hotspot.position) +
                                " is inside a wall or furniture, or hidden from every station"));
        }
        if (hotspot.view && !box.contains(hotspot.view->position)) {
            findings.push_back(makeFinding(scene::Severity::Warning, paths.hotspots[i] + ".view.position",
                                           name + ": the view position " +
                                               formatPoint(hotspot.view->position) +
                                               " is outside the room (" + box.describe() + ")"));
        }
    }
    return findings;
}

std::optional<std::string> checkPhotoFile(const std::filesystem::path& file, const PhotoLimits& limits) {
    // The header alone first, as the viewer does: a small file may declare an enormous image.
    auto info = asset::probePhoto(file, asset::PhotoLimits{limits.maxPixels, limits.maxBytes});
    if (!info) return info.error().message;
    if (uint64_t(info->width) * info->height > limits.fullDecodePixels) return std::nullopt;
    auto bytes = core::readFile(file, limits.maxBytes);
    if (!bytes) return bytes.error().message;
    auto image = asset::decodeImage(*bytes, file.filename().string(), limits.fullDecodePixels);
    if (!image) return image.error().message;
    return std::nullopt;
}

} // namespace sr::check
