#pragma once
// Text drawn straight into an RGBA8 image on the CPU, for burn-ins and contact sheets: the same
// pixels on every machine with the same typeface, no window or GPU needed. Glyphs are rasterised by
// stb_truetype from Debian's fonts-inter (Inter), else DejaVu Sans.
//
// Pixel space as core::Image8: origin at the top-left corner, +x right, +y down. Colours are
// sRGB-encoded RGBA8 and blended in sRGB space, as the UI blends.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"

namespace sr::previs {

class ImageFont {
public:
    // Reads a TrueType or OpenType (CFF) font file. Fails with the path when it cannot be read or
    // is not a font stb_truetype understands.
    static core::Result<ImageFont> load(const std::filesystem::path& file);
    // The UI's typeface: Inter, else DejaVu Sans. Fails, naming the files tried, when neither is
    // installed.
    static core::Result<ImageFont> loadDefault();

    ImageFont(ImageFont&&) noexcept;
    ImageFont& operator=(ImageFont&&) noexcept;
    ~ImageFont();

    // Width in pixels of one line of UTF-8 `text` set with a line height of `pixelHeight`
    // (ascent to descent). Invalid UTF-8 bytes count as U+FFFD.
    float measure(std::string_view text, float pixelHeight) const;
    // Draws one line with its top-left corner at (x, y), clipped to the image.
    void draw(core::Image8& image, glm::vec2 topLeft, float pixelHeight, std::string_view text,
              glm::u8vec4 color) const;

private:
    struct Impl;
    explicit ImageFont(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> mImpl;
};

// Blends `color` over the pixels of the rectangle [x0, x1) x [y0, y1), clipped to the image.
void fillRect(core::Image8& image, glm::vec4 rect, glm::u8vec4 color);
// Copies `source` into `target` with its top-left corner at (x, y), clipped to the target.
void blitImage(core::Image8& target, const core::Image8& source, int x, int y);

} // namespace sr::previs
