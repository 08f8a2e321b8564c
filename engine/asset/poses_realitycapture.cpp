// RealityCapture (RealityScan) registration exports: XMP sidecars and the CSV of internal/external
// camera parameters.
//
// XMP: one NAME.xmp beside each image NAME.ext. Its rdf:Description carries (as attributes or
// child elements, prefix usually xcr:) Rotation, 9 numbers row by row: world-to-camera R with our
// camera axes (x_cam = R (X - Position)); Position, the camera centre; FocalLength35mm, the focal
// length for a 36 mm wide frame spanning the image's longer side; PrincipalPointU/V, offsets from
// the image centre in units of the longer side; AspectRatio (fy / fx); DistortionModel and six
// DistortionCoeficients (sic): k1, k2, k3, k4, t1, t2, where t1 and t2 are OpenCV's p2 and p1.
//
// CSV: a header "#name,x,y,alt,heading,pitch,roll,f,px,py,k1,k2,k3,k4,t1,t2" and one row per image.
// The angles are degrees as RealityCapture shows them; the camera-to-world rotation is
// Rz(-heading) Rx(pitch) Ry(roll) for a camera looking along its -Z with +Y up (heading 0, pitch 0:
// looking straight down, image top to north), turned to our axes. f, px, py are read like the XMP's.
//
// Neither format gives the image size, so it is read from the image's header (JPEG or PNG); an
// entry whose image is not found is skipped.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <pugixml.hpp>

#include "asset/pose_reader.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;

