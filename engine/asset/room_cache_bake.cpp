// Baking a RoomMesh for the GPU: spatial chunks, vertex-cache and overdraw order, clusters, levels
// of detail and vertex-fetch order, all through meshoptimizer.
#include "asset/room_cache.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <meshoptimizer.h>

#include "asset/block_compress.h"

namespace sr::asset {
namespace {

// A chunk's triangles with their own compact vertex numbering, as meshoptimizer wants them
// (its per-call work is proportional to the vertex count it is given).
struct LocalMesh {
    std::vector<uint32_t> globalVertex; // local vertex -> index into the room's vertices
    std::vector<float> positions;       // x, y, z per local vertex
    std::vector<uint32_t> indices;      // full detail, local numbering
};

struct Level {
    std::vector<uint32_t> indices;      // local numbering, in cluster order
    std::vector<CacheCluster> clusters; // firstIndex relative to the level's first index
    float error = 0.0f;
};

struct ChunkResult {
    uint32_t submesh = 0;
    glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};
    std::vector<uint32_t> globalVertex;
    std::vector<Level> levels;
};

// Splits the triangles [begin, end) of `triangles` at the median centroid of the longest axis until
// every piece holds at most `maxTriangles`. Appends the pieces as ranges of `triangles`.
void splitChunks(std::vector<uint32_t>& triangles, const std::vector<glm::vec3>& centroids,
                 size_t maxTriangles, std::vector<std::pair<size_t, size_t>>& out) {
    std::vector<std::pair<size_t, size_t>> stack{{0, triangles.size()}};
    while (!stack.empty()) {
        auto [begin, end] = stack.back();
        stack.pop_back();
        if (end - begin <= maxTriangles) {
            if (end > begin) out.emplace_back(begin, end);
            continue;
        }
        glm::vec3 lo(INFINITY), hi(-INFINITY);
        for (size_t i = begin; i < end; ++i) {
            lo = glm::min(lo, centroids[triangles[i]]);
            hi = glm::max(hi, centroids[triangles[i]]);
        }
        const glm::vec3 extent = hi - lo;
        const int axis = extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2);
        const size_t middle = begin + (end - begin) / 2;
        std::nth_element(triangles.begin() + ptrdiff_t(begin), triangles.begin() + ptrdiff_t(middle),
                         triangles.begin() + ptrdiff_t(end),
                         [&](uint32_t a, uint32_t b) { return centroids[a][axis] < centroids[b][axis]; });
        stack.emplace_back(middle, end);
        stack.emplace_back(begin, middle);
    }
}

LocalMesh makeLocal(std::span<const uint32_t> triangles, uint32_t firstIndex, const RoomMesh& mesh,
                    std::vector<uint32_t>& localOf) {
    LocalMesh local;
    local.indices.reserve(triangles.size() * 3);
    for (uint32_t t : triangles) {
        for (uint32_t k = 0; k < 3; ++k) {
            const uint32_t v = mesh.indices[firstIndex + t * 3 + k];
            if (localOf[v] == ~0u) {
                localOf[v] = uint32_t(local.globalVertex.size());
                local.globalVertex.push_back(v);
                const glm::vec3& p = mesh.vertices[v].position;
                local.positions.insert(local.positions.end(), {p.x, p.y, p.z});
            }
            local.indices.push_back(localOf[v]);
        }
    }
    for (uint32_t v : local.globalVertex) localOf[v] = ~0u; // leave the map clean for the next chunk
    return local;
}

