#pragma once
// The bundled demo exhibit: two imagined rooms written as a complete exhibit folder
// (manifest.json, meshes, texture atlases and detail photographs). Output is byte-for-byte
// deterministic for a given build and options.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image.h"
#include "core/result.h"
#include "rooms.h"
#include "view/camera.h"

namespace sr::demo {

enum class Quality { Draft, Full };

struct DemoOptions {
    Quality quality = Quality::Full;
    bool skipPhotos = false; // write everything but the photographs; the manifest then names none
};

// Resolution and sampling choices that follow from a quality.
struct QualitySettings {
    uint32_t atlasSize = 2048;     // texels per atlas side
    uint32_t atlasCount = 3;       // pages per textured room
    float lightSpacing = 0.025f;   // metres between baked light samples
    float plySpacingScale = 0.62f; // vertex-coloured room: triangle spacing relative to the layout's
    uint32_t photoWidth = 3000, photoHeight = 2000;
    int atlasJpegQuality = 88;
    int photoJpegQuality = 90;
};
QualitySettings settingsFor(Quality quality);

// One detail photograph to render: a camera close to a hotspot, looking at it.
struct PhotoShot {
    std::filesystem::path output; // relative to the exhibit folder, e.g. rooms/bedroom/photos/pip-1.jpg
    std::filesystem::path mesh;   // the room's scan, relative to the exhibit folder
    view::Camera camera;          // world space, +Z up, metres
    uint32_t width = 0, height = 0;
    std::string room, hotspot;
};

// Renders `meshFile` (an absolute path to a room's scan) unlit from `camera` into an RGBA8 image
// of width x height, sRGB-encoded, rows top to bottom. Called on the calling thread, once per shot.
using PhotoRenderer = std::function<core::Result<core::Image8>(
    const std::filesystem::path& meshFile, const view::Camera& camera, uint32_t width, uint32_t height)>;

// The rooms, built in memory (no files). Deterministic.
std::vector<RoomSpec> buildDemoRooms();
// Checks a room's layout: stations inside the room and in free space, every photo camera in
// free space with a clear line to its hotspot. Errors name the room and the station or hotspot.
core::Status validateRoom(const RoomSpec& room);
// The manifest (format stillroom-exhibit/1) for the rooms, with photo paths as planPhotoShots names
// them, or none when `withPhotos` is false (so that every file it names exists).
nlohmann::ordered_json demoManifest(const std::vector<RoomSpec>& rooms, bool withPhotos = true);
// Every detail photograph of every hotspot, in manifest order.
std::vector<PhotoShot> planPhotoShots(const std::vector<RoomSpec>& rooms, const DemoOptions& options);

// Writes the whole exhibit into `dir` (created if missing): rooms and manifest first, then the
// photographs through `renderPhoto`, each finished like a real photograph and saved as JPEG.
// Fails (after writing everything else) if any photograph could not be rendered or written;
// the error names the first failing photo and counts the rest.
core::Status writeDemoExhibit(const std::filesystem::path& dir, const DemoOptions& options,
                              const PhotoRenderer& renderPhoto);

} // namespace sr::demo
