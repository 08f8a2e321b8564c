#pragma once
// The panels of the previs workspace: the camera (body, lens, exposure and focus, rig, frame
// guides, readouts) on the left; shots, the current move and output on the right. The app fills a
// PrevisPanels with the workspace's state and choices; drawing lets the user edit its values in
// place and returns what was pressed or changed. Plain data only: the ui module knows nothing of
// the previs module.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace sr::ui {

struct CameraPanel {
    std::vector<std::string> sensors; // preset names, then "Custom"
    int sensor = 0;
    glm::vec2 customSensorMm{36.0f, 24.0f};
    std::vector<std::string> aspects; // "Sensor", the standard aspects, then "Custom"
    int aspect = 0;
    float customAspect = 2.0f;
    std::vector<std::string> lenses; // "Any focal length", then the presets
    int lens = 0;
    std::vector<float> primes;       // of the chosen lens; empty for a zoom or any focal length
    glm::vec2 focalRangeMm{1, 2000}; // the zoom's range, or any
    float focalLengthMm = 35.0f;
    float fStop = 2.8f;
    float focusM = 3.0f;
    // Depth of field, metres from the focal plane; far and hyperfocal may be +infinity.
    float dofNearM = 0.0f, dofFarM = 0.0f, hyperfocalM = 0.0f;
    std::vector<std::string> readouts; // lines of text
    int rig = 0;                       // 0 free, 1 tripod, 2 track
    glm::vec2 tripodHeightM{0.6f, 1.9f};
    float trackLengthM = 2.0f;
    int trackDirection = 0; // 0 along the lens, 1 across it
    glm::vec2 trackRiseM{0.0f, 0.0f};
};

struct GuidesPanel {
    std::vector<std::string> frameLineLabels; // the standard aspects
    std::vector<bool> frameLines;             // one per label
    bool customFrameLine = false;
    float customFrameLineAspect = 2.2f;
    bool safeAreas = true, thirds = false, centre = true, horizon = true, focusZones = false;
    bool tape = false; // the tape measure tool is on
};

struct KeyframeRow {
    float timeS = 0.0f;
    int easing = 0; // linear, ease in, ease out, ease in and out
};

struct ShotsPanel {
    std::vector<std::string> shots; // "name — 32 mm"
    int selectedShot = -1;
    std::string shotName;            // the selected shot's, edited in place
    std::vector<std::string> photos; // the room's photographs with poses; none: no row for them
    int photo = 0;
    std::vector<std::string> moves;
    int currentMove = -1;
    std::string moveName;               // the current move's, edited in place
    std::vector<KeyframeRow> keyframes; // of the current move
    bool hasPath = false;
    float startS = 0.0f, endS = 0.0f, playheadS = 0.0f;
    bool playing = false, recording = false;
};

struct OutputPanel {
    std::vector<std::string> sizes; // "1920 x 1080", ... then "Custom"
    int size = 0;
    glm::ivec2 customSize{1920, 1080};
    std::vector<std::string> rates; // "24", ...
    int rate = 0;
    bool burnIn = true;
    bool mp4 = false;
    bool ffmpegInstalled = false;
    std::vector<std::string> exportFormats;
    int exportFormat = 0;
    std::string projectFile, outputFolder;
    std::string status;     // the last thing that happened, or went wrong
    float progress = -1.0f; // 0..1 while a sequence renders, else < 0
};

struct PrevisPanels {
    CameraPanel camera;
    GuidesPanel guides;
    ShotsPanel shots;
    OutputPanel output;
};

// What the user did this frame; values edited in place are reported by the *Changed flags.
struct PrevisPanelActions {
    bool cameraChanged = false, rigChanged = false, guidesChanged = false, outputChanged = false;
    bool layTrack = false, focusOnCentre = false, toggleTape = false;
    bool saveShot = false, updateShot = false, deleteShot = false;
    bool renameShot = false, renameMove = false; // to ShotsPanel::shotName / moveName, once typed
    int recallShot = -1;
    int shotFromPhoto = -1; // make a shot from ShotsPanel::photos[i]
    bool newMove = false, deleteMove = false;
    int selectMove = -1;
    bool addKeyframe = false;
    int updateKeyframe = -1, deleteKeyframe = -1, keyframeTimeChanged = -1, keyframeEasingChanged = -1;
    bool playPause = false, record = false, scrubbed = false;
    bool renderStill = false, renderMove = false, contactSheet = false, exportMove = false;
    glm::vec4 leftRect{0.0f}, rightRect{0.0f}; // where the panels were drawn (pixels)
};

// The width in pixels of each side panel at the UI's current scale.
float previsPanelWidth();

// Draws both panels (between ImGuiLayer::beginFrame and endFrame).
PrevisPanelActions drawPrevisPanels(PrevisPanels& panels);

// Parts of the panels, each drawn inside the current ImGui window (previs_panels*.cpp).
void drawCameraSection(CameraPanel& camera, PrevisPanelActions& actions);
void drawRigSection(CameraPanel& camera, PrevisPanelActions& actions);
void drawGuidesSection(GuidesPanel& guides, PrevisPanelActions& actions);
void drawShotsSection(ShotsPanel& shots, PrevisPanelActions& actions);
void drawMoveSection(ShotsPanel& shots, PrevisPanelActions& actions);
void drawOutputSection(OutputPanel& output, PrevisPanelActions& actions);

} // namespace sr::ui
