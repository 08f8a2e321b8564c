#pragma once
// Move-only owners for device-level Vulkan handles.
#include <utility>

#include <vulkan/vulkan.h>

namespace sr::gpu {

// Owns one handle created from `device`; destroys it with `Destroy` when it goes away.
// Copy is deleted; move nulls the source.
template <class T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)> class DeviceHandle {
public:
    DeviceHandle() = default;
    DeviceHandle(VkDevice device, T handle) : mDevice(device), mHandle(handle) {}
    ~DeviceHandle() { reset(); }
    DeviceHandle(DeviceHandle&& other) noexcept
        : mDevice(other.mDevice), mHandle(std::exchange(other.mHandle, T(VK_NULL_HANDLE))) {}
    DeviceHandle& operator=(DeviceHandle&& other) noexcept {
        if (this != &other) {
            reset();
            mDevice = other.mDevice;
            mHandle = std::exchange(other.mHandle, T(VK_NULL_HANDLE));
        }
        return *this;
    }
    DeviceHandle(const DeviceHandle&) = delete;
    DeviceHandle& operator=(const DeviceHandle&) = delete;

    T get() const { return mHandle; }
    operator T() const { return mHandle; }
    explicit operator bool() const { return mHandle != VK_NULL_HANDLE; }
    void reset() {
        if (mHandle != VK_NULL_HANDLE) Destroy(mDevice, mHandle, nullptr);
        mHandle = VK_NULL_HANDLE;
    }

private:
    VkDevice mDevice = VK_NULL_HANDLE;
    T mHandle = VK_NULL_HANDLE;
};

inline void destroyDescriptorPoolNoReturn(VkDevice d, VkDescriptorPool p, const VkAllocationCallbacks* a) {
    vkDestroyDescriptorPool(d, p, a);
}

using ShaderModule = DeviceHandle<VkShaderModule, vkDestroyShaderModule>;
using PipelineLayout = DeviceHandle<VkPipelineLayout, vkDestroyPipelineLayout>;
using Pipeline = DeviceHandle<VkPipeline, vkDestroyPipeline>;
using DescriptorSetLayout = DeviceHandle<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using DescriptorPool = DeviceHandle<VkDescriptorPool, destroyDescriptorPoolNoReturn>;
using Sampler = DeviceHandle<VkSampler, vkDestroySampler>;
using ImageView = DeviceHandle<VkImageView, vkDestroyImageView>;
using Fence = DeviceHandle<VkFence, vkDestroyFence>;
using Semaphore = DeviceHandle<VkSemaphore, vkDestroySemaphore>;
using CommandPool = DeviceHandle<VkCommandPool, vkDestroyCommandPool>;
using RenderPass = DeviceHandle<VkRenderPass, vkDestroyRenderPass>;
using Framebuffer = DeviceHandle<VkFramebuffer, vkDestroyFramebuffer>;

} // namespace sr::gpu
