#include "gpu/context.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "core/log.h"
#include "gpu/check.h"

namespace sr::gpu {
namespace {

std::atomic<uint64_t> gValidationErrors{0};

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
    const char* text = data && data->pMessage ? data->pMessage : "(no message)";
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
        ++gValidationErrors;
        core::logError("Vulkan validation: ", text);
    } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        core::logWarning("Vulkan validation: ", text);
    }
    return VK_FALSE;
}

bool hasLayer(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::any_of(layers.begin(), layers.end(),
                       [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool hasInstanceExtension(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> exts(count);
    vkEnumerateInstanceExtensionProperties(nullptr, &count, exts.data());
    return std::any_of(exts.begin(), exts.end(), [&](const VkExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
    });
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

int typeScore(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
    }
}

VkSampleCountFlagBits highestSamples(VkSampleCountFlags flags) {
    for (VkSampleCountFlagBits bit : {VK_SAMPLE_COUNT_8_BIT, VK_SAMPLE_COUNT_4_BIT, VK_SAMPLE_COUNT_2_BIT}) {
        if (flags & bit) return bit;
    }
    return VK_SAMPLE_COUNT_1_BIT;
}

} // namespace

uint64_t validationErrorCount() { return gValidationErrors.load(); }

core::Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
    std::unique_ptr<Context> context(new Context());
    if (auto s = context->createInstance(options); !s) return s.error();
    if (options.createSurface) {
        context->mSurface = options.createSurface(context->mInstance);
        if (context->mSurface == VK_NULL_HANDLE) return core::makeError("", "cannot create a window surface");
    }
    if (auto s = context->chooseDevice(options); !s) return s.error();
    if (auto s = context->createDevice(); !s) return s.error();
    return context;
}

core::Status Context::createInstance(const ContextOptions& options) {
    const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
    std::vector<const char*> layers;
    if (options.validation) {
        if (!hasLayer(kValidationLayer)) {
            return core::makeError("", "the Khronos validation layer was asked for but is not installed "
                                       "(Debian package vulkan-validationlayers)");
        }
        layers.push_back(kValidationLayer);
    }
    std::vector<const char*> extensions;
    for (const std::string& e : options.instanceExtensions) extensions.push_back(e.c_str());
    mDebugUtils = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (mDebugUtils) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = options.applicationName.c_str();
    app.pEngineName = "Stillroom";
    app.apiVersion = VK_API_VERSION_1_3;

    VkDebugUtilsMessengerCreateInfoEXT messengerInfo{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messengerInfo.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messengerInfo.pfnUserCallback = onDebugMessage;

    // Synchronisation validation catches missing barriers, which lavapipe would forgive.
    VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
    VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    features.enabledValidationFeatureCount = 1;
    features.pEnabledValidationFeatures = enables;
    if (mDebugUtils && options.validation) messengerInfo.pNext = &features;

    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pNext = mDebugUtils ? &messengerInfo : nullptr;
    info.pApplicationInfo = &app;
    info.enabledLayerCount = uint32_t(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = uint32_t(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    VkResult result = vkCreateInstance(&info, nullptr, &mInstance);
    if (result != VK_SUCCESS) {
        return core::makeError("", core::concat("cannot create a Vulkan instance (", resultName(result),
                                                "); is a Vulkan driver installed (mesa-vulkan-drivers)?"));
    }
    mValidation = options.validation;
    if (mDebugUtils) {
        auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(mInstance, "vkCreateDebugUtilsMessengerEXT"));
        messengerInfo.pNext = nullptr;
        if (createMessenger) SR_VK_CHECK(createMessenger(mInstance, &messengerInfo, nullptr, &mMessenger));
        mSetObjectName = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
            vkGetInstanceProcAddr(mInstance, "vkSetDebugUtilsObjectNameEXT"));
    }
    return {};
}

core::Status Context::chooseDevice(const ContextOptions& options) {
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(mInstance, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(mInstance, &count, devices.data());
    std::string preferred = options.preferredDevice;
    if (const char* env = std::getenv("STILLROOM_DEVICE"); env && preferred.empty()) preferred = env;
    preferred = lower(preferred);

    int bestScore = -1;
    std::string rejected;
    for (VkPhysicalDevice device : devices) {
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(device, &props);
        VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
        VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f13};
        if (props.apiVersion >= VK_API_VERSION_1_3) vkGetPhysicalDeviceFeatures2(device, &f2);
        if (props.apiVersion < VK_API_VERSION_1_3 || !f13.dynamicRendering || !f13.synchronization2) {
            rejected += core::concat(" ", props.deviceName, " (needs Vulkan 1.3 with dynamic rendering);");
            continue;
        }
        uint32_t familyCount = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(device, &familyCount, nullptr);
        std::vector<VkQueueFamilyProperties> families(familyCount);
        vkGetPhysicalDeviceQueueFamilyProperties(device, &familyCount, families.data());
        int family = -1;
        for (uint32_t i = 0; i < familyCount && family < 0; ++i) {
            if (!(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
            VkBool32 present = VK_TRUE;
            if (mSurface) vkGetPhysicalDeviceSurfaceSupportKHR(device, i, mSurface, &present);
            if (present) family = int(i);
        }
        if (family < 0) {
            rejected += core::concat(" ", props.deviceName, " (no graphics queue that can present);");
            continue;
        }
        int score = typeScore(props.deviceType);
        if (!preferred.empty() && lower(props.deviceName).find(preferred) != std::string::npos) score += 100;
        if (score > bestScore) {
            bestScore = score;
            mPhysicalDevice = device;
            mQueueFamily = uint32_t(family);
        }
    }
    if (!mPhysicalDevice) {
        return core::makeError("", core::concat("no usable Vulkan device found:",
                                                rejected.empty() ? " none present" : rejected));
    }
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(mPhysicalDevice, &props);
    VkPhysicalDeviceFeatures features;
    vkGetPhysicalDeviceFeatures(mPhysicalDevice, &features);
    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(mPhysicalDevice, &memory);
    mCaps.name = props.deviceName;
    mCaps.type = props.deviceType;
    mCaps.apiVersion = props.apiVersion;
    mCaps.maxImageDimension2D = props.limits.maxImageDimension2D;
    mCaps.maxColorDepthSamples =
        highestSamples(props.limits.framebufferColorSampleCounts & props.limits.framebufferDepthSampleCounts);
    mCaps.samplerAnisotropy = features.samplerAnisotropy;
    mCaps.maxSamplerAnisotropy = props.limits.maxSamplerAnisotropy;
    mCaps.textureCompressionBC = features.textureCompressionBC;
    for (uint32_t i = 0; i < memory.memoryHeapCount; ++i) {
        if (memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
            mCaps.deviceLocalBytes = std::max(mCaps.deviceLocalBytes, memory.memoryHeaps[i].size);
        }
    }
    core::logInfo("Vulkan device: ", mCaps.name, " (Vulkan ", VK_API_VERSION_MAJOR(props.apiVersion), ".",
                  VK_API_VERSION_MINOR(props.apiVersion), ")");
    return {};
}

core::Status Context::createDevice() {
    float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queueInfo.queueFamilyIndex = mQueueFamily;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;

    VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f13};
    features.features.samplerAnisotropy = mCaps.samplerAnisotropy;
    features.features.textureCompressionBC = mCaps.textureCompressionBC;

    std::vector<const char*> extensions;
    if (mSurface) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);

    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &features};
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queueInfo;
    info.enabledExtensionCount = uint32_t(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    VkResult result = vkCreateDevice(mPhysicalDevice, &info, nullptr, &mDevice);
    if (result != VK_SUCCESS) {
        return core::makeError(
            "", core::concat("cannot create the Vulkan device on ", mCaps.name, ": ", resultName(result)));
    }
    vkGetDeviceQueue(mDevice, mQueueFamily, 0, &mQueue);
    setDebugName(mQueue, VK_OBJECT_TYPE_QUEUE, "graphicsQueue");

    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = mQueueFamily;
    VkCommandPool pool;
    SR_VK_CHECK(vkCreateCommandPool(mDevice, &poolInfo, nullptr, &pool));
    mOneShotPool = CommandPool(mDevice, pool);
    setDebugName(pool, VK_OBJECT_TYPE_COMMAND_POOL, "oneShotCommandPool");
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    SR_VK_CHECK(vkAllocateCommandBuffers(mDevice, &alloc, &mOneShotCommands));
    setDebugName(mOneShotCommands, VK_OBJECT_TYPE_COMMAND_BUFFER, "oneShotCommands");
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    SR_VK_CHECK(vkCreateFence(mDevice, &fenceInfo, nullptr, &fence));
    mOneShotFence = Fence(mDevice, fence);
    setDebugName(fence, VK_OBJECT_TYPE_FENCE, "oneShotFence");
    return {};
}

Context::~Context() {
    if (mDevice) {
        vkDeviceWaitIdle(mDevice);
        mOneShotFence.reset();
        mOneShotPool.reset();
        vkDestroyDevice(mDevice, nullptr);
    }
    if (mSurface) vkDestroySurfaceKHR(mInstance, mSurface, nullptr);
    if (mMessenger) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(mInstance, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(mInstance, mMessenger, nullptr);
    }
    if (mInstance) vkDestroyInstance(mInstance, nullptr);
}

int Context::findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags properties) const {
    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(mPhysicalDevice, &memory);
    for (uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
        if ((typeBits & (1u << i)) && (memory.memoryTypes[i].propertyFlags & properties) == properties)
            return int(i);
    }
    return -1;
}

VkDeviceMemory Context::allocateMemory(const VkMemoryRequirements& requirements,
                                       std::initializer_list<VkMemoryPropertyFlags> preferences,
                                       const std::string& debugName) {
    int type = -1;
    for (VkMemoryPropertyFlags wanted : preferences) {
        if (type < 0) type = findMemoryType(requirements.memoryTypeBits, wanted);
    }
    if (type < 0) type = findMemoryType(requirements.memoryTypeBits, 0);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = requirements.size;
    alloc.memoryTypeIndex = uint32_t(type);
    VkDeviceMemory memory;
    SR_VK_CHECK(vkAllocateMemory(mDevice, &alloc, nullptr, &memory));
    setDebugName(memory, VK_OBJECT_TYPE_DEVICE_MEMORY, debugName + ".memory");
    trackAllocation(int64_t(requirements.size));
    return memory;
}

void Context::freeMemory(VkDeviceMemory memory, VkDeviceSize size) {
    if (!memory) return;
    vkFreeMemory(mDevice, memory, nullptr);
    trackAllocation(-int64_t(size));
}

void Context::submitAndWait(const std::function<void(VkCommandBuffer)>& record) {
    // The one command buffer and fence are this call's until it returns; the queue only for the
    // submission, so frames submitted meanwhile (a window's) never wait for this work to finish.
    std::lock_guard oneShot(mOneShotMutex);
    // The last call waited for its work, so the pool's one buffer is free to record again (also
    // when that call's recording threw and left it unfinished).
    SR_VK_CHECK(vkResetCommandPool(mDevice, mOneShotPool, 0));
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    SR_VK_CHECK(vkBeginCommandBuffer(mOneShotCommands, &begin));
    record(mOneShotCommands);
    SR_VK_CHECK(vkEndCommandBuffer(mOneShotCommands));

    VkFence fence = mOneShotFence;
    SR_VK_CHECK(vkResetFences(mDevice, 1, &fence));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &mOneShotCommands;
    {
        std::lock_guard queue(mSubmitMutex);
        SR_VK_CHECK(vkQueueSubmit(mQueue, 1, &submit, fence));
    }
    SR_VK_CHECK(vkWaitForFences(mDevice, 1, &fence, VK_TRUE, UINT64_MAX));
}

void Context::waitIdle() {
    std::lock_guard queue(mSubmitMutex);
    SR_VK_CHECK(vkDeviceWaitIdle(mDevice));
}

void Context::setDebugName(VkObjectType type, uint64_t handle, const std::string& name) const {
    if (!mSetObjectName || !handle) return;
    VkDebugUtilsObjectNameInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
    info.objectType = type;
    info.objectHandle = handle;
    info.pObjectName = name.c_str();
    mSetObjectName(mDevice, &info);
}

} // namespace sr::gpu
