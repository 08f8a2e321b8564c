// Fuzz target: every camera-pose reader (asset/camera_poses.h) over untrusted bytes, through
// loadCameraPosesFromMemory, then the statistics the viewer takes of a pose set.
//
// Input: byte 0 picks the format. Formats of one file read the rest as that file. Formats of two
// files (COLMAP text and binary, projection matrices with their mvs.ini) read a little-endian
// 16-bit length after it, the first file of that length, and the second file as the rest. The
// pose files live in memory under tests/fuzz/data/poses, whose small images give the readers
// that need an image's size (RealityCapture XMP, OpenMVS, NeRF, projection matrices) one to find.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <vector>

#include "asset/camera_poses.h"
#include "core/log.h"

namespace {
using namespace sr::asset;
namespace fs = std::filesystem;

struct Layout {
    PoseFormat format;
    const char* first;  // file name of the first (or only) file
    const char* second; // file name of the second file, or null
    bool folder;        // whether the reader is given the folder rather than the first file
};
constexpr Layout kLayouts[] = {
    {PoseFormat::ColmapText, "cameras.txt", "images.txt", true},
    {PoseFormat::ColmapBinary, "cameras.bin", "images.bin", true},
    {PoseFormat::AliceVisionSfm, "cameras.sfm", nullptr, false},
    {PoseFormat::MetashapeXml, "cameras.xml", nullptr, false},
    {PoseFormat::RealityCaptureXmp, "a.xmp", nullptr, false},
    {PoseFormat::RealityCaptureCsv, "cams.csv", nullptr, false},
    {PoseFormat::NerfTransforms, "transforms.json", nullptr, false},
    {PoseFormat::OpenMvsText, "list.txt", nullptr, false},
    // The matrices are the reader's path; mvs.ini beside them is the second file.
    {PoseFormat::ProjectionMatrices, "a_P.txt", "mvs.ini", false},
};

void usePoses(const PoseSet& set) {
    for (const CameraPose& pose : set.poses) {
        const glm::dmat4 there = pose.cameraToWorld(), back = pose.worldToCamera();
        (void)(there * back);
        (void)pose.intrinsics.verticalFov();
        (void)pose.intrinsics.horizontalFov();
        // The readers promise finite centres and proper rotations.
        if (!std::isfinite(pose.center.x + pose.center.y + pose.center.z)) __builtin_trap();
        if (std::abs(glm::determinant(pose.rotation) - 1.0) > 1e-6) __builtin_trap();
    }
    if (auto up = meanUpVector(set.poses)) (void)suggestFloor(set.poses, *up, 1.6);
    (void)suggestFloor(set.poses, glm::dvec3(0.0, 0.0, 1.0), 1.6);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Quiet unless SR_FUZZ_VERBOSE is set (to read the log of one input).
    sr::core::setLogQuiet(std::getenv("SR_FUZZ_VERBOSE") == nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const Layout& layout = kLayouts[data[0] % std::size(kLayouts)];
    std::span<const uint8_t> rest(data + 1, size - 1);
    std::span<const uint8_t> first = rest, second;
    if (layout.second) {
        if (rest.size() < 2) return 0;
        const size_t length = std::min<size_t>(rest[0] | size_t(rest[1]) << 8, rest.size() - 2);
        first = rest.subspan(2, length);
        second = rest.subspan(2 + length);
    }
    static const fs::path folder = SR_FUZZ_POSE_DIR;
    std::vector<PoseFileBytes> files{{folder / layout.first, first}};
    if (layout.second) files.push_back({folder / layout.second, second});
    const fs::path path = layout.folder ? folder : folder / layout.first;
    auto set = loadCameraPosesFromMemory(path, layout.format, files);
    if (set) usePoses(*set);
    return 0;
}
