#pragma once
// The visitor walking on a room's floor: a vertical capsule that slides along walls and
// furniture, climbs small steps and never walks off the scanned floor, through a hole in it, or
// out through a gap in the walls. Pure geometry: no clock, no randomness, no state of its own.
//
// World space: right-handed, +Z up, metres. "Eye" is the camera position; the floor under a
// standing visitor is eye.z - eyeHeight.
#include <optional>
#include <utility>

#include <glm/glm.hpp>

#include "view/bvh.h"

namespace sr::view {

struct WalkerSettings {
    float eyeHeight = 1.6f;       // metres from the floor to the eye
    float radius = 0.2f;          // metres, the capsule's radius
    float stepHeight = 0.3f;      // metres: the capsule starts this far above the floor, so anything
                                  // lower (a rug, a threshold, a step) is walked onto, not bumped into
    float headroom = 0.1f;        // metres the capsule reaches above the eye
    float minFloorNormalZ = 0.7f; // a surface is walkable when its upward normal's z is at least this
};

// Reads a MeshBvh it does not own; the BVH must outlive the walker. All functions are const and
// may be called from any thread concurrently (the BVH is immutable).
class Walker {
public:
    explicit Walker(const MeshBvh& bvh, const WalkerSettings& settings = {});

    const WalkerSettings& settings() const { return mSettings; }

    // Height of the highest walkable surface under (x, y) at or below `aboveZ`: a ray cast straight
    // down from (x, y, aboveZ) passes any surface steeper than minFloorNormalZ allows and stops at
    // the first walkable one, whichever way its triangle is wound. None when nothing walkable is
    // below (a hole in the scan, or outside the room).
    //
    // Unlike findFloorHeight() in default_camera.h, which takes the lowest surface crossed by the
    // whole vertical line (the room's floor even under a table, and the mesh's lowest point in a
    // hole), this finds what a foot at `aboveZ` would land on: the table top when `aboveZ` is above
    // it, the rug rather than the floor under it, and nothing at all in a hole.
    std::optional<float> findFloor(float x, float y, float aboveZ) const;

    // Places a visitor under `point`: on the highest walkable surface at or below point.z, at eye
    // height above it, nudged sideways (less than one radius) out of any wall or furniture it
    // touches. None when there is no floor under the point or no room to stand there.
    std::optional<glm::vec3> settle(const glm::vec3& point) const;

    // Walks the visitor standing at `eye` (as settle() or move() left it) by `displacement`
    // (metres, world x and y) and returns the new eye. The move is cut into sub-steps of at most
    // radius / 2, so a fast move cannot pass through a thin wall. In each sub-step the capsule is
    // pushed out of what it touches, horizontally, which keeps the part of the motion along a wall
    // (sliding); the eye follows the floor up or down by at most stepHeight. A sub-step is refused
    // (the visitor stays, or slides along the edge) when the floor under the new position is
    // missing, or lower than stepHeight below the current one: under the capsule's centre, or, to
    // bridge cracks in a scan narrower than the capsule, under every point of a ring of radius/2
    // around it. A non-finite input returns `eye` unchanged.
    glm::vec3 move(const glm::vec3& eye, const glm::vec2& displacement) const;

    // Whether the capsule of a visitor at `eye` is free of the mesh (touching within 1 mm counts
    // as free).
    bool isClear(const glm::vec3& eye) const;
    // The capsule's axis for a visitor at `eye`: bottom and top centres of its hemispheres. The
    // capsule is every point within `radius` of this segment, from stepHeight above the floor to
    // headroom above the eye.
    std::pair<glm::vec3, glm::vec3> capsuleAxis(const glm::vec3& eye) const;

private:
    std::optional<glm::vec3> pushOut(glm::vec3 eye) const;
    std::optional<float> floorUnder(float x, float y, float currentFloor) const;
    std::optional<glm::vec3> tryStep(const glm::vec3& eye, const glm::vec2& step) const;
    glm::vec3 subStep(const glm::vec3& eye, const glm::vec2& step) const;

    const MeshBvh& mBvh;
    WalkerSettings mSettings;
};

} // namespace sr::view
