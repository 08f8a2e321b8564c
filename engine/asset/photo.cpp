#include "asset/photo.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <system_error>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stb_image.h>
#include <stb_image_resize.h>

#include "asset/exif.h"
#include "core/log.h"

namespace sr::asset {
namespace {

namespace fs = std::filesystem;
using Cancel = const std::atomic<bool>*; // null: cannot be cancelled

// Enough for the header segments of nearly every camera JPEG; probePhoto reads the whole file when not.
constexpr size_t kProbePrefixBytes = size_t(1) << 20;
// Threads resampling the smaller levels of one photo (the largest level dominates load time).
constexpr unsigned kMaxBuildThreads = 4;

bool isCancelled(Cancel cancel) { return cancel && cancel->load(std::memory_order_relaxed); }

uint32_t readBe32(const uint8_t* p) { return uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

// Refuses an empty file and one over the file size limit (and over what stb_image can take).
core::Status checkFileBytes(const std::string& name, uint64_t fileBytes, const PhotoLimits& limits) {
    if (fileBytes == 0) return core::makeError(name, "photo file is empty");
    const uint64_t limit = std::min<uint64_t>(limits.maxFileBytes, INT_MAX);
    if (fileBytes > limit) {
        return core::makeError(
            name, core::concat("photo file is ", fileBytes, " bytes, over the limit of ", limit, " bytes"));
    }
    return {};
}

// Reads at most `maxBytes` from the start of `path`; `fileBytes` receives the whole file's size.
core::Result<std::vector<uint8_t>> readStart(const fs::path& path, const PhotoLimits& limits,
                                             uint64_t maxBytes, uint64_t& fileBytes) {
    const std::string name = path.string();
    std::error_code ec;
    if (!fs::exists(path, ec) && !ec) return core::makeError(name, "photo not found");
    FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0)
        return core::makeError(name, core::concat("cannot open the photo: ", std::strerror(errno)));
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode))
        return core::makeError(name, "not a regular file");
    fileBytes = uint64_t(st.st_size);
    if (core::Status size = checkFileBytes(name, fileBytes, limits); !size) return size.error();
    std::vector<uint8_t> bytes(size_t(std::min(fileBytes, maxBytes)));
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(file.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            return core::makeError(name, core::concat("cannot read the photo: ", std::strerror(errno)));
        if (n == 0) break;
        done += size_t(n);
    }
    bytes.resize(done);
    return bytes;
}

bool startsWith(std::span<const uint8_t> bytes, size_t offset, std::string_view text) {
    return bytes.size() >= offset + text.size() &&
           std::memcmp(bytes.data() + offset, text.data(), text.size()) == 0;
}

// Names well-known image formats other than JPEG and PNG by their signatures; empty when unknown.
std::string_view otherFormatName(std::span<const uint8_t> bytes) {
    if (startsWith(bytes, 0, "GIF8")) return "GIF";
    if (startsWith(bytes, 0, "BM")) return "BMP";
    if (startsWith(bytes, 0, std::string_view("II*\0", 4)) ||
        startsWith(bytes, 0, std::string_view("MM\0*", 4))) {
        return "TIFF (or camera raw)";
    }
    if (startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP")) return "WebP";
    if (startsWith(bytes, 4, "ftyp")) return "HEIF/AVIF";
    if (startsWith(bytes, 0, "8BPS")) return "Photoshop";
    if (startsWith(bytes, 0, "#?RADIANCE") || startsWith(bytes, 0, "#?RGBE")) return "Radiance HDR";
    if (startsWith(bytes, 0, "\x76\x2F\x31\x01")) return "OpenEXR";
    if (startsWith(bytes, 0, "\xFF\x0A") || startsWith(bytes, 4, "jP  ") || startsWith(bytes, 4, "JXL ")) {
        return "JPEG 2000 / JPEG XL";
    }
    return {};
}

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};

enum class HeaderRead { Ok, NeedMore, Failed };