// Groups `indices` into meshlets, rewrites them in meshlet order and returns the clusters.
// `quick`: a linear scan in the indices' own order (meshopt_buildMeshletsScan) instead of the
// spatial search, at a fraction of its cost and with looser clusters: for a first showing.
std::vector<CacheCluster> buildClusters(const LocalMesh& local, std::vector<uint32_t>& indices,
                                        const RoomCacheSettings& settings, bool quick = false) {
    const size_t vertexCount = local.globalVertex.size();
    const size_t maxMeshlets =
        meshopt_buildMeshletsBound(indices.size(), settings.clusterVertices, settings.clusterTriangles);
    std::vector<meshopt_Meshlet> meshlets(maxMeshlets);
    std::vector<unsigned int> meshletVertices(maxMeshlets * settings.clusterVertices);
    std::vector<unsigned char> meshletTriangles(maxMeshlets * settings.clusterTriangles * 3);
    meshlets.resize(quick ? meshopt_buildMeshletsScan(meshlets.data(), meshletVertices.data(),
                                                      meshletTriangles.data(), indices.data(), indices.size(),
                                                      vertexCount, settings.clusterVertices,
                                                      settings.clusterTriangles)
                          : meshopt_buildMeshlets(meshlets.data(), meshletVertices.data(),
                                                  meshletTriangles.data(), indices.data(), indices.size(),
                                                  local.positions.data(), vertexCount, sizeof(float) * 3,
                                                  settings.clusterVertices, settings.clusterTriangles, 0.0f));
    std::vector<CacheCluster> clusters;
    clusters.reserve(meshlets.size());
    std::vector<uint32_t> ordered;
    ordered.reserve(indices.size());
    for (const meshopt_Meshlet& m : meshlets) {
        CacheCluster cluster;
        cluster.firstIndex = uint32_t(ordered.size());
        cluster.indexCount = m.triangle_count * 3;
        for (uint32_t i = 0; i < m.triangle_count * 3; ++i) {
            ordered.push_back(meshletVertices[m.vertex_offset + meshletTriangles[m.triangle_offset + i]]);
        }
        const meshopt_Bounds b = meshopt_computeMeshletBounds(
            &meshletVertices[m.vertex_offset], &meshletTriangles[m.triangle_offset], m.triangle_count,
            local.positions.data(), vertexCount, sizeof(float) * 3);
        cluster.center = {b.center[0], b.center[1], b.center[2]};
        cluster.radius = b.radius;
        cluster.coneAxis = {b.cone_axis[0], b.cone_axis[1], b.cone_axis[2]};
        cluster.coneCutoff = b.cone_cutoff;
        clusters.push_back(cluster);
    }
    indices = std::move(ordered);
    return clusters;
}

// One simplified level from `previous`, or an empty level when simplification no longer pays.
Level simplifyLevel(const LocalMesh& local, const Level& previous, float scale,
                    const RoomCacheSettings& settings) {
    Level level;
    const size_t previousCount = previous.indices.size();
    const size_t target = std::max<size_t>(3, size_t(double(previousCount / 3) * settings.lodReduction) * 3);
    level.indices.resize(previousCount);
    float error = 0.0f;
    level.indices.resize(meshopt_simplify(level.indices.data(), previous.indices.data(), previousCount,
                                          local.positions.data(), local.globalVertex.size(),
                                          sizeof(float) * 3, target, settings.lodMaxError,
                                          meshopt_SimplifyLockBorder, &error));
    // A level that keeps over 90% of the triangles costs memory and saves nothing.
    if (level.indices.empty() || level.indices.size() * 10 > previousCount * 9) return {};
    meshopt_optimizeVertexCache(level.indices.data(), level.indices.data(), level.indices.size(),
                                local.globalVertex.size());
    level.clusters = buildClusters(local, level.indices, settings);
    // Each level is simplified from the one before, so deviations from full detail add up.
    level.error = previous.error + error * scale;
    return level;
}

