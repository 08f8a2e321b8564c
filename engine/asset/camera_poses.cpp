// Format names and detection, the load entry point, image lookup and pose-set statistics. The
// formats themselves are read in poses_*.cpp.
#include "asset/camera_poses.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <system_error>
#include <utility>

#include "asset/pose_reader.h"
#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<PoseFormat, std::string_view>, 10> kFormatNames = {{
    {PoseFormat::Auto, "auto"},
    {PoseFormat::ColmapText, "colmap-text"},
    {PoseFormat::ColmapBinary, "colmap-binary"},
    {PoseFormat::AliceVisionSfm, "alicevision"},
    {PoseFormat::MetashapeXml, "metashape"},
    {PoseFormat::RealityCaptureXmp, "realitycapture-xmp"},
    {PoseFormat::RealityCaptureCsv, "realitycapture-csv"},
    {PoseFormat::NerfTransforms, "nerf"},
    {PoseFormat::OpenMvsText, "openmvs-text"},
    {PoseFormat::ProjectionMatrices, "projection-matrices"},
}};

bool isFile(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && detail::iequals(text.substr(text.size() - suffix.size()), suffix);
}

// Whether a folder holds a file whose name ends with `suffix` (case-insensitive).
bool folderHas(const fs::path& folder, std::string_view suffix) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && endsWith(it->path().filename().string(), suffix)) return true;
    }
    return false;
}

std::string readHead(const fs::path& file, size_t bytes) {
    auto text = detail::readPoseFile(file, uint64_t(-1));
    if (!text) return {};
    return std::string(text->text().substr(0, bytes));
}

std::optional<DetectedPoseFormat> detectFolder(const fs::path& folder) {
    for (const fs::path& model : {folder, folder / "sparse" / "0", folder / "sparse"}) {
        if (isFile(model / "cameras.bin") && isFile(model / "images.bin")) {
            return DetectedPoseFormat{PoseFormat::ColmapBinary, model};
        }
        if (isFile(model / "cameras.txt") && isFile(model / "images.txt")) {
            return DetectedPoseFormat{PoseFormat::ColmapText, model};
        }
    }
    if (isFile(folder / "transforms.json"))
        return DetectedPoseFormat{PoseFormat::NerfTransforms, folder / "transforms.json"};
    for (const char* name : {"cameras.sfm", "sfm.json", "cameras.json"}) {
        if (isFile(folder / name)) return DetectedPoseFormat{PoseFormat::AliceVisionSfm, folder / name};
    }
    if (folderHas(folder, "_P.txt")) return DetectedPoseFormat{PoseFormat::ProjectionMatrices, folder};
    if (folderHas(folder, ".xmp")) return DetectedPoseFormat{PoseFormat::RealityCaptureXmp, folder};
    return std::nullopt;
}

std::optional<PoseFormat> detectFileByContent(const fs::path& file, const std::string& ext) {
    const std::string head = readHead(file, 1 << 16);
    if (ext == ".json" || ext == ".sfm") {
        if (head.find("\"frames\"") != std::string::npos) return PoseFormat::NerfTransforms;
        if (head.find("\"views\"") != std::string::npos || head.find("\"poses\"") != std::string::npos ||
            head.find("\"intrinsics\"") != std::string::npos) {
            return PoseFormat::AliceVisionSfm;
        }
        return ext == ".sfm" ? std::optional(PoseFormat::AliceVisionSfm) : std::nullopt;
    }
    if (ext == ".xml" && head.find("<document") != std::string::npos) return PoseFormat::MetashapeXml;
    if (ext == ".xmp") return PoseFormat::RealityCaptureXmp;
    if (ext == ".csv") return PoseFormat::RealityCaptureCsv;
    if (ext == ".txt") {
        detail::LineReader lines(head);
        std::string_view line;
        while (lines.next(line)) {
            const auto words = detail::splitWords(line);
            if (words.empty() || words[0].front() == '#') continue;
            if (words[0] == "CAMERA" || words[0] == "IMAGE") return PoseFormat::OpenMvsText;
            break;
        }
    }
    return std::nullopt;
}

