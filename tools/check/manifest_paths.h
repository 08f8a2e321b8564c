#pragma once
// JSON paths of an exhibit's rooms, stations, hotspots and photos as written in manifest.json.
#include <filesystem>
#include <vector>

#include "check/room_check.h"
#include "scene/exhibit.h"

namespace sr::check {

// For each room of `exhibit` (as loadExhibit kept it), where it and its entries are written in the
// manifest `manifestFile`. loadExhibit leaves invalid entries out, so the n-th kept hotspot need not
// be the n-th in the file: each kept entry is matched to the first unmatched entry of the file with
// its id (a photo: its path), or, when the file cannot be read again, to its kept position.
std::vector<RoomPaths> findRoomPaths(const scene::Exhibit& exhibit,
                                     const std::filesystem::path& manifestFile);

} // namespace sr::check
