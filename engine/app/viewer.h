#pragma once
// The visitor in one room, as a state machine: input events and a clock in, what to draw out.
// Looking, walking on the floor, gliding between stations, station markers that appear only while
// the visitor is doing something, help that appears after input and fades, and a very slow drift
// of the view when nobody touches anything. Used identically by the window, by headless replays
// and by tests.
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/hotspots.h"
#include "app/room_source.h"
#include "asset/room_mesh.h"
#include "platform/input_event.h"
#include "render/renderer.h"
#include "view/bvh.h"
#include "view/glide.h"
#include "view/look_controller.h"
#include "view/walker.h"

namespace sr::app {

struct ViewerSettings {
    bool reducedMotion = false;   // cuts instead of glides, no drift
    float lookSensitivity = 1.0f; // multiplies drag degrees per pixel
    bool invertY = false;
    bool idleDrift = true;
    double driftAfterSeconds = 45.0; // without input before the view starts to drift
    double helpSeconds = 5.0;        // help stays this long after the last input, then fades
    double markerSeconds = 1.5;      // station markers stay this long after pointer movement stops
    float verticalFovDeg = 60.0f;
    HotspotSettings hotspots;
    bool glideToHotspotView = true; // a hotspot with a view pose is approached before it opens
    std::string startStation;       // id of the station to arrive at; empty: the room's first
};

// What to draw this frame.
struct ViewerFrame {
    view::Camera camera;
    render::FrameOverlays overlays;
    float helpOpacity = 0.0f;
};

class Viewer {
public:
    // `mesh` is only read here (the BVH is built from it). `now` is the clock's time at start.
    Viewer(const RoomSource& source, const asset::RoomMesh& mesh, const ViewerSettings& settings, double now);
    // The same with the BVH of `mesh` already built (on a loading thread); `mesh` is only read here.
    Viewer(const RoomSource& source, const asset::RoomMesh& mesh, std::unique_ptr<view::MeshBvh> bvh,
           const ViewerSettings& settings, double now);
    // The same while the BVH is still being built on another thread, so that the room is seen
    // before it: until it comes (update() takes it once ready, settle() waits for it), the visitor
    // can look around and go to stations, but the floor, walking, station markers and hotspots wait
    // for it. `mesh` is only read here.
    Viewer(const RoomSource& source, const asset::RoomMesh& mesh,
           std::future<std::unique_ptr<view::MeshBvh>> bvh, const ViewerSettings& settings, double now);

    // Whether the room's BVH is there (walking, picking and hotspots work).
    bool footed() const { return !mPendingBvh.valid(); }
    // Waits for the BVH being built, if any, and takes it (headless runs, before their frames).
    void settle();

    // The size of the view in pixels, for picking and dragging.
    void setViewport(uint32_t width, uint32_t height);
    uint32_t viewportWidth() const { return mWidth; }
    uint32_t viewportHeight() const { return mHeight; }
    // Feeds one event (its time is event.time, on the same clock as update()).
    void handle(const platform::InputEvent& event);
    // Advances time to `now` (seconds, never backwards).
    void update(double now);
    ViewerFrame frame() const;

    // A hotspot the visitor asked to open (tap, Enter, gaze), once: the caller shows its photos.
    std::optional<size_t> takeOpenRequest();
    const HotspotSet& hotspots() const { return *mHotspots; }
    // The hotspot a tap at pixel (x, y) would open (occlusion respected), if any.
    std::optional<size_t> hotspotAt(float x, float y) const { return pickHotspot(x, y); }
    // Starts opening hotspot `index`: glides to its view pose first when it has one (and the
    // settings say so), then raises the open request.
    void openHotspot(size_t index);

    // While an aligned photo hotspot is open (from the arrival at its pose until
    // leaveAlignedPhoto), the view holds still: no drift, walking or gaze.
    bool inAlignedPhoto() const { return mAligned.has_value(); }
    // The photograph was left: the field of view eases back to the visitor's own.
    void leaveAlignedPhoto();

