#pragma once
// The previs workspace: a film camera in a scanned room with its body, lens, focus and rig, frame
// guides, a tape measure, shots, camera moves (keyframed or recorded live as takes) and output,
// saved as a previs project outside the exhibit. A state machine like RoomSession: input events and
// a clock in, frames out; the window and headless tests drive the same code.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/previs_camera.h"
#include "app/previs_moves.h"
#include "app/previs_output.h"
#include "app/room_source.h"
#include "app/screen.h"
#include "asset/room_mesh.h"
#include "platform/input_event.h"
#include "previs/move_export.h"
#include "previs/previs_project.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace sr::ui {
struct PrevisPanels;
struct PrevisPanelActions;
} // namespace sr::ui

namespace sr::app {

struct PrevisWorkspaceSettings {
    std::filesystem::path projectFile;  // where the work is saved: never inside the exhibit folder
    std::filesystem::path outputFolder; // renders and exports; empty: defaultOutputFolder(projectFile)
    std::string title;                  // the exhibit and room, for contact sheets
    std::string ffmpeg = "ffmpeg";      // the program that encodes MP4
};

// Which frame guides show.
struct GuideSettings {
    std::vector<bool> frameLines = std::vector<bool>(6, false); // one per previs::standardFrameAspects()
    bool customFrameLine = false;
    float customFrameLineAspect = 2.2f;
    bool safeAreas = true, thirds = false, centre = true, horizon = true;
    bool focusZones = false; // depth-of-field zones over the picture
};

struct OutputSettings {
    uint32_t width = 1920, height = 1080;
    bool burnIn = true;
    bool mp4 = false;
    previs::MoveExportFormat exportFormat = previs::MoveExportFormat::Gltf;
};

// Up to two points picked on the scan, and the distance between them.
struct TapeMeasure {
    bool active = false;
    std::vector<glm::vec3> points;    // 0, 1 or 2, world metres
    std::optional<glm::vec3> pointer; // the scan under the pointer while one point is down
};

// "2.43 m (7 ft 11.7 in)".
std::string formatDistance(float metres);

class PrevisSession final : public Screen {
public:
    // The workspace over one room. `renderer` and `ui` must outlive it; `mesh` is only read. The
    // camera starts at the room's first station (or the last shot of `project`).
    static std::unique_ptr<PrevisSession> create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                 const RoomSource& source, const asset::RoomMesh& mesh,
                                                 previs::PrevisProject project,
                                                 const PrevisWorkspaceSettings& settings, double now);
    ~PrevisSession() override; // saves what is not saved yet
    PrevisSession(const PrevisSession&) = delete;
    PrevisSession& operator=(const PrevisSession&) = delete;

    void setViewport(uint32_t width, uint32_t height) override;
    void setTextScale(float scale) { mTextScale = scale; }
    // Input goes to the panels first; what they do not take moves the camera or runs a command.
    void handle(const platform::InputEvent& event) override;
    // Advances navigation, playback, a take being recorded and a move being rendered to `now`.
    void update(double now) override;
    // Call before recording a frame of this size, outside any command buffer recording.
    void prepareFrame(uint32_t width, uint32_t height) override;
    // Records the room, the guides and the panels into `target` (output left in TRANSFER_SRC).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) override;
    // Renders the workspace into an image (headless; waits).
    core::Image8 renderImage(uint32_t width, uint32_t height, float dt) override;
    // Nothing is read in the background: already settled.
    void settle() override {}
    bool quitRequested() const override { return mQuit; }

    PrevisCamera& camera() { return *mCamera; }
    // The camera's view in the current viewport.
    PrevisView view() const;
    MoveEditor& moves() { return mMoves; }
    const previs::PrevisProject& project() const { return mProject; }
    GuideSettings& guides() { return mGuides; }
    OutputSettings& output() { return mOutput; }
    const TapeMeasure& tape() const { return mTape; }
    bool panelsVisible() const { return mPanels; }
    void setPanelsVisible(bool visible) { mPanels = visible; }
    // The last thing that happened, or went wrong, as the panels show it.
    const std::string& status() const { return mStatus; }
    std::filesystem::path outputFolder() const;
    const PrevisWorkspaceSettings& settings() const { return mSettings; }

    // Shots: the camera saved as "Shot N", recalled, updated from the camera, deleted.
    void saveShot();
    void recallShot(int index);
    void updateShot(int index);
    void deleteShot(int index);
    // Renames shot `index` (and the moves made with it) or the current move to `name`, trimmed.
    // Refused, saying why in status(), when the name is empty, has control characters, is longer
    // than ui::kMaxNameBytes or belongs to another shot (move).
    bool renameShot(int index, const std::string& name);
    bool renameMove(const std::string& name);
    int selectedShot() const { return mSelectedShot; }
    // The room's photographs with solved poses (RoomSource::poses), in the pose file's order.
    const std::vector<scene::AlignedPhoto>& photos() const { return mPhotos; }
    // A new shot, "Photo NAME", from where photo `index` was taken (see app::shotFromPhoto),
    // selected and set on the camera; focused where the photo's axis meets the scan.
    void shotFromPhoto(size_t index);
    // Moves: a keyframe from the camera at the end of the current move; play or pause; start or
    // end a take.
    void addKeyframe();
    void togglePlayback();
    void toggleTake();
    // Focus on the first surface on the lens's axis.
    void focusOnCentre();
    void setTapeActive(bool active);
    // A tape-measure click at `pixel`: picks the scan there (the first point, the second, then anew).
    void tapeClick(glm::vec2 pixel);
    void setFramesPerSecond(double framesPerSecond);