// Reads the stored size (and orientation) from a JPEG's or PNG's own header, so the pixel budget
// is checked, and the size reported, before stb_image is asked anything.
HeaderRead readSize(std::span<const uint8_t> bytes, bool whole, PhotoInfo& info, uint32_t& w, uint32_t& h,
                    core::Error& error) {
    if (info.format == "JPEG") {
        const JpegHeader header = readJpegHeader(bytes);
        if (header.status == JpegHeader::Status::Truncated) {
            if (!whole) return HeaderRead::NeedMore;
            error.message = "truncated JPEG: the file ends before its frame header";
            return HeaderRead::Failed;
        }
        if (header.status != JpegHeader::Status::Ok) {
            error.message = "corrupt JPEG: unreadable marker segments before the frame header";
            return HeaderRead::Failed;
        }
        w = header.width, h = header.height, info.orientation = header.orientation;
        return HeaderRead::Ok;
    }
    if (bytes.size() < 33) { // signature, IHDR length, type, 13 bytes of data, CRC
        error.message = "truncated PNG: the file ends inside its header";
        return HeaderRead::Failed;
    }
    w = readBe32(&bytes[16]), h = readBe32(&bytes[20]);
    if (!startsWith(bytes, 12, "IHDR") || w == 0 || h == 0 || w > INT_MAX || h > INT_MAX) {
        error.message = "corrupt PNG: no valid IHDR header";
        return HeaderRead::Failed;
    }
    return HeaderRead::Ok;
}

// Probes the start of a photo's bytes (the whole file when `whole`).
core::Result<PhotoInfo> probeBytes(std::span<const uint8_t> bytes, bool whole, uint64_t fileBytes,
                                   const std::string& name, const PhotoLimits& limits, bool& needMore) {
    needMore = false;
    PhotoInfo info;
    info.fileBytes = fileBytes;
    if (startsWith(bytes, 0, "\xFF\xD8\xFF"))
        info.format = "JPEG";
    else if (startsWith(bytes, 0, kPngSignature))
        info.format = "PNG";
    else if (auto other = otherFormatName(bytes); !other.empty()) {
        return core::makeError(
            name, core::concat("unsupported image format ", other, "; photos must be JPEG or PNG"));
    } else {
        return core::makeError(name,
                               "not an image: not a JPEG or PNG file (it starts with neither signature)");
    }
    core::Error error{name, {}};
    uint32_t w = 0, h = 0;
    const HeaderRead read = readSize(bytes, whole, info, w, h, error);
    if (read == HeaderRead::NeedMore) needMore = true;
    if (read != HeaderRead::Ok) return error;
    const uint64_t pixels = uint64_t(w) * h;
    if (pixels > limits.maxPixels) {
        return core::makeError(name, core::concat("photo is ", w, " x ", h, " pixels (", pixels / 1'000'000,
                                                  " megapixels), over the limit of ", limits.maxPixels,
                                                  " pixels; refused before decoding"));
    }
    // stb_image 2.27 reads and writes out of bounds on some malformed JPEGs: they never reach it.
    if (info.format == "JPEG") {
        if (std::string hazard = jpegDecoderHazard(bytes); !hazard.empty())
            return core::makeError(name, "corrupt JPEG: " + hazard);
    }
    int sw = 0, sh = 0, channels = 0;
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &sw, &sh, &channels) || uint32_t(sw) != w ||
        uint32_t(sh) != h) {
        return core::makeError(name, core::concat("corrupt or unsupported ", info.format, " header (",
                                                  stbi_failure_reason(), ")"));
    }
    orientedSize(w, h, info.orientation, info.width, info.height);
    return info;
}

// Whether a PNG's chunks run on to an IEND chunk.
bool pngHasEnd(std::span<const uint8_t> bytes) {
    size_t pos = kPngSignature.size();
    while (bytes.size() - pos >= 12) {
        const uint32_t length = readBe32(&bytes[pos]);
        if (startsWith(bytes, pos + 4, "IEND")) return true;
        if (bytes.size() - pos - 12 < length) return false;
        pos += 12 + size_t(length);
    }
    return false;
}

