#pragma once
// Content hashing for cache freshness (not cryptographic).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sr::core {

// 64-bit FNV-1a over bytes, continuing from `seed` so several inputs can be chained.
uint64_t hashBytes(std::span<const uint8_t> bytes, uint64_t seed = 0xcbf29ce484222325ull);
uint64_t hashString(std::string_view text, uint64_t seed = 0xcbf29ce484222325ull);
// 16 lower-case hex digits.
std::string hashToHex(uint64_t hash);

} // namespace sr::core
