#include "ui/lightbox_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/theme.h"

namespace sr::ui {
namespace {
// Windows get explicit sizes: an auto-sized ImGui window stays hidden on its first frame, and the
// caption should arrive with the photograph.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNav |
                                         ImGuiWindowFlags_NoFocusOnAppearing;

float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

void centredText(const std::string& text, float width) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(std::max(0.0f, (width - w) * 0.5f));
    ImGui::TextUnformatted(text.c_str());
}
} // namespace

LightboxActions drawLightboxPanel(const LightboxPanel& panel) {
    LightboxActions actions;
    if (panel.opacity <= 0.01f) return actions;
    const ImGuiIO& io = ImGui::GetIO();
    const float width = std::min(io.DisplaySize.x * 0.8f, 60.0f * ImGui::GetFontSize());
    const float top = std::max(io.DisplaySize.y * panel.captionTop, panel.photoRect.w + ImGui::GetFontSize());
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, panel.opacity);

    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string& body = panel.problem.empty() ? panel.caption : panel.problem;
    const float textWidth = width - 2.0f * style.WindowPadding.x;
    ImGui::PushFont(titleFont());
    const float titleHeight = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const float bodyHeight = ImGui::CalcTextSize(body.c_str(), nullptr, false, textWidth).y;
    const float height = 2.0f * style.WindowPadding.y + titleHeight + 2.0f * style.ItemSpacing.y + bodyHeight;
    ImGui::SetNextWindowPos(ImVec2((io.DisplaySize.x - width) * 0.5f,
                                   std::min(top, io.DisplaySize.y - height - ImGui::GetFontSize())));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    if (ImGui::Begin("##caption", nullptr, kPanelFlags)) {
        ImGui::PushFont(titleFont());
        centredText(panel.title, width);
        ImGui::PopFont();
        ImGui::Spacing();
        ImGui::PushTextWrapPos(width - style.WindowPadding.x);
        ImGui::TextUnformatted(body.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::End();

    // Controls: a small, quiet row in the top-right corner, large enough to touch.
    const float target = std::max(48.0f, 2.6f * ImGui::GetFontSize());
    char counter[32];
    std::snprintf(counter, sizeof counter, "%zu / %zu", panel.index + 1, panel.count);
    float rowWidth = buttonWidth("Close");
    if (panel.count > 1) {
        rowWidth += buttonWidth("Previous") + ImGui::CalcTextSize(counter).x + buttonWidth("Next") +
                    3.0f * style.ItemSpacing.x;
    }
    const ImVec2 rowSize(rowWidth + 2.0f * style.WindowPadding.x, target + 2.0f * style.WindowPadding.y);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 16.0f, 16.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(rowSize);
    if (ImGui::Begin("##controls", nullptr, kPanelFlags)) {
        if (panel.count > 1) {
            const float rowY = ImGui::GetCursorPosY();
            actions.previous = ImGui::Button("Previous", ImVec2(0, target));
            ImGui::SameLine();
            ImGui::SetCursorPosY(rowY + (target - ImGui::GetTextLineHeight()) * 0.5f);
            ImGui::TextUnformatted(counter);
            ImGui::SameLine();
            ImGui::SetCursorPosY(rowY);
            actions.next = ImGui::Button("Next", ImVec2(0, target));
            ImGui::SameLine();
            ImGui::SetCursorPosY(rowY);
        }
        actions.close = ImGui::Button("Close", ImVec2(0, target));
    }
    ImGui::End();
    if (panel.loading && panel.problem.empty() && panel.photoRect == glm::vec4(0.0f)) {
        const char* text = "Opening the photograph\xe2\x80\xa6";
        const ImVec2 size = ImGui::CalcTextSize(text);
        ImGui::GetForegroundDrawList()->AddText(
            ImVec2((io.DisplaySize.x - size.x) * 0.5f, io.DisplaySize.y * 0.4f),
            ImGui::GetColorU32(ImVec4(kTextColor[0], kTextColor[1], kTextColor[2], 0.7f * panel.opacity)),
            text);
    }
    ImGui::PopStyleVar();
    return actions;
}

} // namespace sr::ui
