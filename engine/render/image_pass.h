#pragma once
// Images drawn flat on the screen over a finished frame: the photographs of the lightbox, the
// thumbnails of the home screen. Drawn at the output's resolution, after the multisampled room.
#include <cstdint>
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

// One quad: `texture` (or a plain colour when null) into `rect` (pixels: x0, y0, x1, y1, y down),
// showing `uvRect` of the texture.
struct ScreenImage {
    const ScreenTexture* texture = nullptr;
    glm::vec4 rect{0.0f};
    glm::vec4 uvRect{0.0f, 0.0f, 1.0f, 1.0f};
    glm::vec4 color{1.0f}; // linear tint; alpha is the opacity
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
    ScreenTexture mWhite; // for plain-colour quads
};

} // namespace sr::render
