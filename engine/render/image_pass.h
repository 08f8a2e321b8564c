#pragma once
// Images drawn flat on the screen over a finished frame: the photographs of the lightbox, the
// thumbnails of the home screen. Drawn at the output's resolution, after the multisampled room.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "core/image.h"
#include "gpu/handle.h"
#include "gpu/image.h"

namespace sr::gpu {
class Context;
class OffscreenTarget;
} // namespace sr::gpu

namespace sr::render {

class ImagePass;

// One image on the GPU, with a full mip chain, ready to be drawn by an ImagePass. Move-only.
class ScreenTexture {
public:
    ScreenTexture() = default;
    ScreenTexture(ScreenTexture&& other) noexcept
        : mImage(std::move(other.mImage)), mSet(std::exchange(other.mSet, VK_NULL_HANDLE)) {}
    ScreenTexture& operator=(ScreenTexture&& other) noexcept {
        mImage = std::move(other.mImage);
        mSet = std::exchange(other.mSet, VK_NULL_HANDLE);
        return *this;
    }
    uint32_t width() const { return mImage.desc().width; }
    uint32_t height() const { return mImage.desc().height; }
    VkDescriptorSet descriptorSet() const { return mSet; }
    explicit operator bool() const { return bool(mImage); }

private:
    friend class ImagePass;
    gpu::Image mImage;
    VkDescriptorSet mSet = VK_NULL_HANDLE; // freed with the pass's pool
};

// A photograph drawn where the camera that took it saw things: every pixel of the output looks up
// the photo through `screenToRay` and the photo's lens (shaders/photo_warp.frag). Made by
// app::photoWarpFor.
struct PhotoWarp {
    // Takes (x, y, 1), x and y in pixels of the output (pixel centres at +0.5), to a ray in the
    // photo camera's frame (+X right, +Y down, +Z forward).
    glm::mat3 screenToRay{1.0f};
    glm::vec4 focal{0.0f}; // fx, fy, cx, cy in pixels of the photo as stored
    glm::vec2 size{1.0f};  // the stored photo's width and height, pixels
    int model = 0;         // 0 pinhole, 1 Brown (k1..k4, p1, p2), 2 fisheye (k1..k4)
    glm::vec4 k{0.0f};     // k1..k4
    glm::vec2 p{0.0f};     // p1, p2
    float feather = 0.01f; // soft edge, as a fraction of the photo's shorter side
    int orientation = 1;   // EXIF orientation of the texture (stored -> displayed), 1..8
};

// One quad: `texture` (or a plain colour when null) into `rect` (pixels: x0, y0, x1, y1, y down),
// showing `uvRect` of the texture. With `warp`, the texture (required) covers the whole output
// as the warp places it instead, and `rect` and `uvRect` are not used.
struct ScreenImage {
    const ScreenTexture* texture = nullptr;
    glm::vec4 rect{0.0f};
    glm::vec4 uvRect{0.0f, 0.0f, 1.0f, 1.0f};
    glm::vec4 color{1.0f}; // linear tint; alpha is the opacity
    std::optional<PhotoWarp> warp;
};

class ImagePass {
public:
    // `maxTextures` bounds how many ScreenTextures may live at once.
    ImagePass(gpu::Context& context, VkFormat outputFormat, uint32_t maxTextures = 256);
    ~ImagePass();
    ImagePass(const ImagePass&) = delete;
    ImagePass& operator=(const ImagePass&) = delete;

    // Uploads an sRGB RGBA8 image (and builds its mips on the CPU); waits.
    ScreenTexture createTexture(const core::Image8& image, const char* debugName);
    // Returns a texture's descriptor set to the pool; call when the GPU no longer uses it.
    void destroyTexture(ScreenTexture& texture);

    // Draws `images` in order over `target`'s output (TRANSFER_SRC before and after).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target,
                const std::vector<ScreenImage>& images) const;

private:
    gpu::Context& mContext;
    gpu::DescriptorSetLayout mSetLayout;
    gpu::DescriptorPool mPool;
    gpu::Sampler mSampler;
    gpu::PipelineLayout mLayout;
    gpu::Pipeline mPipeline;
    gpu::PipelineLayout mWarpLayout;
    gpu::Pipeline mWarpPipeline;
    ScreenTexture mWhite; // for plain-colour quads
};

} // namespace sr::render
