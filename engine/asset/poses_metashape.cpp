// Agisoft Metashape (and PhotoScan) camera XML: File > Export > Export Cameras.
//
// <document><chunk> holds <sensors> (calibrations), <components> (optional, each with a
// similarity transform), <cameras> (possibly nested in <group>s) and the chunk <transform>. A
// camera's <transform> is 16 numbers, row by row: camera-to-component (or camera-to-chunk when
// there are no components) with Metashape's camera axes, which are ours. World =
// chunk transform * component transform * camera transform; a similarity transform is
// <rotation> (9, row by row), <translation> (3) and <scale> (1), each optional.
// Calibrations written with <f> (Metashape, PhotoScan 1.4 on) give cx, cy as offsets from the
// image centre, fx = f + b1, fy = f, and tangential terms in Metashape's order, which is OpenCV's
// swapped (OpenCV p1 = Metashape p2). Older calibrations with <fx>, <fy> give cx, cy from the
// top-left corner and OpenCV's order. Skew (b2) and p3, p4 are not represented and ignored.
#include <cmath>
#include <unordered_map>

#include <pugixml.hpp>

#include "asset/pose_reader.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;

// Parses exactly `count` numbers from an element's text; returns why not.
std::string readNumbers(const pugi::xml_node& node, size_t count, std::vector<double>& out) {
    const auto words = splitWords(node.text().as_string());
    if (words.size() != count)
        return core::concat("<", node.name(), "> needs ", count, " numbers, has ", words.size());
    out.assign(count, 0.0);
    std::string bad;
    if (!parseFiniteAll(words, out, bad)) return core::concat("<", node.name(), ">: ", bad);
    return {};
}

// A similarity transform element; missing parts are the identity. Returns why it is unusable.
std::string readSimilarity(const pugi::xml_node& transform, glm::dmat3& rotation, glm::dvec3& translation,
                           double& scale, double tolerance) {
    rotation = glm::dmat3(1.0);
    translation = glm::dvec3(0.0);
    scale = 1.0;
    std::vector<double> v;
    if (pugi::xml_node node = transform.child("rotation")) {
        if (std::string why = readNumbers(node, 9, v); !why.empty()) return why;
        rotation = matrixFromRows(std::span<const double, 9>(v.data(), 9));
        if (std::string why = makeRotation(rotation, tolerance); !why.empty()) return why;
    }
    if (pugi::xml_node node = transform.child("translation")) {
        if (std::string why = readNumbers(node, 3, v); !why.empty()) return why;
        translation = glm::dvec3(v[0], v[1], v[2]);
    }
    if (pugi::xml_node node = transform.child("scale")) {
        if (std::string why = readNumbers(node, 1, v); !why.empty()) return why;
        if (!(v[0] > 0.0)) return core::concat("scale ", v[0], " is not positive");
        scale = v[0];
    }
    return {};
}

struct Similarity {
    glm::dmat3 rotation{1.0};
    glm::dvec3 translation{0.0};
    double scale = 1.0;
    std::string problem;
    glm::dvec3 apply(const glm::dvec3& p) const { return scale * (rotation * p) + translation; }
};

Similarity readSimilarity(const pugi::xml_node& transform, double tolerance) {
    Similarity s;
    if (transform) s.problem = readSimilarity(transform, s.rotation, s.translation, s.scale, tolerance);
    return s;
}

struct Lens {
    CameraIntrinsics intrinsics;
    std::string problem;
};

double childNumber(const pugi::xml_node& calibration, const char* name, std::string& why) {
    pugi::xml_node node = calibration.child(name);
    double value = 0.0;
    if (node && !parseFinite(trim(node.text().as_string()), value))
        why = core::concat("<", name, ">: ", notANumber(node.text().as_string()));
    return value;
}

Lens readSensor(const pugi::xml_node& sensor) {
    Lens lens;
    CameraIntrinsics& in = lens.intrinsics;
    std::string& why = lens.problem;
    const std::string type = sensor.attribute("type").as_string("frame");
    if (type != "frame" && type != "fisheye")
        return {in, core::concat("sensor type '", type, "' is not supported")};
    pugi::xml_node calibration = sensor.find_child_by_attribute("calibration", "class", "adjusted");
    if (!calibration) calibration = sensor.child("calibration");
    if (!calibration) return {in, "sensor has no calibration"};
    pugi::xml_node resolution = calibration.child("resolution");
    if (!resolution) resolution = sensor.child("resolution");
    double size[2] = {0.0, 0.0};
    for (int i = 0; i < 2; ++i) {
        const char* name = i == 0 ? "width" : "height";
        if (!parseFinite(resolution.attribute(name).as_string(), size[i]) || size[i] < 1.0 || size[i] > 1e6) {
            return {in, "sensor has no usable <resolution>"};
        }
    }
    in.width = uint32_t(size[0]), in.height = uint32_t(size[1]);
    const bool modern = bool(calibration.child("f"));
    if (modern) {
        const double f = childNumber(calibration, "f", why), b1 = childNumber(calibration, "b1", why);
        in.fx = f + b1, in.fy = f;
        in.cx = 0.5 * in.width + childNumber(calibration, "cx", why);
        in.cy = 0.5 * in.height + childNumber(calibration, "cy", why);
    } else {
        in.fx = childNumber(calibration, "fx", why), in.fy = childNumber(calibration, "fy", why);
        in.cx = childNumber(calibration, "cx", why), in.cy = childNumber(calibration, "cy", why);
    }
    Distortion& d = in.distortion;
    d.model = type == "fisheye" ? DistortionModel::Fisheye : DistortionModel::Brown;
    d.k1 = childNumber(calibration, "k1", why), d.k2 = childNumber(calibration, "k2", why);
    d.k3 = childNumber(calibration, "k3", why), d.k4 = childNumber(calibration, "k4", why);
    const double p1 = childNumber(calibration, "p1", why), p2 = childNumber(calibration, "p2", why);
    d.p1 = modern ? p2 : p1;
    d.p2 = modern ? p1 : p2;
    if (d.model == DistortionModel::Fisheye && (d.p1 != 0.0 || d.p2 != 0.0)) {
        why = "fisheye sensors with tangential distortion are not supported";
    }
    return lens;
}

