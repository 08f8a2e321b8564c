#pragma once
// The words beside a photograph: its title and caption, which photo of how many, and quiet controls.
#include <cstddef>
#include <string>

#include <glm/glm.hpp>

namespace sr::ui {

struct LightboxPanel {
    std::string title;
    std::string caption;
    std::string problem; // non-empty when the photo could not be shown
    size_t index = 0;    // shown as index + 1
    size_t count = 0;
    bool loading = false;
    float opacity = 1.0f;
    glm::vec4 photoRect{0.0f}; // screen pixels of the photo (x0, y0, x1, y1), or zero while none
    float captionTop = 0.8f;   // fraction of the screen height where the caption area starts
};

struct LightboxActions {
    bool close = false;
    bool previous = false;
    bool next = false;
    glm::vec4 captionRect{0.0f};  // where the title and caption were drawn (pixels, x0 y0 x1 y1)
    glm::vec4 controlsRect{0.0f}; // where the controls were drawn
};

// The height in pixels the caption panel of `panel` takes on a display `displayWidth` pixels wide,
// with the UI's current fonts; usable outside a frame (to lay out the photo above it).
float measureLightboxCaption(const LightboxPanel& panel, float displayWidth);

// The size in pixels of the corner the controls take, from the screen's top-right corner; usable
// outside a frame.
glm::vec2 lightboxControlsSize(const LightboxPanel& panel);

// Draws the panel (between ImGuiLayer::beginFrame and endFrame) and returns what was pressed.
LightboxActions drawLightboxPanel(const LightboxPanel& panel);

} // namespace sr::ui
