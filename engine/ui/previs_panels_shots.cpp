// The right-hand previs panel: shots, the current move and output.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include <filesystem>

#include <imgui.h>

#include "ui/panel_widgets.h"
#include "ui/previs_panels.h"

namespace sr::ui {
namespace {
// Buttons side by side sharing the window's width.
bool rowButton(const char* label, int index, int count) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (index > 0) ImGui::SameLine();
    const float width =
        (ImGui::GetContentRegionAvail().x - spacing * float(count - 1 - index)) / float(count - index);
    return ImGui::Button(label, ImVec2(std::floor(width), 0.0f));
}

void drawKeyframeRow(ShotsPanel& shots, size_t i, PrevisPanelActions& actions) {
    static const char* const kEasings[] = {"linear", "ease in", "ease out", "ease in-out"};
    KeyframeRow& key = shots.keyframes[i];
    ImGui::PushID(int(i));
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu", i + 1);
    ImGui::SameLine();
    const float font = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(std::round(font * 4.2f));
    if (ImGui::DragFloat("##time", &key.timeS, 0.02f, 0.0f, 3600.0f, "%.2f s", ImGuiSliderFlags_AlwaysClamp))
        actions.keyframeTimeChanged = int(i);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::round(font * 5.5f));
    if (ImGui::Combo("##easing", &key.easing, kEasings, 4)) actions.keyframeEasingChanged = int(i);
    ImGui::SameLine();
    if (ImGui::SmallButton("set")) actions.updateKeyframe = int(i);
    ImGui::SameLine();
    if (ImGui::SmallButton("\xc3\x97")) actions.deleteKeyframe = int(i); // multiplication sign
    ImGui::PopID();
}
} // namespace

void drawShotsSection(ShotsPanel& shots, PrevisPanelActions& actions) {
    sectionHeading("Shots");
    const float rows = float(std::clamp<size_t>(shots.shots.size(), 2, 5));
    if (ImGui::BeginListBox("##shots",
                            ImVec2(-FLT_MIN, ImGui::GetTextLineHeightWithSpacing() * rows + 4.0f))) {
        for (size_t i = 0; i < shots.shots.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::Selectable(shots.shots[i].c_str(), int(i) == shots.selectedShot))
                actions.recallShot = int(i);
            ImGui::PopID();
        }
        if (shots.shots.empty()) ImGui::TextDisabled("No shots yet");
        ImGui::EndListBox();
    }
    actions.saveShot |= rowButton("Save", 0, 3);
    ImGui::BeginDisabled(shots.selectedShot < 0);
    actions.updateShot |= rowButton("Update", 1, 3);
    actions.deleteShot |= rowButton("Delete", 2, 3);
    ImGui::EndDisabled();
    if (shots.selectedShot >= 0) actions.renameShot |= nameField("Name", "##shotname", shots.shotName);
    if (!shots.photos.empty()) {
        // Where the photographer stood: the scan's own photographs, as shots.
        labelledCombo("Photo", "##photo", shots.photo, shots.photos);
        if (ImGui::Button("Shot from this photo", ImVec2(-FLT_MIN, 0.0f)))
            actions.shotFromPhoto = std::clamp(shots.photo, 0, int(shots.photos.size()) - 1);
    }
}

void drawMoveSection(ShotsPanel& shots, PrevisPanelActions& actions) {
    ImGui::Separator();
    sectionHeading("Moves");
    int move = shots.currentMove;
    if (labelledCombo("Current", "##move", move, shots.moves)) actions.selectMove = move;
    actions.newMove |= rowButton("New move", 0, 2);
    ImGui::BeginDisabled(shots.currentMove < 0);
    actions.deleteMove |= rowButton("Delete move", 1, 2);
    ImGui::EndDisabled();
    if (shots.currentMove >= 0) actions.renameMove |= nameField("Name", "##movename", shots.moveName);
    for (size_t i = 0; i < shots.keyframes.size(); ++i) drawKeyframeRow(shots, i, actions);
    actions.addKeyframe |= ImGui::Button("Add keyframe here (K)", ImVec2(-FLT_MIN, 0.0f));
    ImGui::BeginDisabled(!shots.hasPath || shots.recording);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderFloat("##playhead", &shots.playheadS, shots.startS,
                           std::max(shots.endS, shots.startS + 1e-3f), "%.2f s"))
        actions.scrubbed = true;
    actions.playPause |= rowButton(shots.playing ? "Pause (Space)" : "Play (Space)", 0, 2);
    ImGui::EndDisabled();
    actions.record |= rowButton(shots.recording ? "Stop take (R)" : "Record take (R)", 1, 2);
}

void drawOutputSection(OutputPanel& output, PrevisPanelActions& actions) {
    ImGui::Separator();
    sectionHeading("Output");
    actions.outputChanged |= labelledCombo("Size", "##size", output.size, output.sizes);
    if (output.size == int(output.sizes.size()) - 1) {
        ImGui::SetNextItemWidth(-FLT_MIN);
        actions.outputChanged |= ImGui::DragInt2("##customsize", &output.customSize.x, 4.0f, 16, 16384,
                                                 "%d px", ImGuiSliderFlags_AlwaysClamp);
    }
    actions.outputChanged |= labelledCombo("Rate", "##rate", output.rate, output.rates);
    actions.outputChanged |= ImGui::Checkbox("Burn-in", &output.burnIn);
    ImGui::SameLine();
    ImGui::BeginDisabled(!output.ffmpegInstalled);
    actions.outputChanged |=
        ImGui::Checkbox(output.ffmpegInstalled ? "MP4" : "MP4 (needs ffmpeg)", &output.mp4);
    ImGui::EndDisabled();
    actions.renderStill |= rowButton("Render still", 0, 2);
    actions.renderMove |= rowButton("Render move", 1, 2);
    actions.contactSheet |= ImGui::Button("Contact sheet of all shots", ImVec2(-FLT_MIN, 0.0f));
    ImGui::SetNextItemWidth(std::round(ImGui::GetContentRegionAvail().x * 0.45f));
    int format = output.exportFormat;
    if (ImGui::Combo(
            "##format", &format,
            [](void* data, int i, const char** text) {
                *text = (*static_cast<std::vector<std::string>*>(data))[size_t(i)].c_str();
                return true;
            },
            &output.exportFormats, int(output.exportFormats.size()))) {
        output.exportFormat = format;
        actions.outputChanged = true;
    }
    ImGui::SameLine();
    actions.exportMove |= ImGui::Button("Export move", ImVec2(-FLT_MIN, 0.0f));
    if (output.progress >= 0.0f) ImGui::ProgressBar(output.progress, ImVec2(-FLT_MIN, 0.0f));
    if (!output.status.empty()) ImGui::TextWrapped("%s", output.status.c_str());
    ImGui::Separator();
    // Names only: the folders are the user's state folder and beside the project (see the docs),
    // and a full path would crowd the panel.
    ImGui::TextDisabled("Project");
    ImGui::TextWrapped("%s", std::filesystem::path(output.projectFile).filename().c_str());
    ImGui::TextDisabled("Renders and exports");
    ImGui::TextWrapped("%s", std::filesystem::path(output.outputFolder).filename().c_str());
}

} // namespace sr::ui
