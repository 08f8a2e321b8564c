// Reading room caches: every size, offset, count and index is checked against the file before use.
#include "asset/room_cache.h"

#include <cmath>
#include <cstring>
#include <sys/stat.h>

#include "asset/block_compress.h"
#include "asset/room_cache_format.h"
#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;
using namespace cachefmt;

namespace {

constexpr uint32_t kMaxTextureSide = 65536;

// The record size each section must declare.
constexpr std::array<uint32_t, kSectionCount> kElementSizes = {1,
                                                               sizeof(DiskDependency),
                                                               sizeof(Vertex),
                                                               sizeof(uint32_t),
                                                               sizeof(CacheSubmesh),
                                                               sizeof(CacheChunk),
                                                               sizeof(CacheLod),
                                                               sizeof(CacheCluster),
                                                               sizeof(DiskMaterial),
                                                               sizeof(DiskTexture),
                                                               sizeof(CacheMip),
                                                               1};
constexpr std::array<const char*, kSectionCount> kSectionNames = {
    "strings", "dependencies", "vertices",  "indices",  "submeshes", "chunks",
    "levels",  "clusters",     "materials", "textures", "mips",      "pixels"};

const Header& headerOf(std::span<const uint8_t> bytes) {
    return *reinterpret_cast<const Header*>(bytes.data());
}

// Whether [first, first + count) lies within [0, total), without overflow.
bool rangeWithin(uint64_t first, uint64_t count, uint64_t total) {
    return first <= total && count <= total - first;
}

static_assert(RoomCache::kSectionKindCount == kSectionCount);

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

template <class... Args> core::Error corrupt(const std::string& name, const Args&... args) {
    return core::makeError(name, core::concat("corrupt room cache: ", args...));
}

} // namespace

core::Result<RoomCache> RoomCache::open(const fs::path& file) {
    auto mapped = core::MappedFile::open(file);
    if (!mapped) return mapped.error();
    RoomCache cache;
    cache.mFile = std::move(mapped).value();
    cache.mBytes = cache.mFile.bytes();
    cache.mName = file.string();
    if (core::Status valid = cache.validate(); !valid) return valid.error();
    cache.release(cache.mBytes); // validation read every page; uploads read them again piece by piece
    return cache;
}

core::Result<RoomCache> RoomCache::parse(std::span<const uint8_t> bytes, std::string name) {
    RoomCache cache;
    cache.mBytes = bytes;
    cache.mName = std::move(name);
    if (core::Status valid = cache.validate(); !valid) return valid.error();
    return cache;
}

core::Status RoomCache::validate() {
    const uint64_t size = mBytes.size();
    if (reinterpret_cast<uintptr_t>(mBytes.data()) % kAlignment != 0) {
        return core::makeError(mName, "room cache bytes are not 16-byte aligned in memory");
    }
    if (size < sizeof(Header)) {
        return core::makeError(mName,
                               core::concat("truncated room cache: ", size, " bytes, shorter than the ",
                                            sizeof(Header), "-byte header"));
    }
    const Header& h = headerOf(mBytes);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) {
        return core::makeError(mName, "not a Stillroom room cache (wrong magic bytes)");
    }
    if (h.version != kRoomCacheVersion) {
        return core::makeError(mName, core::concat("room cache format version ", h.version,
                                                   "; this program reads version ", kRoomCacheVersion));
    }
    if (h.fileSize != size) {
        return core::makeError(mName, core::concat("truncated or damaged room cache: its header gives ",
                                                   h.fileSize, " bytes, the file has ", size));
    }
    if (roomCacheChecksum(mBytes.subspan(kChecksumStart)) != h.checksum) {
        return core::makeError(mName, "corrupt room cache: checksum mismatch");
    }
    // A file with a matching checksum may still be crafted: check every structure as well.
    if (h.sectionCount != kSectionCount ||
        h.headerSize != sizeof(Header) + kSectionCount * sizeof(DirectoryEntry) || h.headerSize > size) {
        return corrupt(mName, "bad section directory (", h.sectionCount, " sections)");
    }
    for (uint32_t i = 0; i < kSectionCount; ++i) {
        DirectoryEntry e;
        std::memcpy(&e, mBytes.data() + sizeof(Header) + i * sizeof(DirectoryEntry), sizeof e);
        if (e.kind != i || e.elementSize != kElementSizes[i] || e.offset % kAlignment != 0 ||
            e.offset < h.headerSize || !rangeWithin(e.offset, e.size, size) ||
            e.count != e.size / e.elementSize || e.size % e.elementSize != 0 || e.count > 0xffffffffull) {
            return corrupt(mName, "the ", kSectionNames[i], " section lies outside the file or is malformed");
        }
        mSections[i] = {e.offset, e.size, e.count};
    }
    return validateContent();
}

