#pragma once
// The photo lightbox as a state machine: a hotspot's photographs over the dimmed room, fading in,
// shown at the largest size that fits (never enlarged past 1:1 until the visitor zooms), zoomed
// about the pointer with the wheel, keys, a double tap, or a pinch-like drag (double-tap and drag,
// right-drag, Ctrl-drag: down zooms in), panned by dragging, paged with the arrow keys, closed
// by Escape, a tap outside the photo, the close control, or a while without input. Events and
// time in, what to draw out; photos load on the PhotoLoader's thread.
#include <memory>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "asset/photo.h"
#include "core/result.h"
#include "platform/input_event.h"
#include "scene/exhibit.h"

namespace sr::app {

struct LightboxSettings {
    double fadeSeconds = 0.35;       // fade in and out
    double closeAfterSeconds = 90.0; // without input; 0 never
    float maxZoom = 4.0f;            // screen pixels per photo pixel at the closest
    float captionHeight = 0.2f;      // fraction of the screen kept for the caption below the photo
};

// Where the photo sits on screen this frame.
struct PhotoLayout {
    glm::vec4 rect{0.0f};    // screen pixels of the whole photo: x0, y0, x1, y1 (may exceed the screen)
    float scale = 0.0f;      // screen pixels per photo pixel
    glm::vec4 visible{0.0f}; // photo pixels on screen: x0, y0, x1, y1
};

class Lightbox {
public:
    Lightbox(const scene::Hotspot& hotspot, asset::PhotoLoader& loader, const LightboxSettings& settings,
             double now);

    void setViewport(uint32_t width, uint32_t height);
    void handle(const platform::InputEvent& event);
    void update(double now);

    // 0..1: how far the lightbox has faded in (it fades out before closing).
    float opacity() const;
    // True once it has faded out after being asked to close.
    bool closed() const;
    void requestClose();

    size_t photoIndex() const { return mIndex; }
    size_t photoCount() const { return mHotspot.photos.size(); }
    void showPhoto(size_t index);
    const scene::Hotspot& hotspot() const { return mHotspot; }

    // The photo being shown once loaded; an error when it could not be (shown instead of it).
    const asset::PhotoPyramid* photo() const { return mPhoto ? &*mPhoto : nullptr; }
    const std::optional<core::Error>& error() const { return mError; }
    bool loading() const { return mRequest != nullptr; }
    // A counter that changes whenever a different photo becomes current (for GPU caches).
    uint64_t photoGeneration() const { return mGeneration; }

    PhotoLayout layout() const;
    // Zoom relative to fit-to-screen (1 = fit). Exposed for tests and the UI.
    float zoom() const { return mZoom; }
    void zoomAbout(float factor, glm::vec2 screenPoint);
    // Keeps `fraction` of the screen's height below the photo for its caption (larger text needs
    // more); clamped to [0.1, 0.6].
    void setCaptionHeight(float fraction);
    const LightboxSettings& settings() const { return mSettings; }
    // The size in pixels of the controls in the top-right corner, which the photo at fit size
    // keeps clear of.
    void setControlsCorner(glm::vec2 size);

private:
    struct Area {
        glm::vec2 center, size; // pixels
    };
    Area photoArea() const; // where the photo fits, clear of the caption and the controls
    float fitScale() const;
    void clampPan();
    bool insidePhoto(glm::vec2 point) const;

    scene::Hotspot mHotspot;
    asset::PhotoLoader& mLoader;
    LightboxSettings mSettings;
    size_t mIndex = 0;
    std::shared_ptr<asset::PhotoRequest> mRequest;
    std::optional<asset::PhotoPyramid> mPhoto;
    std::optional<core::Error> mError;
    uint64_t mGeneration = 0;

    uint32_t mWidth = 1280, mHeight = 720;
    glm::vec2 mCorner{0.0f};
    float mZoom = 1.0f;
    glm::vec2 mCenter{0.0f}; // photo pixel at the centre of the photo area
    double mNow = 0.0, mOpenedAt = 0.0, mLastInput = 0.0;
    std::optional<double> mClosingAt;

    bool mPressed = false, mDragged = false;
    glm::vec2 mPress{0.0f}, mLast{0.0f};
    bool mPinching = false, mDoubleTap = false; // this press zooms instead of panning
    float mPinchStartZoom = 1.0f;
    double mLastTapTime = -1e9;
    glm::vec2 mLastTap{0.0f};
};

} // namespace sr::app