// Returns the physical memory of the whole pages inside [begin, end) to the system. The caller
// has copied those pixels into tiles and never reads them again (the pages would read as zero).
void releasePages(const uint8_t* begin, const uint8_t* end) {
#ifdef __linux__
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const uintptr_t first = (uintptr_t(begin) + page - 1) / page * page;
    const uintptr_t last = uintptr_t(end) / page * page;
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#else
    (void)begin, (void)end;
#endif
}

} // namespace

// Builds pyramid levels; a class only so it may reach PhotoPyramid::Level.
class PhotoPyramidBuilder {
public:
    using Level = PhotoPyramid::Level;

    static Level makeLevel(uint32_t width, uint32_t height) {
        Level level;
        level.width = width, level.height = height;
        level.tilesX = (width + kPhotoTileSize - 1) / kPhotoTileSize;
        level.tilesY = (height + kPhotoTileSize - 1) / kPhotoTileSize;
        level.tiles.resize(size_t(level.tilesX) * level.tilesY);
        return level;
    }

    static core::Image8 makeTile(const Level& level, uint32_t tx, uint32_t ty) {
        return core::Image8{std::min(kPhotoTileSize, level.width - tx * kPhotoTileSize),
                            std::min(kPhotoTileSize, level.height - ty * kPhotoTileSize)};
    }

    // Cuts stored pixels into the displayed level 0 one line of tiles at a time: rows of tiles for
    // orientations 1-4, columns for 5-8, so each line reads one band of stored rows. With
    // `releaseBands`, each band's memory goes back to the system once its line is cut.
    static bool cutLevel0(std::span<const uint8_t> stored, uint32_t w, uint32_t h, int orientation,
                          bool releaseBands, Cancel cancel, Level& level) {
        uint32_t dw = 0, dh = 0;
        orientedSize(w, h, orientation, dw, dh);
        level = makeLevel(dw, dh);
        const bool columns = orientation >= 5 && orientation <= 8;
        const bool bottomUp = orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7;
        const uint32_t lines = columns ? level.tilesX : level.tilesY;
        const uint32_t across = columns ? level.tilesY : level.tilesX;
        for (uint32_t line = 0; line < lines; ++line) {
            if (isCancelled(cancel)) return false;
            for (uint32_t i = 0; i < across; ++i) {
                const uint32_t tx = columns ? line : i, ty = columns ? i : line;
                core::Image8 tile = makeTile(level, tx, ty);
                copyOrientedRegion(stored, w, h, orientation, tx * kPhotoTileSize, ty * kPhotoTileSize, tile);
                level.tiles[size_t(ty) * level.tilesX + tx] = std::move(tile);
            }
            if (!releaseBands) continue;
            const uint32_t a = line * kPhotoTileSize, b = std::min(a + kPhotoTileSize, h);
            const uint32_t rowBegin = bottomUp ? h - b : a, rowEnd = bottomUp ? h - a : b;
            const size_t rowBytes = size_t(w) * 4;
            releasePages(stored.data() + rowBegin * rowBytes, stored.data() + rowEnd * rowBytes);
        }
        return true;
    }

    // Copies the rectangle (x, y, w, h) of a level out of its tiles.
    static core::Image8 gather(const Level& level, uint32_t x, uint32_t y, uint32_t w, uint32_t h) {
        core::Image8 out{w, h};
        for (uint32_t row = 0; row < h; ++row) {
            const uint32_t ly = y + row, ty = ly / kPhotoTileSize;
            for (uint32_t lx = x; lx < x + w;) {
                const uint32_t tx = lx / kPhotoTileSize;
                const core::Image8& tile = level.tiles[size_t(ty) * level.tilesX + tx];
                const uint32_t tileX = lx - tx * kPhotoTileSize;
                const uint32_t count = std::min(tile.width - tileX, x + w - lx);
                std::memcpy(out.at(lx - x, row), tile.at(tileX, ly - ty * kPhotoTileSize), size_t(count) * 4);
                lx += count;
            }
        }
        return out;
    }

