#pragma once
// Texture atlases in the manner of a photogrammetry tool: every surface's chart packed onto a few
// square pages, with light, grain and colour noise baked in.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"
#include "lighting.h"
#include "scene_model.h"

namespace sr::demo {

struct ChartPlacement {
    uint32_t atlas = 0;
    glm::ivec2 origin{0}; // top-left of the padded rectangle, texels
    glm::ivec2 inner{0};  // chart size without padding, texels
};

struct AtlasLayout {
    uint32_t size = 0;  // texels per side
    uint32_t count = 0; // pages used
    int padding = 0;    // texels of bleed around every chart
    float texelsPerMetre = 0.0f;
    std::vector<ChartPlacement> charts; // one per Scene::surfaces entry
};

// Packs every chart with a shelf packer into at most `maxAtlases` pages of `atlasSize` texels,
// choosing the largest texel density that fits. Fails only for impossible requests.
core::Result<AtlasLayout> packAtlases(const Scene& scene, uint32_t atlasSize, uint32_t maxAtlases,
                                      int padding);

// Texture coordinate of chart point `uv` in OBJ convention: (0, 0) is the bottom-left of the
// image as stored, so an importer that flips v lands on the top-left convention.
glm::vec2 objTexCoord(const AtlasLayout& layout, const Surface& surface, uint32_t index, glm::vec2 uv);

// Metres per texel on a surface.
float texelSize(const AtlasLayout& layout, const Surface& surface);

struct BakeSettings {
    float lightSpacing = 0.03f; // metres between light samples
    float grain = 0.012f;       // standard-ish deviation of the sensor grain, display units
};

// Display colour (sRGB, 0..1) of a surface point lit by its chart's light.
glm::vec3 shadeSurface(const Scene& scene, const Surface& surface, const ChartLighting& lighting,
                       glm::vec2 uv, float texel);

// Bakes every page: charts painted and lit over their padding (edge texels repeated), then the
// unused space filled from coarser averages so mipmaps do not bleed dark seams.
std::vector<core::Image8> bakeAtlases(const Scene& scene, const AtlasLayout& layout,
                                      const BakeSettings& settings);

} // namespace sr::demo
