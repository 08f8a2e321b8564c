#include "atlas.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "core/log.h"
#include "paint.h"
#include "random.h"
#include "sdf.h"

namespace sr::demo {
namespace {

std::optional<AtlasLayout> tryPack(const Scene& scene, uint32_t atlasSize, uint32_t maxAtlases, int padding,
                                   float ppm) {
    AtlasLayout layout;
    layout.size = atlasSize;
    layout.padding = padding;
    layout.texelsPerMetre = ppm;
    layout.charts.resize(scene.surfaces.size());
    std::vector<glm::ivec2> padded(scene.surfaces.size());
    for (size_t i = 0; i < scene.surfaces.size(); ++i) {
        const Surface& s = scene.surfaces[i];
        glm::ivec2 inner{std::max(1, int(std::ceil(s.size.x * ppm * s.density))),
                         std::max(1, int(std::ceil(s.size.y * ppm * s.density)))};
        layout.charts[i].inner = inner;
        padded[i] = inner + 2 * padding;
        if (padded[i].x > int(atlasSize) || padded[i].y > int(atlasSize)) return std::nullopt;
    }
    std::vector<uint32_t> order(scene.surfaces.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return padded[a].y != padded[b].y ? padded[a].y > padded[b].y : padded[a].x > padded[b].x;
    });
    uint32_t atlas = 0;
    int x = 0, y = 0, shelf = 0;
    for (uint32_t i : order) {
        glm::ivec2 p = padded[i];
        if (x + p.x > int(atlasSize)) {
            x = 0;
            y += shelf;
            shelf = 0;
        }
        if (y + p.y > int(atlasSize)) {
            if (++atlas == maxAtlases) return std::nullopt;
            x = y = shelf = 0;
        }
        layout.charts[i].atlas = atlas;
        layout.charts[i].origin = {x, y};
        x += p.x;
        shelf = std::max(shelf, p.y);
    }
    layout.count = atlas + 1;
    return layout;
}

// Fills texels no chart covers with averages of ever coarser neighbourhoods (push-pull).
void fillEmpty(core::Image8& image, const std::vector<uint8_t>& covered) {
    struct Level {
        int size;
        std::vector<glm::vec4> sum; // rgb * weight, weight
    };
    std::vector<Level> levels;
    Level base{int(image.width), std::vector<glm::vec4>(covered.size())};
    for (size_t i = 0; i < covered.size(); ++i) {
        const uint8_t* p = image.pixels.data() + i * 4;
        base.sum[i] = covered[i] ? glm::vec4(p[0], p[1], p[2], 1.0f) : glm::vec4(0.0f);
    }
    levels.push_back(std::move(base));
    while (levels.back().size > 1) {
        const Level& fine = levels.back();
        Level coarse{fine.size / 2, std::vector<glm::vec4>(size_t(fine.size / 2) * (fine.size / 2))};
        for (int y = 0; y < coarse.size; ++y)
            for (int x = 0; x < coarse.size; ++x) {
                const glm::vec4* r0 = &fine.sum[size_t(2 * y) * fine.size + 2 * x];
                const glm::vec4* r1 = r0 + fine.size;
                coarse.sum[size_t(y) * coarse.size + x] = r0[0] + r0[1] + r1[0] + r1[1];
            }
        levels.push_back(std::move(coarse));
    }
    for (size_t l = levels.size() - 1; l-- > 0;) {
        Level& fine = levels[l];
        const Level& coarse = levels[l + 1];
        for (int y = 0; y < fine.size; ++y)
            for (int x = 0; x < fine.size; ++x) {
                glm::vec4& v = fine.sum[size_t(y) * fine.size + x];
                if (v.w > 0.0f) continue;
                glm::vec4 c = coarse.sum[size_t(y / 2) * coarse.size + x / 2];
                v = c.w > 0.0f ? c / c.w : glm::vec4(128, 128, 128, 1);
            }
    }
    const Level& top = levels[0];
    for (size_t i = 0; i < covered.size(); ++i) {
        if (covered[i]) continue;
        glm::vec4 c = top.sum[i] / std::max(top.sum[i].w, 1e-6f);
        uint8_t* p = image.pixels.data() + i * 4;
        p[0] = uint8_t(std::clamp(c.x, 0.0f, 255.0f) + 0.5f);
        p[1] = uint8_t(std::clamp(c.y, 0.0f, 255.0f) + 0.5f);
        p[2] = uint8_t(std::clamp(c.z, 0.0f, 255.0f) + 0.5f);
    }
}

void bakeChart(const Scene& scene, const SceneSdf& sdf, const AtlasLayout& layout, uint32_t index,
               const BakeSettings& settings, core::Image8& image, std::vector<uint8_t>& covered) {
    const Surface& s = scene.surfaces[index];
    const ChartPlacement& c = layout.charts[index];
    ChartLighting lighting = bakeChartLighting(scene, sdf, s, settings.lightSpacing);
    float texel = texelSize(layout, s);
    int pad = layout.padding;
    for (int py = 0; py < c.inner.y + 2 * pad; ++py) {
        float fy = (float(py - pad) + 0.5f) / float(c.inner.y);
        float v = std::clamp(1.0f - fy, 0.0f, 1.0f) * s.size.y;
        for (int px = 0; px < c.inner.x + 2 * pad; ++px) {
            float u = std::clamp((float(px - pad) + 0.5f) / float(c.inner.x), 0.0f, 1.0f) * s.size.x;
            glm::vec3 colour = shadeSurface(scene, s, lighting, {u, v}, texel);
            uint32_t ax = uint32_t(c.origin.x + px), ay = uint32_t(c.origin.y + py);
            uint64_t h = hash3(ax, ay, c.atlas + 1);
            float luma = (signedFloat(h) + signedFloat(mix64(h))) * 0.5f * settings.grain * 1.7f;
            glm::vec3 chroma{signedFloat(h >> 8), signedFloat(h >> 16), signedFloat(h >> 24)};
            colour += luma + chroma * (settings.grain * 0.35f);
            uint8_t* p = image.at(ax, ay);
            for (int k = 0; k < 3; ++k) p[k] = uint8_t(std::clamp(colour[k], 0.0f, 1.0f) * 255.0f + 0.5f);
            p[3] = 255;
            covered[size_t(ay) * image.width + ax] = 1;
        }
    }
}

} // namespace