std::string_view localName(const char* name) {
    std::string_view text(name);
    const size_t colon = text.rfind(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

pugi::xml_node findDescription(const pugi::xml_node& node) {
    for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (localName(child.name()) == "Description") return child;
        if (pugi::xml_node found = findDescription(child)) return found;
    }
    return {};
}

// A property given as an attribute or as a child element; null when absent.
const char* property(const pugi::xml_node& description, std::string_view key) {
    for (pugi::xml_attribute attribute : description.attributes()) {
        if (localName(attribute.name()) == key) return attribute.value();
    }
    for (pugi::xml_node child : description.children()) {
        if (child.type() == pugi::node_element && localName(child.name()) == key)
            return child.text().as_string();
    }
    return nullptr;
}

// Reads `count` numbers of property `key` (absent: `fallback`, or why when there is none).
std::string numbers(const pugi::xml_node& description, std::string_view key, size_t count,
                    std::vector<double>& out, const std::vector<double>* fallback = nullptr) {
    const char* text = property(description, key);
    if (!text) {
        if (fallback) {
            out = *fallback;
            return {};
        }
        return core::concat("no ", key);
    }
    const auto words = splitWords(text);
    if (words.size() != count) return core::concat(key, " needs ", count, " numbers, has ", words.size());
    out.assign(count, 0.0);
    std::string bad;
    if (!parseFiniteAll(words, out, bad)) return core::concat(key, ": ", bad);
    return {};
}

// Intrinsics from RealityCapture's normalised values and the image size.
CameraIntrinsics makeIntrinsics(glm::uvec2 size, double focal35, double ppU, double ppV, double aspect,
                                const double coefficients[6]) {
    CameraIntrinsics in;
    in.width = size.x, in.height = size.y;
    const double longer = std::max(size.x, size.y);
    in.fx = focal35 / 36.0 * longer;
    in.fy = in.fx * aspect;
    in.cx = 0.5 * size.x + ppU * longer;
    in.cy = 0.5 * size.y + ppV * longer;
    Distortion& d = in.distortion;
    d.model = DistortionModel::Brown;
    d.k1 = coefficients[0], d.k2 = coefficients[1], d.k3 = coefficients[2], d.k4 = coefficients[3];
    d.p1 = coefficients[5], d.p2 = coefficients[4];
    return in;
}

void readXmp(const fs::path& file, PoseSink& sink) {
    const std::string stem = file.stem().string();
    CameraPose pose;
    pose.entry = core::concat("'", file.filename().string(), "'");
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return sink.skip(file, pose.entry, text.error().message);
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(text->text().data(), text->text().size());
    if (!parsed) return sink.skip(file, pose.entry, core::concat("not valid XML: ", parsed.description()));
    const pugi::xml_node description = findDescription(doc);
    if (!description) return sink.skip(file, pose.entry, "no rdf:Description");

    const std::vector<double> zero1{0.0}, one{1.0}, zero6(6, 0.0);
    std::vector<double> rotation, position, focal, ppU, ppV, aspect, coefficients;
    if (!property(description, "Rotation") || !property(description, "Position")) {
        return sink.skip(file, pose.entry, "not registered (no Rotation or Position)");
    }
    for (std::string why :
         {numbers(description, "Rotation", 9, rotation), numbers(description, "Position", 3, position),
          numbers(description, "FocalLength35mm", 1, focal),
          numbers(description, "PrincipalPointU", 1, ppU, &zero1),
          numbers(description, "PrincipalPointV", 1, ppV, &zero1),
          numbers(description, "AspectRatio", 1, aspect, &one),
          numbers(description, "DistortionCoeficients", 6, coefficients, &zero6)}) {
        if (!why.empty()) return sink.skip(file, pose.entry, why);
    }
    const std::string model =
        lowercase(property(description, "DistortionModel") ? property(description, "DistortionModel") : "");
    if (model == "division" && coefficients[0] != 0.0) {
        return sink.skip(file, pose.entry, "the division distortion model is not supported");
    }
    const fs::path image = findImageByStem(file.parent_path(), stem);
    if (image.empty())
        return sink.skip(file, pose.entry, "no image beside it (its size gives the focal length in pixels)");
    std::string why;
    auto size = probeImageSize(image, why);
    if (!size) return sink.skip(file, pose.entry, why);

    pose.image = image.filename().string();
    pose.rotation = glm::transpose(matrixFromRows(std::span<const double, 9>(rotation.data(), 9)));
    pose.center = glm::dvec3(position[0], position[1], position[2]);
    if (model == "division") coefficients.assign(6, 0.0);
    pose.intrinsics = makeIntrinsics(*size, focal[0], ppU[0], ppV[0], aspect[0], coefficients.data());
    sink.add(file, std::move(pose));
}

std::vector<std::string_view> splitCsv(std::string_view line) {
    std::vector<std::string_view> fields;
    size_t start = 0;
    while (true) {
        const size_t comma = line.find(',', start);
        fields.push_back(trim(
            line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return fields;
}

glm::dmat3 rotationFromAngles(double headingDeg, double pitchDeg, double rollDeg) {
    const double h = glm::radians(-headingDeg), p = glm::radians(pitchDeg), r = glm::radians(rollDeg);
    const double z[9] = {std::cos(h), -std::sin(h), 0, std::sin(h), std::cos(h), 0, 0, 0, 1};
    const double x[9] = {1, 0, 0, 0, std::cos(p), -std::sin(p), 0, std::sin(p), std::cos(p)};
    const double y[9] = {std::cos(r), 0, std::sin(r), 0, 1, 0, -std::sin(r), 0, std::cos(r)};
    const glm::dmat3 glCamera = matrixFromRows(z) * matrixFromRows(x) * matrixFromRows(y);
    return glCamera * glm::dmat3(glm::dvec3(1, 0, 0), glm::dvec3(0, -1, 0), glm::dvec3(0, 0, -1));
}

} // namespace

core::Status readRealityCaptureXmp(const fs::path& path, PoseSink& sink) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        readXmp(path, sink);
        return {};
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && iequals(it->path().extension().string(), ".xmp"))
            files.push_back(it->path());
        if (files.size() > sink.options().maxEntries) {
            return core::makeError(path.string(),
                                   core::concat("more than ", sink.options().maxEntries, " XMP files"));
        }
    }
    if (ec) return core::makeError(path.string(), "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) readXmp(file, sink);
    return {};
}

core::Status readRealityCaptureCsv(const fs::path& file, PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    LineReader lines(text->text());
    std::string_view line;
    std::unordered_map<std::string, size_t> columns;
    while (columns.empty() && lines.next(line)) {
        line = trim(line);
        if (line.empty()) continue;
        if (line[0] == '#') line.remove_prefix(1);
        const auto names = splitCsv(line);
        for (size_t i = 0; i < names.size(); ++i) columns.emplace(lowercase(names[i]), i);
    }
    for (const char* required : {"name", "x", "y", "alt", "heading", "pitch", "roll", "f"}) {
        if (!columns.count(required)) {
            return core::makeError(file.string(), core::concat("no \"", required, "\" column in the header"));
        }
    }
    size_t count = 0;
    while (lines.next(line)) {
        if (trim(line).empty()) continue;
        if (++count > sink.options().maxEntries) {
            return core::makeError(file.string(),
                                   core::concat("more than ", sink.options().maxEntries, " rows"));
        }
        const auto fields = splitCsv(line);
        const size_t nameColumn = columns["name"];
        CameraPose pose;
        pose.image = nameColumn < fields.size() ? std::string(fields[nameColumn]) : std::string();
        pose.entry = core::concat("line ", lines.number(), " '", pose.image, "'");
        auto value = [&](const char* name, double fallback, std::string& why) {
            auto column = columns.find(name);
            if (column == columns.end()) return fallback;
            double v = 0.0;
            if (!why.empty()) return v; // the first problem is the one reported
            if (column->second >= fields.size())
                why = core::concat("no \"", name, "\" value");
            else if (!parseFinite(fields[column->second], v))
                why = core::concat(name, ": ", notANumber(fields[column->second]));
            return v;
        };
        std::string why;
        const glm::dvec3 center(value("x", 0, why), value("y", 0, why), value("alt", 0, why));
        const double heading = value("heading", 0, why), pitch = value("pitch", 0, why),
                     roll = value("roll", 0, why);
        const double focal = value("f", 0, why), px = value("px", 0, why), py = value("py", 0, why);
        const double coefficients[6] = {value("k1", 0, why), value("k2", 0, why), value("k3", 0, why),
                                        value("k4", 0, why), value("t1", 0, why), value("t2", 0, why)};
        if (!why.empty()) {
            sink.skip(file, pose.entry, why);
            continue;
        }
        const fs::path image = findPoseImage(sink.set(), pose, sink.options().imageFolder);
        if (image.empty()) {
            sink.skip(file, pose.entry, "image not found (its size gives the focal length in pixels)");
            continue;
        }
        auto size = probeImageSize(image, why);
        if (!size) {
            sink.skip(file, pose.entry, why);
            continue;
        }
        pose.rotation = rotationFromAngles(heading, pitch, roll);
        pose.center = center;
        pose.intrinsics = makeIntrinsics(*size, focal, px, py, 1.0, coefficients);
        sink.add(file, std::move(pose));
    }
    return {};
}

} // namespace sr::asset::detail
