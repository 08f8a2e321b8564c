#include "gpu/offscreen_target.h"

#include <cstring>
#include <stdexcept>

#include "gpu/context.h"

namespace sr::gpu {

OffscreenTarget::OffscreenTarget(Context& context, const OffscreenTargetDesc& desc,
                                 const std::string& debugName)
    : mDesc(desc) {
    const bool msaa = desc.samples != VK_SAMPLE_COUNT_1_BIT;
    if (desc.renderEncoded && desc.overlayFormat == VK_FORMAT_UNDEFINED)
        throw std::logic_error("OffscreenTarget: renderEncoded needs an overlayFormat");
    ImageDesc color;
    color.width = desc.width;
    color.height = desc.height;
    // A multisampled image is only ever rendered to and resolved, so it takes the rendering format.
    color.format = msaa && desc.renderEncoded ? desc.overlayFormat : desc.colorFormat;
    color.samples = desc.samples;
    if (!msaa) color.aliasFormat = desc.overlayFormat;
    color.usage = msaa ? VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT
                       : VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                             VK_IMAGE_USAGE_SAMPLED_BIT;
    mColor = Image(context, color, debugName + (msaa ? ".colorMsaa" : ".color"));
    if (msaa) {
        ImageDesc resolve = color;
        resolve.samples = VK_SAMPLE_COUNT_1_BIT;
        resolve.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                        VK_IMAGE_USAGE_SAMPLED_BIT;
        resolve.aliasFormat = desc.overlayFormat;
        mResolve = Image(context, resolve, debugName + ".color");
    }
    ImageDesc depth;
    depth.width = desc.width;
    depth.height = desc.height;
    depth.format = desc.depthFormat;
    depth.samples = desc.samples;
    depth.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    depth.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    mDepth = Image(context, depth, debugName + ".depth");
}

void OffscreenTarget::beginRendering(VkCommandBuffer cmd, glm::vec4 clearLinear) const {
    // Previous contents are discarded: the old layout is UNDEFINED. Waiting on colour output and
    // transfer covers an earlier frame's writes and readback of the same images.
    const VkPipelineStageFlags2 colorStages = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                                              VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_BLIT_BIT;
    recordImageBarrier(cmd, mColor.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorStages, VK_ACCESS_2_NONE,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    if (mResolve) {
        recordImageBarrier(cmd, mResolve.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                           VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorStages, VK_ACCESS_2_NONE,
                           VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    }
    const VkPipelineStageFlags2 depthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    recordImageBarrier(cmd, mDepth.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depthStages,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);

    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    const bool encoded = mDesc.renderEncoded;
    color.imageView = encoded && !mResolve ? mColor.aliasView() : mColor.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    color.storeOp = mResolve ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
    const glm::vec4 clear =
        encoded ? glm::vec4(core::linearToSrgb(clearLinear.r), core::linearToSrgb(clearLinear.g),
                            core::linearToSrgb(clearLinear.b), clearLinear.a)
                : clearLinear;
    color.clearValue.color = {{clear.r, clear.g, clear.b, clear.a}};
    if (mResolve) {
        color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
        color.resolveImageView = encoded ? mResolve.aliasView() : mResolve.view();
        color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = mDepth.view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.clearValue.depthStencil = {1.0f, 0};

    VkRenderingInfo info{VK_STRUCTURE_TYPE_RENDERING_INFO};
    info.renderArea = {{0, 0}, {mDesc.width, mDesc.height}};
    info.layerCount = 1;
    info.colorAttachmentCount = 1;
    info.pColorAttachments = &color;
    info.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &info);

    VkViewport viewport{0.0f, 0.0f, float(mDesc.width), float(mDesc.height), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, {mDesc.width, mDesc.height}};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void OffscreenTarget::endRendering(VkCommandBuffer cmd) const {
    vkCmdEndRendering(cmd);
    recordImageBarrier(
        cmd, output().handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_BLIT_BIT,
        VK_ACCESS_2_TRANSFER_READ_BIT);
}

void OffscreenTarget::recordCopyToBuffer(VkCommandBuffer cmd, const Buffer& buffer) const {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {mDesc.width, mDesc.height, 1};
    vkCmdCopyImageToBuffer(cmd, output().handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.handle(), 1,
                           &region);
    VkBufferMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER_2};
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    barrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.buffer = buffer.handle();
    barrier.size = VK_WHOLE_SIZE;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.bufferMemoryBarrierCount = 1;
    dep.pBufferMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
}

core::Image8 OffscreenTarget::readback(Context& context) const {
    Buffer buffer(context, VkDeviceSize(mDesc.width) * mDesc.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                  MemoryUse::Readback, "readbackBuffer");
    context.submitAndWait([&](VkCommandBuffer cmd) { recordCopyToBuffer(cmd, buffer); });
    core::Image8 image{mDesc.width, mDesc.height};
    std::memcpy(image.pixels.data(), buffer.mapped(), image.pixels.size());
    return image;
}

} // namespace sr::gpu
