#include "gpu/swapchain.h"

#include <algorithm>

#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"

namespace sr::gpu {
namespace {
VkSurfaceFormatKHR chooseFormat(VkPhysicalDevice device, VkSurfaceKHR surface) {
    uint32_t count = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(device, surface, &count, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(count);
    vkGetPhysicalDeviceSurfaceFormatsKHR(device, surface, &count, formats.data());
    for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB}) {
        for (const auto& f : formats) {
            if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
        }
    }
    return formats.at(0);
}
} // namespace

Swapchain::Swapchain(Context& context, bool vsync) : mContext(context), mVsync(vsync) {}

Swapchain::~Swapchain() { destroy(); }

void Swapchain::destroy() {
    mRenderFinished.clear();
    if (mSwapchain) vkDestroySwapchainKHR(mContext.device(), mSwapchain, nullptr);
    mSwapchain = VK_NULL_HANDLE;
    mImages.clear();
}

SwapchainStatus Swapchain::update(uint32_t width, uint32_t height, bool force) {
    if (width == 0 || height == 0) return SwapchainStatus::NotReady;
    if (mSwapchain && !force && width == mExtent.width && height == mExtent.height)
        return SwapchainStatus::Ready;

    VkPhysicalDevice physical = mContext.physicalDevice();
    VkSurfaceKHR surface = mContext.surface();
    VkSurfaceCapabilitiesKHR caps;
    SR_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(physical, surface, &caps));
    VkExtent2D extent = caps.currentExtent;
    if (extent.width == UINT32_MAX) {
        extent.width = std::clamp(width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height = std::clamp(height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    if (extent.width == 0 || extent.height == 0) return SwapchainStatus::NotReady;
    const VkSurfaceFormatKHR format = chooseFormat(physical, surface);

    uint32_t imageCount = caps.minImageCount + 1;
    if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);
    VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    info.surface = surface;
    info.minImageCount = imageCount;
    info.imageFormat = format.format;
    info.imageColorSpace = format.colorSpace;
    info.imageExtent = extent;
    info.imageArrayLayers = 1;
    info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.preTransform = caps.currentTransform;
    info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR; // always available; vsync
    if (!mVsync) {
        uint32_t modeCount = 0;
        vkGetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &modeCount, nullptr);
        std::vector<VkPresentModeKHR> modes(modeCount);
        vkGetPhysicalDeviceSurfacePresentModesKHR(physical, surface, &modeCount, modes.data());
        if (std::find(modes.begin(), modes.end(), VK_PRESENT_MODE_MAILBOX_KHR) != modes.end()) {
            info.presentMode = VK_PRESENT_MODE_MAILBOX_KHR;
        } else if (std::find(modes.begin(), modes.end(), VK_PRESENT_MODE_IMMEDIATE_KHR) != modes.end()) {
            info.presentMode = VK_PRESENT_MODE_IMMEDIATE_KHR;
        }
    }
    info.clipped = VK_TRUE;
    info.oldSwapchain = mSwapchain;

    VkSwapchainKHR swapchain;
    SR_VK_CHECK(vkCreateSwapchainKHR(mContext.device(), &info, nullptr, &swapchain));
    // The old swapchain's images may still be in use by presentation or earlier frames.
    mContext.waitIdle();
    destroy();
    mSwapchain = swapchain;
    mFormat = format.format;
    mColorSpace = format.colorSpace;
    mExtent = extent;
    uint32_t count = 0;
    vkGetSwapchainImagesKHR(mContext.device(), mSwapchain, &count, nullptr);
    mImages.resize(count);
    vkGetSwapchainImagesKHR(mContext.device(), mSwapchain, &count, mImages.data());
    VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    for (uint32_t i = 0; i < count; ++i) {
        VkSemaphore semaphore;
        SR_VK_CHECK(vkCreateSemaphore(mContext.device(), &semaphoreInfo, nullptr, &semaphore));
        mContext.setDebugName(semaphore, VK_OBJECT_TYPE_SEMAPHORE, "renderFinished" + std::to_string(i));
        mRenderFinished.emplace_back(mContext.device(), semaphore);
    }
    core::logInfo("swapchain ", extent.width, "x", extent.height, ", ", count, " images");
    return SwapchainStatus::Resized;
}

FrameRing::FrameRing(Context& context, uint32_t framesInFlight) : mContext(context) {
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = context.queueFamily();
    VkCommandPool pool;
    SR_VK_CHECK(vkCreateCommandPool(context.device(), &poolInfo, nullptr, &pool));
    mPool = CommandPool(context.device(), pool);
    context.setDebugName(pool, VK_OBJECT_TYPE_COMMAND_POOL, "frameCommandPool");
    for (uint32_t i = 0; i < framesInFlight; ++i) {
        FrameSlot slot;
        VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        alloc.commandPool = mPool;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 1;
        SR_VK_CHECK(vkAllocateCommandBuffers(context.device(), &alloc, &slot.commands));
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
        VkFence fence;
        SR_VK_CHECK(vkCreateFence(context.device(), &fenceInfo, nullptr, &fence));
        slot.inFlight = Fence(context.device(), fence);
        VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore semaphore;
        SR_VK_CHECK(vkCreateSemaphore(context.device(), &semaphoreInfo, nullptr, &semaphore));
        slot.imageAcquired = Semaphore(context.device(), semaphore);
        context.setDebugName(semaphore, VK_OBJECT_TYPE_SEMAPHORE, "imageAcquired" + std::to_string(i));
        mSlots.push_back(std::move(slot));
    }
}

FrameSlot& FrameRing::begin() {
    if (mStarted) mIndex = (mIndex + 1) % uint32_t(mSlots.size());
    mStarted = true;
    FrameSlot& slot = mSlots[mIndex];
    VkFence fence = slot.inFlight;
    SR_VK_CHECK(vkWaitForFences(mContext.device(), 1, &fence, VK_TRUE, UINT64_MAX));
    SR_VK_CHECK(vkResetCommandBuffer(slot.commands, 0));
    return slot;
}

} // namespace sr::gpu
