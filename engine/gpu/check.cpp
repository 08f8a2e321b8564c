#include "gpu/check.h"

#include <cstdlib>

#include "core/log.h"

namespace sr::gpu {

const char* resultName(VkResult result) {
    switch (result) {
#define SR_CASE(name)                                                                                        \
    case name: return #name;
        SR_CASE(VK_SUCCESS)
        SR_CASE(VK_NOT_READY)
        SR_CASE(VK_TIMEOUT)
        SR_CASE(VK_EVENT_SET)
        SR_CASE(VK_EVENT_RESET)
        SR_CASE(VK_INCOMPLETE)
        SR_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        SR_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        SR_CASE(VK_ERROR_INITIALIZATION_FAILED)
        SR_CASE(VK_ERROR_DEVICE_LOST)
        SR_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        SR_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        SR_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        SR_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        SR_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        SR_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        SR_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        SR_CASE(VK_ERROR_FRAGMENTED_POOL)
        SR_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        SR_CASE(VK_ERROR_SURFACE_LOST_KHR)
        SR_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        SR_CASE(VK_SUBOPTIMAL_KHR)
        SR_CASE(VK_ERROR_OUT_OF_DATE_KHR)
#undef SR_CASE
    default: return "VkResult(unknown)";
    }
}

void failVulkanCall(const char* call, const char* file, int line, VkResult result) {
    core::logError("Vulkan call failed: ", call, " at ", file, ":", line, ": ", resultName(result));
    if (result == VK_ERROR_DEVICE_LOST) std::exit(kExitDeviceLost);
    std::abort();
}

} // namespace sr::gpu
