#pragma once
// Passes drawn over the room inside the same rendering scope: markers (station discs on the floor,
// hotspot glows) and the full-screen fade used for cuts and transitions.
#include <vector>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "gpu/handle.h"
#include "view/camera.h"

namespace sr::gpu {
class Context;
}

namespace sr::render {

enum class MarkerShape { FloorDisc, Glow };

struct Marker {
    glm::vec3 center{0.0f}; // metres; a FloorDisc lies in the horizontal plane through it
    float radius = 0.3f;
    MarkerShape shape = MarkerShape::FloorDisc;
    glm::vec3 color{1.0f};  // linear
    float opacity = 1.0f;   // 0 hides it
    float highlight = 0.0f; // 0..1, pointer near or gaze resting on it
};

struct OverlayPipelines {
    gpu::PipelineLayout markerLayout;
    gpu::Pipeline markerPipeline;
    gpu::PipelineLayout fadeLayout;
    gpu::Pipeline fadePipeline;
};

// `encoded`: they blend in sRGB-encoded space (RendererSettings::encodedColor), into a UNORM
// `colorFormat`; colours are still given linear.
OverlayPipelines createOverlayPipelines(gpu::Context& context, VkFormat colorFormat, VkFormat depthFormat,
                                        VkSampleCountFlagBits samples, bool encoded = false);

// Markers are depth-tested against the room (hidden behind furniture) but do not write depth.
void recordMarkerPass(VkCommandBuffer cmd, const OverlayPipelines& pipelines,
                      const std::vector<Marker>& markers, const view::Camera& camera,
                      const glm::mat4& viewProj);
// The same for a camera given by its world-space right and up directions (unit), such as a rolled
// film camera: camera-facing markers lie in the plane they span.
void recordMarkerPass(VkCommandBuffer cmd, const OverlayPipelines& pipelines,
                      const std::vector<Marker>& markers, const glm::vec3& cameraRight,
                      const glm::vec3& cameraUp, const glm::mat4& viewProj);

// Blends `color` (linear RGB) with opacity `alpha` over the whole target; nothing when alpha is 0.
void recordFadePass(VkCommandBuffer cmd, const OverlayPipelines& pipelines, float alpha,
                    glm::vec3 color = glm::vec3(0.0f));

} // namespace sr::render
