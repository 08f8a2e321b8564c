#pragma once
// One quiet look for every screen: dark translucent panels, soft light text in Inter.

struct ImFont;

namespace sr::ui {

// Sets ImGui's style and loads the fonts, both scaled by `scale` (1 = 100%).
void applyTheme(float scale);
// The larger face for titles (the default font is the body text).
ImFont* titleFont();
// The body text's face; usable outside a frame, unlike ImGui::GetFont().
ImFont* bodyFont();
// The largest face, for an exhibit's title on its home screen.
ImFont* displayFont();
// The body text's size in pixels at UI scale `scale`; usable without an ImGui context.
float bodyFontPixels(float scale);

// Text colour on panels: off-white on near-black gives a contrast ratio above 7:1.
inline constexpr float kTextColor[4] = {0.93f, 0.92f, 0.89f, 1.0f};
inline constexpr float kPanelColor[4] = {0.05f, 0.05f, 0.055f, 0.78f};

} // namespace sr::ui
