#pragma once
// Shader modules from embedded SPIR-V and graphics pipelines for dynamic rendering.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu/handle.h"

namespace sr::gpu {

class Context;

ShaderModule createShaderModule(Context& context, std::span<const uint32_t> spirv,
                                const std::string& debugName);

PipelineLayout createPipelineLayout(Context& context, std::span<const VkDescriptorSetLayout> setLayouts,
                                    std::span<const VkPushConstantRange> pushConstants,
                                    const std::string& debugName);

// Everything a graphics pipeline for one pass needs; viewport and scissor are dynamic.
struct GraphicsPipelineDesc {
    std::span<const uint32_t> vertexSpirv;
    std::span<const uint32_t> fragmentSpirv;
    std::vector<VkVertexInputBindingDescription> vertexBindings;
    std::vector<VkVertexInputAttributeDescription> vertexAttributes;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkFormat colorFormat = VK_FORMAT_R8G8B8A8_SRGB;
    VkFormat depthFormat = VK_FORMAT_UNDEFINED; // UNDEFINED: no depth attachment
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkCullModeFlags cullMode = VK_CULL_MODE_NONE;
    bool depthTest = true;
    bool depthWrite = true;
    bool alphaBlend = false; // premultiplied-style "over" blending
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    // Specialization constants of both stages: constant_id i takes specialization[i] (32 bits; a
    // bool constant reads it as a VkBool32). A stage without such a constant ignores it.
    std::vector<uint32_t> specialization;
};

Pipeline createGraphicsPipeline(Context& context, const GraphicsPipelineDesc& desc,
                                const std::string& debugName);

} // namespace sr::gpu
