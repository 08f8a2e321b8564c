#pragma once
// Helpers that add objects, their surfaces and their distance-field primitives to a Scene.
#include <array>
#include <cstdint>
#include <span>

#include <glm/glm.hpp>

#include "scene_model.h"

namespace sr::demo {

// Box faces, for masks and per-face paints: -X, +X, -Y, +Y, -Z (bottom), +Z (top).
enum BoxFace : uint8_t { kNegX = 1, kPosX = 2, kNegY = 4, kPosY = 8, kNegZ = 16, kPosZ = 32 };
constexpr uint8_t kAllFaces = 63;
constexpr uint8_t kNoBottom = 63 & ~kNegZ;

class SceneBuilder {
public:
    SceneBuilder(Scene& scene, uint32_t seed) : mScene(scene), mSeed(seed) {}

    // Starts an object; everything added until endObject() belongs to it and shares one
    // distance-field group. `spacing` is the target triangle edge, metres. The object starts with
    // a slight scan-like unevenness (Deform::Noise, 3% of the spacing) until setDeform.
    uint32_t beginObject(glm::vec3 translation, float rotationDeg = 0.0f, float spacing = 0.04f);
    void endObject();
    Object& object() { return mScene.objects[mObject]; }
    // Shapes the current object's deform around the local box [lo, hi].
    void setDeform(Deform deform, glm::vec3 lo, glm::vec3 hi, float amplitude);

    // Distance-field primitives in object-local coordinates; return the primitive index.
    int boxPrim(glm::vec3 lo, glm::vec3 hi);
    int ellipsoidPrim(glm::vec3 center, glm::vec3 radii);

    // An axis-aligned box (object-local), one chart per face in `faces`.
    void box(glm::vec3 lo, glm::vec3 hi, Paint paint, uint8_t faces = kAllFaces, bool prim = true);
    void box(glm::vec3 lo, glm::vec3 hi, const std::array<Paint, 6>& paints, uint8_t faces = kAllFaces,
             bool prim = true, uint32_t variant = 0);
    // A single rectangle; `u`, `v` orthonormal, normal u x v.
    Surface& quad(glm::vec3 origin, glm::vec3 u, glm::vec3 v, glm::vec2 size, Paint paint, int prim = -1);
    // Curved shapes around `axis` (unit) through `center` (for a cone: the base centre).
    Surface& cone(glm::vec3 base, glm::vec3 axis, float r0, float r1, float height, Paint paint,
                  int prim = -1);
    Surface& disc(glm::vec3 center, glm::vec3 axis, float radius, Paint paint, int prim = -1);
    Surface& torus(glm::vec3 center, glm::vec3 axis, float ring, float tube, Paint paint, int prim = -1);
    Surface& ellipsoid(glm::vec3 center, glm::vec3 radii, Paint paint, bool prim = true,
                       glm::vec3 axis = {0, 0, 1});

    // Texel density (relative to the room's) for surfaces added from now until the next object.
    void setDensity(float density) { mDensity = density; }

    uint32_t nextSeed();

private:
    Surface& add(Surface s);

    Scene& mScene;
    uint32_t mSeed;
    uint32_t mObject = 0;
    uint32_t mGroupFirst = 0;
    float mDensity = 1.0f;
};

// Two unit vectors u, v with u x v = axis.
void frameFromAxis(glm::vec3 axis, glm::vec3& u, glm::vec3& v);

enum class Wall : uint8_t { South, North, West, East }; // y = 0, y = depth, x = 0, x = width
struct Opening {
    Wall wall = Wall::South;
    float along0 = 0, along1 = 0; // world x (south, north walls) or y (west, east walls)
    float z0 = 0, z1 = 0;
    float depth = 0.18f; // to the glass or the door leaf
    bool window = true;
};
struct ShellPaints {
    Paint wall = Paint::Wall, floor = Paint::FloorWood, ceiling = Paint::Ceiling;
    Paint windowReveal = Paint::Wall, doorReveal = Paint::Trim, door = Paint::Door, glass = Paint::Glass;
};

// The room's floor, walls and ceiling as one crack-free object, with openings (reveals and the
// glass or the door leaf at their back), the wall slabs as distance-field primitives, and a
// WindowLight for each window. The room spans [0, size].
void buildShell(SceneBuilder& builder, Scene& scene, glm::vec3 size, std::span<const Opening> openings,
                const ShellPaints& paints, float spacing);

} // namespace sr::demo
