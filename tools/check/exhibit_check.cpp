#include "check/exhibit_check.h"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "asset/import.h"
#include "check/manifest_paths.h"
#include "check/pose_check.h"
#include "core/log.h"
#include "view/bvh.h"

namespace sr::check {
using core::ChildLimits;
using core::ChildOutcome;
using core::ChildSender;
using core::decodeRecords;
using core::describeFailure;
using core::encodeRecord;
using core::runInChild;
namespace {

namespace fs = std::filesystem;
using scene::Severity;

// Child to parent, as core::encodeRecord lines:
//   F severity file path message   a finding ("e" or "w")
//   T triangles textures           the mesh imported
//   B index / K index              started / finished photo `index`
std::string encodeFinding(const Finding& f) {
    return encodeRecord({"F", f.severity == Severity::Error ? "e" : "w", f.file, f.jsonPath, f.message});
}

bool decodeFinding(const std::vector<std::string>& record, std::vector<Finding>& findings) {
    if (record.size() != 5 || record[0] != "F") return false;
    findings.push_back(
        Finding{record[1] == "e" ? Severity::Error : Severity::Warning, record[2], record[3], record[4]});
    return true;
}

// `text` with the exhibit folder left off every absolute path inside it.
std::string relativeToFolder(std::string text, const fs::path& folder) {
    const std::string prefix = folder.string() + "/";
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
        text.erase(at, prefix.size());
    }
    return text;
}

// Child side of a room's scan check: import, the importer's warnings, then the geometry checks of
// the stations, hotspots and camera poses (`roomPoses`, read by the parent, or null).
void importAndCheckInChild(const scene::Exhibit& exhibit, const scene::Room& room, const RoomPaths& paths,
                           const GeometrySettings& geometry, const asset::PoseSet* roomPoses,
                           const ChildSender& send) {
    std::mutex mutex;
    std::vector<std::string> lines;
    core::setLogSink([&](core::LogLevel level, std::string_view text) {
        if (level < core::LogLevel::Warning) return;
        std::lock_guard lock(mutex);
        lines.emplace_back(text);
    });
    asset::ImportOptions options;
    options.up = room.up;
    options.upVector = room.upVector;
    options.metresPerUnit = room.metresPerUnit;
    options.confineTexturesTo = exhibit.folder;
    auto mesh = asset::importRoomMesh(room.mesh.resolved, options);
    core::setLogSink({});
    const std::string meshPath = paths.room + ".mesh";
    for (const std::string& line : lines) {
        const bool outside = line.find("outside the exhibit folder") != std::string::npos;
        send(encodeFinding({outside ? Severity::Error : Severity::Warning, room.mesh.written, meshPath,
                            relativeToFolder(line, exhibit.folder)}));
    }
    if (!mesh) {
        send(encodeFinding(
            {Severity::Error, room.mesh.written, meshPath,
             "cannot import the scan: " + relativeToFolder(mesh.error().message, exhibit.folder)}));
        return;
    }
    send(encodeRecord({"T", std::to_string(mesh->triangleCount()), std::to_string(mesh->textures.size())}));
    const view::MeshBvh bvh(*mesh);
    mesh = core::makeError("", "released"); // the BVH keeps its own copy of the corners
    for (const Finding& finding : checkRoomGeometry(room, paths, bvh, geometry)) send(encodeFinding(finding));
    if (!roomPoses) return;
    for (const Finding& finding : checkPoseGeometry(room, paths, *roomPoses, bvh))
        send(encodeFinding(finding));
}

void checkScan(const scene::Exhibit& exhibit, const scene::Room& room, const RoomPaths& paths,
               const asset::PoseSet* roomPoses, const CheckOptions& options, CheckReport& report,
               RoomSummary& summary) {
    std::error_code error;
    if (!fs::is_regular_file(room.mesh.resolved, error)) return; // the manifest check reported it
    const ChildOutcome outcome = runInChild(
        [&](const ChildSender& send) {
            importAndCheckInChild(exhibit, room, paths, options.geometry, roomPoses, send);
        },
        options.import);
    summary.importSeconds = outcome.seconds;
    for (const auto& record : decodeRecords(outcome.output)) {
        if (decodeFinding(record, report.findings)) continue;
        if (record.size() == 3 && record[0] == "T") {
            summary.imported = true;
            summary.triangles = std::stoull(record[1]);
            summary.textures = std::stoull(record[2]);
        }
    }
    if (outcome.kind == ChildOutcome::Kind::Finished) return;
    const std::string message = summary.imported
                                    ? describeFailure(outcome, "geometry check", "geometry check")
                                    : describeFailure(outcome, "importer", "import");
    report.findings.push_back({Severity::Error, room.mesh.written, paths.room + ".mesh", message});
}

struct PhotoRef {
    const scene::ExhibitPath* photo;
    std::string jsonPath;
};

// Checks `photos` in child processes; a photo that crashes or hangs its child is reported and the
// next child carries on after it.
void checkPhotoFiles(const std::vector<PhotoRef>& photos, const CheckOptions& options, CheckReport& report) {
    size_t next = 0;
    while (next < photos.size()) {
        const size_t first = next;
        const ChildLimits limits{options.secondsPerPhoto * double(photos.size() - first),
                                 options.photoAddressSpace};
        const ChildOutcome outcome = runInChild(
            [&](const ChildSender& send) {
                for (size_t i = first; i < photos.size(); ++i) {
                    send(encodeRecord({"B", std::to_string(i)}));
                    if (auto reason = checkPhotoFile(photos[i].photo->resolved, options.photos)) {
                        send(encodeFinding(
                            {Severity::Error, photos[i].photo->written, photos[i].jsonPath, *reason}));
                    }
                    send(encodeRecord({"K", std::to_string(i)}));
                }
            },
            limits);
        size_t started = first, finished = first;
        bool inPhoto = false;
        for (const auto& record : decodeRecords(outcome.output)) {
            if (decodeFinding(record, report.findings)) continue;
            if (record.size() != 2) continue;
            if (record[0] == "B") {
                started = std::stoull(record[1]);
                inPhoto = true;
            } else if (record[0] == "K") {
                finished = std::stoull(record[1]) + 1;
                inPhoto = false;
            }
        }
        if (outcome.kind == ChildOutcome::Kind::Finished) return;
        const size_t failed = inPhoto ? started : finished;
        if (failed >= photos.size()) return;
        report.findings.push_back({Severity::Error, photos[failed].photo->written, photos[failed].jsonPath,
                                   describeFailure(outcome, "image decoder", "decoding")});
        next = failed + 1;
    }
}

// The room's photos that exist (a missing one is a manifest problem already); a photo shown by an
// earlier hotspot too is a warning.
std::vector<PhotoRef> collectPhotos(const scene::Room& room, const RoomPaths& paths,
                                    std::map<fs::path, std::string>& shownBy, CheckReport& report) {
    std::vector<PhotoRef> photos;
    for (size_t h = 0; h < room.hotspots.size(); ++h) {
        const scene::Hotspot& hotspot = room.hotspots[h];
        for (size_t p = 0; p < hotspot.photos.size(); ++p) {
            const scene::ExhibitPath& photo = hotspot.photos[p];
            const std::string& jsonPath = paths.photos[h][p];
            const std::string owner = "hotspot '" + hotspot.id + "' of room '" + room.id + "'";
            auto [it, first] = shownBy.try_emplace(photo.resolved, owner);
            if (!first) {
                report.findings.push_back({Severity::Warning, photo.written, jsonPath,
                                           "the photo is shown by " + it->second + " too"});
                continue;
            }
            std::error_code error;
            if (fs::is_regular_file(photo.resolved, error)) photos.push_back({&photo, jsonPath});
        }
    }
    return photos;
}

} // namespace

