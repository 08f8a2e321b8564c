#include "asset/pose_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

#include "asset/photo.h"
#include "core/log.h"

namespace sr::asset::detail {
namespace {

// Coordinates beyond this are not a camera position in any scan (geocentric metres are ~6.4e6).
constexpr double kMaxCoordinate = 1e12;
constexpr uint32_t kMaxImageSide = 1u << 20;
// A focal length of this many image sides is a field of view of 0.06 degrees: no scan's lens.
constexpr double kMaxFocalInSides = 1000.0;

bool finite(const glm::dvec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

std::string checkIntrinsics(const CameraIntrinsics& in) {
    if (in.width == 0 || in.height == 0 || in.width > kMaxImageSide || in.height > kMaxImageSide) {
        return core::concat("image size ", in.width, " x ", in.height, " is out of range");
    }
    if (!std::isfinite(in.fx) || !std::isfinite(in.fy) || in.fx <= 0.0 || in.fy <= 0.0) {
        return core::concat("focal length (", in.fx, ", ", in.fy, ") is not a positive number");
    }
    if (std::max(in.fx, in.fy) > kMaxFocalInSides * std::max(in.width, in.height)) {
        return core::concat("focal length (", in.fx, ", ", in.fy, ") pixels is out of range for a ", in.width,
                            " x ", in.height, " image");
    }
    // A principal point far outside the image is a broken calibration, not a shifted lens.
    const double w = in.width, h = in.height;
    if (!std::isfinite(in.cx) || !std::isfinite(in.cy) || std::abs(in.cx) > 10.0 * w ||
        std::abs(in.cy) > 10.0 * h) {
        return core::concat("principal point (", in.cx, ", ", in.cy, ") is out of range");
    }
    const Distortion& d = in.distortion;
    for (double c : {d.k1, d.k2, d.k3, d.k4, d.p1, d.p2}) {
        if (!std::isfinite(c)) return "a distortion coefficient is not a finite number";
    }
    return {};
}

} // namespace

void PoseSink::skip(const std::filesystem::path& file, std::string_view entry, std::string_view reason) {
    std::string message = core::concat(file.string(), ": ", entry, ": ", reason);
    core::logWarning("camera poses: ", message);
    mSet.skipped.push_back(std::move(message));
}

void PoseSink::add(const std::filesystem::path& file, CameraPose pose) {
    if (pose.image.empty()) return skip(file, pose.entry, "names no image");
    if (!finite(pose.center)) return skip(file, pose.entry, "camera centre is not a finite position");
    if (glm::length(pose.center) > kMaxCoordinate) {
        return skip(file, pose.entry,
                    core::concat("camera centre (", pose.center.x, ", ", pose.center.y, ", ", pose.center.z,
                                 ") is farther from the origin than any scan (", kMaxCoordinate, ")"));
    }
    if (std::string why = makeRotation(pose.rotation, mOptions.rotationTolerance); !why.empty()) {
        return skip(file, pose.entry, why);
    }
    if (std::string why = checkIntrinsics(pose.intrinsics); !why.empty()) return skip(file, pose.entry, why);
    Distortion& d = pose.intrinsics.distortion;
    if (d.k1 == 0.0 && d.k2 == 0.0 && d.k3 == 0.0 && d.k4 == 0.0 && d.p1 == 0.0 && d.p2 == 0.0) {
        d.model = DistortionModel::None;
    }
    mSet.poses.push_back(std::move(pose));
}

namespace {
thread_local const std::span<const PoseFileBytes>* tMemoryFiles = nullptr;

core::Result<FileText> readMemoryFile(const std::filesystem::path& file, uint64_t maxBytes) {
    for (const PoseFileBytes& memory : *tMemoryFiles) {
        if (memory.path != file) continue;
        if (memory.bytes.size() > maxBytes) {
            return core::makeError(file.string(),
                                   core::concat("file is ", memory.bytes.size(), " bytes, over the limit of ",
                                                maxBytes, " bytes"));
        }
        return FileText{{}, memory.bytes};
    }
    return core::makeError(file.string(), "file not found");
}
} // namespace

MemoryPoseFiles::MemoryPoseFiles(std::span<const PoseFileBytes> files)
    : mPrevious(tMemoryFiles), mFiles(files) {
    tMemoryFiles = &mFiles;
}

MemoryPoseFiles::~MemoryPoseFiles() { tMemoryFiles = mPrevious; }

core::Result<FileText> readPoseFile(const std::filesystem::path& file, uint64_t maxBytes) {
    if (tMemoryFiles) return readMemoryFile(file, maxBytes);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return core::makeError(file.string(), "file not found");
    if (!std::filesystem::is_regular_file(file, ec))
        return core::makeError(file.string(), "not a regular file");
    const uint64_t size = std::filesystem::file_size(file, ec);
    if (ec) return core::makeError(file.string(), "cannot read the file size: " + ec.message());
    if (size > maxBytes) {
        return core::makeError(
            file.string(), core::concat("file is ", size, " bytes, over the limit of ", maxBytes, " bytes"));
    }
    auto mapped = core::MappedFile::open(file);
    if (!mapped) return mapped.error();
    FileText text{std::move(mapped).value(), {}};
    text.data = text.mapped.bytes();
    return text;
}

bool parseFinite(std::string_view token, double& out) {
    if (token.size() > 1 && token[0] == '+' && token[1] != '-' && token[1] != '+') token.remove_prefix(1);
    if (token.empty()) return false;
    double value = 0.0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size() || !std::isfinite(value)) return false;
    out = value;
    return true;
}

bool parseUnsigned(std::string_view token, uint64_t& out) {
    if (token.empty()) return false;
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size()) return false;
    out = value;
    return true;
}

