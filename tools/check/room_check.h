#pragma once
// The checks of one room that need its geometry or its files: where stations and hotspots lie
// relative to the scan, and whether each photo decodes. Pure functions, run in-process; the
// exhibit check (check/exhibit_check.h) runs them in child processes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scene/exhibit.h"
#include "scene/manifest.h"
#include "view/bvh.h"

namespace sr::check {

// A finding has the shape of a manifest problem: severity, file relative to the exhibit folder,
// JSON path in manifest.json (or empty), message.
using Finding = scene::Problem;

// Where one room's entries are written in manifest.json, with array indices as in the file (so
// they stay right when loadExhibit left an invalid entry out). One entry per kept station,
// hotspot and photo of the scene::Room, in the same order.
struct RoomPaths {
    std::string room;                             // "rooms[0]"
    std::vector<std::string> stations;            // "rooms[0].stations[1]"
    std::vector<std::string> hotspots;            // "rooms[0].hotspots[2]"
    std::vector<std::vector<std::string>> photos; // "rooms[0].hotspots[2].photos[0]"
};

struct GeometrySettings {
    float boundsMargin = 0.1f; // metres the mesh's bounding box is grown by before "outside"
    float eyeClearance = 0.1f; // metres: a station eye closer than this to the mesh is "inside"
};

// Checks stations and hotspots of `room` against its imported mesh (world space, metres, +Z up):
// - a hotspot centre outside the grown bounds: error; otherwise, when the room has stations
//   inside the bounds, a hotspot that no station sees (the segment from the eye towards the
//   centre meets the mesh before coming within the hotspot's radius of it): error;
// - a hotspot's view position outside the grown bounds: warning;
// - a station eye outside the grown bounds: error; an eye closer than eyeClearance to the mesh,
//   or no walkable floor under it (view::Walker::findFloor): warning.
// Findings name manifest.json and the JSON path of the position. Any thread.
std::vector<Finding> checkRoomGeometry(const scene::Room& room, const RoomPaths& paths,
                                       const view::MeshBvh& bvh, const GeometrySettings& settings = {});

struct PhotoLimits {
    uint64_t maxPixels = 120'000'000;        // larger images are refused (header check only)
    uint64_t fullDecodePixels = 40'000'000;  // images up to this size are decoded in full
    uint64_t maxBytes = uint64_t(512) << 20; // larger files are refused unread
};

// Checks that `file` is a photo the viewer can show: readable, JPEG or PNG, at most
// `maxPixels` pixels by its header and, when no larger than `fullDecodePixels`, decodable in full.
// Returns nothing when it is fine, otherwise the reason (without the path). Never throws except
// std::bad_alloc. Decoding untrusted files can crash a decoder: run it in a child process.
std::optional<std::string> checkPhotoFile(const std::filesystem::path& file, const PhotoLimits& limits = {});

} // namespace sr::check
