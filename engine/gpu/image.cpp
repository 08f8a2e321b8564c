#include "gpu/image.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <utility>
#include <vector>

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

void uploadImageLevels(Context& context, Image& image, std::span<const MipData> levels,
                       const UploadedPiece& uploaded) {
    assert(levels.size() == image.desc().mipLevels);
    const VkFormat format = image.desc().format;
    const uint32_t block =
        format >= VK_FORMAT_BC1_RGB_UNORM_BLOCK && format <= VK_FORMAT_BC7_SRGB_BLOCK ? 4 : 1;
    // Bands of whole rows (of blocks), each staged at a 16-byte aligned offset.
    struct Band {
        uint32_t level, y, rows;
        std::span<const uint8_t> bytes;
    };
    std::vector<Band> bands;
    VkDeviceSize largest = 0;
    for (uint32_t i = 0; i < levels.size(); ++i) {
        const uint32_t units = (levels[i].height + block - 1) / block;
        const size_t unitBytes = levels[i].bytes.size() / units;
        const uint32_t perBand =
            uint32_t(std::max<VkDeviceSize>(1, kStagingPieceBytes / std::max<size_t>(unitBytes, 1)));
        for (uint32_t u = 0; u < units; u += perBand) {
            const uint32_t count = std::min(perBand, units - u);
            const uint32_t y = u * block;
            const uint32_t rows = std::min(count * block, levels[i].height - y);
            bands.push_back(
                {i, y, rows, levels[i].bytes.subspan(size_t(u) * unitBytes, size_t(count) * unitBytes)});
            largest = std::max<VkDeviceSize>(largest, (bands.back().bytes.size() + 15) & ~VkDeviceSize(15));
        }
    }
    VkDeviceSize total = 0;
    for (const Band& band : bands) total += (band.bytes.size() + 15) & ~VkDeviceSize(15);
    const VkDeviceSize capacity = std::max(largest, std::min(total, kStagingPieceBytes));
    Buffer staging(context, capacity, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload, "imageStaging");
    for (size_t next = 0; next < bands.size();) {
        // As many bands as the staging buffer holds, copied in one submission.
        std::vector<VkBufferImageCopy> regions;
        const size_t first = next;
        VkDeviceSize offset = 0;
        for (; next < bands.size(); ++next) {
            const Band& band = bands[next];
            const VkDeviceSize size = (band.bytes.size() + 15) & ~VkDeviceSize(15);
            if (offset + size > capacity) break;
            std::memcpy(staging.mapped() + offset, band.bytes.data(), band.bytes.size());
            VkBufferImageCopy region{};
            region.bufferOffset = offset;
            region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, band.level, 0, 1};
            region.imageOffset = {0, int32_t(band.y), 0};
            region.imageExtent = {levels[band.level].width, band.rows, 1};
            regions.push_back(region);
            offset += size;
        }
        const bool start = first == 0, end = next == bands.size();
        context.submitAndWait([&](VkCommandBuffer cmd) {
            if (start) {
                recordImageBarrier(cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE,
                                   VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_COPY_BIT,
                                   VK_ACCESS_2_TRANSFER_WRITE_BIT);
            }
            vkCmdCopyBufferToImage(cmd, staging.handle(), image.handle(),
                                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, uint32_t(regions.size()),
                                   regions.data());
            if (end) {
                recordImageBarrier(cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                                   VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                   VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
            }
        });
        if (uploaded) {
            for (size_t b = first; b < next; ++b) uploaded(bands[b].bytes);
        }
    }
}

} // namespace sr::gpu