    // Writes the project file now.
    core::Status saveProject();
    // Output into outputFolder(); each also sets status(). A still of the selected shot (or of the
    // camera when it has moved off it) as NAME.png.
    core::Status renderStill();
    // Starts rendering the current move as a PNG sequence in outputFolder()/NAME/, a frame per
    // update; MP4 beside it when asked for and ffmpeg is installed.
    core::Status startMoveRender();
    bool rendering() const { return mJob != nullptr; }
    // Renders what is left of the sequence now (headless).
    core::Status finishMoveRender();
    core::Status renderContactSheet();
    core::Status exportMove();
    // Files written by the last output command (frames, MP4, sheet or export).
    const std::vector<std::filesystem::path>& lastOutputs() const { return mLastOutputs; }

private:
    PrevisSession(render::Renderer& renderer, ui::ImGuiLayer& ui, previs::PrevisProject project);
    void handlePointer(const platform::InputEvent& event);
    void handleKey(const platform::InputEvent& event);
    bool handleCommandKey(const platform::InputEvent& event);
    void navigate(float dt);
    void stepOutput();
    void runPendingOutput();
    void finishedMoveRender();
    void setStatus(std::string text, bool problem = false);
    void markDirty() { mDirty = true; }
    previs::Shot bodyForMove(const previs::CameraMove& move) const;
    std::string cameraTitle() const;
    ui::PrevisPanels panelModel() const;
    void applyPanels(const ui::PrevisPanels& panels, const ui::PrevisPanelActions& actions);
    void applyCameraPanel(const ui::PrevisPanels& panels);
    void applyRigPanel(const ui::PrevisPanels& panels, bool layTrack);
    void applyOutputPanel(const ui::PrevisPanels& panels);
    void runPanelCommands(const ui::PrevisPanels& panels, const ui::PrevisPanelActions& actions);
    void drawOverlays(const PrevisView& view);
    std::vector<std::string> readouts() const;

    render::Renderer& mRenderer;
    ui::ImGuiLayer& mUi;
    previs::PrevisProject mProject; // before mMoves, which edits it
    MoveEditor mMoves;
    PrevisWorkspaceSettings mSettings;
    RoomSource mSource;
    std::unique_ptr<render::GpuRoom> mRoom;
    std::unique_ptr<view::MeshBvh> mBvh;
    std::unique_ptr<PrevisCamera> mCamera;
    std::unique_ptr<ShotRenderer> mShots;
    std::unique_ptr<SequenceJob> mJob;
    std::string mJobMp4; // the MP4 to encode when the job is done, or empty
    GuideSettings mGuides;
    OutputSettings mOutput;
    TapeMeasure mTape;
    glm::vec2 mCustomSensorMm{36.0f, 24.0f};
    float mCustomAspect = 2.2f;
    bool mTrackAcross = false;
    bool mFfmpeg = false;
    int mSelectedShot = -1;
    std::vector<scene::AlignedPhoto> mPhotos;
    int mPhotoChoice = 0; // in the panel's list of photos
    uint32_t mWidth = 1280, mHeight = 720;
    float mTextScale = 1.0f;
    double mNow = 0.0;
    bool mPanels = true;
    bool mQuit = false;
    bool mDirty = false;
    double mLastSave = -1e9;
    // Output the panels asked for, run at the next update (never while a frame is recorded).
    enum PendingOutput : unsigned { kStill = 1, kMove = 2, kSheet = 4, kExport = 8 };
    unsigned mPendingOutput = 0;
    uint64_t mSavedRevision = 0;
    std::string mStatus;
    std::vector<std::filesystem::path> mLastOutputs;

    // Navigation input.
    bool mHeld[10] = {}; // forward, back, left, right, up, down, pan left, pan right, tilt up, tilt down
    int mRollHeld = 0;   // -1, 0, +1
    bool mFast = false;
    bool mPressed = false, mDragged = false;
    glm::vec2 mPress{0.0f}, mPointer{0.0f};
};

struct PrevisOptions {
    std::filesystem::path input;   // exhibit folder or mesh file
    std::string room;              // room id; empty: the exhibit's first
    std::filesystem::path project; // empty: defaultPrevisProjectPath
    std::filesystem::path outputFolder;
    std::string up, units; // mesh file only
    bool fullscreen = false;
    int monitor = 0;
    bool validation = false;
    bool vsync = true;
    uint32_t maxSamples = 4;
    double exitAfterSeconds = 0.0;
    float uiScale = 1.0f;
};

// The project file for `input`, `room` and an explicit `project` (may be empty), refused inside the
// exhibit folder.
core::Result<std::filesystem::path> previsProjectFor(const std::filesystem::path& input,
                                                     const std::string& room,
                                                     const std::filesystem::path& project);

// `stillroom --previs`: the workspace in a window until it closes. Returns the exit status.
int runPrevis(const PrevisOptions& options);

} // namespace sr::app
