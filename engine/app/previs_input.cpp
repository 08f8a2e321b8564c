// Input of the previs workspace: navigation of the camera and the keys of its commands.
#include <cmath>

#include "app/previs_mode.h"
#include "previs/camera_pose.h"

namespace sr::app {
namespace {
using platform::EventType;
namespace keys = platform::keys;

constexpr float kTapSlopPixels = 6.0f;
constexpr float kWalkMetresPerSecond = 0.8f;
constexpr float kCraneMetresPerSecond = 0.5f;
constexpr float kTurnDegreesPerSecond = 40.0f;
constexpr float kRollDegreesPerSecond = 15.0f;
constexpr float kFastFactor = 3.0f;
constexpr int kShiftMod = 0x1;
constexpr int kKeyLeftShift = 340, kKeyRightShift = 344;

// Which held-key slot a key drives: forward, back, left, right, up, down, pan left, pan right,
// tilt up, tilt down.
int heldSlot(int key) {
    switch (key) {
    case 'W': return 0;
    case 'S': return 1;
    case 'A': return 2;
    case 'D': return 3;
    case 'E': return 4;
    case 'Q': return 5;
    case keys::kLeft: return 6;
    case keys::kRight: return 7;
    case keys::kUp: return 8;
    case keys::kDown: return 9;
    default: return -1;
    }
}
} // namespace

void PrevisSession::handle(const platform::InputEvent& event) {
    switch (event.type) {
    case EventType::Close: mQuit = true; return;
    case EventType::Resize: setViewport(uint32_t(event.x), uint32_t(event.y)); return;
    default: break;
    }
    // The UI always sees the pointer; it takes it only over a panel that is shown.
    if (mUi.handle(event) && mPanels) return;
    switch (event.type) {
    case EventType::PointerDown:
    case EventType::PointerMove:
    case EventType::PointerUp: handlePointer(event); return;
    case EventType::KeyDown:
    case EventType::KeyUp: handleKey(event); return;
    case EventType::Scroll:
        if (event.scrollY == 0.0f) return;
        if (mFast) {
            mCamera->setFocusDistance(mCamera->shot().focusDistanceM * std::pow(1.1f, event.scrollY));
        } else {
            mMoves.release();
            mCamera->stepFocalLength(event.scrollY > 0.0f ? 1 : -1);
        }
        return;
    default: return;
    }
}

void PrevisSession::handlePointer(const platform::InputEvent& e) {
    const glm::vec2 at(e.x, e.y);
    if (e.type == EventType::PointerDown && e.button == 0) {
        mPressed = true;
        mDragged = false;
        mPress = mPointer = at;
        return;
    }
    if (e.type == EventType::PointerMove) {
        if (mTape.active && mTape.points.size() == 1) {
            const PrevisView current = view();
            const auto hit =
                mBvh->raycast(mCamera->shot().pose.position, rayThroughPixel(current, at), 1000.0f);
            mTape.pointer = hit ? std::optional(hit->point) : std::nullopt;
        }
        if (mPressed && !mDragged && glm::length(at - mPress) > kTapSlopPixels) mDragged = true;
        if (mPressed && mDragged && !mTape.active) {
            // The room follows the pointer: the lens's angle per pixel of the viewport.
            const PrevisView current = view();
            const float degreesPerPixel = current.viewportVerticalFovDeg / current.viewport.y;
            const glm::vec2 delta = at - mPointer;
            mMoves.release();
            mCamera->turn(delta.x * degreesPerPixel, delta.y * degreesPerPixel, 0.0f);
        }
        mPointer = at;
        return;
    }
    if (e.type == EventType::PointerUp && e.button == 0 && mPressed) {
        if (!mDragged && mTape.active) tapeClick(at);
        mPressed = mDragged = false;
    }
}

void PrevisSession::handleKey(const platform::InputEvent& e) {
    const bool down = e.type == EventType::KeyDown;
    if (e.key == kKeyLeftShift || e.key == kKeyRightShift) {
        mFast = down;
        return;
    }
    mFast = (e.mods & kShiftMod) != 0;
    if (const int slot = heldSlot(e.key); slot >= 0) {
        mHeld[slot] = down;
        return;
    }
    if (e.key == 'Z' || e.key == 'C') {
        mRollHeld = down ? (e.key == 'Z' ? -1 : 1) : 0;
        return;
    }
    if (down) handleCommandKey(e);
}

bool PrevisSession::handleCommandKey(const platform::InputEvent& e) {
    switch (e.key) {
    case keys::kTab:
    case 'H': mPanels = !mPanels; return true;
    case keys::kEnter: saveShot(); return true;
    case 'K': addKeyframe(); return true;
    case keys::kSpace: togglePlayback(); return true;
    case 'R': toggleTake(); return true;
    case 'F': focusOnCentre(); return true;
    case 'T': setTapeActive(!mTape.active); return true;
    case 'V': mGuides.focusZones = !mGuides.focusZones; return true;
    case '[': mMoves.release(), mCamera->stepFocalLength(-1); return true;
    case ']': mMoves.release(), mCamera->stepFocalLength(1); return true;
    case ',': mCamera->setFocusDistance(mCamera->shot().focusDistanceM / 1.1f); return true;
    case '.': mCamera->setFocusDistance(mCamera->shot().focusDistanceM * 1.1f); return true;
    case '-': mCamera->stepFStop(-1); return true;
    case '=': mCamera->stepFStop(1); return true;
    case keys::kEscape:
        if (mTape.active) {
            setTapeActive(false);
        } else if (mMoves.recording()) {
            toggleTake();
        } else if (mMoves.playing()) {
            mMoves.pause();
        } else {
            mQuit = true;
        }
        return true;
    default: break;
    }
    if (e.key >= '1' && e.key <= '9') {
        recallShot(e.key - '1');
        return true;
    }
    return false;
}

void PrevisSession::navigate(float dt) {
    if (dt <= 0.0f) return;
    const float fast = mFast ? kFastFactor : 1.0f;
    const auto axis = [&](int plus, int minus) { return float(mHeld[plus]) - float(mHeld[minus]); };
    const float forward = axis(0, 1), right = axis(3, 2), up = axis(4, 5);
    const float pan = axis(6, 7), tilt = axis(8, 9);
    if (forward == 0.0f && right == 0.0f && up == 0.0f && pan == 0.0f && tilt == 0.0f && mRollHeld == 0)
        return;
    mMoves.release();
    const float panRad = glm::radians(mCamera->angles().panDeg);
    const glm::vec3 ahead(std::cos(panRad), std::sin(panRad), 0.0f),
        side(std::sin(panRad), -std::cos(panRad), 0.0f);
    const glm::vec3 delta = (ahead * forward + side * right) * (kWalkMetresPerSecond * fast * dt) +
                            glm::vec3(0.0f, 0.0f, up * kCraneMetresPerSecond * fast * dt);
    if (delta != glm::vec3(0.0f)) mCamera->move(delta);
    const float turn = kTurnDegreesPerSecond * fast * dt;
    mCamera->turn(pan * turn, tilt * turn, float(mRollHeld) * kRollDegreesPerSecond * fast * dt);
}

void PrevisSession::setTapeActive(bool active) {
    mTape.active = active;
    mTape.points.clear();
    mTape.pointer.reset();
}

void PrevisSession::tapeClick(glm::vec2 pixel) {
    if (!mTape.active) return;
    const auto hit = mBvh->raycast(mCamera->shot().pose.position, rayThroughPixel(view(), pixel), 1000.0f);
    if (!hit) return setStatus("The tape needs a point on the scan: nothing there.");
    if (mTape.points.size() >= 2) mTape.points.clear();
    mTape.points.push_back(hit->point);
    mTape.pointer.reset();
    if (mTape.points.size() == 2)
        setStatus("Measured " + formatDistance(glm::distance(mTape.points[0], mTape.points[1])) + ".");
}

} // namespace sr::app
