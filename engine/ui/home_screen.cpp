#include "ui/home_screen.h"

#include <algorithm>
#include <cstring>

#include <imgui.h>

#include "ui/theme.h"

namespace sr::ui {
namespace {
ImU32 textColor(float alpha) {
    return ImGui::GetColorU32(ImVec4(kTextColor[0], kTextColor[1], kTextColor[2], alpha));
}

constexpr float kLineSpacing = 1.25f; // roomier than ImGui's default, for reading

// The lines `text` takes wrapped to `width` in `font` at `size` pixels, as wrappedText breaks them.
int countLines(ImFont* font, float size, float width, const std::string& text) {
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    const float scale = size / font->FontSize;
    int lines = 0;
    while (begin < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(scale, begin, end, width);
        if (lineEnd == begin) ++lineEnd;
        const char* newline = static_cast<const char*>(memchr(begin, '\n', size_t(lineEnd - begin)));
        if (newline) lineEnd = newline;
        ++lines;
        begin = lineEnd;
        while (begin < end && (*begin == ' ' || *begin == '\n')) ++begin;
    }
    return lines;
}

// The width of the introduction's column: a readable measure.
float introWidth(float width) { return std::min(width, 38.0f * bodyFont()->FontSize); }

// Draws `text` wrapped to `width` from `at`, never below `bottom` (whole lines only); returns the
// height used.
float wrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 at, float width, float bottom,
                  ImU32 color, const std::string& text) {
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    const float scale = size / font->FontSize;
    const float lineHeight = size * kLineSpacing;
    float y = at.y;
    while (begin < end && y + lineHeight <= bottom + 0.5f) {
        const char* lineEnd = font->CalcWordWrapPositionA(scale, begin, end, width);
        if (lineEnd == begin) ++lineEnd; // a word wider than the line: break inside it
        const char* newline = static_cast<const char*>(memchr(begin, '\n', size_t(lineEnd - begin)));
        if (newline) lineEnd = newline;
        draw->AddText(font, size, ImVec2(at.x, y), color, begin, lineEnd);
        y += lineHeight;
        begin = lineEnd;
        while (begin < end && (*begin == ' ' || *begin == '\n')) ++begin;
    }
    return y - at.y;
}
} // namespace

float measureHomeTitle(const std::string& title, const std::string& intro, float width) {
    ImFont* display = displayFont();
    ImFont* body = bodyFont();
    return float(countLines(display, display->FontSize, width, title)) * display->FontSize * kLineSpacing +
           body->FontSize * 0.8f +
           float(countLines(body, body->FontSize, introWidth(width), intro)) * body->FontSize * kLineSpacing;
}

void drawHomeScreen(const HomeScreenView& view) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float body = ImGui::GetFontSize();
    ImFont* display = displayFont();
    ImFont* title = titleFont();

    // Title and introduction, left-aligned in a readable measure.
    const glm::vec4 block = view.titleBlock;
    // The layout made room for all of it; only the screen's edge bounds it.
    const float bottom = ImGui::GetIO().DisplaySize.y;
    float y = block.y;
    y += wrappedText(draw, display, display->FontSize, ImVec2(block.x, y), block.z - block.x, bottom,
                     textColor(1.0f), view.title);
    y += body * 0.8f;
    wrappedText(draw, ImGui::GetFont(), body, ImVec2(block.x, y), introWidth(block.z - block.x), bottom,
                textColor(0.78f), view.intro);

    const float rounding = std::max(2.0f, body * 0.25f);
    for (const HomeCardView& card : view.cards) {
        const ImVec2 min(card.imageRect.x, card.imageRect.y), max(card.imageRect.z, card.imageRect.w);
        if (!card.hasPicture) {
            // The picture is still being made: the card's shape, quietly.
            draw->AddRect(min, max, textColor(0.18f), 0.0f, 0, 1.0f);
        }
        if (card.focused) {
            const float pad = std::max(3.0f, body * 0.25f);
            draw->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad), textColor(0.9f),
                          rounding, 0, std::max(2.0f, body * 0.12f));
        }
        const float alpha = card.hovered || card.focused ? 1.0f : 0.85f;
        const float textTop = card.textRect.y + body * 0.6f;
        const float width = card.textRect.z - card.textRect.x;
        const float used = wrappedText(draw, title, title->FontSize, ImVec2(card.textRect.x, textTop), width,
                                       textTop + title->FontSize * 1.25f, textColor(alpha), card.title);
        wrappedText(draw, ImGui::GetFont(), body, ImVec2(card.textRect.x, textTop + used + body * 0.15f),
                    width, card.textRect.w, textColor(0.7f * alpha), card.subtitle);
    }
}

