#pragma once
// What the previs workspace draws over the room besides its panels: frame guides, the tape
// measure, depth-of-field zones and the camera's readout line. Plain geometry in, drawn into
// ImGui's background draw list (under the panels), so a frame depends only on its inputs.
//
// Pixels: origin at the top-left corner, +x right, +y down. Rectangles are (x0, y0, x1, y1) and
// lines (x0, y0, x1, y1).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sr::ui {

struct LabelledRect {
    glm::vec4 rect{0.0f};
    std::string label; // drawn inside the rectangle's top-left corner
};

struct FrameGuidesView {
    glm::vec4 picture{0.0f};
    std::vector<glm::vec4> masks;
    float maskOpacity = 0.72f; // how much of the room under the masks is hidden
    std::vector<LabelledRect> frameLines;
    std::optional<glm::vec4> actionSafe, titleSafe;
    std::vector<glm::vec4> thirds;
    std::vector<glm::vec4> centre;
    std::optional<glm::vec4> horizon;
    bool level = false; // the camera is level (no roll, to a tenth of a degree): the horizon shows it
};

// Draws the guides; call between ImGuiLayer::beginFrame and endFrame.
void drawFrameGuides(const FrameGuidesView& view);

struct TapeView {
    std::vector<glm::vec2> points;    // the picked points on screen
    std::optional<glm::vec4> line;    // between them (or to the point under the pointer)
    std::string label;                // "2.43 m  (7 ft 11.7 in)"
    std::optional<glm::vec2> labelAt; // where the label goes
    std::string hint;                 // what the next click does
};
void drawTape(const TapeView& view);

// Depth-of-field zones: a coarse grid over the picture, each cell's zone found by a ray pick.
enum class FocusZone : uint8_t {
    Sharp,      // within the depth of field
    Near,       // nearer than its near limit
    Far,        // beyond its far limit
    FocusPlane, // within a few percent of the focus distance
    Empty,      // nothing of the scan there
};
struct FocusZonesView {
    glm::vec4 picture{0.0f};
    uint32_t columns = 0, rows = 0;
    std::vector<FocusZone> zones; // rows * columns, row by row from the top
};
void drawFocusZones(const FocusZonesView& view);

// One line of readouts centred under the picture (or along its bottom edge when there is no room
// below it), and a recording light with `recording` text ("REC 00:00:03:12") when not empty.
void drawPrevisReadout(const std::string& line, const glm::vec4& picture, const std::string& recording);

} // namespace sr::ui
