#include "photo_finish.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/glm.hpp>

#include "random.h"

namespace sr::demo {
namespace {

struct Curves {
    std::array<float, 256> toLinear{};
    std::array<uint8_t, 4096> toSrgb{}; // linear 0..1 in 4096 steps
};

const Curves& curves() {
    static const Curves c = [] {
        Curves k;
        for (int i = 0; i < 256; ++i) {
            float s = float(i) / 255.0f;
            k.toLinear[size_t(i)] = s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
        }
        for (int i = 0; i < 4096; ++i) {
            float l = float(i) / 4095.0f;
            float s = l <= 0.0031308f ? l * 12.92f : 1.055f * std::pow(l, 1.0f / 2.4f) - 0.055f;
            k.toSrgb[size_t(i)] = uint8_t(std::clamp(s, 0.0f, 1.0f) * 255.0f + 0.5f);
        }
        return k;
    }();
    return c;
}

} // namespace

core::Image8 finishPhoto(const core::Image8& render, uint32_t seed) {
    const Curves& k = curves();
    core::Image8 out(render.width, render.height);
    float cx = float(render.width) * 0.5f, cy = float(render.height) * 0.5f;
    float norm = 1.0f / (cx * cx + cy * cy);
    const glm::vec3 warm{1.035f, 1.0f, 0.93f};
    for (uint32_t y = 0; y < render.height; ++y) {
        for (uint32_t x = 0; x < render.width; ++x) {
            const uint8_t* p = render.at(x, y);
            glm::vec3 c{k.toLinear[p[0]], k.toLinear[p[1]], k.toLinear[p[2]]};
            c *= warm;
            c = c * 0.97f + 0.006f; // lifted blacks, like a soft print
            float dx = float(x) + 0.5f - cx, dy = float(y) + 0.5f - cy;
            float r2 = (dx * dx + dy * dy) * norm;
            c *= 1.0f - 0.28f * r2 * r2 - 0.08f * r2;
            uint64_t h = hash3(x, y, seed);
            float grain = (signedFloat(h) + signedFloat(mix64(h))) * 0.5f;
            float luma = c.x * 0.2126f + c.y * 0.7152f + c.z * 0.0722f;
            c *= 1.0f + grain * (0.035f / (0.2f + std::sqrt(std::max(luma, 0.0f)))) * 0.25f;
            uint8_t* q = out.at(x, y);
            for (int i = 0; i < 3; ++i)
                q[i] = k.toSrgb[size_t(std::clamp(c[i], 0.0f, 1.0f) * 4095.0f + 0.5f)];
            q[3] = 255;
        }
    }
    return out;
}

} // namespace sr::demo
