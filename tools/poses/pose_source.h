#pragma once
// Where stillroom-poses finds a room's camera poses: a room of an exhibit (its manifest's "poses",
// "up", "units" and walk eye height), or a bare pose file or folder read with a given up axis and
// unit. Shared by the info, scale and hotspots commands.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "asset/camera_poses.h"
#include "asset/import.h"
#include "core/result.h"
#include "scene/exhibit.h"

namespace sr::poses {

// What the command line named.
struct PoseSource {
    std::filesystem::path path; // an exhibit folder (with manifest.json), or a pose file or folder
    std::string room;           // the room's id; required for an exhibit, refused for a bare path
    // Override the room's values (an exhibit) or give them (a bare path: +Z, metres, 1.6 m).
    std::optional<asset::UpAxis> up;
    std::optional<float> metresPerUnit;
    std::optional<float> eyeHeight;
};

// A room as the commands see it.
struct RoomContext {
    std::filesystem::path exhibitFolder; // empty for a bare pose path
    std::optional<scene::Room> room;     // the manifest's room (an exhibit only)
    asset::UpAxis up = asset::UpAxis::PosZ;
    glm::vec3 upVector{0.0f}; // the manifest's calibrated up direction, or zero
    float metresPerUnit = 1.0f;
    float eyeHeight = 1.6f;      // metres
    std::string posesName;       // the pose path for messages: as the manifest writes it, or as given
    std::filesystem::path poses; // the pose file or folder; empty when the room has none
};

// The command line's --up and --units: "+Y", "y", ... (asset::parseUpAxis); a unit name or a
// number of metres per file unit in (0, 10 000], as the manifest's "units". Fail quoting the text.
core::Result<asset::UpAxis> parseUpOption(std::string_view text);
core::Result<float> parseUnitsOption(std::string_view text);

// Resolves `source` without reading the poses. Fails with a message naming the file when the
// exhibit's manifest cannot be loaded (scene::loadExhibit; its other problems are ignored), the
// room id is missing or unknown (the message lists the rooms), a room id is given with a bare
// path, or the path does not exist. Touches the file system only to read. Never throws.
core::Result<RoomContext> openRoom(const PoseSource& source);

// Reads the room's poses into room space: confined to the exhibit folder for an exhibit
// (scene::loadRoomPoses), as they are for a bare path. Fails, naming the file, when the room has
// no "poses" or asset::loadCameraPoses fails. Never throws.
core::Result<asset::PoseSet> readRoomSpacePoses(const RoomContext& room);

// The manifest's spelling of metres per file unit as JSON: a quoted unit name when it is one exactly
// ("\"m\"", "\"cm\"", "\"mm\"", "\"in\"", "\"ft\""), else the number in its shortest form ("0.5").
std::string formatUnits(float metresPerUnit);

// The fewest decimal digits that read back as `value` ("0.01", not "0.00999999977"), and that
// text as a double, for JSON output.
std::string shortestFloat(float value);
double shortestDouble(float value);

} // namespace sr::poses
