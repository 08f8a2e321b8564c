#include "ui/previs_panels.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "ui/panel_widgets.h"
#include "ui/theme.h"

namespace sr::ui {
namespace {
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoFocusOnAppearing;

std::string metres(float m) {
    if (!std::isfinite(m)) return "\xe2\x88\x9e"; // infinity
    char text[32];
    std::snprintf(text, sizeof text, "%.2f m", m);
    return text;
}

// A bar from the lens (left) out to a little beyond the far limit: the sharp zone, and the focus.
void drawDepthOfFieldBar(const CameraPanel& camera) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = std::round(ImGui::GetFontSize() * 0.8f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float far = std::isfinite(camera.dofFarM) ? camera.dofFarM : camera.focusM * 4.0f;
    const float span = std::max({camera.focusM * 2.0f, far * 1.25f, 0.5f});
    const auto x = [&](float m) { return at.x + width * std::clamp(m / span, 0.0f, 1.0f); };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(ImVec4(1, 1, 1, 0.08f)),
                        3.0f);
    draw->AddRectFilled(ImVec2(x(camera.dofNearM), at.y),
                        ImVec2(std::isfinite(camera.dofFarM) ? x(far) : at.x + width, at.y + height),
                        ImGui::GetColorU32(ImVec4(0.3f, 1.0f, 0.4f, 0.45f)), 3.0f);
    draw->AddLine(ImVec2(x(camera.focusM), at.y - 2.0f), ImVec2(x(camera.focusM), at.y + height + 2.0f),
                  ImGui::GetColorU32(ImVec4(1, 1, 1, 0.95f)), 2.0f);
    ImGui::Dummy(ImVec2(width, height));
    const std::string deep =
        std::isfinite(camera.dofFarM) ? metres(camera.dofFarM - camera.dofNearM) : "\xe2\x88\x9e";
    ImGui::TextDisabled("Sharp %s to %s", metres(camera.dofNearM).c_str(), metres(camera.dofFarM).c_str());
    ImGui::TextDisabled("%s deep, hyperfocal %s", deep.c_str(), metres(camera.hyperfocalM).c_str());
}

void drawFocalLength(CameraPanel& camera, PrevisPanelActions& actions) {
    if (!camera.primes.empty()) {
        std::vector<std::string> labels;
        int index = 0;
        for (size_t i = 0; i < camera.primes.size(); ++i) {
            char text[32];
            std::snprintf(text, sizeof text, "%g mm", camera.primes[i]);
            labels.push_back(text);
            if (std::abs(camera.primes[i] - camera.focalLengthMm) < 1e-3f) index = int(i);
        }
        if (labelledCombo("Focal", "##focal", index, labels)) {
            camera.focalLengthMm = camera.primes[size_t(index)];
            actions.cameraChanged = true;
        }
        return;
    }
    rowLabel("Focal");
    actions.cameraChanged |=
        ImGui::SliderFloat("##focal", &camera.focalLengthMm, camera.focalRangeMm.x, camera.focalRangeMm.y,
                           "%.1f mm", ImGuiSliderFlags_Logarithmic);
}
} // namespace

void rowLabel(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(std::round(ImGui::GetFontSize() * 5.2f));
    ImGui::SetNextItemWidth(-FLT_MIN);
}