core::Result<AtlasLayout> packAtlases(const Scene& scene, uint32_t atlasSize, uint32_t maxAtlases,
                                      int padding) {
    double weighted = 0.0;
    for (const Surface& s : scene.surfaces) weighted += double(s.size.x) * s.size.y * s.density * s.density;
    if (weighted <= 0.0 || maxAtlases == 0)
        return core::makeError("", "nothing to pack into texture atlases");
    float ppm = float(std::sqrt(0.9 * double(atlasSize) * atlasSize * maxAtlases / weighted));
    for (int attempt = 0; attempt < 80; ++attempt, ppm *= 0.97f) {
        if (auto layout = tryPack(scene, atlasSize, maxAtlases, padding, ppm)) return *layout;
    }
    return core::makeError(
        "", core::concat("charts do not fit ", maxAtlases, " atlases of ", atlasSize, " texels"));
}

float texelSize(const AtlasLayout& layout, const Surface& s) {
    return 1.0f / (layout.texelsPerMetre * s.density);
}

glm::vec2 objTexCoord(const AtlasLayout& layout, const Surface& s, uint32_t index, glm::vec2 uv) {
    const ChartPlacement& c = layout.charts[index];
    float x = float(c.origin.x + layout.padding) + uv.x / s.size.x * float(c.inner.x);
    float y = float(c.origin.y + layout.padding) + (1.0f - uv.y / s.size.y) * float(c.inner.y);
    return {x / float(layout.size), 1.0f - y / float(layout.size)};
}

glm::vec3 shadeSurface(const Scene& scene, const Surface& s, const ChartLighting& lighting, glm::vec2 uv,
                       float texel) {
    glm::vec3 radiance = albedoAt(s, uv, texel) * lighting.at(uv) + emissionAt(s, uv);
    return toneMap(radiance, scene.light.exposure);
}

std::vector<core::Image8> bakeAtlases(const Scene& scene, const AtlasLayout& layout,
                                      const BakeSettings& settings) {
    SceneSdf sdf(scene);
    std::vector<core::Image8> pages;
    std::vector<std::vector<uint8_t>> covered;
    for (uint32_t i = 0; i < layout.count; ++i) {
        pages.emplace_back(layout.size, layout.size);
        covered.emplace_back(size_t(layout.size) * layout.size, 0);
    }
    for (uint32_t i = 0; i < scene.surfaces.size(); ++i) {
        uint32_t page = layout.charts[i].atlas;
        bakeChart(scene, sdf, layout, i, settings, pages[page], covered[page]);
    }
    for (uint32_t i = 0; i < layout.count; ++i) fillEmpty(pages[i], covered[i]);
    return pages;
}

} // namespace sr::demo
