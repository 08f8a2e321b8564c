#include "check/pose_check.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/log.h"
#include "scene/manifest.h"
#include "scene/room_poses.h"

namespace sr::check {
namespace {

using scene::Severity;

// `text` with `folder/` left off every absolute path inside it: findings name files as the
// manifest does, relative to the exhibit.
std::string relativeToFolder(std::string text, const std::filesystem::path& folder) {
    const std::string prefix = folder.string() + "/";
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
        text.erase(at, prefix.size());
    }
    return text;
}

std::string formatPoint(const glm::dvec3& p) {
    char text[96];
    std::snprintf(text, sizeof text, "(%.2f, %.2f, %.2f)", p.x, p.y, p.z);
    return text;
}

void checkMeanUp(const scene::Room& room, const RoomPaths& paths, const asset::PoseSet& roomPoses,
                 const PoseCheckSettings& settings, std::vector<Finding>& findings) {
    const auto up = asset::meanUpVector(roomPoses.poses);
    if (!up) return;
    const double angle = glm::degrees(std::acos(std::clamp(up->z, -1.0, 1.0)));
    if (angle <= settings.maxUpAngleDeg) return;
    // The room turns the file's axes by this rotation; its transpose takes room directions back.
    const glm::dmat3 fileToRoom = scene::fileToRoomRotation(room.up, room.upVector);
    const asset::UpAxis nearest = scene::nearestUpAxis(glm::transpose(fileToRoom) * *up);
    char degrees[32];
    std::snprintf(degrees, sizeof degrees, "%.0f", angle);
    findings.push_back({Severity::Warning, std::string(scene::kManifestFileName), paths.room + ".up",
                        core::concat("the cameras' mean up direction is ", degrees,
                                     " degrees from the room's +Z: the scan may lie on its side (\"up\": \"",
                                     scene::upAxisName(nearest), "\" would stand the cameras upright)")});
}

void checkPhotoPoses(const scene::Room& room, const RoomPaths& paths, const asset::PoseSet& roomPoses,
                     std::vector<Finding>& findings) {
    const std::string& poses = room.poses->written;
    for (size_t i = 0; i < room.hotspots.size(); ++i) {
        const scene::Hotspot& hotspot = room.hotspots[i];
        if (hotspot.photoPose.empty()) continue;
        const std::string path = paths.hotspots[i] + ".photo_pose";
        const asset::CameraPose* pose = scene::findPoseByImage(roomPoses.poses, hotspot.photoPose);
        if (!pose) {
            findings.push_back(
                {Severity::Error, std::string(scene::kManifestFileName), path,
                 core::concat("hotspot '", hotspot.id, "': no photo named '", hotspot.photoPose,
                              "' has a pose in ", poses, " (or the name is not unique)")});
        } else if (pose->imageFile.empty()) {
            findings.push_back({Severity::Warning, std::string(scene::kManifestFileName), path,
                                core::concat("hotspot '", hotspot.id, "': ", pose->entry, " of ", poses,
                                             ": its photo is not in the exhibit folder; the hotspot opens "
                                             "like any other")});
        }
    }
}

// The first `maxListed` of `list`, then one warning counting the rest.
void appendListed(const std::vector<Finding>& list, const char* what, const std::string& file,
                  const std::string& jsonPath, size_t maxListed, std::vector<Finding>& findings) {
    const size_t listed = std::min(list.size(), maxListed);
    findings.insert(findings.end(), list.begin(), list.begin() + std::ptrdiff_t(listed));
    if (list.size() > listed) {
        findings.push_back({Severity::Warning, file, jsonPath,
                            core::concat("and ", list.size() - listed, " more poses ", what)});
    }
}

} // namespace

