#include "app/viewer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "app/aligned_photo.h"
#include "core/log.h"
#include "scene/room_poses.h"
#include "view/default_camera.h"

namespace sr::app {
namespace {
using platform::EventType;
namespace keys = platform::keys;

constexpr float kTapSlopPixels = 8.0f;     // a press that moves less than this is a tap or a hold
constexpr double kTapSeconds = 0.45;       // ... released sooner: a tap
constexpr double kHoldSeconds = 0.5;       // ... held longer without moving: walk to that floor point
constexpr float kMarkerRadius = 0.22f;     // metres
constexpr float kArrivedMetres = 0.25f;    // hold-to-walk stops this close to its target
constexpr float kLeftStationMetres = 0.1f; // walking this far from a station leaves it
constexpr double kMarkerFadeSeconds = 0.8;
constexpr double kHelpFadeInSeconds = 0.4;
constexpr double kHelpFadeOutSeconds = 1.5;
constexpr float kDriftDegrees = 7.0f; // amplitude of the idle drift
constexpr double kDriftPeriodSeconds = 80.0;
constexpr double kDriftRampSeconds = 10.0; // the drift grows in gently
constexpr double kFovReturnSeconds = 0.9;  // after an aligned photo, back to the visitor's view

// The room's hotspots, with its photogrammetry photos among them where it has poses.
std::vector<scene::Hotspot> roomHotspots(const RoomSource& source, const view::MeshBvh& bvh) {
    if (source.poses.empty()) return source.hotspots;
    auto poses = loadSourcePoses(source);
    if (!poses) {
        core::logError(poses.error().describe(),
                       "; the room's photographs are not shown where they were taken");
        return source.hotspots;
    }
    const scene::RoomRaycast raycast = [&bvh](const glm::vec3& origin, const glm::vec3& direction) {
        auto hit = bvh.raycast(origin, direction, 50.0f);
        return hit ? std::optional<float>(hit->distance) : std::nullopt;
    };
    std::vector<std::string> messages;
    auto hotspots = scene::withPhotoHotspots(source.hotspots, *poses, source.posePhotos, raycast, messages);
    for (const std::string& message : messages) core::logWarning(message);
    return hotspots;
}

view::Camera cameraFor(const view::Pose& pose, float fov) {
    view::Camera camera;
    camera.position = pose.position;
    camera.yawDeg = pose.yawDeg;
    camera.pitchDeg = pose.pitchDeg;
    camera.verticalFovDeg = fov;
    return camera;
}

float fadeAfter(double since, double hold, double fade) {
    if (since < hold) return 1.0f;
    return float(std::clamp(1.0 - (since - hold) / fade, 0.0, 1.0));
}
} // namespace

Viewer::Viewer(const RoomSource& source, const asset::RoomMesh& mesh, const ViewerSettings& settings,
               double now)
    : Viewer(source, mesh, std::make_unique<view::MeshBvh>(mesh), settings, now) {}

Viewer::Viewer(const RoomSource& source, const asset::RoomMesh& mesh,
               std::future<std::unique_ptr<view::MeshBvh>> bvh, const ViewerSettings& settings, double now)
    : Viewer(source, mesh, std::make_unique<view::MeshBvh>(asset::RoomMesh{}), settings, now) {
    mPendingBvh = std::move(bvh);
}

Viewer::Viewer(const RoomSource& source, const asset::RoomMesh& mesh, std::unique_ptr<view::MeshBvh> bvh,
               const ViewerSettings& settings, double now)
    : mSettings(settings), mSource(source), mBvh(std::move(bvh)), mLook(view::Camera{}, view::LookSettings{}),
      mNow(now) {
    mWalkEnabled = source.walk.enabled;
    mWalkSpeed = source.walk.speed;
    for (const StandingPoint& s : source.stations) {
        mStations.push_back({{s.camera.position, s.camera.yawDeg, s.camera.pitchDeg}, {}, false});
    }
    if (mStations.empty()) {
        // No stations: stand at the centre of the room (on its floor, findFooting).
        const view::Camera camera = view::defaultCamera(mesh, settings.verticalFovDeg);
        mStations.push_back({{camera.position, camera.yawDeg, camera.pitchDeg}, {}, false});
    }
    findFooting();
    view::LookSettings look;
    look.degreesPerPixel *= settings.lookSensitivity;
    look.invertY = settings.invertY;
    mLook.setSettings(look);
    size_t start = 0;
    for (size_t i = 0; i < source.stations.size(); ++i) {
        if (source.stations[i].id == settings.startStation) start = i;
    }
    if (!settings.startStation.empty() && start == 0 &&
        (source.stations.empty() || source.stations[0].id != settings.startStation)) {
        core::logWarning("room '", source.id, "' has no station '", settings.startStation,
                         "'; starting at its first");
    }
    mLook.reset(cameraFor(mStations[start].pose, settings.verticalFovDeg));
    mEye = mStations[start].pose.position;
    mCurrentStation = int(start);
    mDriftStart = now;
    mArrivedAt = now;
}

void Viewer::findFooting() {
    view::WalkerSettings walker;
    walker.eyeHeight = mSource.walk.eyeHeight;
    mWalker = std::make_unique<view::Walker>(*mBvh, walker);
    if (mSource.stations.empty()) {
        // The default standing point goes onto the floor, and so does a visitor still standing there
        // (a BVH that came after the room was shown).
        const glm::vec3 eye = mStations[0].pose.position;
        if (auto settled = mWalker->settle(eye)) {
            if (!mGlide && mCurrentStation == 0 && glm::length(mEye - eye) < 1e-4f) mEye = *settled;
            mStations[0].pose.position = *settled;
        }
    }
    for (StationPoint& s : mStations) {
        if (auto floor = mWalker->findFloor(s.pose.position.x, s.pose.position.y, s.pose.position.z)) {
            s.floor = {s.pose.position.x, s.pose.position.y, *floor};
            s.hasFloor = true;
        }
    }
    // Placing photographs where they were taken needs the room's surfaces: without its BVH yet,
    // none are shown.
    mHotspots = std::make_unique<HotspotSet>(mBvh->triangleCount() == 0 ? std::vector<scene::Hotspot>()
                                                                        : roomHotspots(mSource, *mBvh),
                                             *mBvh, mSettings.hotspots);
}

void Viewer::adoptBvh() {
    const auto start = std::chrono::steady_clock::now();
    mBvh = mPendingBvh.get();
    findFooting();
    core::logDebug("the room's floor and hotspots are ready (",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), " s)");
}

