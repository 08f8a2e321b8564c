#pragma once
// Where to stand when nobody said: inside a room at eye height, or in front of a small object.
#include "asset/room_mesh.h"
#include "view/camera.h"

namespace sr::view {

inline constexpr float kEyeHeight = 1.6f;        // metres above the floor
inline constexpr float kSmallestRoomSize = 2.0f; // a mesh whose footprint is smaller is shown as an object

// Finds the floor under (x, y): casts a ray down from above the mesh and returns the height of
// the lowest surface it crosses, or bounds.min.z when it crosses none (a hole in the scan).
float findFloorHeight(const asset::RoomMesh& mesh, float x, float y);

// A camera for a mesh with no stations. A room (footprint at least kSmallestRoomSize on both
// sides): standing at the footprint's centre, kEyeHeight above the floor (kept below the
// ceiling), looking level along the room's longer side. Anything smaller: from outside, looking
// down slightly at the centre from a distance where the whole mesh fits the field of view.
Camera defaultCamera(const asset::RoomMesh& mesh, float verticalFovDeg = 60.0f, float aspect = 16.0f / 9.0f);

} // namespace sr::view
