#include "core/hash.h"

#include <cstdio>

namespace sr::core {

uint64_t hashBytes(std::span<const uint8_t> bytes, uint64_t seed) {
    uint64_t h = seed;
    for (uint8_t b : bytes) {
        h ^= b;
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t hashString(std::string_view text, uint64_t seed) {
    return hashBytes(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), seed);
}

std::string hashToHex(uint64_t hash) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

} // namespace sr::core
