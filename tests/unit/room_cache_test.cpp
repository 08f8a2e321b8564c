// Unit tests of the baked room cache: round trip, freshness, refusal of damaged files, levels of
// detail and clusters, and loading for viewing.
#include <gtest/gtest.h>
#include <unistd.h>

#include "log_capture.h"
#include "test_folder.h"
#include "test_random.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "asset/room_cache.h"
#include "asset/room_cache_format.h"
#include "asset/importer.h"
#include "asset/room_load.h"
#include "asset/texture.h"
#include "core/files.h"
#include "core/image.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {
using sr::test::LogCapture;

fs::path testFolder() { return sr::test::freshTestFolder("room_cache"); }

// A gently bumpy floor of n x n quads in two materials (left and right half), the right half
// textured; the halves share no vertices, as a texture seam in a scan would not.
RoomMesh bumpyFloor(uint32_t n, float bump = 0.02f) {
    RoomMesh mesh;
    mesh.source = "bumpy-floor";
    for (uint32_t half = 0; half < 2; ++half) {
        const uint32_t base = uint32_t(mesh.vertices.size());
        const uint32_t x0 = half * n / 2, x1 = half ? n : n / 2;
        for (uint32_t y = 0; y <= n; ++y) {
            for (uint32_t x = x0; x <= x1; ++x) {
                const float fx = float(x) / float(n), fy = float(y) / float(n);
                const float z = bump * std::sin(fx * 7.0f) * std::cos(fy * 5.0f);
                mesh.vertices.push_back({{fx * 4.0f, fy * 4.0f, z}, {0, 0, 1}, {fx, fy}, 0xffffffffu});
            }
        }
        Submesh sub{uint32_t(mesh.indices.size()), 0, half};
        const uint32_t w = x1 - x0 + 1;
        for (uint32_t y = 0; y < n; ++y) {
            for (uint32_t x = 0; x + 1 < w; ++x) {
                const uint32_t a = base + y * w + x, b = a + 1, c = a + w, d = c + 1;
                mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
            }
        }
        sub.indexCount = uint32_t(mesh.indices.size()) - sub.firstIndex;
        mesh.submeshes.push_back(sub);
    }
    mesh.materials = {Material{"plain", glm::vec4(0.5f, 0.4f, 0.3f, 1.0f), -1},
                      Material{"atlas", glm::vec4(1.0f), 0}};
    sr::core::Image8 image{8, 4};
    for (size_t i = 0; i < image.pixels.size(); ++i)
        image.pixels[i] = uint8_t(i * 37 + (i % 4 == 3 ? 255 : 0));
    mesh.textures.push_back(buildTexture(image, "atlas.png", 4096));
    computeBounds(mesh);
    return mesh;
}

// Triangles of one submesh as sorted vertex tuples, each rotated to start at its smallest corner
// (winding kept), so meshes that differ only in vertex and triangle order compare equal.
using Corner = std::tuple<float, float, float, float, float, float, float, float, uint32_t>;
std::multiset<std::array<Corner, 3>> triangleSet(const RoomMesh& mesh, const Submesh& sub) {
    std::multiset<std::array<Corner, 3>> out;
    for (uint32_t i = sub.firstIndex; i < sub.firstIndex + sub.indexCount; i += 3) {
        std::array<Corner, 3> tri;
        for (int k = 0; k < 3; ++k) {
            const Vertex& v = mesh.vertices[mesh.indices[i + k]];
            tri[k] = {v.position.x, v.position.y, v.position.z, v.normal.x, v.normal.y,
                      v.normal.z,   v.uv.x,       v.uv.y,       v.color};
        }
        std::rotate(tri.begin(), std::min_element(tri.begin(), tri.end()), tri.end());
        out.insert(tri);
    }
    return out;
}

std::vector<uint8_t> bakeToBytes(const RoomMesh& mesh, const RoomCacheSettings& settings = {}) {
    CacheStamp stamp{roomCacheSettingsHash({}, settings), {{"floor.obj", 10, 20, 30}}};
    return serializeRoomCache(bakeRoom(mesh, settings), stamp);
}

// Bytes that stay 16-byte aligned (the reader requires it) whatever their length.
struct AlignedBytes {
    std::vector<uint64_t> storage;
    size_t size = 0;
    explicit AlignedBytes(std::span<const uint8_t> bytes)
        : storage(bytes.size() / 8 + 2), size(bytes.size()) {
        std::memcpy(data(), bytes.data(), bytes.size());
    }
    uint8_t* data() {
        auto p = reinterpret_cast<uintptr_t>(storage.data());
        return reinterpret_cast<uint8_t*>((p + 15) / 16 * 16);
    }
    std::span<const uint8_t> span() { return {data(), size}; }
};

