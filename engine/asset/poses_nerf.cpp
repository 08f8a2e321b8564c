// nerfstudio / instant-ngp transforms.json.
//
// Each of "frames" has "file_path" and "transform_matrix", a 4x4 (or 3x4) camera-to-world matrix
// row by row whose camera looks along its -Z with +Y up (OpenGL, Blender); we flip its Y and Z
// axes. The world is the file's (already re-oriented and rescaled by the tool that wrote it).
// Intrinsics come from the top level, overridden per frame: "w", "h", "fl_x", "fl_y", "cx", "cy",
// "k1".."k4", "p1", "p2", "camera_model" (OPENCV, OPENCV_FISHEYE, PINHOLE; instant-ngp's
// "is_fisheye"), or "camera_angle_x"/"camera_angle_y" (field of view in radians) instead of focal
// lengths. Without "w"/"h" the size is read from the image's header; the principal point defaults
// to the image centre, "fl_y" to "fl_x".
#include <cmath>

#include <nlohmann/json.hpp>

#include "asset/pose_reader.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// Looks a camera value up in the frame, then at the top level. Numbers may also be strings.
class FrameValues {
public:
    FrameValues(const json& frame, const json& root) : mFrame(frame), mRoot(root) {}

    const json* find(const char* key) const {
        if (auto it = mFrame.find(key); it != mFrame.end()) return &*it;
        if (auto it = mRoot.find(key); it != mRoot.end()) return &*it;
        return nullptr;
    }
    bool has(const char* key) const { return find(key) != nullptr; }
    // The value, or `fallback` when absent; sets `why` when present but not a finite number.
    double number(const char* key, double fallback, std::string& why) const {
        const json* value = find(key);
        if (!value) return fallback;
        double out = 0.0;
        if (value->is_number() && std::isfinite(value->get<double>())) return value->get<double>();
        if (value->is_string() && parseFinite(value->get_ref<const std::string&>(), out)) return out;
        if (why.empty()) {
            why = core::concat("\"", key, "\": ",
                               value->is_string() ? notANumber(value->get<std::string>())
                                                  : std::string("not a number"));
        }
        return fallback;
    }
    std::string text(const char* key) const {
        const json* value = find(key);
        return value && value->is_string() ? value->get<std::string>() : std::string();
    }

private:
    const json& mFrame;
    const json& mRoot;
};

// Reads the 3x4 part of "transform_matrix"; returns why it is unusable.
std::string readMatrix(const json& frame, double m[12]) {
    auto it = frame.find("transform_matrix");
    if (it == frame.end()) return "no \"transform_matrix\"";
    if (!it->is_array() || (it->size() != 3 && it->size() != 4))
        return "\"transform_matrix\" is not a 4x4 matrix";
    for (size_t row = 0; row < it->size(); ++row) {
        const json& values = (*it)[row];
        if (!values.is_array() || values.size() != 4) return "\"transform_matrix\" is not a 4x4 matrix";
        for (size_t col = 0; col < 4; ++col) {
            const json& v = values[col];
            double x = 0.0;
            if (v.is_number())
                x = v.get<double>();
            else if (!v.is_string() || !parseFinite(v.get_ref<const std::string&>(), x))
                x = NAN;
            if (!std::isfinite(x)) return "\"transform_matrix\" has a value that is not a finite number";
            if (row < 3)
                m[row * 4 + col] = x;
            else if (std::abs(x - (col == 3 ? 1.0 : 0.0)) > 1e-6)
                return "\"transform_matrix\" last row is not 0 0 0 1";
        }
    }
    return {};
}