core::Status readFormat(PoseFormat format, const fs::path& path, detail::PoseSink& sink) {
    switch (format) {
    case PoseFormat::ColmapText: return detail::readColmapText(path, sink);
    case PoseFormat::ColmapBinary: return detail::readColmapBinary(path, sink);
    case PoseFormat::AliceVisionSfm: return detail::readAliceVisionSfm(path, sink);
    case PoseFormat::MetashapeXml: return detail::readMetashapeXml(path, sink);
    case PoseFormat::RealityCaptureXmp: return detail::readRealityCaptureXmp(path, sink);
    case PoseFormat::RealityCaptureCsv: return detail::readRealityCaptureCsv(path, sink);
    case PoseFormat::NerfTransforms: return detail::readNerfTransforms(path, sink);
    case PoseFormat::OpenMvsText: return detail::readOpenMvsText(path, sink);
    case PoseFormat::ProjectionMatrices: return detail::readProjectionMatrices(path, sink);
    case PoseFormat::Auto: break;
    }
    return core::makeError(path.string(), "no camera-pose format given");
}

// The folder image names are relative to by default: beside the pose file (or in the model folder).
fs::path poseFolder(const PoseSet& set) {
    std::error_code ec;
    return fs::is_directory(set.source, ec) ? set.source : set.source.parent_path();
}

fs::path findWithExtension(const fs::path& candidate) {
    if (isFile(candidate)) return candidate.lexically_normal();
    if (!candidate.has_extension()) {
        for (std::string_view ext : detail::kPoseImageExtensions) {
            fs::path withExt = candidate;
            withExt += std::string(ext);
            if (isFile(withExt)) return withExt.lexically_normal();
        }
    }
    return {};
}

} // namespace

std::string_view poseFormatName(PoseFormat format) {
    for (const auto& [value, name] : kFormatNames) {
        if (value == format) return name;
    }
    return "unknown";
}

core::Result<PoseFormat> parsePoseFormat(std::string_view name) {
    std::string names;
    for (const auto& [value, known] : kFormatNames) {
        if (detail::iequals(name, known)) return value;
        names += (names.empty() ? "" : ", ") + std::string(known);
    }
    return core::makeError("", core::concat("unknown camera-pose format '", name, "' (known: ", names, ")"));
}

double CameraIntrinsics::verticalFov() const { return 2.0 * std::atan(0.5 * height / fy); }
double CameraIntrinsics::horizontalFov() const { return 2.0 * std::atan(0.5 * width / fx); }

glm::dmat4 CameraPose::cameraToWorld() const {
    glm::dmat4 m(rotation);
    m[3] = glm::dvec4(center, 1.0);
    return m;
}

glm::dmat4 CameraPose::worldToCamera() const {
    const glm::dmat3 r = glm::transpose(rotation);
    glm::dmat4 m(r);
    m[3] = glm::dvec4(-(r * center), 1.0);
    return m;
}

core::Result<DetectedPoseFormat> detectPoseFormat(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return core::makeError(path.string(), "camera-pose file or folder not found");
    if (fs::is_directory(path, ec)) {
        if (auto found = detectFolder(path)) return *found;
        return core::makeError(path.string(), "no camera-pose files recognised in this folder");
    }
    const std::string name = path.filename().string();
    const std::string ext = detail::lowercase(path.extension().string());
    const fs::path folder = path.parent_path();
    // A text list of CAMERA and IMAGE lines may well be called cameras.txt too.
    auto byContent = detectFileByContent(path, ext);
    if (byContent == PoseFormat::OpenMvsText) return DetectedPoseFormat{*byContent, path};
    if (detail::iequals(name, "cameras.txt") || detail::iequals(name, "images.txt")) {
        return DetectedPoseFormat{PoseFormat::ColmapText, folder};
    }
    if (detail::iequals(name, "cameras.bin") || detail::iequals(name, "images.bin")) {
        return DetectedPoseFormat{PoseFormat::ColmapBinary, folder};
    }
    if (detail::iequals(name, "mvs.ini") || endsWith(name, "_P.txt")) {
        return DetectedPoseFormat{PoseFormat::ProjectionMatrices, endsWith(name, "_P.txt") ? path : folder};
    }
    if (ext == ".mvs") {
        return core::makeError(path.string(),
                               "OpenMVS binary scenes are not read; export a text camera list");
    }
    if (byContent) return DetectedPoseFormat{*byContent, path};
    return core::makeError(path.string(), "not a camera-pose file of a known format");
}

