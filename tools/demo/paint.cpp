// Painters for the room itself and its furniture: paint, wood, fabric, the door and the window.
#include "paint.h"

#include <array>
#include <cmath>

#include "noise.h"
#include "random.h"

namespace sr::demo {
namespace {

glm::vec3 wallPaint(const Surface& s, glm::vec2 uv, glm::vec3 base) {
    float mottle = 0.03f * fbm(uv * 1.3f, 3, s.seed) + 0.012f * fbm(uv * 11.0f, 2, s.seed + 1);
    float stipple = 0.018f * gradientNoise(uv * 140.0f, s.seed + 2);
    return base * (1.0f + mottle + stipple);
}

glm::vec3 woodGrain(const Surface& s, glm::vec2 along, glm::vec3 base, float strength) {
    float warp = fbm(along * glm::vec2(1.5f, 8.0f), 2, s.seed + 4) * 3.0f;
    float rings = std::sin(along.y * 260.0f + warp * 4.0f);
    float streak = fbm(along * glm::vec2(2.0f, 70.0f), 3, s.seed + 5);
    return base * (1.0f + strength * (0.5f * streak + 0.25f * rings * rings - 0.12f));
}

glm::vec3 floorWood(const Surface& s, glm::vec2 uv, float texel) {
    const float width = 0.135f;
    float row = std::floor(uv.y / width);
    uint64_t rowHash = hash3(s.seed, uint64_t(int64_t(row)), 11);
    float length = 0.95f + 0.65f * unitFloat(rowHash);
    float shifted = uv.x + unitFloat(mix64(rowHash)) * 2.0f;
    float index = std::floor(shifted / length);
    uint64_t plank = hashCombine(rowHash, uint64_t(int64_t(index)));
    float fu = shifted - index * length, fv = uv.y - row * width;
    glm::vec3 base = hexColor(0xC49A6C) * (0.8f + 0.32f * unitFloat(plank));
    base *= glm::vec3(1.0f, 0.98f + 0.04f * unitFloat(mix64(plank)), 0.95f + 0.08f * unitFloat(plank >> 7));
    Surface grain = s;
    grain.seed = uint32_t(plank);
    glm::vec3 c = woodGrain(grain, {fu, fv}, base, 0.22f);
    float edge = std::min(std::min(fv, width - fv), std::min(fu, length - fu));
    float gap = 1.0f - 0.5f * (1.0f - coverage(0.0008f - edge, texel));
    float wear = 1.0f + 0.05f * fbm(uv * 0.9f, 2, s.seed + 9); // traffic and sun fade
    return c * gap * wear;
}

glm::vec3 rug(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec2 size = s.size;
    float edge = std::min(std::min(uv.x, size.x - uv.x), std::min(uv.y, size.y - uv.y));
    float fibre = 1.0f + 0.07f * fbm(uv * 90.0f, 2, s.seed) + 0.04f * fbm(uv * 8.0f, 2, s.seed + 1);
    glm::vec3 rose = hexColor(0xC4827C), cream = hexColor(0xE8DECC), teal = hexColor(0x6E9896),
              mustard = hexColor(0xD9A441);
    if (size.y < 0.05f || size.x < 0.05f) return rose * fibre; // the rug's thin sides
    glm::vec3 c = cream;
    float band = coverage(edge - 0.12f, texel);
    c = glm::mix(c, rose, band);
    float line = coverage(std::abs(edge - 0.095f) - 0.006f, texel);
    c = glm::mix(c, cream, line);
    if (band < 1.0f) {
        glm::vec2 q = (uv - size * 0.5f) / 0.2f;
        glm::vec2 d{q.x + q.y, q.x - q.y};
        glm::vec2 f = glm::abs(d - glm::round(d)) * 0.2f * 0.7071f;
        float lattice = coverage(std::min(f.x, f.y) - 0.007f, texel);
        float dot = coverage(glm::length(f) - 0.02f, texel);
        glm::vec3 field = glm::mix(glm::mix(cream, teal, lattice), mustard, dot);
        c = glm::mix(field, c, band);
    }
    return c * fibre;
}

glm::vec3 duvet(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 base = hexColor(0xB3C8DE), dots = hexColor(0xF3EFE6);
    const float pitch = 0.07f;
    float row = std::floor(uv.y / pitch);
    glm::vec2 cell{uv.x / pitch + (int(row) & 1) * 0.5f, uv.y / pitch};
    glm::vec2 d = (cell - glm::floor(cell) - 0.5f) * pitch;
    float dot = coverage(glm::length(d) - 0.011f, texel);
    float weave = 1.0f + 0.03f * gradientNoise(uv * 160.0f, s.seed) + 0.04f * fbm(uv * 3.0f, 2, s.seed + 1);
    return glm::mix(base, dots, dot) * weave;
}

glm::vec3 door(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 c = wallPaint(s, uv, hexColor(0xEFEBE3));
    const glm::vec4 panels[2] = {{0.11f, 0.14f, s.size.x - 0.11f, 0.92f},
                                 {0.11f, 1.06f, s.size.x - 0.11f, s.size.y - 0.14f}};
    for (glm::vec4 p : panels) {
        float dl = uv.x - p.x, dr = p.z - uv.x, db = uv.y - p.y, dt = p.w - uv.y;
        float inside = std::min(std::min(dl, dr), std::min(db, dt));
        if (inside < -0.004f) continue;
        // The moulding's bevel: shadowed on the upper and left sides, catching light below.
        float shade = 0.97f;
        if (inside < 0.02f) shade = (dt < 0.02f || dl < 0.02f) ? (dt < dl ? 0.84f : 0.9f) : 1.03f;
        c *= glm::mix(1.0f, shade, coverage(-inside - 0.002f, texel));
    }
    return c;
}

glm::vec3 dresserFront(const Surface& s, glm::vec2 uv, float texel) {
    glm::vec3 c = wallPaint(s, uv, hexColor(0xB4CDBE));
    float edge = std::min(std::min(uv.x, s.size.x - uv.x), std::min(uv.y, s.size.y - uv.y));
    c *= 1.0f - 0.12f * coverage(std::abs(edge - 0.022f) - 0.002f, texel);
    return c;
}

glm::vec3 curtain(const Surface& s, glm::vec2 uv) {
    float slub = 0.05f * fbm(glm::vec2(uv.x * 180.0f, uv.y * 6.0f), 2, s.seed);
    float weave = 0.03f * gradientNoise(uv * 300.0f, s.seed + 1);
    glm::vec3 c = hexColor(0xE9DAB0);
    // A simple woven check, gentle enough to read as texture from across the room.
    float check = (std::sin(uv.x * 6.2831853f / 0.045f) > 0.6f ? 1.0f : 0.0f) +
                  (std::sin(uv.y * 6.2831853f / 0.045f) > 0.6f ? 1.0f : 0.0f);
    c = glm::mix(c, hexColor(0xD9B98A), 0.22f * check);
    return c * (1.0f + slub + weave);
}

glm::vec3 glassSky(const Surface& s, glm::vec2 uv) {
    float t = uv.y / s.size.y;
    glm::vec3 sky = glm::mix(hexColor(0xE9EFE2), hexColor(0xCFE0F0), t);
    // Soft, out-of-focus trees beyond the glass.
    float crowns = fbm(glm::vec2(uv.x * 2.5f, uv.y * 2.0f), 4, s.seed) + 0.9f - 1.6f * t;
    float trees = smoothStep(0.15f, 0.55f, crowns);
    sky = glm::mix(sky, hexColor(0xA7B89C), trees * 0.55f);
    return sky * 2.6f;
}

} // namespace

glm::vec3 hexColor(uint32_t rgb) {
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int i = 0; i < 256; ++i) {
            float c = float(i) / 255.0f;
            t[size_t(i)] = c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
        }
        return t;
    }();
    return {table[(rgb >> 16) & 255], table[(rgb >> 8) & 255], table[rgb & 255]};
}

