#pragma once
// Decoding texture images (stb_image) and building mip chains.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Decodes PNG/JPEG/TGA/BMP bytes into RGBA8 (honours nothing but the pixels: no gamma chunk, no
// ICC profile, no EXIF orientation), rows top to bottom as stored. `name` is used in messages.
// Other formats stb_image knows (GIF, Photoshop, Radiance HDR, PIC, PNM) are refused as
// unsupported, by their signature. Reads the header first and refuses an image that declares
// more than `maxPixels` pixels before any pixel memory is allocated (decompression bombs).
// Errors name `name` and give stb_image's reason. Thread-safe: several images may decode at once
// on different threads.
core::Result<core::Image8> decodeImage(std::span<const uint8_t> bytes, const std::string& name,
                                       uint64_t maxPixels);

// Builds a Texture from a decoded, non-empty image: when a side exceeds `maxSize`, downsamples
// keeping the aspect ratio and logs a warning naming `name`, the original and the new size; then
// builds the full mip chain down to 1x1, each level resampled from the one before in linear light
// (sRGB-decoded, alpha-weighted). Throws std::bad_alloc only when memory runs out. Thread-safe.
Texture buildTexture(core::Image8 image, const std::string& name, uint32_t maxSize);

// Reads, decodes and builds a texture from a file (see decodeImage and buildTexture). The texture's
// name is the path as given. Fails with the path and the reason: missing or unreadable file,
// undecodable or oversized image, out of memory. Never throws. Thread-safe.
core::Result<Texture> loadTexture(const std::filesystem::path& file, uint32_t maxSize, uint64_t maxPixels);

} // namespace sr::asset
