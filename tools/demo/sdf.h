#pragma once
// A signed distance field of a room, built from boxes and ellipsoids, used only to bake light:
// soft shadows, ambient occlusion and clear-line checks for photo cameras.
#include <glm/glm.hpp>

#include "scene_model.h"

namespace sr::demo {

class SceneSdf {
public:
    explicit SceneSdf(const Scene& scene) : mScene(scene) {}

    // Distance from world point `p` to the nearest primitive other than `skipPrim` (-1: none).
    // Negative inside. A lower bound for ellipsoids, exact for boxes.
    float distance(glm::vec3 p, int skipPrim = -1) const;
    // Fraction of light arriving along `dir` (unit) from `from` over (tMin, tMax), with
    // penumbrae widened by 1 / k. 1 = unshadowed.
    float softShadow(glm::vec3 from, glm::vec3 dir, float tMin, float tMax, float k, int skipPrim) const;
    // Ambient occlusion over a ~30 cm neighbourhood along `n`: 1 open, towards 0 enclosed.
    float ambientOcclusion(glm::vec3 p, glm::vec3 n, int skipPrim) const;
    // True when the segment a-b stays at least `clearance` from every primitive, ignoring the last
    // `ignoreEnd` metres before b (where the object looked at lies).
    bool segmentClear(glm::vec3 a, glm::vec3 b, float clearance, float ignoreEnd) const;

private:
    const Scene& mScene;
};

} // namespace sr::demo
