#pragma once
// `stillroom-poses hotspots`: the authoring aid for photo hotspots. For each chosen photo of a
// room's pose file it writes a manifest hotspot at the surface the photo looks at, naming the
// photo in "photo_pose", for a curator to title, caption and paste into the room's "hotspots".
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "poses/pose_source.h"

namespace sr::poses {

struct HotspotRequest {
    PoseSource source;               // an exhibit and room: the mesh is needed
    std::vector<std::string> photos; // names as scene::findPoseByImage takes them; empty: every photo
};

struct PhotoHotspots {
    // A pretty-printed JSON array of {"id", "position", "radius", "title": "", "caption": "",
    // "photo_pose"}, in the order asked for (every photo: the pose file's order), ending in a newline.
    std::string json;
    size_t count = 0;
    std::vector<std::string> warnings; // not fatal: an axis that meets nothing, a photo not on disk
    std::vector<std::string> errors;   // names that match no pose; the others are still in `json`
};

// Imports the room's mesh as the viewer does (its "up" and "units", files confined to the exhibit
// folder), builds a view::MeshBvh, and places one hotspot per chosen photo with scene::photoSpot
// (room space, metres; positions rounded to millimetres). Ids are "photo-NAME" (NAME the photo's
// file name without extension, other characters than A-Z a-z 0-9 - _ . made '-', at most 64
// characters), numbered "-2", "-3", ... where the room or an earlier photo has the id already.
// `photo_pose` is the pose file's own name for the photo. A photo whose optical axis meets nothing
// within 50 m is still written, 1.5 m in front of the camera, with a warning. With every photo
// chosen, poses whose photo is not in the exhibit folder are left out, with a warning; a photo
// named explicitly is written anyway, with a warning; so is the lot when, with the room's own
// hotspots, they are more than the 1024 a room holds. Fails, naming the file, when the room cannot
// be opened (openRoom), has no poses or they cannot be read, or the mesh cannot be imported.
// Runs Assimp on the mesh in this process. Never throws except std::bad_alloc.
core::Result<PhotoHotspots> makePhotoHotspots(const HotspotRequest& request);

// Writes `text` to `file` atomically (core::writeFileAtomic), refusing, without touching it, a file
// that already exists. Never throws.
core::Status writeNewFile(const std::filesystem::path& file, std::string_view text);

} // namespace sr::poses
