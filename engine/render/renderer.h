#pragma once
// Draws a room for a camera into any target.
#include <cstdint>
#include <memory>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "core/image.h"
#include "gpu/offscreen_target.h"
#include "render/gpu_room.h"
#include "render/overlay_pass.h"
#include "render/room_pass.h"
#include "view/camera.h"

namespace sr::gpu {
class Context;
}

namespace sr::render {

struct RendererSettings {
    // Colour of empty space (holes in a scan, beyond the walls): a quiet near-black, linear RGBA.
    glm::vec4 background{0.012f, 0.012f, 0.014f, 1.0f};
    // Multisampling: the device's highest up to this many samples (1 turns it off).
    uint32_t maxSamples = 4;
    // Anisotropic texture filtering, up to this many taps; 0 chooses: 8 on GPUs, off on CPU
    // devices (lavapipe), where it costs more than the rest of the frame.
    float maxAnisotropy = 0.0f;
    // GPU memory a room's textures may take, bytes; 0 chooses half the device's largest
    // device-local heap. A room over it loses the top mips of its largest textures (logged).
    uint64_t textureBudget = 0;
    // Draw the room and its overlays in sRGB-encoded space: textures filtered, colours multiplied
    // and overlays blended on the encoded values, written to the target as they are. On a CPU
    // device this saves the sRGB conversions of every texel and pixel (about a sixth of a frame on
    // lavapipe) and looks nearly the same (docs/viewer.md); on a GPU they are free, so the default
    // draws in linear space.
    bool encodedColor = false;
};

// What one frame shows besides the room itself.
struct FrameOverlays {
    std::vector<Marker> markers;
    float fadeAlpha = 0.0f; // 0 clear .. 1 black
};

// A camera given as matrices, for views view::Camera cannot describe (a film camera's roll, a
// field of view set by a lens and a frame).
struct FrameView {
    glm::mat4 view{1.0f};       // world to view space (right-handed, -Z forward, +Y up)
    glm::mat4 projection{1.0f}; // view to Vulkan clip space, as view::Camera::projectionMatrix
    glm::vec3 eye{0.0f};        // the camera's world position, metres
};

// The matrices of `camera` for a target of `aspect` (width / height).
FrameView frameViewOf(const view::Camera& camera, float aspect);

// Owns the passes' pipelines. One per Context; must be destroyed before it.
class Renderer {
public:
    Renderer(gpu::Context& context, const RendererSettings& settings = {});

    gpu::Context& context() const { return *mContext; }
    const RendererSettings& settings() const { return mSettings; }
    uint64_t textureBudget() const { return mTextureBudget; }
    VkSampleCountFlagBits samples() const { return mSamples; }
    static constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_SRGB;
    static constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;
    // Alias format of every target's output, for overlays (the UI) that blend in sRGB space.
    static constexpr VkFormat kOverlayFormat = VK_FORMAT_R8G8B8A8_UNORM;

    // Uploads a room for drawing with this renderer.
    std::unique_ptr<GpuRoom> uploadRoom(const asset::RoomMesh& mesh) const;
    // Uploads a baked room straight from its cache, with its clusters and levels of detail, its
    // textures within textureBudget(). May run on another thread while frames are drawn.
    std::unique_ptr<GpuRoom> uploadRoom(const asset::RoomCache& cache) const;

    // A target matching this renderer's formats and sample count.
    gpu::OffscreenTarget createTarget(uint32_t width, uint32_t height) const;

    // Records one frame of `room` seen by `camera` into `target` (begin, passes, end); afterwards
    // target.output() is in TRANSFER_SRC_OPTIMAL.
    void recordFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, const GpuRoom& room,
                     const view::Camera& camera, const FrameOverlays& overlays = {}) const;
    // The same for a camera given as matrices.
    void recordFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, const GpuRoom& room,
                     const FrameView& view, const FrameOverlays& overlays = {}) const;

    // Records a frame with no room: the background colour only, for screens drawn over it (the
    // home screen). Leaves target.output() in TRANSFER_SRC_OPTIMAL like recordFrame.
    void recordEmptyFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target) const;

    // Renders one image headless: records, submits, waits and reads back (sRGB RGBA8).
    core::Image8 renderToImage(const GpuRoom& room, const view::Camera& camera, uint32_t width,
                               uint32_t height, const FrameOverlays& overlays = {}) const;

private:
    gpu::Context* mContext;
    RendererSettings mSettings;
    VkSampleCountFlagBits mSamples = VK_SAMPLE_COUNT_1_BIT;
    TextureSampling mSampling;
    uint64_t mTextureBudget = 0;
    RoomPassPipeline mRoomPass;
    OverlayPipelines mOverlays;
};

} // namespace sr::render
