#include "ui/help_overlay.h"

#include <imgui.h>

#include "ui/theme.h"

namespace sr::ui {

void drawHelpOverlay(float opacity, std::span<const std::string> lines) {
    if (opacity <= 0.01f || lines.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float margin = io.DisplaySize.y * 0.05f;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - margin), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(kPanelColor[3] * opacity);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, opacity);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    // Never wider than most of the screen: long lines wrap instead of leaving it.
    const float maxText = io.DisplaySize.x * 0.9f - 2.0f * ImGui::GetStyle().WindowPadding.x;
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0),
                                        ImVec2(io.DisplaySize.x * 0.9f, io.DisplaySize.y * 0.5f));
    if (ImGui::Begin("##help", nullptr, flags)) {
        for (const std::string& line : lines) {
            const float width = ImGui::CalcTextSize(line.c_str()).x;
            if (width > maxText) {
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + maxText);
                ImGui::TextUnformatted(line.c_str());
                ImGui::PopTextWrapPos();
                continue;
            }
            const float avail = ImGui::GetContentRegionAvail().x;
            if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
            ImGui::TextUnformatted(line.c_str());
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

} // namespace sr::ui
