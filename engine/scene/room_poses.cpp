#include "scene/room_poses.h"

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>
#include <unordered_set>

#include "core/exhibit_path.h"
#include "core/log.h"

namespace sr::scene {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxRoomHotspots = 1024;
constexpr float kMaxSpotDistance = 50.0f; // metres along the optical axis
constexpr float kFallbackDistance = 1.5f; // metres in front when the axis meets nothing
constexpr size_t kMaxIdBytes = 64;

std::string_view fileName(std::string_view name) {
    const size_t slash = name.find_last_of("/\\");
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::string_view stem(std::string_view name) {
    name = fileName(name);
    const size_t dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

} // namespace

std::string photoHotspotId(std::string_view image, std::unordered_set<std::string>& taken) {
    std::string base = "photo-";
    for (char c : stem(image)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        base += ok ? c : '-';
    }
    base.resize(std::min(base.size(), kMaxIdBytes - 6)); // room for "-99999"
    std::string id = base;
    for (int n = 2; taken.count(id); ++n) id = base + "-" + std::to_string(n);
    taken.insert(id);
    return id;
}

glm::dmat3 fileToRoomRotation(asset::UpAxis up, const glm::vec3& upVector) {
    return glm::dmat3(asset::fileToWorldRotation(up, upVector));
}

asset::UpAxis nearestUpAxis(const glm::dvec3& fileDirection) {
    constexpr std::array<std::pair<asset::UpAxis, glm::dvec3>, 6> axes{{
        {asset::UpAxis::PosX, {1, 0, 0}},
        {asset::UpAxis::NegX, {-1, 0, 0}},
        {asset::UpAxis::PosY, {0, 1, 0}},
        {asset::UpAxis::NegY, {0, -1, 0}},
        {asset::UpAxis::PosZ, {0, 0, 1}},
        {asset::UpAxis::NegZ, {0, 0, -1}},
    }};
    auto best = axes[0];
    for (const auto& axis : axes)
        if (glm::dot(axis.second, fileDirection) > glm::dot(best.second, fileDirection)) best = axis;
    return best.first;
}

asset::CameraPose poseInRoomSpace(const asset::CameraPose& pose, asset::UpAxis up, float metresPerUnit,
                                  const glm::vec3& upVector) {
    glm::dmat3 axes = fileToRoomRotation(up, upVector);
    // Exactly orthonormal again: the single-precision rotation is off by about 1e-7.
    axes[0] = glm::normalize(axes[0]);
    axes[1] = glm::normalize(axes[1] - glm::dot(axes[1], axes[0]) * axes[0]);
    axes[2] = glm::cross(axes[0], axes[1]);
    asset::CameraPose out = pose;
    out.rotation = axes * pose.rotation;
    out.center = axes * pose.center * double(metresPerUnit);
    return out;
}

core::Result<asset::PoseSet> loadRoomPoses(const fs::path& poses, const fs::path& exhibitFolder,
                                           asset::UpAxis up, float metresPerUnit, const glm::vec3& upVector) {
    auto set = asset::loadCameraPoses(poses);
    if (!set) return set.error();
    for (asset::CameraPose& pose : set->poses) {
        if (!pose.imageFile.empty() && !core::isInsideFolder(exhibitFolder, pose.imageFile)) {
            std::string message =
                core::concat(set->source.string(), ": ", pose.entry,
                             ": the photo lies outside the exhibit folder: ", pose.imageFile.string());
            core::logWarning(message);
            set->skipped.push_back(std::move(message));
            pose.imageFile.clear();
        }
        pose = poseInRoomSpace(pose, up, metresPerUnit, upVector);
    }
    return set;
}

const asset::CameraPose* findPoseByImage(std::span<const asset::CameraPose> poses, std::string_view name) {
    for (const asset::CameraPose& pose : poses) {
        if (pose.image == name) return &pose;
    }
    // Looser matches must be unique: two folders may both hold an IMG_0001.JPG.
    const auto unique = [&](auto key) -> const asset::CameraPose* {
        const asset::CameraPose* found = nullptr;
        for (const asset::CameraPose& pose : poses) {
            if (key(pose.image) != key(name)) continue;
            if (found) return nullptr;
            found = &pose;
        }
        return found;
    };
    if (const auto* pose = unique(fileName)) return pose;
    return unique(stem);
}

PhotoSpot photoSpot(const asset::CameraPose& roomPose, const RoomRaycast& raycast) {
    const glm::vec3 origin(roomPose.center);
    const glm::vec3 forward = glm::normalize(glm::vec3(roomPose.forward()));
    PhotoSpot spot;
    std::optional<float> hit = raycast ? raycast(origin, forward) : std::nullopt;
    if (hit && std::isfinite(*hit) && *hit > 0.0f && *hit <= kMaxSpotDistance) {
        spot.onSurface = true;
        spot.distance = *hit;
    } else {
        spot.distance = kFallbackDistance;
    }
    spot.position = origin + forward * spot.distance;
    spot.radius = std::clamp(0.04f * spot.distance, 0.06f, 0.3f);
    return spot;
}

AlignedPhoto alignedPhotoFor(const asset::CameraPose& roomPose) {
    AlignedPhoto photo;
    photo.rotation = roomPose.rotation;
    photo.center = roomPose.center;
    photo.intrinsics = roomPose.intrinsics;
    photo.file = roomPose.imageFile;
    photo.image = roomPose.image;
    return photo;
}

std::vector<Hotspot> withPhotoHotspots(std::vector<Hotspot> hotspots, const asset::PoseSet& roomPoses,
                                       PosePhotos mode, const RoomRaycast& raycast,
                                       std::vector<std::string>& messages) {
    const std::string source = roomPoses.source.string();
    std::unordered_set<const asset::CameraPose*> used;
    std::unordered_set<std::string> ids;
    for (Hotspot& hotspot : hotspots) {
        ids.insert(hotspot.id);
        if (hotspot.photoPose.empty()) continue;
        const asset::CameraPose* pose = findPoseByImage(roomPoses.poses, hotspot.photoPose);
        if (!pose) {
            messages.push_back(core::concat(source, ": hotspot '", hotspot.id, "': no photo named '",
                                            hotspot.photoPose,
                                            "' has a pose; it opens like any other hotspot"));
            continue;
        }
        if (pose->imageFile.empty()) {
            messages.push_back(core::concat(source, ": hotspot '", hotspot.id, "': ", pose->entry,
                                            ": its photo was not found; it opens like any other hotspot"));
            continue;
        }
        hotspot.aligned = alignedPhotoFor(*pose);
        used.insert(pose);
    }
    if (mode != PosePhotos::All) return hotspots;
    size_t left = 0;
    for (const asset::CameraPose& pose : roomPoses.poses) {
        if (pose.imageFile.empty() || used.count(&pose)) continue;
        if (hotspots.size() >= kMaxRoomHotspots) {
            ++left;
            continue;
        }
        const PhotoSpot spot = photoSpot(pose, raycast);
        Hotspot hotspot;
        hotspot.id = photoHotspotId(pose.image, ids);
        hotspot.position = spot.position;
        hotspot.radius = spot.radius;
        hotspot.photoPose = pose.image;
        hotspot.aligned = alignedPhotoFor(pose);
        hotspots.push_back(std::move(hotspot));
    }
    if (left > 0) {
        messages.push_back(core::concat(source, ": ", left, " more photos than the ", kMaxRoomHotspots,
                                        " hotspots a room holds are not offered"));
    }
    return hotspots;
}

} // namespace sr::scene
