#include "asset/block_compress.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include <stb_dxt.h>

namespace sr::asset {
namespace {

// The 4x4 texels of block (bx, by), clamped at the image's edges.
void gatherBlock(const core::Image8& image, uint32_t bx, uint32_t by, uint8_t out[64]) {
    for (uint32_t y = 0; y < 4; ++y) {
        const uint32_t sy = std::min(by * 4 + y, image.height - 1);
        for (uint32_t x = 0; x < 4; ++x) {
            const uint32_t sx = std::min(bx * 4 + x, image.width - 1);
            std::memcpy(out + (y * 4 + x) * 4, image.at(sx, sy), 4);
        }
    }
}

uint32_t expand565(uint16_t c) {
    const uint32_t r = (c >> 11) & 31, g = (c >> 5) & 63, b = c & 31;
    return ((r << 3) | (r >> 2)) | (((g << 2) | (g >> 4)) << 8) | (((b << 3) | (b >> 2)) << 16);
}

uint8_t mixChannel(uint32_t a, uint32_t b, int shift, int wa, int wb, int total) {
    return uint8_t((((a >> shift) & 255) * wa + ((b >> shift) & 255) * wb) / total);
}

uint32_t mixColor(uint32_t a, uint32_t b, int wa, int wb, int total) {
    return mixChannel(a, b, 0, wa, wb, total) | (mixChannel(a, b, 8, wa, wb, total) << 8) |
           (mixChannel(a, b, 16, wa, wb, total) << 16);
}

// Writes the colour part of a block (8 bytes) into 16 RGBA texels; `threeColor` allows BC1's
// transparent-black mode, which BC3 never uses.
void decodeColorBlock(const uint8_t* block, bool threeColor, uint8_t texels[64]) {
    const uint16_t c0 = uint16_t(block[0] | (block[1] << 8));
    const uint16_t c1 = uint16_t(block[2] | (block[3] << 8));
    uint32_t palette[4] = {expand565(c0) | 0xff000000u, expand565(c1) | 0xff000000u, 0, 0};
    if (c0 > c1 || !threeColor) {
        palette[2] = mixColor(palette[0], palette[1], 2, 1, 3) | 0xff000000u;
        palette[3] = mixColor(palette[0], palette[1], 1, 2, 3) | 0xff000000u;
    } else {
        palette[2] = mixColor(palette[0], palette[1], 1, 1, 2) | 0xff000000u;
        palette[3] = 0;
    }
    const uint32_t bits = uint32_t(block[4]) | (uint32_t(block[5]) << 8) | (uint32_t(block[6]) << 16) |
                          (uint32_t(block[7]) << 24);
    for (int i = 0; i < 16; ++i) {
        const uint32_t c = palette[(bits >> (2 * i)) & 3];
        for (int k = 0; k < 4; ++k) texels[i * 4 + k] = uint8_t(c >> (8 * k));
    }
}

void decodeAlphaBlock(const uint8_t* block, uint8_t texels[64]) {
    const uint32_t a0 = block[0], a1 = block[1];
    uint8_t palette[8] = {uint8_t(a0), uint8_t(a1)};
    if (a0 > a1) {
        for (int i = 1; i < 7; ++i) palette[i + 1] = uint8_t(((7 - i) * a0 + i * a1) / 7);
    } else {
        for (int i = 1; i < 5; ++i) palette[i + 1] = uint8_t(((5 - i) * a0 + i * a1) / 5);
        palette[6] = 0;
        palette[7] = 255;
    }
    uint64_t bits = 0;
    for (int i = 0; i < 6; ++i) bits |= uint64_t(block[2 + i]) << (8 * i);
    for (int i = 0; i < 16; ++i) texels[i * 4 + 3] = palette[(bits >> (3 * i)) & 7];
}

} // namespace

bool hasTransparency(const core::Image8& image) {
    for (size_t i = 3; i < image.pixels.size(); i += 4) {
        if (image.pixels[i] != 255) return true;
    }
    return false;
}

std::vector<uint8_t> compressBlocks(const core::Image8& image, bool withAlpha) {
    assert(image.width > 0 && image.height > 0);
    const uint32_t bw = (image.width + 3) / 4, bh = (image.height + 3) / 4;
    const size_t blockBytes = withAlpha ? 16 : 8;
    std::vector<uint8_t> out(size_t(bw) * bh * blockBytes);
    uint8_t texels[64];
    for (uint32_t by = 0; by < bh; ++by) {
        for (uint32_t bx = 0; bx < bw; ++bx) {
            gatherBlock(image, bx, by, texels);
            stb_compress_dxt_block(out.data() + (size_t(by) * bw + bx) * blockBytes, texels,
                                   withAlpha ? 1 : 0, STB_DXT_HIGHQUAL);
        }
    }
    return out;
}

core::Image8 decompressBlocks(std::span<const uint8_t> blocks, uint32_t width, uint32_t height,
                              bool withAlpha) {
    const uint32_t bw = (width + 3) / 4, bh = (height + 3) / 4;
    const size_t blockBytes = withAlpha ? 16 : 8;
    assert(blocks.size() >= size_t(bw) * bh * blockBytes);
    core::Image8 image{width, height};
    uint8_t texels[64];
    for (uint32_t by = 0; by < bh; ++by) {
        for (uint32_t bx = 0; bx < bw; ++bx) {
            const uint8_t* block = blocks.data() + (size_t(by) * bw + bx) * blockBytes;
            if (withAlpha) {
                decodeColorBlock(block + 8, false, texels);
                decodeAlphaBlock(block, texels);
            } else {
                decodeColorBlock(block, true, texels);
            }
            for (uint32_t y = 0; y < 4 && by * 4 + y < height; ++y) {
                for (uint32_t x = 0; x < 4 && bx * 4 + x < width; ++x) {
                    std::memcpy(image.at(bx * 4 + x, by * 4 + y), texels + (y * 4 + x) * 4, 4);
                }
            }
        }
    }
    return image;
}

} // namespace sr::asset
