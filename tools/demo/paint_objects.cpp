// Painters for the small things in the rooms: books, the letter, the drawing, toys and shoes.
#include <algorithm>
#include <cmath>
#include <vector>

#include <stb_easy_font.h>

#include "noise.h"
#include "paint.h"
#include "random.h"

namespace sr::demo {
namespace {

// The letter's words, in the simple segment font, as a coverage mask (font units, y down).
struct TextMask {
    int width = 0, height = 0;
    float scale = 4.0f; // mask pixels per font unit
    std::vector<float> pixels;

    float at(float x, float y) const {
        int ix = int(std::floor(x * scale)), iy = int(std::floor(y * scale));
        if (ix < 0 || iy < 0 || ix >= width || iy >= height) return 0.0f;
        return pixels[size_t(iy) * width + ix];
    }
};

const char kLetterText[] = "Dear future me,\n\n"
                           "I hope you still have Pip\n"
                           "and that you still draw\n"
                           "rainbows when it rains.\n\n"
                           "I hope you have a dog.\n"
                           "Be kind. Eat the cake.\n"
                           "Remember the treehouse.\n\n"
                           "Love, me (age 10)";

const TextMask& letterMask() {
    static const TextMask mask = [] {
        TextMask m;
        std::vector<char> text(kLetterText, kLetterText + sizeof(kLetterText));
        std::vector<char> vertices(64 * 1024);
        unsigned char color[4] = {255, 255, 255, 255};
        int quads = stb_easy_font_print(0, 0, text.data(), color, vertices.data(), int(vertices.size()));
        m.width = int(std::ceil(float(stb_easy_font_width(text.data())) * m.scale)) + 8;
        m.height = int(std::ceil(float(stb_easy_font_height(text.data())) * m.scale)) + 8;
        m.pixels.assign(size_t(m.width) * m.height, 0.0f);
        for (int q = 0; q < quads; ++q) {
            const float* v0 = reinterpret_cast<const float*>(vertices.data() + q * 64);
            const float* v2 = reinterpret_cast<const float*>(vertices.data() + q * 64 + 32);
            int x0 = int(std::min(v0[0], v2[0]) * m.scale), x1 = int(std::max(v0[0], v2[0]) * m.scale);
            int y0 = int(std::min(v0[1], v2[1]) * m.scale), y1 = int(std::max(v0[1], v2[1]) * m.scale);
            for (int y = std::max(y0, 0); y < std::min(y1, m.height); ++y)
                for (int x = std::max(x0, 0); x < std::min(x1, m.width); ++x)
                    m.pixels[size_t(y) * m.width + x] = 1.0f;
        }
        return m;
    }();
    return mask;
}

glm::vec3 paper(const Surface& s, glm::vec2 uv, uint32_t hex) {
    return hexColor(hex) *
           (1.0f + 0.015f * fbm(uv * 60.0f, 2, s.seed) + 0.02f * fbm(uv * 4.0f, 2, s.seed + 1));
}

glm::vec3 letter(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 c = paper(s, uv, 0xF4F0E6);
    if (s.size.x < 0.1f || s.size.y < 0.1f) return c; // the sheet's edges
    // Faint printed rules.
    float fromTop = s.size.y - uv.y;
    float rule = std::abs(std::fmod(fromTop - 0.034f + 100.0f * 0.0082f, 0.0082f) - 0.0041f);
    c = glm::mix(c, hexColor(0xBCD0E2), 0.5f * coverage(0.0041f - rule - 0.0003f, texel) * (fromTop > 0.03f));
    // Handwriting: the segment font slanted, wobbling and inked in blue.
    const TextMask& mask = letterMask();
    const float unit = 0.00085f; // metres per font unit
    glm::vec2 origin{0.018f, s.size.y - 0.022f};
    float y = (origin.y - uv.y) / unit;
    float x = (uv.x - origin.x) / unit + 0.28f * (std::fmod(y, 12.0f) - 6.0f) +
              1.2f * std::sin(y * 0.05f + uv.x * 40.0f);
    y += 0.6f * std::sin(x * 0.11f);
    float ink = mask.at(x, y);
    float grain = 0.75f + 0.25f * gradientNoise(uv * 900.0f, s.seed);
    return glm::mix(c, hexColor(0x2F4F93), std::clamp(ink * grain, 0.0f, 1.0f) * 0.85f);
}

float crayon(const Surface& s, glm::vec2 uv, float amount) {
    // Wax leaves the paper's tooth showing through in diagonal strokes.
    float stroke = gradientNoise(glm::vec2(uv.x + uv.y, uv.x - uv.y) * glm::vec2(60.0f, 900.0f), s.seed + 3);
    float tooth = gradientNoise(uv * 1400.0f, s.seed + 4);
    return std::clamp(amount * (0.8f + 0.35f * stroke + 0.2f * tooth), 0.0f, 1.0f);
}

glm::vec3 drawing(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 c = paper(s, uv, 0xF6F3EC);
    if (s.size.x < 0.1f || s.size.y < 0.1f) return c;
    auto layer = [&](float d, uint32_t hex) {
        c = glm::mix(c, hexColor(hex), crayon(s, uv, coverage(d, texel)));
    };
    float ground = 0.038f + 0.008f * std::sin(uv.x * 38.0f) + 0.004f * std::sin(uv.x * 91.0f);
    layer(uv.y - ground, 0x72A84E);
    glm::vec2 rc{0.215f, 0.04f};
    const uint32_t bands[5] = {0xD9503F, 0xEE9A3A, 0xF2CF45, 0x6DAE58, 0x5A86C9};
    float r = glm::length(uv - rc);
    for (int i = 0; i < 5; ++i)
        if (uv.y > ground) layer(std::abs(r - (0.098f - 0.009f * float(i))) - 0.0042f, bands[i]);
    layer(std::max(std::abs(uv.x - 0.095f) - 0.04f, std::abs(uv.y - 0.072f) - 0.034f), 0xF0D06A);
    float roof = std::max(uv.y - 0.148f, std::abs(uv.x - 0.095f) - (0.148f - uv.y) * 1.2f);
    layer(std::max(roof, 0.106f - uv.y), 0xD2553F);
    layer(std::max(std::abs(uv.x - 0.105f) - 0.011f, std::abs(uv.y - 0.058f) - 0.02f), 0x8A5A3A);
    layer(std::max(std::abs(uv.x - 0.075f) - 0.011f, std::abs(uv.y - 0.082f) - 0.011f), 0x74A8D8);
    glm::vec2 sun{0.045f, 0.165f};
    float ang = std::atan2(uv.y - sun.y, uv.x - sun.x);
    float rays =
        std::abs(std::sin(ang * 5.0f)) < 0.18f ? std::abs(glm::length(uv - sun) - 0.03f) - 0.007f : 1.0f;
    layer(std::min(glm::length(uv - sun) - 0.019f, rays), 0xF4B93A);
    for (int i = 0; i < 3; ++i) {
        glm::vec2 f{0.2f + 0.03f * float(i), 0.052f + 0.006f * float(i & 1)};
        layer(std::max(std::abs(uv.x - f.x) - 0.0012f, std::abs(uv.y - (f.y - 0.01f)) - 0.011f), 0x4F8A3C);
        layer(glm::length(uv - f) - 0.007f, i == 1 ? 0xE58BB0 : 0xB58BE0);
    }
    return c;
}

glm::vec3 bookSpine(const Surface& s, glm::vec2 uv, float texel) {
    const uint32_t palette[10] = {0x9E3B35, 0x2F4A6D, 0x3E6B4B, 0xC8913A, 0x7A4E72,
                                  0x3C7F86, 0xE3D7BE, 0xD9735A, 0x7FA6C9, 0xE2B94E};
    glm::vec3 c = hexColor(palette[s.variant % 10]) * (0.92f + 0.08f * fbm(uv * 30.0f, 2, s.seed));
    float t = uv.y / s.size.y;
    glm::vec3 accent = (s.variant % 3 == 0) ? hexColor(0xE7D9B0) : hexColor(0x2B2623);
    float bandTop = coverage(std::abs(t - 0.9f) * s.size.y - 0.003f, texel);
    float bandLow = coverage(std::abs(t - 0.1f) * s.size.y - 0.0025f, texel);
    c = glm::mix(c, accent, 0.7f * std::max(bandTop, bandLow));
    float title = coverage(
        std::max(std::abs(t - 0.6f) * s.size.y - 0.035f, std::abs(uv.x - s.size.x * 0.5f) - s.size.x * 0.18f),
        texel);
    float letters = 0.5f + 0.5f * std::sin(uv.y * 900.0f);
    return glm::mix(c, accent, title * letters * 0.65f);
}

glm::vec3 trainerUpper(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 canvas = hexColor(0x34476F) * (1.0f + 0.06f * gradientNoise(uv * 250.0f, s.seed));
    const glm::vec3 white = hexColor(0xEDEAE3);
    float a = uv.x / s.size.x, t = uv.y / s.size.y; // azimuth from +x (0.75 is the toe), height
    float front = std::abs(a - 0.75f) * s.size.x;   // metres around from the toe line
    if (s.variant == 1) {                           // the toe box wears a rubber cap
        float cap = coverage(front - 0.045f, texel) * coverage(t - 0.58f, texel);
        return glm::mix(canvas, white, cap);
    }
    // Laces across the instep, eyelet stitching beside them, a white tab at the heel.
    float lace = (front < 0.018f && t > 0.45f && t < 0.9f && std::sin(uv.y * 6.2831853f / 0.011f) > 0.0f)
                     ? 1.0f
                     : 0.0f;
    float stitch = coverage(std::abs(front - 0.024f) - 0.0012f, texel) * (t > 0.45f);
    float tab = coverage(std::abs(a - 0.25f) * s.size.x - 0.012f, texel) * (t > 0.62f);
    glm::vec3 c = glm::mix(canvas, canvas * 0.6f, stitch);
    return glm::mix(c, white, std::max(lace, tab));
}

glm::vec3 gameBox(const Surface& s, glm::vec2 uv, float texel) {
    const uint32_t palette[4] = {0xC9463D, 0x2F7E9A, 0xE9B949, 0x5D8F55};
    glm::vec3 c = hexColor(palette[s.variant % 4]);
    float ring = coverage(std::abs(glm::length(uv - s.size * 0.5f) - 0.06f) - 0.012f, texel);
    return glm::mix(c, hexColor(0xF1EBDD), ring * (s.size.y > 0.1f));
}

glm::vec3 runner(const Surface& s, glm::vec2 uv, float texel) {
    float fibre = 1.0f + 0.07f * fbm(uv * 80.0f, 2, s.seed);
    if (s.size.y < 0.05f) return hexColor(0x9C4A3A) * fibre;
    float edge = std::min(uv.y, s.size.y - uv.y);
    glm::vec3 c = hexColor(0xE5D8BF);
    c = glm::mix(c, hexColor(0x9C4A3A), coverage(edge - 0.07f, texel));
    float stripe = std::fmod(uv.x, 0.32f);
    c = glm::mix(c, hexColor(0x3F5A7E), coverage(std::abs(stripe - 0.16f) - 0.025f, texel) * (edge > 0.07f));
    return c * fibre;
}

glm::vec3 photoPrint(const Surface& s, glm::vec2 uv) {
    float t = uv.y / s.size.y;
    glm::vec3 sky = glm::mix(hexColor(0xE9D6BE), hexColor(0x9DB7CF), t);
    float sea = 0.42f + 0.01f * std::sin(uv.x * 40.0f);
    if (t < sea) sky = glm::mix(hexColor(0x4E7894), hexColor(0x86A7B7), t / sea);
    if (t < 0.18f + 0.05f * fbm(glm::vec2(uv.x * 12.0f, 0.0f), 2, s.seed)) sky = hexColor(0xD8C7A2);
    return sky;
}

} // namespace

glm::vec3 paintObject(const Surface& s, glm::vec2 uv, float texel) {
    auto speckle = [&](uint32_t hex, float amount, float freq) {
        return hexColor(hex) * (1.0f + amount * fbm(uv * freq, 2, s.seed));
    };
    switch (s.paint) {
    case Paint::Brass: return speckle(0xB8955F, 0.08f, 60.0f);
    case Paint::HairTie: {
        const uint32_t colours[3] = {0xD9A441, 0x3F8F8B, 0xD88CA0};
        float rib = 0.92f + 0.08f * std::sin(uv.x * 6.2831853f / 0.0025f);
        return hexColor(colours[s.variant % 3]) * rib;
    }
    case Paint::BookSpine: return bookSpine(s, uv, texel);
    case Paint::BookCover: {
        const uint32_t palette[10] = {0x9E3B35, 0x2F4A6D, 0x3E6B4B, 0xC8913A, 0x7A4E72,
                                      0x3C7F86, 0xE3D7BE, 0xD9735A, 0x7FA6C9, 0xE2B94E};
        return hexColor(palette[s.variant % 10]) * 0.9f;
    }
    case Paint::BookPages:
        return speckle(0xEDE3CB, 0.05f, 200.0f) * (0.93f + 0.07f * std::sin(uv.y * 2500.0f));
    case Paint::Paper: return paper(s, uv, 0xF2EEE5);
    case Paint::Letter: return letter(s, uv, texel);
    case Paint::Drawing: return drawing(s, uv, texel);
    case Paint::Pin: return speckle(0xC23B30, 0.05f, 40.0f);
    case Paint::Plush:
        return speckle(0xCDBBA5, 0.12f, 90.0f) * (1.0f + 0.05f * fbm(uv * 9.0f, 2, s.seed + 2));
    case Paint::PlushInner: return speckle(0xE4AFB2, 0.08f, 90.0f);
    case Paint::Eye: return hexColor(0x1F1B19);
    case Paint::TrainerUpper: return trainerUpper(s, uv, texel);
    case Paint::TrainerSole: {
        float stripe = coverage(std::abs(uv.y / s.size.y - 0.47f) * s.size.y - 0.0015f, texel);
        return glm::mix(speckle(0xECEAE4, 0.03f, 80.0f), hexColor(0xC9463D), stripe);
    }
    case Paint::Ceramic: return speckle(0xD9A441, 0.04f, 120.0f);
    case Paint::CeramicInside: return speckle(0xEAE3D3, 0.03f, 120.0f);
    case Paint::Pencil: {
        const uint32_t colours[5] = {0xC9463D, 0x2F68A8, 0x4E9A4A, 0xE7C23E, 0x7E5AA6};
        return hexColor(colours[s.variant % 5]);
    }
    case Paint::PencilTip: {
        const uint32_t colours[5] = {0xC9463D, 0x2F68A8, 0x4E9A4A, 0xE7C23E, 0x7E5AA6};
        return uv.y > s.size.y * 0.7f ? hexColor(colours[s.variant % 5]) : hexColor(0xDDB98E);
    }
    case Paint::GameBox: return gameBox(s, uv, texel);
    case Paint::Notebook: {
        const uint32_t colours[3] = {0x3C7F86, 0xD9735A, 0xE7D9B0};
        return speckle(colours[s.variant % 3], 0.04f, 50.0f);
    }
    case Paint::LampShade: return speckle(0xF3F0E8, 0.02f, 30.0f);
    case Paint::Runner: return runner(s, uv, texel);
    case Paint::Backpack: {
        glm::vec3 c = speckle(0x3E8A8C, 0.06f, 150.0f);
        float edge = std::min(std::min(uv.x, s.size.x - uv.x), std::min(uv.y, s.size.y - uv.y));
        return glm::mix(c, hexColor(0xE0A93F), coverage(edge - 0.006f, texel) * (s.size.x > 0.1f));
    }
    case Paint::Raincoat: return speckle(0xE3B341, 0.05f, 40.0f);
    case Paint::Welly: {
        glm::vec3 c = speckle(0xB8413A, 0.04f, 40.0f);
        return s.variant == 1 ? hexColor(0x3A302C) : c;
    }
    case Paint::Pot: return speckle(0xC07252, 0.08f, 60.0f);
    case Paint::Leaf: return hexColor(0x5E7F4A) * (0.75f + 0.4f * (0.5f + 0.5f * fbm(uv * 30.0f, 3, s.seed)));
    case Paint::Soil: return speckle(0x4A3A2C, 0.2f, 200.0f);
    case Paint::Photo: return photoPrint(s, uv);
    default: return hexColor(0xFF00FF);
    }
}

} // namespace sr::demo
