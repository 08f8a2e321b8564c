// Writing room caches: the settings hash, source stamps, the checksum and the file layout.
#include "asset/room_cache.h"

#include <cstring>
#include <set>
#include <sys/stat.h>

#include "asset/room_cache_format.h"
#include "core/hash.h"
#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;
using namespace cachefmt;

namespace {

uint64_t hashValue(uint64_t seed, const auto& value) {
    return core::hashBytes(std::span(reinterpret_cast<const uint8_t*>(&value), sizeof value), seed);
}

uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

constexpr uint64_t kPrime1 = 0x9e3779b185ebca87ull;
constexpr uint64_t kPrime2 = 0xc2b2ae3d27d4eb4full;
constexpr uint64_t kPrime3 = 0x165667b19e3779f9ull;

uint64_t mixLane(uint64_t lane, uint64_t word) { return rotl(lane + word * kPrime2, 31) * kPrime1; }

uint64_t load64(const uint8_t* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

uint64_t alignUp(uint64_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

// Appends records to a growing file image, keeping each section 16-byte aligned.
class Layout {
public:
    Layout() : mBytes(sizeof(Header) + kSectionCount * sizeof(DirectoryEntry), 0) {}

    uint64_t size() const { return mBytes.size(); }
    template <class T> void section(Section kind, std::span<const T> records) {
        align();
        DirectoryEntry& entry = mDirectory[size_t(kind)];
        entry = {uint32_t(kind), uint32_t(sizeof(T)), mBytes.size(), records.size_bytes(), records.size()};
        const auto* data = reinterpret_cast<const uint8_t*>(records.data());
        mBytes.insert(mBytes.end(), data, data + records.size_bytes());
    }
    // Opens a byte section that grows through append(); closed by finish().
    void beginBytes(Section kind) {
        align();
        mOpen = kind;
        mDirectory[size_t(kind)] = {uint32_t(kind), 1, mBytes.size(), 0, 0};
    }
    void reserve(uint64_t bytes) { mBytes.reserve(bytes); }
    uint64_t append(std::span<const uint8_t> bytes) {
        align();
        const uint64_t offset = mBytes.size();
        mBytes.insert(mBytes.end(), bytes.begin(), bytes.end());
        DirectoryEntry& entry = mDirectory[size_t(mOpen)];
        entry.size = entry.count = mBytes.size() - entry.offset;
        return offset;
    }
    std::vector<uint8_t> finish(Header header) {
        align();
        header.fileSize = mBytes.size();
        std::memcpy(mBytes.data(), &header, sizeof header);
        std::memcpy(mBytes.data() + sizeof header, mDirectory.data(), sizeof(DirectoryEntry) * kSectionCount);
        header.checksum = roomCacheChecksum(std::span(mBytes).subspan(kChecksumStart));
        std::memcpy(mBytes.data(), &header, sizeof header);
        return std::move(mBytes);
    }

private:
    void align() { mBytes.resize(alignUp(mBytes.size()), 0); }

    std::vector<uint8_t> mBytes;
    std::array<DirectoryEntry, kSectionCount> mDirectory{};
    Section mOpen = Section::Strings;
};

// Strings of a cache, stored once each in the Strings section.
class StringPool {
public:
    std::pair<uint32_t, uint32_t> add(std::string_view text) {
        const auto offset = uint32_t(mBytes.size());
        mBytes.insert(mBytes.end(), text.begin(), text.end());
        return {offset, uint32_t(text.size())};
    }
    std::span<const uint8_t> bytes() const { return mBytes; }

private:
    std::vector<uint8_t> mBytes;
};

// `file` and `base` absolute. Paths are recorded relative to `base`, so a cache beside an exhibit's
// mesh stays valid when the exhibit folder moves.
std::optional<CacheDependency> stampFile(const fs::path& file, const fs::path& base) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    CacheDependency dep;
    const fs::path relative = file.lexically_relative(base);
    dep.path = relative.empty() ? file.generic_string() : relative.generic_string();
    dep.size = uint64_t(st.st_size);
    dep.mtimeNs = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return dep;
}

// The material libraries an OBJ names on its "mtllib" lines.
std::vector<fs::path> objMaterialLibraries(const fs::path& meshFile, std::span<const uint8_t> bytes) {
    std::vector<fs::path> libraries;
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    for (size_t at = 0; (at = text.find("mtllib", at)) != std::string_view::npos; at += 6) {
        if (at > 0 && text[at - 1] != '\n') continue;
        const size_t end = text.find_first_of("\r\n", at);
        std::string_view names = text.substr(at + 6, end == std::string_view::npos ? end : end - at - 6);
        size_t start = names.find_first_not_of(" \t");
        if (start == std::string_view::npos) continue;
        std::string name(names.substr(start));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
        libraries.push_back(meshFile.parent_path() / name);
    }
    return libraries;
}

} // namespace

uint64_t roomCacheChecksum(std::span<const uint8_t> bytes) {
    const uint8_t* p = bytes.data();
    const size_t n = bytes.size();
    uint64_t lanes[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int k = 0; k < 4; ++k) lanes[k] = mixLane(lanes[k], load64(p + i + 8 * k));
    }
    uint64_t h = rotl(lanes[0], 1) + rotl(lanes[1], 7) + rotl(lanes[2], 12) + rotl(lanes[3], 18) + n;
    for (int k = 0; k < 4; ++k) h = (h ^ mixLane(0, lanes[k])) * kPrime1 + kPrime3;
    for (; i + 8 <= n; i += 8) h = rotl(h ^ mixLane(0, load64(p + i)), 27) * kPrime1 + kPrime3;
    for (; i < n; ++i) h = rotl(h ^ (uint64_t(p[i]) * kPrime3), 11) * kPrime1;
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    return h ^ (h >> 32);
}

