#pragma once
// A VkBuffer with its own memory allocation.
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include <vulkan/vulkan.h>

namespace sr::gpu {

class Context;

enum class MemoryUse {
    DeviceLocal, // fastest for the GPU; filled through a staging upload
    Upload,      // host-visible, coherent, persistently mapped (staging, per-frame data)
    Readback,    // host-visible, cached where possible, persistently mapped
};

// Move-only; destroys buffer and memory on destruction. The Context must outlive it.
class Buffer {
public:
    Buffer() = default;
    // Aborts (SR_VK_CHECK) on allocation failure; size must be > 0.
    Buffer(Context& context, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse memory,
           const std::string& debugName);
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return mBuffer; }
    VkDeviceSize size() const { return mSize; }
    // Mapped bytes for Upload and Readback buffers; nullptr for DeviceLocal ones.
    uint8_t* mapped() const { return mMapped; }
    explicit operator bool() const { return mBuffer != VK_NULL_HANDLE; }

private:
    void release();

    Context* mContext = nullptr;
    VkBuffer mBuffer = VK_NULL_HANDLE;
    VkDeviceMemory mMemory = VK_NULL_HANDLE;
    VkDeviceSize mSize = 0;
    VkDeviceSize mAllocated = 0;
    uint8_t* mMapped = nullptr;
};

// Bytes staged at a time by the uploads below: a room of hundreds of megabytes passes through one
// small staging buffer instead of a second copy of itself.
inline constexpr VkDeviceSize kStagingPieceBytes = VkDeviceSize(16) << 20;

// Called with each piece of the source once it has been copied (and may be let go of).
using UploadedPiece = std::function<void(std::span<const uint8_t>)>;

// Creates a device-local buffer holding `bytes`, uploaded through a staging buffer of at most
// kStagingPieceBytes, piece by piece; waits.
Buffer createBufferWithData(Context& context, std::span<const uint8_t> bytes, VkBufferUsageFlags usage,
                            const std::string& debugName, const UploadedPiece& uploaded = {});

} // namespace sr::gpu
