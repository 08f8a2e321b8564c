#include "ui/lightbox_panel.h"

#include <algorithm>
#include <cfloat>
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

float textWidth(const char* text) {
    ImFont* font = bodyFont();
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text).x;
}

float buttonWidth(const char* label) { return textWidth(label) + 2.0f * ImGui::GetStyle().FramePadding.x; }

void centredText(const std::string& text, float width) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(std::max(0.0f, (width - w) * 0.5f));
    ImGui::TextUnformatted(text.c_str());
}
} // namespace

namespace {
constexpr float kControlsInset = 16.0f; // from the screen's corner

struct CaptionBox {
    float width = 0.0f, height = 0.0f;
};

// The caption panel's size; the same numbers whether drawing or measuring.
CaptionBox captionBox(const LightboxPanel& panel, float displayWidth) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImFont* body = bodyFont();
    const float fontSize = body->FontSize;
    CaptionBox box;
    box.width = std::min(displayWidth * 0.8f, 60.0f * fontSize);
    const std::string& text = panel.problem.empty() ? panel.caption : panel.problem;
    const float wrapWidth = box.width - 2.0f * style.WindowPadding.x;
    const float titleHeight = titleFont()->FontSize;
    const float bodyHeight = body->CalcTextSizeA(fontSize, FLT_MAX, wrapWidth, text.c_str()).y;
    box.height = 2.0f * style.WindowPadding.y + titleHeight + 2.0f * style.ItemSpacing.y + bodyHeight;
    return box;
}
} // namespace

glm::vec2 lightboxControlsSize(const LightboxPanel& panel) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float target = std::max(48.0f, 2.6f * bodyFont()->FontSize);
    char counter[32];
    std::snprintf(counter, sizeof counter, "%zu / %zu", panel.index + 1, panel.count);
    float rowWidth = buttonWidth("Close");
    if (panel.count > 1) {
        rowWidth +=
            buttonWidth("Previous") + textWidth(counter) + buttonWidth("Next") + 3.0f * style.ItemSpacing.x;
    }
    return {rowWidth + 2.0f * style.WindowPadding.x + kControlsInset,
            target + 2.0f * style.WindowPadding.y + kControlsInset};
}

float measureLightboxCaption(const LightboxPanel& panel, float displayWidth) {
    return captionBox(panel, displayWidth).height;
}

LightboxActions drawLightboxPanel(const LightboxPanel& panel) {
    LightboxActions actions;
    if (panel.opacity <= 0.01f) return actions;
    const ImGuiIO& io = ImGui::GetIO();
    const CaptionBox box = captionBox(panel, io.DisplaySize.x);
    const float width = box.width;
    const float top = std::max(io.DisplaySize.y * panel.captionTop, panel.photoRect.w + ImGui::GetFontSize());
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, panel.opacity);

    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string& body = panel.problem.empty() ? panel.caption : panel.problem;
    const float height = box.height;
    const ImVec2 captionPos((io.DisplaySize.x - width) * 0.5f,
                            std::min(top, io.DisplaySize.y - height - ImGui::GetFontSize()));
    ImGui::SetNextWindowPos(captionPos);
    ImGui::SetNextWindowSize(ImVec2(width, height));
    actions.captionRect = {captionPos.x, captionPos.y, captionPos.x + width, captionPos.y + height};
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
    const glm::vec2 controls = lightboxControlsSize(panel);
    const ImVec2 rowSize(controls.x - kControlsInset, controls.y - kControlsInset);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kControlsInset, kControlsInset), ImGuiCond_Always,
                            ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(rowSize);
    actions.controlsRect = {io.DisplaySize.x - kControlsInset - rowSize.x, kControlsInset,
                            io.DisplaySize.x - kControlsInset, kControlsInset + rowSize.y};
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
