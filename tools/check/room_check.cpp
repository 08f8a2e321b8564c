#include "check/room_check.h"

#include <stb_image.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <utility>
#include <cstdio>

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

bool startsWith(const std::vector<uint8_t>& bytes, std::initializer_list<uint8_t> magic) {
    return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

bool isPng(const std::vector<uint8_t>& bytes) {
    return startsWith(bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
}
bool isJpeg(const std::vector<uint8_t>& bytes) { return startsWith(bytes, {0xff, 0xd8, 0xff}); }

uint32_t readBigEndian(const std::vector<uint8_t>& bytes, size_t at, int count) {
    uint32_t value = 0;
    for (int i = 0; i < count; ++i) value = (value << 8) | bytes[at + size_t(i)];
    return value;
}

// The size a PNG or JPEG header declares, read here because stb_image refuses very large images
// with only "unknown image type". None when the header does not say (stb_image then reports why).
std::optional<std::pair<uint32_t, uint32_t>> declaredSize(const std::vector<uint8_t>& bytes) {
    if (isPng(bytes)) {
        if (bytes.size() < 24 || !std::equal(bytes.begin() + 12, bytes.begin() + 16, "IHDR"))
            return std::nullopt;
        return std::pair{readBigEndian(bytes, 16, 4), readBigEndian(bytes, 20, 4)};
    }
    // JPEG: walk the marker segments up to the frame header (SOF0..SOF15 but DHT, JPG and DAC).
    size_t at = 2;
    while (at + 4 <= bytes.size() && bytes[at] == 0xff) {
        const uint8_t marker = bytes[at + 1];
        if (marker == 0xff) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xda || marker == 0xd9) return std::nullopt; // scan data or end: no frame header
        const size_t length = readBigEndian(bytes, at + 2, 2);
        const bool frame =
            marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (frame) {
            if (at + 9 > bytes.size()) return std::nullopt;
            return std::pair{readBigEndian(bytes, at + 7, 2), readBigEndian(bytes, at + 5, 2)};
        }
        at += 2 + length;
    }
    return std::nullopt;
}

std::string describeTooLarge(uint64_t width, uint64_t height, uint64_t maxPixels) {
    return core::concat("the image is ", width, " x ", height, " pixels (", width * height / 1'000'000,
                        " MP), more than the ", maxPixels / 1'000'000, " MP a photo may have");
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
    auto bytes = core::readFile(file, limits.maxBytes);
    if (!bytes) return bytes.error().message;
    if (bytes->empty()) return "the file is empty";
    if (bytes->size() > size_t(INT_MAX)) return "the file is larger than 2 GiB";
    if (!isJpeg(*bytes) && !isPng(*bytes))
        return "not a JPEG or PNG file (the photo viewer shows only these)";
    if (auto size = declaredSize(*bytes); size && uint64_t(size->first) * size->second > limits.maxPixels) {
        return describeTooLarge(size->first, size->second, limits.maxPixels);
    }
    int width = 0, height = 0, channels = 0;
    // The header alone first: a small file may declare an enormous image.
    if (!stbi_info_from_memory(bytes->data(), int(bytes->size()), &width, &height, &channels)) {
        return core::concat("not a readable image (", stbi_failure_reason(), ")");
    }
    if (width <= 0 || height <= 0) return "the image declares no pixels";
    const uint64_t pixels = uint64_t(width) * uint64_t(height);
    if (pixels > limits.maxPixels)
        return describeTooLarge(uint64_t(width), uint64_t(height), limits.maxPixels);
    if (pixels > limits.fullDecodePixels) return std::nullopt;
    auto image = asset::decodeImage(*bytes, file.filename().string(), limits.fullDecodePixels);
    if (!image) return image.error().message;
    return std::nullopt;
}

} // namespace sr::check
