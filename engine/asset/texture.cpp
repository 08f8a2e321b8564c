#include "asset/texture.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <string_view>

#include <stb_image.h>
#include <stb_image_resize.h>

#include "asset/exif.h"
#include "core/files.h"
#include "core/log.h"

namespace sr::asset {
namespace {

// Resamples in linear light (sRGB-decoded), alpha-weighted. stb reports failure only for bad
// arguments or allocation failure; the caller treats either as a programmer error or OOM.
core::Image8 resizeSrgb(const core::Image8& source, uint32_t width, uint32_t height) {
    core::Image8 out{width, height};
    int ok = stbir_resize_uint8_srgb(source.pixels.data(), int(source.width), int(source.height), 0,
                                     out.pixels.data(), int(width), int(height), 0, 4, 3, 0);
    if (!ok) throw std::bad_alloc();
    return out;
}

bool startsWith(std::span<const uint8_t> bytes, std::string_view text) {
    return bytes.size() >= text.size() && std::memcmp(bytes.data(), text.data(), text.size()) == 0;
}

// Formats stb_image would decode that textures do not take: no photogrammetry tool writes them,
// and stb's decoders for them are the least exercised. Empty when `bytes` are none of them.
std::string_view refusedFormatName(std::span<const uint8_t> bytes) {
    if (startsWith(bytes, "GIF8")) return "GIF";
    if (startsWith(bytes, "8BPS")) return "Photoshop";
    if (startsWith(bytes, "#?RADIANCE") || startsWith(bytes, "#?RGBE")) return "Radiance HDR";
    if (startsWith(bytes, "\x53\x80\xF6\x34")) return "Softimage PIC";
    // As stb_image's own test: "P5" or "P6" and anything after (it reads "P5455 ..." as PNM too).
    if (startsWith(bytes, "P5") || startsWith(bytes, "P6")) return "PNM";
    return {};
}

// The size a PNG's or a JPEG's own header declares, read without stb_image (which refuses some
// huge JPEG headers with a vague reason). False for other formats and unreadable headers.
bool readDeclaredSize(std::span<const uint8_t> bytes, uint64_t& width, uint64_t& height) {
    if (startsWith(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        if (bytes.size() < 24 || !std::equal(bytes.begin() + 12, bytes.begin() + 16, "IHDR")) return false;
        auto be32 = [&](size_t at) {
            return uint64_t(bytes[at]) << 24 | uint64_t(bytes[at + 1]) << 16 | uint64_t(bytes[at + 2]) << 8 |
                   uint64_t(bytes[at + 3]);
        };
        width = be32(16), height = be32(20);
        return true;
    }
    const JpegHeader header = readJpegHeader(bytes);
    if (header.status != JpegHeader::Status::Ok) return false;
    width = header.width, height = header.height;
    return true;
}

core::Error overLimit(const std::string& name, uint64_t width, uint64_t height, uint64_t maxPixels) {
    return core::makeError(name, core::concat("image declares ", width, "x", height,
                                              " pixels, more than the limit of ", maxPixels,
                                              " pixels; refused before decoding"));
}

} // namespace

core::Result<core::Image8> decodeImage(std::span<const uint8_t> bytes, const std::string& name,
                                       uint64_t maxPixels) {
    if (bytes.empty()) return core::makeError(name, "image file is empty");
    if (bytes.size() > size_t(INT_MAX)) return core::makeError(name, "image file is larger than 2 GiB");
    // stb_image 2.27 reads and writes out of bounds on some malformed JPEGs, and allocates what a
    // PNG chunk declares before reading it: such files never reach it.
    if (std::string hazard = jpegDecoderHazard(bytes); !hazard.empty())
        return core::makeError(name, "cannot decode image (corrupt JPEG: " + hazard + ")");
    if (std::string hazard = core::pngDecoderHazard(bytes); !hazard.empty())
        return core::makeError(name, "cannot decode image (truncated or corrupt PNG: " + hazard + ")");
    if (std::string_view other = refusedFormatName(bytes); !other.empty()) {
        return core::makeError(name, core::concat("unsupported image format ", other,
                                                  "; textures must be PNG, JPEG, TGA or BMP"));
    }
    if (uint64_t w = 0, h = 0; readDeclaredSize(bytes, w, h) && w * h > maxPixels)
        return overLimit(name, w, h, maxPixels);
    int width = 0, height = 0, channels = 0;
    // Read the header only, so a small file that declares a huge image is refused before any
    // pixel memory is allocated.
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &width, &height, &channels)) {
        return core::makeError(name, core::concat("not a readable image (", stbi_failure_reason(), ")"));
    }
    if (width <= 0 || height <= 0) return core::makeError(name, "image declares no pixels");
    uint64_t pixels = uint64_t(width) * uint64_t(height);
    if (pixels > maxPixels) return overLimit(name, uint64_t(width), uint64_t(height), maxPixels);
    stbi_uc* data = stbi_load_from_memory(bytes.data(), int(bytes.size()), &width, &height, &channels, 4);
    if (!data) {
        return core::makeError(name, core::concat("cannot decode image (", stbi_failure_reason(), ")"));
    }
    core::Image8 image;
    try {
        image = core::Image8{uint32_t(width), uint32_t(height)};
    } catch (...) {
        stbi_image_free(data);
        throw;
    }
    std::memcpy(image.pixels.data(), data, image.pixels.size());
    stbi_image_free(data);
    return image;
}

Texture buildTexture(core::Image8 image, const std::string& name, uint32_t maxSize) {
    assert(image.width > 0 && image.height > 0 && maxSize > 0);
    Texture texture;
    texture.name = name;
    if (image.width > maxSize || image.height > maxSize) {
        double scale = double(maxSize) / double(std::max(image.width, image.height));
        uint32_t w = std::clamp(uint32_t(image.width * scale + 0.5), 1u, maxSize);
        uint32_t h = std::clamp(uint32_t(image.height * scale + 0.5), 1u, maxSize);
        core::logWarning("texture ", name, " is ", image.width, "x", image.height,
                         ", larger than the limit of ", maxSize, "; downsampled to ", w, "x", h);
        image = resizeSrgb(image, w, h);
    }
    uint32_t levels = 1;
    for (uint32_t s = std::max(image.width, image.height); s > 1; s /= 2) ++levels;
    texture.mips.reserve(levels);
    texture.mips.push_back(std::move(image));
    while (texture.mips.back().width > 1 || texture.mips.back().height > 1) {
        const core::Image8& previous = texture.mips.back();
        uint32_t w = std::max(1u, previous.width / 2);
        uint32_t h = std::max(1u, previous.height / 2);
        core::Image8 next = resizeSrgb(previous, w, h);
        texture.mips.push_back(std::move(next));
    }
    return texture;
}

core::Result<Texture> loadTexture(const std::filesystem::path& file, uint32_t maxSize, uint64_t maxPixels) {
    std::string name = file.string();
    try {
        auto bytes = core::readFile(file, uint64_t(INT_MAX));
        if (!bytes) return bytes.error();
        auto image = decodeImage(*bytes, name, maxPixels);
        if (!image) return image.error();
        bytes->clear();
        bytes->shrink_to_fit();
        return buildTexture(std::move(*image), name, maxSize);
    } catch (const std::bad_alloc&) {
        return core::makeError(name, "out of memory while loading the texture");
    }
}

} // namespace sr::asset