float coverage(float d, float texel) { return 1.0f - smoothStep(-0.6f * texel, 0.6f * texel, d); }

glm::vec3 albedoAt(const Surface& s, glm::vec2 uv, float texel) {
    switch (s.paint) {
    case Paint::Wall: return wallPaint(s, uv, hexColor(0xEDD2B6));
    case Paint::Ceiling: return wallPaint(s, uv, hexColor(0xEEEAE2));
    case Paint::Trim: return wallPaint(s, uv, hexColor(0xF0ECE5));
    case Paint::FloorWood: return floorWood(s, uv, texel);
    case Paint::Rug: return rug(s, uv, texel);
    case Paint::Duvet: return duvet(s, uv, texel);
    case Paint::Pillow: return wallPaint(s, uv, hexColor(0xF1EEE7));
    case Paint::Sheet: return wallPaint(s, uv, hexColor(0xEAE6DE));
    case Paint::PaintedWood: return woodGrain(s, {uv.y, uv.x}, hexColor(0xEDE7DC), 0.03f);
    case Paint::Birch: return woodGrain(s, uv, hexColor(0xD9BE98), 0.14f);
    case Paint::DeskWood: return woodGrain(s, uv, hexColor(0xD2B288), 0.16f);
    case Paint::BenchWood: return woodGrain(s, uv, hexColor(0xB98A5E), 0.18f);
    case Paint::ChairPaint: return wallPaint(s, uv, hexColor(0xD9A43E));
    case Paint::DresserFront: return dresserFront(s, uv, texel);
    case Paint::Door: return door(s, uv, texel);
    case Paint::Curtain: return curtain(s, uv);
    case Paint::Glass: return glm::vec3(0.0f);
    case Paint::Metal: return hexColor(0xA9AAA7) * (1.0f + 0.05f * fbm(uv * 40.0f, 2, s.seed));
    default: return paintObject(s, uv, texel);
    }
}

glm::vec3 emissionAt(const Surface& s, glm::vec2 uv) {
    if (s.paint == Paint::Glass) return glassSky(s, uv);
    return glm::vec3(0.0f);
}

} // namespace sr::demo
