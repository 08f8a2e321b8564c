#pragma once
// 8-bit RGBA images in memory and PNG files on disk.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace sr::core {

// Tightly packed RGBA8, rows top to bottom. Colour is sRGB-encoded unless a caller says otherwise.
struct Image8 {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> pixels; // width * height * 4

    Image8() = default;
    Image8(uint32_t w, uint32_t h) : width(w), height(h), pixels(size_t(w) * h * 4, 0) {}
    uint8_t* at(uint32_t x, uint32_t y) { return pixels.data() + (size_t(y) * width + x) * 4; }
    const uint8_t* at(uint32_t x, uint32_t y) const { return pixels.data() + (size_t(y) * width + x) * 4; }
};

// The sRGB transfer function: a linear value in [0, 1] encoded (values outside are clamped).
float linearToSrgb(float linear);

// Writes an RGBA8 PNG (atomically: a temporary file renamed over the target).
Status writePng(const std::filesystem::path& path, const Image8& image);
// PNG images with more pixels than this are refused before decoding (1 GiB of RGBA8).
inline constexpr uint64_t kMaxPngPixels = uint64_t(1) << 28;

// Reads any PNG as RGBA8 (see decodePng).
Result<Image8> readPng(const std::filesystem::path& path);
// Why the PNG decoder the product links (stb_image 2.27, Debian 12) must not be given these
// bytes, or empty when it may: a chunk before the end chunk declares more bytes than follow it
// (stb_image allocates a chunk's declared length, up to 4 GiB, before it reads). Bytes that are
// not a PNG give empty. Never reads outside `bytes`.
std::string pngDecoderHazard(std::span<const uint8_t> bytes);

// Decodes PNG file bytes as RGBA8; `name` is used in errors. Fails when the bytes are not a PNG
// (other formats are refused unread), when the header declares more than `maxPixels` (before any
// pixel memory is allocated), when pngDecoderHazard finds a reason, or when the data does not
// decode. Thread-safe; never throws but
// std::bad_alloc.
Result<Image8> decodePng(std::span<const uint8_t> bytes, const std::string& name,
                         uint64_t maxPixels = kMaxPngPixels);

} // namespace sr::core
