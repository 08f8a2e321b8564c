#pragma once
// Turns a room's Scene into files: textured OBJ with JPEG atlases, or vertex-coloured PLY.
#include <filesystem>

#include "core/result.h"
#include "exhibit.h"
#include "rooms.h"

namespace sr::demo {

// Writes scan.obj, scan.mtl and texture_1001.jpg... into `roomDir`.
core::Status writeTexturedRoom(const RoomSpec& room, const std::filesystem::path& roomDir,
                               const QualitySettings& settings);
// Writes scan.ply into `roomDir`.
core::Status writeColoredRoom(const RoomSpec& room, const std::filesystem::path& roomDir,
                              const QualitySettings& settings);

} // namespace sr::demo