bool parseFiniteAll(std::span<const std::string_view> tokens, std::span<double> out, std::string& bad) {
    for (size_t i = 0; i < tokens.size() && i < out.size(); ++i) {
        if (!parseFinite(tokens[i], out[i])) {
            bad = notANumber(tokens[i]);
            return false;
        }
    }
    return true;
}

std::string notANumber(std::string_view token) {
    constexpr size_t kShown = 40;
    std::string shown(token.substr(0, kShown));
    if (token.size() > kShown) shown += "...";
    return core::concat("'", shown, "' is not a finite number");
}

std::vector<std::string_view> splitWords(std::string_view line, bool commas) {
    std::vector<std::string_view> words;
    auto isSeparator = [commas](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || (commas && c == ',');
    };
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSeparator(line[i])) ++i;
        const size_t start = i;
        while (i < line.size() && !isSeparator(line[i])) ++i;
        if (i > start) words.push_back(line.substr(start, i - start));
    }
    return words;
}

std::string_view trim(std::string_view text) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool LineReader::next(std::string_view& line) {
    if (mPos >= mText.size()) return false;
    size_t end = mText.find('\n', mPos);
    if (end == std::string_view::npos) end = mText.size();
    line = mText.substr(mPos, end - mPos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    mPos = end + 1;
    ++mNumber;
    return true;
}

bool LineReader::peek(std::string_view& line) const {
    LineReader copy = *this;
    return copy.next(line);
}

glm::dmat3 matrixFromRows(std::span<const double, 9> v) {
    glm::dmat3 m;
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) m[col][row] = v[size_t(row * 3 + col)];
    }
    return m;
}

glm::dmat3 quaternionToMatrix(double w, double x, double y, double z) {
    const double rows[9] = {1 - 2 * (y * y + z * z), 2 * (x * y - w * z),     2 * (x * z + w * y),
                            2 * (x * y + w * z),     1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                            2 * (x * z - w * y),     2 * (y * z + w * x),     1 - 2 * (x * x + y * y)};
    return matrixFromRows(rows);
}

double orthonormalityError(const glm::dmat3& m) {
    const glm::dmat3 p = glm::transpose(m) * m;
    double error = 0.0;
    for (int c = 0; c < 3; ++c) {
        for (int r = 0; r < 3; ++r) error = std::max(error, std::abs(p[c][r] - (r == c ? 1.0 : 0.0)));
    }
    return error;
}

std::string makeRotation(glm::dmat3& m, double tolerance) {
    for (int c = 0; c < 3; ++c) {
        if (!finite(m[c])) return "rotation has a value that is not a finite number";
    }
    const double error = orthonormalityError(m);
    if (!(error <= tolerance)) {
        return core::concat("rotation is not orthonormal (largest error of R^T R - I: ", error, ")");
    }
    if (glm::determinant(m) < 0.0) return "rotation is a reflection (determinant -1)";
    // Newton iterations towards the nearest rotation (polar decomposition); converge
    // quadratically from within the tolerance.
    for (int i = 0; i < 4; ++i) m = 0.5 * (m + glm::inverse(glm::transpose(m)));
    return {};
}

bool decomposeKR(const glm::dmat3& m, glm::dmat3& k, glm::dmat3& r) {
    // Rows of M: m3 = k33 r3; m2 = k22 r2 + k23 r3; m1 = k11 r1 + k12 r2 + k13 r3. Gram-Schmidt
    // from the bottom row up gives K with a positive diagonal.
    const glm::dvec3 m1(m[0][0], m[1][0], m[2][0]);
    const glm::dvec3 m2(m[0][1], m[1][1], m[2][1]);
    const glm::dvec3 m3(m[0][2], m[1][2], m[2][2]);
    if (!finite(m1) || !finite(m2) || !finite(m3)) return false;
    const double k33 = glm::length(m3);
    if (!(k33 > 0.0)) return false;
    const glm::dvec3 r3 = m3 / k33;
    const double k23 = glm::dot(m2, r3);
    const glm::dvec3 r2u = m2 - k23 * r3;
    const double k22 = glm::length(r2u);
    if (!(k22 > 1e-12 * k33)) return false;
    const glm::dvec3 r2 = r2u / k22;
    const double k13 = glm::dot(m1, r3), k12 = glm::dot(m1, r2);
    const glm::dvec3 r1u = m1 - k12 * r2 - k13 * r3;
    const double k11 = glm::length(r1u);
    if (!(k11 > 1e-12 * k33)) return false;
    const glm::dvec3 r1 = r1u / k11;
    const double kRows[9] = {k11, k12, k13, 0.0, k22, k23, 0.0, 0.0, k33};
    const double rRows[9] = {r1.x, r1.y, r1.z, r2.x, r2.y, r2.z, r3.x, r3.y, r3.z};
    k = matrixFromRows(kRows);
    r = matrixFromRows(rRows);
    return true;
}

std::optional<glm::uvec2> probeImageSize(const std::filesystem::path& file, std::string& why) {
    auto info = probePhoto(file);
    if (!info) {
        why = info.error().describe();
        return std::nullopt;
    }
    // Pose files describe the image as stored; probePhoto reports it as displayed.
    const bool turned = info->orientation >= 5 && info->orientation <= 8;
    return turned ? glm::uvec2(info->height, info->width) : glm::uvec2(info->width, info->height);
}

std::filesystem::path findImageByStem(const std::filesystem::path& folder, std::string_view stem) {
    std::error_code ec;
    for (std::string_view ext : kPoseImageExtensions) {
        std::filesystem::path candidate = folder / (std::string(stem) + std::string(ext));
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return {};
}

} // namespace sr::asset::detail