void Viewer::settle() {
    if (mPendingBvh.valid()) adoptBvh();
}

void Viewer::setViewport(uint32_t width, uint32_t height) {
    mWidth = std::max(width, 1u);
    mHeight = std::max(height, 1u);
}

void Viewer::noteInput(double t, bool pointer) {
    if (mDriftYaw != 0.0f) {
        // Keep looking where the drift had turned to: no jump back.
        view::Camera camera = mLook.camera();
        camera.yawDeg += mDriftYaw;
        mLook.reset(camera);
        mDriftYaw = 0.0f;
    }
    if (!mAnyInput || t - mLastInput > mSettings.helpSeconds + kHelpFadeOutSeconds) mHelpShownSince = t;
    mAnyInput = true;
    mLastInput = t;
    if (pointer) mLastPointerActivity = t;
}

void Viewer::handle(const platform::InputEvent& e) {
    mEventTime = std::max(e.time, mNow);
    switch (e.type) {
    case EventType::Close: mQuit = true; return;
    case EventType::Resize: setViewport(uint32_t(e.x), uint32_t(e.y)); return;
    case EventType::PointerDown:
    case EventType::PointerMove:
    case EventType::PointerUp: handlePointer(e); return;
    case EventType::KeyDown:
    case EventType::KeyUp: handleKey(e); return;
    case EventType::Scroll:
        noteInput(e.time, true);
        mLook.handle(e);
        return;
    case EventType::Gamepad:
        noteInput(e.time, false);
        mStick = {e.x, e.y};
        mLook.handle(e);
        return;
    case EventType::Text: return; // nothing to type into; the KeyDown that typed it was seen
    }
}

void Viewer::handlePointer(const platform::InputEvent& e) {
    // A window reports where the pointer is when it appears under it; only real movement is input.
    const bool moved =
        e.type != EventType::PointerMove || (mPointerKnown && (e.x != mPointerX || e.y != mPointerY));
    mPointerKnown = true;
    if (moved) noteInput(e.time, true);
    mPointerX = e.x;
    mPointerY = e.y;
    if (e.type == EventType::PointerDown && e.button == 0) {
        mPressed = true;
        mDragged = false;
        mPressX = e.x;
        mPressY = e.y;
        mPressTime = e.time;
        mHoldTarget.reset();
    } else if (e.type == EventType::PointerMove) {
        if (mPressed && !mDragged && !mHoldTarget &&
            std::hypot(e.x - mPressX, e.y - mPressY) > kTapSlopPixels) {
            // From the press, so the room follows the pointer exactly, slop included.
            mDragged = true;
            mLook.beginDrag(mPressX, mPressY);
        }
        if (mDragged) mLook.handle(e);
    } else if (e.type == EventType::PointerUp && e.button == 0 && mPressed) {
        if (!mDragged && !mHoldTarget && e.time - mPressTime <= kTapSeconds) {
            if (auto hotspot = pickHotspot(e.x, e.y)) {
                openHotspot(*hotspot);
            } else if (auto station = pickStation(e.x, e.y)) {
                goToStation(*station);
            }
        }
        mPressed = false;
        mDragged = false;
        mHoldTarget.reset();
        mLook.endDrag();
    }
}

