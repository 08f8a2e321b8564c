#include "lighting.h"

#include <algorithm>
#include <cmath>

#include "noise.h"
#include "random.h"

namespace sr::demo {
namespace {

// Irradiance from a uniformly bright polygon (radiance 1) at a point with normal n, by the
// contour integral; the polygon is clipped to the hemisphere above the point first.
float polygonIrradiance(const std::vector<glm::vec3>& corners, glm::vec3 p, glm::vec3 n) {
    std::vector<glm::vec3> poly;
    const float eps = 1e-4f;
    for (size_t i = 0; i < corners.size(); ++i) {
        glm::vec3 a = corners[i] - p, b = corners[(i + 1) % corners.size()] - p;
        float da = glm::dot(a, n) - eps, db = glm::dot(b, n) - eps;
        if (da >= 0) poly.push_back(a);
        if ((da >= 0) != (db >= 0)) poly.push_back(a + (b - a) * (da / (da - db)));
    }
    if (poly.size() < 3) return 0.0f;
    float sum = 0.0f;
    for (size_t i = 0; i < poly.size(); ++i) {
        glm::vec3 a = glm::normalize(poly[i]), b = glm::normalize(poly[(i + 1) % poly.size()]);
        float c = std::clamp(glm::dot(a, b), -1.0f, 1.0f);
        glm::vec3 g = glm::cross(a, b);
        float len = glm::length(g);
        if (len < 1e-8f) continue;
        sum += std::acos(c) * glm::dot(g / len, n);
    }
    return std::abs(sum) * 0.5f;
}

glm::vec3 windowLight(const Scene& scene, const SceneSdf& sdf, glm::vec3 from, glm::vec3 n, int skip) {
    glm::vec3 total{0.0f};
    for (const WindowLight& w : scene.light.windows) {
        glm::vec3 mouth = w.origin;
        glm::vec3 rel = from - mouth;
        glm::vec2 across{glm::dot(rel, w.edgeU) / glm::dot(w.edgeU, w.edgeU),
                         glm::dot(rel, w.edgeV) / glm::dot(w.edgeV, w.edgeV)};
        bool inReveal = glm::dot(rel, w.inward) <= 0.0f && across.x > -0.1f && across.x < 1.1f &&
                        across.y > -0.1f && across.y < 1.1f;
        glm::vec3 o = inReveal ? mouth - w.inward * w.depth : mouth; // the glass lights its own reveal
        std::vector<glm::vec3> corners{o, o + w.edgeU, o + w.edgeU + w.edgeV, o + w.edgeV};
        float e = polygonIrradiance(corners, from, n);
        if (inReveal) {
            // The bright reveal bounces daylight onto everything in it, frames included.
            float facing = 0.5f + 0.5f * glm::dot(n, w.inward);
            total += scene.light.skyColor * (e + 0.3f + 0.25f * facing);
            continue;
        }
        if (e <= 0.0f) continue;
        float visible = 0.0f;
        for (int i = 0; i < 4; ++i) {
            glm::vec3 target =
                mouth + w.edgeU * (0.25f + 0.5f * float(i & 1)) + w.edgeV * (0.25f + 0.5f * float(i >> 1));
            glm::vec3 d = target - from;
            float dist = glm::length(d);
            visible += sdf.softShadow(from, d / dist, 0.02f, dist - 0.05f, 5.0f, skip);
        }
        total += scene.light.skyColor * (e * visible * 0.25f);
    }
    return total;
}

} // namespace

glm::vec3 irradianceAt(const Scene& scene, const SceneSdf& sdf, const SurfacePoint& sp, int skip,
                       float amplitude) {
    const LightRig& light = scene.light;
    glm::vec3 n = sp.normal;
    glm::vec3 from = sp.base + sp.baseNormal * 0.008f;
    float cavity = 1.0f;
    if (amplitude > 0.0f)
        cavity = 0.72f + 0.28f * std::clamp(0.5f + 0.5f * sp.height / amplitude, 0.0f, 1.0f);

    glm::vec3 e{0.0f};
    float cosSun = glm::dot(n, light.sunDir);
    if (cosSun > 0.0f)
        e += light.sunColor * (cosSun * sdf.softShadow(from, light.sunDir, 0.02f, 7.0f, 24.0f, skip));
    e += windowLight(scene, sdf, from, n, skip) * std::sqrt(cavity);

    float ao = sdf.ambientOcclusion(from, n, skip) * cavity;
    glm::vec3 toBounce = light.bounceAt - sp.position;
    float dist2 = glm::dot(toBounce, toBounce);
    glm::vec3 l = toBounce / std::sqrt(std::max(dist2, 1e-6f));
    float bounce = std::max(0.0f, glm::dot(n, l)) * std::max(0.0f, -l.z + 0.15f) / (1.0f + dist2 * 0.9f);
    e += light.bounceColor * (bounce * ao);
    e += light.ambient * (ao * (0.9f + 0.1f * n.z));
    return e;
}

glm::vec3 ChartLighting::at(glm::vec2 uv) const {
    float x = std::clamp(uv.x / size.x, 0.0f, 1.0f) * float(columns - 1);
    float y = std::clamp(uv.y / size.y, 0.0f, 1.0f) * float(rows - 1);
    int x0 = std::min(int(x), columns - 2), y0 = std::min(int(y), rows - 2);
    float fx = x - float(x0), fy = y - float(y0);
    const glm::vec3* row0 = &samples[size_t(y0) * columns];
    const glm::vec3* row1 = row0 + columns;
    glm::vec3 a = row0[x0] + (row0[x0 + 1] - row0[x0]) * fx;
    glm::vec3 b = row1[x0] + (row1[x0 + 1] - row1[x0]) * fx;
    return a + (b - a) * fy;
}

ChartLighting bakeChartLighting(const Scene& scene, const SceneSdf& sdf, const Surface& surface,
                                float spacing) {
    ChartLighting lighting;
    lighting.size = surface.size;
    lighting.columns = std::max(2, int(std::ceil(surface.size.x / spacing)) + 1);
    lighting.rows = std::max(2, int(std::ceil(surface.size.y / spacing)) + 1);
    lighting.samples.resize(size_t(lighting.columns) * lighting.rows);
    float amplitude = scene.objects[surface.object].deform == Deform::Noise
                          ? 0.0f
                          : scene.objects[surface.object].amplitude;
    glm::vec2 inset = glm::min(glm::vec2(0.004f), surface.size * 0.2f);
    // Each chart was textured from a different photograph, exposed a little differently.
    float exposure = 1.0f + 0.025f * signedFloat(mix64(surface.seed));
    for (int j = 0; j < lighting.rows; ++j) {
        for (int i = 0; i < lighting.columns; ++i) {
            glm::vec2 uv{float(i) / float(lighting.columns - 1) * surface.size.x,
                         float(j) / float(lighting.rows - 1) * surface.size.y};
            uv = glm::clamp(uv, inset, surface.size - inset);
            SurfacePoint sp = evalSurface(scene, surface, uv);
            // Neighbouring photographs of a real scan never agree exactly on white balance.
            glm::vec3 q = sp.position * 1.7f;
            glm::vec3 cast{1.0f + 0.03f * gradientNoise(q, 71), 1.0f + 0.02f * gradientNoise(q, 72),
                           1.0f + 0.03f * gradientNoise(q, 73)};
            lighting.samples[size_t(j) * lighting.columns + i] =
                irradianceAt(scene, sdf, sp, surface.sdfPrim, amplitude) * cast * exposure;
        }
    }
    return lighting;
}

glm::vec3 toneMap(glm::vec3 radiance, float exposure) {
    glm::vec3 x = radiance * exposure;
    // A filmic-looking curve: linear toe, soft shoulder that never clips hard.
    glm::vec3 mapped = glm::vec3(1.0f) - glm::exp(-x * 1.1f);
    mapped = glm::mix(mapped, x / (x + 0.55f), 0.25f);
    glm::vec3 out;
    for (int c = 0; c < 3; ++c) {
        float v = std::clamp(mapped[c], 0.0f, 1.0f);
        out[c] = v <= 0.0031308f ? v * 12.92f : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
    }
    return out;
}

} // namespace sr::demo
