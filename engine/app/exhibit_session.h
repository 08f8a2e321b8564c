#pragma once
// A visitor's whole visit to an exhibit: the home screen with a card per room, fading into the room
// they choose, and back home with a quiet control. For a bare mesh file there is no home screen:
// the one room opens at once and Esc closes. Shared by the window and by headless replays and
// tests, so all of them draw the same frames.
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/home.h"
#include "app/room_session.h"
#include "app/screen.h"
#include "app/thumbnails.h"
#include "render/image_pass.h"
#include "scene/exhibit.h"

namespace sr::app {

struct ExhibitSettings {
    ViewerSettings viewer;
    // Where room pictures are cached; empty: core::userCacheDir() / "thumbnails".
    std::filesystem::path thumbnailCache;
    uint32_t thumbnailWidth = 1280, thumbnailHeight = 800; // sharp on a 4K screen too
    double fadeOutSeconds = 0.45;                          // to black, leaving a screen
    double fadeInSeconds = 0.9;                            // from black, arriving
    std::string up, units; // a bare mesh file only: how to read it (see resolveRoomSource)
};

class ExhibitSession : public Screen {
public:
    // The exhibit's home screen. `renderer` and `ui` must outlive the session.
    ExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, scene::Exhibit exhibit,
                   const ExhibitSettings& settings, double now);
    // A single room without a home screen (a mesh file opened on its own).
    ExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const RoomSource& room,
                   const ExhibitSettings& settings, double now);
    ~ExhibitSession() override;
    ExhibitSession(const ExhibitSession&) = delete;
    ExhibitSession& operator=(const ExhibitSession&) = delete;

    // Starts the way into room `index` of the exhibit (a fade to black while it loads, then into it).
    void enterRoom(size_t index);
    // Starts the way back to the home screen (ignored without one).
    void goHome();
    // Back to the start for the next visitor: any open photo closes, the way home starts at once
    // (from anywhere, even mid-fade), the home screen forgets its focus and scroll.
    void resetToHome();
    // Draws more UI over every screen at the end of each frame's UI (the kiosk's prompt and panels).
    void setOverlay(std::function<void()> draw);
    // The exhibit shown (empty for a single mesh file).
    const scene::Exhibit& exhibit() const { return mExhibit; }
    size_t roomCount() const { return mRooms.size(); }

    // The size of the view in pixels, for picking before the first frame is drawn.
    void setViewport(uint32_t width, uint32_t height) override;
    // Headless runs: waits for the room being read and for the home screen's pictures, so that a
    // replay with a driven clock shows the same frames however fast this machine reads files.
    void settle() override;

    // Text size relative to the default (1 = 100%, up to 2).
    void setTextScale(float scale);
    void handle(const platform::InputEvent& event) override;
    // Advances fades and the room to `now` (seconds, never backwards).
    void update(double now) override;
    // Call before recording a frame of this size, outside any command buffer recording: uploads
    // room pictures and photos the frame needs.
    void prepareFrame(uint32_t width, uint32_t height) override;
    // Records the current screen into `target` (output left in TRANSFER_SRC).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) override;
    // Renders the current state into an image (headless; waits).
    core::Image8 renderImage(uint32_t width, uint32_t height, float dt) override;

    bool hasHome() const { return mHome != nullptr; }
    // On the home screen (possibly fading in or out of it).
    bool atHome() const { return !mRoom && mHome; }
    // On the home screen and taking input: no room being read, none being left.
    bool homeReady() const { return mHome && mPhase == Phase::Home && !mRoom; }
    // A room is being read.
    bool loading() const { return mLoading.valid(); }
    // How far preparing the room being opened has come (0..1, asset::firstShowingFractionDone) on
    // its first opening, until it is shown; -1 when it is read from its cache or nothing is being
    // opened.
    float loadProgress() const { return mLoadProgress && mLoading.valid() ? mLoadProgress->load() : -1.0f; }
    // The room the visitor is in (also while fading into or out of it), else null.
    RoomSession* room() { return mRoom.get(); }
    HomeScreen* home() { return mHome.get(); }
    // True while some room's picture for the home screen is still to come.
    bool picturesPending() const { return mThumbnails && mThumbnails->pending(); }
    // 0 (clear) .. 1 (black) between screens.
    float cover() const { return mCover; }
    // The visitor closed the window, or pressed Esc where that leaves the program.
    bool quitRequested() const override;
    int exitStatus() const override { return mFailed ? 1 : 0; }
    // The one room of a session without a home screen could not be read (the session quits).
    bool failed() const { return mFailed; }
    // A room that could not be opened, for the home screen ("" when none).
    const std::string& problem() const { return mProblem; }

    // Where the loading thread leaves a room's first showing (openRoom's `firstShowing`).
    struct FirstShowingSlot {
        std::mutex mutex;
        std::optional<OpenedRoom> room;
    };

private:
    enum class Phase { Home, LeavingHome, Loading, Room, LeavingRoom };
    void startLoading(size_t index);
    void finishLoading();
    std::optional<OpenedRoom> takeFirstShowing();
    void showFirst(OpenedRoom first);
    void enterOpenedRoom(std::unique_ptr<RoomSession> room);
    void advanceCover(double dt);
    void pollPictures();
    void layoutHomeScreen(uint32_t width, uint32_t height);
    std::vector<render::ScreenImage> homeImages() const;
    void recordHome(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt);

    render::Renderer& mRenderer;
    ui::ImGuiLayer& mUi;
    ExhibitSettings mSettings;
    scene::Exhibit mExhibit;
    std::vector<RoomSource> mRooms;
    std::unique_ptr<HomeScreen> mHome;
    std::unique_ptr<render::ImagePass> mImagePass;
    std::vector<render::ScreenTexture> mPictures; // per room; empty until made
    std::unique_ptr<Thumbnails> mThumbnails;
    std::unique_ptr<RoomSession> mRoom;
    std::future<core::Result<OpenedRoom>> mLoading;
    std::shared_ptr<std::atomic<float>> mLoadProgress; // written by the loading thread
    std::shared_ptr<FirstShowingSlot> mFirstShowing;   // filled by the loading thread
    size_t mLoadingRoom = 0;
    Phase mPhase = Phase::Home;
    float mCover = 1.0f; // every screen arrives out of black
    double mNow = 0.0;
    uint32_t mWidth = 1280, mHeight = 720;
    float mTextScale = 1.0f;
    std::string mProblem;
    double mProblemSince = 0.0;
    bool mQuit = false;
    bool mFailed = false;
    std::function<void()> mOverlay;
};

// Opens `input` for a visitor: an exhibit folder at its home screen, or straight into room `room`
// when one is named (the home screen stays a control away); a mesh file as a single room. An
// unreadable manifest, an exhibit without rooms or an unknown room id is an Error naming the file.
core::Result<std::unique_ptr<ExhibitSession>>
openExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const std::filesystem::path& input,
                   const std::string& room, const ExhibitSettings& settings, double now);

} // namespace sr::app