bool drawHomeControl(float opacity) {
    if (opacity <= 0.01f) return false;
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNav |
                                        ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBackground;
    const char* label = "\xe2\x80\xb9  Rooms";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float target = std::max(48.0f, 2.6f * ImGui::GetFontSize());
    const ImVec2 button(ImGui::CalcTextSize(label).x + 2.0f * style.FramePadding.x + ImGui::GetFontSize(),
                        target);
    ImGui::SetNextWindowPos(ImVec2(16.0f, 16.0f));
    ImGui::SetNextWindowSize(
        ImVec2(button.x + 2.0f * style.WindowPadding.x, button.y + 2.0f * style.WindowPadding.y));
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, opacity);
    bool pressed = false;
    if (ImGui::Begin("##home", nullptr, kFlags)) pressed = ImGui::Button(label, button);
    ImGui::End();
    ImGui::PopStyleVar();
    return pressed;
}

void drawRoomTitle(const std::string& title, const std::string& subtitle, float opacity) {
    if (opacity <= 0.01f) return;
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float body = ImGui::GetFontSize();
    ImFont* font = titleFont();
    // Under the home control in the top-left corner, like a label on the wall beside a door.
    const float left = 16.0f + style.WindowPadding.x;
    const float top = 16.0f + std::max(48.0f, 2.6f * body) + 2.0f * style.WindowPadding.y + body;
    const float width = std::min(io.DisplaySize.x - 2.0f * left, 30.0f * body);
    const float titleHeight = font->FontSize * 1.25f;
    const float bottom = top + titleHeight + (subtitle.empty() ? 0.0f : body * 1.25f * 2.0f);
    // A soft dark panel behind the words keeps them legible over any part of a room.
    float textWidth = std::min(width, font->CalcTextSizeA(font->FontSize, width, width, title.c_str()).x);
    textWidth =
        std::max(textWidth, std::min(width, ImGui::CalcTextSize(subtitle.c_str(), nullptr, false, width).x));
    const ImVec2 padding = style.WindowPadding;
    draw->AddRectFilled(
        ImVec2(left - padding.x, top - padding.y),
        ImVec2(left + textWidth + padding.x, bottom + padding.y * 0.5f),
        ImGui::GetColorU32(ImVec4(kPanelColor[0], kPanelColor[1], kPanelColor[2], kPanelColor[3] * opacity)),
        style.WindowRounding);
    const float used = wrappedText(draw, font, font->FontSize, ImVec2(left, top), width, top + titleHeight,
                                   textColor(opacity), title);
    wrappedText(draw, ImGui::GetFont(), body, ImVec2(left, top + used), width, bottom,
                textColor(0.78f * opacity), subtitle);
}

void drawScreenNote(const std::string& text, float opacity, float yFraction) {
    if (opacity <= 0.01f || text.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float width = std::min(io.DisplaySize.x * 0.8f, 40.0f * ImGui::GetFontSize());
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
    wrappedText(ImGui::GetForegroundDrawList(), ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2((io.DisplaySize.x - size.x) * 0.5f, io.DisplaySize.y * yFraction), width,
                io.DisplaySize.y, textColor(0.8f * opacity), text);
}

void drawPhotoCaption(const std::string& title, const std::string& caption, float opacity) {
    if (opacity <= 0.01f || (title.empty() && caption.empty())) return;
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    ImFont* font = titleFont();
    const float body = ImGui::GetFontSize();
    const float width = std::min(io.DisplaySize.x * 0.8f, 36.0f * body);
    const ImVec2 titleSize =
        title.empty() ? ImVec2(0, 0) : font->CalcTextSizeA(font->FontSize, width, width, title.c_str());
    const ImVec2 captionSize =
        caption.empty() ? ImVec2(0, 0) : ImGui::CalcTextSize(caption.c_str(), nullptr, false, width);
    const float gap = title.empty() || caption.empty() ? 0.0f : body * 0.35f;
    const float textWidth = std::max(titleSize.x, captionSize.x);
    const float height = titleSize.y + gap + captionSize.y;
    const float left = (io.DisplaySize.x - textWidth) * 0.5f;
    const float top = io.DisplaySize.y - height - 2.5f * body;
    const ImVec2 padding = style.WindowPadding;
    draw->AddRectFilled(
        ImVec2(left - padding.x, top - padding.y),
        ImVec2(left + textWidth + padding.x, top + height + padding.y),
        ImGui::GetColorU32(ImVec4(kPanelColor[0], kPanelColor[1], kPanelColor[2], kPanelColor[3] * opacity)),
        style.WindowRounding);
    float y = top;
    if (!title.empty()) {
        y += wrappedText(draw, font, font->FontSize, ImVec2((io.DisplaySize.x - titleSize.x) * 0.5f, y),
                         width, io.DisplaySize.y, textColor(opacity), title);
        y += gap;
    }
    if (!caption.empty()) {
        wrappedText(draw, ImGui::GetFont(), body, ImVec2((io.DisplaySize.x - captionSize.x) * 0.5f, y), width,
                    io.DisplaySize.y, textColor(0.8f * opacity), caption);
    }
}

void drawFadeCover(float alpha) {
    if (alpha <= 0.0f) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::GetForegroundDrawList()->AddRectFilled(
        ImVec2(0, 0), io.DisplaySize, ImGui::GetColorU32(ImVec4(0.0f, 0.0f, 0.0f, std::min(alpha, 1.0f))));
}

} // namespace sr::ui
