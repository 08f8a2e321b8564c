#pragma once
// The window's swapchain and the per-frame objects of the present loop.
#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu/handle.h"

namespace sr::gpu {

class Context;

enum class SwapchainStatus {
    Ready,    // images exist and match the window
    Resized,  // (re)created this call: size-dependent objects must follow
    NotReady, // the window has no area (minimised): skip rendering, wait for events
};

// Owns the VkSwapchainKHR, its image views and one render-finished semaphore per image.
class Swapchain {
public:
    explicit Swapchain(Context& context, bool vsync = true);
    ~Swapchain();
    Swapchain(const Swapchain&) = delete;
    Swapchain& operator=(const Swapchain&) = delete;

    // The one place swapchains are created, resized and recreated: call every frame with the
    // window's framebuffer size; `force` recreates after OUT_OF_DATE or SUBOPTIMAL.
    SwapchainStatus update(uint32_t width, uint32_t height, bool force = false);

    VkSwapchainKHR handle() const { return mSwapchain; }
    VkFormat format() const { return mFormat; }
    VkExtent2D extent() const { return mExtent; }
    VkImage image(uint32_t index) const { return mImages[index]; }
    VkSemaphore renderFinished(uint32_t index) const { return mRenderFinished[index]; }
    uint32_t imageCount() const { return uint32_t(mImages.size()); }

private:
    void destroy();

    Context& mContext;
    bool mVsync;
    VkSwapchainKHR mSwapchain = VK_NULL_HANDLE;
    VkFormat mFormat = VK_FORMAT_UNDEFINED;
    VkColorSpaceKHR mColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    VkExtent2D mExtent{0, 0};
    std::vector<VkImage> mImages;
    std::vector<Semaphore> mRenderFinished;
};

// What one frame in flight owns: its command buffer, fence and acquire semaphore.
struct FrameSlot {
    VkCommandBuffer commands = VK_NULL_HANDLE;
    Fence inFlight;
    Semaphore imageAcquired;
};

// A ring of frames in flight over one command pool.
class FrameRing {
public:
    FrameRing(Context& context, uint32_t framesInFlight = 2);
    // Waits for the slot's previous submission and resets it; returns the slot to record into.
    FrameSlot& begin();
    uint32_t index() const { return mIndex; }

private:
    Context& mContext;
    CommandPool mPool;
    std::vector<FrameSlot> mSlots;
    uint32_t mIndex = 0;
    bool mStarted = false;
};

} // namespace sr::gpu
