#pragma once
// Baked daylight: sun through the window, the window as a soft area light, warm bounce from the
// sun patch and ambient fill, all shadowed with the room's distance field.
#include <vector>

#include <glm/glm.hpp>

#include "geometry.h"
#include "scene_model.h"
#include "sdf.h"

namespace sr::demo {

// Linear irradiance (relative units) arriving at a surface point.
glm::vec3 irradianceAt(const Scene& scene, const SceneSdf& sdf, const SurfacePoint& point, int skipPrim,
                       float deformAmplitude);

// Irradiance sampled on a regular grid over one chart, interpolated bilinearly in between.
struct ChartLighting {
    int columns = 0, rows = 0;
    glm::vec2 size{0.0f};
    std::vector<glm::vec3> samples; // row-major, rows along v
    glm::vec3 at(glm::vec2 uv) const;
};

// Samples roughly every `spacing` metres (at least 2 x 2).
ChartLighting bakeChartLighting(const Scene& scene, const SceneSdf& sdf, const Surface& surface,
                                float spacing);

// Photographic response: linear radiance to display sRGB in [0, 1], with a soft shoulder.
glm::vec3 toneMap(glm::vec3 radiance, float exposure);

} // namespace sr::demo