bool labelledCombo(const char* label, const char* id, int& index, const std::vector<std::string>& items) {
    if (label) rowLabel(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const char* preview = index >= 0 && size_t(index) < items.size() ? items[size_t(index)].c_str() : "";
    bool changed = false;
    if (ImGui::BeginCombo(id, preview)) {
        for (size_t i = 0; i < items.size(); ++i) {
            const bool selected = int(i) == index;
            if (ImGui::Selectable(items[i].c_str(), selected) && !selected) {
                index = int(i);
                changed = true;
            }
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool nameField(const char* label, const char* id, std::string& text) {
    rowLabel(label);
    char buffer[kMaxNameBytes + 1] = {};
    text.copy(buffer, std::min(text.size(), kMaxNameBytes));
    // The panels are rebuilt every frame, so the field's text is taken only when Enter is pressed,
    // while ImGui still holds what was typed.
    if (!ImGui::InputText(id, buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue)) return false;
    text = buffer;
    return true;
}

void sectionHeading(const char* text) {
    ImGui::PushFont(titleFont());
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void drawCameraSection(CameraPanel& camera, PrevisPanelActions& actions) {
    sectionHeading("Camera");
    actions.cameraChanged |= labelledCombo("Sensor", "##sensor", camera.sensor, camera.sensors);
    if (camera.sensor == int(camera.sensors.size()) - 1) {
        ImGui::SetNextItemWidth(-FLT_MIN);
        actions.cameraChanged |= ImGui::DragFloat2("##sensorsize", &camera.customSensorMm.x, 0.05f, 1.0f,
                                                   100.0f, "%.2f mm", ImGuiSliderFlags_AlwaysClamp);
    }
    actions.cameraChanged |= labelledCombo("Aspect", "##aspect", camera.aspect, camera.aspects);
    if (camera.aspect == int(camera.aspects.size()) - 1) {
        ImGui::SetNextItemWidth(-FLT_MIN);
        actions.cameraChanged |= ImGui::DragFloat("##customaspect", &camera.customAspect, 0.005f, 1.0f, 4.0f,
                                                  "%.3f : 1", ImGuiSliderFlags_AlwaysClamp);
    }
    actions.cameraChanged |= labelledCombo("Lens", "##lens", camera.lens, camera.lenses);
    drawFocalLength(camera, actions);
    rowLabel("Stop");
    actions.cameraChanged |=
        ImGui::SliderFloat("##stop", &camera.fStop, 0.7f, 32.0f, "f/%.1f", ImGuiSliderFlags_Logarithmic);
    rowLabel("Focus");
    actions.cameraChanged |=
        ImGui::SliderFloat("##focus", &camera.focusM, 0.1f, 100.0f, "%.2f m", ImGuiSliderFlags_Logarithmic);
    actions.focusOnCentre |= ImGui::Button("Focus on the centre (F)");
    drawDepthOfFieldBar(camera);
    ImGui::Separator();
    for (const std::string& line : camera.readouts) ImGui::TextUnformatted(line.c_str());
}

void drawRigSection(CameraPanel& camera, PrevisPanelActions& actions) {
    ImGui::Separator();
    sectionHeading("Rig");
    static const std::vector<std::string> kRigs{"Free (handheld, crane)", "Tripod", "Slider or dolly track"};
    actions.rigChanged |= labelledCombo("Holder", "##rig", camera.rig, kRigs);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (camera.rig == 1) {
        actions.rigChanged |=
            ImGui::DragFloatRange2("##tripod", &camera.tripodHeightM.x, &camera.tripodHeightM.y, 0.01f, 0.1f,
                                   4.0f, "low %.2f m", "high %.2f m", ImGuiSliderFlags_AlwaysClamp);
    } else if (camera.rig == 2) {
        actions.rigChanged |= ImGui::SliderFloat("##tracklength", &camera.trackLengthM, 0.3f, 12.0f,
                                                 "track %.1f m", ImGuiSliderFlags_Logarithmic);
        static const std::vector<std::string> kDirections{"Along the lens (push in)",
                                                          "Across the lens (truck)"};
        actions.rigChanged |=
            labelledCombo("Direction", "##trackdirection", camera.trackDirection, kDirections);
        ImGui::SetNextItemWidth(-FLT_MIN);
        actions.rigChanged |=
            ImGui::DragFloatRange2("##rise", &camera.trackRiseM.x, &camera.trackRiseM.y, 0.01f, 0.0f, 2.0f,
                                   "rise %.2f m", "to %.2f m", ImGuiSliderFlags_AlwaysClamp);
        actions.layTrack |= ImGui::Button("Lay the track from here");
    }
}

void drawGuidesSection(GuidesPanel& guides, PrevisPanelActions& actions) {
    ImGui::Separator();
    sectionHeading("Guides");
    ImGui::TextUnformatted("Frame lines");
    for (size_t i = 0; i < guides.frameLineLabels.size() && i < guides.frameLines.size(); ++i) {
        bool on = guides.frameLines[i];
        if (i % 3 != 0) ImGui::SameLine();
        if (ImGui::Checkbox(guides.frameLineLabels[i].c_str(), &on)) {
            guides.frameLines[i] = on;
            actions.guidesChanged = true;
        }
    }
    actions.guidesChanged |= ImGui::Checkbox("##customline", &guides.customFrameLine);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    actions.guidesChanged |= ImGui::DragFloat("##customlineaspect", &guides.customFrameLineAspect, 0.005f,
                                              1.0f, 4.0f, "custom %.3f : 1", ImGuiSliderFlags_AlwaysClamp);
    actions.guidesChanged |= ImGui::Checkbox("Safe areas", &guides.safeAreas);
    ImGui::SameLine();
    actions.guidesChanged |= ImGui::Checkbox("Thirds", &guides.thirds);
    actions.guidesChanged |= ImGui::Checkbox("Centre", &guides.centre);
    ImGui::SameLine();
    actions.guidesChanged |= ImGui::Checkbox("Horizon", &guides.horizon);
    actions.guidesChanged |= ImGui::Checkbox("Depth of field zones (V)", &guides.focusZones);
    bool tape = guides.tape;
    if (ImGui::Checkbox("Tape measure (T)", &tape)) actions.toggleTape = true;
}

float previsPanelWidth() { return std::round(ImGui::GetFontSize() * 18.5f); }

PrevisPanelActions drawPrevisPanels(PrevisPanels& panels) {
    PrevisPanelActions actions;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float margin = std::round(ImGui::GetFontSize() * 0.6f);
    const float width = std::min(previsPanelWidth(), display.x * 0.3f);
    const ImVec2 size(width, std::max(1.0f, display.y - 2.0f * margin));
    ImGui::SetNextWindowPos(ImVec2(margin, margin));
    ImGui::SetNextWindowSize(size);
    if (ImGui::Begin("##previs-camera", nullptr, kPanelFlags)) {
        drawCameraSection(panels.camera, actions);
        drawRigSection(panels.camera, actions);
        drawGuidesSection(panels.guides, actions);
    }
    actions.leftRect = {margin, margin, margin + size.x, margin + size.y};
    ImGui::End();
    const float right = display.x - margin - width;
    ImGui::SetNextWindowPos(ImVec2(right, margin));
    ImGui::SetNextWindowSize(size);
    if (ImGui::Begin("##previs-shots", nullptr, kPanelFlags)) {
        drawShotsSection(panels.shots, actions);
        drawMoveSection(panels.shots, actions);
        drawOutputSection(panels.output, actions);
    }
    actions.rightRect = {right, margin, right + size.x, margin + size.y};
    ImGui::End();
    return actions;
}

} // namespace sr::ui
