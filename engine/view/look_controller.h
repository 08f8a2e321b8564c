#pragma once
// Looking around from where the visitor stands: drag, arrow keys, the right gamepad stick, scroll
// for the field of view. Events and time in, yaw/pitch/FOV out; no window or GPU involved. Where the
// visitor stands is someone else's business (Walker, Viewer).
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
    float stickDegreesPerSecond = 90.0f; // right stick fully over
};

class LookController {
public:
    LookController(const Camera& start, const LookSettings& settings = {});

    // Feeds one input event. Pointer drags look only between beginDrag() and endDrag(), so a
    // caller can tell taps from drags first.
    void handle(const platform::InputEvent& event);
    void beginDrag(float x, float y);
    void endDrag() { mDragging = false; }
    bool dragging() const { return mDragging; }
    // Whether a look key (arrows) or the right stick is held.
    bool turning() const;
    // Advances smoothing and held keys by `dt` seconds.
    void update(float dt);
    const Camera& camera() const { return mCamera; }
    // Jumps to a pose without smoothing.
    void reset(const Camera& camera);
    // Asks to look somewhere; the view eases there.
    void lookAt(float yawDeg, float pitchDeg);
    void setSettings(const LookSettings& settings) { mSettings = settings; }

private:
    LookSettings mSettings;
    Camera mCamera;
    float mTargetYaw, mTargetPitch, mTargetFov;
    bool mDragging = false;
    float mLastX = 0.0f, mLastY = 0.0f;
    bool mKeys[4] = {}; // left, right, up, down
    float mStickX = 0.0f, mStickY = 0.0f;
};

} // namespace sr::view
