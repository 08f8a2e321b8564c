#include "sdf.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sr::demo {
namespace {

float boxDistance(glm::vec3 q, glm::vec3 half) {
    glm::vec3 d = glm::abs(q) - half;
    return glm::length(glm::max(d, 0.0f)) + std::min(std::max(d.x, std::max(d.y, d.z)), 0.0f);
}

float ellipsoidDistance(glm::vec3 q, glm::vec3 r) {
    float k0 = glm::length(q / r);
    float k1 = glm::length(q / (r * r));
    if (k1 < 1e-9f) return -std::min(r.x, std::min(r.y, r.z));
    return k0 * (k0 - 1.0f) / k1;
}

float primDistance(const SdfPrim& prim, glm::vec3 p) {
    glm::vec3 d = p - prim.center;
    glm::vec3 q{prim.cosR * d.x + prim.sinR * d.y, -prim.sinR * d.x + prim.cosR * d.y, d.z};
    return prim.kind == PrimKind::Box ? boxDistance(q, prim.half) : ellipsoidDistance(q, prim.half);
}

float aabbDistance(glm::vec3 p, glm::vec3 lo, glm::vec3 hi) {
    glm::vec3 d = glm::max(glm::max(lo - p, p - hi), 0.0f);
    return glm::length(d);
}

} // namespace

float SceneSdf::distance(glm::vec3 p, int skipPrim) const {
    float best = std::numeric_limits<float>::max();
    for (const SdfGroup& g : mScene.groups) {
        if (aabbDistance(p, g.lo, g.hi) >= best) continue;
        for (uint32_t i = g.first; i < g.first + g.count; ++i) {
            if (int(i) == skipPrim) continue;
            best = std::min(best, primDistance(mScene.prims[i], p));
        }
    }
    return best;
}

float SceneSdf::softShadow(glm::vec3 from, glm::vec3 dir, float tMin, float tMax, float k,
                           int skipPrim) const {
    float result = 1.0f;
    float t = tMin;
    for (int i = 0; i < 96 && t < tMax; ++i) {
        float h = distance(from + dir * t, skipPrim);
        if (h < 0.0005f) return 0.0f;
        result = std::min(result, k * h / t);
        t += std::clamp(h, 0.006f, 0.3f);
    }
    result = std::clamp(result, 0.0f, 1.0f);
    return result * result * (3.0f - 2.0f * result);
}

float SceneSdf::ambientOcclusion(glm::vec3 p, glm::vec3 n, int skipPrim) const {
    float occlusion = 0.0f;
    float weight = 1.0f;
    const float steps[5] = {0.02f, 0.06f, 0.12f, 0.2f, 0.32f};
    for (float h : steps) {
        float d = distance(p + n * h, skipPrim);
        occlusion += weight * std::max(0.0f, h - d) / h;
        weight *= 0.75f;
    }
    return std::clamp(1.0f - 0.42f * occlusion, 0.0f, 1.0f);
}

bool SceneSdf::segmentClear(glm::vec3 a, glm::vec3 b, float clearance, float ignoreEnd) const {
    float length = glm::length(b - a);
    glm::vec3 dir = (b - a) / length;
    float t = 0.0f;
    while (t < length - ignoreEnd) {
        float h = distance(a + dir * t);
        if (h < clearance) return false;
        t += std::max(h - clearance * 0.5f, 0.002f);
    }
    return true;
}

} // namespace sr::demo