std::optional<asset::PoseSet> readRoomPoses(const scene::Exhibit& exhibit, const scene::Room& room,
                                            const RoomPaths& paths, std::vector<Finding>& findings,
                                            const PoseCheckSettings& settings) {
    std::error_code error;
    if (!room.poses || !std::filesystem::exists(room.poses->resolved, error)) return std::nullopt;
    const std::string jsonPath = paths.room + ".poses";
    auto set = scene::loadRoomPoses(room.poses->resolved, exhibit.folder, room.up, room.metresPerUnit,
                                    room.upVector);
    if (!set) {
        const std::string file = relativeToFolder(set.error().path, exhibit.folder);
        findings.push_back(
            {Severity::Error, file.empty() ? room.poses->written : file, jsonPath,
             "cannot read the camera poses: " + relativeToFolder(set.error().message, exhibit.folder)});
        return std::nullopt;
    }
    // Each skip reads "FILE: ENTRY: reason"; the finding names FILE as its file.
    const std::string prefix = exhibit.folder.string() + "/";
    for (const std::string& skip : set->skipped) {
        std::string message = relativeToFolder(skip, exhibit.folder);
        std::string file = room.poses->written;
        const size_t colon = message.find(": ");
        if (skip.compare(0, prefix.size(), prefix) == 0 && colon != std::string::npos) {
            file = message.substr(0, colon);
            message.erase(0, colon + 2);
        }
        findings.push_back({Severity::Warning, std::move(file), jsonPath, "pose skipped: " + message});
    }
    checkMeanUp(room, paths, *set, settings, findings);
    checkPhotoPoses(room, paths, *set, findings);
    return std::move(*set);
}

std::vector<Finding> checkPoseGeometry(const scene::Room& room, const RoomPaths& paths,
                                       const asset::PoseSet& roomPoses, const view::MeshBvh& bvh,
                                       const PoseCheckSettings& settings) {
    const std::string file = room.poses ? room.poses->written : std::string();
    const std::string jsonPath = paths.room + ".poses";
    const glm::dvec3 min = glm::dvec3(bvh.bounds().min) - double(settings.boundsMargin);
    const glm::dvec3 max = glm::dvec3(bvh.bounds().max) + double(settings.boundsMargin);
    const std::string spans =
        "the scan spans " + formatPoint(bvh.bounds().min) + " to " + formatPoint(bvh.bounds().max);
    std::vector<Finding> outside, blind;
    size_t failing = 0, looksAtNothing = 0;
    for (const asset::CameraPose& pose : roomPoses.poses) {
        const bool in = glm::all(glm::greaterThanEqual(pose.center, min)) &&
                        glm::all(glm::lessThanEqual(pose.center, max));
        const glm::vec3 forward = glm::normalize(glm::vec3(pose.forward()));
        const bool sees = bvh.raycast(glm::vec3(pose.center), forward, settings.lookDistance).has_value();
        failing += !in || !sees;
        looksAtNothing += !sees;
        if (!in) {
            outside.push_back({Severity::Warning, file, jsonPath,
                               core::concat(pose.entry, ": photo centre lies outside the scan: at ",
                                            formatPoint(pose.center), "; ", spans)});
        } else if (!sees) {
            blind.push_back({Severity::Warning, file, jsonPath,
                             core::concat(pose.entry,
                                          ": looks at nothing: its optical axis meets no surface "
                                          "within ",
                                          settings.lookDistance, " m")});
        }
    }
    const size_t total = roomPoses.poses.size();
    std::vector<Finding> findings;
    if (failing >= settings.minDisagree && double(failing) >= settings.disagreeFraction * double(total)) {
        findings.push_back(
            {Severity::Error, file, jsonPath,
             core::concat("the poses and the scan do not agree: ", outside.size(), " of ", total,
                          " photo centres lie outside the scan and ", looksAtNothing, " of ", total,
                          " cameras look at nothing within ", settings.lookDistance, " m (", spans,
                          "). The room's \"up\" and \"units\" move the mesh and the poses alike, so one of "
                          "the two files was turned or rescaled after the photogrammetry (exported with "
                          "another up axis or unit), or the poses belong to another scan")});
        return findings;
    }
    appendListed(outside, "outside the scan", file, jsonPath, settings.maxListed, findings);
    appendListed(blind, "that look at nothing", file, jsonPath, settings.maxListed, findings);
    return findings;
}

} // namespace sr::check
