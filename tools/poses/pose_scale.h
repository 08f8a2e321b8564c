#pragma once
// `stillroom-poses scale`: the two-point scale tool. Photogrammetry without scale bars or GPS
// leaves a scan in arbitrary units; one length measured in the real room (a door's width, a tape
// between two marks) gives the manifest's "units". It only prints: the manifest is never edited.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "core/result.h"
#include "poses/pose_source.h"

namespace sr::poses {

struct ScaleRequest {
    PoseSource source;
    double length = 0.0; // metres between the two ends in the real room, > 0
    // The two ends: points in the mesh file's own coordinates, or the camera centres of two photos
    // of the room's pose file (found as scene::findPoseByImage finds them). Exactly one is set.
    std::optional<std::array<glm::dvec3, 2>> points;
    std::optional<std::array<std::string, 2>> photos;
};

struct ScaleResult {
    std::array<glm::dvec3, 2> ends{};  // mesh file coordinates
    std::array<std::string, 2> names;  // how the ends were given, for the report
    double fileDistance = 0.0;         // in file units
    double length = 0.0;               // metres, as requested
    double metresPerUnit = 0.0;        // the "units" that makes fileDistance `length` metres
    float currentMetresPerUnit = 1.0f; // the room's (or the given) "units" now
    double currentLength = 0.0;        // metres that makes of fileDistance
};

// "X,Y,Z" (three finite numbers, spaces allowed around them) as a point. Fails, quoting the text,
// on anything else.
core::Result<glm::dvec3> parsePoint(std::string_view text);

// Measures as described above. Fails when the room cannot be opened (openRoom), the length is not
// a finite number greater than 0, with --photos when the poses cannot be read or a photo has no
// pose (the message names it), or when the two ends coincide. A suggested unit outside what a
// manifest accepts (0 to 10 000 m per unit) fails with the value in the message. Never throws.
core::Result<ScaleResult> measureScale(const ScaleRequest& request);

// The report: the distance in file units, the manifest line `"units": N`, and what the current
// units make of the distance.
std::string formatScale(const ScaleResult& result);

} // namespace sr::poses