size_t CheckReport::errorCount() const {
    size_t n = 0;
    for (const Finding& finding : findings) n += finding.severity == Severity::Error;
    return n;
}

size_t CheckReport::warningCount() const { return findings.size() - errorCount(); }

core::Result<CheckReport> checkExhibit(const fs::path& folder, const CheckOptions& options) {
    auto loaded = scene::loadExhibit(folder);
    if (!loaded) return loaded.error();
    const scene::Exhibit& exhibit = loaded->exhibit;
    CheckReport report;
    report.findings = loaded->problems;
    const std::vector<RoomPaths> paths = findRoomPaths(exhibit, exhibit.folder / scene::kManifestFileName);
    std::map<fs::path, std::string> shownBy;
    for (size_t r = 0; r < exhibit.rooms.size(); ++r) {
        const scene::Room& room = exhibit.rooms[r];
        RoomSummary summary{room.id, room.mesh.written};
        // The pose file is read here, not in the child: its reader is hardened against hostile
        // files, and its findings then survive an importer crash.
        std::optional<asset::PoseSet> roomPoses;
        if (room.poses) roomPoses = readRoomPoses(exhibit, room, paths[r], report.findings);
        checkScan(exhibit, room, paths[r], roomPoses ? &*roomPoses : nullptr, options, report, summary);
        checkPhotoFiles(collectPhotos(room, paths[r], shownBy, report), options, report);
        report.rooms.push_back(std::move(summary));
    }
    return report;
}

std::string formatFinding(const Finding& finding) {
    return std::string(finding.severity == Severity::Error ? "error: " : "warning: ") + finding.describe();
}

std::string formatSummary(const CheckReport& report) {
    const size_t errors = report.errorCount(), warnings = report.warningCount(), rooms = report.rooms.size();
    return core::concat(errors, errors == 1 ? " error, " : " errors, ", warnings,
                        warnings == 1 ? " warning in " : " warnings in ", rooms,
                        rooms == 1 ? " room" : " rooms");
}

std::string formatFindingsJson(const std::vector<Finding>& findings) {
    nlohmann::json array = nlohmann::json::array();
    for (const Finding& finding : findings) {
        array.push_back({{"severity", finding.severity == Severity::Error ? "error" : "warning"},
                         {"file", finding.file},
                         {"path", finding.jsonPath},
                         {"message", finding.message}});
    }
    // Messages quote file contents, which need not be UTF-8: replace what is not.
    return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace sr::check
