#include "app/lightbox.h"

#include <algorithm>
#include <cmath>

#include "view/glide.h"

namespace sr::app {
namespace {
using platform::EventType;
namespace keys = platform::keys;
constexpr float kDragSlop = 8.0f;
constexpr float kWheelStep = 1.25f; // zoom per wheel notch
// Zooming by dragging, the one-finger pinch of phones (double-tap and drag) and of mice (right
// button or Ctrl with the left): this many pixels of vertical drag double the zoom.
constexpr float kPinchPixels = 160.0f;
constexpr double kDoubleTapSeconds = 0.35;
constexpr float kDoubleTapPixels = 40.0f;
constexpr int kModControl = 0x2; // GLFW_MOD_CONTROL
constexpr float kPanKeyPixels = 120.0f;
} // namespace

Lightbox::Lightbox(const scene::Hotspot& hotspot, asset::PhotoLoader& loader,
                   const LightboxSettings& settings, double now)
    : mHotspot(hotspot), mLoader(loader), mSettings(settings), mNow(now), mOpenedAt(now), mLastInput(now) {
    showPhoto(0);
}

void Lightbox::setViewport(uint32_t width, uint32_t height) {
    mWidth = std::max(width, 1u);
    mHeight = std::max(height, 1u);
    clampPan();
}

void Lightbox::showPhoto(size_t index) {
    if (mHotspot.photos.empty()) {
        mError = core::makeError(mHotspot.id, "this hotspot has no photographs");
        return;
    }
    mIndex = index % mHotspot.photos.size();
    if (mRequest) mRequest->cancel();
    mRequest = mLoader.request(mHotspot.photos[mIndex].resolved);
    mPhoto.reset();
    mError.reset();
    mZoom = 1.0f;
    ++mGeneration;
}

void Lightbox::update(double now) {
    mNow = std::max(now, mNow);
    if (mRequest && mRequest->ready()) {
        auto result = mRequest->take();
        mRequest.reset();
        if (result) {
            mPhoto = std::move(result).value();
            mCenter = {mPhoto->width(0) * 0.5f, mPhoto->height(0) * 0.5f};
        } else {
            mError = result.error();
        }
        ++mGeneration;
    }
    if (!mClosingAt && mSettings.closeAfterSeconds > 0.0 && mNow - mLastInput > mSettings.closeAfterSeconds) {
        requestClose();
    }
}

void Lightbox::requestClose() {
    if (!mClosingAt) mClosingAt = mNow;
}

float Lightbox::opacity() const {
    const double in = std::clamp((mNow - mOpenedAt) / mSettings.fadeSeconds, 0.0, 1.0);
    const double out =
        mClosingAt ? std::clamp(1.0 - (mNow - *mClosingAt) / mSettings.fadeSeconds, 0.0, 1.0) : 1.0;
    return view::smoothstep01(std::min(in, out));
}

bool Lightbox::closed() const { return mClosingAt && mNow - *mClosingAt >= mSettings.fadeSeconds; }

Lightbox::Area Lightbox::photoArea() const {
    const float w = float(mWidth), h = float(mHeight) * (1.0f - mSettings.captionHeight);
    const Area full{{w * 0.5f, h * 0.5f}, {w * 0.92f, h * 0.94f}};
    if (!mPhoto || mCorner.x <= 0.0f || mCorner.y <= 0.0f) return full;
    // The controls in the top-right corner never cover the photo at fit size: either keep both
    // sides clear of them or keep a band along the top clear, whichever shows the photo larger.
    constexpr float kGap = 8.0f;
    const Area sides{full.center, {std::max(1.0f, w - 2.0f * (mCorner.x + kGap)), full.size.y}};
    const float top = mCorner.y + kGap;
    const Area band{{w * 0.5f, (top + h) * 0.5f}, {full.size.x, std::max(1.0f, (h - top) * 0.94f)}};
    const glm::vec2 photo(float(mPhoto->width(0)), float(mPhoto->height(0)));
    const auto fit = [&](const Area& a) { return std::min(a.size.x / photo.x, a.size.y / photo.y); };
    return fit(sides) >= fit(band) ? sides : band;
}

float Lightbox::fitScale() const {
    if (!mPhoto) return 1.0f;
    const Area area = photoArea();
    // The largest size that fits, but never enlarged: a small photo stays sharp at 1:1.
    return std::min({area.size.x / float(mPhoto->width(0)), area.size.y / float(mPhoto->height(0)), 1.0f});
}

PhotoLayout Lightbox::layout() const {
    PhotoLayout layout;
    if (!mPhoto) return layout;
    layout.scale = fitScale() * mZoom;
    const glm::vec2 origin = photoArea().center - mCenter * layout.scale;
    const glm::vec2 size(float(mPhoto->width(0)) * layout.scale, float(mPhoto->height(0)) * layout.scale);
    layout.rect = {origin.x, origin.y, origin.x + size.x, origin.y + size.y};
    const glm::vec2 lo = glm::max(glm::vec2(0.0f), (glm::vec2(0.0f) - origin) / layout.scale);
    const glm::vec2 hi = glm::min(glm::vec2(mPhoto->width(0), mPhoto->height(0)),
                                  (glm::vec2(float(mWidth), float(mHeight)) - origin) / layout.scale);
    layout.visible = {lo.x, lo.y, hi.x, hi.y};
    return layout;
}

void Lightbox::clampPan() {
    if (!mPhoto) return;
    const float scale = fitScale() * mZoom;
    const glm::vec2 size(float(mPhoto->width(0)), float(mPhoto->height(0)));
    // Half the photo area in photo pixels: the centre may move until an edge reaches the area's edge.
    const glm::vec2 half = photoArea().size * 0.5f / scale;
    for (int axis = 0; axis < 2; ++axis) {
        if (size[axis] <= 2.0f * half[axis]) {
            mCenter[axis] = size[axis] * 0.5f; // smaller than the area: centred
        } else {
            mCenter[axis] = std::clamp(mCenter[axis], half[axis], size[axis] - half[axis]);
        }
    }
}

void Lightbox::zoomAbout(float factor, glm::vec2 screenPoint) {
    if (!mPhoto) return;
    const float maxZoom = std::max(1.0f, mSettings.maxZoom / fitScale());
    const float before = fitScale() * mZoom;
    mZoom = std::clamp(mZoom * factor, 1.0f, maxZoom);
    const float after = fitScale() * mZoom;
    // Keep the photo pixel under the pointer where it is.
    const glm::vec2 areaCenter = photoArea().center;
    const glm::vec2 under = mCenter + (screenPoint - areaCenter) / before;
    mCenter = under - (screenPoint - areaCenter) / after;
    clampPan();
}

void Lightbox::setControlsCorner(glm::vec2 size) {
    mCorner = size;
    clampPan();
}

void Lightbox::setCaptionHeight(float fraction) {
    mSettings.captionHeight = std::clamp(fraction, 0.1f, 0.6f);
    clampPan();
}

bool Lightbox::insidePhoto(glm::vec2 p) const {
    const PhotoLayout l = layout();
    return p.x >= l.rect.x && p.x <= l.rect.z && p.y >= l.rect.y && p.y <= l.rect.w;
}

void Lightbox::handle(const platform::InputEvent& e) {
    if (e.type == EventType::Resize) return setViewport(uint32_t(e.x), uint32_t(e.y));
    const glm::vec2 p(e.x, e.y);
    if (e.type == EventType::PointerMove && !mPressed) {
        mLast = p; // hovering is not input, but the wheel zooms about the pointer
        return;
    }
    mLastInput = std::max(mLastInput, e.time);
    switch (e.type) {
    case EventType::PointerDown: {
        const bool doubleTap = e.button == 0 && e.time - mLastTapTime < kDoubleTapSeconds &&
                               glm::length(p - mLastTap) < kDoubleTapPixels && insidePhoto(p);
        mPinching = e.button == 1 || (e.button == 0 && (e.mods & kModControl)) || doubleTap;
        mDoubleTap = doubleTap;
        mPressed = e.button == 0 || mPinching;
        mDragged = false;
        mPress = mLast = p;
        mPinchStartZoom = mZoom;
        break;
    }
    case EventType::PointerMove:
        if (!mPressed) break;
        if (!mDragged && glm::length(p - mPress) > kDragSlop) mDragged = true;
        if (mDragged && mPhoto && mPinching) {
            // Down zooms in, up zooms out, about the point where the drag began.
            const float target = mPinchStartZoom * std::exp2((p.y - mPress.y) / kPinchPixels);
            zoomAbout(target / mZoom, mPress);
        } else if (mDragged && mPhoto) {
            mCenter -= (p - mLast) / (fitScale() * mZoom);
            clampPan();
        }
        mLast = p;
        break;
    case EventType::PointerUp:
        if (mPressed && !mDragged && mDoubleTap && mPhoto) {
            // A double tap without a drag: in to one photo pixel per screen pixel there, or back out.
            zoomAbout(mZoom > 1.01f ? 1.0f / mZoom : 1.0f / (fitScale() * mZoom), p);
            mLastTapTime = -1e9;
        } else if (mPressed && !mDragged && !mPinching) {
            if (!insidePhoto(p)) requestClose(); // a tap beside the photo
            mLastTapTime = e.time;
            mLastTap = p;
        }
        mPressed = mDragged = mPinching = mDoubleTap = false;
        break;
    case EventType::Scroll: zoomAbout(std::pow(kWheelStep, e.scrollY), glm::vec2(mLast)); break;
    case EventType::KeyDown: {
        const glm::vec2 middle = photoArea().center; // keys zoom about the middle of the photo
        if (e.key == keys::kEscape)
            requestClose();
        else if (e.key == '=' || e.key == 334 /* keypad + */)
            zoomAbout(kWheelStep, middle);
        else if (e.key == '-' || e.key == 333 /* keypad - */)
            zoomAbout(1.0f / kWheelStep, middle);
        else if (e.key == '0')
            zoomAbout(1.0f / mZoom, middle);
        else if (mZoom > 1.0f && (e.key == keys::kLeft || e.key == keys::kRight || e.key == keys::kUp ||
                                  e.key == keys::kDown)) {
            const float s = kPanKeyPixels / (fitScale() * mZoom);
            mCenter += glm::vec2(e.key == keys::kRight  ? s
                                 : e.key == keys::kLeft ? -s
                                                        : 0.0f,
                                 e.key == keys::kDown ? s
                                 : e.key == keys::kUp ? -s
                                                      : 0.0f);
            clampPan();
        } else if (e.key == keys::kRight || e.key == keys::kPageDown || e.key == keys::kSpace) {
            showPhoto(mIndex + 1);
        } else if (e.key == keys::kLeft || e.key == keys::kPageUp) {
            showPhoto(mIndex + photoCount() - 1);
        }
        break;
    }
    default: break;
    }
}

} // namespace sr::app
