#include "gpu/buffer.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <utility>

#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"

namespace sr::gpu {

Buffer::Buffer(Context& context, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse memory,
               const std::string& debugName)
    : mContext(&context), mSize(size) {
    assert(size > 0);
    VkDevice device = context.device();
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    SR_VK_CHECK(vkCreateBuffer(device, &info, nullptr, &mBuffer));
    context.setDebugName(mBuffer, VK_OBJECT_TYPE_BUFFER, debugName);

    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device, mBuffer, &req);
    constexpr VkMemoryPropertyFlags kHost =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    switch (memory) {
    case MemoryUse::DeviceLocal:
        mMemory = context.allocateMemory(req, {VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT}, debugName);
        break;
    case MemoryUse::Upload: mMemory = context.allocateMemory(req, {kHost}, debugName); break;
    case MemoryUse::Readback:
        // Cached memory makes reading back on the CPU fast where the device offers it.
        mMemory = context.allocateMemory(req, {kHost | VK_MEMORY_PROPERTY_HOST_CACHED_BIT, kHost}, debugName);
        break;
    }
    mAllocated = req.size;
    SR_VK_CHECK(vkBindBufferMemory(device, mBuffer, mMemory, 0));
    if (memory != MemoryUse::DeviceLocal) {
        void* data = nullptr;
        SR_VK_CHECK(vkMapMemory(device, mMemory, 0, VK_WHOLE_SIZE, 0, &data));
        mMapped = static_cast<uint8_t*>(data);
    }
}

Buffer::~Buffer() { release(); }

void Buffer::release() {
    if (!mContext) return;
    VkDevice device = mContext->device();
    if (mBuffer) vkDestroyBuffer(device, mBuffer, nullptr);
    mContext->freeMemory(mMemory, mAllocated);
    mBuffer = VK_NULL_HANDLE;
    mMemory = VK_NULL_HANDLE;
    mMapped = nullptr;
    mContext = nullptr;
}

Buffer::Buffer(Buffer&& other) noexcept
    : mContext(std::exchange(other.mContext, nullptr)), mBuffer(std::exchange(other.mBuffer, VK_NULL_HANDLE)),
      mMemory(std::exchange(other.mMemory, VK_NULL_HANDLE)), mSize(std::exchange(other.mSize, 0)),
      mAllocated(std::exchange(other.mAllocated, 0)), mMapped(std::exchange(other.mMapped, nullptr)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        mContext = std::exchange(other.mContext, nullptr);
        mBuffer = std::exchange(other.mBuffer, VK_NULL_HANDLE);
        mMemory = std::exchange(other.mMemory, VK_NULL_HANDLE);
        mSize = std::exchange(other.mSize, 0);
        mAllocated = std::exchange(other.mAllocated, 0);
        mMapped = std::exchange(other.mMapped, nullptr);
    }
    return *this;
}

Buffer createBufferWithData(Context& context, std::span<const uint8_t> bytes, VkBufferUsageFlags usage,
                            const std::string& debugName, const UploadedPiece& uploaded) {
    Buffer buffer(context, bytes.size(), usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::DeviceLocal,
                  debugName);
    const VkDeviceSize piece = std::min<VkDeviceSize>(std::max<size_t>(bytes.size(), 1), kStagingPieceBytes);
    Buffer staging(context, piece, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload,
                   debugName + ".staging");
    for (VkDeviceSize offset = 0; offset < bytes.size(); offset += piece) {
        const VkDeviceSize size = std::min<VkDeviceSize>(piece, bytes.size() - offset);
        std::memcpy(staging.mapped(), bytes.data() + offset, size);
        const bool last = offset + size >= bytes.size();
        context.submitAndWait([&](VkCommandBuffer cmd) {
            VkBufferCopy region{0, offset, size};
            vkCmdCopyBuffer(cmd, staging.handle(), buffer.handle(), 1, &region);
            if (!last) return;
            // Make the copies visible to every later use of the buffer in this queue.
            VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
            barrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
            barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
            barrier.dstStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
            barrier.dstAccessMask = VK_ACCESS_2_MEMORY_READ_BIT;
            VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
            dep.memoryBarrierCount = 1;
            dep.pMemoryBarriers = &barrier;
            vkCmdPipelineBarrier2(cmd, &dep);
        });
        if (uploaded) uploaded(bytes.subspan(size_t(offset), size_t(size)));
    }
    return buffer;
}

} // namespace sr::gpu