// Makes the checksum right again, so a crafted change reaches the structural checks.
void resealChecksum(AlignedBytes& bytes) {
    const uint64_t sum = roomCacheChecksum(bytes.span().subspan(cachefmt::kChecksumStart));
    std::memcpy(bytes.data() + offsetof(cachefmt::Header, checksum), &sum, 8);
}

cachefmt::DirectoryEntry directoryEntry(AlignedBytes& bytes, cachefmt::Section section) {
    cachefmt::DirectoryEntry entry;
    std::memcpy(&entry, bytes.data() + sizeof(cachefmt::Header) + size_t(section) * sizeof entry,
                sizeof entry);
    return entry;
}

void writeFile(const fs::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// A textured OBJ quad with its MTL and PNG, for the tests that need files on disk.
fs::path writeTexturedObj(const fs::path& folder) {
    writeFile(folder / "room.obj",
              "mtllib room.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\n"
              "vt 0 1\nusemtl wall\nf 1/1 2/2 3/3\nf 1/1 3/3 4/4\n");
    writeFile(folder / "room.mtl", "newmtl wall\nKd 1 1 1\nmap_Kd wall.png\n");
    sr::core::Image8 image{4, 4};
    std::fill(image.pixels.begin(), image.pixels.end(), uint8_t(200));
    EXPECT_TRUE(sr::core::writePng(folder / "wall.png", image).ok());
    return folder / "room.obj";
}

// Each level's clusters follow one another over its whole index range, within the cluster limit,
// each bounding its triangles.
void expectClustersTileEachLevel(const BakedRoom& room, const RoomCacheSettings& settings) {
    for (const CacheLod& lod : room.lods) {
        uint32_t next = lod.firstIndex;
        for (uint32_t c = lod.firstCluster; c < lod.firstCluster + lod.clusterCount; ++c) {
            const CacheCluster& cluster = room.clusters[c];
            EXPECT_EQ(cluster.firstIndex, next);
            EXPECT_LE(cluster.indexCount, settings.clusterTriangles * 3);
            for (uint32_t i = cluster.firstIndex; i < cluster.firstIndex + cluster.indexCount; ++i) {
                const glm::vec3 p = room.vertices[room.indices[i]].position;
                EXPECT_LE(glm::length(p - cluster.center), cluster.radius * 1.001f + 1e-5f);
            }
            next += cluster.indexCount;
        }
        EXPECT_EQ(next, lod.firstIndex + lod.indexCount);
    }
}

sr::core::Status bakeFileCache(const fs::path& mesh, const fs::path& cacheFile, const ImportOptions& import,
                               const RoomCacheSettings& settings) {
    auto imported = importRoomMesh(mesh, import);
    if (!imported) return imported.error();
    auto stamp = stampSources(mesh, *imported);
    if (!stamp) return stamp.error();
    return writeRoomCache(cacheFile, bakeRoom(*imported, settings),
                          {roomCacheSettingsHash(import, settings), *stamp});
}

} // namespace

TEST(RoomCache, RoundTripKeepsEveryTriangleMaterialAndTexture) {
    const RoomMesh mesh = bumpyFloor(12);
    const fs::path file = testFolder() / "floor.srcache";
    RoomCacheSettings settings;
    settings.chunkTriangles = 64; // several chunks per submesh
    ASSERT_TRUE(writeRoomCache(file, bakeRoom(mesh, settings), {1, {}}).ok());
    auto cache = RoomCache::open(file);
    ASSERT_TRUE(cache.ok()) << cache.error().describe();
    auto back = cache->toRoomMesh();
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->source, mesh.source);
    ASSERT_EQ(back->submeshes.size(), mesh.submeshes.size());
    for (size_t s = 0; s < mesh.submeshes.size(); ++s) {
        EXPECT_EQ(back->submeshes[s].material, mesh.submeshes[s].material);
        EXPECT_EQ(triangleSet(*back, back->submeshes[s]), triangleSet(mesh, mesh.submeshes[s])) << s;
    }
    EXPECT_EQ(back->vertices.size(), mesh.vertices.size());
    ASSERT_EQ(back->materials.size(), 2u);
    EXPECT_EQ(back->materials[1].name, "atlas");
    EXPECT_EQ(back->materials[0].baseColor, mesh.materials[0].baseColor);
    EXPECT_EQ(back->materials[1].texture, 0);
    ASSERT_EQ(back->textures.size(), 1u);
    EXPECT_EQ(back->textures[0].name, "atlas.png");
    ASSERT_EQ(back->textures[0].mips.size(), mesh.textures[0].mips.size());
    for (size_t i = 0; i < mesh.textures[0].mips.size(); ++i) {
        EXPECT_EQ(back->textures[0].mips[i].pixels, mesh.textures[0].mips[i].pixels);
    }
    EXPECT_EQ(back->bounds.min, mesh.bounds.min);
    EXPECT_EQ(back->bounds.max, mesh.bounds.max);
    EXPECT_EQ(cache->settingsHash(), 1u);
}

