#include "render/overlay_pass.h"

#include "gpu/context.h"
#include "gpu/pipeline.h"
#include "shaders/embedded.h"
#include "shaders/shared/marker_push.h"

namespace sr::render {

OverlayPipelines createOverlayPipelines(gpu::Context& context, VkFormat colorFormat, VkFormat depthFormat,
                                        VkSampleCountFlagBits samples, bool encoded) {
    OverlayPipelines p;
    const VkShaderStageFlags stages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    VkPushConstantRange markerPush{stages, 0, sizeof(shaders::MarkerPush)};
    p.markerLayout =
        gpu::createPipelineLayout(context, {}, std::span(&markerPush, 1), "markerPipelineLayout");
    gpu::GraphicsPipelineDesc marker;
    marker.vertexSpirv = shaders::marker_vert;
    marker.fragmentSpirv = shaders::marker_frag;
    marker.layout = p.markerLayout;
    marker.colorFormat = colorFormat;
    marker.depthFormat = depthFormat;
    marker.samples = samples;
    marker.depthTest = true;
    marker.depthWrite = false;
    marker.alphaBlend = true;
    marker.specialization = {encoded ? VK_TRUE : VK_FALSE};
    p.markerPipeline = gpu::createGraphicsPipeline(context, marker, "markerPipeline");

    VkPushConstantRange fadePush{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(glm::vec4)};
    p.fadeLayout = gpu::createPipelineLayout(context, {}, std::span(&fadePush, 1), "fadePipelineLayout");
    gpu::GraphicsPipelineDesc fade;
    fade.vertexSpirv = shaders::fade_vert;
    fade.fragmentSpirv = shaders::fade_frag;
    fade.layout = p.fadeLayout;
    fade.colorFormat = colorFormat;
    fade.depthFormat = depthFormat;
    fade.samples = samples;
    fade.depthTest = false;
    fade.depthWrite = false;
    fade.alphaBlend = true;
    fade.specialization = {encoded ? VK_TRUE : VK_FALSE};
    p.fadePipeline = gpu::createGraphicsPipeline(context, fade, "fadePipeline");
    return p;
}

void recordMarkerPass(VkCommandBuffer cmd, const OverlayPipelines& pipelines,
                      const std::vector<Marker>& markers, const view::Camera& camera,
                      const glm::mat4& viewProj) {
    const glm::vec3 right = camera.right();
    recordMarkerPass(cmd, pipelines, markers, right, glm::cross(right, camera.forward()), viewProj);
}

void recordMarkerPass(VkCommandBuffer cmd, const OverlayPipelines& pipelines,
                      const std::vector<Marker>& markers, const glm::vec3& right, const glm::vec3& up,
                      const glm::mat4& viewProj) {
    bool bound = false;
    for (const Marker& m : markers) {
        if (m.opacity <= 0.0f) continue;
        if (!bound) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.markerPipeline);
            bound = true;
        }
        shaders::MarkerPush push{};
        push.viewProj = viewProj;
        // Floor discs float a centimetre above the floor so they never fight with it.
        const glm::vec3 center =
            m.shape == MarkerShape::FloorDisc ? m.center + glm::vec3(0, 0, 0.01f) : m.center;
        push.centerRadius = glm::vec4(center, m.radius);
        push.color = glm::vec4(m.color, m.opacity);
        push.cameraRight = glm::vec4(right, m.shape == MarkerShape::Glow ? 1.0f : 0.0f);
        push.cameraUp = glm::vec4(up, m.highlight);
        vkCmdPushConstants(cmd, pipelines.markerLayout,
                           VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof push, &push);
        vkCmdDraw(cmd, 6, 1, 0, 0);
    }
}

void recordFadePass(VkCommandBuffer cmd, const OverlayPipelines& pipelines, float alpha, glm::vec3 color) {
    if (alpha <= 0.0f) return;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.fadePipeline);
    const glm::vec4 push(color, std::min(alpha, 1.0f));
    vkCmdPushConstants(cmd, pipelines.fadeLayout, VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof push, &push);
    vkCmdDraw(cmd, 3, 1, 0, 0);
}

} // namespace sr::render
