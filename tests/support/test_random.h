#pragma once
// A deterministic generator for test inputs (splitmix64): the same numbers on every machine and
// library version, unlike std:: distributions.
#include <cstdint>

#include <glm/glm.hpp>

namespace sr::test {

struct Random {
    uint64_t state;

    uint64_t next() {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi), 24 bits of resolution.
    float uniform(float lo, float hi) { return lo + (hi - lo) * float(next() >> 40) / float(1 << 24); }
    glm::vec3 inBox(glm::vec3 lo, glm::vec3 hi) {
        return {uniform(lo.x, hi.x), uniform(lo.y, hi.y), uniform(lo.z, hi.z)};
    }
    // A uniformly distributed unit vector.
    glm::vec3 direction() {
        for (;;) {
            glm::vec3 v = inBox(glm::vec3(-1.0f), glm::vec3(1.0f));
            if (glm::dot(v, v) > 0.01f && glm::dot(v, v) <= 1.0f) return glm::normalize(v);
        }
    }
};

} // namespace sr::test