TEST(RoomCache, SectionsAreAlignedForUploadStraightFromTheMapping) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(4)));
    auto cache = RoomCache::parse(bytes.span(), "floor");
    ASSERT_TRUE(cache.ok()) << cache.error().describe();
    for (uint32_t i = 0; i < cachefmt::kSectionCount; ++i) {
        EXPECT_EQ(directoryEntry(bytes, cachefmt::Section(i)).offset % 16, 0u) << i;
    }
    const CacheTextureView texture = cache->texture(0);
    for (const CacheMip& mip : texture.mips) EXPECT_EQ(mip.offset % 16, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(cache->vertices().data()) % 16, 0u);
}

TEST(RoomCache, CompressedTexturesDecodeCloseToTheOriginal) {
    RoomMesh mesh = bumpyFloor(4);
    sr::core::Image8 gradient{16, 16}; // colours along a line in each block, as BC1 encodes them
    for (uint32_t y = 0; y < 16; ++y) {
        for (uint32_t x = 0; x < 16; ++x) {
            uint8_t* p = gradient.at(x, y);
            p[0] = uint8_t(x * 16), p[1] = uint8_t(255 - x * 16), p[2] = uint8_t(64 + y), p[3] = 255;
        }
    }
    mesh.textures[0] = buildTexture(gradient, "gradient.png", 4096);
    RoomCacheSettings settings;
    settings.compressTextures = true;
    AlignedBytes bytes(bakeToBytes(mesh, settings));
    auto cache = RoomCache::parse(bytes.span(), "compressed");
    ASSERT_TRUE(cache.ok()) << cache.error().describe();
    EXPECT_EQ(cache->texture(0).format, CacheTextureFormat::Bc1Srgb);
    EXPECT_EQ(cache->texture(0).pixels(0).size(), 16u * 8u); // 4x4 blocks of 8 bytes
    auto back = cache->toRoomMesh();
    ASSERT_TRUE(back.ok());
    const sr::core::Image8& decoded = back->textures[0].mips[0];
    int worst = 0;
    for (size_t i = 0; i < decoded.pixels.size(); ++i) {
        worst = std::max(worst, std::abs(int(decoded.pixels[i]) - int(gradient.pixels[i])));
    }
    EXPECT_LE(worst, 12);
}

TEST(RoomCache, ReducedDetailDropsTopMipsAndTakesCoarserLevels) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(24, 0.0f)));
    auto cache = RoomCache::parse(bytes.span(), "floor");
    ASSERT_TRUE(cache.ok());
    auto full = cache->toRoomMesh();
    auto coarse = cache->toRoomMesh({3, 2});
    ASSERT_TRUE(full.ok() && coarse.ok());
    EXPECT_LT(coarse->triangleCount(), full->triangleCount() / 4);
    EXPECT_EQ(coarse->textures[0].mips[0].width, 2u);
    EXPECT_EQ(coarse->submeshes.size(), full->submeshes.size());
}

TEST(RoomCache, EveryTruncationIsRefusedWithTheFileNamed) {
    const std::vector<uint8_t> bytes = bakeToBytes(bumpyFloor(2));
    AlignedBytes aligned(bytes);
    for (size_t length = 0; length < bytes.size(); ++length) {
        auto cache = RoomCache::parse(aligned.span().first(length), "cut.srcache");
        ASSERT_FALSE(cache.ok()) << length;
        EXPECT_EQ(cache.error().path, "cut.srcache");
        EXPECT_NE(cache.error().message.find("truncated"), std::string::npos) << cache.error().message;
    }
    EXPECT_TRUE(RoomCache::parse(aligned.span(), "whole").ok());
}

TEST(RoomCache, EveryBitFlipIsRefused) {
    const std::vector<uint8_t> bytes = bakeToBytes(bumpyFloor(2));
    sr::test::Random random{7};
    for (size_t at = 0; at < bytes.size(); ++at) {
        AlignedBytes flipped(bytes);
        flipped.data()[at] ^= uint8_t(1u << (random.next() % 8));
        auto cache = RoomCache::parse(flipped.span(), "flipped.srcache");
        ASSERT_FALSE(cache.ok()) << "byte " << at;
        EXPECT_EQ(cache.error().path, "flipped.srcache");
    }
}

