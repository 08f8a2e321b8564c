#pragma once
// Evaluating surfaces (chart coordinates to world positions and normals) and tessellating them
// into the irregular triangles a photogrammetry scan has.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "scene_model.h"

namespace sr::demo {

// Object-local position of chart point `uv` (metres) before any deform.
glm::vec3 evalLocal(const Surface& surface, glm::vec2 uv);
// The object's displacement applied to a local position. A function of position only.
glm::vec3 deformPoint(const Object& object, glm::vec3 local);
// Object-local to world (rotation about +Z, then translation).
glm::vec3 toWorld(const Object& object, glm::vec3 local);
glm::vec3 directionToWorld(const Object& object, glm::vec3 local);

struct SurfacePoint {
    glm::vec3 position; // world, deformed
    glm::vec3 normal;   // world, unit, of the deformed surface
    glm::vec3 base;     // world, undeformed (lies on the surface's distance-field primitive)
    glm::vec3 baseNormal;
    float height = 0.0f; // deform offset along the base normal, metres
};
// Position and normal of a chart point. Normals come from finite differences of the deformed
// surface, so folds and rounded edges shade; they fall back to the undeformed normal at poles.
SurfacePoint evalSurface(const Scene& scene, const Surface& surface, glm::vec2 uv);

// A triangle soup grouped by surface: vertices carry their chart coordinates (metres).
struct TriMesh {
    struct Vertex {
        glm::vec3 position; // world
        glm::vec2 uv;       // chart metres
        uint32_t surface;
    };
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices; // counter-clockwise seen from the outside
};

// Tessellates every surface. Quads become jittered grids whose edges are shared exactly with
// neighbouring patches (same points on both sides), so the mesh has no cracks. `spacingScale`
// multiplies every object's triangle spacing (a denser mesh for vertex colours).
TriMesh tessellate(const Scene& scene, float spacingScale = 1.0f);

// Points on the segment a-b that every patch sharing it computes identically, whatever the
// direction it walks the edge. Positions are written to `points`, the parameter from a to b to
// `params`; both hold n + 1 entries.
void sharedEdgePoints(glm::vec3 a, glm::vec3 b, int n, std::vector<glm::vec3>& points,
                      std::vector<float>& params);
// Number of segments for an edge of the given spacing; the same whichever end comes first.
int edgeSegments(glm::vec3 a, glm::vec3 b, float spacing);
// Rounds to a 1/4096 m grid so corners computed along different paths compare equal.
glm::vec3 quantizePoint(glm::vec3 p);

} // namespace sr::demo
