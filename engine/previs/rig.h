#pragma once
// What holds the camera, and where that lets the lens go. World space: +Z up, metres.
// Pure functions: any thread.
#include <optional>
#include <string_view>

#include <glm/glm.hpp>

namespace sr::previs {

enum class RigKind {
    Free,   // handheld, Steadicam, crane: anywhere
    Tripod, // anywhere on the floor, the lens between a lowest and a highest height above it
    Track,  // a slider or dolly: on a straight track, the lens at a rise above it
};

// "free", "tripod", "track": the names project files use.
std::string_view rigKindName(RigKind kind);
std::optional<RigKind> parseRigKind(std::string_view name);

// Legs and head: the lens height range over the floor. Defaults fit standard legs and head.
struct TripodLimits {
    float floorZ = 0.0f;     // world height of the floor under the legs
    float minHeightM = 0.6f; // lowest lens height above the floor
    float maxHeightM = 1.9f; // highest lens height above the floor
};

// A slider or a dolly on straight track. The track runs from `start` to `end` (world points on
// the line the lens travels along at zero rise); a dolly's column lifts the lens by a rise in
// [minRiseM, maxRiseM] above that line (both 0 for a slider).
struct TrackLimits {
    glm::vec3 start{0.0f};
    glm::vec3 end{0.0f};
    float minRiseM = 0.0f;
    float maxRiseM = 0.0f;
};

struct Rig {
    RigKind kind = RigKind::Free;
    TripodLimits tripod; // used when kind == Tripod
    TrackLimits track;   // used when kind == Track
};

// Whether the limits of the rig's kind are finite and ordered (min <= max). Free is always valid.
bool isValidRig(const Rig& rig);

// The nearest position the rig allows to `requested` (world, metres):
// - Free: `requested`.
// - Tripod: x and y as requested, z clamped to floorZ + [minHeightM, maxHeightM].
// - Track: the point of the track nearest to `requested` seen from above (x, y), or along z for a
//   vertical track, at that point's height plus the requested rise clamped to the rise range.
// Precondition: isValidRig(rig). A NaN in a coordinate the rig limits gives the low end of its
// range (the track's start); coordinates the rig does not limit pass through unchanged.
glm::vec3 clampToRig(const Rig& rig, const glm::vec3& requested);

} // namespace sr::previs
