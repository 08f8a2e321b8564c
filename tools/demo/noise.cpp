#include "noise.h"

#include <cmath>

#include "random.h"

namespace sr::demo {
namespace {

// The twelve edge directions of a cube: gradients with no axis bias.
constexpr float kGradients[12][3] = {{1, 1, 0}, {-1, 1, 0}, {1, -1, 0}, {-1, -1, 0},
                                     {1, 0, 1}, {-1, 0, 1}, {1, 0, -1}, {-1, 0, -1},
                                     {0, 1, 1}, {0, -1, 1}, {0, 1, -1}, {0, -1, -1}};

float fade(float t) { return t * t * t * (t * (t * 6.0f - 15.0f) + 10.0f); }

float corner(int x, int y, int z, uint32_t seed, float fx, float fy, float fz) {
    uint64_t h = mix64(uint64_t(uint32_t(x)) * 0x8da6b343ULL ^ uint64_t(uint32_t(y)) * 0xd8163841ULL ^
                       uint64_t(uint32_t(z)) * 0xcb1ab31fULL ^ (uint64_t(seed) << 32));
    const float* g = kGradients[(h >> 33) % 12];
    return g[0] * fx + g[1] * fy + g[2] * fz;
}

} // namespace

float gradientNoise(glm::vec3 p, uint32_t seed) {
    float ix = std::floor(p.x), iy = std::floor(p.y), iz = std::floor(p.z);
    float fx = p.x - ix, fy = p.y - iy, fz = p.z - iz;
    int x = int(ix), y = int(iy), z = int(iz);
    float u = fade(fx), v = fade(fy), w = fade(fz);
    float c000 = corner(x, y, z, seed, fx, fy, fz);
    float c100 = corner(x + 1, y, z, seed, fx - 1, fy, fz);
    float c010 = corner(x, y + 1, z, seed, fx, fy - 1, fz);
    float c110 = corner(x + 1, y + 1, z, seed, fx - 1, fy - 1, fz);
    float c001 = corner(x, y, z + 1, seed, fx, fy, fz - 1);
    float c101 = corner(x + 1, y, z + 1, seed, fx - 1, fy, fz - 1);
    float c011 = corner(x, y + 1, z + 1, seed, fx, fy - 1, fz - 1);
    float c111 = corner(x + 1, y + 1, z + 1, seed, fx - 1, fy - 1, fz - 1);
    float x00 = c000 + u * (c100 - c000), x10 = c010 + u * (c110 - c010);
    float x01 = c001 + u * (c101 - c001), x11 = c011 + u * (c111 - c011);
    float y0 = x00 + v * (x10 - x00), y1 = x01 + v * (x11 - x01);
    return y0 + w * (y1 - y0);
}

float fbm(glm::vec3 p, int octaves, uint32_t seed) {
    float sum = 0.0f, amplitude = 1.0f, norm = 0.0f;
    for (int i = 0; i < octaves; ++i) {
        sum += amplitude * gradientNoise(p, seed + uint32_t(i) * 101u);
        norm += amplitude;
        amplitude *= 0.5f;
        p = p * 2.03f + glm::vec3(17.1f, 3.7f, 9.3f);
    }
    return sum / norm * 1.4f;
}

float smoothStep(float e0, float e1, float x) {
    if (e0 == e1) return x < e0 ? 0.0f : 1.0f;
    float t = glm::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

} // namespace sr::demo