core::Status RoomCache::validateContent() const {
    const uint64_t strings = mSections[size_t(Section::Strings)].size;
    const Header& h = headerOf(mBytes);
    if (!rangeWithin(h.sourceOffset, h.sourceLength, strings)) return corrupt(mName, "bad source name");
    for (const DiskDependency& d : records<DiskDependency>(size_t(Section::Dependencies))) {
        if (!rangeWithin(d.pathOffset, d.pathLength, strings)) return corrupt(mName, "bad dependency path");
    }
    const uint64_t vertexCount = vertices().size();
    const std::span<const uint32_t> all = indices();
    if (vertexCount == 0 || all.empty()) return corrupt(mName, "the room has no triangles");
    // The importer drops non-finite corners; a cache holding one was not written by it.
    const std::span<const Vertex> vertexRecords = vertices();
    for (size_t i = 0; i < vertexRecords.size(); ++i) {
        const Vertex& v = vertexRecords[i];
        if (!finite(v.position) || !finite(v.normal) || !std::isfinite(v.uv.x) || !std::isfinite(v.uv.y)) {
            return corrupt(mName, "vertex ", i, " is not a finite number");
        }
    }
    const Bounds box = bounds();
    if (!finite(box.min) || !finite(box.max)) return corrupt(mName, "the room's bounds are not finite");
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i] >= vertexCount) {
            return corrupt(mName, "index ", i, " names vertex ", all[i], " of ", vertexCount);
        }
    }
    if (core::Status s = validateRanges(); !s) return s;
    if (core::Status s = validateTextures(); !s) return s;
    return {};
}

core::Status RoomCache::validateRanges() const {
    const uint64_t indexCount = indices().size(), chunkCount = chunks().size(), lodCount = lods().size();
    const uint64_t clusterCount = clusters().size(), submeshCount = submeshes().size();
    for (size_t i = 0; i < submeshCount; ++i) {
        const CacheSubmesh& s = submeshes()[i];
        if (!rangeWithin(s.firstIndex, s.indexCount, indexCount) || s.indexCount % 3 != 0 ||
            s.material >= materialCount() || !rangeWithin(s.firstChunk, s.chunkCount, chunkCount)) {
            return corrupt(mName, "submesh ", i, " points outside the file's data");
        }
    }
    for (size_t i = 0; i < chunkCount; ++i) {
        const CacheChunk& c = chunks()[i];
        if (c.submesh >= submeshCount || c.lodCount == 0 || !rangeWithin(c.firstLod, c.lodCount, lodCount)) {
            return corrupt(mName, "chunk ", i, " points outside the file's data");
        }
    }
    for (size_t i = 0; i < lodCount; ++i) {
        const CacheLod& l = lods()[i];
        if (!rangeWithin(l.firstIndex, l.indexCount, indexCount) || l.indexCount % 3 != 0 ||
            !rangeWithin(l.firstCluster, l.clusterCount, clusterCount) || !(l.error >= 0.0f) ||
            !std::isfinite(l.error)) {
            return corrupt(mName, "level of detail ", i, " points outside the file's data");
        }
    }
    for (size_t i = 0; i < clusterCount; ++i) {
        const CacheCluster& c = clusters()[i];
        if (!rangeWithin(c.firstIndex, c.indexCount, indexCount) || c.indexCount % 3 != 0) {
            return corrupt(mName, "cluster ", i, " points outside the file's data");
        }
    }
    const uint64_t strings = mSections[size_t(Section::Strings)].size;
    for (const DiskMaterial& m : records<DiskMaterial>(size_t(Section::Materials))) {
        if (!rangeWithin(m.nameOffset, m.nameLength, strings) ||
            (m.texture != -1 && (m.texture < 0 || uint64_t(m.texture) >= textureCount()))) {
            return corrupt(mName, "a material points outside the file's data");
        }
    }
    return {};
}

