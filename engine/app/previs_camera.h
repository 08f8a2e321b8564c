#pragma once
// The film camera of the previs workspace: a physical body and lens (a previs::Shot without a
// name) standing in a room, moved only where its rig allows and never through the scan.
//
// World space: right-handed, +Z up, metres. Pixels: origin at the viewport's top-left corner,
// +x right, +y down.
#include <optional>
#include <span>
#include <string>

#include <glm/glm.hpp>

#include "previs/camera_move.h"
#include "previs/frame_guides.h"
#include "previs/shot.h"
#include "render/renderer.h"
#include "view/bvh.h"
#include "view/walker.h"

namespace sr::app {

// How a shot is seen in a viewport: the delivered picture is the largest rectangle of the
// filmback's aspect centred in the viewport, and the lens's field of view spans it exactly; the
// room beyond it (under the masks) is drawn too.
struct PrevisView {
    render::FrameView frame;   // matrices for the whole viewport
    previs::PixelRect picture; // the delivered picture, pixels
    glm::vec2 viewport{1.0f};  // pixels
    float viewportVerticalFovDeg = 60.0f;
};

inline constexpr float kPrevisNearClipM = 0.02f;
inline constexpr float kPrevisFarClipM = 200.0f;

// The view of `shot` in a viewport of `viewportPx` pixels (both > 0).
PrevisView previsViewFor(const previs::Shot& shot, glm::vec2 viewportPx);
// The unit world direction through pixel `pixel` of `view`.
glm::vec3 rayThroughPixel(const PrevisView& view, glm::vec2 pixel);
// Where world point `point` appears in `view`, in pixels; nothing when it lies behind the near plane.
std::optional<glm::vec2> projectToPixel(const PrevisView& view, const glm::vec3& point);
// The part of segment `a`-`b` in front of the camera's near plane, projected to pixels (nothing when
// none of it is).
std::optional<glm::vec4> projectSegment(const PrevisView& view, const glm::vec3& a, const glm::vec3& b);

// Full stops from f/1 to f/32, for stepping the aperture.
std::span<const float> fullStops();

class PrevisCamera {
public:
    // Radius of the sphere kept clear of the scan around the lens (a compact camera body), metres.
    static constexpr float kBodyRadiusM = 0.12f;

    // `bvh` is only read and must outlive the camera. `start` gives body, lens and pose.
    PrevisCamera(const view::MeshBvh& bvh, const previs::Shot& start);

    // The camera as a shot (its name empty).
    const previs::Shot& shot() const { return mShot; }
    // Pan, tilt and roll of the head, degrees (camera_pose.h).
    const previs::PanTiltRoll& angles() const { return mAngles; }

    // Takes body, lens, rig and pose from `shot` (its name is not kept).
    void setShot(const previs::Shot& shot);
    void setSensor(const previs::Sensor& sensor);
    // The delivered picture's aspect (width / height); <= 0: the sensor's own.
    void setOutputAspect(float aspect);
    // A lens preset id, or "" for any focal length; the focal length is snapped to the lens.
    void setLens(const std::string& lensId);
    // Millimetres: the nearest prime of the lens, or clamped to its zoom range (any lens: 1-2000).
    void setFocalLength(float focalLengthMm);
    // One prime (or 5% of focal length on a zoom) longer per positive step, shorter per negative.
    void stepFocalLength(int steps);
    void setFStop(float fStop); // clamped to f/0.5 .. f/128
    void stepFStop(int steps);  // full stops: positive closes down
    // Metres from the focal plane, clamped to [max(0.1, 2 focal lengths), 1000].
    void setFocusDistance(float metres);
    // Puts the camera on `rig` (previs::isValidRig) and moves it into the rig's limits, as far as
    // it can go without passing through the scan.
    void setRig(const previs::Rig& rig);

    // Tilt is clamped to [-90, 90]; pan and roll wrap to (-180, 180].
    void setAngles(const previs::PanTiltRoll& angles);
    void turn(float panDeg, float tiltDeg, float rollDeg);
    // Moves the lens by `delta` (world metres) as far as it can go: in sub-steps of half the body's
    // radius, sliding along what it touches, never through a surface of the scan, then into the
    // rig's limits (a move the rig turns into one through a wall is refused).
    void move(const glm::vec3& delta);
    // Playback: the pose, focal length and focus of a move's sample as they are (no collision, no
    // snapping to the lens).
    void showSample(const previs::MoveSample& sample);

    // The floor under the lens: the lowest walkable surface below it (under a table or a bed too);
    // nothing over a hole in the scan or outside the room.
    std::optional<float> floorHeight() const;
    std::optional<float> heightAboveFloor() const;
    // The first surface on the lens's axis: its distance from the lens, metres.
    std::optional<float> distanceOnAxis() const;

private:
    glm::vec3 collide(const glm::vec3& from, const glm::vec3& to) const;
    glm::vec3 pushClear(glm::vec3 point) const;
    void clampFocus();

    const view::MeshBvh& mBvh;
    view::Walker mWalker; // floor finding only
    previs::Shot mShot;
    previs::PanTiltRoll mAngles;
};

} // namespace sr::app
