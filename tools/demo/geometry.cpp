#include "geometry.h"

#include <algorithm>
#include <cmath>

#include "random.h"

namespace sr::demo {
namespace {

constexpr float kTwoPi = 6.28318530718f;
constexpr float kQuantum = 4096.0f;

glm::vec3 axisW(const Surface& s) { return glm::cross(s.axisU, s.axisV); }

// Normal of the undeformed surface, object-local.
glm::vec3 baseNormalLocal(const Surface& s, glm::vec2 uv) {
    glm::vec3 w = axisW(s);
    float theta = uv.x / s.size.x * kTwoPi;
    glm::vec3 radial = std::cos(theta) * s.axisU + std::sin(theta) * s.axisV;
    glm::vec3 n = w;
    switch (s.shape) {
    case Shape::Quad: n = w; break;
    case Shape::Disc: n = w; break;
    case Shape::Cone: {
        float slope = (s.params.x - s.params.y) / std::max(s.params.z, 1e-4f);
        n = glm::normalize(radial + slope * w);
        break;
    }
    case Shape::Torus: {
        float phi = uv.y / s.size.y * kTwoPi;
        n = std::cos(phi) * radial + std::sin(phi) * w;
        break;
    }
    case Shape::Ellipsoid: {
        float phi = -0.5f * kTwoPi * 0.5f + uv.y / s.size.y * kTwoPi * 0.5f;
        glm::vec3 q = std::cos(phi) * std::cos(theta) * s.axisU / s.params.x +
                      std::cos(phi) * std::sin(theta) * s.axisV / s.params.y + std::sin(phi) * w / s.params.z;
        n = glm::normalize(q);
        break;
    }
    }
    return s.inward ? -n : n;
}

uint64_t pointKey(glm::vec3 p) {
    auto q = [](float x) { return uint64_t(int64_t(std::lround(double(x) * kQuantum))); };
    return hash3(q(p.x), q(p.y), q(p.z));
}

bool pointLess(glm::vec3 a, glm::vec3 b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    return a.z < b.z;
}

struct PatchBuilder {
    const Scene& scene;
    const Surface& surface;
    const Object& object;
    float spacing;
    TriMesh& mesh;
    uint32_t surfaceIndex;

    uint32_t addVertex(glm::vec3 local, glm::vec2 uv) {
        glm::vec3 world = toWorld(object, deformPoint(object, local));
        mesh.vertices.push_back({world, uv, surfaceIndex});
        return uint32_t(mesh.vertices.size() - 1);
    }

    void addTriangle(uint32_t a, uint32_t b, uint32_t c) {
        glm::vec3 pa = mesh.vertices[a].position, pb = mesh.vertices[b].position,
                  pc = mesh.vertices[c].position;
        if (glm::dot(glm::cross(pb - pa, pc - pa), glm::cross(pb - pa, pc - pa)) < 1e-14f) return;
        if (surface.inward) std::swap(b, c);
        mesh.indices.insert(mesh.indices.end(), {a, b, c});
    }

    // Splits the grid cell (i, j) with a randomly chosen diagonal.
    void addCell(const std::vector<uint32_t>& grid, int nu, int i, int j, uint64_t key) {
        uint32_t a = grid[j * (nu + 1) + i], b = grid[j * (nu + 1) + i + 1];
        uint32_t c = grid[(j + 1) * (nu + 1) + i + 1], d = grid[(j + 1) * (nu + 1) + i];
        if (hash3(key, uint64_t(i), uint64_t(j)) & 1) {
            addTriangle(a, b, c);
            addTriangle(a, c, d);
        } else {
            addTriangle(a, b, d);
            addTriangle(b, c, d);
        }
    }

