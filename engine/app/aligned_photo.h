#pragma once
// A photograph shown from the place it was taken. The viewer glides the visitor to the photo's
// solved camera pose with a field of view that holds the whole picture; then the room dissolves
// into the photograph, registered over it pixel for pixel (render::PhotoWarp), and back when the
// visitor taps, presses Esc, or leaves it alone for a while. Events and time in, what to draw out;
// the photo loads on the PhotoLoader's thread.
#include <memory>
#include <optional>

#include "app/room_source.h"
#include "asset/photo.h"
#include "core/result.h"
#include "platform/input_event.h"
#include "previs/shot.h"
#include "render/image_pass.h"
#include "scene/exhibit.h"
#include "view/camera.h"
#include "view/glide.h"

namespace sr::app {

// Where a visitor stands to see `photo` as it was taken: its optical centre, looking along its
// optical axis with the camera level (no roll: the photograph's own roll is kept by the warp),
// and the vertical field of view in which the whole photograph fits a view of `aspect` (width /
// height) with `margin` of the view's half-size left around it.
struct AlignedCamera {
    view::Pose pose;
    float verticalFovDeg = 60.0f;
};
AlignedCamera alignedCameraFor(const scene::AlignedPhoto& photo, float aspect, float margin = 0.08f);

// The warp that lays `photo` (whose file has EXIF `orientation`) over a frame that `camera` renders
// into `width` x `height` pixels.
render::PhotoWarp photoWarpFor(const scene::AlignedPhoto& photo, const view::Camera& camera, uint32_t width,
                               uint32_t height, int orientation);

// Where the point `world` of the room lands in the stored photo's pixels through its lens, or
// nothing when it is behind the camera. For tests and measurements.
std::optional<glm::dvec2> projectIntoPhoto(const scene::AlignedPhoto& photo, const glm::dvec3& world);

// The room's photogrammetry poses (RoomSource::poses) in room space, photos confined to the exhibit
// folder (scene::loadRoomPoses). An Error naming the file when they cannot be read, or when the
// room has none.
core::Result<asset::PoseSet> loadSourcePoses(const RoomSource& source);

// A previs shot that sees what `photo` saw: the camera at its centre with its orientation (roll
// included), the picture's aspect as the output aspect, and the focal length that gives the
// photo's horizontal angle on `body`'s sensor cropped to that aspect. The body's sensor, lens
// choice, stop and rig are kept; the lens is focused at `focusDistanceM` when it is positive.
// The principal point's offset (lens shift) and distortion are not carried.
previs::Shot shotFromPhoto(const scene::AlignedPhoto& photo, const previs::Shot& body, float focusDistanceM);

struct AlignedPhotoSettings {
    double fadeInSeconds = 1.6;      // the room dissolving into the photograph
    double fadeOutSeconds = 0.9;     // and back
    double closeAfterSeconds = 60.0; // without input; 0 never
};

class AlignedPhotoView {
public:
    // `hotspot` must have `aligned`. Starts loading its photograph at once.
    AlignedPhotoView(const scene::Hotspot& hotspot, asset::PhotoLoader& loader,
                     const AlignedPhotoSettings& settings, double now);

    // A tap anywhere, Esc, Backspace, Enter or Space leaves the photograph.
    void handle(const platform::InputEvent& event);
    void update(double now);
    void requestClose();
    // Headless runs: blocks until the photograph has loaded (or failed), so that a replay with a
    // driven clock shows the same frames however fast this machine decodes.
    void settle() const;

    // 0..1: how much of the photograph is over the room (eased).
    float opacity() const;
    // True once it has faded back out after a close (or at once when the photo could not load).
    bool closed() const;

    const scene::Hotspot& hotspot() const { return mHotspot; }
    const scene::AlignedPhoto& photo() const { return *mHotspot.aligned; }
    // The photograph once loaded.
    const asset::PhotoPyramid* pyramid() const { return mPyramid ? &*mPyramid : nullptr; }
    const std::optional<core::Error>& error() const { return mError; }
    // EXIF orientation of the file (1 when it has none).
    int orientation() const { return mOrientation; }
    // Changes when a different pyramid becomes current (for GPU caches).
    uint64_t generation() const { return mGeneration; }

private:
    scene::Hotspot mHotspot;
    AlignedPhotoSettings mSettings;
    std::shared_ptr<asset::PhotoRequest> mRequest;
    std::optional<asset::PhotoPyramid> mPyramid;
    std::optional<core::Error> mError;
    int mOrientation = 1;
    uint64_t mGeneration = 0;
    double mNow = 0.0, mLastInput = 0.0;
    std::optional<double> mShownAt, mClosingAt;
    float mClosingFrom = 0.0f; // opacity when the close began
    bool mPressed = false;
    glm::vec2 mPress{0.0f};
};

} // namespace sr::app
