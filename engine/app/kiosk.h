#pragma once
// The kiosk around an exhibit, as a state machine: touch only, locked down, and coming back by
// itself. After a while without input a quiet "still there?" prompt, then everything returns home
// for the next visitor; at home an attract loop slowly tours the rooms until the first touch, which
// only stops it. An admin chord (a long press in the top-left corner, then in the top-right; or
// Ctrl+Alt+Shift+A on a service keyboard) asks for the PIN and opens the admin panel. Keys, window
// close and everything else a visitor might try do nothing. Events and time in, frames out: the
// window, headless soak runs and the flow tests drive it the same way.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/exhibit_session.h"
#include "app/kiosk_settings.h"
#include "app/screen.h"
#include "render/frame_stats.h"

namespace sr::app {

// What the admin panel shows besides the kiosk's own state.
struct KioskStatus {
    double uptimeSeconds = 0.0;
    double fps = 0.0;
    double frameMsP50 = 0.0, frameMsP95 = 0.0;
    size_t errors = 0;
    std::string lastError;
};

class KioskSession : public Screen {
public:
    // `exhibitFolder` is read again by "Reload exhibit". `renderer` and `ui` outlive the session.
    KioskSession(render::Renderer& renderer, ui::ImGuiLayer& ui, std::filesystem::path exhibitFolder,
                 scene::Exhibit exhibit, const KioskSettings& settings,
                 const ExhibitSettings& exhibitSettings, double now);

    void setViewport(uint32_t width, uint32_t height) override;
    void handle(const platform::InputEvent& event) override;
    void update(double now) override;
    void prepareFrame(uint32_t width, uint32_t height) override;
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) override;
    core::Image8 renderImage(uint32_t width, uint32_t height, float dt) override;
    void settle() override { mExhibit->settle(); }
    bool quitRequested() const override { return mQuit; }

    // Fed by the frame loop and the health monitor, for the admin panel.
    void setStatus(const KioskStatus& status) { mStatus = status; }

    enum class State { Visiting, Prompting, Attract };
    State state() const { return mState; }
    bool adminOpen() const { return mAdmin != Admin::Closed; }
    bool pinPadOpen() const { return mAdmin == Admin::Pin; }
    ExhibitSession& exhibit() { return *mExhibit; }
    // Where the visitor is, for the status file: "home", a room id, or "loading".
    std::string location();

private:
    enum class Admin { Closed, Pin, Panel };
    void noteInput(double t);
    int cornerAt(float x, float y) const; // 0 top-left, 1 top-right, -1 neither
    void trackChord(const platform::InputEvent& e);
    void updateChord(double now);
    void handleServiceKey(const platform::InputEvent& e);
    void openPinPad();
    void enterPinDigit(char digit);
    void checkPin();
    void startAttract();
    void stopAttract();
    void updateAttract();
    std::vector<std::string> statusLines();
    void drawOverlay();
    void reload();

    render::Renderer& mRenderer;
    ui::ImGuiLayer& mUi;
    std::filesystem::path mFolder;
    KioskSettings mSettings;
    ExhibitSettings mExhibitSettings;
    std::unique_ptr<ExhibitSession> mExhibit;
    uint32_t mWidth = 1280, mHeight = 720;
    double mNow = 0.0;
    double mLastInput = 0.0;
    double mHomeSince = 0.0; // on the home screen since
    bool mWasHome = false;
    bool mReloadRequested = false;
    State mState = State::Visiting;
    double mPromptAt = 0.0;
    bool mSwallowRelease = false; // a press that only dismissed something: its release goes nowhere

    // Attract loop: which room and station, and when the next step is due.
    size_t mTourRoom = 0;
    size_t mTourStation = 0;
    double mTourNext = 0.0;
    const RoomSession* mTourSession = nullptr; // the room the tour last arrived in

    // Admin chord: a press held in a corner.
    bool mPressed = false;
    float mPressX = 0, mPressY = 0;
    double mPressAt = 0.0;
    int mPressCorner = -1;      // 0 top-left, 1 top-right
    double mFirstCorner = -1e9; // when the top-left hold completed
    bool mCornerCounted = false;
    Admin mAdmin = Admin::Closed;
    std::string mPinEntry;
    std::string mPinMessage;
    int mPinFailures = 0;
    double mPinLockedUntil = 0.0;
    KioskStatus mStatus;
    bool mQuit = false;
};

} // namespace sr::app
