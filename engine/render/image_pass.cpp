#include "render/image_pass.h"

#include "asset/texture.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/offscreen_target.h"
#include "gpu/pipeline.h"
#include "shaders/embedded.h"

namespace sr::render {
namespace {
struct ImagePush {
    glm::vec4 rect;
    glm::vec4 uvRect;
    glm::vec4 color;
};
static_assert(sizeof(ImagePush) == 48);

// Matches the push block of shaders/photo_warp.frag.
struct WarpPush {
    glm::vec4 row0, row1, row2;
    glm::vec4 focal;
    glm::vec4 size; // 1 / width, 1 / height, opacity, model
    glm::vec4 k;
    glm::vec4 p; // p1, p2, feather, orientation
};
static_assert(sizeof(WarpPush) == 112);

WarpPush warpPush(const PhotoWarp& warp, float opacity) {
    const glm::mat3& m = warp.screenToRay; // column-major: m[column][row]
    WarpPush push;
    push.row0 = {m[0][0], m[1][0], m[2][0], 0.0f};
    push.row1 = {m[0][1], m[1][1], m[2][1], 0.0f};
    push.row2 = {m[0][2], m[1][2], m[2][2], 0.0f};
    push.focal = warp.focal;
    push.size = {1.0f / warp.size.x, 1.0f / warp.size.y, opacity, float(warp.model)};
    push.k = warp.k;
    push.p = {warp.p.x, warp.p.y, warp.feather, float(warp.orientation)};
    return push;
}
} // namespace

ImagePass::ImagePass(gpu::Context& context, VkFormat outputFormat, uint32_t maxTextures) : mContext(context) {
    VkDevice device = context.device();
    VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                         VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = 1;
    setInfo.pBindings = &binding;
    VkDescriptorSetLayout setLayout;
    SR_VK_CHECK(vkCreateDescriptorSetLayout(device, &setInfo, nullptr, &setLayout));
    mSetLayout = gpu::DescriptorSetLayout(device, setLayout);

    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, maxTextures + 1};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = maxTextures + 1;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VkDescriptorPool pool;
    SR_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    mPool = gpu::DescriptorPool(device, pool);
    context.setDebugName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "imageDescriptorPool");

    VkSamplerCreateInfo sampler{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    sampler.magFilter = VK_FILTER_LINEAR;
    sampler.minFilter = VK_FILTER_LINEAR;
    sampler.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
    sampler.addressModeU = sampler.addressModeV = sampler.addressModeW =
        VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    sampler.maxLod = VK_LOD_CLAMP_NONE;
    VkSampler samplerHandle;
    SR_VK_CHECK(vkCreateSampler(device, &sampler, nullptr, &samplerHandle));
    mSampler = gpu::Sampler(device, samplerHandle);
    context.setDebugName(samplerHandle, VK_OBJECT_TYPE_SAMPLER, "imageSampler");

    VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(ImagePush)};
    VkDescriptorSetLayout layouts[] = {setLayout};
    mLayout = gpu::createPipelineLayout(context, layouts, std::span(&push, 1), "imagePipelineLayout");
    gpu::GraphicsPipelineDesc desc;
    desc.vertexSpirv = shaders::image_vert;
    desc.fragmentSpirv = shaders::image_frag;
    desc.layout = mLayout;
    desc.colorFormat = outputFormat;
    desc.depthFormat = VK_FORMAT_UNDEFINED;
    desc.alphaBlend = true;
    mPipeline = gpu::createGraphicsPipeline(context, desc, "imagePipeline");

    VkPushConstantRange warpPushRange{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(WarpPush)};
    mWarpLayout =
        gpu::createPipelineLayout(context, layouts, std::span(&warpPushRange, 1), "photoWarpPipelineLayout");
    desc.vertexSpirv = shaders::fade_vert; // a full-screen triangle
    desc.fragmentSpirv = shaders::photo_warp_frag;
    desc.layout = mWarpLayout;
    mWarpPipeline = gpu::createGraphicsPipeline(context, desc, "photoWarpPipeline");

    core::Image8 white{1, 1};
    std::fill(white.pixels.begin(), white.pixels.end(), uint8_t(255));
    mWhite = createTexture(white, "whiteImage");
}

