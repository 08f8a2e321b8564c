// Reading a previs project: parse, check the format, then walk the schema with a ProjectReader
// that keeps what is valid and reports the rest.
#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>

#include "core/files.h"
#include "core/log.h"
#include "previs/previs_project.h"
#include "previs/project_reader.h"

namespace sr::previs {
namespace fs = std::filesystem;
using detail::elementPath;
using detail::Json;
using detail::memberPath;
using detail::Need;
using detail::ProjectReader;
using detail::Range;

namespace {
constexpr size_t kMaxJsonDepth = 64;
constexpr size_t kMaxShots = 10000;
constexpr size_t kMaxMoves = 10000;
constexpr size_t kMaxKeyframes = 100000;

constexpr Range kFpsRange{0.0, kMaxFramesPerSecond, true, false};
constexpr Range kFocalRange{kMinFocalLengthMm, kMaxFocalLengthMm};
constexpr Range kFStopRange{kMinFStop, kMaxFStop};
constexpr Range kFocusRange{0.0, detail::kMaxCoordinate, true, false};
constexpr Range kAspectRange{0.0, kMaxOutputAspect};
constexpr Range kSensorRange{kMinSensorMm, kMaxSensorMm};
constexpr Range kFloorRange{-detail::kMaxCoordinate, detail::kMaxCoordinate};
constexpr Range kHeightRange{0.0, 20.0};
constexpr Range kRiseRange{-20.0, 20.0};
constexpr Range kTimeRange{-86400.0, 86400.0};

// Nesting deeper than kMaxJsonDepth is refused before parsing: the parser recurses.
core::Status checkDepth(std::string_view text, const std::string& fileName) {
    size_t depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return core::makeError(
                    fileName, core::concat("nested deeper than ", kMaxJsonDepth, " levels at byte ", i));
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return core::Status::success();
}

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...".
std::string parserMessage(const std::exception& e) {
    std::string message = e.what();
    if (!message.empty() && message.front() == '[') {
        const size_t end = message.find("] ");
        if (end != std::string::npos) message.erase(0, end + 2);
    }
    return message;
}

bool isSupportedFormat(const std::string& format) {
    if (format == kPrevisFormat) return true;
    if (format.size() <= kPrevisFormat.size() + 1 || !format.starts_with(kPrevisFormat) ||
        format[kPrevisFormat.size()] != '.')
        return false;
    return std::all_of(format.begin() + long(kPrevisFormat.size()) + 1, format.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

void readSensor(ProjectReader& reader, const Json& shot, const std::string& path, Sensor& out) {
    const auto it = shot.find("sensor");
    if (it == shot.end()) return;
    const std::string at = memberPath(path, "sensor");
    if (it->is_string()) {
        const Sensor* preset = findSensorPreset(it->get_ref<const std::string&>());
        if (preset)
            out = *preset;
        else
            reader.error(at, "names no sensor preset (see docs/previs.md); full frame is used");
        return;
    }
    if (!reader.expectObject(*it, at)) return;
    reader.checkKeys(*it, at, {"name", "width_mm", "height_mm"});
    Sensor custom = customSensor(0.0f, 0.0f);
    // Every value is read, so that each problem is reported, before deciding.
    const bool name = reader.readText(*it, "name", at, Need::Optional, custom.name);
    const bool width = reader.readNumber(*it, "width_mm", at, Need::Required, kSensorRange, custom.widthMm);
    const bool height =
        reader.readNumber(*it, "height_mm", at, Need::Required, kSensorRange, custom.heightMm);
    if (name && width && height) out = custom;
}

void readRig(ProjectReader& reader, const Json& shot, const std::string& path, Rig& out) {
    const auto it = shot.find("rig");
    if (it == shot.end()) return;
    const std::string at = memberPath(path, "rig");
    if (!reader.expectObject(*it, at)) return;
    std::string kindName;
    if (!reader.readText(*it, "kind", at, Need::Required, kindName)) return;
    const std::optional<RigKind> kind = parseRigKind(kindName);
    if (!kind) {
        reader.error(memberPath(at, "kind"), "must be \"free\", \"tripod\" or \"track\"; a free rig is used");
        return;
    }
    Rig rig;
    rig.kind = *kind;
    bool ok = true;
    if (rig.kind == RigKind::Free) {
        reader.checkKeys(*it, at, {"kind"});
    } else if (rig.kind == RigKind::Tripod) {
        reader.checkKeys(*it, at, {"kind", "floor_z", "min_height_m", "max_height_m"});
        // Every value is read, so that each problem is reported.
        const bool floor =
            reader.readNumber(*it, "floor_z", at, Need::Optional, kFloorRange, rig.tripod.floorZ);
        const bool low =
            reader.readNumber(*it, "min_height_m", at, Need::Optional, kHeightRange, rig.tripod.minHeightM);
        const bool high =
            reader.readNumber(*it, "max_height_m", at, Need::Optional, kHeightRange, rig.tripod.maxHeightM);
        ok = floor && low && high;
    } else {
        reader.checkKeys(*it, at, {"kind", "start", "end", "min_rise_m", "max_rise_m"});
        const bool start = reader.readPoint(*it, "start", at, Need::Required, rig.track.start);
        const bool end = reader.readPoint(*it, "end", at, Need::Required, rig.track.end);
        const bool low =
            reader.readNumber(*it, "min_rise_m", at, Need::Optional, kRiseRange, rig.track.minRiseM);
        const bool high =
            reader.readNumber(*it, "max_rise_m", at, Need::Optional, kRiseRange, rig.track.maxRiseM);
        ok = start && end && low && high;
    }
    if (ok && !isValidRig(rig)) {
        reader.error(at, "its lowest height or rise is above its highest; a free rig is used");
        ok = false;
    }
    if (ok) out = rig;
}

void readLens(ProjectReader& reader, const Json& value, const std::string& path, Shot& shot) {
    std::string lensId;
    if (!reader.readText(value, "lens", path, Need::Optional, lensId) || lensId.empty()) return;
    const LensPreset* lens = findLensPreset(lensId);
    if (!lens) {
        reader.error(memberPath(path, "lens"), "names no lens preset (see docs/previs.md); it is ignored");
        return;
    }
    shot.lensId = lensId;
    const float nearest = nearestFocalLength(*lens, shot.focalLengthMm);
    if (std::abs(nearest - shot.focalLengthMm) > 1e-3f) {
        reader.warning(memberPath(path, "focal_length_mm"),
                       core::concat(shot.focalLengthMm, " mm is not available on ", lens->name,
                                    "; the nearest is ", nearest, " mm"));
    }
}

std::optional<Shot> readShot(ProjectReader& reader, const Json& value, const std::string& path) {
    if (!reader.expectObject(value, path)) return {};
    reader.checkKeys(value, path,
                     {"name", "sensor", "output_aspect", "lens", "focal_length_mm", "f_stop", "focus_m",
                      "position", "orientation", "rig"});
    Shot shot;
    shot.sensor = *findSensorPreset("full-frame");
    bool ok = reader.readText(value, "name", path, Need::Required, shot.name);
    ok &= reader.readPoint(value, "position", path, Need::Required, shot.pose.position);
    ok &= reader.readQuaternion(value, "orientation", path, Need::Required, shot.pose.orientation);
    if (!ok) {
        reader.error(path, "the shot is left out");
        return {};
    }
    readSensor(reader, value, path, shot.sensor);
    float aspect = 0.0f;
    if (reader.readNumber(value, "output_aspect", path, Need::Optional, kAspectRange, aspect)) {
        if (aspect > 0.0f && aspect < kMinOutputAspect) {
            reader.error(memberPath(path, "output_aspect"),
                         core::concat("is ", aspect, "; it must be 0 (the sensor's own) or at least ",
                                      kMinOutputAspect, "; the sensor's own aspect is used"));
        } else {
            shot.outputAspect = aspect;
        }
    }
    reader.readNumber(value, "focal_length_mm", path, Need::Optional, kFocalRange, shot.focalLengthMm);
    reader.readNumber(value, "f_stop", path, Need::Optional, kFStopRange, shot.fStop);
    reader.readNumber(value, "focus_m", path, Need::Optional, kFocusRange, shot.focusDistanceM);
    readLens(reader, value, path, shot);
    readRig(reader, value, path, shot.rig);
    return shot;
}

std::optional<Keyframe> readKeyframe(ProjectReader& reader, const Json& value, const std::string& path,
                                     const Shot* shot) {
    if (!reader.expectObject(value, path)) return {};
    reader.checkKeys(value, path,
                     {"time_s", "position", "orientation", "focal_length_mm", "focus_m", "easing"});
    Keyframe key;
    if (shot) key.focalLengthMm = shot->focalLengthMm, key.focusDistanceM = shot->focusDistanceM;
    bool ok = reader.readNumber(value, "time_s", path, Need::Required, kTimeRange, key.timeS);
    ok &= reader.readPoint(value, "position", path, Need::Required, key.position);
    ok &= reader.readQuaternion(value, "orientation", path, Need::Required, key.orientation);
    reader.readNumber(value, "focal_length_mm", path, Need::Optional, kFocalRange, key.focalLengthMm);
    reader.readNumber(value, "focus_m", path, Need::Optional, kFocusRange, key.focusDistanceM);
    std::string easing;
    if (reader.readText(value, "easing", path, Need::Optional, easing) && !easing.empty()) {
        const std::optional<Easing> parsed = parseEasing(easing);
        if (parsed)
            key.easing = *parsed;
        else
            reader.error(memberPath(path, "easing"), "must be \"linear\", \"ease_in\", \"ease_out\" or "
                                                     "\"ease_in_out\"; linear is used");
    }
    if (!ok) return {};
    return key;
}

bool readKeyframes(ProjectReader& reader, const Json& keys, const std::string& path, const Shot* shot,
                   CameraMove& move) {
    if (!reader.expectArray(keys, path)) return false;
    if (keys.empty() || keys.size() > kMaxKeyframes) {
        reader.error(path, core::concat("must hold 1 to ", kMaxKeyframes, " keyframes, not ", keys.size()));
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < keys.size(); ++i) {
        std::optional<Keyframe> key = readKeyframe(reader, keys[i], elementPath(path, i), shot);
        if (key)
            move.keyframes.push_back(*key);
        else
            ok = false;
    }
    return ok;
}

std::optional<CameraMove> readMove(ProjectReader& reader, const Json& value, const std::string& path,
                                   const PrevisProject& project) {
    if (!reader.expectObject(value, path)) return {};
    reader.checkKeys(value, path, {"name", "shot", "keyframes"});
    CameraMove move;
    bool ok = reader.readText(value, "name", path, Need::Required, move.name);
    const Shot* shot = nullptr;
    if (reader.readText(value, "shot", path, Need::Optional, move.shot) && !move.shot.empty()) {
        shot = project.findShot(move.shot);
        if (!shot) {
            reader.error(memberPath(path, "shot"),
                         "names no shot in this project; the move keeps no camera body");
            move.shot.clear();
        }
    }
    const auto keys = value.find("keyframes");
    if (keys == value.end())
        reader.error(memberPath(path, "keyframes"), "is required but missing"), ok = false;
    else
        ok &= readKeyframes(reader, *keys, memberPath(path, "keyframes"), shot, move);
    if (ok) {
        if (core::Status status = checkMove(move); !status) {
            reader.error(path + "." + status.error().path, status.error().message); // a path below the move
            ok = false;
        }
    }
    if (!ok) {
        reader.error(path, "the move is left out");
        return {};
    }
    return move;
}

template <class Item, class ReadItem>
void readList(ProjectReader& reader, const Json& root, std::string_view key, size_t maxItems,
              std::vector<Item>& out, ReadItem readItem) {
    const auto it = root.find(std::string(key));
    if (it == root.end() || !reader.expectArray(*it, std::string(key))) return;
    if (it->size() > maxItems) {
        reader.error(std::string(key),
                     core::concat("holds ", it->size(), " entries; only the first ", maxItems, " are read"));
    }
    for (size_t i = 0; i < std::min(it->size(), maxItems); ++i) {
        const std::string path = elementPath(std::string(key), i);
        std::optional<Item> item = readItem((*it)[i], path);
        if (!item) continue;
        const auto same =
            std::find_if(out.begin(), out.end(), [&](const Item& o) { return o.name == item->name; });
        if (same != out.end()) {
            reader.error(memberPath(path, "name"),
                         core::concat("\"", item->name, "\" is already used by ", key, "[",
                                      same - out.begin(), "] as read; this one is left out"));
            continue;
        }
        out.push_back(std::move(*item));
    }
}

core::Result<LoadedProject> readProject(const Json& root, const std::string& fileName) {
    if (!root.is_object()) return core::makeError(fileName, "the project must be a JSON object");
    const auto format = root.find("format");
    if (format == root.end() || !format->is_string())
        return core::makeError(fileName, core::concat("\"format\" must be \"", kPrevisFormat, "\""));
    if (!isSupportedFormat(format->get<std::string>())) {
        return core::makeError(fileName,
                               core::concat("format \"", format->get<std::string>(),
                                            "\" is not supported; this build reads \"", kPrevisFormat, "\""));
    }
    ProjectReader reader(fileName);
    reader.checkKeys(root, "", {"format", "frames_per_second", "shots", "moves"});
    LoadedProject loaded;
    PrevisProject& project = loaded.project;
    reader.readNumber(root, "frames_per_second", "", Need::Optional, kFpsRange, project.framesPerSecond);
    readList(reader, root, "shots", kMaxShots, project.shots,
             [&](const Json& value, const std::string& path) { return readShot(reader, value, path); });
    readList(
        reader, root, "moves", kMaxMoves, project.moves,
        [&](const Json& value, const std::string& path) { return readMove(reader, value, path, project); });
    loaded.problems = reader.takeProblems();
    return loaded;
}
} // namespace

core::Result<LoadedProject> parsePrevisProject(std::string_view text, const std::string& fileName) {
    if (core::Status depth = checkDepth(text, fileName); !depth) return depth.error();
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
        return core::makeError(fileName, "not valid JSON: " + parserMessage(e));
    }
    return readProject(root, fileName);
}

core::Result<LoadedProject> loadPrevisProject(const fs::path& file) {
    auto bytes = core::readFile(file, kMaxPrevisProjectBytes);
    if (!bytes) return bytes.error();
    const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    return parsePrevisProject(text, file.string());
}

} // namespace sr::previs