uint64_t roomCacheSettingsHash(const ImportOptions& import, const RoomCacheSettings& settings) {
    uint64_t h = hashValue(core::hashString("stillroom-room-cache"), kRoomCacheVersion);
    h = hashValue(h, uint32_t(import.up));
    if (import.upVector != glm::vec3(0.0f)) {
        for (int axis = 0; axis < 3; ++axis) h = hashValue(h, import.upVector[axis]);
    }
    h = hashValue(h, import.metresPerUnit);
    h = hashValue(h, import.maxTextureSize);
    h = hashValue(h, import.maxTexturePixels);
    h = hashValue(h, uint8_t(!import.confineTexturesTo.empty()));
    for (uint32_t v : {settings.lodLevels, settings.chunkTriangles, settings.clusterVertices,
                       settings.clusterTriangles, uint32_t(settings.compressTextures)}) {
        h = hashValue(h, v);
    }
    h = hashValue(h, settings.lodReduction);
    return hashValue(h, settings.lodMaxError);
}

core::Result<std::vector<CacheDependency>> stampSources(const fs::path& meshFile, const RoomMesh& mesh) {
    std::error_code ec;
    const fs::path mesh0 = fs::absolute(meshFile, ec).lexically_normal();
    const fs::path base = mesh0.parent_path();
    auto meshBytes = core::MappedFile::open(mesh0);
    if (!meshBytes) return meshBytes.error();
    std::vector<fs::path> files{mesh0};
    for (const fs::path& library : objMaterialLibraries(mesh0, meshBytes->bytes())) files.push_back(library);
    for (const fs::directory_entry& entry : fs::directory_iterator(base, ec)) {
        if (entry.path().stem() == mesh0.stem() && entry.path() != mesh0 &&
            entry.path().extension() != kRoomCacheExtension && entry.is_regular_file(ec)) {
            files.push_back(entry.path());
        }
    }
    for (const Texture& texture : mesh.textures) files.push_back(fs::absolute(texture.name, ec));
    std::vector<CacheDependency> out;
    std::set<std::string> seen;
    for (const fs::path& file : files) {
        std::optional<CacheDependency> dep = stampFile(file.lexically_normal(), base);
        if (!dep) {
            if (out.empty()) return core::makeError(meshFile.string(), "not a regular file");
            continue; // an embedded image's name, a material library that is missing
        }
        if (!seen.insert(dep->path).second) continue;
        auto mapped = core::MappedFile::open(file);
        if (!mapped) return mapped.error();
        dep->contentHash = roomCacheChecksum(mapped->bytes());
        out.push_back(std::move(*dep));
    }
    return out;
}