// One chunk: full detail optimised and clustered, then its simplified levels. `quick` (a first
// showing): full detail only, in the mesh's own order, clustered by a scan.
ChunkResult bakeChunk(const RoomMesh& mesh, uint32_t submesh, std::span<const uint32_t> triangles,
                      const RoomCacheSettings& settings, std::vector<uint32_t>& localOf, bool quick) {
    LocalMesh local = makeLocal(triangles, mesh.submeshes[submesh].firstIndex, mesh, localOf);
    const size_t vertexCount = local.globalVertex.size();
    ChunkResult result;
    result.submesh = submesh;
    result.boundsMin = glm::vec3(INFINITY);
    result.boundsMax = glm::vec3(-INFINITY);
    for (uint32_t v : local.globalVertex) {
        result.boundsMin = glm::min(result.boundsMin, mesh.vertices[v].position);
        result.boundsMax = glm::max(result.boundsMax, mesh.vertices[v].position);
    }
    Level full;
    full.indices = std::move(local.indices);
    if (quick) {
        full.clusters = buildClusters(local, full.indices, settings, true);
        result.levels.push_back(std::move(full));
        result.globalVertex = std::move(local.globalVertex);
        return result;
    }
    meshopt_optimizeVertexCache(full.indices.data(), full.indices.data(), full.indices.size(), vertexCount);
    meshopt_optimizeOverdraw(full.indices.data(), full.indices.data(), full.indices.size(),
                             local.positions.data(), vertexCount, sizeof(float) * 3, 1.05f);
    full.clusters = buildClusters(local, full.indices, settings);
    result.levels.push_back(std::move(full));
    const float scale = meshopt_simplifyScale(local.positions.data(), vertexCount, sizeof(float) * 3);
    for (uint32_t i = 0; i < settings.lodLevels; ++i) {
        Level level = simplifyLevel(local, result.levels.back(), scale, settings);
        if (level.indices.empty()) break;
        result.levels.push_back(std::move(level));
    }
    result.globalVertex = std::move(local.globalVertex);
    return result;
}

struct ChunkJob {
    uint32_t submesh;
    std::vector<uint32_t> triangles; // triangle numbers within the submesh
};

std::vector<ChunkJob> planChunks(const RoomMesh& mesh, const RoomCacheSettings& settings) {
    std::vector<ChunkJob> jobs;
    for (uint32_t s = 0; s < mesh.submeshes.size(); ++s) {
        const Submesh& sub = mesh.submeshes[s];
        const uint32_t count = sub.indexCount / 3;
        std::vector<glm::vec3> centroids(count);
        std::vector<uint32_t> triangles(count);
        for (uint32_t t = 0; t < count; ++t) {
            const uint32_t* tri = &mesh.indices[sub.firstIndex + t * 3];
            centroids[t] = (mesh.vertices[tri[0]].position + mesh.vertices[tri[1]].position +
                            mesh.vertices[tri[2]].position) /
                           3.0f;
            triangles[t] = t;
        }
        std::vector<std::pair<size_t, size_t>> ranges;
        splitChunks(triangles, centroids, std::max<size_t>(settings.chunkTriangles, 64), ranges);
        for (auto [begin, end] : ranges) {
            jobs.push_back({s, std::vector<uint32_t>(triangles.begin() + ptrdiff_t(begin),
                                                     triangles.begin() + ptrdiff_t(end))});
        }
    }
    return jobs;
}

// Bakes every chunk on a few threads; progress is reported from the calling thread.
std::vector<ChunkResult> bakeChunks(const RoomMesh& mesh, const std::vector<ChunkJob>& jobs,
                                    const RoomCacheSettings& settings, const BakeProgress& progress,
                                    bool quick = false) {
    std::vector<ChunkResult> results(jobs.size());
    std::atomic<size_t> next{0}, done{0};
    auto worker = [&] {
        std::vector<uint32_t> localOf(mesh.vertices.size(), ~0u);
        for (size_t i; (i = next++) < jobs.size(); ++done) {
            results[i] = bakeChunk(mesh, jobs[i].submesh, jobs[i].triangles, settings, localOf, quick);
        }
    };
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::future<void>> futures;
    for (size_t i = 0; i < std::min(threads, jobs.size()); ++i)
        futures.push_back(std::async(std::launch::async, worker));
    for (std::future<void>& f : futures) {
        while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            if (progress) progress("optimise", double(done) / double(std::max<size_t>(jobs.size(), 1)));
        }
        f.get(); // rethrows std::bad_alloc from a worker
    }
    if (progress) progress("optimise", 1.0);
    return results;
}

