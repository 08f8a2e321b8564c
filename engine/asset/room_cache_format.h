#pragma once
// The room cache's header, section directory and the records that are not exposed as they are
// stored. Shared by the writer and the reader only; see docs/room-cache.md.
#include <bit>
#include <cstddef>
#include <cstdint>

#include <glm/glm.hpp>

namespace sr::asset::cachefmt {

static_assert(std::endian::native == std::endian::little, "the room cache is little-endian");

inline constexpr char kMagic[8] = {'S', 'R', 'C', 'A', 'C', 'H', 'E', '\x1a'};
inline constexpr uint64_t kAlignment = 16;
// Bytes before this offset are not covered by the checksum (magic, version, sizes, the checksum).
inline constexpr uint64_t kChecksumStart = 32;

// The sections of a version-1 cache, in the order of the directory.
enum class Section : uint32_t {
    Strings,      // UTF-8 bytes referenced by (offset, length) pairs
    Dependencies, // DiskDependency
    Vertices,     // asset::Vertex
    Indices,      // uint32_t
    Submeshes,    // CacheSubmesh
    Chunks,       // CacheChunk
    Lods,         // CacheLod
    Clusters,     // CacheCluster
    Materials,    // DiskMaterial
    Textures,     // DiskTexture
    Mips,         // CacheMip
    Pixels,       // mip pixel data, each mip 16-byte aligned
    Count
};
inline constexpr uint32_t kSectionCount = uint32_t(Section::Count);

struct Header {
    char magic[8];
    uint32_t version;
    uint32_t headerSize; // sizeof(Header) + sectionCount * sizeof(DirectoryEntry)
    uint64_t fileSize;
    uint64_t checksum; // roomCacheChecksum of bytes [kChecksumStart, fileSize)
    uint64_t settingsHash;
    uint64_t sourceHash;
    uint32_t sectionCount;
    uint32_t flags; // kFlagVertexColors
    glm::vec3 boundsMin;
    glm::vec3 boundsMax;
    uint32_t sourceOffset; // the source mesh's name, in the Strings section
    uint32_t sourceLength;
    uint8_t reserved[40];
};
static_assert(sizeof(Header) == 128);
static_assert(offsetof(Header, settingsHash) == kChecksumStart);
inline constexpr uint32_t kFlagVertexColors = 1;

struct DirectoryEntry {
    uint32_t kind;        // Section
    uint32_t elementSize; // bytes per record (1 for byte sections)
    uint64_t offset;      // from the start of the file, a multiple of 16
    uint64_t size;        // bytes, elementSize * count
    uint64_t count;       // records
};
static_assert(sizeof(DirectoryEntry) == 32);

struct DiskMaterial {
    glm::vec4 baseColor;
    int32_t texture; // -1: none
    uint32_t nameOffset;
    uint32_t nameLength;
    uint32_t reserved;
};
static_assert(sizeof(DiskMaterial) == 32);

struct DiskTexture {
    uint32_t nameOffset;
    uint32_t nameLength;
    uint32_t format; // CacheTextureFormat
    uint32_t width;
    uint32_t height;
    uint32_t firstMip;
    uint32_t mipCount;
    uint32_t reserved;
};
static_assert(sizeof(DiskTexture) == 32);

struct DiskDependency {
    uint32_t pathOffset;
    uint32_t pathLength;
    uint64_t size;
    int64_t mtimeNs;
    uint64_t contentHash;
};
static_assert(sizeof(DiskDependency) == 32);

// Bytes of one mip level of `format` (CacheTextureFormat's value); 0 for an unknown format.
inline uint64_t mipBytes(uint32_t format, uint32_t width, uint32_t height) {
    const uint64_t blocks = uint64_t((width + 3) / 4) * ((height + 3) / 4);
    switch (format) {
    case 1: return uint64_t(width) * height * 4;
    case 2: return blocks * 8;
    case 3: return blocks * 16;
    default: return 0;
    }
}

} // namespace sr::asset::cachefmt
