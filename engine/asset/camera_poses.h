#pragma once
// Camera poses of photogrammetry tools: where each photo was taken, which way the camera looked,
// and its lens, read from COLMAP, AliceVision/Meshroom, Agisoft Metashape, RealityCapture,
// nerfstudio/instant-ngp and OpenMVS-style files into one convention (docs/poses.md).
//
// Convention of every CameraPose, whatever the source:
// - World: the source's own world frame and units, unchanged (no re-up, no rescale). Metashape
//   poses include the chunk (and component) transform, so they are in the chunk's world frame.
// - Camera: +X right, +Y down, +Z forward (the optical axis), as in OpenCV and COLMAP. Sources
//   with OpenGL-style cameras (+Y up, looking along -Z) are converted.
// - `rotation` is camera-to-world: its columns are the camera's +X, +Y, +Z axes in world
//   coordinates. A world point X is at R^T (X - center) in camera coordinates.
// - Intrinsics in pixels of the image as stored (before any EXIF orientation): width, height,
//   fx, fy, and the principal point (cx, cy) measured from the image's top-left corner.
//
// Everything here reads untrusted files: entries with bad values are skipped (each with a
// message naming the file and the entry, also logged as a warning), and malformed files fail
// with a core::Error naming the file. Nothing throws; every function is thread-safe.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace sr::asset {

enum class PoseFormat {
    Auto,               // detect from the path's name and content (detectPoseFormat)
    ColmapText,         // a COLMAP model folder with cameras.txt and images.txt
    ColmapBinary,       // a COLMAP model folder with cameras.bin and images.bin
    AliceVisionSfm,     // AliceVision / Meshroom SfMData JSON (cameras.sfm, sfm.json)
    MetashapeXml,       // Agisoft Metashape / PhotoScan camera export (XML)
    RealityCaptureXmp,  // RealityCapture XMP: one .xmp beside each image (a folder, or one file)
    RealityCaptureCsv,  // RealityCapture "Internal/External camera parameters" CSV
    NerfTransforms,     // nerfstudio / instant-ngp transforms.json
    OpenMvsText,        // OpenMVS-style text camera list: CAMERA (K) and IMAGE (R, C) lines
    ProjectionMatrices, // a folder of NAME_P.txt 3x4 projection matrices (CMPMVS layout, mvs.ini)
};

// A short stable name: "auto", "colmap-text", "colmap-binary", "alicevision", "metashape",
// "realitycapture-xmp", "realitycapture-csv", "nerf", "openmvs-text", "projection-matrices".
std::string_view poseFormatName(PoseFormat format);
// The inverse of poseFormatName (case-insensitive); fails with a message listing the names.
core::Result<PoseFormat> parsePoseFormat(std::string_view name);

enum class DistortionModel {
    None,   // pinhole: all coefficients zero
    Brown,  // radial k1..k4 (r^2..r^8) plus tangential p1, p2 in OpenCV's order; with k4 = 0 this
            // is OpenCV's five-coefficient model (k1, k2, p1, p2, k3)
    Fisheye // OpenCV fisheye / Kannala-Brandt: theta_d = theta (1 + k1 theta^2 + ... + k4 theta^8)
};

// Lens distortion on normalised image coordinates (x = X/Z, y = Y/Z in camera space).
struct Distortion {
    DistortionModel model = DistortionModel::None;
    double k1 = 0.0, k2 = 0.0, k3 = 0.0, k4 = 0.0;
    double p1 = 0.0, p2 = 0.0; // Brown only
};

struct CameraIntrinsics {
    uint32_t width = 0;  // pixels, > 0
    uint32_t height = 0; // pixels, > 0
    double fx = 0.0;     // focal length in pixels, > 0
    double fy = 0.0;     // focal length in pixels, > 0
    double cx = 0.0;     // principal point in pixels from the image's left edge
    double cy = 0.0;     // principal point in pixels from the image's top edge
    Distortion distortion;

    // Vertical and horizontal field of view in radians, from the image size and focal lengths
    // (distortion ignored).
    double verticalFov() const;
    double horizontalFov() const;
};

struct CameraPose {
    std::string entry; // the source's name for this entry, for messages ("image 3", "view 1234")
    std::string image; // the image file name or path exactly as the source writes it
    // The image file found on disk for `image` (see findPoseImage), or empty when none was.
    std::filesystem::path imageFile;
    glm::dmat3 rotation{1.0}; // camera-to-world, orthonormal, determinant +1
    glm::dvec3 center{0.0};   // optical centre in world coordinates (source units)
    CameraIntrinsics intrinsics;

    glm::dvec3 right() const { return rotation[0]; }
    glm::dvec3 down() const { return rotation[1]; }
    glm::dvec3 up() const { return -rotation[1]; } // the image's up direction in the world
    glm::dvec3 forward() const { return rotation[2]; }
    // 4x4 rigid transforms between camera space (convention above) and world space.
    glm::dmat4 cameraToWorld() const;
    glm::dmat4 worldToCamera() const;
};

struct PoseSet {
    std::filesystem::path source; // the file or folder that was read
    PoseFormat format = PoseFormat::Auto;
    std::vector<CameraPose> poses; // in the source's order
    // One message per skipped entry, "FILE: ENTRY: REASON" (FILE is the file holding the entry).
    std::vector<std::string> skipped;
};

