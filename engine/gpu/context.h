#pragma once
// The Vulkan instance, the chosen physical device, the logical device and its queue.
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/result.h"
#include "gpu/handle.h"

namespace sr::gpu {

struct ContextOptions {
    std::string applicationName = "Stillroom";
    // Load the Khronos validation layer (with synchronisation validation). Creation fails with a
    // clear message when it is asked for and not installed.
    bool validation = false;
    // Instance extensions the window system needs (GLFW's list); empty when headless.
    std::vector<std::string> instanceExtensions;
    // Creates the window surface once the instance exists; empty when headless. The context owns
    // the returned surface and destroys it before the instance.
    std::function<VkSurfaceKHR(VkInstance)> createSurface;
    // Case-insensitive substring of the device name to prefer (also from $STILLROOM_DEVICE).
    std::string preferredDevice;
};

// Capabilities of the chosen device that the renderer adapts to.
struct DeviceCaps {
    std::string name;
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    uint32_t apiVersion = 0;
    uint32_t maxImageDimension2D = 4096;
    VkSampleCountFlagBits maxColorDepthSamples = VK_SAMPLE_COUNT_1_BIT;
    bool samplerAnisotropy = false;
    float maxSamplerAnisotropy = 1.0f;
    bool textureCompressionBC = false;
    VkDeviceSize deviceLocalBytes = 0;
};

// Number of validation messages of severity error seen by any Context in this process.
// Tests assert it stays zero.
uint64_t validationErrorCount();

// Owns instance, debug messenger, surface, device and one graphics(+present) queue. Not movable:
// everything else refers to it and must be destroyed first.
class Context {
public:
    static core::Result<std::unique_ptr<Context>> create(const ContextOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance() const { return mInstance; }
    VkPhysicalDevice physicalDevice() const { return mPhysicalDevice; }
    VkDevice device() const { return mDevice; }
    VkQueue queue() const { return mQueue; }
    uint32_t queueFamily() const { return mQueueFamily; }
    VkSurfaceKHR surface() const { return mSurface; }
    const DeviceCaps& caps() const { return mCaps; }
    bool validationEnabled() const { return mValidation; }

    // Index of a memory type allowed by `typeBits` with all `properties`, or -1.
    int findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags properties) const;

    // Records `record` into a one-time command buffer, submits it and waits for it to finish.
    // For uploads and readbacks outside the frame loop. Thread-safe.
    void submitAndWait(const std::function<void(VkCommandBuffer)>& record);

    // vkDeviceWaitIdle under queueMutex(): waiting on the device counts as using its queue, which
    // a loading thread's uploads may be submitting to.
    void waitIdle();

    // Held by anyone submitting to queue(): Vulkan queues need external synchronisation.
    std::mutex& queueMutex() { return mSubmitMutex; }

    // Gives a Vulkan object a debug name (shown in validation messages); no-op without debug utils.
    void setDebugName(VkObjectType type, uint64_t handle, const std::string& name) const;
    template <class T> void setDebugName(T handle, VkObjectType type, const std::string& name) const {
        setDebugName(type, reinterpret_cast<uint64_t>(handle), name);
    }

    // Allocates memory for `requirements` from the first allowed type that has every flag of one
    // of `preferences` (tried in order), else from any allowed type; names it and counts its
    // bytes in allocatedBytes(). Aborts when the device is out of memory (SR_VK_CHECK).
    VkDeviceMemory allocateMemory(const VkMemoryRequirements& requirements,
                                  std::initializer_list<VkMemoryPropertyFlags> preferences,
                                  const std::string& debugName);
    // Frees what allocateMemory returned (`size` = requirements.size); null is ignored.
    void freeMemory(VkDeviceMemory memory, VkDeviceSize size);

    // Device memory currently allocated through gpu objects, in bytes.
    uint64_t allocatedBytes() const { return mAllocatedBytes.load(); }
    void trackAllocation(int64_t bytes) { mAllocatedBytes += uint64_t(bytes); }

private:
    Context() = default;
    core::Status createInstance(const ContextOptions& options);
    core::Status chooseDevice(const ContextOptions& options);
    core::Status createDevice();

    VkInstance mInstance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT mMessenger = VK_NULL_HANDLE;
    VkSurfaceKHR mSurface = VK_NULL_HANDLE;
    VkPhysicalDevice mPhysicalDevice = VK_NULL_HANDLE;
    VkDevice mDevice = VK_NULL_HANDLE;
    VkQueue mQueue = VK_NULL_HANDLE;
    uint32_t mQueueFamily = 0;
    DeviceCaps mCaps;
    bool mValidation = false;
    bool mDebugUtils = false;
    PFN_vkSetDebugUtilsObjectNameEXT mSetObjectName = nullptr;
    // submitAndWait's command buffer and fence, made once and reused: creating them per call costs
    // little on a GPU driver, but the validation layer keeps a few kilobytes of every one for good.
    CommandPool mOneShotPool;
    VkCommandBuffer mOneShotCommands = VK_NULL_HANDLE; // freed with the pool
    Fence mOneShotFence;
    std::atomic<uint64_t> mAllocatedBytes{0};
    std::mutex mSubmitMutex;  // the queue
    std::mutex mOneShotMutex; // submitAndWait's command buffer and fence
};

} // namespace sr::gpu
