#include "core/image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/files.h"
#include "core/log.h"

namespace sr::core {

float linearToSrgb(float linear) {
    const float c = std::clamp(linear, 0.0f, 1.0f);
    return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

Status writePng(const std::filesystem::path& path, const Image8& image) {
    if (image.width == 0 || image.height == 0) return makeError(path.string(), "cannot write an empty image");
    if (image.pixels.size() != size_t(image.width) * image.height * 4) {
        return makeError(path.string(), "image has the wrong number of pixels for its size");
    }
    std::vector<uint8_t> png;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    if (!stbi_write_png_to_func(append, &png, int(image.width), int(image.height), 4, image.pixels.data(),
                                int(image.width * 4))) {
        return makeError(path.string(), "PNG encoding failed");
    }
    return writeFileAtomic(path, png);
}

Result<Image8> readPng(const std::filesystem::path& path) {
    // stb_image takes an int length; no PNG we read comes near 2 GiB.
    auto bytes = readFile(path, uint64_t(1) << 30);
    if (!bytes) return bytes.error();
    return decodePng(*bytes, path.string());
}

namespace {
constexpr uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

bool isPng(std::span<const uint8_t> bytes) {
    return bytes.size() >= sizeof kPngSignature &&
           std::equal(kPngSignature, kPngSignature + 8, bytes.begin());
}
} // namespace

std::string pngDecoderHazard(std::span<const uint8_t> bytes) {
    if (!isPng(bytes)) return {};
    // Each chunk: length (4 bytes, big-endian), type (4), data, CRC (4).
    for (size_t pos = sizeof kPngSignature; bytes.size() - pos >= 12;) {
        const uint32_t length = uint32_t(bytes[pos]) << 24 | uint32_t(bytes[pos + 1]) << 16 |
                                uint32_t(bytes[pos + 2]) << 8 | uint32_t(bytes[pos + 3]);
        if (std::equal(bytes.begin() + long(pos) + 4, bytes.begin() + long(pos) + 8, "IEND")) return {};
        if (length > bytes.size() - pos - 12)
            return concat("a chunk declares ", length, " bytes, more than the file holds after it");
        pos += 12 + size_t(length);
    }
    return {};
}

Result<Image8> decodePng(std::span<const uint8_t> bytes, const std::string& name, uint64_t maxPixels) {
    // Only PNG reaches stb_image: its decoders of other formats are not ours to trust here.
    if (!isPng(bytes)) return makeError(name, "cannot decode image: not a PNG file");
    if (std::string hazard = pngDecoderHazard(bytes); !hazard.empty())
        return makeError(name, "cannot decode image: truncated or corrupt PNG: " + hazard);
    if (bytes.size() > size_t(INT_MAX)) return makeError(name, "cannot decode image: larger than 2 GiB");
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &w, &h, &comp))
        return makeError(name, concat("cannot decode image: ", stbi_failure_reason()));
    if (uint64_t(w) * uint64_t(h) > maxPixels) {
        return makeError(
            name, concat("cannot decode image: ", w, "x", h, " pixels, more than the limit of ", maxPixels));
    }
    stbi_uc* data = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &comp, 4);
    if (!data) return makeError(name, concat("cannot decode image: ", stbi_failure_reason()));
    std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> owned{data, &stbi_image_free};
    Image8 image{uint32_t(w), uint32_t(h)};
    std::copy(data, data + size_t(w) * h * 4, image.pixels.begin());
    return image;
}

} // namespace sr::core
