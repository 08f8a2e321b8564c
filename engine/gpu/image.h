#pragma once
// A VkImage with its memory and a default view.
#include <cstdint>
#include <span>
#include <string>

#include <vulkan/vulkan.h>

#include "gpu/buffer.h"

namespace sr::gpu {

class Context;

struct ImageDesc {
    uint32_t width = 1;
    uint32_t height = 1;
    uint32_t mipLevels = 1;
    VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
    // A second view in this format over level 0 (e.g. UNORM over an SRGB image, for passes that
    // blend in sRGB space); UNDEFINED for none.
    VkFormat aliasFormat = VK_FORMAT_UNDEFINED;
};

// Move-only 2D image in device-local memory, created in VK_IMAGE_LAYOUT_UNDEFINED, with a view
// over all mip levels. The Context must outlive it.
class Image {
public:
    Image() = default;
    Image(Context& context, const ImageDesc& desc, const std::string& debugName);
    ~Image();
    Image(Image&& other) noexcept;
    Image& operator=(Image&& other) noexcept;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    VkImage handle() const { return mImage; }
    VkImageView view() const { return mView; }
    // The view in desc().aliasFormat, or VK_NULL_HANDLE.
    VkImageView aliasView() const { return mAliasView; }
    const ImageDesc& desc() const { return mDesc; }
    explicit operator bool() const { return mImage != VK_NULL_HANDLE; }

private:
    void release();

    Context* mContext = nullptr;
    ImageDesc mDesc;
    VkImage mImage = VK_NULL_HANDLE;
    VkDeviceMemory mMemory = VK_NULL_HANDLE;
    VkImageView mView = VK_NULL_HANDLE;
    VkImageView mAliasView = VK_NULL_HANDLE;
    VkDeviceSize mAllocated = 0;
};

// Records one image layout transition with explicit stages and access masks.
void recordImageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                        VkImageLayout oldLayout, VkImageLayout newLayout, VkPipelineStageFlags2 srcStage,
                        VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess,
                        uint32_t baseMip = 0, uint32_t mipCount = VK_REMAINING_MIP_LEVELS);

// Pixel data of one mip level, tightly packed in the image's format.
struct MipData {
    uint32_t width = 0;
    uint32_t height = 0;
    std::span<const uint8_t> bytes;
};

// Uploads every level of `levels` (level 0 first; count must equal the image's mipLevels) and
// leaves the image in SHADER_READ_ONLY_OPTIMAL for fragment shaders. The pixels pass through a
// staging buffer of at most kStagingPieceBytes (bands of rows, of 4x4 blocks for BC formats);
// `uploaded` hears of each band once copied. Waits.
void uploadImageLevels(Context& context, Image& image, std::span<const MipData> levels,
                       const UploadedPiece& uploaded = {});

} // namespace sr::gpu
