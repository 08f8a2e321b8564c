#pragma once
// SR_VK_CHECK: for Vulkan calls that must not fail. Expected results (SUBOPTIMAL, OUT_OF_DATE,
// TIMEOUT) are handled at the call site instead.
#include <vulkan/vulkan.h>

namespace sr::gpu {

// "VK_ERROR_DEVICE_LOST" etc.
const char* resultName(VkResult result);

// Logs the call text, file, line and result name, then exits: with kExitDeviceLost for
// VK_ERROR_DEVICE_LOST (a supervisor restarts the program), otherwise aborts.
[[noreturn]] void failVulkanCall(const char* call, const char* file, int line, VkResult result);

// Exit status of a program that lost its Vulkan device.
inline constexpr int kExitDeviceLost = 70;

} // namespace sr::gpu

#define SR_VK_CHECK(call)                                                                                    \
    do {                                                                                                     \
        VkResult srVkResult_ = (call);                                                                       \
        if (srVkResult_ != VK_SUCCESS) ::sr::gpu::failVulkanCall(#call, __FILE__, __LINE__, srVkResult_);    \
    } while (false)
