#pragma once
// Decoding texture images (stb_image) and building mip chains.
#include <cstdint>
#include <filesystem>
#include <span>

#include "asset/room_mesh.h"
#include "core/result.h"

namespace sr::asset {

// Decodes PNG/JPEG/TGA/BMP bytes into RGBA8 (honours nothing but the pixels). `name` is used in
// messages. Refuses images whose header declares more than `maxPixels` pixels before decoding.
core::Result<core::Image8> decodeImage(std::span<const uint8_t> bytes, const std::string& name,
                                       uint64_t maxPixels);

// Builds a Texture from a decoded image: downsamples (with a log line naming `name`) so neither
// side exceeds `maxSize`, then builds the full mip chain in linear light.
Texture buildTexture(core::Image8 image, const std::string& name, uint32_t maxSize);

// Loads and builds a texture from a file.
core::Result<Texture> loadTexture(const std::filesystem::path& file, uint32_t maxSize, uint64_t maxPixels);

} // namespace sr::asset