void readFrame(const json& frame, size_t index, const json& root, const fs::path& file, PoseSink& sink) {
    CameraPose pose;
    const FrameValues values(frame, root);
    pose.image = frame.is_object() ? FrameValues(frame, json::object()).text("file_path") : std::string();
    pose.entry = core::concat("frame ", index, " '", pose.image, "'");
    if (!frame.is_object()) return sink.skip(file, pose.entry, "not a JSON object");
    double m[12];
    if (std::string why = readMatrix(frame, m); !why.empty()) return sink.skip(file, pose.entry, why);

    std::string why;
    double width = values.number("w", 0.0, why), height = values.number("h", 0.0, why);
    if (!why.empty()) return sink.skip(file, pose.entry, why);
    if (!values.has("w") || !values.has("h")) {
        const fs::path image = findPoseImage(sink.set(), pose, sink.options().imageFolder);
        if (image.empty()) return sink.skip(file, pose.entry, "no \"w\"/\"h\" and the image is not found");
        auto size = probeImageSize(image, why);
        if (!size) return sink.skip(file, pose.entry, why);
        width = size->x, height = size->y;
    }
    if (!(width >= 1.0 && height >= 1.0 && width <= 1e6 && height <= 1e6)) {
        return sink.skip(file, pose.entry,
                         core::concat("image size ", width, " x ", height, " is out of range"));
    }
    CameraIntrinsics& in = pose.intrinsics;
    in.width = uint32_t(width), in.height = uint32_t(height);
    if (values.has("fl_x")) {
        in.fx = values.number("fl_x", 0.0, why);
    } else if (values.has("camera_angle_x")) {
        in.fx = 0.5 * width / std::tan(0.5 * values.number("camera_angle_x", 0.0, why));
    } else {
        return sink.skip(file, pose.entry, "no focal length (\"fl_x\" or \"camera_angle_x\")");
    }
    if (values.has("fl_y"))
        in.fy = values.number("fl_y", 0.0, why);
    else if (values.has("camera_angle_y"))
        in.fy = 0.5 * height / std::tan(0.5 * values.number("camera_angle_y", 0.0, why));
    else
        in.fy = in.fx;
    in.cx = values.number("cx", 0.5 * width, why);
    in.cy = values.number("cy", 0.5 * height, why);
    Distortion& d = in.distortion;
    d.k1 = values.number("k1", 0.0, why), d.k2 = values.number("k2", 0.0, why);
    d.k3 = values.number("k3", 0.0, why), d.k4 = values.number("k4", 0.0, why);
    d.p1 = values.number("p1", 0.0, why), d.p2 = values.number("p2", 0.0, why);
    if (!why.empty()) return sink.skip(file, pose.entry, why);
    const std::string model = values.text("camera_model");
    const json* fisheyeFlag = values.find("is_fisheye");
    const bool fisheye =
        model == "OPENCV_FISHEYE" || (fisheyeFlag && fisheyeFlag->is_boolean() && fisheyeFlag->get<bool>());
    if (!model.empty() && model != "OPENCV" && model != "OPENCV_FISHEYE" && model != "PINHOLE" &&
        model != "SIMPLE_PINHOLE") {
        return sink.skip(file, pose.entry, core::concat("camera model ", model, " is not supported"));
    }
    d.model = fisheye ? DistortionModel::Fisheye : DistortionModel::Brown;
    if (fisheye && (d.p1 != 0.0 || d.p2 != 0.0))
        return sink.skip(file, pose.entry, "fisheye with tangential distortion");

    const double rows[9] = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    const glm::dmat3 glCamera = matrixFromRows(rows);
    pose.rotation = glm::dmat3(glCamera[0], -glCamera[1], -glCamera[2]);
    pose.center = glm::dvec3(m[3], m[7], m[11]);
    sink.add(file, std::move(pose));
}

} // namespace

core::Status readNerfTransforms(const fs::path& file, PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    json root;
    try {
        root = json::parse(text->text());
    } catch (const json::exception& e) {
        return core::makeError(file.string(), core::concat("not valid JSON: ", e.what()));
    }
    if (!root.is_object() || !root.contains("frames") || !root["frames"].is_array()) {
        return core::makeError(file.string(), "not a transforms file: no \"frames\" list");
    }
    const json& frames = root["frames"];
    if (frames.size() > sink.options().maxEntries) {
        return core::makeError(file.string(),
                               core::concat("more than ", sink.options().maxEntries, " frames"));
    }
    try {
        for (size_t i = 0; i < frames.size(); ++i) readFrame(frames[i], i, root, file, sink);
    } catch (const json::exception& e) { // a value of an unexpected type somewhere
        return core::makeError(file.string(), core::concat("unexpected transforms structure: ", e.what()));
    }
    return {};
}

} // namespace sr::asset::detail
