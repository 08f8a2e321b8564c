// Plain-text camera lists of the MVS tools.
//
// OpenMVS-style text list (a text form of an OpenMVS scene's platforms and images):
//   CAMERA platform=P camera=C name=... width=W height=H K=k11 k12 k13 k21 k22 k23 k31 k32 k33
//   IMAGE ID NAME P C POSE R= r11 ... r33 C= cx cy cz
// K is in pixels, or normalised by the longer image side when width and height are 0 (then the
// image's header gives the size). R rotates world to camera, C is the camera centre:
// x_cam = R (X - C), with our camera axes. Lines starting with '#' and other keywords are ignored.
//
// Projection matrices (CMPMVS layout, as in AliceVision's datasets): a folder of NAME_P.txt files,
// each with a 3x4 matrix P = K [R | t] (12 numbers), and an mvs.ini whose [imageResolutions]
// section gives NAME=WxH. The image is NAME._c.png (CMPMVS) or NAME with an image extension; the
// size comes from the image's header when mvs.ini lacks it. P is decomposed into K (positive
// diagonal, skew ignored), R and the centre -M^-1 p4 where M is P's left 3x3 block.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "asset/pose_reader.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The numbers after a "KEY=" word: "K=1 2 3" or "K= 1 2 3". Returns why not when there are not
// `count` finite numbers.
std::string valuesAfter(const std::vector<std::string_view>& words, std::string_view key, size_t count,
                        std::vector<double>& out) {
    auto it =
        std::find_if(words.begin(), words.end(), [&](std::string_view w) { return startsWith(w, key); });
    if (it == words.end()) return core::concat("no ", key);
    std::vector<std::string_view> tokens;
    if (it->size() > key.size()) tokens.push_back(it->substr(key.size()));
    for (++it; it != words.end() && tokens.size() < count; ++it) tokens.push_back(*it);
    if (tokens.size() != count) return core::concat(key, " needs ", count, " numbers");
    out.assign(count, 0.0);
    std::string bad;
    if (!parseFiniteAll(tokens, out, bad)) return core::concat(key, " ", bad);
    return {};
}

struct MvsCamera {
    CameraIntrinsics intrinsics; // width/height 0: normalised K
    std::string problem;
};

MvsCamera readCameraLine(const std::vector<std::string_view>& words) {
    MvsCamera camera;
    std::vector<double> w, h, k;
    if (std::string why = valuesAfter(words, "width=", 1, w); !why.empty())
        camera.problem = why;
    else if (std::string why = valuesAfter(words, "height=", 1, h); !why.empty())
        camera.problem = why;
    else if (std::string why = valuesAfter(words, "K=", 9, k); !why.empty())
        camera.problem = why;
    if (!camera.problem.empty()) return camera;
    if (w[0] < 0.0 || h[0] < 0.0 || w[0] > 1e6 || h[0] > 1e6) {
        camera.problem = "image size is out of range";
        return camera;
    }
    CameraIntrinsics& in = camera.intrinsics;
    in.width = uint32_t(w[0]), in.height = uint32_t(h[0]);
    in.fx = k[0], in.cx = k[2], in.fy = k[4], in.cy = k[5];
    return camera;
}

// Scales normalised intrinsics to the size of the image; returns why not.
std::string denormalise(PoseSink& sink, CameraPose& pose) {
    const fs::path image = findPoseImage(sink.set(), pose, sink.options().imageFolder);
    if (image.empty()) return "K is normalised and the image (for its size) is not found";
    std::string why;
    auto size = probeImageSize(image, why);
    if (!size) return why;
    CameraIntrinsics& in = pose.intrinsics;
    const double scale = std::max(size->x, size->y);
    in.width = size->x, in.height = size->y;
    in.fx *= scale, in.fy *= scale, in.cx *= scale, in.cy *= scale;
    return {};
}