ImagePass::~ImagePass() { destroyTexture(mWhite); }

ScreenTexture ImagePass::createTexture(const core::Image8& image, const char* debugName) {
    const asset::Texture texture = asset::buildTexture(image, debugName, mContext.caps().maxImageDimension2D);
    std::vector<gpu::MipData> levels;
    for (const core::Image8& mip : texture.mips) levels.push_back({mip.width, mip.height, mip.pixels});
    gpu::ImageDesc desc;
    desc.width = levels[0].width;
    desc.height = levels[0].height;
    desc.mipLevels = uint32_t(levels.size());
    desc.format = VK_FORMAT_R8G8B8A8_SRGB;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    ScreenTexture result;
    result.mImage = gpu::Image(mContext, desc, debugName);
    gpu::uploadImageLevels(mContext, result.mImage, levels);

    VkDescriptorSetLayout layout = mSetLayout;
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = mPool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    SR_VK_CHECK(vkAllocateDescriptorSets(mContext.device(), &alloc, &result.mSet));
    VkDescriptorImageInfo imageInfo{mSampler, result.mImage.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = result.mSet;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &imageInfo;
    vkUpdateDescriptorSets(mContext.device(), 1, &write, 0, nullptr);
    return result;
}

void ImagePass::destroyTexture(ScreenTexture& texture) {
    if (texture.mSet) vkFreeDescriptorSets(mContext.device(), mPool, 1, &texture.mSet);
    texture.mSet = VK_NULL_HANDLE;
    texture.mImage = gpu::Image();
}

void ImagePass::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target,
                       const std::vector<ScreenImage>& images) const {
    if (images.empty()) return;
    const VkImage output = target.output().handle();
    gpu::recordImageBarrier(cmd, output, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                            VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                            // After the room's resolve and the move to TRANSFER_SRC (copy/blit scope).
                            VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT |
                                VK_PIPELINE_STAGE_2_BLIT_BIT,
                            VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                            VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                            VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target.output().view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    const uint32_t width = target.desc().width, height = target.desc().height;
    VkRenderingInfo info{VK_STRUCTURE_TYPE_RENDERING_INFO};
    info.renderArea = {{0, 0}, {width, height}};
    info.layerCount = 1;
    info.colorAttachmentCount = 1;
    info.pColorAttachments = &color;
    vkCmdBeginRendering(cmd, &info);
    VkViewport viewport{0.0f, 0.0f, float(width), float(height), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, {width, height}};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    VkPipeline bound = VK_NULL_HANDLE;
    for (const ScreenImage& image : images) {
        const ScreenTexture& texture = image.texture ? *image.texture : mWhite;
        VkDescriptorSet set = texture.descriptorSet();
        if (image.warp) {
            if (bound != mWarpPipeline)
                vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mWarpPipeline);
            bound = mWarpPipeline;
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mWarpLayout, 0, 1, &set, 0,
                                    nullptr);
            const WarpPush push = warpPush(*image.warp, image.color.a);
            vkCmdPushConstants(cmd, mWarpLayout, VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof push, &push);
            vkCmdDraw(cmd, 3, 1, 0, 0);
            continue;
        }
        if (bound != mPipeline) vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mPipeline);
        bound = mPipeline;
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mLayout, 0, 1, &set, 0, nullptr);
        const glm::vec2 scale(2.0f / float(width), 2.0f / float(height));
        ImagePush push{{image.rect.x * scale.x - 1.0f, image.rect.y * scale.y - 1.0f,
                        image.rect.z * scale.x - 1.0f, image.rect.w * scale.y - 1.0f},
                       image.uvRect,
                       image.color};
        vkCmdPushConstants(cmd, mLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof push, &push);
        vkCmdDraw(cmd, 6, 1, 0, 0);
    }
    vkCmdEndRendering(cmd);
    gpu::recordImageBarrier(cmd, output, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                            VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                            VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                            VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                            VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_BLIT_BIT |
                                VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                            VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
}

} // namespace sr::render
