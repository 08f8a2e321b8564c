#include "render/room_pass.h"

#include <algorithm>
#include <vector>

#include "asset/room_mesh.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/pipeline.h"
#include "render/gpu_room.h"
#include "shaders/embedded.h"
#include "shaders/shared/room_push.h"

namespace sr::render {

RoomPassPipeline createRoomPassPipeline(gpu::Context& context, VkFormat colorFormat, VkFormat depthFormat,
                                        VkSampleCountFlagBits samples, bool encoded) {
    RoomPassPipeline pass;
    VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                         VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = 1;
    setInfo.pBindings = &binding;
    VkDescriptorSetLayout setLayout;
    SR_VK_CHECK(vkCreateDescriptorSetLayout(context.device(), &setInfo, nullptr, &setLayout));
    pass.textureSetLayout = gpu::DescriptorSetLayout(context.device(), setLayout);
    context.setDebugName(setLayout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "roomTextureSetLayout");

    VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                             sizeof(shaders::RoomPush)};
    VkDescriptorSetLayout layouts[] = {setLayout};
    pass.layout = gpu::createPipelineLayout(context, layouts, std::span(&push, 1), "roomPipelineLayout");

    gpu::GraphicsPipelineDesc desc;
    desc.vertexSpirv = shaders::room_vert;
    desc.fragmentSpirv = shaders::room_frag;
    desc.vertexBindings = {{0, sizeof(asset::Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    desc.vertexAttributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(asset::Vertex, position)},
        {2, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(asset::Vertex, uv)},
        {3, 0, VK_FORMAT_R8G8B8A8_UNORM, offsetof(asset::Vertex, color)},
    };
    desc.layout = pass.layout;
    desc.colorFormat = colorFormat;
    desc.depthFormat = depthFormat;
    desc.samples = samples;
    desc.cullMode = VK_CULL_MODE_NONE;
    desc.specialization = {encoded ? VK_TRUE : VK_FALSE};
    pass.pipeline = gpu::createGraphicsPipeline(context, desc, "roomPipeline");
    desc.vertexAttributes.push_back({1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(asset::Vertex, normal)});
    desc.vertexSpirv = shaders::room_clay_vert;
    desc.fragmentSpirv = shaders::room_clay_frag;
    pass.clayPipeline = gpu::createGraphicsPipeline(context, desc, "roomClayPipeline");
    return pass;
}

void recordRoomPass(VkCommandBuffer cmd, const RoomPassPipeline& pass, const GpuRoom& room,
                    const glm::mat4& viewProj, const glm::vec3& eye) {
    VkBuffer vertexBuffer = room.vertexBuffer().handle();
    VkDeviceSize offset = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &offset);
    vkCmdBindIndexBuffer(cmd, room.indexBuffer().handle(), 0, VK_INDEX_TYPE_UINT32);
    shaders::RoomPush push{viewProj, glm::vec4(1.0f), glm::vec4(eye, 0.0f)};
    const ClusterSet* clusters = room.clusters();
    CullView view;
    if (clusters) {
        // The view matrix is rigid, so the length of the view-projection's second row is the focal scale.
        const float focal = glm::length(glm::vec3(viewProj[0][1], viewProj[1][1], viewProj[2][1]));
        view = CullView{frustumOf(viewProj), eye, focal};
    }
    std::vector<IndexRange> ranges;
    uint64_t drawn = 0;
    VkPipeline boundPipeline = VK_NULL_HANDLE;
    auto bind = [&](const RoomDraw& draw) {
        const VkPipeline pipeline = draw.shaded ? pass.clayPipeline : pass.pipeline;
        if (pipeline != boundPipeline) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
            boundPipeline = pipeline;
        }
        push.baseColor = draw.baseColor;
        vkCmdPushConstants(cmd, pass.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof push, &push);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.layout, 0, 1, &draw.textureSet, 0,
                                nullptr);
    };
    if (!clusters) {
        for (const RoomDraw& draw : room.draws()) {
            bind(draw);
            vkCmdDrawIndexed(cmd, draw.indexCount, 1, draw.firstIndex, 0, 0);
            drawn += draw.indexCount / 3;
        }
        room.noteTrianglesDrawn(drawn);
        return;
    }
    // Every chunk in view, of every material, nearest first: depth testing then rejects what nearer
    // surfaces hide before it is shaded (early depth test), instead of shading it and overwriting it.
    struct Item {
        float distance2;
        uint32_t draw, chunk;
    };
    std::vector<Item> items;
    const CullSettings& settings = room.cullSettings();
    for (uint32_t d = 0; d < room.draws().size(); ++d) {
        const RoomDraw& draw = room.draws()[d];
        for (uint32_t c = draw.firstChunk; c < draw.firstChunk + draw.chunkCount; ++c) {
            const asset::CacheChunk& chunk = clusters->chunks[c];
            if (settings.frustumCulling && !boxInFrustum(view.frustum, chunk.boundsMin, chunk.boundsMax))
                continue;
            const glm::vec3 toNearest = glm::clamp(eye, chunk.boundsMin, chunk.boundsMax) - eye;
            items.push_back({glm::dot(toNearest, toNearest), d, c});
        }
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.distance2 != b.distance2 ? a.distance2 < b.distance2 : a.chunk < b.chunk;
    });
    uint32_t bound = ~0u;
    for (const Item& item : items) {
        ranges.clear();
        drawn += selectChunkRanges(*clusters, item.chunk, view, settings, ranges);
        if (ranges.empty()) continue;
        if (item.draw != bound) bind(room.draws()[item.draw]), bound = item.draw;
        for (const IndexRange& range : ranges)
            vkCmdDrawIndexed(cmd, range.indexCount, 1, range.firstIndex, 0, 0);
    }
    room.noteTrianglesDrawn(drawn);
}

} // namespace sr::render
