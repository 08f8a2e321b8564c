#pragma once
// Small rooms built from quads for the view module's tests: walls, floors, furniture and holes,
// with brute-force answers to compare the BVH and the walker against.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "test_random.h"
#include "view/bvh.h"
#include "view/walker.h"

namespace sr::test {
using namespace sr::view;
using sr::test::Random;

inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct TestMesh {
    std::vector<glm::vec3> positions;
    std::vector<uint32_t> indices;

    void triangle(glm::vec3 a, glm::vec3 b, glm::vec3 c) {
        for (glm::vec3 p : {a, b, c}) indices.push_back(uint32_t(positions.size())), positions.push_back(p);
    }
    void quad(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d) { triangle(a, b, c), triangle(a, c, d); }
    void floor(float x0, float y0, float x1, float y1, float z) {
        quad({x0, y0, z}, {x1, y0, z}, {x1, y1, z}, {x0, y1, z});
    }
    void wallX(float x, float y0, float y1, float z0, float z1) {
        quad({x, y0, z0}, {x, y1, z0}, {x, y1, z1}, {x, y0, z1});
    }
    void wallY(float y, float x0, float x1, float z0, float z1) {
        quad({x0, y, z0}, {x1, y, z0}, {x1, y, z1}, {x0, y, z1});
    }
    void box(glm::vec3 lo, glm::vec3 hi) {
        floor(lo.x, lo.y, hi.x, hi.y, hi.z), floor(lo.x, lo.y, hi.x, hi.y, lo.z);
        wallX(lo.x, lo.y, hi.y, lo.z, hi.z), wallX(hi.x, lo.y, hi.y, lo.z, hi.z);
        wallY(lo.y, lo.x, hi.x, lo.z, hi.z), wallY(hi.y, lo.x, hi.x, lo.z, hi.z);
    }
};

// The test room, 6 x 4 m, 2.5 m high, built from zero-thickness surfaces like a scan:
constexpr glm::vec2 kHoleMin{4.5f, 2.5f}, kHoleMax{5.5f, 3.5f}; // a 1 m hole in the floor
constexpr float kGapX0 = 1.0f, kGapX1 = 2.0f;                   // a doorway in the north wall, to nowhere
constexpr glm::vec3 kTableMin{2.0f, 0.5f, 0.0f}, kTableMax{3.0f, 1.1f, 0.75f};
constexpr glm::vec3 kRugMin{0.5f, 0.5f, 0.0f}, kRugMax{1.5f, 1.5f, 0.05f};
constexpr glm::vec3 kStepMin{4.5f, 0.5f, 0.0f}, kStepMax{5.5f, 1.5f, 0.2f};
constexpr glm::vec3 kChestMin{0.5f, 2.5f, 0.0f}, kChestMax{1.0f, 3.0f, 0.4f}; // above step height

inline TestMesh testRoom() {
    TestMesh m;
    for (float x = 0.0f; x < 6.0f; x += 0.5f)
        for (float y = 0.0f; y < 4.0f; y += 0.5f) {
            const bool inHole = x >= kHoleMin.x && x < kHoleMax.x && y >= kHoleMin.y && y < kHoleMax.y;
            if (!inHole) m.floor(x, y, x + 0.5f, y + 0.5f, 0.0f);
        }
    m.floor(0, 0, 6, 4, 2.5f);
    m.wallX(0, 0, 4, 0, 2.5f), m.wallX(6, 0, 4, 0, 2.5f), m.wallY(0, 0, 6, 0, 2.5f);
    m.wallY(4, 0, kGapX0, 0, 2.5f), m.wallY(4, kGapX1, 6, 0, 2.5f), m.wallY(4, kGapX0, kGapX1, 2.1f, 2.5f);
    m.box(kTableMin, kTableMax), m.box(kRugMin, kRugMax), m.box(kStepMin, kStepMax),
        m.box(kChestMin, kChestMax);
    return m;
}

struct TestRoom {
    TestMesh mesh = testRoom();
    MeshBvh bvh{mesh.positions, mesh.indices};
    Walker walker{bvh};
};

inline const TestRoom& room() {
    static const TestRoom r;
    return r;
}

// Walks `steps` steps of `step` metres each (like frames of input) and checks `check` after each.
template <class Check>
inline glm::vec3 walk(const Walker& w, glm::vec3 eye, glm::vec2 step, int steps, Check&& check) {
    for (int i = 0; i < steps; ++i) eye = w.move(eye, step), check(eye);
    return eye;
}
inline glm::vec3 walk(const Walker& w, glm::vec3 eye, glm::vec2 step, int steps) {
    return walk(w, eye, step, steps, [](glm::vec3) {});
}

inline bool insideXY(glm::vec3 p, glm::vec3 lo, glm::vec3 hi, float margin) {
    return p.x > lo.x - margin && p.x < hi.x + margin && p.y > lo.y - margin && p.y < hi.y + margin;
}
// Horizontal distance from p to the box's footprint.
inline float distanceXY(glm::vec3 p, glm::vec3 lo, glm::vec3 hi) {
    return glm::length(
        glm::max(glm::max(glm::vec2(lo) - glm::vec2(p), glm::vec2(p) - glm::vec2(hi)), glm::vec2(0.0f)));
}

// Brute-force references.
inline std::optional<float> bruteRay(const TestMesh& m, glm::vec3 o, glm::vec3 d, float maxT) {
    std::optional<float> best;
    for (size_t i = 0; i < m.indices.size(); i += 3) {
        const glm::vec3 a = m.positions[m.indices[i]], b = m.positions[m.indices[i + 1]],
                        c = m.positions[m.indices[i + 2]];
        const glm::vec3 n = glm::cross(b - a, c - a);
        const float denom = glm::dot(n, d);
        if (std::abs(denom) < 1e-12f) continue;
        const float t = glm::dot(n, a - o) / denom;
        if (t < 0.0f || t > maxT || (best && t >= *best)) continue;
        const glm::vec3 p = o + d * t;
        const bool inside = glm::dot(glm::cross(b - a, p - a), n) >= 0 &&
                            glm::dot(glm::cross(c - b, p - b), n) >= 0 &&
                            glm::dot(glm::cross(a - c, p - c), n) >= 0;
        if (inside) best = t;
    }
    return best;
}

inline TestMesh roomWithClutter() {
    TestMesh m = testRoom();
    Random rng{7};
    for (int i = 0; i < 300; ++i) {
        const glm::vec3 c = rng.inBox({0, 0, 0}, {6, 4, 2.5f});
        m.triangle(c + rng.direction() * 0.3f, c + rng.direction() * 0.3f, c + rng.direction() * 0.3f);
    }
    return m;
}

} // namespace sr::test
