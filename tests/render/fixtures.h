#pragma once
// Tiny rooms generated in code for render tests: no files, fully deterministic.
#include <string>

#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::test {

// Known names:
//  "color-box"     4 x 3 x 2.5 m room, floor at z=0, each wall a different vertex colour, with a
//                  1 x 0.6 x 0.75 m table in the middle.
//  "textured-room" the same room with two materials: a checker atlas on walls and floor, a striped
//                  atlas on the table; textures have full mip chains.
//  "srgb-wall"     a wall filling the view in sRGB grey 188 (texture) to check colour round trips.
core::Result<asset::RoomMesh> makeFixture(const std::string& name);

} // namespace sr::test