TEST(RoomCache, CraftedFilesWithAValidChecksumAreStillChecked) {
    const std::vector<uint8_t> bytes = bakeToBytes(bumpyFloor(2));
    sr::test::Random random{11};
    size_t refused = 0;
    for (int round = 0; round < 3000; ++round) {
        AlignedBytes crafted(bytes);
        for (int flips = 1 + int(random.next() % 3); flips > 0; --flips) {
            const size_t at =
                cachefmt::kChecksumStart + random.next() % (bytes.size() - cachefmt::kChecksumStart);
            crafted.data()[at] ^= uint8_t(1u << (random.next() % 8));
        }
        resealChecksum(crafted);
        auto cache = RoomCache::parse(crafted.span(), "crafted");
        if (!cache) {
            ++refused;
            continue;
        }
        // Accepted: everything it exposes must be usable.
        auto mesh = cache->toRoomMesh({1, 4});
        ASSERT_TRUE(mesh.ok());
        for (uint32_t i : mesh->indices) ASSERT_LT(i, mesh->vertices.size());
    }
    EXPECT_GT(refused, 0u);
}

TEST(RoomCache, OutOfRangeIndexIsRefusedNamingIt) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(2)));
    const cachefmt::DirectoryEntry indices = directoryEntry(bytes, cachefmt::Section::Indices);
    const uint32_t bad = 1000;
    std::memcpy(bytes.data() + indices.offset + 4, &bad, 4);
    resealChecksum(bytes);
    auto cache = RoomCache::parse(bytes.span(), "bad-index.srcache");
    ASSERT_FALSE(cache.ok());
    EXPECT_EQ(
        cache.error().describe().rfind("bad-index.srcache: corrupt room cache: index 1 names vertex 1000", 0),
        0u)
        << cache.error().describe();
}

TEST(RoomCache, NonFiniteVertexIsRefusedNamingIt) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(2)));
    const cachefmt::DirectoryEntry vertices = directoryEntry(bytes, cachefmt::Section::Vertices);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(bytes.data() + vertices.offset + 2 * sizeof(Vertex) + 4, &nan, 4); // vertex 2, position.y
    resealChecksum(bytes);
    auto cache = RoomCache::parse(bytes.span(), "nan.srcache");
    ASSERT_FALSE(cache.ok());
    EXPECT_EQ(cache.error().describe(), "nan.srcache: corrupt room cache: vertex 2 is not a finite number");
}

TEST(RoomCache, SectionBeyondTheFileIsRefused) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(2)));
    cachefmt::DirectoryEntry entry = directoryEntry(bytes, cachefmt::Section::Vertices);
    entry.count += 1000;
    entry.size = entry.count * sizeof(Vertex);
    std::memcpy(bytes.data() + sizeof(cachefmt::Header) + size_t(cachefmt::Section::Vertices) * sizeof entry,
                &entry, sizeof entry);
    resealChecksum(bytes);
    auto cache = RoomCache::parse(bytes.span(), "big.srcache");
    ASSERT_FALSE(cache.ok());
    EXPECT_NE(cache.error().message.find("vertices section"), std::string::npos) << cache.error().message;
}

TEST(RoomCache, OtherVersionsAndOtherFilesAreRefused) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(2)));
    bytes.data()[offsetof(cachefmt::Header, version)] = 99;
    auto cache = RoomCache::parse(bytes.span(), "old.srcache");
    ASSERT_FALSE(cache.ok());
    EXPECT_NE(cache.error().message.find("version 99"), std::string::npos) << cache.error().message;
    std::vector<uint8_t> png(200, 0x89);
    AlignedBytes other(png);
    auto notCache = RoomCache::parse(other.span(), "photo.png");
    ASSERT_FALSE(notCache.ok());
    EXPECT_NE(notCache.error().message.find("not a Stillroom room cache"), std::string::npos);
    auto missing = RoomCache::open(testFolder() / "missing.srcache");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().path.find("missing.srcache"), std::string::npos);
}

TEST(RoomCacheFreshness, FreshUntilASourceOrTheSettingsChange) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    const RoomCacheSettings settings;
    const fs::path file = folder / "cache" / "room.srcache";
    ASSERT_TRUE(bakeFileCache(mesh, file, import, settings).ok());
    auto cache = RoomCache::open(file);
    ASSERT_TRUE(cache.ok());
    const std::vector<CacheDependency> deps = cache->dependencies();
    ASSERT_EQ(deps.size(), 3u);
    EXPECT_EQ(deps[0].path, "room.obj");
    EXPECT_EQ(deps[1].path, "room.mtl");
    EXPECT_EQ(deps[2].path, "wall.png");
    EXPECT_TRUE(checkRoomCacheFresh(*cache, mesh, import, settings).ok());

    RoomCacheSettings other = settings;
    other.lodLevels = 2;
    auto s = checkRoomCacheFresh(*cache, mesh, import, other);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("settings"), std::string::npos);
    EXPECT_FALSE(checkRoomCacheFresh(*cache, mesh, ImportOptions{UpAxis::PosY}, settings).ok());

    // A new modification time with the same content (a copied exhibit) keeps the cache fresh.
    fs::last_write_time(folder / "wall.png",
                        fs::last_write_time(folder / "wall.png") + std::chrono::hours(1));
    EXPECT_TRUE(checkRoomCacheFresh(*cache, mesh, import, settings).ok());

    // The same size but other bytes: stale, naming the file.
    auto png = *sr::core::readFile(folder / "wall.png");
    png[png.size() / 2] ^= 1;
    ASSERT_TRUE(sr::core::writeFileAtomic(folder / "wall.png", png).ok());
    s = checkRoomCacheFresh(*cache, mesh, import, settings);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("wall.png changed"), std::string::npos) << s.error().message;

    fs::remove(folder / "room.mtl");
    s = checkRoomCacheFresh(*cache, mesh, import, settings);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("room.mtl is missing"), std::string::npos) << s.error().message;
}