void Viewer::handleKey(const platform::InputEvent& e) {
    noteInput(e.time, false);
    const bool down = e.type == EventType::KeyDown;
    switch (e.key) {
    case 'W': mWalkKeys[0] = down; return;
    case 'S': mWalkKeys[1] = down; return;
    case 'A': mWalkKeys[2] = down; return;
    case 'D': mWalkKeys[3] = down; return;
    default: break;
    }
    if (!down) {
        mLook.handle(e);
        return;
    }
    const int count = int(mStations.size());
    const int from = mFocusedStation >= 0 ? mFocusedStation : std::max(mCurrentStation, 0);
    if (e.key == 'N' || e.key == keys::kPageDown || e.key == keys::kSpace) {
        mFocusedStation = (from + 1) % count;
        goToStation(size_t(mFocusedStation));
    } else if (e.key == 'P' || e.key == keys::kPageUp) {
        mFocusedStation = (from + count - 1) % count;
        goToStation(size_t(mFocusedStation));
    } else if (e.key >= '1' && e.key <= '9' && e.key - '1' < count) {
        goToStation(size_t(e.key - '1'));
    } else if (e.key == keys::kTab) {
        if (mHotspots->size() > 0) mHotspots->cycleFocus(mLook.camera(), (e.mods & 1) != 0); // 1: Shift
    } else if (e.key == keys::kEnter) {
        if (auto focus = mHotspots->focused()) openHotspot(*focus);
    } else if (e.key == keys::kEscape) {
        mQuit = true;
    } else {
        mLook.handle(e);
    }
}

void Viewer::goToStation(size_t index) {
    if (index >= mStations.size()) return;
    startGlide(mStations[index].pose, int(index), std::nullopt);
}

void Viewer::openHotspot(size_t index) {
    if (index >= mHotspots->size()) return;
    const scene::Hotspot& hotspot = mHotspots->hotspot(index);
    if (hotspot.aligned) {
        // Always to where the photo was taken: the photograph only lines up with the room there.
        const AlignedCamera target = alignedCameraFor(*hotspot.aligned, float(mWidth) / float(mHeight));
        const float fromFov = currentFov();
        startGlide(target.pose, -1, index);
        mAligned = AlignedState{index, fromFov, target.verticalFovDeg, std::nullopt};
        return;
    }
    if (hotspot.view && mSettings.glideToHotspotView) {
        startGlide({hotspot.view->position, hotspot.view->yawDeg, hotspot.view->pitchDeg}, -1, index);
        return;
    }
    mOpenRequest = index;
}

std::optional<size_t> Viewer::takeOpenRequest() { return std::exchange(mOpenRequest, std::nullopt); }

void Viewer::leaveAlignedPhoto() {
    if (mAligned && !mAligned->leftAt) mAligned->leftAt = mNow;
}

float Viewer::currentFov() const {
    if (!mAligned) return mLook.camera().verticalFovDeg;
    if (mGlide) {
        const double t = mNow - mGlideStart;
        const float s = mGlide->style == view::GlideStyle::Move
                            ? view::smoothstep01(t / std::max(mGlide->duration, 1e-3f))
                            : (t >= mGlide->fadeOutSeconds ? 1.0f : 0.0f);
        return glm::mix(mAligned->fromFov, mAligned->toFov, s);
    }
    if (mAligned->leftAt)
        return glm::mix(mAligned->toFov, mAligned->fromFov,
                        view::smoothstep01((mNow - *mAligned->leftAt) / kFovReturnSeconds));
    return mAligned->toFov;
}

void Viewer::endAlignedPhoto() {
    view::Camera camera = mLook.camera();
    camera.verticalFovDeg = mAligned->fromFov;
    mLook.reset(camera);
    mAligned.reset();
}

