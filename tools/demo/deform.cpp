// Displacements that make cloth rumple, pillows puff and walls waver. Each is a function of the
// object-local position only: faces that share an edge move it identically and stay joined.
#include <algorithm>
#include <cmath>

#include "geometry.h"
#include "noise.h"

namespace sr::demo {
namespace {

// Maps a point on the surface of the box [lo, hi] to the surface of the same box with its edges
// rounded by `radius`.
glm::vec3 roundBox(glm::vec3 p, glm::vec3 lo, glm::vec3 hi, float radius) {
    glm::vec3 inner = glm::clamp(p, lo + radius, hi - radius);
    glm::vec3 d = p - inner;
    float len = glm::length(d);
    if (len < 1e-6f) return p;
    return inner + d * (radius / len);
}

glm::vec3 noiseVector(glm::vec3 p, float frequency, uint32_t seed) {
    glm::vec3 q = p * frequency;
    return {fbm(q, 2, seed), fbm(q, 2, seed + 7), fbm(q, 2, seed + 13)};
}

// Soft folds: a few crossing sine ridges bent by noise, plus lumps.
float clothFolds(glm::vec2 q, uint32_t seed) {
    float warp = fbm(q * 2.2f, 2, seed + 3) * 1.6f;
    float a = std::sin((q.x * 0.8f + q.y * 0.6f) * 26.0f + warp * 3.0f);
    float b = std::sin((q.x * -0.5f + q.y * 0.9f) * 17.0f + warp * 2.0f);
    float lumps = fbm(q * 3.5f, 3, seed + 5);
    return 0.35f * a * a * (a > 0 ? 1.0f : -0.4f) + 0.25f * b + 0.7f * lumps;
}

glm::vec3 deformDuvet(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    p = roundBox(p, lo, hi, 0.035f);
    float top = smoothStep(lo.z, hi.z, p.z); // 1 on the top, less down the hanging sides
    float h = clothFolds(glm::vec2(p.x, p.y), o.seed);
    glm::vec3 side = noiseVector(p, 4.0f, o.seed + 20);
    glm::vec3 d{side.x * 0.5f, side.y * 0.5f, h * (0.35f + 0.65f * top)};
    // The hanging hem ripples more than the part lying on the mattress.
    float hem = 1.0f - top;
    d.x += hem * std::sin(p.y * 21.0f + side.z * 2.0f) * 0.6f;
    d.y += hem * std::sin(p.x * 19.0f + side.x * 2.0f) * 0.6f;
    return p + d * o.amplitude;
}

glm::vec3 deformPillow(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    glm::vec3 c = (lo + hi) * 0.5f, h = (hi - lo) * 0.5f;
    p = roundBox(p, lo, hi, std::min(h.z * 0.9f, 0.05f));
    float ex = std::pow(std::min(std::abs(p.x - c.x) / h.x, 1.0f), 3.0f);
    float ey = std::pow(std::min(std::abs(p.y - c.y) / h.y, 1.0f), 3.0f);
    float puff = (1.0f - ex) * (1.0f - ey);
    float z = (p.z - c.z) * (0.25f + 0.75f * puff);
    // Where a head rested: a soft hollow off-centre on the top.
    glm::vec2 dent = glm::vec2(p.x - c.x + h.x * 0.15f, p.y - c.y) / glm::vec2(h.x * 0.5f, h.y * 0.55f);
    float hollow = std::exp(-glm::dot(dent, dent)) * (p.z > c.z ? 1.0f : 0.0f);
    z -= hollow * h.z * 0.45f;
    glm::vec3 n = noiseVector(p, 9.0f, o.seed);
    return glm::vec3(p.x, p.y, c.z + z) + n * o.amplitude;
}

glm::vec3 deformCurtain(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    float down = 1.0f - smoothStep(lo.z, hi.z, p.z); // 0 at the rod, 1 at the hem
    float pleat =
        std::sin(p.y * 2.0f * 3.14159265f / 0.11f + fbm(glm::vec2(p.y * 3.0f, p.z * 1.5f), 2, o.seed) * 2.5f);
    float depth = o.amplitude * (0.8f + 0.35f * down);
    glm::vec3 n = noiseVector(p, 5.0f, o.seed + 9) * 0.004f;
    return p + glm::vec3(pleat * depth, 0.0f, 0.0f) + n;
}

glm::vec3 deformRug(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    float lift = fbm(glm::vec2(p.x, p.y) * 1.3f, 2, o.seed) * 0.5f + 0.5f;
    // One corner has curled up a little.
    glm::vec2 corner = glm::vec2(p.x - hi.x, p.y - lo.y);
    float curl = std::max(0.0f, 1.0f - glm::length(corner) / 0.22f);
    return p + glm::vec3(0.0f, 0.0f, lift * o.amplitude + curl * curl * 0.025f);
}

glm::vec3 deformFold(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    float c = (lo.y + hi.y) * 0.5f, h = (hi.y - lo.y) * 0.5f; // folded across local y
    float tent = 1.0f - std::min(std::abs(p.y - c) / h, 1.0f);
    float corner = fbm(glm::vec2(p.x, p.y) * 12.0f, 2, o.seed) * 0.15f;
    return p + glm::vec3(0.0f, 0.0f, o.amplitude * (tent * tent * 0.85f + tent * 0.15f + corner * tent));
}

glm::vec3 deformPuff(const Object& o, glm::vec3 p) {
    glm::vec3 lo = o.deformLo, hi = o.deformHi;
    glm::vec3 h = (hi - lo) * 0.5f;
    p = roundBox(p, lo, hi, std::min({h.x, h.y, h.z}) * 0.6f);
    return p + noiseVector(p, 7.0f, o.seed) * o.amplitude;
}

// A shoe rises from a low toe (at lo.y) to a high heel.
glm::vec3 deformShoe(const Object& o, glm::vec3 p) {
    float rise = 0.45f + 0.55f * smoothStep(o.deformLo.y, o.deformHi.y * 0.6f, p.y);
    return glm::vec3(p.x, p.y, o.deformLo.z + (p.z - o.deformLo.z) * rise) +
           noiseVector(p, 30.0f, o.seed) * o.amplitude;
}

} // namespace

glm::vec3 deformPoint(const Object& o, glm::vec3 p) {
    switch (o.deform) {
    case Deform::None: return p;
    case Deform::Noise: return p + noiseVector(p, 3.0f, o.seed) * o.amplitude;
    case Deform::Duvet: return deformDuvet(o, p);
    case Deform::Pillow: return deformPillow(o, p);
    case Deform::Curtain: return deformCurtain(o, p);
    case Deform::Rug: return deformRug(o, p);
    case Deform::Fold: return deformFold(o, p);
    case Deform::Puff: return deformPuff(o, p);
    case Deform::Shoe: return deformShoe(o, p);
    }
    return p;
}

} // namespace sr::demo
