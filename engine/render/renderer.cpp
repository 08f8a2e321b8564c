#include "render/renderer.h"

#include "gpu/context.h"

namespace sr::render {
namespace {
VkSampleCountFlagBits chooseSamples(const gpu::Context& context, uint32_t maxSamples) {
    uint32_t samples = std::min<uint32_t>(maxSamples, context.caps().maxColorDepthSamples);
    if (samples >= 8) return VK_SAMPLE_COUNT_8_BIT;
    if (samples >= 4) return VK_SAMPLE_COUNT_4_BIT;
    if (samples >= 2) return VK_SAMPLE_COUNT_2_BIT;
    return VK_SAMPLE_COUNT_1_BIT;
}
// The format the passes render into: the targets' colour format, or its UNORM alias when drawing
// in encoded space.
VkFormat attachmentFormat(const RendererSettings& settings) {
    return settings.encodedColor ? Renderer::kOverlayFormat : Renderer::kColorFormat;
}
} // namespace

Renderer::Renderer(gpu::Context& context, const RendererSettings& settings)
    : mContext(&context), mSettings(settings), mSamples(chooseSamples(context, settings.maxSamples)),
      mRoomPass(createRoomPassPipeline(context, attachmentFormat(settings), kDepthFormat, mSamples,
                                       settings.encodedColor)),
      mOverlays(createOverlayPipelines(context, attachmentFormat(settings), kDepthFormat, mSamples,
                                       settings.encodedColor)) {
    mSampling.maxAnisotropy = settings.maxAnisotropy > 0.0f                        ? settings.maxAnisotropy
                              : context.caps().type == VK_PHYSICAL_DEVICE_TYPE_CPU ? 1.0f
                                                                                   : 8.0f;
    mSampling.encoded = settings.encodedColor;
    mTextureBudget =
        settings.textureBudget > 0 ? settings.textureBudget : context.caps().deviceLocalBytes / 2;
    if (mTextureBudget == 0) mTextureBudget = ~uint64_t(0);
}

std::unique_ptr<GpuRoom> Renderer::uploadRoom(const asset::RoomMesh& mesh) const {
    return std::make_unique<GpuRoom>(*mContext, mesh, mRoomPass.textureSetLayout, mSampling);
}

std::unique_ptr<GpuRoom> Renderer::uploadRoom(const asset::RoomCache& cache) const {
    return std::make_unique<GpuRoom>(*mContext, cache, mRoomPass.textureSetLayout, mSampling, mTextureBudget);
}

gpu::OffscreenTarget Renderer::createTarget(uint32_t width, uint32_t height) const {
    gpu::OffscreenTargetDesc desc;
    desc.width = width;
    desc.height = height;
    desc.samples = mSamples;
    desc.colorFormat = kColorFormat;
    desc.depthFormat = kDepthFormat;
    desc.overlayFormat = kOverlayFormat;
    desc.renderEncoded = mSettings.encodedColor;
    return gpu::OffscreenTarget(*mContext, desc, "frameTarget");
}

FrameView frameViewOf(const view::Camera& camera, float aspect) {
    return {camera.viewMatrix(), camera.projectionMatrix(aspect), camera.position};
}

void Renderer::recordFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, const GpuRoom& room,
                           const view::Camera& camera, const FrameOverlays& overlays) const {
    const float aspect = float(target.desc().width) / float(target.desc().height);
    recordFrame(cmd, target, room, frameViewOf(camera, aspect), overlays);
}

void Renderer::recordFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, const GpuRoom& room,
                           const FrameView& view, const FrameOverlays& overlays) const {
    const glm::mat4 viewProj = view.projection * view.view;
    // The rows of the view matrix's rotation are the camera's axes in world space.
    const glm::vec3 right(view.view[0][0], view.view[1][0], view.view[2][0]);
    const glm::vec3 up(view.view[0][1], view.view[1][1], view.view[2][1]);
    target.beginRendering(cmd, mSettings.background);
    recordRoomPass(cmd, mRoomPass, room, viewProj, view.eye);
    recordMarkerPass(cmd, mOverlays, overlays.markers, right, up, viewProj);
    recordFadePass(cmd, mOverlays, overlays.fadeAlpha);
    target.endRendering(cmd);
}

void Renderer::recordEmptyFrame(VkCommandBuffer cmd, const gpu::OffscreenTarget& target) const {
    target.beginRendering(cmd, mSettings.background);
    target.endRendering(cmd);
}

core::Image8 Renderer::renderToImage(const GpuRoom& room, const view::Camera& camera, uint32_t width,
                                     uint32_t height, const FrameOverlays& overlays) const {
    gpu::OffscreenTarget target = createTarget(width, height);
    mContext->submitAndWait([&](VkCommandBuffer cmd) { recordFrame(cmd, target, room, camera, overlays); });
    return target.readback(*mContext);
}

} // namespace sr::render
