#pragma once
// Writing a sampled camera move for other programs: per-frame tables (CSV, JSON) and animated
// cameras (glTF 2.0, Collada) through Assimp's exporters. The file formats and the axis
// conversions are described in docs/previs.md.
//
// Input samples are in Stillroom's world (right-handed, +Z up, metres) with orientations that
// rotate camera space (+X right, +Y up, looking along -Z) into world space.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/result.h"
#include "previs/camera_move.h"
#include "previs/sensor.h"

namespace sr::previs {

enum class MoveExportFormat {
    Csv,     // .csv: one row per frame
    Json,    // .json: "stillroom-previs-frames/1", one object per frame
    Gltf,    // .gltf with a .bin beside it: a camera node animated in translation and rotation, +Y up
    Collada, // .dae: a camera node animated by matrices, up_axis Z_UP
    Blender, // .py: a Blender script making the camera with its real sensor, keyed every frame
};

inline constexpr std::string_view kMoveFramesFormat = "stillroom-previs-frames/1";

// The format for a file name's extension (case-insensitive), or nothing.
std::optional<MoveExportFormat> exportFormatForPath(const std::filesystem::path& file);

// What every export needs besides the samples.
struct MoveExportSettings {
    std::string name = "camera";   // the camera's and its node's name; the animation is "<name>-move"
    Filmback filmback;             // the delivered picture's area on the sensor, mm
    double framesPerSecond = 24.0; // the samples' rate; exported times are frame / framesPerSecond
    float nearClipM = 0.05f;       // glTF and Collada clip planes
    float farClipM = 1000.0f;
};

// Euler angles in degrees as Blender's default "XYZ" rotation mode reads them: the rotation is
// Rz(z) * Ry(y) * Rx(x), applied to camera space. A camera looking level along +Y is (90, 0, 0).
// At y = +-90 degrees (gimbal lock) x is 0 and z carries the whole turn.
glm::vec3 eulerXyzDegrees(const glm::quat& orientation);

// Stillroom's +Z-up world to glTF's +Y-up world: (x, y, z) -> (x, z, -y), a turn of -90 degrees
// about +X; orientations are turned the same way (camera space is unchanged).
glm::vec3 zUpToYUp(const glm::vec3& position);
glm::quat zUpToYUp(const glm::quat& orientation);

// The table as CSV text: a header row, then one row per sample with the columns
// frame, time_s, position_x_m, position_y_m, position_z_m, rotation_w, rotation_x, rotation_y,
// rotation_z, euler_x_deg, euler_y_deg, euler_z_deg, focal_length_mm, sensor_width_mm,
// sensor_height_mm, focus_m. Numbers in their shortest exact form; '.' as decimal point.
std::string formatMoveCsv(std::span<const MoveSample> samples, const MoveExportSettings& settings);
// The same as JSON text, with the conventions spelled out in the document.
std::string formatMoveJson(std::span<const MoveSample> samples, const MoveExportSettings& settings);

// A Python script for Blender (2.8 or later) that makes a camera named settings.name with the
// filmback as its sensor (sensor fit horizontal) and keys, on every frame, its location and XYZ
// Euler rotation (Blender's +Z-up world is Stillroom's; angles unwrapped so that consecutive keys
// never turn the long way round), its focal length and its focus distance; it sets the scene's
// frame rate, range and picture aspect (1920 pixels wide, the filmback's aspect) and makes the
// camera the scene's. Frame numbers are the samples' plus one
// (Blender counts from 1). The values sit in one table in the script, as the CSV has them.
std::string formatMoveBlenderScript(std::span<const MoveSample> samples, const MoveExportSettings& settings);

// Writes `samples` (at least one, finite) in `format` to `file`, each output file atomically
// (core::writeFileAtomic); a glTF's binary buffer goes to the same name with ".bin", written
// first. glTF and Collada carry one field of view, the first sample's: a zoom's focal length per
// frame and the focus distance are only in the CSV and JSON exports. Fails with the file and the
// reason (Assimp's message when its exporter fails). Any thread.
core::Status exportMove(const std::filesystem::path& file, MoveExportFormat format,
                        std::span<const MoveSample> samples, const MoveExportSettings& settings);

} // namespace sr::previs