core::Status RoomCache::validateTextures() const {
    const SectionRef pixels = mSections[size_t(Section::Pixels)];
    const uint64_t strings = mSections[size_t(Section::Strings)].size;
    const std::span<const CacheMip> mips = records<CacheMip>(size_t(Section::Mips));
    for (const DiskTexture& t : records<DiskTexture>(size_t(Section::Textures))) {
        if (!rangeWithin(t.nameOffset, t.nameLength, strings) || mipBytes(t.format, 1, 1) == 0 ||
            t.mipCount == 0 || !rangeWithin(t.firstMip, t.mipCount, mips.size()) || t.width == 0 ||
            t.height == 0 || t.width > kMaxTextureSide || t.height > kMaxTextureSide) {
            return corrupt(mName, "a texture record is malformed");
        }
        uint32_t w = t.width, h = t.height;
        for (uint32_t i = 0; i < t.mipCount; ++i) {
            const CacheMip& m = mips[t.firstMip + i];
            if (m.width != w || m.height != h || m.size != mipBytes(t.format, w, h) ||
                m.offset % kAlignment != 0 || m.offset < pixels.offset ||
                !rangeWithin(m.offset - pixels.offset, m.size, pixels.size)) {
                return corrupt(mName, "mip level ", i, " of a texture lies outside the file's pixels");
            }
            w = std::max(1u, w / 2), h = std::max(1u, h / 2);
        }
    }
    return {};
}

uint32_t RoomCache::version() const { return headerOf(mBytes).version; }
uint64_t RoomCache::settingsHash() const { return headerOf(mBytes).settingsHash; }
uint64_t RoomCache::sourceHash() const { return headerOf(mBytes).sourceHash; }
bool RoomCache::hasVertexColors() const { return (headerOf(mBytes).flags & kFlagVertexColors) != 0; }
Bounds RoomCache::bounds() const { return {headerOf(mBytes).boundsMin, headerOf(mBytes).boundsMax}; }
std::string_view RoomCache::source() const {
    return text(headerOf(mBytes).sourceOffset, headerOf(mBytes).sourceLength);
}

std::string_view RoomCache::text(uint32_t offset, uint32_t length) const {
    const SectionRef& s = mSections[size_t(Section::Strings)];
    return {reinterpret_cast<const char*>(mBytes.data() + s.offset + offset), length};
}

std::span<const Vertex> RoomCache::vertices() const { return records<Vertex>(size_t(Section::Vertices)); }
std::span<const uint32_t> RoomCache::indices() const { return records<uint32_t>(size_t(Section::Indices)); }
std::span<const CacheSubmesh> RoomCache::submeshes() const {
    return records<CacheSubmesh>(size_t(Section::Submeshes));
}
std::span<const CacheChunk> RoomCache::chunks() const { return records<CacheChunk>(size_t(Section::Chunks)); }
std::span<const CacheLod> RoomCache::lods() const { return records<CacheLod>(size_t(Section::Lods)); }
std::span<const CacheCluster> RoomCache::clusters() const {
    return records<CacheCluster>(size_t(Section::Clusters));
}
size_t RoomCache::materialCount() const { return mSections[size_t(Section::Materials)].count; }
size_t RoomCache::textureCount() const { return mSections[size_t(Section::Textures)].count; }

