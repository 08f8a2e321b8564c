#pragma once
// Looking around from where the visitor stands: drag, arrow keys, scroll for field of view.
// Events and time in, camera out; no window or GPU involved.
#include "platform/input_event.h"
#include "view/camera.h"

namespace sr::view {

struct LookSettings {
    float degreesPerPixel = 0.15f; // drag sensitivity
    bool invertY = false;
    float keyDegreesPerSecond = 60.0f;
    float damping = 12.0f; // 1/s: how fast the view catches up with where it is asked to look
    float minPitch = -80.0f, maxPitch = 80.0f;
    float minFov = 30.0f, maxFov = 90.0f;
    float walkSpeed = 0.8f; // metres per second (no collision here)
};

class LookController {
public:
    LookController(const Camera& start, const LookSettings& settings = {});

    // Feeds one input event.
    void handle(const platform::InputEvent& event);
    // Advances smoothing and held keys by `dt` seconds.
    void update(float dt);
    const Camera& camera() const { return mCamera; }
    // Jumps to a pose without smoothing.
    void reset(const Camera& camera);

private:
    LookSettings mSettings;
    Camera mCamera;
    float mTargetYaw, mTargetPitch, mTargetFov;
    bool mDragging = false;
    float mLastX = 0.0f, mLastY = 0.0f;
    bool mKeys[6] = {}; // left, right, up, down, forward, back
};

} // namespace sr::view
