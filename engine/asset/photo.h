#pragma once
// The photographer's detail photographs (JPEG/PNG, up to ~100 megapixels) for the lightbox: a
// header-only probe, and a tiled pyramid so a viewer can show the whole photo at once and zoom to
// 1:1 pixels uploading only the tiles on screen.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/image.h"
#include "core/result.h"

namespace sr::asset {

// Side of a pyramid tile in pixels; tiles on the right and bottom edges are smaller.
inline constexpr uint32_t kPhotoTileSize = 512;
// The coarsest pyramid level is the first whose longer side is at most this.
inline constexpr uint32_t kPhotoCoarsestSide = 256;

// What a photo may cost before it is refused.
struct PhotoLimits {
    uint64_t maxPixels = 120'000'000;            // width * height as declared by the header
    uint64_t maxFileBytes = uint64_t(512) << 20; // size of the file on disk
};

struct PhotoInfo {
    uint32_t width = 0;  // as displayed, after EXIF orientation
    uint32_t height = 0; // as displayed
    int orientation = 1; // EXIF orientation 1..8 (1 for PNG and for JPEG without one)
    std::string format;  // "JPEG" or "PNG"
    uint64_t fileBytes = 0;
};

// Reads only the start of the file (its header) and checks it against `limits`. Fails with the
// path and the reason: not found, unreadable, empty, over the file size limit, not an image,
// an image format other than JPEG or PNG, a header cut short (truncated), a corrupt header, or
// more pixels than `limits.maxPixels` (the message gives the declared size and the limit).
// Thread-safe; never throws.
core::Result<PhotoInfo> probePhoto(const std::filesystem::path& path, const PhotoLimits& limits = {});

// A photo as displayed (EXIF orientation applied) at several resolutions. Level 0 is full size;
// each next level is half the size of the one before (rounded down, at least 1 pixel), resampled
// in linear light (sRGB-decoded, alpha-weighted, seamless across tiles); the last level is the
// first whose longer side is at most kPhotoCoarsestSide. Each level is cut into tiles of
// kPhotoTileSize pixels, RGBA8 sRGB, row-major, tile (0, 0) at the top left. Move-only (a 100 MP
// photo holds about half a gigabyte). Const methods are safe to call from several threads.
class PhotoPyramid {
public:
    PhotoPyramid() = default; // empty: levelCount() == 0
    PhotoPyramid(PhotoPyramid&&) noexcept = default;
    PhotoPyramid& operator=(PhotoPyramid&&) noexcept = default;
    PhotoPyramid(const PhotoPyramid&) = delete;
    PhotoPyramid& operator=(const PhotoPyramid&) = delete;

    // Builds the pyramid of an image that is already as displayed (non-empty; asserted). Throws
    // std::bad_alloc when memory runs out.
    static PhotoPyramid fromImage(const core::Image8& image);

    uint32_t levelCount() const { return uint32_t(mLevels.size()); }
    // Size of `level` in pixels (level < levelCount(), asserted).
    uint32_t width(uint32_t level) const { return levelAt(level).width; }
    uint32_t height(uint32_t level) const { return levelAt(level).height; }
    uint32_t tilesX(uint32_t level) const { return levelAt(level).tilesX; }
    uint32_t tilesY(uint32_t level) const { return levelAt(level).tilesY; }
    // Tile (tx, ty) of `level`: covers pixels from (tx, ty) * kPhotoTileSize, clipped to the level.
    // The reference lives as long as the pyramid. Indices out of range are asserted.
    const core::Image8& tile(uint32_t level, uint32_t tx, uint32_t ty) const;
    // Bytes of pixel memory held by all tiles of all levels.
    uint64_t memoryBytes() const;

    // The level to draw when one photo pixel (of level 0) covers `displayPixelsPerPhotoPixel`
    // screen pixels: the coarsest level that still has at least as many pixels as the screen
    // shows (so nothing is magnified from a coarser level), level 0 from a scale of 1 up, and the
    // coarsest level for tiny, zero, negative or non-finite scales. Empty pyramid: 0.
    uint32_t levelForScale(float displayPixelsPerPhotoPixel) const;