void appendLevel(BakedRoom& room, const ChunkResult& chunk, const Level& level) {
    CacheLod lod;
    lod.firstIndex = uint32_t(room.indices.size());
    lod.indexCount = uint32_t(level.indices.size());
    lod.firstCluster = uint32_t(room.clusters.size());
    lod.clusterCount = uint32_t(level.clusters.size());
    lod.error = level.error;
    for (uint32_t v : level.indices) room.indices.push_back(chunk.globalVertex[v]);
    for (CacheCluster cluster : level.clusters) {
        cluster.firstIndex += lod.firstIndex;
        room.clusters.push_back(cluster);
    }
    room.lods.push_back(lod);
}

// Lays the chunks out: every chunk's full detail first, grouped by submesh (so each submesh's full
// detail is one range), then every chunk's simplified levels.
void assemble(BakedRoom& room, const RoomMesh& mesh, const std::vector<ChunkResult>& chunks) {
    std::vector<uint32_t> lodOfChunk(chunks.size());
    room.lods.reserve(chunks.size() * 2);
    for (uint32_t s = 0; s < mesh.submeshes.size(); ++s) {
        CacheSubmesh sub;
        sub.firstIndex = uint32_t(room.indices.size());
        sub.material = mesh.submeshes[s].material;
        sub.firstChunk = uint32_t(room.chunks.size());
        for (size_t c = 0; c < chunks.size(); ++c) {
            if (chunks[c].submesh != s) continue;
            CacheChunk chunk{chunks[c].boundsMin, chunks[c].boundsMax, s, 0,
                             uint32_t(chunks[c].levels.size())};
            lodOfChunk[c] = uint32_t(room.chunks.size());
            room.chunks.push_back(chunk);
            appendLevel(room, chunks[c], chunks[c].levels[0]);
        }
        sub.chunkCount = uint32_t(room.chunks.size()) - sub.firstChunk;
        sub.indexCount = uint32_t(room.indices.size()) - sub.firstIndex;
        room.submeshes.push_back(sub);
    }
    // Level 0 of chunk i is lods[i]; the rest follow per chunk, so move level 0 records next to them.
    std::vector<CacheLod> levelZero = std::move(room.lods);
    room.lods.clear();
    for (size_t c = 0; c < chunks.size(); ++c) {
        CacheChunk& chunk = room.chunks[lodOfChunk[c]];
        chunk.firstLod = uint32_t(room.lods.size());
        room.lods.push_back(levelZero[lodOfChunk[c]]);
        for (size_t l = 1; l < chunks[c].levels.size(); ++l)
            appendLevel(room, chunks[c], chunks[c].levels[l]);
    }
}

// Reorders vertices for fetch locality over full detail and drops unused ones.
void optimiseVertexFetch(BakedRoom& room, const RoomMesh& mesh) {
    size_t fullDetail = 0;
    for (const CacheSubmesh& sub : room.submeshes) fullDetail += sub.indexCount;
    std::vector<uint32_t> remap(mesh.vertices.size());
    const size_t used =
        meshopt_optimizeVertexFetchRemap(remap.data(), room.indices.data(), fullDetail, mesh.vertices.size());
    meshopt_remapIndexBuffer(room.indices.data(), room.indices.data(), room.indices.size(), remap.data());
    room.vertices.resize(mesh.vertices.size());
    meshopt_remapVertexBuffer(room.vertices.data(), mesh.vertices.data(), mesh.vertices.size(),
                              sizeof(Vertex), remap.data());
    room.vertices.resize(used);
    room.bounds = {};
    if (!room.vertices.empty()) room.bounds = {room.vertices[0].position, room.vertices[0].position};
    for (const Vertex& v : room.vertices) {
        room.bounds.min = glm::min(room.bounds.min, v.position);
        room.bounds.max = glm::max(room.bounds.max, v.position);
    }
}

CacheTextureData encodeTexture(Texture texture, bool compress) {
    CacheTextureData out;
    out.name = std::move(texture.name);
    const bool alpha = compress && !texture.mips.empty() && hasTransparency(texture.mips[0]);
    out.format = !compress ? CacheTextureFormat::Rgba8Srgb
                           : (alpha ? CacheTextureFormat::Bc3Srgb : CacheTextureFormat::Bc1Srgb);
    for (core::Image8& mip : texture.mips) {
        CacheMipData data{mip.width, mip.height, {}};
        data.bytes = compress ? compressBlocks(mip, alpha) : std::move(mip.pixels);
        out.mips.push_back(std::move(data));
    }
    return out;
}

