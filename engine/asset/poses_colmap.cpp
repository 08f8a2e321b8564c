// COLMAP sparse models: cameras.txt/images.txt and cameras.bin/images.bin.
//
// Images hold the world-to-camera rotation as a unit quaternion (w, x, y, z) and the translation
// t, so that x_cam = R X + t; the camera centre is -R^T t. COLMAP's camera axes are ours (+X
// right, +Y down, +Z forward). Binary files are little-endian; every read is checked against the
// file's size before it happens, and declared counts against what the bytes can hold.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "asset/pose_reader.h"
#include "core/log.h"

namespace sr::asset::detail {
namespace {
namespace fs = std::filesystem;

struct ColmapModel {
    std::string_view name;
    int id;
    size_t paramCount;
};
constexpr ColmapModel kModels[] = {
    {"SIMPLE_PINHOLE", 0, 3},
    {"PINHOLE", 1, 4},
    {"SIMPLE_RADIAL", 2, 4},
    {"RADIAL", 3, 5},
    {"OPENCV", 4, 8},
    {"OPENCV_FISHEYE", 5, 8},
    {"FULL_OPENCV", 6, 12},
    {"FOV", 7, 5},
    {"SIMPLE_RADIAL_FISHEYE", 8, 4},
    {"RADIAL_FISHEYE", 9, 5},
    {"THIN_PRISM_FISHEYE", 10, 12},
    {"RAD_TAN_THIN_PRISM_FISHEYE", 11, 16},
};

const ColmapModel* modelByName(std::string_view name) {
    for (const ColmapModel& model : kModels) {
        if (model.name == name) return &model;
    }
    return nullptr;
}

const ColmapModel* modelById(int64_t id) {
    for (const ColmapModel& model : kModels) {
        if (model.id == id) return &model;
    }
    return nullptr;
}

// A camera of cameras.txt/.bin: its intrinsics, or why images using it are skipped.
struct ColmapCamera {
    CameraIntrinsics intrinsics;
    std::string problem;
};

ColmapCamera makeCamera(const ColmapModel& model, uint64_t width, uint64_t height,
                        std::span<const double> p) {
    ColmapCamera camera;
    CameraIntrinsics& in = camera.intrinsics;
    in.width = uint32_t(std::min<uint64_t>(width, UINT32_MAX));
    in.height = uint32_t(std::min<uint64_t>(height, UINT32_MAX));
    Distortion& d = in.distortion;
    auto single = [&](DistortionModel distortion) { // f, cx, cy, k...
        in.fx = in.fy = p[0];
        in.cx = p[1];
        in.cy = p[2];
        d.model = distortion;
    };
    auto separate = [&](DistortionModel distortion) { // fx, fy, cx, cy, k...
        in.fx = p[0];
        in.fy = p[1];
        in.cx = p[2];
        in.cy = p[3];
        d.model = distortion;
    };
    switch (model.id) {
    case 0: single(DistortionModel::None); break;
    case 1: separate(DistortionModel::None); break;
    case 2: single(DistortionModel::Brown), d.k1 = p[3]; break;
    case 3: single(DistortionModel::Brown), d.k1 = p[3], d.k2 = p[4]; break;
    case 4: separate(DistortionModel::Brown), d.k1 = p[4], d.k2 = p[5], d.p1 = p[6], d.p2 = p[7]; break;
    case 5: separate(DistortionModel::Fisheye), d.k1 = p[4], d.k2 = p[5], d.k3 = p[6], d.k4 = p[7]; break;
    case 8: single(DistortionModel::Fisheye), d.k1 = p[3]; break;
    case 9: single(DistortionModel::Fisheye), d.k1 = p[3], d.k2 = p[4]; break;
    default: camera.problem = core::concat("camera model ", model.name, " is not supported"); break;
    }
    return camera;
}

// Builds the pose of one image entry and hands it on; skips it when its camera is unusable.
void addImage(PoseSink& sink, const fs::path& file, const std::unordered_map<uint64_t, ColmapCamera>& cameras,
              uint64_t imageId, const double q[4], const double t[3], uint64_t cameraId, std::string name) {
    CameraPose pose;
    pose.entry = core::concat("image ", imageId, " '", name, "'");
    auto camera = cameras.find(cameraId);
    if (camera == cameras.end()) {
        return sink.skip(file, pose.entry, core::concat("camera ", cameraId, " is not in the cameras file"));
    }
    if (!camera->second.problem.empty()) {
        return sink.skip(file, pose.entry, core::concat("camera ", cameraId, ": ", camera->second.problem));
    }
    for (int i = 0; i < 4; ++i) {
        if (!std::isfinite(q[i]))
            return sink.skip(file, pose.entry, "quaternion has a value that is not finite");
    }
    // COLMAP normalises quaternions as it reads them; one far from unit length is corrupt.
    const double norm = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (!(std::abs(norm - 1.0) <= sink.options().rotationTolerance)) {
        return sink.skip(file, pose.entry,
                         core::concat("rotation is not orthonormal: quaternion length ", norm));
    }
    const glm::dmat3 worldToCamera = quaternionToMatrix(q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm);
    pose.image = std::move(name);
    pose.rotation = glm::transpose(worldToCamera);
    pose.center = -(pose.rotation * glm::dvec3(t[0], t[1], t[2]));
    pose.intrinsics = camera->second.intrinsics;
    sink.add(file, std::move(pose));
}

// ---- text ----

core::Result<std::unordered_map<uint64_t, ColmapCamera>> readCamerasText(const fs::path& file,
                                                                         PoseSink& sink) {
    auto text = readPoseFile(file, sink.options().maxTextBytes);
    if (!text) return text.error();
    std::unordered_map<uint64_t, ColmapCamera> cameras;
    LineReader lines(text->text());
    std::string_view line;
    while (lines.next(line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const auto words = splitWords(line);
        uint64_t id = 0, width = 0, height = 0;
        if (words.size() < 4 || !parseUnsigned(words[0], id) || !parseUnsigned(words[2], width) ||
            !parseUnsigned(words[3], height)) {
            return core::makeError(
                file.string(),
                core::concat("line ", lines.number(), ": expected CAMERA_ID MODEL WIDTH HEIGHT PARAMS"));
        }
        if (cameras.size() >= sink.options().maxEntries) {
            return core::makeError(file.string(),
                                   core::concat("more than ", sink.options().maxEntries, " cameras"));
        }
        ColmapCamera camera;
        const ColmapModel* model = modelByName(words[1]);
        std::vector<double> params(words.size() - 4);
        std::string bad;
        if (!model) {
            camera.problem = core::concat("camera model ", words[1], " is not known");
        } else if (params.size() != model->paramCount) {
            camera.problem = core::concat(model->name, " needs ", model->paramCount, " parameters, line ",
                                          lines.number(), " has ", params.size());
        } else if (!parseFiniteAll(std::span(words).subspan(4), params, bad)) {
            camera.problem = core::concat("line ", lines.number(), ": ", bad);
        } else {
            camera = makeCamera(*model, width, height, params);
        }
        if (!cameras.emplace(id, std::move(camera)).second) {
            sink.skip(file, core::concat("camera ", id), "listed twice; the first is used");
        }
    }
    return cameras;
}

// Whether a line of images.txt is an image line (ID, 7 numbers, CAMERA_ID, NAME) rather than a
// points line (X, Y, POINT3D_ID triples, where the tenth word is a number too).
bool looksLikeImageLine(std::string_view line) {
    const auto words = splitWords(line);
    double unused = 0.0;
    uint64_t id = 0;
    return words.size() >= 10 && parseUnsigned(words[0], id) && parseUnsigned(words[8], id) &&
           !parseFinite(words[9], unused);
}

core::Status readImagesText(const fs::path& file, const std::unordered_map<uint64_t, ColmapCamera>& cameras,
                            PoseSink& sink) {
    auto text = readPoseFile(file, UINT64_MAX); // mapped; point lists make big models' files large
    if (!text) return text.error();
    LineReader lines(text->text());
    std::string_view line;
    size_t count = 0;
    while (lines.next(line)) {
        const std::string_view content = trim(line);
        if (content.empty() || content[0] == '#') continue;
        const size_t lineNumber = lines.number();
        // Each image line is followed by its points line, which may be empty; files written by
        // hand sometimes leave it out, so a following image line is not taken for one.
        std::string_view points;
        if (lines.peek(points) && !looksLikeImageLine(points)) lines.next(points);
        if (++count > sink.options().maxEntries) {
            return core::makeError(file.string(),
                                   core::concat("more than ", sink.options().maxEntries, " images"));
        }
        const auto words = splitWords(content);
        uint64_t imageId = 0, cameraId = 0;
        if (words.size() < 10 || !parseUnsigned(words[0], imageId) || !parseUnsigned(words[8], cameraId)) {
            sink.skip(file, core::concat("line ", lineNumber),
                      "expected IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
            continue;
        }
        const std::string name(trim(content.substr(size_t(words[9].data() - content.data()))));
        double values[7];
        std::string bad;
        if (!parseFiniteAll(std::span(words).subspan(1, 7), values, bad)) {
            sink.skip(file, core::concat("image ", imageId, " '", name, "'"), bad);
            continue;
        }
        addImage(sink, file, cameras, imageId, values, values + 4, cameraId, name);
    }
    return {};
}

// ---- binary ----

class Cursor {
public:
    explicit Cursor(std::span<const uint8_t> bytes) : mBytes(bytes) {}
    size_t remaining() const { return mBytes.size() - mPos; }
    size_t position() const { return mPos; }
    template <class T> bool read(T& value) {
        static_assert(std::endian::native == std::endian::little, "COLMAP binary files are little-endian");
        if (remaining() < sizeof(T)) return false;
        std::memcpy(&value, mBytes.data() + mPos, sizeof(T));
        mPos += sizeof(T);
        return true;
    }
    bool skip(size_t bytes) {
        if (remaining() < bytes) return false;
        mPos += bytes;
        return true;
    }
    // A NUL-terminated string.
    bool readString(std::string& out) {
        const auto* start = mBytes.data() + mPos;
        const void* nul = std::memchr(start, 0, remaining());
        if (!nul) return false;
        const size_t length = size_t(static_cast<const uint8_t*>(nul) - start);
        out.assign(reinterpret_cast<const char*>(start), length);
        mPos += length + 1;
        return true;
    }

private:
    std::span<const uint8_t> mBytes;
    size_t mPos = 0;
};

core::Error truncated(const fs::path& file, std::string_view what, uint64_t index) {
    return core::makeError(file.string(), core::concat("file is truncated inside ", what, " record ", index));
}

// Checks a declared record count against the bytes left (each record at least `minBytes`).
core::Status checkCount(const fs::path& file, uint64_t count, size_t minBytes, const Cursor& cursor,
                        const PoseSink& sink, std::string_view what) {
    if (count > cursor.remaining() / minBytes) {
        return core::makeError(file.string(), core::concat("declares ", count, " ", what, " but holds only ",
                                                           cursor.remaining(), " bytes for them"));
    }
    if (count > sink.options().maxEntries) {
        return core::makeError(
            file.string(), core::concat(count, " ", what, ", over the limit of ", sink.options().maxEntries));
    }
    return {};
}

core::Result<std::unordered_map<uint64_t, ColmapCamera>> readCamerasBinary(const fs::path& file,
                                                                           PoseSink& sink) {
    auto data = readPoseFile(file, UINT64_MAX);
    if (!data) return data.error();
    Cursor in(data->bytes());
    uint64_t count = 0;
    if (!in.read(count)) return core::makeError(file.string(), "file is too short for a camera count");
    constexpr size_t kMinRecord = 4 + 4 + 8 + 8;
    if (auto status = checkCount(file, count, kMinRecord, in, sink, "cameras"); !status)
        return status.error();
    std::unordered_map<uint64_t, ColmapCamera> cameras;
    for (uint64_t i = 0; i < count; ++i) {
        uint32_t id = 0;
        int32_t modelId = 0;
        uint64_t width = 0, height = 0;
        if (!in.read(id) || !in.read(modelId) || !in.read(width) || !in.read(height)) {
            return truncated(file, "camera", i);
        }
        const ColmapModel* model = modelById(modelId);
        if (!model) {
            // Without the model the record's length is unknown, so nothing after it can be read.
            return core::makeError(file.string(),
                                   core::concat("camera ", id, " has unknown model id ", modelId));
        }
        std::vector<double> params(model->paramCount);
        for (double& p : params) {
            if (!in.read(p)) return truncated(file, "camera", i);
        }
        if (!cameras.emplace(id, makeCamera(*model, width, height, params)).second) {
            sink.skip(file, core::concat("camera ", id), "listed twice; the first is used");
        }
    }
    return cameras;
}

core::Status readImagesBinary(const fs::path& file, const std::unordered_map<uint64_t, ColmapCamera>& cameras,
                              PoseSink& sink) {
    auto data = readPoseFile(file, UINT64_MAX);
    if (!data) return data.error();
    Cursor in(data->bytes());
    uint64_t count = 0;
    if (!in.read(count)) return core::makeError(file.string(), "file is too short for an image count");
    constexpr size_t kMinRecord = 4 + 7 * 8 + 4 + 1 + 8;
    if (auto status = checkCount(file, count, kMinRecord, in, sink, "images"); !status) return status;
    for (uint64_t i = 0; i < count; ++i) {
        uint32_t imageId = 0, cameraId = 0;
        double values[7];
        std::string name;
        uint64_t pointCount = 0;
        bool ok = in.read(imageId);
        for (double& v : values) ok = ok && in.read(v);
        ok = ok && in.read(cameraId) && in.readString(name) && in.read(pointCount);
        if (!ok) return truncated(file, "image", i);
        constexpr size_t kPointBytes = 8 + 8 + 8; // x, y, point3D id
        if (pointCount > in.remaining() / kPointBytes) {
            return core::makeError(file.string(), core::concat("image ", imageId, " declares ", pointCount,
                                                               " points, more than the file holds"));
        }
        in.skip(size_t(pointCount) * kPointBytes);
        addImage(sink, file, cameras, imageId, values, values + 4, cameraId, std::move(name));
    }
    if (in.remaining() != 0) {
        core::logWarning("camera poses: ", file.string(), ": ", in.remaining(),
                         " bytes after the last image");
    }
    return {};
}

} // namespace

core::Status readColmapText(const fs::path& folder, PoseSink& sink) {
    auto cameras = readCamerasText(folder / "cameras.txt", sink);
    if (!cameras) return cameras.error();
    return readImagesText(folder / "images.txt", *cameras, sink);
}

core::Status readColmapBinary(const fs::path& folder, PoseSink& sink) {
    auto cameras = readCamerasBinary(folder / "cameras.bin", sink);
    if (!cameras) return cameras.error();
    return readImagesBinary(folder / "images.bin", *cameras, sink);
}

} // namespace sr::asset::detail
