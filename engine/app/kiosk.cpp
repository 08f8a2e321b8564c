#include "app/kiosk.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/log.h"
#include "gpu/context.h"
#include "ui/imgui_layer.h"
#include "ui/kiosk_panels.h"

namespace sr::app {
namespace {
constexpr float kCornerSlop = 24.0f;        // a held press may wander this far
constexpr double kChordWindow = 10.0;       // seconds from the first corner to the second
constexpr double kAdminIdleSeconds = 120.0; // an admin panel left open closes by itself
constexpr int kPinAttempts = 3;
constexpr double kPinLockSeconds = 60.0;
constexpr int kServiceMods = 0x1 | 0x2 | 0x4; // Shift + Ctrl + Alt (GLFW)

bool isPointer(platform::EventType type) {
    using platform::EventType;
    return type == EventType::PointerDown || type == EventType::PointerMove || type == EventType::PointerUp ||
           type == EventType::Scroll;
}
} // namespace

KioskSession::KioskSession(render::Renderer& renderer, ui::ImGuiLayer& ui,
                           std::filesystem::path exhibitFolder, scene::Exhibit exhibit,
                           const KioskSettings& settings, const ExhibitSettings& exhibitSettings, double now)
    : mRenderer(renderer), mUi(ui), mFolder(std::move(exhibitFolder)), mSettings(settings),
      mExhibitSettings(exhibitSettings), mNow(now), mLastInput(now), mHomeSince(now) {
    mExhibit = std::make_unique<ExhibitSession>(renderer, ui, std::move(exhibit), exhibitSettings, now);
    mExhibit->setTextScale(settings.uiScale);
    mExhibit->setOverlay([this] { drawOverlay(); });
    if (settings.adminPin.empty())
        core::logWarning("kiosk: no admin_pin is set, so the admin panel cannot be opened");
}

void KioskSession::setViewport(uint32_t width, uint32_t height) {
    mWidth = width, mHeight = height;
    mExhibit->setViewport(width, height);
}

void KioskSession::prepareFrame(uint32_t width, uint32_t height) {
    mWidth = width, mHeight = height;
    mExhibit->prepareFrame(width, height);
}

void KioskSession::noteInput(double t) { mLastInput = std::max(mLastInput, t); }

int KioskSession::cornerAt(float x, float y) const {
    const float size = std::max(96.0f, 0.08f * float(std::min(mWidth, mHeight)));
    if (y > size) return -1;
    if (x < size) return 0;
    if (x > float(mWidth) - size) return 1;
    return -1;
}

void KioskSession::trackChord(const platform::InputEvent& e) {
    using platform::EventType;
    if (e.type == EventType::PointerDown && e.button == 0) {
        mPressed = true;
        mPressX = e.x, mPressY = e.y, mPressAt = e.time;
        mPressCorner = cornerAt(e.x, e.y);
        mCornerCounted = false;
    } else if (e.type == EventType::PointerMove && mPressed) {
        if (std::abs(e.x - mPressX) > kCornerSlop || std::abs(e.y - mPressY) > kCornerSlop) mPressCorner = -1;
    } else if (e.type == EventType::PointerUp) {
        mPressed = false;
    }
}

void KioskSession::openPinPad() {
    if (mSettings.adminPin.empty() || mAdmin != Admin::Closed) return;
    core::logInfo("kiosk: admin chord; asking for the PIN");
    mAdmin = Admin::Pin;
    mPinEntry.clear();
    mPinMessage.clear();
}

void KioskSession::handleServiceKey(const platform::InputEvent& e) {
    if (e.type != platform::EventType::KeyDown) return;
    if (e.key == 'A' && (e.mods & kServiceMods) == kServiceMods) return openPinPad();
    if (mAdmin != Admin::Pin) return;
    // A service keyboard may type the PIN too.
    if (e.key >= '0' && e.key <= '9')
        enterPinDigit(char(e.key));
    else if (e.key == platform::keys::kEnter)
        checkPin();
    else if (e.key == platform::keys::kEscape)
        mAdmin = Admin::Closed;
}

void KioskSession::handle(const platform::InputEvent& e) {
    if (!isPointer(e.type)) {
        // Lockdown: keys, closing the window and controllers do nothing; only the service chord.
        handleServiceKey(e);
        return;
    }
    noteInput(e.time);
    trackChord(e);
    if (mAdmin != Admin::Closed) {
        mUi.handle(e);
        return;
    }
    using platform::EventType;
    if (mState == State::Prompting || mState == State::Attract) {
        // The first touch only answers the prompt or stops the tour; nothing underneath happens.
        if (e.type == EventType::PointerDown) {
            if (mState == State::Attract) stopAttract();
            mState = State::Visiting;
            mSwallowRelease = true;
        }
        return;
    }
    if (mSwallowRelease) {
        if (e.type == EventType::PointerUp) mSwallowRelease = false;
        return;
    }
    mExhibit->handle(e);
}

void KioskSession::updateChord(double now) {
    if (!mPressed || mPressCorner < 0 || mCornerCounted || now - mPressAt < mSettings.adminHoldSeconds)
        return;
    mCornerCounted = true;
    if (mPressCorner == 0) {
        mFirstCorner = now;
    } else if (now - mFirstCorner <= kChordWindow + mSettings.adminHoldSeconds) {
        mFirstCorner = -1e9;
        openPinPad();
    }
}

void KioskSession::update(double now) {
    mNow = std::max(mNow, now);
    if (mReloadRequested) reload();
    updateChord(mNow);
    mExhibit->update(mNow);
    const double idle = mNow - mLastInput;
    const bool home = mExhibit->homeReady();
    if (home && !mWasHome) mHomeSince = mNow;
    mWasHome = home;
    if (mAdmin != Admin::Closed) {
        if (idle > kAdminIdleSeconds) mAdmin = Admin::Closed;
        return; // nobody is sent home while the technician works
    }
    switch (mState) {
    case State::Visiting:
        if (!home && idle >= mSettings.idleSeconds && !mExhibit->loading()) {
            mState = State::Prompting;
            mPromptAt = mNow;
        } else if (home && mSettings.attract == scene::AttractMode::Tour && mExhibit->roomCount() > 0 &&
                   idle >= mSettings.attractAfterSeconds &&
                   mNow - mHomeSince >= mSettings.attractAfterSeconds) {
            startAttract();
        }
        break;
    case State::Prompting:
        if (mNow - mPromptAt >= mSettings.promptSeconds) {
            core::logInfo("kiosk: nobody answered; back to the start");
            mExhibit->resetToHome();
            mState = State::Visiting;
        }
        break;
    case State::Attract: updateAttract(); break;
    }
}

void KioskSession::startAttract() {
    mState = State::Attract;
    mTourSession = nullptr;
    mExhibit->enterRoom(mTourRoom % mExhibit->roomCount());
}

void KioskSession::stopAttract() {
    mExhibit->resetToHome();
    mTourSession = nullptr;
}

void KioskSession::updateAttract() {
    RoomSession* room = mExhibit->room();
    if (!room) {
        // Between rooms: the next one opens once the home screen is back.
        if (mExhibit->homeReady()) mExhibit->enterRoom(mTourRoom % mExhibit->roomCount());
        return;
    }
    if (room != mTourSession) { // arrived in a room: rest at its first station
        mTourSession = room;
        mTourStation = 0;
        mTourNext = mNow + mSettings.attractStationSeconds;
        return;
    }
    if (mNow < mTourNext || room->viewer().gliding()) return;
    if (++mTourStation < room->viewer().stationCount()) {
        room->viewer().goToStation(mTourStation);
        mTourNext = mNow + mSettings.attractStationSeconds;
    } else {
        mTourRoom = (mTourRoom + 1) % mExhibit->roomCount();
        mTourNext = 1e300;
        mExhibit->goHome(); // through black to the next room
    }
}

void KioskSession::enterPinDigit(char digit) {
    if (mNow < mPinLockedUntil || mPinEntry.size() >= 12) return;
    mPinEntry.push_back(digit);
}

void KioskSession::checkPin() {
    if (mNow < mPinLockedUntil) return;
    if (mPinEntry == mSettings.adminPin) {
        core::logInfo("kiosk: admin panel opened");
        mAdmin = Admin::Panel;
        mPinFailures = 0;
    } else if (++mPinFailures >= kPinAttempts) {
        core::logWarning("kiosk: wrong PIN ", kPinAttempts, " times; the PIN pad is locked for ",
                         kPinLockSeconds, " s");
        mPinLockedUntil = mNow + kPinLockSeconds;
        mPinFailures = 0;
        mPinMessage = "Locked for a minute";
    } else {
        mPinMessage = "Wrong PIN";
    }
    mPinEntry.clear();
}

std::vector<std::string> KioskSession::statusLines() {
    char buffer[160];
    std::vector<std::string> lines;
    lines.push_back("Exhibit: " + mExhibit->exhibit().title + "  (folder " + mFolder.filename().string() +
                    ")");
    lines.push_back("Showing: " + location());
    const double up = mStatus.uptimeSeconds;
    std::snprintf(buffer, sizeof buffer,
                  "Up %dd %02dh %02dm  \xc2\xb7  %.1f frames/s, p50 %.1f ms, p95 %.1f ms", int(up / 86400),
                  int(std::fmod(up, 86400) / 3600), int(std::fmod(up, 3600) / 60), mStatus.fps,
                  mStatus.frameMsP50, mStatus.frameMsP95);
    lines.push_back(buffer);
    lines.push_back(core::concat("Errors: ", mStatus.errors,
                                 mStatus.lastError.empty() ? "" : "  \xc2\xb7  last: ", mStatus.lastError));
    return lines;
}

void KioskSession::drawOverlay() {
    if (mState == State::Prompting) {
        const float fade = float(std::clamp((mNow - mPromptAt) / 0.6, 0.0, 1.0));
        ui::drawStillTherePrompt(mSettings.promptSeconds - (mNow - mPromptAt), fade);
    } else if (mState == State::Attract) {
        ui::drawAttractInvitation(0.7f);
    }
    if (mAdmin == Admin::Pin) {
        const std::string message = mNow < mPinLockedUntil ? "Locked for a minute" : mPinMessage;
        const ui::PinPadResult pressed = ui::drawPinPad(mPinEntry.size(), message);
        if (pressed.digit) enterPinDigit(pressed.pressed);
        if (pressed.erase && !mPinEntry.empty()) mPinEntry.pop_back();
        if (pressed.enter) checkPin();
        if (pressed.cancel) mAdmin = Admin::Closed;
    } else if (mAdmin == Admin::Panel) {
        const ui::AdminPanelResult pressed = ui::drawAdminPanel(statusLines());
        if (pressed.reload) mReloadRequested = true; // not while recording a frame
        if (pressed.quit) {
            core::logInfo("kiosk: quit from the admin panel");
            mQuit = true;
        }
        if (pressed.close) mAdmin = Admin::Closed;
    }
}

void KioskSession::reload() {
    mReloadRequested = false;
    auto exhibit = loadViewerExhibit(mFolder);
    if (!exhibit) {
        core::logError("kiosk: reload failed, keeping the exhibit shown: ", exhibit.error().describe());
        return;
    }
    core::logInfo("kiosk: reloading ", mFolder.string());
    mRenderer.context().waitIdle();
    mExhibit.reset();
    mExhibit =
        std::make_unique<ExhibitSession>(mRenderer, mUi, std::move(exhibit).value(), mExhibitSettings, mNow);
    mExhibit->setTextScale(mSettings.uiScale);
    mExhibit->setOverlay([this] { drawOverlay(); });
    mExhibit->setViewport(mWidth, mHeight);
    mState = State::Visiting;
    mAdmin = Admin::Closed;
    mTourSession = nullptr;
}

void KioskSession::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    mExhibit->record(cmd, target, dt);
}

core::Image8 KioskSession::renderImage(uint32_t width, uint32_t height, float dt) {
    mWidth = width, mHeight = height;
    return mExhibit->renderImage(width, height, dt);
}

std::string KioskSession::location() {
    if (RoomSession* room = mExhibit->room()) return room->source().id;
    if (mExhibit->loading()) return "loading";
    return "home";
}

} // namespace sr::app
