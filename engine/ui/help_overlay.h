#pragma once
// The quiet help line at the bottom of the room view: shown after input, fading away.
#include <span>
#include <string>

namespace sr::ui {

// Draws `lines` centred near the bottom of the display, with `opacity` 0..1 (nothing at 0).
// Call between ImGuiLayer::beginFrame and endFrame.
void drawHelpOverlay(float opacity, std::span<const std::string> lines);

} // namespace sr::ui
