#pragma once
// BC1 and BC3 (DXT1/DXT5) texture blocks: encoding through stb_dxt, decoding back to RGBA8.
#include <cstdint>
#include <span>
#include <vector>

#include "core/image.h"

namespace sr::asset {

// Whether any pixel of `image` is not fully opaque.
bool hasTransparency(const core::Image8& image);

// Encodes `image` as 4x4 blocks, rows of blocks top to bottom: BC3 (16 bytes a block) when
// `withAlpha`, else BC1 (8 bytes, alpha dropped). Edge blocks repeat the last row and column.
// Colours are encoded as stored (sRGB bytes). Thread-safe.
std::vector<uint8_t> compressBlocks(const core::Image8& image, bool withAlpha);

// Decodes blocks written by compressBlocks (or any BC1/BC3 data) of a `width` x `height` image.
// `blocks` must hold ((width + 3) / 4) * ((height + 3) / 4) blocks. Thread-safe.
core::Image8 decompressBlocks(std::span<const uint8_t> blocks, uint32_t width, uint32_t height,
                              bool withAlpha);

} // namespace sr::asset