void Viewer::startGlide(const view::Pose& to, int station, std::optional<size_t> hotspot) {
    const view::Pose from = currentPose();
    if (mAligned) {
        // Going elsewhere from an aligned photo (or on the way to one): the visitor's own view again.
        endAlignedPhoto();
    }
    mGlide = view::planGlide(from, to, *mBvh, mWalker->settings(), mSettings.reducedMotion);
    // Started by an event: the glide begins at the event's time, not at the last update.
    mGlideStart = std::max(mNow, mEventTime);
    mGlideTarget = station;
    mGlideHotspot = hotspot;
    mHoldTarget.reset();
    mLook.endDrag();
    mDragged = false;
}

view::Pose Viewer::currentPose() const {
    if (mGlide) return view::evaluate(*mGlide, float(mNow - mGlideStart)).pose;
    const view::Camera& camera = mLook.camera();
    return {mEye, camera.yawDeg + mDriftYaw, camera.pitchDeg};
}

void Viewer::update(double now) {
    if (mPendingBvh.valid() && mPendingBvh.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        adoptBvh();
    const float dt = float(std::clamp(now - mNow, 0.0, 0.1));
    mNow = std::max(now, mNow);
    mEventTime = mNow;
    if (mGlide) {
        if (mNow - mGlideStart < mGlide->duration) return;
        const view::Pose end = mGlide->to;
        mEye = end.position;
        view::Camera camera = cameraFor(end, mAligned ? mAligned->toFov : mLook.camera().verticalFovDeg);
        mLook.reset(camera);
        mCurrentStation = mGlideTarget;
        mGlide.reset();
        if (mGlideHotspot) mOpenRequest = std::exchange(mGlideHotspot, std::nullopt);
    }
    if (mAligned) {
        // Holding still over the photograph; after it, easing back to the visitor's own view.
        if (mAligned->leftAt && mNow - *mAligned->leftAt >= kFovReturnSeconds) {
            endAlignedPhoto();
            mArrivedAt = mNow; // no drift straight away
        }
        return;
    }
    mLook.update(dt);
    updateWalking(dt);
    updateDrift(mNow);
    if (auto gazed = mHotspots->updateGaze(mLook.camera(), mNow)) openHotspot(*gazed);
}

void Viewer::updateWalking(float dt) {
    if (!mWalkEnabled || dt <= 0.0f) return;
    glm::vec2 intent{0.0f};
    const float yaw = glm::radians(mLook.camera().yawDeg);
    const glm::vec2 forward{std::cos(yaw), std::sin(yaw)};
    const glm::vec2 right{std::sin(yaw), -std::cos(yaw)};
    intent += forward * (float(mWalkKeys[0]) - float(mWalkKeys[1]) + mStick.y);
    intent += right * (float(mWalkKeys[3]) - float(mWalkKeys[2]) + mStick.x);
    if (mPressed && !mDragged && mNow - mPressTime >= kHoldSeconds) {
        if (!mHoldTarget) mHoldTarget = pickFloor(mPressX, mPressY);
        if (mHoldTarget) {
            const glm::vec2 toTarget = glm::vec2(*mHoldTarget) - glm::vec2(mEye);
            if (glm::length(toTarget) > kArrivedMetres) intent = glm::normalize(toTarget);
        }
    }
    if (glm::length(intent) < 1e-3f) return;
    if (glm::length(intent) > 1.0f) intent = glm::normalize(intent);
    const glm::vec3 moved = mWalker->move(mEye, intent * (mWalkSpeed * dt));
    mEye = moved;
    if (mCurrentStation >= 0 &&
        glm::length(glm::vec2(mEye) - glm::vec2(mStations[size_t(mCurrentStation)].pose.position)) >
            kLeftStationMetres) {
        mCurrentStation = -1;
    }
}

void Viewer::updateDrift(double now) {
    // Arriving counts as activity: the view stays still for a while after a visitor enters.
    const double idle = now - std::max(mLastInput, mArrivedAt);
    if (!mSettings.idleDrift || mSettings.reducedMotion || idle < mSettings.driftAfterSeconds) {
        mDriftStart = now;
        return;
    }
    const double t = now - mDriftStart;
    const double ramp = std::min(1.0, t / kDriftRampSeconds);
    const double eased = ramp * ramp * (3.0 - 2.0 * ramp);
    mDriftYaw = float(kDriftDegrees * eased * std::sin(2.0 * M_PI * t / kDriftPeriodSeconds));
}

glm::vec3 Viewer::rayThrough(float x, float y) const {
    const view::Camera camera = cameraFor(currentPose(), currentFov());
    const float aspect = float(mWidth) / float(mHeight);
    const float tanV = std::tan(glm::radians(camera.verticalFovDeg) * 0.5f);
    const float nx = (2.0f * x / float(mWidth) - 1.0f) * tanV * aspect;
    const float ny = (1.0f - 2.0f * y / float(mHeight)) * tanV;
    const glm::vec3 right = camera.right();
    const glm::vec3 up = glm::cross(right, camera.forward());
    return glm::normalize(camera.forward() + right * nx + up * ny);
}

std::optional<size_t> Viewer::pickStation(float x, float y) const {
    const glm::vec3 origin = currentPose().position;
    const glm::vec3 dir = rayThrough(x, y);
    std::optional<size_t> best;
    float bestT = 1e9f;
    for (size_t i = 0; i < mStations.size(); ++i) {
        const StationPoint& s = mStations[i];
        if (int(i) == mCurrentStation || !s.hasFloor || std::abs(dir.z) < 1e-4f) continue;
        const float t = (s.floor.z + 0.01f - origin.z) / dir.z;
        if (t <= 0.0f || t >= bestT) continue;
        const glm::vec3 p = origin + dir * t;
        if (glm::length(glm::vec2(p) - glm::vec2(s.floor)) > kMarkerRadius * 1.4f) continue;
        if (mBvh->anyHit(origin, p - dir * 0.05f)) continue; // the marker is hidden behind something
        best = i;
        bestT = t;
    }
    return best;
}

std::optional<size_t> Viewer::pickHotspot(float x, float y) const {
    return mHotspots->pick(currentPose().position, rayThrough(x, y));
}

std::optional<glm::vec3> Viewer::pickFloor(float x, float y) const {
    const glm::vec3 origin = currentPose().position;
    auto hit = mBvh->raycast(origin, rayThrough(x, y), 50.0f);
    if (!hit || std::abs(hit->normal.z) < mWalker->settings().minFloorNormalZ || hit->point.z > origin.z) {
        return std::nullopt;
    }
    return hit->point;
}

std::vector<render::Marker> Viewer::stationMarkers() const {
    std::vector<render::Marker> markers;
    if (mGlide) return markers;
    const bool active = mLook.turning() || mWalkKeys[0] || mWalkKeys[1] || mWalkKeys[2] || mWalkKeys[3] ||
                        glm::length(mStick) > 0.0f;
    const double since = active ? 0.0 : mNow - mLastPointerActivity;
    const float visibility = fadeAfter(since, mSettings.markerSeconds, kMarkerFadeSeconds);
    if (visibility <= 0.0f) return markers;
    const std::optional<size_t> hovered = pickStation(mPointerX, mPointerY);
    for (size_t i = 0; i < mStations.size(); ++i) {
        if (int(i) == mCurrentStation || !mStations[i].hasFloor) continue;
        render::Marker m;
        m.center = mStations[i].floor;
        m.radius = kMarkerRadius;
        m.shape = render::MarkerShape::FloorDisc;
        m.color = glm::vec3(1.0f, 0.96f, 0.9f);
        m.opacity = 0.8f * visibility;
        m.highlight = (hovered == i || int(i) == mFocusedStation) ? 1.0f : 0.0f;
        markers.push_back(m);
    }
    return markers;
}

ViewerFrame Viewer::frame() const {
    ViewerFrame frame;
    const float fov = currentFov();
    if (mGlide) {
        const view::GlideFrame g = view::evaluate(*mGlide, float(mNow - mGlideStart));
        frame.camera = cameraFor(g.pose, fov);
        frame.overlays.fadeAlpha = g.fadeAlpha;
    } else {
        frame.camera = cameraFor(currentPose(), fov);
    }
    if (mAligned && !mGlide) return frame; // nothing over the photograph
    frame.overlays.markers = stationMarkers();
    if (!mGlide || mGlide->style == view::GlideStyle::Move) {
        const std::optional<size_t> hovered =
            mPointerKnown ? pickHotspot(mPointerX, mPointerY) : std::nullopt;
        // Nothing but the room until the visitor engages; then the hotspots glow faintly.
        const float presence = mAnyInput ? fadeAfter(mNow - mLastInput, mSettings.hotspots.engagedSeconds,
                                                     kMarkerFadeSeconds * 2.0)
                                         : 0.0f;
        for (const render::Marker& m : mHotspots->markers(frame.camera, hovered, mNow, presence)) {
            frame.overlays.markers.push_back(m);
        }
    }
    if (mAnyInput) {
        const float fadeIn = float(std::clamp((mNow - mHelpShownSince) / kHelpFadeInSeconds, 0.0, 1.0));
        frame.helpOpacity = fadeIn * fadeAfter(mNow - mLastInput, mSettings.helpSeconds, kHelpFadeOutSeconds);
    }
    return frame;
}

} // namespace sr::app