TEST(RoomCacheFreshness, ConfinedRoomsRefuseSourcesOutsideTheFolder) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    ImportOptions import{UpAxis::PosZ};
    import.confineTexturesTo = folder;
    const fs::path file = folder / "room.obj.srcache";
    ASSERT_TRUE(bakeFileCache(mesh, file, import, {}).ok());
    auto cache = RoomCache::open(file);
    ASSERT_TRUE(cache.ok());
    EXPECT_TRUE(checkRoomCacheFresh(*cache, mesh, import, {}).ok());
    // The settings hash ignores the folder itself (an exhibit may move) but not the confinement.
    import.confineTexturesTo = folder / "elsewhere";
    EXPECT_EQ(roomCacheSettingsHash(import, {}), cache->settingsHash());
    auto s = checkRoomCacheFresh(*cache, mesh, import, {});
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("lies outside"), std::string::npos) << s.error().message;
}

TEST(RoomCacheLod, LevelsStayWithinTheRequestedErrorAndKeepBorders) {
    RoomCacheSettings settings;
    settings.chunkTriangles = 400; // several chunks per half, each simplified with its border locked
    settings.lodMaxError = 0.02f;
    const RoomMesh mesh = bumpyFloor(40, 0.05f);
    const BakedRoom room = bakeRoom(mesh, settings);
    size_t simplified = 0;
    for (const CacheChunk& chunk : room.chunks) {
        ASSERT_GE(chunk.lodCount, 1u);
        const CacheLod& full = room.lods[chunk.firstLod];
        EXPECT_EQ(full.error, 0.0f);
        // Border vertices of the chunk: on edges used by one triangle.
        std::map<std::pair<uint32_t, uint32_t>, int> edges;
        for (uint32_t i = full.firstIndex; i < full.firstIndex + full.indexCount; i += 3) {
            for (int k = 0; k < 3; ++k) {
                uint32_t a = room.indices[i + k], b = room.indices[i + (k + 1) % 3];
                ++edges[{std::min(a, b), std::max(a, b)}];
            }
        }
        std::set<uint32_t> border;
        for (auto [edge, count] : edges) {
            if (count == 1) border.insert({edge.first, edge.second});
        }
        const glm::vec3 extent = chunk.boundsMax - chunk.boundsMin;
        const float scale = std::max({extent.x, extent.y, extent.z});
        for (uint32_t l = 1; l < chunk.lodCount; ++l) {
            const CacheLod& lod = room.lods[chunk.firstLod + l];
            const CacheLod& previous = room.lods[chunk.firstLod + l - 1];
            EXPECT_LT(lod.indexCount, previous.indexCount);
            EXPECT_GE(lod.error, previous.error);
            EXPECT_LE(lod.error, float(l) * settings.lodMaxError * scale * 1.001f);
            const std::set<uint32_t> used(room.indices.begin() + lod.firstIndex,
                                          room.indices.begin() + lod.firstIndex + lod.indexCount);
            for (uint32_t v : border)
                ASSERT_TRUE(used.count(v)) << "border vertex " << v << " lost at level " << l;
            ++simplified;
        }
    }
    EXPECT_GT(simplified, 0u);
}

TEST(RoomCacheLod, ClustersTileEachLevelAndBoundTheirTriangles) {
    RoomCacheSettings settings;
    settings.chunkTriangles = 1000;
    const BakedRoom room = bakeRoom(bumpyFloor(30, 0.05f), settings);
    expectClustersTileEachLevel(room, settings);
    // Full detail of each submesh is one range, made of its chunks' level 0.
    for (const CacheSubmesh& sub : room.submeshes) {
        uint32_t next = sub.firstIndex;
        for (uint32_t c = sub.firstChunk; c < sub.firstChunk + sub.chunkCount; ++c) {
            EXPECT_EQ(room.lods[room.chunks[c].firstLod].firstIndex, next);
            next += room.lods[room.chunks[c].firstLod].indexCount;
        }
        EXPECT_EQ(next, sub.firstIndex + sub.indexCount);
    }
}