std::vector<CacheTextureData> encodeTextures(std::vector<Texture> textures, bool compress,
                                             const BakeProgress& progress) {
    std::vector<std::future<CacheTextureData>> pending;
    for (Texture& texture : textures) {
        pending.push_back(std::async(std::launch::async, encodeTexture, std::move(texture), compress));
    }
    std::vector<CacheTextureData> out;
    for (size_t i = 0; i < pending.size(); ++i) {
        out.push_back(pending[i].get());
        if (progress) progress("textures", double(i + 1) / double(pending.size()));
    }
    return out;
}

} // namespace

BakedRoom bakeRoom(RoomMesh mesh, const RoomCacheSettings& settings, const BakeProgress& progress) {
    assert(settings.clusterVertices >= 3 && settings.clusterVertices <= 255);
    assert(settings.clusterTriangles >= 4 && settings.clusterTriangles <= 512 &&
           settings.clusterTriangles % 4 == 0);
    BakedRoom room;
    room.source = mesh.source;
    room.materials = mesh.materials;
    room.hasVertexColors = mesh.hasVertexColors;
    if (progress) progress("optimise", 0.0);
    const std::vector<ChunkResult> chunks = bakeChunks(mesh, planChunks(mesh, settings), settings, progress);
    assemble(room, mesh, chunks);
    optimiseVertexFetch(room, mesh);
    room.textures = encodeTextures(std::move(mesh.textures), settings.compressTextures, progress);
    return room;
}

BakedRoom bakeFirstShowing(const RoomMesh& mesh, const RoomCacheSettings& settings, uint32_t maxTextureSize) {
    BakedRoom room;
    room.source = mesh.source;
    room.materials = mesh.materials;
    room.hasVertexColors = mesh.hasVertexColors;
    assemble(room, mesh, bakeChunks(mesh, planChunks(mesh, settings), settings, {}, true));
    optimiseVertexFetch(room, mesh);
    for (const Texture& texture : mesh.textures) {
        CacheTextureData data;
        data.name = texture.name;
        data.format = CacheTextureFormat::Rgba8Srgb;
        for (size_t m = firstMipWithin(texture.mips, maxTextureSize); m < texture.mips.size(); ++m) {
            const core::Image8& mip = texture.mips[m];
            data.mips.push_back({mip.width, mip.height, mip.pixels});
        }
        room.textures.push_back(std::move(data));
    }
    return room;
}

RoomMesh toRoomMesh(BakedRoom room) {
    RoomMesh mesh;
    mesh.source = std::move(room.source);
    mesh.vertices = std::move(room.vertices);
    mesh.indices = std::move(room.indices);
    size_t fullDetail = 0;
    for (const CacheSubmesh& sub : room.submeshes) {
        mesh.submeshes.push_back({sub.firstIndex, sub.indexCount, sub.material});
        fullDetail = std::max<size_t>(fullDetail, size_t(sub.firstIndex) + sub.indexCount);
    }
    mesh.indices.resize(fullDetail); // the simplified levels follow full detail
    mesh.indices.shrink_to_fit();
    mesh.materials = std::move(room.materials);
    for (CacheTextureData& data : room.textures) {
        Texture texture;
        texture.name = std::move(data.name);
        for (CacheMipData& mip : data.mips) {
            if (data.format == CacheTextureFormat::Rgba8Srgb) {
                core::Image8 image;
                image.width = mip.width;
                image.height = mip.height;
                image.pixels = std::move(mip.bytes);
                texture.mips.push_back(std::move(image));
            } else {
                texture.mips.push_back(decompressBlocks(mip.bytes, mip.width, mip.height,
                                                        data.format == CacheTextureFormat::Bc3Srgb));
            }
        }
        mesh.textures.push_back(std::move(texture));
    }
    mesh.hasVertexColors = room.hasVertexColors;
    mesh.bounds = room.bounds;
    return mesh;
}

} // namespace sr::asset
