#include "previs/image_text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <stb_truetype.h>

#include "core/files.h"

namespace sr::previs {

struct ImageFont::Impl {
    std::vector<uint8_t> data; // stbtt_fontinfo points into it
    stbtt_fontinfo info{};
};

namespace {
constexpr const char* kDefaultFonts[] = {
    "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};

// The next code point of UTF-8 `text` from `i` (advanced past it); U+FFFD for a bad sequence.
uint32_t nextCodePoint(std::string_view text, size_t& i) {
    const auto byte = [&](size_t k) { return k < text.size() ? uint8_t(text[k]) : 0u; };
    const uint32_t c = byte(i);
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0) return ++i, 0xFFFD;
    uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return ++i, 0xFFFD;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += size_t(extra) + 1;
    return cp;
}

uint8_t blend(uint8_t under, uint8_t over, float alpha) {
    return uint8_t(std::lround(float(under) + (float(over) - float(under)) * alpha));
}

void blendPixel(core::Image8& image, int x, int y, glm::u8vec4 color, float coverage) {
    if (x < 0 || y < 0 || x >= int(image.width) || y >= int(image.height)) return;
    const float alpha = coverage * float(color.a) / 255.0f;
    if (alpha <= 0.0f) return;
    uint8_t* p = image.at(uint32_t(x), uint32_t(y));
    for (int c = 0; c < 3; ++c) p[c] = blend(p[c], color[c], alpha);
    p[3] = uint8_t(std::max(float(p[3]), std::round(255.0f * alpha)));
}
} // namespace

ImageFont::ImageFont(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
ImageFont::ImageFont(ImageFont&&) noexcept = default;
ImageFont& ImageFont::operator=(ImageFont&&) noexcept = default;
ImageFont::~ImageFont() = default;

core::Result<ImageFont> ImageFont::load(const std::filesystem::path& file) {
    auto bytes = core::readFile(file, uint64_t(64) << 20);
    if (!bytes) return bytes.error();
    auto impl = std::make_unique<Impl>();
    impl->data = std::move(bytes).value();
    const int offset = stbtt_GetFontOffsetForIndex(impl->data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&impl->info, impl->data.data(), offset))
        return core::Error{file.string(), "not a font this program can read"};
    return ImageFont(std::move(impl));
}

core::Result<ImageFont> ImageFont::loadDefault() {
    std::string tried;
    for (const char* path : kDefaultFonts) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            if (auto font = load(path)) return font;
        }
        tried += tried.empty() ? path : std::string(", ") + path;
    }
    return core::Error{tried, "no typeface for burn-ins (install fonts-inter or fonts-dejavu-core)"};
}

float ImageFont::measure(std::string_view text, float pixelHeight) const {
    const stbtt_fontinfo& info = mImpl->info;
    const float scale = stbtt_ScaleForPixelHeight(&info, pixelHeight);
    float width = 0.0f;
    uint32_t previous = 0;
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = nextCodePoint(text, i);
        int advance = 0, bearing = 0;
        stbtt_GetCodepointHMetrics(&info, int(cp), &advance, &bearing);
        if (previous) width += scale * float(stbtt_GetCodepointKernAdvance(&info, int(previous), int(cp)));
        width += scale * float(advance);
        previous = cp;
    }
    return width;
}

void ImageFont::draw(core::Image8& image, glm::vec2 topLeft, float pixelHeight, std::string_view text,
                     glm::u8vec4 color) const {
    const stbtt_fontinfo& info = mImpl->info;
    const float scale = stbtt_ScaleForPixelHeight(&info, pixelHeight);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
    const float baseline = topLeft.y + scale * float(ascent);
    float x = topLeft.x;
    uint32_t previous = 0;
    std::vector<uint8_t> glyph;
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = nextCodePoint(text, i);
        if (previous) x += scale * float(stbtt_GetCodepointKernAdvance(&info, int(previous), int(cp)));
        previous = cp;
        int advance = 0, bearing = 0;
        stbtt_GetCodepointHMetrics(&info, int(cp), &advance, &bearing);
        const float shiftX = x - std::floor(x), shiftY = baseline - std::floor(baseline);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetCodepointBitmapBoxSubpixel(&info, int(cp), scale, scale, shiftX, shiftY, &x0, &y0, &x1, &y1);
        const int w = x1 - x0, h = y1 - y0;
        if (w > 0 && h > 0) {
            glyph.assign(size_t(w) * size_t(h), 0);
            stbtt_MakeCodepointBitmapSubpixel(&info, glyph.data(), w, h, w, scale, scale, shiftX, shiftY,
                                              int(cp));
            const int ox = int(std::floor(x)) + x0, oy = int(std::floor(baseline)) + y0;
            for (int gy = 0; gy < h; ++gy)
                for (int gx = 0; gx < w; ++gx)
                    blendPixel(image, ox + gx, oy + gy, color, float(glyph[size_t(gy * w + gx)]) / 255.0f);
        }
        x += scale * float(advance);
    }
}

void fillRect(core::Image8& image, glm::vec4 rect, glm::u8vec4 color) {
    const int x0 = std::max(0, int(std::floor(rect.x))), y0 = std::max(0, int(std::floor(rect.y)));
    const int x1 = std::min(int(image.width), int(std::ceil(rect.z)));
    const int y1 = std::min(int(image.height), int(std::ceil(rect.w)));
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) blendPixel(image, x, y, color, 1.0f);
}

void blitImage(core::Image8& target, const core::Image8& source, int x, int y) {
    for (uint32_t sy = 0; sy < source.height; ++sy) {
        const int ty = y + int(sy);
        if (ty < 0 || ty >= int(target.height)) continue;
        for (uint32_t sx = 0; sx < source.width; ++sx) {
            const int tx = x + int(sx);
            if (tx < 0 || tx >= int(target.width)) continue;
            std::copy_n(source.at(sx, sy), 4, target.at(uint32_t(tx), uint32_t(ty)));
        }
    }
}

} // namespace sr::previs