TEST(RoomLoad, BakesIntoTheCacheFolderOnceThenReadsTheCache) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path exhibit = folder / "exhibit";
    fs::create_directories(exhibit);
    const fs::path mesh = writeTexturedObj(exhibit);
    ImportOptions import{UpAxis::PosZ};
    import.confineTexturesTo = exhibit;
    auto first = loadRoomForViewing(mesh, import, folder / "cache");
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(log.count({"baked", "room.obj"}), 1u) << log.all();
    const fs::path cacheFile = userRoomCachePath(folder / "cache", mesh, roomCacheSettingsHash(import, {}));
    EXPECT_TRUE(fs::exists(cacheFile));
    size_t exhibitFiles = 0;
    for ([[maybe_unused]] auto& entry : fs::directory_iterator(exhibit)) ++exhibitFiles;
    EXPECT_EQ(exhibitFiles, 3u); // nothing written beside the room

    auto second = loadRoomForViewing(mesh, import, folder / "cache");
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(log.count({"from its room cache"}), 1u) << log.all();
    EXPECT_EQ(second->indices, first->indices);
    EXPECT_EQ(second->vertices.size(), first->vertices.size());
    EXPECT_EQ(second->textures[0].mips.size(), first->textures[0].mips.size());
}

TEST(RoomLoad, CorruptCacheIsPassedOverWithAWarningAndRebuilt) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    const fs::path cacheFile = userRoomCachePath(folder / "cache", mesh, roomCacheSettingsHash(import, {}));
    fs::create_directories(cacheFile.parent_path());
    writeFile(cacheFile, "SRCACHE garbage");
    auto room = loadRoomForViewing(mesh, import, folder / "cache");
    ASSERT_TRUE(room.ok());
    EXPECT_EQ(log.count({"passed over", cacheFile.string(), "truncated"}), 1u) << log.all();
    EXPECT_TRUE(RoomCache::open(cacheFile).ok());
}

TEST(RoomCache, CompactCoarsestLevelKeepsOnlyTheVerticesItUses) {
    AlignedBytes bytes(bakeToBytes(bumpyFloor(24, 0.0f)));
    auto cache = RoomCache::parse(bytes.span(), "floor");
    ASSERT_TRUE(cache.ok());
    auto full = cache->toRoomMesh();
    auto preview = cache->toRoomMesh({~0u, 4, true, true});
    ASSERT_TRUE(full.ok() && preview.ok());
    EXPECT_LT(preview->triangleCount(), full->triangleCount() / 4);
    EXPECT_LT(preview->vertices.size(), full->vertices.size() / 4);
    std::vector<bool> used(preview->vertices.size(), false);
    for (uint32_t index : preview->indices) {
        ASSERT_LT(index, preview->vertices.size());
        used[index] = true;
    }
    EXPECT_EQ(std::count(used.begin(), used.end(), false), 0); // every kept vertex is used
    // The same triangles as the uncompacted coarsest level, corner for corner.
    auto coarsest = cache->toRoomMesh({~0u, 4, true, false});
    ASSERT_TRUE(coarsest.ok());
    ASSERT_EQ(coarsest->indices.size(), preview->indices.size());
    for (size_t i = 0; i < preview->indices.size(); ++i) {
        ASSERT_EQ(preview->vertices[preview->indices[i]].position,
                  coarsest->vertices[coarsest->indices[i]].position);
    }
    EXPECT_EQ(preview->textures[0].mips[0].width, 4u);

    auto geometry = cache->toRoomMesh({0, 0, false, false});
    ASSERT_TRUE(geometry.ok());
    EXPECT_EQ(geometry->indices, full->indices);
    EXPECT_TRUE(geometry->textures.empty());
    for (const Material& material : geometry->materials) EXPECT_EQ(material.texture, -1);
}

TEST(RoomLoad, OpenForViewingKeepsTheCacheAPreviewAndTheFullGeometry) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    auto room = openRoomForViewing(mesh, import, folder / "cache");
    ASSERT_TRUE(room.ok()) << room.error().describe();
    ASSERT_NE(room->cache, nullptr);
    auto full = room->cache->toRoomMesh();
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(room->geometry.indices, full->indices);
    EXPECT_TRUE(room->geometry.textures.empty());
    EXPECT_LE(room->preview.triangleCount(), full->triangleCount());
    ASSERT_EQ(room->preview.textures.size(), full->textures.size());
    EXPECT_LE(room->preview.textures[0].mips[0].width, kPreviewTextureSize);
    EXPECT_EQ(log.count({"opened", "first view"}), 1u) << log.all();
    // A second open reads the cache the first one baked.
    auto again = openRoomForViewing(mesh, import, folder / "cache");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(log.count({"from its room cache"}), 1u) << log.all();
}

