#include "ui/theme.h"

#include <filesystem>

#include <imgui.h>

#include "core/log.h"

namespace sr::ui {
namespace {
constexpr const char* kFontPaths[] = {
    "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};
// Latin with the accents of European names, typographic dashes, quotes and ellipsis, single
// guillemets and arrows: what captions and controls use, and small enough for a 4K atlas.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x2039, 0x203A, 0x2190, 0x2193, 0};
constexpr float kBaseFontPixels = 18.0f;
constexpr float kTitleFontPixels = 26.0f;
constexpr float kDisplayFontPixels = 44.0f;
ImFont* gTitleFont = nullptr;
ImFont* gDisplayFont = nullptr;
} // namespace

ImFont* titleFont() { return gTitleFont ? gTitleFont : ImGui::GetFont(); }
ImFont* bodyFont() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.empty() ? nullptr : atlas->Fonts[0];
}
ImFont* displayFont() { return gDisplayFont ? gDisplayFont : titleFont(); }
float bodyFontPixels(float scale) { return kBaseFontPixels * scale; }

void applyTheme(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    bool loaded = false;
    for (const char* path : kFontPaths) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) continue;
        ImFontConfig config;
        config.OversampleH = 2;
        config.OversampleV = 2;
        config.GlyphRanges = kGlyphRanges;
        if (io.Fonts->AddFontFromFileTTF(path, kBaseFontPixels * scale, &config)) {
            gTitleFont = io.Fonts->AddFontFromFileTTF(path, kTitleFontPixels * scale, &config);
            // Large glyphs gain nothing from oversampling and would make the atlas huge at 4K.
            ImFontConfig large = config;
            large.OversampleH = large.OversampleV = 1;
            gDisplayFont = io.Fonts->AddFontFromFileTTF(path, kDisplayFontPixels * scale, &large);
            loaded = true;
            break;
        }
    }
    if (!loaded) {
        core::logWarning("no UI typeface found (install fonts-inter); using ImGui's built-in font");
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&config);
        gTitleFont = nullptr;
        gDisplayFont = nullptr;
    }

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowRounding = 10.0f;
    style.FrameRounding = 6.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 0.0f;
    style.WindowPadding = ImVec2(18.0f, 14.0f);
    style.ItemSpacing = ImVec2(10.0f, 8.0f);
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(kTextColor[0], kTextColor[1], kTextColor[2], kTextColor[3]);
    c[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.61f, 0.58f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(kPanelColor[0], kPanelColor[1], kPanelColor[2], kPanelColor[3]);
    c[ImGuiCol_PopupBg] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_Button] = ImVec4(1.0f, 1.0f, 1.0f, 0.08f);
    c[ImGuiCol_ButtonHovered] = ImVec4(1.0f, 1.0f, 1.0f, 0.16f);
    c[ImGuiCol_ButtonActive] = ImVec4(1.0f, 1.0f, 1.0f, 0.24f);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.06f);
    c[ImGuiCol_Separator] = ImVec4(1.0f, 1.0f, 1.0f, 0.12f);
    style.ScaleAllSizes(scale);
}

} // namespace sr::ui