    // Starts the way to station `index` (a glide, or a fade when the way is blocked or reduced
    // motion is on). Out-of-range indices are ignored.
    void goToStation(size_t index);
    size_t stationCount() const { return mStations.size(); }
    // The station the visitor stands at, or -1 after walking away from it.
    int currentStation() const { return mCurrentStation; }
    bool gliding() const { return mGlide.has_value(); }
    bool quitRequested() const { return mQuit; }
    const ViewerSettings& settings() const { return mSettings; }
    void setReducedMotion(bool on) { mSettings.reducedMotion = on; }
    const view::MeshBvh& bvh() const { return *mBvh; }

private:
    struct StationPoint {
        view::Pose pose; // as the manifest (or the default) gives it
        glm::vec3 floor; // point on the floor under it, for its marker
        bool hasFloor = false;
    };

    // Walker, station floors and hotspots over mBvh (at construction, and when a BVH built
    // meanwhile comes); the default standing point settles onto the floor.
    void findFooting();
    void adoptBvh();
    void handlePointer(const platform::InputEvent& e);
    void handleKey(const platform::InputEvent& e);
    void noteInput(double t, bool pointer);
    void updateWalking(float dt);
    void updateDrift(double now);
    view::Pose currentPose() const;
    std::optional<size_t> pickStation(float x, float y) const;
    std::optional<size_t> pickHotspot(float x, float y) const;
    void startGlide(const view::Pose& to, int station, std::optional<size_t> hotspot);
    // Leaves the aligned-photo state: the visitor's own field of view again, at once.
    void endAlignedPhoto();
    std::optional<glm::vec3> pickFloor(float x, float y) const;
    glm::vec3 rayThrough(float x, float y) const;
    std::vector<render::Marker> stationMarkers() const;
    float currentFov() const;

    // On the way to, at, or leaving an aligned photo hotspot: the field of view eases from the
    // visitor's to the photo's during the glide, and back after it.
    struct AlignedState {
        size_t hotspot = 0;
        float fromFov = 60.0f, toFov = 60.0f;
        std::optional<double> leftAt;
    };
    std::optional<AlignedState> mAligned;

    ViewerSettings mSettings;
    RoomSource mSource;
    std::unique_ptr<view::MeshBvh> mBvh;
    std::future<std::unique_ptr<view::MeshBvh>> mPendingBvh; // the BVH being built, if any
    std::unique_ptr<view::Walker> mWalker;
    bool mWalkEnabled = true;
    float mWalkSpeed = 0.8f;
    std::vector<StationPoint> mStations;
    int mCurrentStation = -1;

    view::LookController mLook;
    glm::vec3 mEye{0.0f};
    std::optional<view::GlidePlan> mGlide;
    double mGlideStart = 0.0;
    int mGlideTarget = -1;
    std::optional<size_t> mGlideHotspot; // opens when the glide arrives
    std::unique_ptr<HotspotSet> mHotspots;
    std::optional<size_t> mOpenRequest;
    uint32_t mWidth = 1280, mHeight = 720;
    double mNow = 0.0;
    double mEventTime = 0.0; // time of the event being handled

    // Pointer state: a press becomes a drag (look), a tap (pick a station) or a hold (walk there).
    bool mPointerKnown = false;
    bool mPressed = false;
    bool mDragged = false;
    float mPressX = 0, mPressY = 0, mPointerX = 0, mPointerY = 0;
    double mPressTime = 0.0;
    std::optional<glm::vec3> mHoldTarget;

    bool mWalkKeys[4] = {}; // forward, back, left, right
    glm::vec2 mStick{0.0f};
    int mFocusedStation = -1; // keyboard focus for N/P

    double mLastInput = -1e9;
    double mHelpShownSince = 0.0;
    double mLastPointerActivity = -1e9;
    bool mAnyInput = false;
    float mDriftYaw = 0.0f;
    double mDriftStart = 0.0;
    double mArrivedAt = 0.0;
    bool mQuit = false;
};

} // namespace sr::app