struct Chunk {
    Similarity transform;
    std::unordered_map<std::string, Lens> sensors;
    std::unordered_map<std::string, Similarity> components;
};

void readCamera(const pugi::xml_node& camera, const Chunk& chunk, const fs::path& file, PoseSink& sink) {
    CameraPose pose;
    pose.image = camera.attribute("label").as_string();
    pose.entry = core::concat("camera ", camera.attribute("id").as_string(), " '", pose.image, "'");
    auto sensor = chunk.sensors.find(camera.attribute("sensor_id").as_string());
    if (sensor == chunk.sensors.end()) {
        return sink.skip(
            file, pose.entry,
            core::concat("sensor '", camera.attribute("sensor_id").as_string(), "' is not in the file"));
    }
    if (!sensor->second.problem.empty())
        return sink.skip(file, pose.entry, "sensor: " + sensor->second.problem);
    pugi::xml_node transform = camera.child("transform");
    if (!transform) return sink.skip(file, pose.entry, "not aligned (no <transform>)");
    std::vector<double> v;
    if (std::string why = readNumbers(transform, 16, v); !why.empty())
        return sink.skip(file, pose.entry, why);
    if (std::abs(v[12]) > 1e-9 || std::abs(v[13]) > 1e-9 || std::abs(v[14]) > 1e-9 ||
        std::abs(v[15] - 1.0) > 1e-9) {
        return sink.skip(file, pose.entry, "<transform> is not a rigid transform (last row is not 0 0 0 1)");
    }
    const double rows[9] = {v[0], v[1], v[2], v[4], v[5], v[6], v[8], v[9], v[10]};
    glm::dmat3 rotation = matrixFromRows(rows);
    if (std::string why = makeRotation(rotation, sink.options().rotationTolerance); !why.empty()) {
        return sink.skip(file, pose.entry, why);
    }
    glm::dvec3 center(v[3], v[7], v[11]);
    if (pugi::xml_attribute id = camera.attribute("component_id")) {
        auto component = chunk.components.find(id.as_string());
        if (component == chunk.components.end()) {
            return sink.skip(file, pose.entry,
                             core::concat("component '", id.as_string(), "' is not in the file"));
        }
        if (!component->second.problem.empty()) {
            return sink.skip(file, pose.entry, "component transform: " + component->second.problem);
        }
        rotation = component->second.rotation * rotation;
        center = component->second.apply(center);
    }
    pose.rotation = chunk.transform.rotation * rotation;
    pose.center = chunk.transform.apply(center);
    pose.intrinsics = sensor->second.intrinsics;
    sink.add(file, std::move(pose));
}

// Cameras may sit in nested <group> elements.
core::Status readCameras(const pugi::xml_node& parent, const Chunk& chunk, const fs::path& file,
                         PoseSink& sink, size_t& count) {
    for (pugi::xml_node node : parent.children()) {
        if (std::string_view(node.name()) == "group") {
            if (auto status = readCameras(node, chunk, file, sink, count); !status) return status;
        } else if (std::string_view(node.name()) == "camera") {
            if (++count > sink.options().maxEntries) {
                return core::makeError(file.string(),
                                       core::concat("more than ", sink.options().maxEntries, " cameras"));
            }
            readCamera(node, chunk, file, sink);
        }
    }
    return {};
}

} // namespace

core::Status readMetashapeXml(const fs::path& file, PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(text->text().data(), text->text().size());
    if (!parsed) {
        return core::makeError(
            file.string(), core::concat("not valid XML: ", parsed.description(), " at byte ", parsed.offset));
    }
    pugi::xml_node document = doc.child("document");
    if (!document || !document.child("chunk")) {
        return core::makeError(file.string(), "not a Metashape camera file: no <document><chunk>");
    }
    size_t count = 0;
    for (pugi::xml_node node : document.children("chunk")) {
        Chunk chunk;
        chunk.transform = readSimilarity(node.child("transform"), sink.options().rotationTolerance);
        if (!chunk.transform.problem.empty()) {
            return core::makeError(file.string(), "chunk <transform>: " + chunk.transform.problem);
        }
        for (pugi::xml_node sensor : node.child("sensors").children("sensor")) {
            chunk.sensors.emplace(sensor.attribute("id").as_string(), readSensor(sensor));
        }
        for (pugi::xml_node component : node.child("components").children("component")) {
            chunk.components.emplace(
                component.attribute("id").as_string(),
                readSimilarity(component.child("transform"), sink.options().rotationTolerance));
        }
        if (auto status = readCameras(node.child("cameras"), chunk, file, sink, count); !status)
            return status;
    }
    return {};
}

} // namespace sr::asset::detail