TEST(RoomLoad, WithoutACacheFolderTheTemporaryCacheIsGoneButStaysReadable) {
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    auto room = openRoomForViewing(mesh, ImportOptions{UpAxis::PosZ}, {});
    ASSERT_TRUE(room.ok()) << room.error().describe();
    EXPECT_FALSE(fs::exists(room->cache->name())); // removed once mapped
    auto full = room->cache->toRoomMesh();
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->indices, room->geometry.indices);
}

TEST(RoomLoad, AFirstOpenReportsTheBakesProgressStageByStage) {
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    std::vector<std::pair<std::string, double>> reports;
    auto room = openRoomForViewing(
        mesh, import, folder / "cache", {}, defaultImportLimits(),
        [&](std::string_view stage, double fraction) { reports.emplace_back(std::string(stage), fraction); });
    ASSERT_TRUE(room.ok()) << room.error().describe();
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.front(), (std::pair<std::string, double>{"reading", 0.0}));
    EXPECT_NE(std::find(reports.begin(), reports.end(), std::pair<std::string, double>{"reading", 0.75}),
              reports.end()); // the meshes built, before the textures
    EXPECT_EQ(reports.back(), (std::pair<std::string, double>{"writing", 1.0}));
    std::set<std::string> stages;
    double done = 0.0;
    for (const auto& [stage, fraction] : reports) {
        stages.insert(stage);
        const double overall = importFractionDone(stage, fraction);
        EXPECT_GE(overall, done) << stage << " " << fraction; // never goes back
        done = overall;
    }
    EXPECT_EQ(stages, (std::set<std::string>{"reading", "optimise", "textures", "writing"}));
    EXPECT_DOUBLE_EQ(done, 1.0);

    // From the cache there is nothing to prepare and nothing to report.
    reports.clear();
    ASSERT_TRUE(openRoomForViewing(mesh, import, folder / "cache", {}, defaultImportLimits(),
                                   [&](std::string_view stage, double fraction) {
                                       reports.emplace_back(std::string(stage), fraction);
                                   })
                    .ok());
    EXPECT_TRUE(reports.empty());
}

TEST(RoomLoad, ImportFractionDoneRisesThroughTheStagesAndIgnoresNonsense) {
    EXPECT_DOUBLE_EQ(importFractionDone("reading", 0.0), 0.0);
    EXPECT_DOUBLE_EQ(importFractionDone("reading", 1.0), importFractionDone("optimise", 0.0));
    EXPECT_DOUBLE_EQ(importFractionDone("optimise", 1.0), importFractionDone("textures", 0.0));
    EXPECT_DOUBLE_EQ(importFractionDone("textures", 1.0), importFractionDone("writing", 0.0));
    EXPECT_DOUBLE_EQ(importFractionDone("writing", 1.0), 1.0);
    EXPECT_DOUBLE_EQ(importFractionDone("optimise", 7.0), importFractionDone("optimise", 1.0));
    EXPECT_DOUBLE_EQ(importFractionDone("optimise", std::nan("")), importFractionDone("optimise", 0.0));
    EXPECT_DOUBLE_EQ(importFractionDone("something else", 0.5), 0.0);
    // Towards a first showing, reading is nearly all of the way; a bake without one finishes it.
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("reading", 0.0), 0.0);
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("reading", 0.5), 0.475);
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("reading", 1.0), 0.95);
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("optimise", 0.0), 0.95);
    EXPECT_GT(firstShowingFractionDone("textures", 0.5), firstShowingFractionDone("optimise", 1.0));
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("writing", 1.0), 1.0);
    EXPECT_DOUBLE_EQ(firstShowingFractionDone("reading", std::nan("")), 0.0);
}

