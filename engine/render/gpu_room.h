#pragma once
// The GPU copy of a room: vertex and index buffers, textures and one descriptor set per material.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "asset/room_mesh.h"
#include "gpu/buffer.h"
#include "gpu/handle.h"
#include "gpu/image.h"

namespace sr::gpu {
class Context;
}

namespace sr::render {

struct RoomDraw {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    VkDescriptorSet textureSet = VK_NULL_HANDLE;
    glm::vec4 baseColor{1.0f};
    bool shaded = false; // neither a texture nor vertex colours: drawn with clay shading
};

// Owns every GPU object of one room. Built once from a RoomMesh (which it does not keep); must be
// destroyed before the Context and only once the GPU no longer uses it.
class GpuRoom {
public:
    // Uploads `mesh` (waits for the uploads). `textureSetLayout` is the renderer's layout for the
    // room pass's set 0. Textures larger than the device allows lose their top mips (logged).
    // `maxAnisotropy` <= 1 turns anisotropic filtering off.
    GpuRoom(gpu::Context& context, const asset::RoomMesh& mesh, VkDescriptorSetLayout textureSetLayout,
            float maxAnisotropy);

    const gpu::Buffer& vertexBuffer() const { return mVertices; }
    const gpu::Buffer& indexBuffer() const { return mIndices; }
    const std::vector<RoomDraw>& draws() const { return mDraws; }
    const asset::Bounds& bounds() const { return mBounds; }
    uint64_t triangleCount() const { return mTriangles; }

private:
    gpu::Buffer mVertices;
    gpu::Buffer mIndices;
    std::vector<gpu::Image> mTextures; // the mesh's textures, then a 1x1 white one for untextured draws
    gpu::Sampler mSampler;
    gpu::DescriptorPool mPool;
    std::vector<RoomDraw> mDraws;
    asset::Bounds mBounds;
    uint64_t mTriangles = 0;
};

} // namespace sr::render
