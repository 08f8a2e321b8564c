// Fuzz target: every path that takes untrusted image bytes. Photographs for the lightbox
// (asset/photo.h: probe, decode, EXIF orientation, pyramid), the JPEG structure reader
// (asset/exif.h), texture decoding and mip building of the importer and the exhibit checker
// (asset/texture.h), and the PNG reader of cached thumbnails (core/image.h). The photo probe runs
// with the product's limits, and a photo is decoded only when its declared size is at most
// kMaxDecodePixels; textures and thumbnails are decoded with that as their pixel limit, which
// their own header checks enforce before decoding. So each run stays fast: larger images take the
// same code with larger buffers. The harness never calls stb_image itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "asset/exif.h"
#include "asset/photo.h"
#include "asset/texture.h"
#include "core/image.h"
#include "core/log.h"

namespace {
using namespace sr;

constexpr uint64_t kMaxDecodePixels = uint64_t(1) << 18;

void usePhoto(std::span<const uint8_t> bytes) {
    auto info = asset::probePhotoBytes(bytes, "fuzz-photo");
    if (!info || uint64_t(info->width) * info->height > kMaxDecodePixels) return;
    auto pyramid = asset::loadPhotoBytes(std::vector<uint8_t>(bytes.begin(), bytes.end()), "fuzz-photo");
    if (!pyramid) return;
    // The photo decoded as its header said: the pyramid has that size.
    if (pyramid->levelCount() == 0 || pyramid->width(0) != info->width || pyramid->height(0) != info->height)
        __builtin_trap();
    const uint32_t last = pyramid->levelCount() - 1;
    (void)pyramid->tile(last, pyramid->tilesX(last) - 1, pyramid->tilesY(last) - 1);
    (void)pyramid->levelForScale(0.3f);
    (void)pyramid->overview(64);
    (void)pyramid->memoryBytes();
}

void useTexture(std::span<const uint8_t> bytes) {
    auto image = asset::decodeImage(bytes, "fuzz-texture", kMaxDecodePixels);
    if (!image) return;
    if (image->width == 0 || image->height == 0) __builtin_trap();
    // A small size limit takes the downsampling path too.
    (void)asset::buildTexture(std::move(*image), "fuzz-texture", 16);
}

void useThumbnail(std::span<const uint8_t> bytes) {
    auto image = core::decodePng(bytes, "fuzz-thumbnail.png", kMaxDecodePixels);
    if (image && image->pixels.size() != size_t(image->width) * image->height * 4) __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Quiet unless SR_FUZZ_VERBOSE is set (to read the log of one input).
    core::setLogQuiet(std::getenv("SR_FUZZ_VERBOSE") == nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    const asset::JpegHeader header = asset::readJpegHeader(bytes);
    const int orientation = asset::readExifOrientation(bytes);
    if (orientation < 1 || orientation > 8) __builtin_trap();
    (void)asset::jpegHasEndMarker(bytes);
    if (header.status == asset::JpegHeader::Status::Ok && (header.orientation < 1 || header.orientation > 8))
        __builtin_trap();
    usePhoto(bytes);
    useTexture(bytes);
    useThumbnail(bytes);
    return 0;
}
