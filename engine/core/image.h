#pragma once
// 8-bit RGBA images in memory and PNG files on disk.
#include <cstdint>
#include <filesystem>
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

// Writes an RGBA8 PNG (atomically: a temporary file renamed over the target).
Status writePng(const std::filesystem::path& path, const Image8& image);
// Reads any PNG as RGBA8.
Result<Image8> readPng(const std::filesystem::path& path);

} // namespace sr::core