void readImageLine(std::string_view line, const std::vector<std::string_view>& words,
                   const std::map<std::string, MvsCamera>& cameras, const fs::path& file, size_t lineNumber,
                   PoseSink& sink) {
    CameraPose pose;
    auto r = std::find_if(words.begin(), words.end(), [](std::string_view w) { return startsWith(w, "R="); });
    const size_t rIndex = size_t(r - words.begin());
    if (rIndex < 6 || rIndex == words.size()) {
        return sink.skip(file, core::concat("line ", lineNumber),
                         "expected IMAGE ID NAME PLATFORM CAMERA POSE R= ... C= ...");
    }
    const char* nameStart = words[2].data();
    const char* nameEnd = words[rIndex - 4].data() + words[rIndex - 4].size();
    pose.image = std::string(trim(line.substr(size_t(nameStart - line.data()), size_t(nameEnd - nameStart))));
    pose.entry = core::concat("image ", words[1], " '", pose.image, "'");
    uint64_t platform = 0, cameraIndex = 0;
    if (!parseUnsigned(words[rIndex - 3], platform) || !parseUnsigned(words[rIndex - 2], cameraIndex)) {
        return sink.skip(file, pose.entry, "platform and camera must be indices");
    }
    const std::string key = core::concat(platform, "/", cameraIndex);
    auto camera = cameras.find(key);
    if (camera == cameras.end())
        return sink.skip(file, pose.entry, core::concat("camera ", key, " is not in the file"));
    if (!camera->second.problem.empty())
        return sink.skip(file, pose.entry, "camera " + key + ": " + camera->second.problem);
    std::vector<double> rotation, center;
    if (std::string why = valuesAfter(words, "R=", 9, rotation); !why.empty())
        return sink.skip(file, pose.entry, why);
    if (std::string why = valuesAfter(words, "C=", 3, center); !why.empty())
        return sink.skip(file, pose.entry, why);
    pose.rotation = glm::transpose(matrixFromRows(std::span<const double, 9>(rotation.data(), 9)));
    pose.center = glm::dvec3(center[0], center[1], center[2]);
    pose.intrinsics = camera->second.intrinsics;
    if (pose.intrinsics.width == 0 || pose.intrinsics.height == 0) {
        if (std::string why = denormalise(sink, pose); !why.empty()) return sink.skip(file, pose.entry, why);
    }
    sink.add(file, std::move(pose));
}

// NAME=WxH lines of mvs.ini's [imageResolutions] section.
std::unordered_map<std::string, glm::uvec2> readResolutions(const fs::path& ini, const PoseSink& sink) {
    std::unordered_map<std::string, glm::uvec2> sizes;
    auto text = readPoseFile(ini, sink.options().maxTextBytes);
    if (!text) return sizes;
    LineReader lines(text->text());
    std::string_view line;
    bool inSection = false;
    while (lines.next(line)) {
        line = trim(line);
        if (line.empty() || line[0] == ';' || line[0] == '#') continue;
        if (line[0] == '[') {
            inSection = line == "[imageResolutions]";
            continue;
        }
        const size_t eq = line.find('='), x = line.find('x', eq);
        uint64_t w = 0, h = 0;
        if (!inSection || eq == std::string_view::npos || x == std::string_view::npos) continue;
        if (parseUnsigned(trim(line.substr(eq + 1, x - eq - 1)), w) &&
            parseUnsigned(trim(line.substr(x + 1)), h) && w <= (1u << 20) && h <= (1u << 20)) {
            sizes[std::string(trim(line.substr(0, eq)))] = glm::uvec2(uint32_t(w), uint32_t(h));
        }
    }
    return sizes;
}

