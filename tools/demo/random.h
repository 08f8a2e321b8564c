#pragma once
// Small deterministic random numbers for the demo exhibit generator. Everything here is plain
// integer arithmetic, so the output never depends on the standard library's distributions.
#include <cstdint>

namespace sr::demo {

// A 64-bit finaliser (the SplitMix64 output function): a bijective, well-mixed hash of `x`.
constexpr uint64_t mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// Order-dependent combination of two hashes.
constexpr uint64_t hashCombine(uint64_t a, uint64_t b) {
    return mix64(a ^ (mix64(b) + 0x9e3779b97f4a7c15ULL));
}
constexpr uint64_t hash3(uint64_t a, uint64_t b, uint64_t c) { return hashCombine(hashCombine(a, b), c); }

// Uniform float in [0, 1) from the top 24 bits of a hash.
constexpr float unitFloat(uint64_t h) { return float(h >> 40) * (1.0f / 16777216.0f); }
// Uniform float in [-1, 1).
constexpr float signedFloat(uint64_t h) { return unitFloat(h) * 2.0f - 1.0f; }

// SplitMix64 generator: tiny state, good enough statistics for layout jitter and grain.
class Rng {
public:
    explicit Rng(uint64_t seed) : mState(mix64(seed + 0x632be59bd9b4e019ULL)) {}
    uint64_t next() {
        mState += 0x9e3779b97f4a7c15ULL;
        return mix64(mState);
    }
    float uniform() { return unitFloat(next()); }                          // [0, 1)
    float range(float lo, float hi) { return lo + (hi - lo) * uniform(); } // [lo, hi)
    uint32_t below(uint32_t n) { return uint32_t(((next() >> 32) * n) >> 32); }

private:
    uint64_t mState;
};

} // namespace sr::demo
