#pragma once
// The room pass: every draw of a GpuRoom, unlit, depth-tested, no culling (scans are open).
#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "gpu/handle.h"

namespace sr::gpu {
class Context;
}

namespace sr::render {

class GpuRoom;

// Pipeline objects of the room pass for one colour format and sample count. `encoded`: the pass
// draws in sRGB-encoded space (RendererSettings::encodedColor), into a UNORM `colorFormat`.
struct RoomPassPipeline {
    gpu::DescriptorSetLayout textureSetLayout;
    gpu::PipelineLayout layout;
    gpu::Pipeline pipeline;     // unlit: the texture and vertex colours hold the light (scans)
    gpu::Pipeline clayPipeline; // clay shading, for surfaces with neither a texture nor colours
};

RoomPassPipeline createRoomPassPipeline(gpu::Context& context, VkFormat colorFormat, VkFormat depthFormat,
                                        VkSampleCountFlagBits samples, bool encoded = false);

// Records the room's draws inside an active rendering scope. `viewProj` maps world to clip space;
// `eye` is the camera position (metres), for the clay shading of surfaces without colour and for
// choosing levels of detail. A room uploaded from a cache draws, per chunk, the level and the
// clusters room.cullSettings() select; others draw every triangle.
void recordRoomPass(VkCommandBuffer cmd, const RoomPassPipeline& pass, const GpuRoom& room,
                    const glm::mat4& viewProj, const glm::vec3& eye);

} // namespace sr::render
