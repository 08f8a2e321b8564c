#pragma once
// JPEG encoding for texture atlases and detail photographs.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/image.h"
#include "core/result.h"

namespace sr::demo {

// Encodes RGBA8 (alpha ignored) as a baseline JPEG; `quality` 1..100. Deterministic.
core::Result<std::vector<uint8_t>> encodeJpeg(const core::Image8& image, int quality);
// Encodes and writes atomically; errors name the path.
core::Status writeJpeg(const std::filesystem::path& path, const core::Image8& image, int quality);

} // namespace sr::demo