Material RoomCache::material(size_t index) const {
    const DiskMaterial& m = records<DiskMaterial>(size_t(Section::Materials))[index];
    return Material{std::string(text(m.nameOffset, m.nameLength)), m.baseColor, m.texture};
}

CacheTextureView RoomCache::texture(size_t index) const {
    const DiskTexture& t = records<DiskTexture>(size_t(Section::Textures))[index];
    return CacheTextureView{text(t.nameOffset, t.nameLength), CacheTextureFormat(t.format),
                            records<CacheMip>(size_t(Section::Mips)).subspan(t.firstMip, t.mipCount), mBytes};
}

std::vector<CacheDependency> RoomCache::dependencies() const {
    std::vector<CacheDependency> out;
    for (const DiskDependency& d : records<DiskDependency>(size_t(Section::Dependencies))) {
        out.push_back({std::string(text(d.pathOffset, d.pathLength)), d.size, d.mtimeNs, d.contentHash});
    }
    return out;
}

Texture textureFromCache(const CacheTextureView& view, uint32_t maxSize) {
    Texture texture;
    texture.name = std::string(view.name);
    for (size_t i = firstMipWithin(view.mips, maxSize); i < view.mips.size(); ++i) {
        const CacheMip& mip = view.mips[i];
        const std::span<const uint8_t> pixels = view.pixels(i);
        if (view.format == CacheTextureFormat::Rgba8Srgb) {
            core::Image8 image;
            image.width = mip.width;
            image.height = mip.height;
            image.pixels.assign(pixels.begin(), pixels.end());
            texture.mips.push_back(std::move(image));
        } else {
            const bool alpha = view.format == CacheTextureFormat::Bc3Srgb;
            texture.mips.push_back(decompressBlocks(pixels, mip.width, mip.height, alpha));
        }
    }
    return texture;
}

core::Result<RoomMesh> RoomCache::toRoomMesh(const RoomMeshDetail& detail) const {
    try {
        RoomMesh mesh;
        mesh.source = std::string(source());
        mesh.hasVertexColors = hasVertexColors();
        mesh.bounds = bounds();
        const std::span<const uint32_t> all = indices();
        for (const CacheSubmesh& sub : submeshes()) {
            Submesh out{uint32_t(mesh.indices.size()), 0, sub.material};
            if (detail.lod == 0) {
                mesh.indices.insert(mesh.indices.end(), all.begin() + sub.firstIndex,
                                    all.begin() + sub.firstIndex + sub.indexCount);
            } else {
                for (const CacheChunk& chunk : chunks().subspan(sub.firstChunk, sub.chunkCount)) {
                    const CacheLod& lod = lods()[chunk.firstLod + std::min(detail.lod, chunk.lodCount - 1)];
                    mesh.indices.insert(mesh.indices.end(), all.begin() + lod.firstIndex,
                                        all.begin() + lod.firstIndex + lod.indexCount);
                }
            }
            out.indexCount = uint32_t(mesh.indices.size()) - out.firstIndex;
            mesh.submeshes.push_back(out);
        }
        const std::span<const Vertex> stored = vertices();
        if (detail.compact) {
            // Vertices in order of first use; validation has checked every index.
            std::vector<uint32_t> remap(stored.size(), ~0u);
            for (uint32_t& index : mesh.indices) {
                if (remap[index] == ~0u) {
                    remap[index] = uint32_t(mesh.vertices.size());
                    mesh.vertices.push_back(stored[index]);
                }
                index = remap[index];
            }
        } else {
            mesh.vertices.assign(stored.begin(), stored.end());
        }
        for (size_t i = 0; i < materialCount(); ++i) {
            mesh.materials.push_back(material(i));
            if (!detail.textures) mesh.materials.back().texture = -1;
        }
        for (size_t i = 0; detail.textures && i < textureCount(); ++i) {
            mesh.textures.push_back(textureFromCache(texture(i), std::max(detail.maxTextureSize, 1u)));
        }
        return mesh;
    } catch (const std::bad_alloc&) {
        return core::makeError(mName, "out of memory while reading the room cache");
    }
}

} // namespace sr::asset
