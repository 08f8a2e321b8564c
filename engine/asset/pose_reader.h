#pragma once
// Internal to the asset module: what the camera-pose readers (poses_*.cpp) share. Every reader
// turns its format into CameraPose values in the convention of camera_poses.h and hands each to
// PoseSink::add, which validates it; entries it cannot use go to PoseSink::skip.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "asset/camera_poses.h"
#include "core/files.h"
#include "core/log.h"
#include "core/result.h"

namespace sr::asset::detail {

// Collects the poses and skipped entries of one load.
class PoseSink {
public:
    PoseSink(PoseSet& set, const PoseLoadOptions& options) : mSet(set), mOptions(options) {}

    const PoseLoadOptions& options() const { return mOptions; }
    PoseSet& set() { return mSet; }

    // Records "FILE: ENTRY: REASON" in PoseSet::skipped and logs it as a warning.
    void skip(const std::filesystem::path& file, std::string_view entry, std::string_view reason);
    // Checks `pose` (an image name, a finite centre, a rotation within tolerance, sane intrinsics),
    // makes its rotation exactly orthonormal, sets its distortion model to None when every
    // coefficient is zero, and appends it; otherwise skips it naming `file`.
    void add(const std::filesystem::path& file, CameraPose pose);

private:
    PoseSet& mSet;
    const PoseLoadOptions& mOptions;
};

// A file's bytes, memory-mapped (or held by the caller, see MemoryPoseFiles). Fails naming the
// file when it is missing, not a regular file, unreadable or larger than `maxBytes`.
struct FileText {
    core::MappedFile mapped;
    std::span<const uint8_t> data; // mapped.bytes(), or bytes in memory
    std::span<const uint8_t> bytes() const { return data; }
    std::string_view text() const { return {reinterpret_cast<const char*>(data.data()), data.size()}; }
};
core::Result<FileText> readPoseFile(const std::filesystem::path& file, uint64_t maxBytes);

// While one lives, readPoseFile on this thread serves `files` (by exact path) instead of the disk,
// and a path not among them is not found. Scopes nest; `files` must outlive the object.
class MemoryPoseFiles {
public:
    explicit MemoryPoseFiles(std::span<const PoseFileBytes> files);
    ~MemoryPoseFiles();
    MemoryPoseFiles(const MemoryPoseFiles&) = delete;
    MemoryPoseFiles& operator=(const MemoryPoseFiles&) = delete;

private:
    const std::span<const PoseFileBytes>* mPrevious;
    std::span<const PoseFileBytes> mFiles;
};

// Parses all of `token` as a finite number (C locale; one leading '+' allowed). False for "nan",
// "inf", "-1.#IND", "1e999", an empty token or trailing characters.
bool parseFinite(std::string_view token, double& out);
// Parses all of `token` as a non-negative integer.
bool parseUnsigned(std::string_view token, uint64_t& out);
// Parses every token of `tokens` with parseFinite; false names the first bad one in `bad`.
bool parseFiniteAll(std::span<const std::string_view> tokens, std::span<double> out, std::string& bad);
// Splits on white space (and, with `commas`, commas).
std::vector<std::string_view> splitWords(std::string_view line, bool commas = false);
std::string_view trim(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
std::string lowercase(std::string_view text);
// The reason a token is not a number, quoted: "'-1.#IND' is not a finite number".
std::string notANumber(std::string_view token);

// Reads lines one at a time ("\n" or "\r\n"); `number` is the 1-based number of the last line.
class LineReader {
public:
    explicit LineReader(std::string_view text) : mText(text) {}
    bool next(std::string_view& line);
    // The next line without consuming it.
    bool peek(std::string_view& line) const;
    size_t number() const { return mNumber; }

private:
    std::string_view mText;
    size_t mPos = 0;
    size_t mNumber = 0;
};

// glm matrices are column-major (m[column][row]); sources write rows.
glm::dmat3 matrixFromRows(std::span<const double, 9> v);
// The rotation of a unit quaternion (w, x, y, z) in Hamilton convention (COLMAP's).
glm::dmat3 quaternionToMatrix(double w, double x, double y, double z);
// Empty when `m` is a rotation within `tolerance` (then replaced by the nearest rotation);
// otherwise why not ("rotation is not orthonormal (error 0.2)", "... is a reflection").
std::string makeRotation(glm::dmat3& m, double tolerance);
// Largest |element| of R^T R - I.
double orthonormalityError(const glm::dmat3& m);

// Decomposes a 3x3 matrix M = K R (K upper triangular with a positive diagonal, R orthonormal).
// False when M is singular or non-finite.
bool decomposeKR(const glm::dmat3& m, glm::dmat3& k, glm::dmat3& r);

// Extensions tried for image names written without one, and for images found by stem.
inline constexpr std::string_view kPoseImageExtensions[] = {".jpg", ".JPG", ".jpeg", ".JPEG", ".png", ".PNG",
                                                            ".tif", ".TIF", ".tiff", ".TIFF", ".exr", ".EXR"};

// Image size of an image file from its header (JPEG or PNG). Empty with `why` set on failure.
std::optional<glm::uvec2> probeImageSize(const std::filesystem::path& file, std::string& why);
// `folder/stem.EXT` for the first common image extension that exists, or empty.
std::filesystem::path findImageByStem(const std::filesystem::path& folder, std::string_view stem);

// The readers. Each adds to `sink` and fails only for file-level problems.
core::Status readColmapText(const std::filesystem::path& folder, PoseSink& sink);
core::Status readColmapBinary(const std::filesystem::path& folder, PoseSink& sink);
core::Status readAliceVisionSfm(const std::filesystem::path& file, PoseSink& sink);
core::Status readMetashapeXml(const std::filesystem::path& file, PoseSink& sink);
core::Status readRealityCaptureXmp(const std::filesystem::path& path, PoseSink& sink);
core::Status readRealityCaptureCsv(const std::filesystem::path& file, PoseSink& sink);
core::Status readNerfTransforms(const std::filesystem::path& file, PoseSink& sink);
core::Status readOpenMvsText(const std::filesystem::path& file, PoseSink& sink);
core::Status readProjectionMatrices(const std::filesystem::path& path, PoseSink& sink);

} // namespace sr::asset::detail