void readProjectionFile(const fs::path& file, const std::unordered_map<std::string, glm::uvec2>& sizes,
                        PoseSink& sink) {
    const std::string fileName = file.filename().string();
    const std::string stem =
        fileName.ends_with("_P.txt") ? fileName.substr(0, fileName.size() - 6) : file.stem().string();
    CameraPose pose;
    pose.entry = core::concat("'", fileName, "'");
    auto text = readPoseFile(file, 1 << 16);
    if (!text) return sink.skip(file, pose.entry, text.error().message);
    const auto words = splitWords(text->text());
    if (words.size() != 12)
        return sink.skip(file, pose.entry, core::concat("expected 12 numbers, found ", words.size()));
    double p[12];
    std::string why;
    if (!parseFiniteAll(words, p, why)) return sink.skip(file, pose.entry, why);

    const fs::path folder = file.parent_path();
    fs::path image = folder / (stem + "._c.png");
    std::error_code ec;
    if (!fs::is_regular_file(image, ec)) {
        if (fs::path other = findImageByStem(folder, stem); !other.empty()) image = other;
    }
    pose.image = image.filename().string();
    glm::uvec2 size(0);
    if (auto known = sizes.find(stem); known != sizes.end()) {
        size = known->second;
    } else if (auto probed = probeImageSize(image, why)) {
        size = *probed;
    } else {
        return sink.skip(file, pose.entry, "image size unknown: not in mvs.ini and " + why);
    }

    double sign = 1.0;
    const double mRows[9] = {p[0], p[1], p[2], p[4], p[5], p[6], p[8], p[9], p[10]};
    glm::dmat3 m = matrixFromRows(mRows);
    if (glm::determinant(m) < 0.0) sign = -1.0; // P is known up to scale, sign included
    m *= sign;
    const glm::dvec3 p4 = sign * glm::dvec3(p[3], p[7], p[11]);
    glm::dmat3 k, r;
    if (!decomposeKR(m, k, r)) return sink.skip(file, pose.entry, "projection matrix is singular");
    k /= k[2][2];
    pose.rotation = glm::transpose(r);
    pose.center = -(glm::inverse(m) * p4);
    CameraIntrinsics& in = pose.intrinsics;
    in.width = size.x, in.height = size.y;
    in.fx = k[0][0], in.fy = k[1][1], in.cx = k[2][0], in.cy = k[2][1];
    sink.add(file, std::move(pose));
}

} // namespace

core::Status readOpenMvsText(const fs::path& file, PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    std::map<std::string, MvsCamera> cameras;
    LineReader lines(text->text());
    std::string_view line;
    size_t count = 0;
    while (lines.next(line)) {
        const auto words = splitWords(line);
        if (words.empty() || words[0].front() == '#') continue;
        if (++count > sink.options().maxEntries) {
            return core::makeError(file.string(),
                                   core::concat("more than ", sink.options().maxEntries, " entries"));
        }
        if (words[0] == "CAMERA") {
            std::vector<double> platform, camera;
            auto isIndex = [](const std::vector<double>& v) {
                return v[0] >= 0.0 && v[0] < 1e9 && v[0] == std::floor(v[0]);
            };
            if (!valuesAfter(words, "platform=", 1, platform).empty() ||
                !valuesAfter(words, "camera=", 1, camera).empty() || !isIndex(platform) || !isIndex(camera)) {
                sink.skip(file, core::concat("line ", lines.number()), "CAMERA needs platform= and camera=");
                continue;
            }
            cameras[core::concat(uint64_t(platform[0]), "/", uint64_t(camera[0]))] = readCameraLine(words);
        } else if (words[0] == "IMAGE") {
            readImageLine(line, words, cameras, file, lines.number(), sink);
        }
    }
    return {};
}

core::Status readProjectionMatrices(const fs::path& path, PoseSink& sink) {
    std::error_code ec;
    const bool folder = fs::is_directory(path, ec);
    const fs::path dir = folder ? path : path.parent_path();
    const auto sizes = readResolutions(dir / "mvs.ini", sink);
    std::vector<fs::path> files;
    if (!folder) {
        files.push_back(path);
    } else {
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.size() > 6 && name.ends_with("_P.txt") && it->is_regular_file(ec))
                files.push_back(it->path());
            if (files.size() > sink.options().maxEntries) {
                return core::makeError(path.string(),
                                       core::concat("more than ", sink.options().maxEntries, " matrices"));
            }
        }
        if (ec) return core::makeError(path.string(), "cannot list the folder: " + ec.message());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) readProjectionFile(file, sizes, sink);
    return {};
}

} // namespace sr::asset::detail
