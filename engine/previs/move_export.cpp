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

core::Status exportMove(const std::filesystem::path& file, MoveExportFormat format,
                        std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    if (samples.empty()) return core::makeError(file.string(), "the move has no frames to export");
    switch (format) {
    case MoveExportFormat::Csv: return core::writeFileAtomic(file, formatMoveCsv(samples, settings));
    case MoveExportFormat::Json: return core::writeFileAtomic(file, formatMoveJson(samples, settings));
    case MoveExportFormat::Gltf:
    case MoveExportFormat::Collada: return detail::exportMoveScene(file, format, samples, settings);
    }
    return core::makeError(file.string(), "unknown export format");
}

} // namespace sr::previs