namespace {

// The records that are stored with their strings in the string pool.
struct Records {
    std::vector<DiskDependency> dependencies;
    std::vector<DiskMaterial> materials;
    std::vector<DiskTexture> textures;
    std::vector<CacheMip> mips; // offsets filled in once the pixels are placed
    uint64_t sourceHash = 0;
};

Records collectRecords(const BakedRoom& room, const CacheStamp& stamp, StringPool& strings) {
    Records r;
    r.sourceHash = core::hashString("sources");
    for (const CacheDependency& d : stamp.dependencies) {
        auto [offset, length] = strings.add(d.path);
        r.dependencies.push_back({offset, length, d.size, d.mtimeNs, d.contentHash});
        r.sourceHash = hashValue(core::hashString(d.path, r.sourceHash), d.contentHash);
    }
    for (const Material& m : room.materials) {
        auto [offset, length] = strings.add(m.name);
        r.materials.push_back({m.baseColor, int32_t(m.texture), offset, length, 0});
    }
    for (const CacheTextureData& t : room.textures) {
        auto [offset, length] = strings.add(t.name);
        const CacheMipData* top = t.mips.empty() ? nullptr : &t.mips[0];
        r.textures.push_back({offset, length, uint32_t(t.format), top ? top->width : 0, top ? top->height : 0,
                              uint32_t(r.mips.size()), uint32_t(t.mips.size()), 0});
        for (const CacheMipData& mip : t.mips) r.mips.push_back({0, mip.bytes.size(), mip.width, mip.height});
    }
    return r;
}

Header makeHeader(const BakedRoom& room, const CacheStamp& stamp) {
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.version = kRoomCacheVersion;
    header.headerSize = uint32_t(sizeof(Header) + kSectionCount * sizeof(DirectoryEntry));
    header.settingsHash = stamp.settingsHash;
    header.sectionCount = kSectionCount;
    header.flags = room.hasVertexColors ? kFlagVertexColors : 0;
    header.boundsMin = room.bounds.min;
    header.boundsMax = room.bounds.max;
    return header;
}

} // namespace

std::vector<uint8_t> serializeRoomCache(const BakedRoom& room, const CacheStamp& stamp) {
    StringPool strings;
    Header header = makeHeader(room, stamp);
    std::tie(header.sourceOffset, header.sourceLength) = strings.add(room.source);
    Records records = collectRecords(room, stamp, strings);
    header.sourceHash = records.sourceHash;
    Layout layout;
    layout.section<uint8_t>(Section::Strings, strings.bytes());
    layout.section<DiskDependency>(Section::Dependencies, records.dependencies);
    layout.section<Vertex>(Section::Vertices, room.vertices);
    layout.section<uint32_t>(Section::Indices, room.indices);
    layout.section<CacheSubmesh>(Section::Submeshes, room.submeshes);
    layout.section<CacheChunk>(Section::Chunks, room.chunks);
    layout.section<CacheLod>(Section::Lods, room.lods);
    layout.section<CacheCluster>(Section::Clusters, room.clusters);
    layout.section<DiskMaterial>(Section::Materials, records.materials);
    layout.section<DiskTexture>(Section::Textures, records.textures);
    // The mip table precedes the pixels it points to: place the pixels on paper first.
    uint64_t at = alignUp(alignUp(layout.size()) + records.mips.size() * sizeof(CacheMip));
    for (CacheMip& mip : records.mips) {
        mip.offset = at;
        at = alignUp(at + mip.size);
    }
    layout.reserve(at);
    layout.section<CacheMip>(Section::Mips, records.mips);
    layout.beginBytes(Section::Pixels);
    size_t m = 0;
    for (const CacheTextureData& t : room.textures) {
        for (const CacheMipData& mip : t.mips) {
            [[maybe_unused]] const uint64_t offset = layout.append(mip.bytes);
            assert(offset == records.mips[m++].offset);
        }
    }
    return layout.finish(header);
}

core::Status writeRoomCache(const fs::path& file, const BakedRoom& room, const CacheStamp& stamp) {
    try {
        const std::vector<uint8_t> bytes = serializeRoomCache(room, stamp);
        return core::writeFileAtomic(file, bytes);
    } catch (const std::bad_alloc&) {
        return core::makeError(file.string(), "out of memory while writing the room cache");
    }
}

fs::path userRoomCachePath(const fs::path& cacheDir, const fs::path& meshFile, uint64_t settingsHash) {
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(meshFile, ec), ec);
    if (absolute.empty()) absolute = meshFile;
    const uint64_t key = hashValue(core::hashString(absolute.generic_string()), settingsHash);
    return cacheDir / "rooms" / (core::hashToHex(key) + std::string(kRoomCacheExtension));
}

fs::path inPlaceRoomCachePath(const fs::path& meshFile) {
    fs::path file = meshFile;
    file += kRoomCacheExtension;
    return file;
}

} // namespace sr::asset
