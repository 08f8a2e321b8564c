// The room's shell: floor, ceiling and walls with their openings, joined without cracks.
#include <algorithm>
#include <cmath>

#include "builder.h"

namespace sr::demo {
namespace {

constexpr float kSlab = 0.25f; // wall, floor and ceiling thickness in the distance field

struct WallFrame {
    glm::vec3 origin, u, v; // inside face; normal u x v points into the room
    float length;
};

WallFrame wallFrame(Wall wall, glm::vec3 size) {
    switch (wall) {
    case Wall::South: return {{size.x, 0, 0}, {-1, 0, 0}, {0, 0, 1}, size.x};
    case Wall::North: return {{0, size.y, 0}, {1, 0, 0}, {0, 0, 1}, size.x};
    case Wall::West: return {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}, size.y};
    case Wall::East: return {{size.x, size.y, 0}, {0, -1, 0}, {0, 0, 1}, size.y};
    }
    return {};
}

// Converts an opening's world range along its wall into the wall's u range.
glm::vec2 openingU(const WallFrame& f, const Opening& o) {
    int axis = std::abs(f.u.x) > 0.5f ? 0 : 1;
    float a = (o.along0 - f.origin[axis]) * f.u[axis];
    float b = (o.along1 - f.origin[axis]) * f.u[axis];
    return {std::min(a, b), std::max(a, b)};
}

// Adds every world split coordinate that crosses the quad's chart, axis by axis.
void applySplits(Surface& s, const std::vector<float> splits[3]) {
    for (int axis = 0; axis < 3; ++axis) {
        for (float c : splits[axis]) {
            if (std::abs(s.axisU[axis]) > 0.5f) s.splitsU.push_back((c - s.origin[axis]) / s.axisU[axis]);
            if (std::abs(s.axisV[axis]) > 0.5f) s.splitsV.push_back((c - s.origin[axis]) / s.axisV[axis]);
        }
    }
}

// The wall slab as boxes around its openings, so the distance field lets light through them.
void addWallSlab(SceneBuilder& b, const WallFrame& f, glm::vec3 size, std::span<const Opening> openings,
                 Wall wall) {
    glm::vec3 n = glm::cross(f.u, f.v);
    auto slab = [&](float u0, float u1, float z0, float z1) {
        if (u1 - u0 < 1e-3f || z1 - z0 < 1e-3f) return;
        glm::vec3 a = f.origin + f.u * u0 + f.v * z0, c = f.origin + f.u * u1 + f.v * z1 - n * kSlab;
        b.boxPrim(glm::min(a, c), glm::max(a, c));
    };
    float u = -kSlab; // slabs overlap at the corners
    std::vector<glm::vec4> holes;
    for (const Opening& o : openings) {
        if (o.wall != wall) continue;
        glm::vec2 r = openingU(f, o);
        holes.push_back({r.x, o.z0, r.y, o.z1});
    }
    std::sort(holes.begin(), holes.end(), [](glm::vec4 a, glm::vec4 c) { return a.x < c.x; });
    for (glm::vec4 h : holes) {
        slab(u, h.x, -kSlab, size.z + kSlab);
        slab(h.x, h.z, -kSlab, h.y);
        slab(h.x, h.z, h.w, size.z + kSlab);
        u = h.z;
    }
    slab(u, f.length + kSlab, -kSlab, size.z + kSlab);
}

void addOpening(SceneBuilder& b, Scene& scene, const WallFrame& f, const Opening& o,
                const ShellPaints& paints, const std::vector<float> splits[3]) {
    glm::vec3 n = glm::cross(f.u, f.v);
    glm::vec2 r = openingU(f, o);
    float d = o.depth;
    auto at = [&](float u, float z, float depth) { return f.origin + f.u * u + f.v * z - n * depth; };
    Paint reveal = o.window ? paints.windowReveal : paints.doorReveal;
    std::vector<Surface*> added;
    added.push_back(&b.quad(at(r.x, o.z0, 0), f.u, -n, {r.y - r.x, d}, reveal));    // sill / threshold
    added.push_back(&b.quad(at(r.y, o.z1, 0), -f.u, -n, {r.y - r.x, d}, reveal));   // head
    added.push_back(&b.quad(at(r.x, o.z1, 0), -f.v, -n, {o.z1 - o.z0, d}, reveal)); // side at u0
    added.push_back(&b.quad(at(r.y, o.z0, 0), f.v, -n, {o.z1 - o.z0, d}, reveal));  // side at u1
    if (o.window) {
        added.push_back(&b.quad(at(r.x, o.z0, d), f.u, f.v, {r.y - r.x, o.z1 - o.z0}, paints.glass));
        WindowLight light;
        light.origin = at(r.x, o.z0, 0);
        light.edgeU = f.u * (r.y - r.x);
        light.edgeV = f.v * (o.z1 - o.z0);
        light.inward = n;
        light.depth = d;
        scene.light.windows.push_back(light);
    } else {
        int leaf = b.boxPrim(glm::min(at(r.x, o.z0, d), at(r.y, o.z1, d + 0.04f)),
                             glm::max(at(r.x, o.z0, d), at(r.y, o.z1, d + 0.04f)));
        Surface& door = b.quad(at(r.x, o.z0, d), f.u, f.v, {r.y - r.x, o.z1 - o.z0}, paints.door, leaf);
        added.push_back(&door);
    }
    // Surfaces live in a vector that may have grown: apply splits through the indices instead.
    size_t first = scene.surfaces.size() - added.size();
    for (size_t i = first; i < scene.surfaces.size(); ++i) applySplits(scene.surfaces[i], splits);
}

} // namespace

void buildShell(SceneBuilder& b, Scene& scene, glm::vec3 size, std::span<const Opening> openings,
                const ShellPaints& paints, float spacing) {
    std::vector<float> splits[3];
    for (const Opening& o : openings) {
        int axis = (o.wall == Wall::South || o.wall == Wall::North) ? 0 : 1;
        splits[axis].push_back(o.along0);
        splits[axis].push_back(o.along1);
        splits[2].push_back(o.z0);
        splits[2].push_back(o.z1);
    }
    b.beginObject({0, 0, 0}, 0.0f, spacing);
    b.setDeform(Deform::Noise, glm::vec3(0), size, 0.0016f);
    b.boxPrim({-kSlab, -kSlab, -kSlab}, {size.x + kSlab, size.y + kSlab, 0.0f});
    b.boxPrim({-kSlab, -kSlab, size.z}, {size.x + kSlab, size.y + kSlab, size.z + kSlab});
    size_t first = scene.surfaces.size();
    b.quad({0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {size.x, size.y}, paints.floor);
    b.quad({0, size.y, size.z}, {1, 0, 0}, {0, -1, 0}, {size.x, size.y}, paints.ceiling).density = 0.6f;
    for (Wall wall : {Wall::South, Wall::North, Wall::West, Wall::East}) {
        WallFrame f = wallFrame(wall, size);
        addWallSlab(b, f, size, openings, wall);
        Surface& s = b.quad(f.origin, f.u, f.v, {f.length, size.z}, paints.wall);
        for (const Opening& o : openings) {
            if (o.wall != wall) continue;
            glm::vec2 r = openingU(f, o);
            s.holes.push_back({r.x, o.z0, r.y, o.z1});
        }
    }
    for (size_t i = first; i < scene.surfaces.size(); ++i) applySplits(scene.surfaces[i], splits);
    for (const Opening& o : openings) addOpening(b, scene, wallFrame(o.wall, size), o, paints, splits);
    b.endObject();
}

} // namespace sr::demo
