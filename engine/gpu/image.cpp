#include "gpu/image.h"

#include <cassert>
#include <cstring>
#include <utility>

#include "gpu/buffer.h"
#include "gpu/check.h"
#include "gpu/context.h"

namespace sr::gpu {

Image::Image(Context& context, const ImageDesc& desc, const std::string& debugName)
    : mContext(&context), mDesc(desc) {
    VkDevice device = context.device();
    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = desc.format;
    info.extent = {desc.width, desc.height, 1};
    info.mipLevels = desc.mipLevels;
    info.arrayLayers = 1;
    info.samples = desc.samples;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = desc.usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    if (desc.aliasFormat != VK_FORMAT_UNDEFINED) info.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    SR_VK_CHECK(vkCreateImage(device, &info, nullptr, &mImage));
    context.setDebugName(mImage, VK_OBJECT_TYPE_IMAGE, debugName);

    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device, mImage, &req);
    mMemory = context.allocateMemory(req, {VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT}, debugName);
    mAllocated = req.size;
    SR_VK_CHECK(vkBindImageMemory(device, mImage, mMemory, 0));

    VkImageViewCreateInfo viewInfo{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    viewInfo.image = mImage;
    viewInfo.viewType = VK_IMAGE_VIEW_TYPE_2D;
    viewInfo.format = desc.format;
    viewInfo.subresourceRange = {desc.aspect, 0, desc.mipLevels, 0, 1};
    SR_VK_CHECK(vkCreateImageView(device, &viewInfo, nullptr, &mView));
    context.setDebugName(mView, VK_OBJECT_TYPE_IMAGE_VIEW, debugName + ".view");
    if (desc.aliasFormat != VK_FORMAT_UNDEFINED) {
        viewInfo.format = desc.aliasFormat;
        viewInfo.subresourceRange.levelCount = 1;
        SR_VK_CHECK(vkCreateImageView(device, &viewInfo, nullptr, &mAliasView));
        context.setDebugName(mAliasView, VK_OBJECT_TYPE_IMAGE_VIEW, debugName + ".aliasView");
    }
}

Image::~Image() { release(); }

void Image::release() {
    if (!mContext) return;
    VkDevice device = mContext->device();
    if (mView) vkDestroyImageView(device, mView, nullptr);
    if (mAliasView) vkDestroyImageView(device, mAliasView, nullptr);
    if (mImage) vkDestroyImage(device, mImage, nullptr);
    mContext->freeMemory(mMemory, mAllocated);
    mView = VK_NULL_HANDLE;
    mAliasView = VK_NULL_HANDLE;
    mImage = VK_NULL_HANDLE;
    mMemory = VK_NULL_HANDLE;
    mContext = nullptr;
}

Image::Image(Image&& other) noexcept
    : mContext(std::exchange(other.mContext, nullptr)), mDesc(other.mDesc),
      mImage(std::exchange(other.mImage, VK_NULL_HANDLE)),
      mMemory(std::exchange(other.mMemory, VK_NULL_HANDLE)),
      mView(std::exchange(other.mView, VK_NULL_HANDLE)),
      mAliasView(std::exchange(other.mAliasView, VK_NULL_HANDLE)),
      mAllocated(std::exchange(other.mAllocated, 0)) {}

Image& Image::operator=(Image&& other) noexcept {
    if (this != &other) {
        release();
        mContext = std::exchange(other.mContext, nullptr);
        mDesc = other.mDesc;
        mImage = std::exchange(other.mImage, VK_NULL_HANDLE);
        mMemory = std::exchange(other.mMemory, VK_NULL_HANDLE);
        mView = std::exchange(other.mView, VK_NULL_HANDLE);
        mAliasView = std::exchange(other.mAliasView, VK_NULL_HANDLE);
        mAllocated = std::exchange(other.mAllocated, 0);
    }
    return *this;
}

void recordImageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                        VkImageLayout oldLayout, VkImageLayout newLayout, VkPipelineStageFlags2 srcStage,
                        VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess,
                        uint32_t baseMip, uint32_t mipCount) {
    VkImageMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
    barrier.srcStageMask = srcStage;
    barrier.srcAccessMask = srcAccess;
    barrier.dstStageMask = dstStage;
    barrier.dstAccessMask = dstAccess;
    barrier.oldLayout = oldLayout;
    barrier.newLayout = newLayout;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {aspect, baseMip, mipCount, 0, 1};
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.imageMemoryBarrierCount = 1;
    dep.pImageMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
}

void uploadImageLevels(Context& context, Image& image, std::span<const MipData> levels) {
    assert(levels.size() == image.desc().mipLevels);
    VkDeviceSize total = 0;
    for (const MipData& level : levels) total += (level.bytes.size() + 15) & ~VkDeviceSize(15);
    Buffer staging(context, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload, "imageStaging");
    std::vector<VkBufferImageCopy> regions;
    VkDeviceSize offset = 0;
    for (uint32_t i = 0; i < levels.size(); ++i) {
        std::memcpy(staging.mapped() + offset, levels[i].bytes.data(), levels[i].bytes.size());
        VkBufferImageCopy region{};
        region.bufferOffset = offset;
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, i, 0, 1};
        region.imageExtent = {levels[i].width, levels[i].height, 1};
        regions.push_back(region);
        offset += (levels[i].bytes.size() + 15) & ~VkDeviceSize(15);
    }
    context.submitAndWait([&](VkCommandBuffer cmd) {
        recordImageBarrier(cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                           VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE,
                           VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
        vkCmdCopyBufferToImage(cmd, staging.handle(), image.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                               uint32_t(regions.size()), regions.data());
        recordImageBarrier(cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                           VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                           VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                           VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    });
}

} // namespace sr::gpu
