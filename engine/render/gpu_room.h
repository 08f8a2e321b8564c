#pragma once
// The GPU copy of a room: vertex and index buffers, textures and one descriptor set per material.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "asset/room_cache.h"
#include "asset/room_mesh.h"
#include "gpu/buffer.h"
#include "gpu/handle.h"
#include "gpu/image.h"
#include "render/cluster_cull.h"

namespace sr::gpu {
class Context;
}

namespace sr::render {

struct RoomDraw {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    VkDescriptorSet textureSet = VK_NULL_HANDLE;
    glm::vec4 baseColor{1.0f};
    bool shaded = false;     // neither a texture nor vertex colours: drawn with clay shading
    uint32_t firstChunk = 0; // a room from a cache: the submesh's chunks in clusters()
    uint32_t chunkCount = 0;
};

// How a room's textures are sampled.
struct TextureSampling {
    float maxAnisotropy = 1.0f; // <= 1 turns anisotropic filtering off
    // true: textures are uploaded in UNORM formats, so samples return their sRGB-encoded values and
    // are filtered in that space, for a renderer that draws in encoded space
    // (RendererSettings::encodedColor). false: sRGB formats, whose samples come out linear.
    bool encoded = false;
};

// Owns every GPU object of one room. Built once from a RoomMesh (which it does not keep); must be
// destroyed before the Context and only once the GPU no longer uses it.
class GpuRoom {
public:
    // Uploads `mesh` (waits for the uploads). `textureSetLayout` is the renderer's layout for the
    // room pass's set 0. Textures larger than the device allows lose their top mips (logged).
    GpuRoom(gpu::Context& context, const asset::RoomMesh& mesh, VkDescriptorSetLayout textureSetLayout,
            const TextureSampling& sampling);

    // Uploads a baked room straight from its cache's memory mapping: vertices, the indices of every
    // level of detail, mips as stored (BC blocks where the device samples them, else decoded to
    // RGBA8). Textures larger than the device allows lose their top mips, and when all of them
    // together need more than `textureBudget` bytes the largest lose top mips until they fit
    // (logged). Keeps CPU copies of the chunk, level and cluster records, so each view draws only
    // what it needs (recordRoomPass). Thread-safe against frames being recorded and submitted.
    GpuRoom(gpu::Context& context, const asset::RoomCache& cache, VkDescriptorSetLayout textureSetLayout,
            const TextureSampling& sampling, uint64_t textureBudget = ~uint64_t(0));

    const gpu::Buffer& vertexBuffer() const { return mVertices; }
    const gpu::Buffer& indexBuffer() const { return mIndices; }
    const std::vector<RoomDraw>& draws() const { return mDraws; }
    const asset::Bounds& bounds() const { return mBounds; }
    uint64_t triangleCount() const { return mTriangles; }   // at full detail
    uint64_t textureBytes() const { return mTextureBytes; } // the room's textures on the GPU (from a cache)
    // The cache's chunks, levels and clusters, or null for a room uploaded from a RoomMesh.
    const ClusterSet* clusters() const { return mClusters.chunks.empty() ? nullptr : &mClusters; }
    // How a room with clusters chooses its draws (ignored otherwise). Default: frustum culling and
    // levels of detail whose error stays under about a pixel at 1080 lines; for a room coloured per
    // vertex, full detail (its levels lose colour detail their geometric error does not measure).
    const CullSettings& cullSettings() const { return mCull; }
    void setCullSettings(const CullSettings& settings) { mCull = settings; }
    // Triangles drawn by the latest recorded frame of this room (render thread only).
    uint64_t trianglesDrawn() const { return mTrianglesDrawn; }
    void noteTrianglesDrawn(uint64_t count) const { mTrianglesDrawn = count; }

private:
    struct DrawSource {
        uint32_t firstIndex, indexCount;
        const asset::Material* material;
        uint32_t firstChunk, chunkCount;
    };
    void uploadGeometry(gpu::Context& context, std::span<const uint8_t> vertices,
                        std::span<const uint8_t> indices, const gpu::UploadedPiece& uploaded = {});
    void createDraws(gpu::Context& context, VkDescriptorSetLayout textureSetLayout,
                     const TextureSampling& sampling, std::span<const DrawSource> sources,
                     bool hasVertexColors);

    gpu::Buffer mVertices;
    gpu::Buffer mIndices;
    std::vector<gpu::Image> mTextures; // the mesh's textures, then a 1x1 white one for untextured draws
    gpu::Sampler mSampler;
    gpu::DescriptorPool mPool;
    std::vector<RoomDraw> mDraws;
    asset::Bounds mBounds;
    uint64_t mTriangles = 0;
    uint64_t mTextureBytes = 0;
    ClusterSet mClusters;
    CullSettings mCull{true, 0.001f};
    mutable uint64_t mTrianglesDrawn = 0;
};

// For each texture, how many top mips to leave out so that all of them fit `budget` bytes:
// `topSizes` are the largest side of each texture's top mip, `bytes` its whole chain's bytes,
// `levels` its mip count. The texture whose top mip is largest (then the one taking most bytes)
// gives up a level first; a texture's smallest level always stays.
std::vector<size_t> fitTexturesToBudget(std::span<const uint32_t> topSizes, std::span<const uint64_t> bytes,
                                        std::span<const size_t> levels, uint64_t budget);

} // namespace sr::render
