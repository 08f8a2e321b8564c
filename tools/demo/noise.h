#pragma once
// Smooth gradient noise for painting textures and rumpling cloth. Deterministic for a build.
#include <cstdint>

#include <glm/glm.hpp>

namespace sr::demo {

// Gradient noise on the integer lattice, roughly in [-1, 1], zero at lattice points.
// `seed` selects an independent field.
float gradientNoise(glm::vec3 p, uint32_t seed);
// Fractal sum of `octaves` layers (lacunarity ~2, gain 0.5), normalised to roughly [-1, 1].
float fbm(glm::vec3 p, int octaves, uint32_t seed);
// Two-dimensional conveniences (a slice of the 3-D field).
inline float gradientNoise(glm::vec2 p, uint32_t seed) { return gradientNoise(glm::vec3(p, 0.37f), seed); }
inline float fbm(glm::vec2 p, int octaves, uint32_t seed) { return fbm(glm::vec3(p, 0.37f), octaves, seed); }

// Smooth Hermite step, like GLSL smoothstep, safe for e0 == e1.
float smoothStep(float e0, float e1, float x);

} // namespace sr::demo
