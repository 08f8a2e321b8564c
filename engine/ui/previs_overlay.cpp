#include "ui/previs_overlay.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/theme.h"

namespace sr::ui {
namespace {
ImU32 rgba(float r, float g, float b, float a) { return ImGui::GetColorU32(ImVec4(r, g, b, a)); }

// Crisp one-pixel lines: coordinates on pixel centres.
float px(float v) { return std::floor(v) + 0.5f; }

void outline(ImDrawList* draw, const glm::vec4& r, ImU32 color, float thickness = 1.0f) {
    draw->AddRect(ImVec2(px(r.x), px(r.y)), ImVec2(px(r.z - 1.0f), px(r.w - 1.0f)), color, 0.0f, 0,
                  thickness);
}

void line(ImDrawList* draw, const glm::vec4& l, ImU32 color, float thickness = 1.0f) {
    draw->AddLine(ImVec2(px(l.x), px(l.y)), ImVec2(px(l.z), px(l.w)), color, thickness);
}

// Text on a small dark plate, for labels that must read over any part of a room.
void plateText(ImDrawList* draw, ImVec2 at, const std::string& text, ImU32 color) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float pad = std::round(ImGui::GetFontSize() * 0.25f);
    draw->AddRectFilled(ImVec2(at.x - pad, at.y - pad * 0.5f),
                        ImVec2(at.x + size.x + pad, at.y + size.y + pad * 0.5f),
                        rgba(0.0f, 0.0f, 0.0f, 0.55f), pad);
    draw->AddText(at, color, text.c_str());
}
} // namespace

void drawFrameGuides(const FrameGuidesView& view) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    for (const glm::vec4& m : view.masks)
        draw->AddRectFilled(ImVec2(m.x, m.y), ImVec2(m.z, m.w), rgba(0.0f, 0.0f, 0.0f, view.maskOpacity));
    const ImU32 guide = rgba(1.0f, 1.0f, 1.0f, 0.55f);
    const ImU32 quiet = rgba(1.0f, 1.0f, 1.0f, 0.32f);
    const ImU32 frame = rgba(1.0f, 0.78f, 0.35f, 0.9f);
    outline(draw, view.picture, rgba(1.0f, 1.0f, 1.0f, 0.8f));
    const float inset = std::round(ImGui::GetFontSize() * 0.3f);
    for (size_t i = 0; i < view.frameLines.size(); ++i) {
        // Labels step down a line each: frame lines of close aspects share a corner.
        const LabelledRect& r = view.frameLines[i];
        outline(draw, r.rect, frame);
        const float y = r.rect.y + inset * 0.5f + float(i) * ImGui::GetFontSize();
        draw->AddText(ImVec2(r.rect.x + inset, y), frame, r.label.c_str());
    }
    if (view.actionSafe) outline(draw, *view.actionSafe, guide);
    if (view.titleSafe) outline(draw, *view.titleSafe, quiet);
    for (const glm::vec4& l : view.thirds) line(draw, l, quiet);
    for (const glm::vec4& l : view.centre) line(draw, l, guide);
    if (view.horizon) {
        const ImU32 color = view.level ? rgba(0.45f, 0.95f, 0.55f, 0.9f) : rgba(0.35f, 0.85f, 1.0f, 0.85f);
        line(draw, *view.horizon, color, view.level ? 2.0f : 1.0f);
    }
}

void drawTape(const TapeView& view) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ImU32 tape = rgba(1.0f, 0.86f, 0.2f, 1.0f);
    if (view.line) {
        const glm::vec4& l = *view.line;
        draw->AddLine(ImVec2(l.x, l.y), ImVec2(l.z, l.w), rgba(0.0f, 0.0f, 0.0f, 0.6f), 4.0f);
        draw->AddLine(ImVec2(l.x, l.y), ImVec2(l.z, l.w), tape, 2.0f);
    }
    const float radius = std::max(4.0f, ImGui::GetFontSize() * 0.3f);
    for (const glm::vec2& p : view.points) {
        draw->AddCircleFilled(ImVec2(p.x, p.y), radius + 1.5f, rgba(0.0f, 0.0f, 0.0f, 0.6f));
        draw->AddCircleFilled(ImVec2(p.x, p.y), radius, tape);
    }
    if (view.labelAt && !view.label.empty())
        plateText(draw, ImVec2(view.labelAt->x, view.labelAt->y), view.label, tape);
    if (!view.hint.empty()) {
        const ImVec2 size = ImGui::CalcTextSize(view.hint.c_str());
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        plateText(draw, ImVec2(std::round((display.x - size.x) * 0.5f), std::round(ImGui::GetFontSize())),
                  view.hint, rgba(kTextColor[0], kTextColor[1], kTextColor[2], 1.0f));
    }
}

void drawFocusZones(const FocusZonesView& view) {
    if (view.columns == 0 || view.rows == 0 || view.zones.size() != size_t(view.columns) * view.rows) return;
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float w = (view.picture.z - view.picture.x) / float(view.columns);
    const float h = (view.picture.w - view.picture.y) / float(view.rows);
    for (uint32_t row = 0; row < view.rows; ++row) {
        for (uint32_t column = 0; column < view.columns; ++column) {
            ImU32 color = 0;
            switch (view.zones[size_t(row) * view.columns + column]) {
            case FocusZone::Near: color = rgba(0.2f, 0.35f, 1.0f, 0.32f); break;
            case FocusZone::Far: color = rgba(1.0f, 0.45f, 0.1f, 0.32f); break;
            case FocusZone::FocusPlane: color = rgba(0.3f, 1.0f, 0.4f, 0.45f); break;
            case FocusZone::Sharp:
            case FocusZone::Empty: continue;
            }
            const float x = view.picture.x + float(column) * w, y = view.picture.y + float(row) * h;
            draw->AddRectFilled(ImVec2(std::round(x), std::round(y)),
                                ImVec2(std::round(x + w), std::round(y + h)), color);
        }
    }
}

void drawPrevisReadout(const std::string& text, const glm::vec4& picture, const std::string& recording) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float font = ImGui::GetFontSize();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const bool roomBelow = display.y - picture.w >= size.y + font * 0.6f;
    const float y = roomBelow ? picture.w + std::round((display.y - picture.w - size.y) * 0.5f)
                              : picture.w - size.y - std::round(font * 0.6f);
    if (!text.empty())
        plateText(draw, ImVec2(std::round((display.x - size.x) * 0.5f), y), text,
                  rgba(kTextColor[0], kTextColor[1], kTextColor[2], 0.95f));
    if (recording.empty()) return;
    const ImVec2 rec = ImGui::CalcTextSize(recording.c_str());
    const float top = picture.y + std::round(font * 0.8f);
    const float left = std::round((display.x - rec.x) * 0.5f);
    plateText(draw, ImVec2(left, top), recording, rgba(1.0f, 0.35f, 0.3f, 1.0f));
    draw->AddCircleFilled(ImVec2(left - font * 0.9f, top + rec.y * 0.5f), font * 0.3f,
                          rgba(1.0f, 0.2f, 0.15f, 1.0f));
}

} // namespace sr::ui
