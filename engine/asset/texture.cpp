#include "asset/texture.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include <stb_image.h>
#include <stb_image_resize.h>

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

} // namespace

core::Result<core::Image8> decodeImage(std::span<const uint8_t> bytes, const std::string& name,
                                       uint64_t maxPixels) {
    if (bytes.empty()) return core::makeError(name, "image file is empty");
    if (bytes.size() > size_t(INT_MAX)) return core::makeError(name, "image file is larger than 2 GiB");
    int width = 0, height = 0, channels = 0;
    // Read the header only, so a small file that declares a huge image is refused before any
    // pixel memory is allocated.
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &width, &height, &channels)) {
        return core::makeError(name, core::concat("not a readable image (", stbi_failure_reason(), ")"));
    }
    if (width <= 0 || height <= 0) return core::makeError(name, "image declares no pixels");
    uint64_t pixels = uint64_t(width) * uint64_t(height);
    if (pixels > maxPixels) {
        return core::makeError(name, core::concat("image declares ", width, "x", height,
                                                  " pixels, more than the limit of ", maxPixels,
                                                  " pixels; refused before decoding"));
    }
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
