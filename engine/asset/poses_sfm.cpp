// AliceVision / Meshroom SfMData JSON (cameras.sfm, sfm.json).
//
// Numbers are usually written as strings ("0.5"), arrays as lists of strings (an empty one as
// ""). A pose's "rotation" is AliceVision's world-to-camera matrix R written column by column, so
// read row by row it is the camera-to-world rotation; "center" is the camera centre. Camera axes
// are ours. Intrinsics changed with the file version (see AliceVision's sfmDataIO/jsonIO.cpp):
//   < 1.2.0: "pxFocalLength" one number (pixels); principal point in pixels from the top-left
//   1.2.0, 1.2.1: "pxFocalLength" [fx, fy]
//   >= 1.2.1: principal point as an offset from the image centre
//   >= 1.2.2: "focalLength" in mm with "sensorWidth" (mm, default 36): fx = f / sensorWidth * width;
//             "pixelRatio": fy = fx / pixelRatio before 1.2.5, fy = fx * pixelRatio from 1.2.5
// Distortion: "type" radial1, radial3, brown, fisheye4 (older files), or "type" pinhole with
// "distortionType" radialk1, radialk3, brown, fisheye4, none (newer files).
#include <array>
#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "asset/pose_reader.h"
#include "core/log.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

using Version = std::array<int, 3>;

bool jsonNumber(const json& value, double& out) {
    if (value.is_number()) {
        out = value.get<double>();
        return std::isfinite(out);
    }
    return value.is_string() && parseFinite(value.get_ref<const std::string&>(), out);
}

