#pragma once
// The exhibit's home screen and the quiet pieces of UI around entering and leaving a room: the
// control that returns home, the room's name on arrival, and the black of a fade.
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sr::ui {

struct HomeCardView {
    std::string title;
    std::string subtitle;
    glm::vec4 imageRect{0.0f}; // pixels (x0, y0, x1, y1); the picture itself is drawn by the caller
    glm::vec4 textRect{0.0f};
    bool hovered = false;
    bool focused = false; // keyboard focus: an outline
    bool hasPicture = false;
};

struct HomeScreenView {
    std::string title;
    std::string intro;
    glm::vec4 titleBlock{0.0f}; // pixels; title and introduction are wrapped inside it
    std::vector<HomeCardView> cards;
};

// The height in pixels of the exhibit's title and introduction wrapped to `width`, as
// drawHomeScreen draws them with the UI's current fonts (ImGuiLayer::setScale); usable outside a frame.
float measureHomeTitle(const std::string& title, const std::string& intro, float width);

// Draws the words of the home screen and the cards' frames over the pictures (between
// ImGuiLayer::beginFrame and endFrame). Drawn into ImGui's background draw list, so the result
// depends only on `view`: the same in a window, a replay and a test.
void drawHomeScreen(const HomeScreenView& view);

// The control that leaves a room for the home screen: a small labelled button in the top-left
// corner at `opacity` (0..1; quiet at rest, brighter while the visitor is active), large enough to
// touch. Returns true when it was pressed.
bool drawHomeControl(float opacity);

// A short line of text centred across the display at `yFraction` of its height, over everything
// (including a fade cover): "Opening the room…", or what went wrong.
void drawScreenNote(const std::string& text, float opacity, float yFraction);

// The room's title and subtitle under the home control on arrival, at `opacity` (nothing at 0).
void drawRoomTitle(const std::string& title, const std::string& subtitle, float opacity);

// Covers the whole display with black at `alpha` (0..1), over everything else drawn this frame.
void drawFadeCover(float alpha);

// The title and caption of a photograph shown where it was taken: centred low over the picture on
// a soft dark band, so the photograph itself stays clear. Nothing when both are empty.
void drawPhotoCaption(const std::string& title, const std::string& caption, float opacity);

} // namespace sr::ui
