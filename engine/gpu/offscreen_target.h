#pragma once
// Colour + depth targets to render into, with multisample resolve and readback to RGBA8.
#include <cstdint>
#include <string>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "core/image.h"
#include "gpu/buffer.h"
#include "gpu/image.h"

namespace sr::gpu {

class Context;

struct OffscreenTargetDesc {
    uint32_t width = 1;
    uint32_t height = 1;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkFormat colorFormat = VK_FORMAT_R8G8B8A8_SRGB; // must be an RGBA8 format for readback()
    VkFormat depthFormat = VK_FORMAT_D32_SFLOAT;
    // Format of output().aliasView(), for overlays that blend in sRGB space (UI); UNDEFINED: none.
    VkFormat overlayFormat = VK_FORMAT_UNDEFINED;
    // Render through the overlay format's view (set it to the UNORM twin of colorFormat): the
    // passes between beginRendering() and endRendering() write sRGB-encoded values themselves
    // (RendererSettings::encodedColor). The output image is the same either way.
    bool renderEncoded = false;
};

// Owns the attachments of one offscreen render. After endRendering() the single-sample output
// image is in TRANSFER_SRC_OPTIMAL, ready for readback or a copy to a swapchain image.
class OffscreenTarget {
public:
    OffscreenTarget(Context& context, const OffscreenTargetDesc& desc, const std::string& debugName);

    const OffscreenTargetDesc& desc() const { return mDesc; }
    // The resolved (or only) colour image.
    const Image& output() const { return mResolve ? mResolve : mColor; }

    // Transitions the attachments and begins dynamic rendering, clearing colour to `clearLinear`
    // (linear RGBA, encoded when renderEncoded) and depth to 1. Sets a full-target viewport and
    // scissor.
    void beginRendering(VkCommandBuffer cmd, glm::vec4 clearLinear) const;
    // Ends rendering (resolving MSAA) and moves output() to TRANSFER_SRC_OPTIMAL.
    void endRendering(VkCommandBuffer cmd) const;

    // Records a copy of output() into `buffer` (at least width*height*4 bytes), host-visible after
    // the submission's fence.
    void recordCopyToBuffer(VkCommandBuffer cmd, const Buffer& buffer) const;
    // Copies a finished render back to the CPU (submits and waits).
    core::Image8 readback(Context& context) const;

private:
    OffscreenTargetDesc mDesc;
    Image mColor;   // multisampled when samples > 1
    Image mResolve; // only when samples > 1
    Image mDepth;
};

} // namespace sr::gpu