core::Result<PoseSet> loadCameraPoses(const fs::path& path, PoseFormat format,
                                      const PoseLoadOptions& options) {
    DetectedPoseFormat target{format, path};
    if (format == PoseFormat::Auto) {
        auto detected = detectPoseFormat(path);
        if (!detected) return detected.error();
        target = *detected;
    }
    PoseSet set;
    set.source = target.path;
    set.format = target.format;
    detail::PoseSink sink(set, options);
    if (core::Status status = readFormat(target.format, target.path, sink); !status) return status.error();

    std::vector<CameraPose> kept;
    kept.reserve(set.poses.size());
    for (CameraPose& pose : set.poses) {
        pose.imageFile = findPoseImage(set, pose, options.imageFolder);
        if (pose.imageFile.empty() && options.skipMissingImages) {
            set.skipped.push_back(
                core::concat(set.source.string(), ": ", pose.entry, ": image '", pose.image, "' not found"));
            core::logWarning("camera poses: ", set.skipped.back());
            continue;
        }
        kept.push_back(std::move(pose));
    }
    set.poses = std::move(kept);

    if (set.poses.empty()) {
        std::string why =
            set.skipped.empty()
                ? std::string("the file lists no cameras")
                : core::concat(set.skipped.size(), " entries skipped, the first: ", set.skipped.front());
        return core::makeError(target.path.string(), "no usable camera poses; " + why);
    }
    core::logInfo("camera poses: ", set.poses.size(), " from ", target.path.string(), " (",
                  poseFormatName(set.format), "), ", set.skipped.size(), " skipped");
    return set;
}

core::Result<PoseSet> loadCameraPosesFromMemory(const fs::path& path, PoseFormat format,
                                                std::span<const PoseFileBytes> files,
                                                const PoseLoadOptions& options) {
    if (format == PoseFormat::Auto)
        return core::makeError(path.string(), "poses in memory need their format named");
    detail::MemoryPoseFiles memory(files);
    return loadCameraPoses(path, format, options);
}

fs::path findPoseImage(const PoseSet& set, const CameraPose& pose, const fs::path& imageFolder) {
    if (pose.image.empty()) return {};
    std::string name = pose.image;
    std::replace(name.begin(), name.end(), '\\', '/');
    const fs::path written(name);
    std::vector<fs::path> folders;
    if (!imageFolder.empty()) {
        folders.push_back(imageFolder);
    } else {
        const fs::path base = poseFolder(set);
        folders = {base, base / "images", base.parent_path() / "images",
                   base.parent_path().parent_path() / "images"};
    }
    if (written.is_absolute()) {
        if (fs::path found = findWithExtension(written); !found.empty()) return found;
    } else {
        for (const fs::path& folder : folders) {
            if (fs::path found = findWithExtension(folder / written); !found.empty()) return found;
        }
    }
    if (written.has_parent_path()) {
        for (const fs::path& folder : folders) {
            if (fs::path found = findWithExtension(folder / written.filename()); !found.empty()) return found;
        }
    }
    return {};
}

std::optional<glm::dvec3> meanUpVector(std::span<const CameraPose> poses) {
    glm::dvec3 sum(0.0);
    for (const CameraPose& pose : poses) sum += pose.up();
    if (poses.empty()) return std::nullopt;
    const glm::dvec3 mean = sum / double(poses.size());
    const double length = glm::length(mean);
    if (!(length >= 0.1)) return std::nullopt;
    return mean / length;
}

std::optional<FloorSuggestion> suggestFloor(std::span<const CameraPose> poses, const glm::dvec3& up,
                                            double eyeHeight) {
    if (poses.empty() || !(std::abs(glm::length(up) - 1.0) < 1e-6) || !std::isfinite(eyeHeight)) {
        return std::nullopt;
    }
    std::vector<double> heights;
    heights.reserve(poses.size());
    for (const CameraPose& pose : poses) heights.push_back(glm::dot(pose.center, up));
    const size_t middle = heights.size() / 2;
    std::nth_element(heights.begin(), heights.begin() + std::ptrdiff_t(middle), heights.end());
    double median = heights[middle];
    if (heights.size() % 2 == 0) {
        median =
            0.5 * (median + *std::max_element(heights.begin(), heights.begin() + std::ptrdiff_t(middle)));
    }
    return FloorSuggestion{up, median - eyeHeight};
}

} // namespace sr::asset
