#pragma once
// Procedural materials: what each surface looks like before light, as linear RGB albedo, and the
// few surfaces that glow (window glass). Painters work in chart coordinates (metres).
#include <glm/glm.hpp>

#include "scene_model.h"

namespace sr::demo {

// Linear-light albedo of `surface` at chart point `uv`. `texel` is the size of one texel in
// metres, used to soften edges so nothing aliases.
glm::vec3 albedoAt(const Surface& surface, glm::vec2 uv, float texel);
// Linear radiance emitted at `uv` (black for everything but glass).
glm::vec3 emissionAt(const Surface& surface, glm::vec2 uv);

// sRGB hex colour (0xRRGGBB) as linear RGB.
glm::vec3 hexColor(uint32_t rgb);
// Anti-aliased coverage of a region whose signed distance (metres, negative inside) is `d`.
float coverage(float d, float texel);

// Painters for small objects (paint_objects.cpp); albedoAt dispatches to them.
glm::vec3 paintObject(const Surface& surface, glm::vec2 uv, float texel);

} // namespace sr::demo
