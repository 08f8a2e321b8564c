#include "view/look_controller.h"

#include <algorithm>
#include <cmath>

namespace sr::view {
using platform::EventType;
namespace keys = platform::keys;

LookController::LookController(const Camera& start, const LookSettings& settings)
    : mSettings(settings), mCamera(start), mTargetYaw(start.yawDeg), mTargetPitch(start.pitchDeg),
      mTargetFov(start.verticalFovDeg) {}

void LookController::reset(const Camera& camera) {
    mCamera = camera;
    mTargetYaw = camera.yawDeg;
    mTargetPitch = camera.pitchDeg;
    mTargetFov = camera.verticalFovDeg;
}

void LookController::handle(const platform::InputEvent& e) {
    auto setKey = [&](bool down) {
        switch (e.key) {
        case keys::kLeft: mKeys[0] = down; break;
        case keys::kRight: mKeys[1] = down; break;
        case keys::kUp: mKeys[2] = down; break;
        case keys::kDown: mKeys[3] = down; break;
        default: break;
        }
    };
    switch (e.type) {
    case EventType::PointerMove:
        if (mDragging) {
            // Dragging pulls the room along with the pointer, like turning one's head.
            mTargetYaw += (e.x - mLastX) * mSettings.degreesPerPixel;
            const float dy = (e.y - mLastY) * mSettings.degreesPerPixel;
            mTargetPitch += mSettings.invertY ? -dy : dy;
            mTargetPitch = std::clamp(mTargetPitch, mSettings.minPitch, mSettings.maxPitch);
            mLastX = e.x, mLastY = e.y;
        }
        break;
    case EventType::Scroll:
        mTargetFov = std::clamp(mTargetFov - e.scrollY * 3.0f, mSettings.minFov, mSettings.maxFov);
        break;
    case EventType::KeyDown: setKey(true); break;
    case EventType::KeyUp: setKey(false); break;
    case EventType::Gamepad:
        mStickX = e.scrollX;
        mStickY = e.scrollY;
        break;
    default: break;
    }
}

void LookController::update(float dt) {
    const float turn = mSettings.keyDegreesPerSecond * dt;
    if (mKeys[0]) mTargetYaw += turn;
    if (mKeys[1]) mTargetYaw -= turn;
    if (mKeys[2]) mTargetPitch = std::min(mTargetPitch + turn, mSettings.maxPitch);
    if (mKeys[3]) mTargetPitch = std::max(mTargetPitch - turn, mSettings.minPitch);
    mTargetYaw -= mStickX * mSettings.stickDegreesPerSecond * dt;
    mTargetPitch = std::clamp(mTargetPitch + mStickY * mSettings.stickDegreesPerSecond * dt *
                                                 (mSettings.invertY ? -1.0f : 1.0f),
                              mSettings.minPitch, mSettings.maxPitch);
    const float blend = 1.0f - std::exp(-mSettings.damping * dt);
    mCamera.yawDeg += (mTargetYaw - mCamera.yawDeg) * blend;
    mCamera.pitchDeg += (mTargetPitch - mCamera.pitchDeg) * blend;
    mCamera.verticalFovDeg += (mTargetFov - mCamera.verticalFovDeg) * blend;
}

void LookController::beginDrag(float x, float y) {
    mDragging = true;
    mLastX = x;
    mLastY = y;
}

bool LookController::turning() const {
    return mKeys[0] || mKeys[1] || mKeys[2] || mKeys[3] || std::abs(mStickX) > 0.0f ||
           std::abs(mStickY) > 0.0f;
}

void LookController::lookAt(float yawDeg, float pitchDeg) {
    mTargetYaw = yawDeg;
    mTargetPitch = std::clamp(pitchDeg, mSettings.minPitch, mSettings.maxPitch);
}

} // namespace sr::view