std::string jsonString(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Ids are unsigned integers written as strings or numbers; compared as text.
std::string jsonId(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    return {};
}

// A list of numbers; "" is an empty list. False with `why` set when it is something else.
bool jsonNumbers(const json& object, const char* key, std::vector<double>& out, std::string& why) {
    out.clear();
    auto it = object.find(key);
    if (it == object.end()) return true;
    if (it->is_string() && it->get_ref<const std::string&>().empty()) return true;
    if (!it->is_array()) {
        why = core::concat("\"", key, "\" is not a list");
        return false;
    }
    for (const json& item : *it) {
        double v = 0.0;
        if (!jsonNumber(item, v)) {
            why = core::concat("\"", key, "\": ",
                               item.is_string() ? notANumber(item.get<std::string>())
                                                : std::string("a value is not a number"));
            return false;
        }
        out.push_back(v);
    }
    return true;
}

bool jsonField(const json& object, const char* key, double& out, std::string& why) {
    auto it = object.find(key);
    if (it == object.end()) {
        why = core::concat("\"", key, "\" is missing");
        return false;
    }
    if (!jsonNumber(*it, out)) {
        why = core::concat(
            "\"", key,
            "\": ", it->is_string() ? notANumber(it->get<std::string>()) : std::string("not a number"));
        return false;
    }
    return true;
}

Version readVersion(const json& root) {
    Version version{1, 0, 0};
    auto it = root.find("version");
    if (it == root.end() || !it->is_array()) return version;
    for (size_t i = 0; i < 3 && i < it->size(); ++i) {
        double v = 0.0;
        if (jsonNumber((*it)[i], v) && v >= 0.0 && v < 1e6) version[i] = int(v);
    }
    return version;
}

struct Lens {
    CameraIntrinsics intrinsics;
    std::string problem;
};

// Sets the distortion from the model name and coefficients; returns why not when it cannot.
std::string setDistortion(std::string_view kind, const std::vector<double>& c, Distortion& d) {
    struct Known {
        std::string_view name;
        DistortionModel model;
        size_t count;
    };
    constexpr Known kKnown[] = {{"none", DistortionModel::None, 0},
                                {"radialk1", DistortionModel::Brown, 1},
                                {"radialk3", DistortionModel::Brown, 3},
                                {"brown", DistortionModel::Brown, 5},
                                {"fisheye4", DistortionModel::Fisheye, 4}};
    for (const Known& known : kKnown) {
        if (kind != known.name) continue;
        if (c.size() != known.count && !(known.count == 0)) {
            return core::concat("distortion ", kind, " needs ", known.count, " coefficients, found ",
                                c.size());
        }
        d.model = known.model;
        if (known.model == DistortionModel::Fisheye) {
            d.k1 = c[0], d.k2 = c[1], d.k3 = c[2], d.k4 = c[3];
        } else if (known.count > 0) {
            d.k1 = c[0];
            if (known.count >= 3) d.k2 = c[1], d.k3 = c[2];
            if (known.count == 5) d.p1 = c[3], d.p2 = c[4];
        }
        return {};
    }
    return core::concat("distortion model '", kind, "' is not supported");
}

Lens readIntrinsic(const json& item, const Version& version) {
    Lens lens;
    CameraIntrinsics& in = lens.intrinsics;
    std::string& why = lens.problem;
    double width = 0.0, height = 0.0;
    if (!jsonField(item, "width", width, why) || !jsonField(item, "height", height, why)) return lens;
    if (width < 1.0 || height < 1.0 || width > 1e6 || height > 1e6) {
        why = core::concat("image size ", width, " x ", height, " is out of range");
        return lens;
    }
    in.width = uint32_t(width);
    in.height = uint32_t(height);

    // Focal length.
    if (version < Version{1, 2, 0}) {
        if (!jsonField(item, "pxFocalLength", in.fx, why)) return lens;
        in.fy = in.fx;
    } else if (version < Version{1, 2, 2}) {
        std::vector<double> f;
        if (!jsonNumbers(item, "pxFocalLength", f, why)) return lens;
        if (f.size() != 2) {
            why = "\"pxFocalLength\" needs 2 values";
            return lens;
        }
        in.fx = f[0], in.fy = f[1];
    } else {
        double focalMm = 0.0, sensorWidth = 36.0, pixelRatio = 1.0;
        if (!jsonField(item, "focalLength", focalMm, why)) return lens;
        if (item.contains("sensorWidth") && !jsonField(item, "sensorWidth", sensorWidth, why)) return lens;
        if (item.contains("pixelRatio") && !jsonField(item, "pixelRatio", pixelRatio, why)) return lens;
        if (!(sensorWidth > 0.0) || !(pixelRatio > 0.0)) {
            why = "sensor width and pixel ratio must be positive";
            return lens;
        }
        in.fx = focalMm / sensorWidth * in.width;
        in.fy = version < Version{1, 2, 5} ? in.fx / pixelRatio : in.fx * pixelRatio;
    }

    // Principal point.
    std::vector<double> pp;
    if (!jsonNumbers(item, "principalPoint", pp, why)) return lens;
    if (pp.size() != 2) {
        why = "\"principalPoint\" needs 2 values";
        return lens;
    }
    const bool fromCentre = !(version < Version{1, 2, 1});
    in.cx = pp[0] + (fromCentre ? 0.5 * in.width : 0.0);
    in.cy = pp[1] + (fromCentre ? 0.5 * in.height : 0.0);

    // Distortion.
    const std::string type = lowercase(jsonString(item, "type"));
    std::string kind;
    if (item.contains("distortionType")) {
        if (type != "pinhole") {
            why = core::concat("camera type '", type, "' is not supported");
            return lens;
        }
        kind = lowercase(jsonString(item, "distortionType"));
    } else {
        constexpr std::pair<std::string_view, std::string_view> kOld[] = {{"pinhole", "none"},
                                                                          {"radial1", "radialk1"},
                                                                          {"radial3", "radialk3"},
                                                                          {"brown", "brown"},
                                                                          {"fisheye4", "fisheye4"}};
        kind = type;
        for (const auto& [old, name] : kOld) {
            if (type == old) kind = name;
        }
    }
    std::vector<double> coefficients;
    if (!jsonNumbers(item, "distortionParams", coefficients, why)) return lens;
    why = setDistortion(kind, coefficients, in.distortion);
    return lens;
}

struct PoseValue {
    glm::dmat3 rotation{1.0};
    glm::dvec3 center{0.0};
    std::string problem;
};

PoseValue readPose(const json& item) {
    PoseValue pose;
    const json* transform = nullptr;
    if (auto p = item.find("pose"); p != item.end() && p->is_object()) {
        if (auto t = p->find("transform"); t != p->end() && t->is_object()) transform = &*t;
        double valid = 1.0;
        if (p->contains("valid") && jsonNumber((*p)["valid"], valid) && valid == 0.0) {
            pose.problem = "pose is marked invalid";
            return pose;
        }
    }
    if (!transform) {
        pose.problem = "pose has no \"transform\"";
        return pose;
    }
    std::vector<double> r, c;
    if (!jsonNumbers(*transform, "rotation", r, pose.problem) ||
        !jsonNumbers(*transform, "center", c, pose.problem)) {
        return pose;
    }
    if (r.size() != 9 || c.size() != 3) {
        pose.problem = "pose needs 9 rotation and 3 centre values";
        return pose;
    }
    pose.rotation = matrixFromRows(std::span<const double, 9>(r.data(), 9));
    pose.center = glm::dvec3(c[0], c[1], c[2]);
    return pose;
}

core::Status readViews(const fs::path& file, json& root, PoseSink& sink) {
    if (!root.is_object() || !root.contains("views") || !root["views"].is_array()) {
        return core::makeError(file.string(), "not an SfMData file: no \"views\" list");
    }
    const Version version = readVersion(root);
    std::unordered_map<std::string, Lens> lenses;
    std::unordered_map<std::string, PoseValue> poses;
    for (const char* key : {"intrinsics", "poses"}) {
        if (root.contains(key) && !root[key].is_array()) {
            return core::makeError(file.string(), core::concat("\"", key, "\" is not a list"));
        }
    }
    const json empty = json::array();
    const json& views = root["views"];
    const json& intrinsics = root.contains("intrinsics") ? root["intrinsics"] : empty;
    const json& poseList = root.contains("poses") ? root["poses"] : empty;
    if (views.size() > sink.options().maxEntries || intrinsics.size() > sink.options().maxEntries ||
        poseList.size() > sink.options().maxEntries) {
        return core::makeError(file.string(),
                               core::concat("more than ", sink.options().maxEntries, " entries"));
    }
    for (const json& item : intrinsics) {
        if (item.is_object()) lenses.emplace(jsonId(item, "intrinsicId"), readIntrinsic(item, version));
    }
    for (const json& item : poseList) {
        if (item.is_object()) poses.emplace(jsonId(item, "poseId"), readPose(item));
    }
    for (const json& view : views) {
        if (!view.is_object()) {
            sink.skip(file, "view", "not a JSON object");
            continue;
        }
        CameraPose pose;
        const std::string path = jsonString(view, "path");
        pose.entry = core::concat("view ", jsonId(view, "viewId"), " '", path, "'");
        const std::string rig = jsonId(view, "rigId");
        if (!rig.empty() && rig != "-1" && rig != "4294967295") {
            sink.skip(file, pose.entry, "views in a camera rig are not supported");
            continue;
        }
        auto lens = lenses.find(jsonId(view, "intrinsicId"));
        if (lens == lenses.end()) {
            sink.skip(file, pose.entry,
                      core::concat("intrinsic '", jsonId(view, "intrinsicId"), "' is not in the file"));
            continue;
        }
        if (!lens->second.problem.empty()) {
            sink.skip(file, pose.entry, core::concat("intrinsic ", lens->first, ": ", lens->second.problem));
            continue;
        }
        auto value = poses.find(jsonId(view, "poseId"));
        if (value == poses.end()) {
            sink.skip(file, pose.entry, "has no pose (not reconstructed)");
            continue;
        }
        if (!value->second.problem.empty()) {
            sink.skip(file, pose.entry, core::concat("pose ", value->first, ": ", value->second.problem));
            continue;
        }
        pose.image = path;
        pose.rotation = value->second.rotation;
        pose.center = value->second.center;
        pose.intrinsics = lens->second.intrinsics;
        sink.add(file, std::move(pose));
    }
    return {};
}

} // namespace

core::Status readAliceVisionSfm(const fs::path& file, PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    json root;
    try {
        root = json::parse(text->text());
    } catch (const json::exception& e) {
        return core::makeError(file.string(), core::concat("not valid JSON: ", e.what()));
    }
    try {
        return readViews(file, root, sink);
    } catch (const json::exception& e) { // a value of an unexpected type somewhere
        return core::makeError(file.string(), core::concat("unexpected SfMData structure: ", e.what()));
    }
}

} // namespace sr::asset::detail