    // One tile of the next level: the source rectangle plus a margin wider than the filter, so
    // the result equals resampling the whole level at once (no seams between tiles).
    static core::Image8 downsampleTile(const Level& source, const Level& target, uint32_t tx, uint32_t ty) {
        core::Image8 tile = makeTile(target, tx, ty);
        const float xScale = float(target.width) / float(source.width);
        const float yScale = float(target.height) / float(source.height);
        const uint32_t x0 = tx * kPhotoTileSize, y0 = ty * kPhotoTileSize;
        auto patchRange = [](uint32_t from, uint32_t count, float scale, uint32_t limit, uint32_t& begin) {
            const double margin = std::ceil(3.0 / scale) + 2.0; // the filter reaches 2 / scale
            begin = uint32_t(std::max(0.0, std::floor(from / scale - margin)));
            const double end = std::min(double(limit), std::ceil((from + count) / scale + margin));
            return uint32_t(end) - begin;
        };
        uint32_t px = 0, py = 0;
        const uint32_t pw = patchRange(x0, tile.width, xScale, source.width, px);
        const uint32_t ph = patchRange(y0, tile.height, yScale, source.height, py);
        const core::Image8 patch = gather(source, px, py, pw, ph);
        const int ok = stbir_resize_subpixel(
            patch.pixels.data(), int(pw), int(ph), 0, tile.pixels.data(), int(tile.width), int(tile.height),
            0, STBIR_TYPE_UINT8, 4, 3, 0, STBIR_EDGE_CLAMP, STBIR_EDGE_CLAMP, STBIR_FILTER_DEFAULT,
            STBIR_FILTER_DEFAULT, STBIR_COLORSPACE_SRGB, nullptr, xScale, yScale,
            float(x0) - float(px) * xScale, float(y0) - float(py) * yScale);
        if (!ok) throw std::bad_alloc(); // only bad arguments (a bug) or no memory
        return tile;
    }

    // Resamples every tile of `next` from `source`, the tiles shared among a few threads. Each
    // tile is computed alone, so the result does not depend on the number of threads.
    static bool downsampleLevel(const Level& source, Level& next, Cancel cancel) {
        std::atomic<size_t> nextTile{0};
        std::atomic<bool> outOfMemory{false};
        auto work = [&] {
            try {
                for (size_t i; (i = nextTile++) < next.tiles.size();) {
                    if (isCancelled(cancel) || outOfMemory) return;
                    next.tiles[i] =
                        downsampleTile(source, next, uint32_t(i % next.tilesX), uint32_t(i / next.tilesX));
                }
            } catch (const std::bad_alloc&) {
                outOfMemory = true;
            }
        };
        {
            const size_t threads = std::min<size_t>(
                std::clamp(std::thread::hardware_concurrency(), 1u, kMaxBuildThreads), next.tiles.size());
            std::vector<std::jthread> helpers;
            helpers.reserve(threads);
            try {
                for (size_t i = 1; i < threads; ++i) helpers.emplace_back(work);
            } catch (const std::system_error&) {
                // Fewer helpers than asked for: the work is shared among those that started.
            }
            work();
        } // joins the helpers
        if (outOfMemory) throw std::bad_alloc();
        return !isCancelled(cancel);
    }

    static bool addLevels(PhotoPyramid& pyramid, Cancel cancel) {
        for (;;) {
            const Level& source = pyramid.mLevels.back();
            if (std::max(source.width, source.height) <= kPhotoCoarsestSide) return true;
            Level next = makeLevel(std::max(1u, source.width / 2), std::max(1u, source.height / 2));
            if (!downsampleLevel(source, next, cancel)) return false;
            pyramid.mLevels.push_back(std::move(next));
        }
    }

    static void addLevel(PhotoPyramid& pyramid, Level level) { pyramid.mLevels.push_back(std::move(level)); }
};

PhotoPyramid PhotoPyramid::fromImage(const core::Image8& image) {
    assert(image.width > 0 && image.height > 0);
    PhotoPyramid pyramid;
    PhotoPyramidBuilder::Level level;
    PhotoPyramidBuilder::cutLevel0(image.pixels, image.width, image.height, 1, false, nullptr, level);
    pyramid.mLevels.push_back(std::move(level));
    PhotoPyramidBuilder::addLevels(pyramid, nullptr);
    return pyramid;
}

