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
        case 'W': mKeys[4] = down; break;
        case 'S': mKeys[5] = down; break;
        default: break;
        }
    };
    switch (e.type) {
    case EventType::PointerDown:
        if (e.button == 0) mDragging = true, mLastX = e.x, mLastY = e.y;
        break;
    case EventType::PointerUp:
        if (e.button == 0) mDragging = false;
        break;
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
    default: break;
    }
}

void LookController::update(float dt) {
    const float turn = mSettings.keyDegreesPerSecond * dt;
    if (mKeys[0]) mTargetYaw += turn;
    if (mKeys[1]) mTargetYaw -= turn;
    if (mKeys[2]) mTargetPitch = std::min(mTargetPitch + turn, mSettings.maxPitch);
    if (mKeys[3]) mTargetPitch = std::max(mTargetPitch - turn, mSettings.minPitch);
    const float blend = 1.0f - std::exp(-mSettings.damping * dt);
    mCamera.yawDeg += (mTargetYaw - mCamera.yawDeg) * blend;
    mCamera.pitchDeg += (mTargetPitch - mCamera.pitchDeg) * blend;
    mCamera.verticalFovDeg += (mTargetFov - mCamera.verticalFovDeg) * blend;
    const float walk = (mKeys[4] ? 1.0f : 0.0f) - (mKeys[5] ? 1.0f : 0.0f);
    if (walk != 0.0f) {
        const float yaw = glm::radians(mCamera.yawDeg);
        mCamera.position += glm::vec3(std::cos(yaw), std::sin(yaw), 0.0f) * (walk * mSettings.walkSpeed * dt);
    }
}

} // namespace sr::view