    // The whole photo as one image for fit-to-screen, longer side at most `maxSide` (>= 1,
    // asserted): the finest level that fits, stitched from its tiles; when even the coarsest
    // level is larger, that level resampled to fit. Empty pyramid: an empty image.
    core::Image8 overview(uint32_t maxSide) const;

private:
    friend class PhotoPyramidBuilder;
    struct Level {
        uint32_t width = 0, height = 0, tilesX = 0, tilesY = 0;
        std::vector<core::Image8> tiles; // row-major, tilesX * tilesY
    };
    const Level& levelAt(uint32_t level) const;

    std::vector<Level> mLevels;
};

// Reads, probes (see probePhoto), decodes, orients and builds the pyramid of a photo. Peak memory
// is about the decoded photo plus the pyramid's smaller levels: the decoded pixels are cut into
// level-0 tiles band by band and each band's memory is returned as soon as it is cut. Fails with
// the path and the reason (as probePhoto, and: truncated file, undecodable data, out of memory).
// Deterministic; thread-safe (several photos may load at once); never throws.
core::Result<PhotoPyramid> loadPhoto(const std::filesystem::path& path, const PhotoLimits& limits = {});

// probePhoto and loadPhoto over the whole of a photo file's bytes, already in memory: the same
// checks, limits and errors, with `name` in place of the path. loadPhotoBytes frees `bytes` once
// they are decoded. Thread-safe; never throw.
core::Result<PhotoInfo> probePhotoBytes(std::span<const uint8_t> bytes, const std::string& name,
                                        const PhotoLimits& limits = {});
core::Result<PhotoPyramid> loadPhotoBytes(std::vector<uint8_t> bytes, const std::string& name,
                                          const PhotoLimits& limits = {});

namespace detail {
// The error message of a load stopped by cancellation.
inline constexpr std::string_view kCancelledMessage = "loading cancelled";
// loadPhoto that stops at the next tile or level once `*cancel` is true (then an Error with
// kCancelledMessage); `cancel` may be null. Used by PhotoLoader.
core::Result<PhotoPyramid> loadPhotoCancellable(const std::filesystem::path& path, const PhotoLimits& limits,
                                                const std::atomic<bool>* cancel);
} // namespace detail

// One photo being loaded by a PhotoLoader. Methods are thread-safe.
class PhotoRequest {
public:
    explicit PhotoRequest(std::filesystem::path path) : mPath(std::move(path)) {}

    const std::filesystem::path& path() const { return mPath; }
    // True once the result (pyramid or error) is available; never goes back to false.
    bool ready() const { return mReady.load(std::memory_order_acquire); }
    // Blocks the calling thread until ready().
    void wait() const;
    // The result, once: requires ready() (asserted; an error when not). A second call returns an
    // error.
    core::Result<PhotoPyramid> take();
    // Asks the loader to stop: a queued request never starts; a running one stops at the next
    // tile or level (a decode in progress runs to its end). The result becomes an error.
    void cancel() { mCancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return mCancelled.load(std::memory_order_relaxed); }

private:
    friend class PhotoLoader;
    void finish(core::Result<PhotoPyramid> result);

    std::filesystem::path mPath;
    std::atomic<bool> mCancelled{false};
    std::atomic<bool> mReady{false};
    mutable std::mutex mMutex;
    mutable std::condition_variable mDone;
    std::optional<core::Result<PhotoPyramid>> mResult;
};

// Loads photos on one worker thread of its own, in request order, one at a time (so memory stays
// bounded to one photo in flight). Create, request and destroy from one thread; the requests
// themselves may be polled from any thread. Destruction cancels what is queued or running and
// joins the worker (waiting for at most one decode in progress).
class PhotoLoader {
public:
    explicit PhotoLoader(PhotoLimits limits = {});
    ~PhotoLoader();
    PhotoLoader(const PhotoLoader&) = delete;
    PhotoLoader& operator=(const PhotoLoader&) = delete;

    // Queues `path`. The request stays valid after the loader is gone (then cancelled and ready).
    std::shared_ptr<PhotoRequest> request(const std::filesystem::path& path);

private:
    void run(std::stop_token stop);

    PhotoLimits mLimits;
    std::mutex mMutex;
    std::condition_variable_any mWake;
    std::deque<std::shared_ptr<PhotoRequest>> mQueue;
    std::shared_ptr<PhotoRequest> mCurrent; // the request being loaded, if any
    std::jthread mWorker;                   // last: started after, and joined before, the members above go
};

} // namespace sr::asset