const PhotoPyramid::Level& PhotoPyramid::levelAt(uint32_t level) const {
    assert(level < mLevels.size());
    return mLevels[level];
}

const core::Image8& PhotoPyramid::tile(uint32_t level, uint32_t tx, uint32_t ty) const {
    const Level& l = levelAt(level);
    assert(tx < l.tilesX && ty < l.tilesY);
    return l.tiles[size_t(ty) * l.tilesX + tx];
}

uint64_t PhotoPyramid::memoryBytes() const {
    uint64_t bytes = 0;
    for (const Level& level : mLevels) {
        for (const core::Image8& tile : level.tiles) bytes += tile.pixels.size();
    }
    return bytes;
}

uint32_t PhotoPyramid::levelForScale(float displayPixelsPerPhotoPixel) const {
    if (mLevels.empty()) return 0;
    const uint32_t coarsest = levelCount() - 1;
    const double scale = displayPixelsPerPhotoPixel;
    if (!(scale > 0.0) || !std::isfinite(scale)) return coarsest;
    const double fullSide = std::max(mLevels[0].width, mLevels[0].height);
    for (uint32_t level = coarsest; level > 0; --level) {
        const double levelScale = std::max(mLevels[level].width, mLevels[level].height) / fullSide;
        // 1% slack: halving rounds odd sizes down, which should not push a level out.
        if (levelScale * 1.01 >= scale) return level;
    }
    return 0;
}

core::Image8 PhotoPyramid::overview(uint32_t maxSide) const {
    assert(maxSide >= 1);
    if (mLevels.empty()) return {};
    for (const Level& level : mLevels) {
        if (std::max(level.width, level.height) <= maxSide) {
            return PhotoPyramidBuilder::gather(level, 0, 0, level.width, level.height);
        }
    }
    const Level& coarsest = mLevels.back();
    const core::Image8 whole = PhotoPyramidBuilder::gather(coarsest, 0, 0, coarsest.width, coarsest.height);
    const double scale = double(maxSide) / std::max(coarsest.width, coarsest.height);
    core::Image8 out{std::clamp(uint32_t(coarsest.width * scale + 0.5), 1u, maxSide),
                     std::clamp(uint32_t(coarsest.height * scale + 0.5), 1u, maxSide)};
    if (!stbir_resize_uint8_srgb(whole.pixels.data(), int(whole.width), int(whole.height), 0,
                                 out.pixels.data(), int(out.width), int(out.height), 0, 4, 3, 0)) {
        throw std::bad_alloc();
    }
    return out;
}

core::Result<PhotoInfo> probePhoto(const fs::path& path, const PhotoLimits& limits) {
    const std::string name = path.string();
    try {
        for (uint64_t prefix = kProbePrefixBytes;; prefix = UINT64_MAX) {
            uint64_t fileBytes = 0;
            auto bytes = readStart(path, limits, prefix, fileBytes);
            if (!bytes) return bytes.error();
            const bool whole = bytes->size() == fileBytes;
            bool needMore = false;
            auto info = probeBytes(*bytes, whole, fileBytes, name, limits, needMore);
            if (info || !needMore) return info;
        }
    } catch (const std::bad_alloc&) {
        return core::makeError(name, "out of memory while reading the photo's header");
    }
}