struct PoseLoadOptions {
    // Folder that image names are relative to. Empty: the pose file's folder, then its images/
    // subfolder and the images/ folders one and two levels up (COLMAP's project layout).
    std::filesystem::path imageFolder;
    // Skip (with a message) poses whose image file is not found.
    bool skipMissingImages = false;
    // Largest deviation of R^T R from the identity (per element) accepted for a rotation.
    // Accepted rotations are then made exactly orthonormal.
    double rotationTolerance = 1e-3;
    // More entries than this in one file fail the load.
    size_t maxEntries = 1'000'000;
    // Text, JSON and XML files larger than this fail the load (binary COLMAP files are mapped).
    uint64_t maxTextBytes = uint64_t(1) << 30;
};

struct DetectedPoseFormat {
    PoseFormat format = PoseFormat::Auto;
    std::filesystem::path path; // what to read: a file, or a model folder (COLMAP, XMP, P matrices)
};

// Finds the format of `path` from its name and the start of its content. A folder is searched for
// (in this order) a COLMAP model (itself, sparse/0, sparse; binary before text), transforms.json,
// an SfMData file (*.sfm, sfm.json, cameras.json), NAME_P.txt matrices, *.xmp files. A file named
// cameras.txt/images.txt (.bin) means its folder's COLMAP model; mvs.ini or a NAME_P.txt means its
// folder's projection matrices. Fails naming the path when nothing is recognised, the path does
// not exist, or it is an OpenMVS binary scene (.mvs).
core::Result<DetectedPoseFormat> detectPoseFormat(const std::filesystem::path& path);

// Reads the camera poses at `path` (a file or folder, see PoseFormat) into the convention above.
//
// Entries are skipped, each with a message in PoseSet::skipped and a warning log line, when a
// number is not finite or not a number at all (NaN, "-1.#IND", "inf", "1e999"), a rotation is not
// orthonormal within options.rotationTolerance or is a reflection, an intrinsic is out of range
// (zero or negative focal length or image size), the entry names no image, refers to a camera,
// sensor, intrinsic or pose the file does not have, uses an unsupported camera or distortion model,
// or (with options.skipMissingImages, and always where the image size must come from the image)
// its image file is not found. Every pose's `imageFile` is resolved (findPoseImage).
//
// Fails with an Error naming the file when the path is missing or unrecognised, a file cannot be
// read, is over options.maxTextBytes, is not valid JSON/XML or not of the format's structure, a
// binary file is truncated or declares more records than it can hold, there are more than
// options.maxEntries entries, or no usable pose remains (the message gives the first reason).
// Logs one info line with the counts. Never throws.
core::Result<PoseSet> loadCameraPoses(const std::filesystem::path& path, PoseFormat format = PoseFormat::Auto,
                                      const PoseLoadOptions& options = {});

// A pose file held in memory: the path a reader would open, and the file's bytes.
struct PoseFileBytes {
    std::filesystem::path path;
    std::span<const uint8_t> bytes;
};

// loadCameraPoses of `format` (not Auto, which fails) over pose files held in memory: each pose
// file the format's reader opens is taken from `files` by its exact path (folder / "cameras.txt"
// for a COLMAP model at `path` == folder, `path` itself for single-file formats, folder /
// "mvs.ini" beside projection matrices); a path not among them is not found. Only image files
// and folder listings are still looked for on disk. For reading untrusted bytes that are not in
// a file (tests, fuzzing). The bytes must stay alive during the call. Never throws.
core::Result<PoseSet> loadCameraPosesFromMemory(const std::filesystem::path& path, PoseFormat format,
                                                std::span<const PoseFileBytes> files,
                                                const PoseLoadOptions& options = {});

// The image file of `pose` on disk, or empty when none is found: `pose.image` as an absolute path,
// else relative to `imageFolder` (or, when empty, the pose file's folder and its images/ folders
// as in PoseLoadOptions::imageFolder), also by its last path component alone (paths from the
// authoring machine, Windows separators included), and with a common image extension added when
// it has none (Metashape labels). Touches the file system only to test for files. The result may
// lie outside `imageFolder` (a name may be absolute or hold ".."): a caller that must stay inside
// an exhibit folder confines it (core/exhibit_path.h).
std::filesystem::path findPoseImage(const PoseSet& set, const CameraPose& pose,
                                    const std::filesystem::path& imageFolder = {});

// The mean of the cameras' up directions (CameraPose::up), normalised: a photographer holds the
// camera level on average, so this approximates the world's up (against gravity). Empty when there
// are no poses or the directions cancel out (mean shorter than 0.1).
std::optional<glm::dvec3> meanUpVector(std::span<const CameraPose> poses);

// A floor guess: the plane normal to `up` at `eyeHeight` (source units) below the median camera
// height along `up`. `height` is the plane's offset along `up`: points P on it have dot(P, up) ==
// height. Empty when there are no poses or `up` is not unit length.
struct FloorSuggestion {
    glm::dvec3 up{0.0, 0.0, 1.0};
    double height = 0.0;
};
std::optional<FloorSuggestion> suggestFloor(std::span<const CameraPose> poses, const glm::dvec3& up,
                                            double eyeHeight);

} // namespace sr::asset
