#include "ui/help_overlay.h"

#include <algorithm>
#include <vector>

#include <imgui.h>

#include "ui/theme.h"

namespace sr::ui {

// Drawn straight into the foreground draw list rather than as an ImGui window: a window keeps state
// across frames (its first frame is sized but not shown), while this depends only on its inputs, so
// every frame with the same opacity looks the same in a window, a replay or a test.
void drawHelpOverlay(float opacity, std::span<const std::string> lines) {
    if (opacity <= 0.01f || lines.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImFont* font = ImGui::GetFont();
    const float fontSize = ImGui::GetFontSize();
    const ImVec2 padding = style.WindowPadding;
    const float maxText = io.DisplaySize.x * 0.9f - 2.0f * padding.x;

    std::vector<ImVec2> sizes;
    float width = 0.0f, height = 0.0f;
    for (const std::string& line : lines) {
        const ImVec2 size = font->CalcTextSizeA(fontSize, maxText, maxText, line.c_str());
        sizes.push_back(size);
        width = std::max(width, size.x);
        height += size.y;
    }
    height += style.ItemSpacing.y * float(lines.size() - 1);
    const float margin = io.DisplaySize.y * 0.05f;
    const ImVec2 max(io.DisplaySize.x * 0.5f + width * 0.5f + padding.x, io.DisplaySize.y - margin);
    const ImVec2 min(max.x - width - 2.0f * padding.x, max.y - height - 2.0f * padding.y);

    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRectFilled(
        min, max,
        ImGui::GetColorU32(ImVec4(kPanelColor[0], kPanelColor[1], kPanelColor[2], kPanelColor[3] * opacity)),
        style.WindowRounding);
    const ImU32 text = ImGui::GetColorU32(ImVec4(kTextColor[0], kTextColor[1], kTextColor[2], opacity));
    float y = min.y + padding.y;
    for (size_t i = 0; i < lines.size(); ++i) {
        const float x = io.DisplaySize.x * 0.5f - sizes[i].x * 0.5f;
        draw->AddText(font, fontSize, ImVec2(x, y), text, lines[i].c_str(), nullptr, maxText);
        y += sizes[i].y + style.ItemSpacing.y;
    }
}

} // namespace sr::ui
