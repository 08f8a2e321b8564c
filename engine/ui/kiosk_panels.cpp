#include "ui/kiosk_panels.h"

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <cstdio>

#include <imgui.h>

#include "ui/home_screen.h"
#include "ui/theme.h"

namespace sr::ui {
namespace {
constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNav;

float touchTarget() { return std::max(48.0f, 2.6f * ImGui::GetFontSize()); }

ImU32 textColor(float alpha) {
    return ImGui::GetColorU32(ImVec4(kTextColor[0], kTextColor[1], kTextColor[2], alpha));
}

// Starts a centred window of `width` x `height` pixels.
bool beginCentred(const char* id, float width, float height) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2((io.DisplaySize.x - width) * 0.5f, (io.DisplaySize.y - height) * 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    return ImGui::Begin(id, nullptr, kFlags);
}
} // namespace

void drawStillTherePrompt(double secondsLeft, float opacity) {
    if (opacity <= 0.01f) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float font = ImGui::GetFontSize();
    ImFont* title = titleFont();
    const char* question = "Are you still here?";
    char detail[96];
    std::snprintf(detail, sizeof detail, "Touch the screen to stay. The exhibit begins again in %d s.",
                  int(std::ceil(std::max(0.0, secondsLeft))));
    const ImVec2 q = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0.0f, question);
    const ImVec2 d = ImGui::CalcTextSize(detail);
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float width = std::max(q.x, d.x) + 4.0f * pad.x, height = q.y + d.y + font + 2.0f * pad.y * 2.0f;
    const ImVec2 min((io.DisplaySize.x - width) * 0.5f, (io.DisplaySize.y - height) * 0.5f);
    draw->AddRectFilled(
        min, ImVec2(min.x + width, min.y + height),
        ImGui::GetColorU32(ImVec4(kPanelColor[0], kPanelColor[1], kPanelColor[2], 0.9f * opacity)),
        ImGui::GetStyle().WindowRounding);
    float y = min.y + pad.y * 2.0f;
    draw->AddText(title, title->FontSize, ImVec2((io.DisplaySize.x - q.x) * 0.5f, y), textColor(opacity),
                  question);
    y += q.y + font;
    draw->AddText(ImVec2((io.DisplaySize.x - d.x) * 0.5f, y), textColor(0.8f * opacity), detail);
}

void drawAttractInvitation(float opacity) { drawScreenNote("Touch the screen to begin", opacity, 0.9f); }

PinPadResult drawPinPad(size_t entered, const std::string& message) {
    PinPadResult result;
    const float key = touchTarget() * 1.3f;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = 3.0f * key + 2.0f * style.ItemSpacing.x + 2.0f * style.WindowPadding.x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height =
        3.0f * line + 4.0f * (key + style.ItemSpacing.y) + touchTarget() + 2.0f * style.WindowPadding.y;
    if (beginCentred("##pin", width, height)) {
        ImGui::TextUnformatted("Service PIN");
        std::string dots(entered, '*');
        ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
        ImGui::TextDisabled("%s", message.empty() ? " " : message.c_str());
        static const char kKeys[] = "123456789";
        for (int i = 0; i < 9; ++i) {
            if (i % 3) ImGui::SameLine();
            const char label[2] = {kKeys[i], 0};
            if (ImGui::Button(label, ImVec2(key, key))) result.digit = true, result.pressed = kKeys[i];
        }
        if (ImGui::Button("Erase", ImVec2(key, key))) result.erase = true;
        ImGui::SameLine();
        if (ImGui::Button("0", ImVec2(key, key))) result.digit = true, result.pressed = '0';
        ImGui::SameLine();
        if (ImGui::Button("Enter", ImVec2(key, key))) result.enter = true;
        if (ImGui::Button("Cancel", ImVec2(-1.0f, touchTarget()))) result.cancel = true;
    }
    ImGui::End();
    return result;
}

AdminPanelResult drawAdminPanel(const std::vector<std::string>& lines) {
    AdminPanelResult result;
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::min(io.DisplaySize.x * 0.9f, 40.0f * ImGui::GetFontSize());
    const float height = float(lines.size() + 2) * ImGui::GetTextLineHeightWithSpacing() + touchTarget() +
                         2.0f * style.WindowPadding.y + style.ItemSpacing.y;
    if (beginCentred("##admin", width, std::min(height, io.DisplaySize.y * 0.9f))) {
        ImGui::PushFont(titleFont());
        ImGui::TextUnformatted("Stillroom service");
        ImGui::PopFont();
        for (const std::string& line : lines) ImGui::TextWrapped("%s", line.c_str());
        const float button = (width - 2.0f * style.WindowPadding.x - 2.0f * style.ItemSpacing.x) / 3.0f;
        if (ImGui::Button("Reload exhibit", ImVec2(button, touchTarget()))) result.reload = true;
        ImGui::SameLine();
        if (ImGui::Button("Quit", ImVec2(button, touchTarget()))) result.quit = true;
        ImGui::SameLine();
        if (ImGui::Button("Close", ImVec2(button, touchTarget()))) result.close = true;
    }
    ImGui::End();
    return result;
}

} // namespace sr::ui