namespace {

using stbiPixels = std::unique_ptr<stbi_uc, decltype(&stbi_image_free)>;

// Decodes the file's bytes (which it frees as soon as they are decoded).
core::Result<stbiPixels> decodePhoto(std::vector<uint8_t>& bytes, const PhotoInfo& info,
                                     const std::string& name, uint32_t& w, uint32_t& h) {
    const bool complete = info.format == "JPEG" ? jpegHasEndMarker(bytes) : pngHasEnd(bytes);
    if (!complete) {
        return core::makeError(name,
                               core::concat("truncated ", info.format, ": the file ends before the end of ",
                                            "the image (", info.fileBytes, " bytes)"));
    }
    int sw = 0, sh = 0, channels = 0;
    stbiPixels pixels{stbi_load_from_memory(bytes.data(), int(bytes.size()), &sw, &sh, &channels, 4),
                      &stbi_image_free};
    if (!pixels) {
        return core::makeError(
            name, core::concat("cannot decode the ", info.format, " (", stbi_failure_reason(), ")"));
    }
    std::vector<uint8_t>().swap(bytes);
    uint32_t dw = 0, dh = 0;
    w = uint32_t(sw), h = uint32_t(sh);
    orientedSize(w, h, info.orientation, dw, dh);
    if (dw != info.width || dh != info.height) {
        return core::makeError(name, "the decoded size differs from the size in the header");
    }
    return pixels;
}

// Probes, decodes (freeing `bytes`, the whole file) and builds the pyramid; `start` is when the
// load began, for the log.
core::Result<PhotoPyramid> loadFromBytes(std::vector<uint8_t>& bytes, const std::string& name,
                                         const PhotoLimits& limits, Cancel cancel,
                                         std::chrono::steady_clock::time_point start) {
    bool needMore = false;
    auto info = probeBytes(bytes, true, bytes.size(), name, limits, needMore);
    if (!info) return info.error();
    uint32_t w = 0, h = 0;
    auto pixels = decodePhoto(bytes, *info, name, w, h);
    if (!pixels) return pixels.error();
    PhotoPyramidBuilder::Level level0;
    std::span<const uint8_t> stored{pixels->get(), size_t(w) * h * 4};
    if (!PhotoPyramidBuilder::cutLevel0(stored, w, h, info->orientation, true, cancel, level0)) {
        return core::makeError(name, std::string(detail::kCancelledMessage));
    }
    pixels->reset();
    PhotoPyramid pyramid;
    PhotoPyramidBuilder::addLevel(pyramid, std::move(level0));
    if (!PhotoPyramidBuilder::addLevels(pyramid, cancel))
        return core::makeError(name, std::string(detail::kCancelledMessage));
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    core::logInfo("loaded photo ", name, " (", info->width, "x", info->height, ", orientation ",
                  info->orientation, ", ", pyramid.levelCount(), " levels, ", pyramid.memoryBytes() >> 20,
                  " MiB) in ", int(ms), " ms");
    return pyramid;
}

} // namespace

core::Result<PhotoPyramid> detail::loadPhotoCancellable(const fs::path& path, const PhotoLimits& limits,
                                                        const std::atomic<bool>* cancel) {
    const auto start = std::chrono::steady_clock::now();
    uint64_t fileBytes = 0;
    auto bytes = readStart(path, limits, UINT64_MAX, fileBytes);
    if (!bytes) return bytes.error();
    return loadFromBytes(*bytes, path.string(), limits, cancel, start);
}

core::Result<PhotoInfo> probePhotoBytes(std::span<const uint8_t> bytes, const std::string& name,
                                        const PhotoLimits& limits) {
    try {
        if (core::Status size = checkFileBytes(name, bytes.size(), limits); !size) return size.error();
        bool needMore = false;
        return probeBytes(bytes, true, bytes.size(), name, limits, needMore);
    } catch (const std::bad_alloc&) {
        return core::makeError(name, "out of memory while reading the photo's header");
    }
}

core::Result<PhotoPyramid> loadPhotoBytes(std::vector<uint8_t> bytes, const std::string& name,
                                          const PhotoLimits& limits) {
    try {
        if (core::Status size = checkFileBytes(name, bytes.size(), limits); !size) return size.error();
        return loadFromBytes(bytes, name, limits, nullptr, std::chrono::steady_clock::now());
    } catch (const std::bad_alloc&) {
        return core::makeError(name, "out of memory while loading the photo");
    }
}

core::Result<PhotoPyramid> loadPhoto(const fs::path& path, const PhotoLimits& limits) {
    try {
        return detail::loadPhotoCancellable(path, limits, nullptr);
    } catch (const std::bad_alloc&) {
        return core::makeError(path.string(), "out of memory while loading the photo");
    }
}

} // namespace sr::asset