TEST(RoomCacheFirstShowing, HoldsEveryTriangleAtFullDetailInClustersWithSmallMips) {
    RoomCacheSettings settings;
    settings.chunkTriangles = 400;
    RoomMesh mesh = bumpyFloor(30, 0.05f);
    // A large texture, so that the first showing's mip limit shows.
    sr::core::Image8 image{1024, 512};
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = uint8_t(i * 13);
    mesh.textures[0] = buildTexture(image, "atlas.png", 4096);
    const BakedRoom first = bakeFirstShowing(mesh, settings, 256);
    ASSERT_GT(first.chunks.size(), 1u);
    for (const CacheChunk& chunk : first.chunks) EXPECT_EQ(chunk.lodCount, 1u); // no levels of detail
    // The same triangles as the mesh, submesh by submesh.
    RoomMesh shown = toRoomMesh(first);
    ASSERT_EQ(shown.submeshes.size(), mesh.submeshes.size());
    for (size_t s = 0; s < mesh.submeshes.size(); ++s)
        EXPECT_EQ(triangleSet(shown, shown.submeshes[s]), triangleSet(mesh, mesh.submeshes[s])) << s;
    expectClustersTileEachLevel(first, settings);
    // Mips from 256 down, as RGBA8, the same pixels as the mesh's.
    ASSERT_EQ(first.textures.size(), 1u);
    EXPECT_EQ(first.textures[0].format, CacheTextureFormat::Rgba8Srgb);
    ASSERT_FALSE(first.textures[0].mips.empty());
    EXPECT_EQ(first.textures[0].mips[0].width, 256u);
    EXPECT_EQ(first.textures[0].mips[0].height, 128u);
    EXPECT_EQ(first.textures[0].mips.back().width, 1u);
    EXPECT_EQ(first.textures[0].mips[0].bytes, mesh.textures[0].mips[2].pixels);
    // And it is a cache like any other: written and read back.
    const fs::path file = testFolder() / "first.srcache";
    ASSERT_TRUE(
        writeRoomCache(file, first, {roomCacheSettingsHash({}, settings), {{"floor.obj", 1, 2, 3}}}).ok());
    auto cache = RoomCache::open(file);
    ASSERT_TRUE(cache.ok()) << cache.error().describe();
    auto read = cache->toRoomMesh();
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->triangleCount(), mesh.triangleCount());
}

TEST(RoomLoad, AFirstOpenShowsTheRoomFirstThenTheBakedCache) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    std::vector<ViewableRoom> shown;
    std::vector<std::string> stagesBeforeShowing;
    std::vector<std::string> stages;
    auto room = openRoomForViewing(
        mesh, import, folder / "cache", {}, defaultImportLimits(),
        [&](std::string_view stage, double) { stages.emplace_back(stage); },
        [&](ViewableRoom first) {
            stagesBeforeShowing = stages;
            shown.push_back(std::move(first));
        });
    ASSERT_TRUE(room.ok()) << room.error().describe();
    ASSERT_EQ(shown.size(), 1u) << log.all();
    const ViewableRoom& first = shown[0];
    EXPECT_EQ(first.cache, nullptr); // nothing more is drawn from it
    EXPECT_EQ(first.geometry.triangleCount(), room->geometry.triangleCount());
    EXPECT_EQ(first.preview.triangleCount(), room->geometry.triangleCount()); // every triangle
    ASSERT_EQ(first.preview.textures.size(), 1u);
    EXPECT_LE(first.preview.textures[0].mips[0].width, kFirstShowingTextureSize);
    // Shown once the mesh was read, before the bake's stages.
    ASSERT_FALSE(stagesBeforeShowing.empty());
    EXPECT_EQ(stagesBeforeShowing.back(), "reading");
    EXPECT_NE(std::find(stages.begin(), stages.end(), "optimise"), stages.end());
    EXPECT_EQ(log.count({"first showing"}), 2u) << log.all(); // written, then opened
    // Its temporary file is gone.
    const std::string ours = "stillroom-" + std::to_string(getpid()) + "-";
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path())) {
        const std::string name = entry.path().filename().string();
        EXPECT_FALSE(name.starts_with(ours) && name.find("-first") != std::string::npos) << name;
    }
    // The baked cache is the room itself; a later open reads it, with no first showing.
    ASSERT_NE(room->cache, nullptr);
    auto again = openRoomForViewing(mesh, import, folder / "cache", {}, defaultImportLimits(), {},
                                    [&](ViewableRoom first) { shown.push_back(std::move(first)); });
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(shown.size(), 1u);
}

TEST(RoomLoad, TwoOpenersOfARoomBeingBakedShareOneBake) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path mesh = writeTexturedObj(folder);
    const ImportOptions import{UpAxis::PosZ};
    std::atomic<int> firstShowings{0};
    auto open = [&] {
        return openRoomForViewing(mesh, import, folder / "cache", {}, defaultImportLimits(), {},
                                  [&](ViewableRoom) { ++firstShowings; });
    };
    auto a = std::async(std::launch::async, open);
    auto b = std::async(std::launch::async, open);
    auto roomA = a.get(), roomB = b.get();
    ASSERT_TRUE(roomA.ok()) << roomA.error().describe();
    ASSERT_TRUE(roomB.ok()) << roomB.error().describe();
    EXPECT_EQ(firstShowings.load(), 1);
    EXPECT_EQ(log.count({"baked", "into"}), 1u) << log.all();
    EXPECT_EQ(log.count({"from its room cache"}), 1u) << log.all();
    EXPECT_EQ(roomA->geometry.indices, roomB->geometry.indices);
}
