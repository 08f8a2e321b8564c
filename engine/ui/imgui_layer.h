#pragma once
// The ImGui layer: feeds ImGui from InputEvents (never from the window directly, so headless runs
// and replays draw the same UI) and draws it over a finished frame through ImGui's Vulkan backend.
// The only place that touches the ImGui context and its backend.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include <vulkan/vulkan.h>

#include "gpu/handle.h"
#include "platform/input_event.h"
#include "render/renderer.h"

namespace sr::gpu {
class Context;
class OffscreenTarget;
} // namespace sr::gpu

namespace sr::ui {

// The layer draws through the target's UNORM alias view, so that ImGui blends in sRGB space as it
// was designed (render::Renderer::kOverlayFormat).

class ImGuiLayer {
public:
    // `uiScale` multiplies every size (1 = 100%). Fonts come from Debian's fonts-inter; without
    // it ImGui's built-in font is used and a warning is logged.
    ImGuiLayer(gpu::Context& context, float uiScale = 1.0f);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    // Feeds one event; returns true when the UI takes it: the pointer over a window, or a key press
    // or a character while a text field is being edited.
    bool handle(const platform::InputEvent& event);
    // Starts a UI frame of the given size in pixels; `dt` in seconds. Call ImGui::* through the
    // screen functions in this module between beginFrame and endFrame.
    void beginFrame(float dt, uint32_t width, uint32_t height);
    void endFrame();
    // Records the UI over `target`'s output (in TRANSFER_SRC_OPTIMAL; left there).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target);

    float scale() const { return mScale; }
    // Changes the size of text and controls (1 = 100%), rebuilding the fonts. Call outside any
    // command buffer recording; waits for the device.
    void setScale(float scale);

private:
    void initBackend();
    VkFramebuffer framebufferFor(const gpu::OffscreenTarget& target);

    gpu::Context& mContext;
    float mScale;
    gpu::DescriptorPool mPool;
    gpu::RenderPass mRenderPass;
    // Framebuffers are cached per output view: targets live across many frames.
    VkImageView mFramebufferView = VK_NULL_HANDLE;
    gpu::Framebuffer mFramebuffer;
};

} // namespace sr::ui