    void quadPatch(float u0, float u1, float v0, float v1);
    void parametric();
};

void PatchBuilder::quadPatch(float u0, float u1, float v0, float v1) {
    glm::vec3 c00 = quantizePoint(evalLocal(surface, {u0, v0})),
              c10 = quantizePoint(evalLocal(surface, {u1, v0}));
    glm::vec3 c01 = quantizePoint(evalLocal(surface, {u0, v1})),
              c11 = quantizePoint(evalLocal(surface, {u1, v1}));
    int nu = edgeSegments(c00, c10, spacing), nv = edgeSegments(c00, c01, spacing);
    std::vector<glm::vec3> bottom, top, left, right;
    std::vector<float> tb, tt, tl, tr;
    sharedEdgePoints(c00, c10, nu, bottom, tb);
    sharedEdgePoints(c01, c11, nu, top, tt);
    sharedEdgePoints(c00, c01, nv, left, tl);
    sharedEdgePoints(c10, c11, nv, right, tr);
    uint64_t key = hash3(pointKey(c00), pointKey(c11), surface.seed);
    std::vector<uint32_t> grid(size_t(nu + 1) * (nv + 1));
    for (int j = 0; j <= nv; ++j) {
        for (int i = 0; i <= nu; ++i) {
            glm::vec3 p;
            glm::vec2 uv;
            if (j == 0 || j == nv) {
                p = j == 0 ? bottom[i] : top[i];
                uv = {u0 + (u1 - u0) * (j == 0 ? tb[i] : tt[i]), j == 0 ? v0 : v1};
            } else if (i == 0 || i == nu) {
                p = i == 0 ? left[j] : right[j];
                uv = {i == 0 ? u0 : u1, v0 + (v1 - v0) * (i == 0 ? tl[j] : tr[j])};
            } else {
                float s =
                    (float(i) + 0.34f * signedFloat(hash3(key, uint64_t(i), uint64_t(j) * 2))) / float(nu);
                float t = (float(j) + 0.34f * signedFloat(hash3(key, uint64_t(i), uint64_t(j) * 2 + 1))) /
                          float(nv);
                uv = {u0 + (u1 - u0) * s, v0 + (v1 - v0) * t};
                p = evalLocal(surface, uv);
            }
            grid[size_t(j) * (nu + 1) + i] = addVertex(p, uv);
        }
    }
    for (int j = 0; j < nv; ++j)
        for (int i = 0; i < nu; ++i) addCell(grid, nu, i, j, key);
}

void PatchBuilder::parametric() {
    int minU = surface.shape == Shape::Cone ? 8 : 10;
    int nu = surface.segmentsU > 0 ? surface.segmentsU
                                   : std::max(minU, int(std::lround(surface.size.x / spacing)));
    int nv = std::max(surface.shape == Shape::Disc ? 1 : 3, int(std::lround(surface.size.y / spacing)));
    uint64_t key = hash3(surface.seed, uint64_t(nu), uint64_t(nv));
    std::vector<uint32_t> grid(size_t(nu + 1) * (nv + 1));
    std::vector<glm::vec3> firstColumn(size_t(nv + 1));
    for (int j = 0; j <= nv; ++j) {
        for (int i = 0; i <= nu; ++i) {
            bool interior = i > 0 && i < nu && j > 0 && j < nv;
            float ju = interior ? 0.25f * signedFloat(hash3(key, uint64_t(i), uint64_t(j) * 2)) : 0.0f;
            float jv = interior ? 0.25f * signedFloat(hash3(key, uint64_t(i), uint64_t(j) * 2 + 1)) : 0.0f;
            glm::vec2 uv{(float(i) + ju) / float(nu) * surface.size.x,
                         (float(j) + jv) / float(nv) * surface.size.y};
            glm::vec3 p = evalLocal(surface, uv);
            if (i == 0) firstColumn[j] = p;
            if (i == nu) p = firstColumn[j]; // the seam closes exactly
            grid[size_t(j) * (nu + 1) + i] = addVertex(p, uv);
        }
    }
    for (int j = 0; j < nv; ++j)
        for (int i = 0; i < nu; ++i) addCell(grid, nu, i, j, key);
}

} // namespace

glm::vec3 quantizePoint(glm::vec3 p) { return glm::round(p * kQuantum) / kQuantum; }

int edgeSegments(glm::vec3 a, glm::vec3 b, float spacing) {
    if (pointLess(b, a)) std::swap(a, b);
    return std::max(1, int(std::lround(glm::length(b - a) / spacing)));
}

void sharedEdgePoints(glm::vec3 a, glm::vec3 b, int n, std::vector<glm::vec3>& points,
                      std::vector<float>& params) {
    bool flip = pointLess(b, a);
    glm::vec3 p0 = flip ? b : a, p1 = flip ? a : b;
    uint64_t key = hashCombine(pointKey(p0), pointKey(p1));
    points.resize(size_t(n) + 1);
    params.resize(size_t(n) + 1);
    for (int k = 0; k <= n; ++k) {
        float t = (k == 0 || k == n)
                      ? float(k) / float(n)
                      : (float(k) + 0.3f * signedFloat(hashCombine(key, uint64_t(k)))) / float(n);
        int slot = flip ? n - k : k;
        points[slot] = k == 0 ? p0 : k == n ? p1 : p0 + (p1 - p0) * t;
        params[slot] = flip ? 1.0f - t : t;
    }
}

glm::vec3 evalLocal(const Surface& s, glm::vec2 uv) {
    glm::vec3 w = axisW(s);
    float theta = uv.x / s.size.x * kTwoPi;
    glm::vec3 radial = std::cos(theta) * s.axisU + std::sin(theta) * s.axisV;
    switch (s.shape) {
    case Shape::Quad: return s.origin + uv.x * s.axisU + uv.y * s.axisV;
    case Shape::Cone: {
        float t = uv.y / s.size.y;
        return s.origin + radial * (s.params.x + (s.params.y - s.params.x) * t) + w * (t * s.params.z);
    }
    case Shape::Torus: {
        float phi = uv.y / s.size.y * kTwoPi;
        return s.origin + radial * (s.params.x + s.params.y * std::cos(phi)) +
               w * (s.params.y * std::sin(phi));
    }
    case Shape::Ellipsoid: {
        float phi = -0.25f * kTwoPi + uv.y / s.size.y * kTwoPi * 0.5f;
        return s.origin +
               std::cos(phi) *
                   (std::cos(theta) * s.params.x * s.axisU + std::sin(theta) * s.params.y * s.axisV) +
               std::sin(phi) * s.params.z * w;
    }
    case Shape::Disc: return s.origin + radial * (s.params.x - uv.y);
    }
    return s.origin;
}

glm::vec3 toWorld(const Object& o, glm::vec3 p) { return directionToWorld(o, p) + o.translation; }

glm::vec3 directionToWorld(const Object& o, glm::vec3 d) {
    if (o.rotationDeg == 0.0f) return d;
    float r = glm::radians(o.rotationDeg), c = std::cos(r), s = std::sin(r);
    return {c * d.x - s * d.y, s * d.x + c * d.y, d.z};
}

SurfacePoint evalSurface(const Scene& scene, const Surface& s, glm::vec2 uv) {
    const Object& o = scene.objects[s.object];
    glm::vec3 local = evalLocal(s, uv);
    SurfacePoint sp;
    sp.base = toWorld(o, local);
    sp.baseNormal = directionToWorld(o, baseNormalLocal(s, uv));
    glm::vec3 moved = deformPoint(o, local);
    sp.position = toWorld(o, moved);
    sp.height = glm::dot(moved - local, baseNormalLocal(s, uv));
    const float e = 0.002f;
    glm::vec2 du{std::min(e, s.size.x * 0.25f), 0.0f}, dv{0.0f, std::min(e, s.size.y * 0.25f)};
    glm::vec3 pu = deformPoint(o, evalLocal(s, uv + du)) - deformPoint(o, evalLocal(s, uv - du));
    glm::vec3 pv = deformPoint(o, evalLocal(s, uv + dv)) - deformPoint(o, evalLocal(s, uv - dv));
    glm::vec3 n = glm::cross(pu, pv);
    float len = glm::length(n);
    glm::vec3 local_n = baseNormalLocal(s, uv);
    if (len < 1e-12f) {
        n = local_n;
    } else {
        n /= len;
        if (glm::dot(n, local_n) < 0.0f) n = -n;
    }
    sp.normal = directionToWorld(o, n);
    return sp;
}

TriMesh tessellate(const Scene& scene, float spacingScale) {
    TriMesh mesh;
    for (uint32_t index = 0; index < scene.surfaces.size(); ++index) {
        const Surface& s = scene.surfaces[index];
        const Object& o = scene.objects[s.object];
        float spacing = s.spacing > 0.0f ? s.spacing : o.spacing;
        // Denser meshes refine the large surfaces; small objects are already fine enough.
        spacing = std::min(spacing, std::max(spacing * spacingScale, 0.012f));
        PatchBuilder builder{scene, s, o, spacing, mesh, index};
        if (s.shape != Shape::Quad) {
            builder.parametric();
            continue;
        }
        std::vector<float> us{0.0f}, vs{0.0f};
        for (float u : s.splitsU)
            if (u > 1e-4f && u < s.size.x - 1e-4f) us.push_back(u);
        for (float v : s.splitsV)
            if (v > 1e-4f && v < s.size.y - 1e-4f) vs.push_back(v);
        us.push_back(s.size.x);
        vs.push_back(s.size.y);
        auto tidy = [](std::vector<float>& xs) {
            std::sort(xs.begin(), xs.end());
            xs.erase(std::unique(xs.begin(), xs.end(), [](float a, float b) { return b - a < 1e-3f; }),
                     xs.end());
        };
        tidy(us);
        tidy(vs);
        for (size_t j = 0; j + 1 < vs.size(); ++j) {
            for (size_t i = 0; i + 1 < us.size(); ++i) {
                glm::vec2 mid{(us[i] + us[i + 1]) * 0.5f, (vs[j] + vs[j + 1]) * 0.5f};
                bool cut = std::any_of(s.holes.begin(), s.holes.end(), [&](glm::vec4 h) {
                    return mid.x > h.x && mid.x < h.z && mid.y > h.y && mid.y < h.w;
                });
                if (!cut) builder.quadPatch(us[i], us[i + 1], vs[j], vs[j + 1]);
            }
        }
    }
    return mesh;
}

} // namespace sr::demo
