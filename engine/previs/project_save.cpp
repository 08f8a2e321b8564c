// Writing a previs project: the model as pretty JSON, keys in schema order, numbers in their
// shortest form so that a saved project reads like a hand-written one.
#include <charconv>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"
#include "previs/previs_project.h"
#include "previs/project_reader.h"

namespace sr::previs {

namespace {
using OrderedJson = nlohmann::ordered_json;
using detail::elementPath;
using detail::memberPath;

// Turns model values into JSON values, remembering the first one that cannot be written.
class ProjectWriter {
public:
    const std::optional<core::Error>& failure() const { return mFailure; }

    OrderedJson number(double value, const std::string& path) {
        if (!std::isfinite(value)) {
            fail(path, "is not a finite number");
            return 0;
        }
        if (std::trunc(value) == value && std::abs(value) < 1e15) return int64_t(value);
        return value;
    }

    // The shortest decimal that reads back as the same float: 0.8f is written "0.8".
    OrderedJson number(float value, const std::string& path) {
        if (!std::isfinite(value)) return number(double(value), path);
        char buffer[64];
        const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
        double shortest = value;
        std::from_chars(buffer, written.ptr, shortest);
        return number(shortest, path);
    }

    OrderedJson text(const std::string& value, const std::string& path) {
        if (!detail::isValidUtf8(value)) {
            fail(path, "is not valid UTF-8 text");
            return "";
        }
        return value;
    }

    OrderedJson point(const glm::vec3& value, const std::string& path) {
        OrderedJson out = OrderedJson::array();
        for (int i = 0; i < 3; ++i) out.push_back(number(value[i], elementPath(path, size_t(i))));
        return out;
    }

    // [w, x, y, z]
    OrderedJson quaternion(const glm::quat& value, const std::string& path) {
        OrderedJson out = OrderedJson::array();
        const float wxyz[4] = {value.w, value.x, value.y, value.z};
        for (size_t i = 0; i < 4; ++i) out.push_back(number(wxyz[i], elementPath(path, i)));
        return out;
    }

private:
    void fail(const std::string& path, std::string message) {
        if (!mFailure) mFailure = core::makeError(path, std::move(message));
    }

    std::optional<core::Error> mFailure;
};

OrderedJson writeSensor(ProjectWriter& writer, const Sensor& sensor, const std::string& path) {
    const Sensor* preset = findSensorPreset(sensor.id);
    if (preset && preset->widthMm == sensor.widthMm && preset->heightMm == sensor.heightMm) return sensor.id;
    OrderedJson out = OrderedJson::object();
    if (!sensor.name.empty()) out["name"] = writer.text(sensor.name, memberPath(path, "name"));
    out["width_mm"] = writer.number(sensor.widthMm, memberPath(path, "width_mm"));
    out["height_mm"] = writer.number(sensor.heightMm, memberPath(path, "height_mm"));
    return out;
}

OrderedJson writeRig(ProjectWriter& writer, const Rig& rig, const std::string& path) {
    const auto at = [&](std::string_view key) { return memberPath(path, key); };
    OrderedJson out = OrderedJson::object();
    out["kind"] = std::string(rigKindName(rig.kind));
    if (rig.kind == RigKind::Tripod) {
        out["floor_z"] = writer.number(rig.tripod.floorZ, at("floor_z"));
        out["min_height_m"] = writer.number(rig.tripod.minHeightM, at("min_height_m"));
        out["max_height_m"] = writer.number(rig.tripod.maxHeightM, at("max_height_m"));
    } else if (rig.kind == RigKind::Track) {
        out["start"] = writer.point(rig.track.start, at("start"));
        out["end"] = writer.point(rig.track.end, at("end"));
        out["min_rise_m"] = writer.number(rig.track.minRiseM, at("min_rise_m"));
        out["max_rise_m"] = writer.number(rig.track.maxRiseM, at("max_rise_m"));
    }
    return out;
}

OrderedJson writeShot(ProjectWriter& writer, const Shot& shot, const std::string& path) {
    const auto at = [&](std::string_view key) { return memberPath(path, key); };
    OrderedJson out = OrderedJson::object();
    out["name"] = writer.text(shot.name, at("name"));
    out["sensor"] = writeSensor(writer, shot.sensor, at("sensor"));
    if (shot.outputAspect > 0.0f)
        out["output_aspect"] = writer.number(shot.outputAspect, at("output_aspect"));
    if (!shot.lensId.empty()) out["lens"] = writer.text(shot.lensId, at("lens"));
    out["focal_length_mm"] = writer.number(shot.focalLengthMm, at("focal_length_mm"));
    out["f_stop"] = writer.number(shot.fStop, at("f_stop"));
    out["focus_m"] = writer.number(shot.focusDistanceM, at("focus_m"));
    out["position"] = writer.point(shot.pose.position, at("position"));
    out["orientation"] = writer.quaternion(shot.pose.orientation, at("orientation"));
    if (shot.rig.kind != RigKind::Free) out["rig"] = writeRig(writer, shot.rig, at("rig"));
    return out;
}

OrderedJson writeKeyframe(ProjectWriter& writer, const Keyframe& key, const std::string& path) {
    const auto at = [&](std::string_view name) { return memberPath(path, name); };
    OrderedJson out = OrderedJson::object();
    out["time_s"] = writer.number(key.timeS, at("time_s"));
    out["position"] = writer.point(key.position, at("position"));
    out["orientation"] = writer.quaternion(key.orientation, at("orientation"));
    out["focal_length_mm"] = writer.number(key.focalLengthMm, at("focal_length_mm"));
    out["focus_m"] = writer.number(key.focusDistanceM, at("focus_m"));
    out["easing"] = std::string(easingName(key.easing));
    return out;
}

OrderedJson writeMove(ProjectWriter& writer, const CameraMove& move, const std::string& path) {
    OrderedJson out = OrderedJson::object();
    out["name"] = writer.text(move.name, memberPath(path, "name"));
    if (!move.shot.empty()) out["shot"] = writer.text(move.shot, memberPath(path, "shot"));
    OrderedJson keys = OrderedJson::array();
    const std::string keysPath = memberPath(path, "keyframes");
    for (size_t i = 0; i < move.keyframes.size(); ++i)
        keys.push_back(writeKeyframe(writer, move.keyframes[i], elementPath(keysPath, i)));
    out["keyframes"] = std::move(keys);
    return out;
}
} // namespace

core::Result<std::string> formatPrevisProject(const PrevisProject& project) {
    ProjectWriter writer;
    OrderedJson root = OrderedJson::object();
    root["format"] = std::string(kPrevisFormat);
    root["frames_per_second"] = writer.number(project.framesPerSecond, "frames_per_second");
    OrderedJson shots = OrderedJson::array();
    for (size_t i = 0; i < project.shots.size(); ++i)
        shots.push_back(writeShot(writer, project.shots[i], elementPath("shots", i)));
    root["shots"] = std::move(shots);
    OrderedJson moves = OrderedJson::array();
    for (size_t i = 0; i < project.moves.size(); ++i)
        moves.push_back(writeMove(writer, project.moves[i], elementPath("moves", i)));
    root["moves"] = std::move(moves);
    if (writer.failure()) return *writer.failure();
    return root.dump(2) + "\n";
}

core::Status savePrevisProject(const PrevisProject& project, const std::filesystem::path& file) {
    core::Result<std::string> text = formatPrevisProject(project);
    if (!text) return core::makeError(file.string(), text.error().path + ": " + text.error().message);
    return core::writeFileAtomic(file, *text);
}

} // namespace sr::previs
