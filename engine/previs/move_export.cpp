#include "previs/move_export.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"
#include "previs/move_export_scene.h"

namespace sr::previs {

namespace {
using OrderedJson = nlohmann::ordered_json;
using detail::shortestText;

constexpr std::string_view kCsvHeader =
    "frame,time_s,position_x_m,position_y_m,position_z_m,rotation_w,rotation_x,rotation_y,rotation_z,"
    "euler_x_deg,euler_y_deg,euler_z_deg,focal_length_mm,sensor_width_mm,sensor_height_mm,focus_m\n";

// A float as a JSON number that prints in its shortest form (0.8f as 0.8, not 0.800000011920929).
OrderedJson jsonNumber(float value) {
    if (!std::isfinite(value)) return nullptr;
    double shortest = value;
    const std::string text = shortestText(value);
    std::from_chars(text.data(), text.data() + text.size(), shortest);
    return shortest;
}

OrderedJson jsonArray(std::initializer_list<float> values) {
    OrderedJson out = OrderedJson::array();
    for (float v : values) out.push_back(jsonNumber(v));
    return out;
}

OrderedJson frameJson(const MoveSample& s, const MoveExportSettings& settings) {
    const glm::vec3 euler = eulerXyzDegrees(s.orientation);
    OrderedJson out = OrderedJson::object();
    out["frame"] = s.frame;
    out["time_s"] = s.timeS;
    out["position"] = jsonArray({s.position.x, s.position.y, s.position.z});
    out["rotation_wxyz"] = jsonArray({s.orientation.w, s.orientation.x, s.orientation.y, s.orientation.z});
    out["euler_xyz_deg"] = jsonArray({euler.x, euler.y, euler.z});
    out["focal_length_mm"] = jsonNumber(s.focalLengthMm);
    out["sensor_width_mm"] = jsonNumber(settings.filmback.widthMm);
    out["sensor_height_mm"] = jsonNumber(settings.filmback.heightMm);
    out["focus_m"] = jsonNumber(s.focusDistanceM);
    return out;
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}
} // namespace

namespace detail {
std::string shortestText(float value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}

std::string shortestText(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}
} // namespace detail

std::optional<MoveExportFormat> exportFormatForPath(const std::filesystem::path& file) {
    const std::string extension = lowerCase(file.extension().string());
    if (extension == ".csv") return MoveExportFormat::Csv;
    if (extension == ".json") return MoveExportFormat::Json;
    if (extension == ".gltf") return MoveExportFormat::Gltf;
    if (extension == ".dae") return MoveExportFormat::Collada;
    if (extension == ".py") return MoveExportFormat::Blender;
    return std::nullopt;
}

glm::vec3 eulerXyzDegrees(const glm::quat& orientation) {
    // R = Rz(z) Ry(y) Rx(x); with R(row, column) = m[column][row]: R20 = -sin y,
    // R21 = cos y sin x, R22 = cos y cos x, R10 = cos y sin z, R00 = cos y cos z.
    const glm::dmat3 m = glm::mat3_cast(glm::normalize(glm::dquat(orientation)));
    const double sinY = std::clamp(-m[0][2], -1.0, 1.0);
    double x = 0.0, z = 0.0;
    const double y = std::asin(sinY);
    if (std::abs(sinY) < 1.0 - 1e-12) {
        x = std::atan2(m[1][2], m[2][2]);
        z = std::atan2(m[0][1], m[0][0]);
    } else { // gimbal lock: only x - z (or x + z) is defined; put it all in z
        z = std::atan2(-m[1][0], m[1][1]);
    }
    return glm::vec3(glm::degrees(glm::dvec3(x, y, z)));
}

glm::vec3 zUpToYUp(const glm::vec3& position) { return {position.x, position.z, -position.y}; }

glm::quat zUpToYUp(const glm::quat& orientation) {
    return glm::angleAxis(glm::radians(-90.0f), glm::vec3(1, 0, 0)) * orientation;
}

std::string formatMoveCsv(std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    std::string out(kCsvHeader);
    const std::string sensor =
        shortestText(settings.filmback.widthMm) + "," + shortestText(settings.filmback.heightMm);
    for (const MoveSample& s : samples) {
        const glm::vec3 e = eulerXyzDegrees(s.orientation);
        const glm::quat& q = s.orientation;
        out += std::to_string(s.frame) + "," + shortestText(s.timeS);
        for (float v :
             {s.position.x, s.position.y, s.position.z, q.w, q.x, q.y, q.z, e.x, e.y, e.z, s.focalLengthMm})
            out += "," + shortestText(v);
        out += "," + sensor + "," + shortestText(s.focusDistanceM) + "\n";
    }
    return out;
}

std::string formatMoveJson(std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    OrderedJson root = OrderedJson::object();
    root["format"] = std::string(kMoveFramesFormat);
    root["name"] = settings.name;
    root["frames_per_second"] = settings.framesPerSecond;
    root["world"] = "right-handed, +Z up, metres";
    root["camera_axes"] = "+X right, +Y up, looks along -Z; rotation takes camera axes to world axes";
    root["euler"] = "XYZ as Blender reads it: R = Rz(z) * Ry(y) * Rx(x), degrees";
    OrderedJson frames = OrderedJson::array();
    for (const MoveSample& s : samples) frames.push_back(frameJson(s, settings));
    root["frames"] = std::move(frames);
    // Replace, not throw, on text that is not UTF-8: a name typed by a person.
    return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string formatMoveBlenderScript(std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    // A Python string literal of any text: JSON's escapes are valid Python ones.
    const std::string name =
        nlohmann::json(settings.name).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    const double fps = settings.framesPerSecond;
    const int fpsWhole = std::max(1, int(std::ceil(fps - 1e-9)));
    std::string out =
        "# A camera move from Stillroom previs, for Blender 2.8 or later: run this script in Blender\n"
        "# (Scripting workspace, Open, Run Script; or: blender --python THIS_FILE). It makes the camera\n"
        "# with the real sensor and focal length and keys it on every frame. Blender's world is\n"
        "# Stillroom's: right-handed, +Z up, metres; rotations are XYZ Euler angles in degrees.\n"
        "import bpy\n"
        "from math import radians\n\n";
    out += "NAME = " + name + "\n";
    out += "SENSOR_MM = (" + shortestText(settings.filmback.widthMm) + ", " +
           shortestText(settings.filmback.heightMm) + ")  # width, height\n";
    out += "FPS = " + shortestText(fps) + "\n";
    out += "CLIP_M = (" + shortestText(settings.nearClipM) + ", " + shortestText(settings.farClipM) + ")\n";
    out += "# frame, x, y, z (m), rotation x, y, z (degrees), focal length (mm), focus distance (m)\n";
    out += "FRAMES = [\n";
    glm::dvec3 previous(0.0);
    for (size_t i = 0; i < samples.size(); ++i) {
        const MoveSample& s = samples[i];
        glm::dvec3 e(eulerXyzDegrees(s.orientation));
        if (i > 0) {
            // The same rotation, written the short way round from the previous key.
            for (int k = 0; k < 3; ++k) e[k] += 360.0 * std::round((previous[k] - e[k]) / 360.0);
        }
        previous = e;
        out += "    (" + std::to_string(s.frame + 1);
        for (float v : {s.position.x, s.position.y, s.position.z}) out += ", " + shortestText(v);
        for (int k = 0; k < 3; ++k) out += ", " + shortestText(float(e[k]));
        out += ", " + shortestText(s.focalLengthMm) + ", " + shortestText(s.focusDistanceM) + "),\n";
    }
    out += "]\n";
    // The picture's aspect is the filmback's, so Blender's frame shows what the camera delivers.
    const int resolutionY =
        std::max(1, int(std::lround(1920.0 * settings.filmback.heightMm / settings.filmback.widthMm)));
    out += "RESOLUTION = (1920, " + std::to_string(resolutionY) + ")  # the filmback's aspect\n\n";
    out += "scene = bpy.context.scene\n";
    out += "scene.render.resolution_x, scene.render.resolution_y = RESOLUTION\n";
    out += "scene.render.fps = " + std::to_string(fpsWhole) + "\n";
    out += "scene.render.fps_base = " + std::to_string(fpsWhole) + " / FPS\n";
    out += "scene.frame_start = FRAMES[0][0]\n"
           "scene.frame_end = FRAMES[-1][0]\n"
           "data = bpy.data.cameras.new(NAME)\n"
           "data.sensor_fit = 'HORIZONTAL'\n"
           "data.sensor_width, data.sensor_height = SENSOR_MM\n"
           "data.clip_start, data.clip_end = CLIP_M\n"
           "camera = bpy.data.objects.new(NAME, data)\n"
           "scene.collection.objects.link(camera)\n"
           "camera.rotation_mode = 'XYZ'\n"
           "for frame, x, y, z, rx, ry, rz, focal_mm, focus_m in FRAMES:\n"
           "    camera.location = (x, y, z)\n"
           "    camera.rotation_euler = (radians(rx), radians(ry), radians(rz))\n"
           "    camera.keyframe_insert(data_path='location', frame=frame)\n"
           "    camera.keyframe_insert(data_path='rotation_euler', frame=frame)\n"
           "    data.lens = focal_mm\n"
           "    data.keyframe_insert(data_path='lens', frame=frame)\n"
           "    data.dof.focus_distance = focus_m  # keyed; turn on depth of field to see it\n"
           "    data.dof.keyframe_insert(data_path='focus_distance', frame=frame)\n"
           "scene.camera = camera\n"
           "scene.frame_set(FRAMES[0][0])\n";
    return out;
}

core::Status exportMove(const std::filesystem::path& file, MoveExportFormat format,
                        std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    if (samples.empty()) return core::makeError(file.string(), "the move has no frames to export");
    switch (format) {
    case MoveExportFormat::Csv: return core::writeFileAtomic(file, formatMoveCsv(samples, settings));
    case MoveExportFormat::Json: return core::writeFileAtomic(file, formatMoveJson(samples, settings));
    case MoveExportFormat::Blender:
        return core::writeFileAtomic(file, formatMoveBlenderScript(samples, settings));
    case MoveExportFormat::Gltf:
    case MoveExportFormat::Collada: return detail::exportMoveScene(file, format, samples, settings);
    }
    return core::makeError(file.string(), "unknown export format");
}

} // namespace sr::previs
