#include "builder.h"

#include <cmath>

#include "geometry.h"
#include "random.h"

namespace sr::demo {

void frameFromAxis(glm::vec3 axis, glm::vec3& u, glm::vec3& v) {
    glm::vec3 ref = std::abs(axis.z) < 0.9f ? glm::vec3(0, 0, 1) : glm::vec3(1, 0, 0);
    u = glm::normalize(glm::cross(ref, axis));
    v = glm::cross(axis, u);
}

uint32_t SceneBuilder::nextSeed() {
    mSeed = uint32_t(mix64(mSeed + 0x51ed27ULL));
    return mSeed;
}

uint32_t SceneBuilder::beginObject(glm::vec3 translation, float rotationDeg, float spacing) {
    Object o;
    o.translation = translation;
    o.rotationDeg = rotationDeg;
    o.spacing = spacing;
    o.seed = nextSeed();
    // Every scanned surface is a little uneven; the noise scales with the triangle size.
    o.deform = Deform::Noise;
    o.amplitude = 0.03f * spacing;
    mScene.objects.push_back(o);
    mObject = uint32_t(mScene.objects.size() - 1);
    mGroupFirst = uint32_t(mScene.prims.size());
    mDensity = 1.0f;
    return mObject;
}

void SceneBuilder::endObject() {
    uint32_t count = uint32_t(mScene.prims.size()) - mGroupFirst;
    if (count == 0) return;
    SdfGroup g;
    g.first = mGroupFirst;
    g.count = count;
    g.lo = glm::vec3(1e9f);
    g.hi = glm::vec3(-1e9f);
    for (uint32_t i = g.first; i < g.first + count; ++i) {
        const SdfPrim& p = mScene.prims[i];
        glm::vec3 h{std::abs(p.cosR) * p.half.x + std::abs(p.sinR) * p.half.y,
                    std::abs(p.sinR) * p.half.x + std::abs(p.cosR) * p.half.y, p.half.z};
        g.lo = glm::min(g.lo, p.center - h);
        g.hi = glm::max(g.hi, p.center + h);
    }
    mScene.groups.push_back(g);
}

void SceneBuilder::setDeform(Deform deform, glm::vec3 lo, glm::vec3 hi, float amplitude) {
    Object& o = object();
    o.deform = deform;
    o.deformLo = lo;
    o.deformHi = hi;
    o.amplitude = amplitude;
}

int SceneBuilder::boxPrim(glm::vec3 lo, glm::vec3 hi) {
    const Object& o = object();
    SdfPrim p;
    p.kind = PrimKind::Box;
    p.center = toWorld(o, (lo + hi) * 0.5f);
    p.half = (hi - lo) * 0.5f;
    p.cosR = std::cos(glm::radians(o.rotationDeg));
    p.sinR = std::sin(glm::radians(o.rotationDeg));
    mScene.prims.push_back(p);
    return int(mScene.prims.size() - 1);
}

int SceneBuilder::ellipsoidPrim(glm::vec3 center, glm::vec3 radii) {
    int index = boxPrim(center - radii, center + radii);
    mScene.prims[size_t(index)].kind = PrimKind::Ellipsoid;
    return index;
}

Surface& SceneBuilder::add(Surface s) {
    s.object = mObject;
    s.seed = nextSeed();
    s.density *= mDensity;
    mScene.surfaces.push_back(std::move(s));
    return mScene.surfaces.back();
}

void SceneBuilder::box(glm::vec3 lo, glm::vec3 hi, Paint paint, uint8_t faces, bool prim) {
    box(lo, hi, {paint, paint, paint, paint, paint, paint}, faces, prim);
}

void SceneBuilder::box(glm::vec3 lo, glm::vec3 hi, const std::array<Paint, 6>& paints, uint8_t faces,
                       bool prim, uint32_t variant) {
    int index = prim ? boxPrim(lo, hi) : -1;
    glm::vec3 d = hi - lo;
    struct Face {
        glm::vec3 origin, u, v;
        glm::vec2 size;
    };
    const Face all[6] = {
        {{lo.x, hi.y, lo.z}, {0, -1, 0}, {0, 0, 1}, {d.y, d.z}}, // -X
        {{hi.x, lo.y, lo.z}, {0, 1, 0}, {0, 0, 1}, {d.y, d.z}},  // +X
        {{lo.x, lo.y, lo.z}, {1, 0, 0}, {0, 0, 1}, {d.x, d.z}},  // -Y
        {{hi.x, hi.y, lo.z}, {-1, 0, 0}, {0, 0, 1}, {d.x, d.z}}, // +Y
        {{lo.x, hi.y, lo.z}, {1, 0, 0}, {0, -1, 0}, {d.x, d.y}}, // -Z
        {{lo.x, lo.y, hi.z}, {1, 0, 0}, {0, 1, 0}, {d.x, d.y}},  // +Z
    };
    for (int f = 0; f < 6; ++f) {
        if (!(faces & (1 << f))) continue;
        Surface& s = quad(all[f].origin, all[f].u, all[f].v, all[f].size, paints[size_t(f)], index);
        s.variant = variant;
    }
}

Surface& SceneBuilder::quad(glm::vec3 origin, glm::vec3 u, glm::vec3 v, glm::vec2 size, Paint paint,
                            int prim) {
    Surface s;
    s.shape = Shape::Quad;
    s.paint = paint;
    s.origin = origin;
    s.axisU = u;
    s.axisV = v;
    s.size = size;
    s.sdfPrim = prim;
    return add(std::move(s));
}

Surface& SceneBuilder::cone(glm::vec3 base, glm::vec3 axis, float r0, float r1, float height, Paint paint,
                            int prim) {
    Surface s;
    s.shape = Shape::Cone;
    s.paint = paint;
    s.origin = base;
    frameFromAxis(axis, s.axisU, s.axisV);
    s.params = {r0, r1, height, 0.0f};
    s.size = {6.2831853f * std::max(r0, r1), std::sqrt(height * height + (r1 - r0) * (r1 - r0))};
    s.sdfPrim = prim;
    return add(std::move(s));
}

Surface& SceneBuilder::disc(glm::vec3 center, glm::vec3 axis, float radius, Paint paint, int prim) {
    Surface s;
    s.shape = Shape::Disc;
    s.paint = paint;
    s.origin = center;
    frameFromAxis(axis, s.axisU, s.axisV);
    s.params = {radius, 0.0f, 0.0f, 0.0f};
    s.size = {6.2831853f * radius, radius};
    s.sdfPrim = prim;
    return add(std::move(s));
}

Surface& SceneBuilder::torus(glm::vec3 center, glm::vec3 axis, float ring, float tube, Paint paint,
                             int prim) {
    Surface s;
    s.shape = Shape::Torus;
    s.paint = paint;
    s.origin = center;
    frameFromAxis(axis, s.axisU, s.axisV);
    s.params = {ring, tube, 0.0f, 0.0f};
    s.size = {6.2831853f * ring, 6.2831853f * tube};
    s.sdfPrim = prim;
    return add(std::move(s));
}

Surface& SceneBuilder::ellipsoid(glm::vec3 center, glm::vec3 radii, Paint paint, bool prim, glm::vec3 axis) {
    int index = prim ? ellipsoidPrim(center, radii) : -1;
    Surface s;
    s.shape = Shape::Ellipsoid;
    s.paint = paint;
    s.origin = center;
    if (axis == glm::vec3(0, 0, 1)) {
        s.axisU = {1, 0, 0};
        s.axisV = {0, 1, 0};
    } else {
        frameFromAxis(axis, s.axisU, s.axisV);
    }
    s.params = {radii.x, radii.y, radii.z, 0.0f};
    float equator = 6.2831853f * std::sqrt((radii.x * radii.x + radii.y * radii.y) * 0.5f);
    s.size = {equator,
              3.14159265f *
                  std::sqrt((radii.z * radii.z + 0.5f * (radii.x * radii.x + radii.y * radii.y)) * 0.5f)};
    s.sdfPrim = index;
    return add(std::move(s));
}

} // namespace sr::demo
